/** SLA tables in Postgres (src/store/schema-sla.ts says what they hold). */
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { tickets } from './schema.js';

const flag = (name: string) => boolean(name).notNull().default(false);

export const ticketSla = pgTable(
  'ticket_sla',
  {
    ticketId: integer('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    urgency: text('urgency', { enum: ['low', 'normal', 'high', 'urgent'] }),
    openedAt: epochMs('opened_at').notNull(),
    responsePeriod: integer('response_period').notNull().default(1),
    responseStartedAt: epochMs('response_started_at').notNull(),
    firstResponseWarnAt: epochMs('first_response_warn_at'),
    firstResponseDueAt: epochMs('first_response_due_at'),
    firstRespondedAt: epochMs('first_responded_at'),
    warnedFirst: flag('warned_first'),
    breachedFirst: flag('breached_first'),
    firstReplyAt: epochMs('first_reply_at'),
    responsesMet: integer('responses_met').notNull().default(0),
    responsesBreached: integer('responses_breached').notNull().default(0),
    resolutionWarnAt: epochMs('resolution_warn_at'),
    resolutionDueAt: epochMs('resolution_due_at'),
    resolvedAt: epochMs('resolved_at'),
    // bigint: milliseconds of pause pass 2^31 (24.8 days) on a long-paused ticket.
    resolutionPausedMs: bigint('resolution_paused_ms', { mode: 'number' }).notNull().default(0),
    warnedResolution: flag('warned_resolution'),
    breachedResolution: flag('breached_resolution'),
    nextAlertAt: epochMs('next_alert_at'),
  },
  (t) => [index('ticket_sla_next_alert_idx').on(t.nextAlertAt), index('ticket_sla_opened_idx').on(t.openedAt)],
);

export const slaAlerts = pgTable(
  'sla_alerts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    clock: text('clock', { enum: ['first_response', 'resolution'] }).notNull(),
    period: integer('period').notNull(),
    kind: text('kind', { enum: ['warning', 'breach'] }).notNull(),
    destination: text('destination').notNull(),
    status: text('status', { enum: ['posting', 'posted', 'abandoned'] }).notNull(),
    claimedAt: epochMs('claimed_at').notNull(),
    settledAt: epochMs('settled_at'),
  },
  (t) => [uniqueIndex('sla_alerts_unique').on(t.ticketId, t.clock, t.period, t.kind, t.destination)],
);
