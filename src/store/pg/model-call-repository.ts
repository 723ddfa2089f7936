/**
 * The spend ledger in Postgres (the SQLite repository says what each call
 * means). Every settling statement numbers its row with next_settled_seq(),
 * which hands numbers out in commit order (schema.ts, settleCounter), so
 * `spentSinceAfter` never skips a row that committed late; the aggregates
 * are added by the model_calls_settled trigger in the same statement.
 */
import { and, asc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import { settledCallValues, toModelCallRecord } from '../model-call-row.js';
import { StoreError } from '../../errors.js';
import type { AttemptResult, ModelCallRecord, ModelCallRepository, OpenAttempt } from '../types.js';
import { IN_FLIGHT, UNKNOWN_OUTCOME } from '../sqlite/model-call-repository.js';
import { modelCalls, ticketSpend } from './schema.js';
import type { PgSession } from './session.js';

const nextSettledSeq = sql`next_settled_seq()`;
const inFlight = sql`${modelCalls.outcome} = 'in_flight'`;
/** Sums of bigint come back as numeric strings: read as numbers (nano-dollar totals stay below 2^53). */
const sumOf = (column: typeof modelCalls.costNanos) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

export class PgModelCallRepository implements ModelCallRepository {
  constructor(private readonly session: PgSession) {}

  async record(call: ModelCallRecord): Promise<number> {
    const [row] = await this.session
      .db()
      .insert(modelCalls)
      .values({ ...settledCallValues(call), settledSeq: nextSettledSeq })
      .returning({ id: modelCalls.id });
    if (!row) throw new StoreError('the ledger row was not written');
    return row.id;
  }

  async open(attempt: OpenAttempt): Promise<number> {
    const [row] = await this.session
      .db()
      .insert(modelCalls)
      .values({
        attemptId: attempt.attemptId,
        owner: attempt.owner,
        ticketId: attempt.ticketId,
        stage: attempt.stage,
        tier: attempt.tier,
        provider: attempt.provider,
        model: attempt.model,
        promptName: attempt.promptName,
        promptVersion: attempt.promptVersion,
        priceVersion: attempt.priceVersion,
        shadow: attempt.shadow ?? false,
        inputTokens: 0,
        cachedInputTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
        // The reservation: what the budget counts until the attempt ends.
        costNanos: attempt.worstCaseNanos,
        worstCaseNanos: attempt.worstCaseNanos,
        costBasis: 'reserved',
        latencyMs: 0,
        outcome: IN_FLIGHT,
        createdAt: attempt.createdAt ?? new Date(),
      })
      .returning({ id: modelCalls.id });
    if (!row) throw new StoreError('the ledger row was not written');
    return row.id;
  }

  async close(id: number, result: AttemptResult): Promise<void> {
    await this.session
      .db()
      .update(modelCalls)
      .set({
        requestId: result.requestId,
        inputTokens: result.usage.input,
        cachedInputTokens: result.usage.cachedInput,
        outputTokens: result.usage.output,
        reasoningTokens: result.usage.reasoning,
        costNanos: result.costNanos,
        costBasis: result.costBasis,
        estimatedCostNanos: result.estimatedCostNanos,
        latencyMs: Math.round(result.latencyMs),
        outcome: result.outcome,
        errorMessage: result.errorMessage,
        rawUsage: result.rawUsage ?? null,
        settledSeq: nextSettledSeq,
      })
      .where(and(eq(modelCalls.id, id), inFlight));
  }

  async closeAbandoned(owners: readonly string[]): Promise<number> {
    if (owners.length === 0) return 0;
    // One statement: next_settled_seq() runs once per row it closes, so each gets its own number.
    const closed = await this.session
      .db()
      .update(modelCalls)
      .set({
        costNanos: sql`coalesce(${modelCalls.worstCaseNanos}, ${modelCalls.costNanos})`,
        costBasis: 'worst_case',
        outcome: UNKNOWN_OUTCOME,
        errorMessage: 'the process making this call stopped before it ended; priced at its worst case',
        settledSeq: nextSettledSeq,
      })
      .where(and(inFlight, inArray(modelCalls.owner, [...owners])))
      .returning({ id: modelCalls.id });
    return closed.length;
  }

  async openOwners(): Promise<string[]> {
    const rows = await this.session.db().selectDistinct({ owner: modelCalls.owner }).from(modelCalls).where(inFlight);
    return rows.flatMap((row) => (row.owner ? [row.owner] : []));
  }

  async inFlightSince(since: Date): Promise<number> {
    const [row] = await this.session.db().select({ total: sumOf(modelCalls.costNanos) }).from(modelCalls).where(and(inFlight, gte(modelCalls.createdAt, since)));
    return row?.total ?? 0;
  }

  async forTicket(ticketId: number | null): Promise<(ModelCallRecord & { id: number; createdAt: Date })[]> {
    const rows = await this.session
      .db()
      .select()
      .from(modelCalls)
      .where(ticketId === null ? isNull(modelCalls.ticketId) : eq(modelCalls.ticketId, ticketId))
      .orderBy(asc(modelCalls.id));
    return rows.map(toModelCallRecord);
  }

  async ticketCost(ticketId: number): Promise<{ costNanos: number; estimatedCostNanos: number }> {
    // The aggregate the ledger's trigger keeps: settled calls, shadow calls left out.
    const [row] = await this.session
      .db()
      .select({ costNanos: ticketSpend.costNanos, estimatedCostNanos: ticketSpend.estimatedCostNanos })
      .from(ticketSpend)
      .where(eq(ticketSpend.ticketId, ticketId));
    return row ?? { costNanos: 0, estimatedCostNanos: 0 };
  }

  async spentSinceAfter(since: Date, afterSeq: number): Promise<{ costNanos: number; lastSeq: number }> {
    const [row] = await this.session
      .db()
      .select({ total: sumOf(modelCalls.costNanos), lastSeq: sql<number | null>`max(${modelCalls.settledSeq})`.mapWith((value: unknown) => (value === null ? null : Number(value))) })
      .from(modelCalls)
      .where(and(gt(modelCalls.settledSeq, afterSeq), gte(modelCalls.createdAt, since)));
    return { costNanos: row?.total ?? 0, lastSeq: row?.lastSeq ?? afterSeq };
  }
}
