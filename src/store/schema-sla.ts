/**
 * SLA tables (part of the drizzle schema; schema.ts re-exports them so
 * drizzle-kit sees them). A ticket's deadlines live here, not in timers,
 * so they survive restarts and every process sees the same ones; an
 * alert's unique key is its claim, as for scheduled posts.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tickets } from './schema.js';

const at = (name: string) => integer(name, { mode: 'timestamp_ms' });
const flag = (name: string) => integer(name, { mode: 'boolean' }).notNull().default(false);

/** One row per ticket with an SLA clock (src/sla/sla-state.ts says what each field means). */
export const ticketSla = sqliteTable(
  'ticket_sla',
  {
    ticketId: integer('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    urgency: text('urgency', { enum: ['low', 'normal', 'high', 'urgent'] }),
    openedAt: at('opened_at').notNull(),
    responsePeriod: integer('response_period').notNull().default(1),
    responseStartedAt: at('response_started_at').notNull(),
    firstResponseWarnAt: at('first_response_warn_at'),
    firstResponseDueAt: at('first_response_due_at'),
    firstRespondedAt: at('first_responded_at'),
    warnedFirst: flag('warned_first'),
    breachedFirst: flag('breached_first'),
    firstReplyAt: at('first_reply_at'),
    responsesMet: integer('responses_met').notNull().default(0),
    responsesBreached: integer('responses_breached').notNull().default(0),
    resolutionWarnAt: at('resolution_warn_at'),
    resolutionDueAt: at('resolution_due_at'),
    resolvedAt: at('resolved_at'),
    resolutionPausedMs: integer('resolution_paused_ms').notNull().default(0),
    warnedResolution: flag('warned_resolution'),
    breachedResolution: flag('breached_resolution'),
    nextAlertAt: at('next_alert_at'),
  },
  (t) => [index('ticket_sla_next_alert_idx').on(t.nextAlertAt), index('ticket_sla_opened_idx').on(t.openedAt)],
);

/** SLA warnings and breaches, claimed before they are posted: one row per alert and destination. */
export const slaAlerts = sqliteTable(
  'sla_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    clock: text('clock', { enum: ['first_response', 'resolution'] }).notNull(),
    period: integer('period').notNull(),
    kind: text('kind', { enum: ['warning', 'breach'] }).notNull(),
    destination: text('destination').notNull(),
    status: text('status', { enum: ['posting', 'posted', 'abandoned'] }).notNull(),
    claimedAt: at('claimed_at').notNull(),
    settledAt: at('settled_at'),
  },
  (t) => [uniqueIndex('sla_alerts_unique').on(t.ticketId, t.clock, t.period, t.kind, t.destination)],
);
