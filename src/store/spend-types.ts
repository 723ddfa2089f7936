/**
 * The ledger's aggregates as reports read them (see src/store/schema-spend.ts):
 * sums over a period, never the period's rows. Money in nano-dollars.
 */
import type { LedgerStage, ModelTier, Nanos } from '../domain/index.js';
import type { AsyncOf } from './async-of.js';

export interface SpendTotals {
  calls: number;
  /** Settled calls whose outcome was not `ok`. */
  failedCalls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costNanos: Nanos;
  /** Offline calls: what they would have cost on the configured models (not billed). */
  estimatedCostNanos: Nanos;
  /** Tickets whose first own settled call is among these (how many tickets the models started on). */
  newTickets: number;
  /** Tickets whose first second-opinion call is among these. */
  newSecondOpinions: number;
}

/** Settled spend of one tier, model, stage, platform, channel and shadow flag. */
export interface SpendGroup extends SpendTotals {
  tier: ModelTier;
  model: string;
  stage: LedgerStage;
  /** Null for calls without a ticket (knowledge-base embeddings). */
  platform: string | null;
  channelId: string | null;
  shadow: boolean;
}

/** What one ticket has cost so far. */
export interface TicketSpendRow {
  ticketId: number;
  calls: number;
  costNanos: Nanos;
  estimatedCostNanos: Nanos;
}

export interface ReasonCount {
  code: string;
  tickets: number;
}

export type SpendRepository = AsyncOf<SpendRepositorySync>;

export interface SpendRepositorySync {
  /**
   * Settled spend in [since, until), by tier, model, stage, platform, channel
   * and shadow flag. Exact for any range whose ends fall on quarter hours (or,
   * for rolled-up days, on those days' bounds); other ends are summed from the
   * calls themselves while they are kept.
   */
  groups(since: Date, until: Date): SpendGroup[];
  /** The most expensive tickets opened in [since, until), costliest first (billed, then estimated). */
  topTickets(since: Date, until: Date, limit: number): TicketSpendRow[];
  /**
   * Tickets routed for each reason in the quarter hours of [since, until):
   * code → tickets whose first decision with that route and code fell in the
   * range (decided again for the same reason, a ticket is not counted twice).
   * `route`: only decisions with that route; `prefix`: only codes that start with it.
   */
  decisionReasons(since: Date, until: Date, filter: { route?: string; prefix?: string }): ReasonCount[];
  /** The first quarter-hour bucket that starts before `before`, if any: where a roll-up has work. */
  firstQuarterHourBefore(before: Date): Date | null;
  /** Merges the quarter-hour buckets inside [since, until) (one local day) into one bucket per key; returns how many it merged. */
  rollUp(since: Date, until: Date): number;
  /** Deletes up to `limit` settled calls started before `before` (their sums stay in the aggregates); returns how many. */
  deleteCallsBefore(before: Date, limit: number): number;
}
