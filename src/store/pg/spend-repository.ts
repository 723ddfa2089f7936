/**
 * Reads the ledger's aggregates in Postgres (spend_keys, spend_buckets,
 * ticket_spend, decision_reason_buckets: kept by the triggers of
 * migrations/pg/0001), the same queries as the SQLite repository says why:
 * whole quarter hours from the buckets, ragged ends from the calls while they
 * are kept. Sums of bigint come back from the driver as numeric strings and
 * are read as numbers: integer nano-dollars and token counts, exact below 2^53.
 */
import { sql, type SQL } from 'drizzle-orm';
import { mergeSpendGroups, SPEND_SUMS, type SpendGroupRow, type SpendSums } from '../spend-group-rows.js';
import type { ReasonCount, SpendGroup, SpendRepository, TicketSpendRow } from '../spend-types.js';
import { QUARTER_HOUR_MS, split, type Span } from '../sqlite/quarter-hours.js';
import type { PgSession } from './session.js';

const SUMS = SPEND_SUMS;
const QUARTER = sql.raw(String(QUARTER_HOUR_MS));


const bucketGroups = (span: Span) => sql`SELECT k.tier, k.model, k.stage, k.platform, k.channel_id, k.shadow, ${sql.raw(SUMS.map((column) => `sum(b.${column}) AS ${column}`).join(', '))}
  FROM spend_buckets b JOIN spend_keys k ON k.id = b.key_id
  WHERE b.starts_at >= ${span.since} AND b.ends_at <= ${span.until}
  GROUP BY k.id, k.tier, k.model, k.stage, k.platform, k.channel_id, k.shadow`;

const callGroups = (span: Span) => sql`SELECT c.tier, c.model, c.stage, coalesce(t.platform, '') AS platform, coalesce(t.channel_id, '') AS channel_id, c.shadow,
    count(*) AS calls, sum((c.outcome <> 'ok')::int) AS failed_calls, sum(c.input_tokens) AS input_tokens, sum(c.cached_input_tokens) AS cached_input_tokens,
    sum(c.output_tokens) AS output_tokens, sum(c.reasoning_tokens) AS reasoning_tokens, sum(c.cost_nanos) AS cost_nanos,
    sum(coalesce(c.estimated_cost_nanos, 0)) AS estimated_cost_nanos, 0 AS new_tickets, 0 AS new_second_opinions
  FROM model_calls c LEFT JOIN tickets t ON t.id = c.ticket_id
  WHERE c.outcome <> 'in_flight' AND c.created_at >= ${span.since} AND c.created_at < ${span.until}
  GROUP BY 1, 2, 3, 4, 5, 6`;

export class PgSpendRepository implements SpendRepository {
  constructor(private readonly session: PgSession) {}

  async groups(since: Date, until: Date): Promise<SpendGroup[]> {
    const { whole, ends } = split(since, until);
    const rows: SpendGroupRow[] = [];
    for (const query of [...(whole ? [bucketGroups(whole)] : []), ...ends.map(callGroups)]) rows.push(...(await this.rows(query)).map(toGroupRow));
    return mergeSpendGroups(rows);
  }

  async topTickets(since: Date, until: Date, limit: number): Promise<TicketSpendRow[]> {
    const rows = await this.rows(sql`SELECT ticket_id, calls, cost_nanos, estimated_cost_nanos FROM ticket_spend
      WHERE opened_at >= ${since.getTime()} AND opened_at < ${until.getTime()} AND calls > 0
      ORDER BY cost_nanos DESC, estimated_cost_nanos DESC, ticket_id LIMIT ${limit}`);
    return rows.map((row) => ({ ticketId: Number(row.ticket_id), calls: Number(row.calls), costNanos: Number(row.cost_nanos), estimatedCostNanos: Number(row.estimated_cost_nanos) }));
  }

  async decisionReasons(since: Date, until: Date, filter: { route?: string; prefix?: string }): Promise<ReasonCount[]> {
    const { whole } = split(since, until);
    if (!whole) return [];
    const prefix = filter.prefix ?? '';
    const rows = await this.rows(sql`SELECT code, sum(tickets) AS tickets FROM decision_reason_buckets
      WHERE starts_at >= ${whole.since} AND starts_at < ${whole.until} AND (${filter.route ?? null}::text IS NULL OR route = ${filter.route ?? null}::text)
        AND left(code, length(${prefix}::text)) = ${prefix}::text
      GROUP BY code`);
    return rows.map((row) => ({ code: String(row.code), tickets: Number(row.tickets) }));
  }

  async firstQuarterHourBefore(before: Date): Promise<Date | null> {
    const [row] = await this.rows(sql`SELECT starts_at FROM spend_buckets WHERE starts_at < ${before.getTime()} AND ends_at - starts_at = ${QUARTER} ORDER BY starts_at LIMIT 1`);
    return row ? new Date(Number(row.starts_at)) : null;
  }

  rollUp(since: Date, until: Date): Promise<number> {
    const from = since.getTime();
    const to = until.getTime();
    return this.session.transaction(async () => {
      const db = this.session.db();
      await db.execute(sql`INSERT INTO spend_buckets AS b (key_id, starts_at, ends_at, ${sql.raw(SUMS.join(', '))})
        SELECT key_id, ${from}::bigint, ${to}::bigint, ${sql.raw(SUMS.map((column) => `sum(${column})`).join(', '))}
        FROM spend_buckets WHERE starts_at >= ${from} AND ends_at <= ${to} AND ends_at - starts_at = ${QUARTER}
        GROUP BY key_id
        ON CONFLICT (key_id, starts_at, ends_at) DO UPDATE SET ${sql.raw(SUMS.map((column) => `${column} = b.${column} + excluded.${column}`).join(', '))}`);
      const deleted = await db.execute(sql`DELETE FROM spend_buckets WHERE starts_at >= ${from} AND ends_at <= ${to} AND ends_at - starts_at = ${QUARTER}`);
      return deleted.rowCount ?? 0;
    });
  }

  deleteCallsBefore(before: Date, limit: number): Promise<number> {
    const oldest = sql`SELECT id FROM model_calls WHERE created_at < ${before.getTime()} AND outcome <> 'in_flight' ORDER BY created_at LIMIT ${limit}`;
    return this.session.transaction(async () => {
      const db = this.session.db();
      // A checkpoint outlives the call that produced it: it keeps a ticket from paying for a finished stage twice.
      await db.execute(sql`UPDATE stage_results SET model_call_id = NULL WHERE model_call_id IN (${oldest})`);
      const deleted = await db.execute(sql`DELETE FROM model_calls WHERE id IN (${oldest})`);
      return deleted.rowCount ?? 0;
    });
  }

  private async rows(query: SQL): Promise<Record<string, unknown>[]> {
    return (await this.session.db().execute<Record<string, unknown>>(query)).rows;
  }
}

function toGroupRow(row: Record<string, unknown>): SpendGroupRow {
  const sums = Object.fromEntries(SUMS.map((column) => [column, Number(row[column])])) as SpendSums;
  return { tier: String(row.tier), model: String(row.model), stage: String(row.stage), platform: String(row.platform), channel_id: String(row.channel_id), shadow: row.shadow === true, ...sums };
}
