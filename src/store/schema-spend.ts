/**
 * What each ticket has cost (part of the drizzle schema; schema.ts re-exports
 * it). Kept, with the spend buckets of migration 0014 (raw SQL: drizzle cannot
 * declare a WITHOUT ROWID table), by SQLite triggers that add every settled
 * `model_calls` row in the statement that settles it, whoever writes the row,
 * so reports read aggregates instead of a week's calls and both stay exact
 * after retention deletes old per-call detail. Settled ledger rows never
 * change; deleting one leaves the aggregates alone.
 */
import { index, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { tickets } from './schema.js';

const total = (name: string) => integer(name).notNull().default(0);

/**
 * What handling each ticket has cost so far (its settled calls, shadow calls
 * left out), with when it was opened copied from the ticket, so "the week's
 * costliest tickets" is one range scan of a covering index.
 */
export const ticketSpend = sqliteTable(
  'ticket_spend',
  {
    ticketId: integer('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    calls: total('calls'),
    secondOpinionCalls: total('second_opinion_calls'),
    costNanos: total('cost_nanos'),
    estimatedCostNanos: total('estimated_cost_nanos'),
  },
  (t) => [index('ticket_spend_opened_idx').on(t.openedAt, t.costNanos, t.estimatedCostNanos, t.calls)],
);
