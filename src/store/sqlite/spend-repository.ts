/**
 * Reads the ledger's aggregates (spend_keys, spend_buckets, ticket_spend:
 * kept by the triggers of migration 0014) with GROUP BY in SQLite, so a
 * report over a week of a million calls sums a few thousand bucket rows and
 * never loads the calls. Hand-written SQL: the key-by-key scan and json_each
 * below are clearer than their query-builder spelling. Money columns are
 * integer nano-dollars.
 */
import type Database from 'better-sqlite3';
import { mergeSpendGroups, SPEND_SUMS, type SpendGroupRow } from '../spend-group-rows.js';
import type { ReasonCount, SpendGroup, SpendRepositorySync, TicketSpendRow } from '../spend-types.js';
import { QUARTER_HOUR_MS, split, type Span } from './quarter-hours.js';

const SUMS = SPEND_SUMS;
const GROUPED_SUMS = SUMS.map((column) => `sum(${column}) AS ${column}`).join(', ');

/**
 * Whole buckets inside [:since, :until), per key. `key_id IN (…)` walks the
 * primary key (key_id, starts_at) key by key, each a range seek on starts_at:
 * the rows come out grouped, with no sort however many there are.
 */
const BUCKET_GROUPS = `SELECT k.tier, k.model, k.stage, k.platform, k.channel_id, k.shadow, g.* FROM (
    SELECT key_id, ${GROUPED_SUMS} FROM spend_buckets
    WHERE key_id IN (SELECT id FROM spend_keys) AND starts_at >= :since AND ends_at <= :until
    GROUP BY key_id
  ) g JOIN spend_keys k ON k.id = g.key_id`;

/** The settled calls themselves in [:since, :until): for a range's ragged ends, while the calls are kept. */
const CALL_GROUPS = `SELECT c.tier, c.model, c.stage, coalesce(t.platform, '') AS platform, coalesce(t.channel_id, '') AS channel_id, c.shadow,
    count(*) AS calls, sum(c.outcome <> 'ok') AS failed_calls, sum(c.input_tokens) AS input_tokens, sum(c.cached_input_tokens) AS cached_input_tokens,
    sum(c.output_tokens) AS output_tokens, sum(c.reasoning_tokens) AS reasoning_tokens, sum(c.cost_nanos) AS cost_nanos,
    sum(coalesce(c.estimated_cost_nanos, 0)) AS estimated_cost_nanos,
    0 AS new_tickets, 0 AS new_second_opinions
  FROM model_calls c LEFT JOIN tickets t ON t.id = c.ticket_id
  WHERE c.outcome <> 'in_flight' AND c.created_at >= :since AND c.created_at < :until
  GROUP BY 1, 2, 3, 4, 5, 6`;

/** SQLite reads the shadow flag as 0 or 1. */
type GroupRow = Omit<SpendGroupRow, 'shadow'> & { shadow: number };

export class SqliteSpendRepository implements SpendRepositorySync {
  private readonly bucketGroups;
  private readonly callGroups;
  private readonly topQuery;
  private readonly reasonsQuery;
  private readonly firstQuarterHourQuery;
  private readonly rollUpInsert;
  private readonly rollUpDelete;
  private readonly unlinkStageResults;
  private readonly deleteCalls;

  constructor(
    sqlite: Database.Database,
    private readonly transaction: <T>(work: () => T) => T,
  ) {
    this.bucketGroups = sqlite.prepare<Span, GroupRow>(BUCKET_GROUPS);
    this.callGroups = sqlite.prepare<Span, GroupRow>(CALL_GROUPS);
    // A range scan of the covering index ticket_spend_opened_idx, keeping the top few.
    this.topQuery = sqlite.prepare<[number, number, number], { ticket_id: number; calls: number; cost_nanos: number; estimated_cost_nanos: number }>(
      `SELECT ticket_id, calls, cost_nanos, estimated_cost_nanos FROM ticket_spend
       WHERE opened_at >= ? AND opened_at < ? AND calls > 0
       ORDER BY cost_nanos DESC, estimated_cost_nanos DESC, ticket_id LIMIT ?`,
    );
    // decision_reason_buckets (migration 0015): a few rows per code and quarter hour, however many decisions.
    this.reasonsQuery = sqlite.prepare<{ since: number; until: number; route: string | null; prefix: string }, { code: string; tickets: number }>(
      `SELECT code, sum(tickets) AS tickets FROM decision_reason_buckets
       WHERE starts_at >= :since AND starts_at < :until AND (:route IS NULL OR route = :route)
         AND substr(code, 1, length(:prefix)) = :prefix
       GROUP BY code`,
    );
    this.firstQuarterHourQuery = sqlite.prepare<[number], { starts_at: number }>(
      `SELECT starts_at FROM spend_buckets WHERE starts_at < ? AND ends_at - starts_at = ${QUARTER_HOUR_MS} ORDER BY starts_at LIMIT 1`,
    );
    this.rollUpInsert = sqlite.prepare<[number, number, number, number]>(
      `INSERT INTO spend_buckets (key_id, starts_at, ends_at, ${SUMS.join(', ')})
       SELECT key_id, ?, ?, ${SUMS.map((column) => `sum(${column})`).join(', ')}
       FROM spend_buckets WHERE starts_at >= ? AND ends_at <= ? AND ends_at - starts_at = ${QUARTER_HOUR_MS}
       GROUP BY key_id
       ON CONFLICT (key_id, starts_at, ends_at) DO UPDATE SET ${SUMS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    );
    this.rollUpDelete = sqlite.prepare<[number, number]>(
      `DELETE FROM spend_buckets WHERE starts_at >= ? AND ends_at <= ? AND ends_at - starts_at = ${QUARTER_HOUR_MS}`,
    );
    // A checkpoint outlives the call that produced it: it keeps a ticket from paying for a finished stage twice.
    this.unlinkStageResults = sqlite.prepare<[number, number]>(
      `UPDATE stage_results SET model_call_id = NULL WHERE model_call_id IN
       (SELECT id FROM model_calls WHERE created_at < ? AND outcome <> 'in_flight' ORDER BY created_at LIMIT ?)`,
    );
    this.deleteCalls = sqlite.prepare<[number, number]>(
      `DELETE FROM model_calls WHERE id IN
       (SELECT id FROM model_calls WHERE created_at < ? AND outcome <> 'in_flight' ORDER BY created_at LIMIT ?)`,
    );
  }

  groups(since: Date, until: Date): SpendGroup[] {
    const { whole, ends } = split(since, until);
    const rows = [...(whole ? this.bucketGroups.all(whole) : []), ...ends.flatMap((end) => this.callGroups.all(end))];
    return mergeSpendGroups(rows.map((row) => ({ ...row, shadow: row.shadow === 1 })));
  }

  topTickets(since: Date, until: Date, limit: number): TicketSpendRow[] {
    return this.topQuery.all(since.getTime(), until.getTime(), limit).map((row) => ({
      ticketId: row.ticket_id,
      calls: row.calls,
      costNanos: row.cost_nanos,
      estimatedCostNanos: row.estimated_cost_nanos,
    }));
  }

  decisionReasons(since: Date, until: Date, filter: { route?: string; prefix?: string }): ReasonCount[] {
    const { whole } = split(since, until);
    if (!whole) return [];
    return this.reasonsQuery.all({ ...whole, route: filter.route ?? null, prefix: filter.prefix ?? '' });
  }

  firstQuarterHourBefore(before: Date): Date | null {
    const row = this.firstQuarterHourQuery.get(before.getTime());
    return row ? new Date(row.starts_at) : null;
  }

  rollUp(since: Date, until: Date): number {
    const from = since.getTime();
    const to = until.getTime();
    return this.transaction(() => {
      this.rollUpInsert.run(from, to, from, to);
      return this.rollUpDelete.run(from, to).changes;
    });
  }

  deleteCallsBefore(before: Date, limit: number): number {
    return this.transaction(() => {
      this.unlinkStageResults.run(before.getTime(), limit);
      return this.deleteCalls.run(before.getTime(), limit).changes;
    });
  }
}
