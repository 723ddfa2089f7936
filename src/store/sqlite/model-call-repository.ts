import { and, asc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { ModelTier, Stage } from '../../domain/index.js';
import type { Db } from '../db.js';
import { modelCalls, tickets } from '../schema.js';
import type { LedgerRow, ModelCallRecord, ModelCallRepository, SpendByTier } from '../types.js';

export class SqliteModelCallRepository implements ModelCallRepository {
  /** Prepared once: budgets run this before every billed call. */
  private readonly spentQuery;

  constructor(private readonly db: Db) {
    this.spentQuery = db
      .select({ total: sql<number>`coalesce(sum(${modelCalls.costUsd}), 0)`, lastId: sql<number | null>`max(${modelCalls.id})` })
      .from(modelCalls)
      .where(and(gt(modelCalls.id, sql.placeholder('afterId')), gte(modelCalls.createdAt, sql.placeholder('since'))))
      .prepare();
  }

  record(call: ModelCallRecord): void {
    this.db
      .insert(modelCalls)
      .values({
        ticketId: call.ticketId,
        stage: call.stage,
        tier: call.tier,
        provider: call.provider,
        model: call.model,
        requestId: call.requestId,
        promptName: call.promptName,
        promptVersion: call.promptVersion,
        inputTokens: call.usage.input,
        cachedInputTokens: call.usage.cachedInput,
        outputTokens: call.usage.output,
        reasoningTokens: call.usage.reasoning,
        costUsd: call.costUsd,
        estimatedCostUsd: call.estimatedCostUsd,
        priceVersion: call.priceVersion,
        latencyMs: Math.round(call.latencyMs),
        outcome: call.outcome,
        errorMessage: call.errorMessage,
        rawUsage: call.rawUsage ?? null,
        ...(call.createdAt ? { createdAt: call.createdAt } : {}),
      })
      .run();
  }

  forTicket(ticketId: number): (ModelCallRecord & { id: number; createdAt: Date })[] {
    return this.db
      .select()
      .from(modelCalls)
      .where(eq(modelCalls.ticketId, ticketId))
      .orderBy(asc(modelCalls.id))
      .all()
      .map((row) => ({
        id: row.id,
        ticketId: row.ticketId,
        stage: row.stage as Stage,
        tier: row.tier as ModelTier,
        provider: row.provider,
        model: row.model,
        requestId: row.requestId,
        promptName: row.promptName,
        promptVersion: row.promptVersion,
        usage: {
          input: row.inputTokens,
          cachedInput: row.cachedInputTokens,
          output: row.outputTokens,
          reasoning: row.reasoningTokens,
        },
        costUsd: row.costUsd,
        estimatedCostUsd: row.estimatedCostUsd,
        priceVersion: row.priceVersion,
        latencyMs: row.latencyMs,
        outcome: row.outcome,
        errorMessage: row.errorMessage,
        rawUsage: row.rawUsage,
        createdAt: row.createdAt,
      }));
  }

  ticketCost(ticketId: number): number {
    const row = this.db
      .select({ total: sql<number>`coalesce(sum(${modelCalls.costUsd}), 0)` })
      .from(modelCalls)
      .where(eq(modelCalls.ticketId, ticketId))
      .get();
    return row?.total ?? 0;
  }

  spendByTier(since?: Date, until?: Date): SpendByTier[] {
    const conditions = [];
    if (since) conditions.push(gte(modelCalls.createdAt, since));
    if (until) conditions.push(lt(modelCalls.createdAt, until));
    return this.db
      .select({
        tier: modelCalls.tier,
        calls: sql<number>`count(*)`,
        inputTokens: sql<number>`coalesce(sum(${modelCalls.inputTokens}), 0)`,
        cachedInputTokens: sql<number>`coalesce(sum(${modelCalls.cachedInputTokens}), 0)`,
        outputTokens: sql<number>`coalesce(sum(${modelCalls.outputTokens}), 0)`,
        costUsd: sql<number>`coalesce(sum(${modelCalls.costUsd}), 0)`,
        estimatedCostUsd: sql<number>`coalesce(sum(${modelCalls.estimatedCostUsd}), 0)`,
      })
      .from(modelCalls)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .groupBy(modelCalls.tier)
      .all()
      .map((row) => ({ ...row, tier: row.tier as ModelTier }));
  }

  spentSinceAfter(since: Date, afterId: number): { costUsd: number; lastId: number } {
    // created_at is stored as epoch milliseconds; placeholders are bound as given.
    const row = this.spentQuery.get({ afterId, since: since.getTime() });
    return { costUsd: row?.total ?? 0, lastId: row?.lastId ?? afterId };
  }

  callsBetween(since: Date, until: Date): LedgerRow[] {
    return this.db
      .select({
        ticketId: modelCalls.ticketId,
        platform: tickets.platform,
        channelId: tickets.channelId,
        stage: modelCalls.stage,
        tier: modelCalls.tier,
        model: modelCalls.model,
        inputTokens: modelCalls.inputTokens,
        cachedInputTokens: modelCalls.cachedInputTokens,
        outputTokens: modelCalls.outputTokens,
        costUsd: modelCalls.costUsd,
        estimatedCostUsd: modelCalls.estimatedCostUsd,
        outcome: modelCalls.outcome,
        createdAt: modelCalls.createdAt,
      })
      .from(modelCalls)
      .leftJoin(tickets, eq(tickets.id, modelCalls.ticketId))
      .where(and(gte(modelCalls.createdAt, since), lt(modelCalls.createdAt, until)))
      .orderBy(asc(modelCalls.createdAt), asc(modelCalls.id))
      .all()
      .map((row) => ({
        ...row,
        stage: row.stage as Stage,
        tier: row.tier as ModelTier,
        estimatedCostUsd: row.estimatedCostUsd ?? 0,
      }));
  }
}
