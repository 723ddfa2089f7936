/**
 * The Postgres schema: the same tables and columns as the SQLite one
 * (src/store/schema.ts says what each holds), in pg types. Migrations in
 * migrations/pg/ are generated from this file by `npm run db:generate:pg`
 * (drizzle-kit, drizzle.pg.config.ts); the aggregates' triggers are a custom
 * migration there. Ids are identity columns; times epoch milliseconds
 * (columns.ts says why); JSON is jsonb; flags are booleans; money is bigint.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DraftSource } from '../../domain/index.js';
import { createdAt, epochMs, nanos, nowMs } from './columns.js';

const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    threadId: text('thread_id').notNull(),
    customerId: text('customer_id').notNull(),
    customerName: text('customer_name'),
    subject: text('subject'),
    status: text('status').notNull(),
    statusReason: text('status_reason'),
    urgency: text('urgency'),
    category: text('category'),
    language: text('language'),
    sentiment: text('sentiment'),
    summary: text('summary'),
    round: integer('round').notNull().default(1),
    leaseOwner: text('lease_owner'),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at').notNull().default(nowMs),
  },
  (t) => [
    uniqueIndex('tickets_thread_unique').on(t.platform, t.channelId, t.threadId),
    index('tickets_status_idx').on(t.status),
    index('tickets_created_idx').on(t.createdAt, t.status, t.urgency),
    index('tickets_lease_idx').on(t.leaseOwner).where(sql`lease_owner is not null`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    platformMessageId: text('platform_message_id'),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    raw: jsonb('raw'),
    createdAt: createdAt(),
    editedAt: epochMs('edited_at'),
    deletedAt: epochMs('deleted_at'),
  },
  (t) => [
    // A redelivered platform event finds its message here and is ignored; of two intakes at once, one insert wins.
    uniqueIndex('messages_platform_unique').on(t.platform, t.channelId, t.platformMessageId),
    index('messages_ticket_idx').on(t.ticketId),
  ],
);

export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId)],
);

export const triageResults = pgTable(
  'triage_results',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    classifiedBy: text('classified_by').notNull(),
    urgency: text('urgency').notNull(),
    category: text('category').notNull(),
    language: text('language').notNull(),
    sentiment: text('sentiment').notNull(),
    riskFlags: jsonb('risk_flags').$type<string[]>().notNull(),
    needsReply: boolean('needs_reply').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    fields: jsonb('fields').notNull(),
    extractionFailed: boolean('extraction_failed').notNull().default(false),
    promptVersions: jsonb('prompt_versions').$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('triage_results_ticket_idx').on(t.ticketId)],
);

export const routingDecisions = pgTable(
  'routing_decisions',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    route: text('route').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    decidedBy: text('decided_by').notNull(),
    promptVersions: jsonb('prompt_versions').$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('routing_decisions_ticket_idx').on(t.ticketId), index('routing_decisions_created_idx').on(t.createdAt)],
);

export const drafts = pgTable(
  'drafts',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    source: text('source').notNull(),
    text: text('text').notNull(),
    language: text('language').notNull(),
    confidence: doublePrecision('confidence'),
    promptVersion: text('prompt_version'),
    sources: jsonb('sources').$type<DraftSource[]>().notNull().default(sql`'[]'::jsonb`),
    grounding: text('grounding', { enum: ['grounded', 'no_grounding'] }),
    createdAt: createdAt(),
  },
  (t) => [index('drafts_ticket_idx').on(t.ticketId)],
);

/** The spend ledger (see the SQLite schema): one row per model call attempt. */
export const modelCalls = pgTable(
  'model_calls',
  {
    id: id(),
    attemptId: text('attempt_id'),
    owner: text('owner'),
    ticketId: integer('ticket_id').references(() => tickets.id),
    stage: text('stage').notNull(),
    tier: text('tier').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    requestId: text('request_id'),
    promptName: text('prompt_name').notNull(),
    promptVersion: text('prompt_version').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    cachedInputTokens: integer('cached_input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    reasoningTokens: integer('reasoning_tokens').notNull(),
    costNanos: nanos('cost_nanos').notNull().default(0),
    estimatedCostNanos: nanos('estimated_cost_nanos'),
    worstCaseNanos: nanos('worst_case_nanos'),
    costBasis: text('cost_basis').notNull().default('usage'),
    settledSeq: bigint('settled_seq', { mode: 'number' }),
    priceVersion: text('price_version').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    outcome: text('outcome').notNull(),
    errorMessage: text('error_message'),
    rawUsage: jsonb('raw_usage'),
    shadow: boolean('shadow').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('model_calls_ticket_idx').on(t.ticketId),
    index('model_calls_created_idx').on(t.createdAt),
    uniqueIndex('model_calls_attempt_unique').on(t.attemptId),
    uniqueIndex('model_calls_settled_unique').on(t.settledSeq),
    index('model_calls_in_flight_idx').on(t.outcome).where(sql`outcome = 'in_flight'`),
  ],
);

/**
 * The last settle sequence given out (one row). SQLite numbers settled calls
 * with max(settled_seq) + 1 under its single writer; here concurrent writers
 * would read the same max. Taking the next number upserts this row, whose
 * lock is held until the settling transaction commits, so numbers are handed
 * out in commit order: a budget that has read number n has seen every row
 * below it (migrations/pg's next_settled_seq()).
 */
export const settleCounter = pgTable('model_call_settle_counter', {
  id: integer('id').primaryKey(),
  last: bigint('last', { mode: 'number' }).notNull(),
});

export const stageResults = pgTable(
  'stage_results',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    key: text('key').notNull(),
    stage: text('stage').notNull(),
    tier: text('tier').notNull(),
    promptVersion: text('prompt_version').notNull(),
    fellBack: boolean('fell_back').notNull(),
    output: jsonb('output').notNull(),
    modelCallId: integer('model_call_id').references(() => modelCalls.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stage_results_unique').on(t.ticketId, t.key)],
);

export const workers = pgTable('workers', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: epochMs('started_at').notNull(),
  heartbeatAt: epochMs('heartbeat_at').notNull(),
  stoppedAt: epochMs('stopped_at'),
});

export const reviews = pgTable(
  'reviews',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    draftId: integer('draft_id').references(() => drafts.id),
    reviewer: text('reviewer').notNull(),
    reviewerKind: text('reviewer_kind', { enum: ['human', 'model', 'policy'] }).notNull(),
    action: text('action').notNull(),
    editedText: text('edited_text'),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('reviews_ticket_idx').on(t.ticketId)],
);

export const reviewCards = pgTable(
  'review_cards',
  {
    id: id(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id'),
    createdAt: createdAt(),
  },
  (t) => [index('review_cards_ticket_idx').on(t.ticketId, t.platform)],
);

/** Scheduled posts, claimed by their unique key; the table keeps SQLite's name. */
export const channelPosts = pgTable(
  'posted_reports',
  {
    id: id(),
    kind: text('kind').notNull(),
    periodKey: text('period_key').notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    status: text('status', { enum: ['posting', 'posted'] }).notNull(),
    messageId: text('message_id'),
    createdAt: createdAt(),
    postedAt: epochMs('posted_at'),
  },
  (t) => [uniqueIndex('posted_reports_unique').on(t.kind, t.periodKey, t.platform, t.channelId)],
);

export * from './schema-sla.js';
export * from './schema-spend.js';
