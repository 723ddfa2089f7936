/**
 * The drizzle schema. Migrations in migrations/ are generated from this file
 * by `npm run db:generate` (drizzle-kit) and never edited by hand.
 * Times are epoch milliseconds; JSON columns hold arrays/objects as text.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { DraftSource } from '../domain/index.js';

const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);

export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    /**
     * Which triage this is: 1 for the first, one more each time the customer
     * reopens the ticket. Stage checkpoints are kept per round.
     */
    round: integer('round').notNull().default(1),
    /**
     * The worker (process) working the ticket: from the moment it stores,
     * claims or acts on it until its outcome has been shown (the card posted
     * or updated); null when nobody is. Another process takes a ticket over
     * only when this worker is dead.
     */
    leaseOwner: text('lease_owner'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    uniqueIndex('tickets_thread_unique').on(t.platform, t.channelId, t.threadId),
    index('tickets_status_idx').on(t.status),
    // Covering for the reports' counts of a period's tickets by status and urgency.
    index('tickets_created_idx').on(t.createdAt, t.status, t.urgency),
    index('tickets_lease_idx').on(t.leaseOwner).where(sql`lease_owner is not null`),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** Null for an outbound message not yet confirmed by the platform. */
    platformMessageId: text('platform_message_id'),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    raw: text('raw', { mode: 'json' }),
    createdAt: createdAt(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // A redelivered platform event finds its message here and is ignored.
    uniqueIndex('messages_platform_unique').on(t.platform, t.channelId, t.platformMessageId),
    index('messages_ticket_idx').on(t.ticketId),
  ],
);

/** Every status change, with its time and why: the ticket's audit trail. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

export const triageResults = sqliteTable(
  'triage_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    classifiedBy: text('classified_by').notNull(),
    urgency: text('urgency').notNull(),
    category: text('category').notNull(),
    language: text('language').notNull(),
    sentiment: text('sentiment').notNull(),
    riskFlags: text('risk_flags', { mode: 'json' }).$type<string[]>().notNull(),
    needsReply: integer('needs_reply', { mode: 'boolean' }).notNull(),
    confidence: real('confidence').notNull(),
    fields: text('fields', { mode: 'json' }).notNull(),
    /** Extraction failed: `fields` is empty because nothing could be read, which routing treats as high stakes. */
    extractionFailed: integer('extraction_failed', { mode: 'boolean' }).notNull().default(false),
    promptVersions: text('prompt_versions', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('triage_results_ticket_idx').on(t.ticketId)],
);

export const routingDecisions = sqliteTable(
  'routing_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    route: text('route').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    decidedBy: text('decided_by').notNull(),
    promptVersions: text('prompt_versions', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('routing_decisions_ticket_idx').on(t.ticketId), index('routing_decisions_created_idx').on(t.createdAt)],
);

export const drafts = sqliteTable(
  'drafts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** Who wrote it: a model tier, a second opinion's rewrite (`flagship_rewrite`, `mini_rewrite`), or `human_edit`. */
    source: text('source').notNull(),
    text: text('text').notNull(),
    language: text('language').notNull(),
    confidence: real('confidence'),
    promptVersion: text('prompt_version'),
    /** The knowledge-base passages it cites: `[{source, heading, url?}]` (empty: none). */
    sources: text('sources', { mode: 'json' }).$type<DraftSource[]>().notNull().default(sql`'[]'`),
    /** `grounded` (cites a relevant passage), `no_grounding` (cites none), null (written before the knowledge base). */
    grounding: text('grounding', { enum: ['grounded', 'no_grounding'] }),
    createdAt: createdAt(),
  },
  (t) => [index('drafts_ticket_idx').on(t.ticketId)],
);

/**
 * The spend ledger: one row per model call attempt, billed or not, successful
 * or not. A billed attempt's row is written when the attempt starts
 * (`in_flight`, priced at its worst case, which is the budget's reservation)
 * and completed when it ends; a row left open by a process that died is
 * closed as `unknown_outcome` at that worst case.
 */
export const modelCalls = sqliteTable(
  'model_calls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Sent to the provider as X-Client-Request-Id, so its bill can be matched row by row. */
    attemptId: text('attempt_id'),
    /** The worker that made the attempt (open rows of dead workers are closed by the others). */
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
    /** What the call cost, in whole nano-dollars (10⁻⁹ USD): see src/domain/money.ts. */
    costNanos: integer('cost_nanos').notNull().default(0),
    /** Offline calls: what the call would have cost on the configured model (nano-dollars). */
    estimatedCostNanos: integer('estimated_cost_nanos'),
    /** The most the attempt could cost: every input token uncached plus max_output_tokens (nano-dollars). */
    worstCaseNanos: integer('worst_case_nanos'),
    /** Where cost_nanos comes from: `usage` (reported), `worst_case` (unknown usage), `reserved` (in flight), `none`. */
    costBasis: text('cost_basis').notNull().default('usage'),
    /**
     * Order in which rows were settled (closed): budgets keep a running total
     * of settled spend by reading only rows settled after the last one counted.
     */
    settledSeq: integer('settled_seq'),
    priceVersion: text('price_version').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    /** `ok`, or the error code of the failure. */
    outcome: text('outcome').notNull(),
    errorMessage: text('error_message'),
    rawUsage: text('raw_usage', { mode: 'json' }),
    /**
     * A shadow call: an evaluation (`npm run replay -- --shadow TIER`) asking
     * another tier what it would have said. It costs money like any call, so
     * budgets and spend count it, but it never changed the ticket.
     */
    shadow: integer('shadow', { mode: 'boolean' }).notNull().default(false),
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
 * A finished stage's output, written in the same transaction that closes its
 * ledger row: a restart (or a second process) resumes the ticket from here
 * and never pays for a finished stage again. `key` names the stage within the
 * ticket's round, e.g. `2:classify`, `2:review:41:flagship`.
 */
export const stageResults = sqliteTable(
  'stage_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    key: text('key').notNull(),
    stage: text('stage').notNull(),
    tier: text('tier').notNull(),
    promptVersion: text('prompt_version').notNull(),
    fellBack: integer('fell_back', { mode: 'boolean' }).notNull(),
    output: text('output', { mode: 'json' }).notNull(),
    modelCallId: integer('model_call_id').references(() => modelCalls.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stage_results_unique').on(t.ticketId, t.key)],
);

/**
 * Bot processes sharing this database. A worker is alive while it beats;
 * tickets and open ledger rows of a dead worker are taken over by the others.
 */
export const workers = sqliteTable('workers', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
  /** Set on a clean shutdown: its leases are free at once. */
  stoppedAt: integer('stopped_at', { mode: 'timestamp_ms' }),
});

export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    draftId: integer('draft_id').references(() => drafts.id),
    /** A person's platform id, the model tier that gave a second opinion (`flagship`, `mini`), or `policy` for auto-send. */
    reviewer: text('reviewer').notNull(),
    /** `model` for a second opinion (its tier is `reviewer`); rows from before migration 0005 said `flagship`. */
    reviewerKind: text('reviewer_kind', { enum: ['human', 'model', 'policy'] }).notNull(),
    action: text('action').notNull(),
    editedText: text('edited_text'),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('reviews_ticket_idx').on(t.ticketId)],
);

/**
 * Where a ticket's review card lives on a platform, so later outcomes (an
 * second opinion's verdict, a reviewer's action) update that card in place. The
 * row is written before the card is posted (message id null) and completed
 * after: a crash in between leaves a marker, so the next outcome looks for
 * the card it may have posted instead of posting a second one.
 */
export const reviewCards = sqliteTable(
  'review_cards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** Null while the post is under way (or was cut off by a crash). */
    messageId: text('message_id'),
    createdAt: createdAt(),
  },
  (t) => [index('review_cards_ticket_idx').on(t.ticketId, t.platform)],
);

/**
 * Everything the jobs post to a channel (weekly reports, budget alerts, model
 * alerts), one row per period and destination. The unique key is the claim:
 * a row is inserted before posting, so a restart or a second process never
 * posts the same week twice. The table keeps its first name, `posted_reports`.
 */
export const channelPosts = sqliteTable(
  'posted_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `weekly_report`, `budget_threshold`, `budget_exhausted`, `models_unavailable`. */
    kind: text('kind').notNull(),
    /** `2026-11-16` (week start, day), `2026-11` (month), or `daily:…` / `monthly:…` for alerts. */
    periodKey: text('period_key').notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** `posting` while claimed, `posted` once the platform confirmed it. */
    status: text('status', { enum: ['posting', 'posted'] }).notNull(),
    messageId: text('message_id'),
    createdAt: createdAt(),
    postedAt: integer('posted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('posted_reports_unique').on(t.kind, t.periodKey, t.platform, t.channelId)],
);
export * from './schema-sla.js';
export * from './schema-spend.js';
