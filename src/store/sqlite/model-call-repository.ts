import { and, asc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import { settledCallValues, toModelCallRecord } from '../model-call-row.js';
import type { Db } from '../db.js';
import { modelCalls, ticketSpend } from '../schema.js';
import type { AttemptResult, ModelCallRecord, ModelCallRepositorySync, OpenAttempt } from '../types.js';

/** The outcome of a row whose attempt has not ended yet. */
export const IN_FLIGHT = 'in_flight';
/** The outcome of a row whose process died while the attempt was in flight. */
export const UNKNOWN_OUTCOME = 'unknown_outcome';

/** The next settle sequence, computed inside the writing statement (the write lock makes it unique). */
const nextSettledSeq = sql`(select coalesce(max(${modelCalls.settledSeq}), 0) + 1 from ${modelCalls})`;
/**
 * Open rows, written with the literal the partial index `model_calls_in_flight_idx`
 * is declared with: SQLite uses a partial index only for that very term, not a bound value.
 */
const inFlight = sql`${modelCalls.outcome} = 'in_flight'`;

export class SqliteModelCallRepository implements ModelCallRepositorySync {
  /** Prepared once: budgets run these before every billed call. */
  private readonly spentQuery;
  private readonly inFlightQuery;
  /** Prepared once: every billed attempt opens and closes a row. */
  private readonly openStatement;
  private readonly closeStatement;

  constructor(private readonly db: Db) {
    this.spentQuery = db
      .select({ total: sql<number>`coalesce(sum(${modelCalls.costNanos}), 0)`, lastSeq: sql<number | null>`max(${modelCalls.settledSeq})` })
      .from(modelCalls)
      .where(and(gt(modelCalls.settledSeq, sql.placeholder('afterSeq')), gte(modelCalls.createdAt, sql.placeholder('since'))))
      .prepare();
    // Reads the partial index of open rows: as many as there are calls in flight.
    this.inFlightQuery = db
      .select({ total: sql<number>`coalesce(sum(${modelCalls.costNanos}), 0)` })
      .from(modelCalls)
      .where(and(inFlight, gte(modelCalls.createdAt, sql.placeholder('since'))))
      .prepare();
    const p = (name: string) => sql.placeholder(name);
    // `set` takes SQL, not bare placeholders: each bound value wrapped as an expression.
    const bound = (name: string) => sql`${sql.placeholder(name)}`;
    this.openStatement = db
      .insert(modelCalls)
      .values({
        attemptId: p('attemptId'),
        owner: p('owner'),
        ticketId: p('ticketId'),
        stage: p('stage'),
        tier: p('tier'),
        provider: p('provider'),
        model: p('model'),
        promptName: p('promptName'),
        promptVersion: p('promptVersion'),
        priceVersion: p('priceVersion'),
        shadow: p('shadow'),
        inputTokens: 0,
        cachedInputTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
        // The reservation: what the budget counts until the attempt ends.
        costNanos: p('worstCaseNanos'),
        worstCaseNanos: p('worstCaseNanos'),
        costBasis: 'reserved',
        latencyMs: 0,
        outcome: IN_FLIGHT,
        createdAt: p('createdAt'),
      })
      .returning({ id: modelCalls.id })
      .prepare();
    this.closeStatement = db
      .update(modelCalls)
      .set({
        requestId: bound('requestId'),
        inputTokens: bound('inputTokens'),
        cachedInputTokens: bound('cachedInputTokens'),
        outputTokens: bound('outputTokens'),
        reasoningTokens: bound('reasoningTokens'),
        costNanos: bound('costNanos'),
        costBasis: bound('costBasis'),
        estimatedCostNanos: bound('estimatedCostNanos'),
        latencyMs: bound('latencyMs'),
        outcome: bound('outcome'),
        errorMessage: bound('errorMessage'),
        rawUsage: bound('rawUsage'),
        settledSeq: nextSettledSeq,
      })
      .where(and(eq(modelCalls.id, p('id')), eq(modelCalls.outcome, IN_FLIGHT)))
      .prepare();
  }

  record(call: ModelCallRecord): number {
    return this.db
      .insert(modelCalls)
      .values({ ...settledCallValues(call), settledSeq: nextSettledSeq })
      .returning({ id: modelCalls.id })
      .get().id;
  }

  open(attempt: OpenAttempt): number {
    // Insert placeholders go through the columns' mapping (a Date for the timestamp column).
    const row = this.openStatement.get({ ...attempt, shadow: attempt.shadow ?? false, createdAt: attempt.createdAt ?? new Date() });
    if (!row) throw new Error('the ledger row was not written');
    return row.id;
  }

  close(id: number, result: AttemptResult): void {
    this.closeStatement.run({
      id,
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
      // JSON columns are stored as text; placeholders bypass the column's mapping.
      rawUsage: result.rawUsage == null ? null : JSON.stringify(result.rawUsage),
    });
  }

  closeAbandoned(owners: readonly string[]): number {
    if (owners.length === 0) return 0;
    // One statement per row: each needs its own settle sequence.
    const open = this.db
      .select({ id: modelCalls.id })
      .from(modelCalls)
      .where(and(inFlight, inArray(modelCalls.owner, [...owners])))
      .all();
    for (const { id } of open) {
      this.db
        .update(modelCalls)
        .set({
          costNanos: sql`coalesce(${modelCalls.worstCaseNanos}, ${modelCalls.costNanos})`,
          costBasis: 'worst_case',
          outcome: UNKNOWN_OUTCOME,
          errorMessage: 'the process making this call stopped before it ended; priced at its worst case',
          settledSeq: nextSettledSeq,
        })
        .where(and(eq(modelCalls.id, id), eq(modelCalls.outcome, IN_FLIGHT)))
        .run();
    }
    return open.length;
  }

  openOwners(): string[] {
    return this.db
      .selectDistinct({ owner: modelCalls.owner })
      .from(modelCalls)
      .where(inFlight)
      .all()
      .flatMap((row) => (row.owner ? [row.owner] : []));
  }

  inFlightSince(since: Date): number {
    return this.inFlightQuery.get({ since: since.getTime() })?.total ?? 0;
  }

  forTicket(ticketId: number | null): (ModelCallRecord & { id: number; createdAt: Date })[] {
    return this.db
      .select()
      .from(modelCalls)
      .where(ticketId === null ? isNull(modelCalls.ticketId) : eq(modelCalls.ticketId, ticketId))
      .orderBy(asc(modelCalls.id))
      .all()
      .map(toModelCallRecord);
  }

  ticketCost(ticketId: number): { costNanos: number; estimatedCostNanos: number } {
    // The aggregate the ledger's triggers keep: settled calls, shadow calls left out.
    const row = this.db
      .select({ costNanos: ticketSpend.costNanos, estimatedCostNanos: ticketSpend.estimatedCostNanos })
      .from(ticketSpend)
      .where(eq(ticketSpend.ticketId, ticketId))
      .get();
    return row ?? { costNanos: 0, estimatedCostNanos: 0 };
  }

  spentSinceAfter(since: Date, afterSeq: number): { costNanos: number; lastSeq: number } {
    // created_at is stored as epoch milliseconds; placeholders are bound as given.
    const row = this.spentQuery.get({ afterSeq, since: since.getTime() });
    return { costNanos: row?.total ?? 0, lastSeq: row?.lastSeq ?? afterSeq };
  }
}
