/**
 * The ledger's and the tickets' running aggregates in Postgres: the same
 * tables as SQLite's migrations 0013–0015 (which say what each row means),
 * kept by the plpgsql triggers of the custom migration in migrations/pg/,
 * which add every settled model_calls row in the statement that settles it.
 * Declared here (SQLite declares most of them in raw SQL: WITHOUT ROWID) so
 * drizzle-kit creates them and the repositories can name their columns.
 */
import { bigint, boolean, index, integer, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { epochMs, nanos } from './columns.js';
import { tickets } from './schema.js';

const total = (name: string) => integer(name).notNull().default(0);
/** Sums of tokens over a bucket can pass 2^31; bigint, read as numbers. */
const bigTotal = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const ticketSpend = pgTable(
  'ticket_spend',
  {
    ticketId: integer('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    openedAt: epochMs('opened_at').notNull(),
    calls: total('calls'),
    secondOpinionCalls: total('second_opinion_calls'),
    costNanos: nanos('cost_nanos').notNull().default(0),
    estimatedCostNanos: nanos('estimated_cost_nanos').notNull().default(0),
  },
  (t) => [index('ticket_spend_opened_idx').on(t.openedAt, t.costNanos, t.estimatedCostNanos, t.calls)],
);

export const spendKeys = pgTable(
  'spend_keys',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tier: text('tier').notNull(),
    model: text('model').notNull(),
    stage: text('stage').notNull(),
    // '' for a call without a ticket: a unique key treats NULLs as distinct.
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    shadow: boolean('shadow').notNull(),
  },
  (t) => [unique('spend_keys_unique').on(t.tier, t.model, t.stage, t.platform, t.channelId, t.shadow)],
);

export const spendBuckets = pgTable(
  'spend_buckets',
  {
    keyId: integer('key_id')
      .notNull()
      .references(() => spendKeys.id),
    // Epoch milliseconds, kept as plain numbers: the roll-up and the reads do arithmetic on them.
    startsAt: bigint('starts_at', { mode: 'number' }).notNull(),
    endsAt: bigint('ends_at', { mode: 'number' }).notNull(),
    calls: bigTotal('calls'),
    failedCalls: bigTotal('failed_calls'),
    inputTokens: bigTotal('input_tokens'),
    cachedInputTokens: bigTotal('cached_input_tokens'),
    outputTokens: bigTotal('output_tokens'),
    reasoningTokens: bigTotal('reasoning_tokens'),
    costNanos: bigTotal('cost_nanos'),
    estimatedCostNanos: bigTotal('estimated_cost_nanos'),
    newTickets: bigTotal('new_tickets'),
    newSecondOpinions: bigTotal('new_second_opinions'),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.startsAt, t.endsAt] }), index('spend_buckets_starts_idx').on(t.startsAt, t.endsAt)],
);

export const ticketCountBuckets = pgTable(
  'ticket_count_buckets',
  {
    startsAt: bigint('starts_at', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    // '' before triage.
    urgency: text('urgency').notNull(),
    tickets: integer('tickets').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.startsAt, t.status, t.urgency] })],
);

export const decisionReasonBuckets = pgTable(
  'decision_reason_buckets',
  {
    route: text('route').notNull(),
    code: text('code').notNull(),
    startsAt: bigint('starts_at', { mode: 'number' }).notNull(),
    tickets: integer('tickets').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.route, t.code, t.startsAt] })],
);
