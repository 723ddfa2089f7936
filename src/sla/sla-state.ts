/**
 * A ticket's SLA state: what is stored with the ticket (not timers in
 * memory), so deadlines survive restarts and every process sees the same
 * ones. Deadlines are stored as instants, computed once in business time
 * when a clock starts or the urgency changes; the watcher and the card then
 * only compare instants.
 *
 * Two clocks:
 * - first response: one "awaiting our reply" period at a time. It starts
 *   with the opening message and again with each customer message that
 *   follows a reply (or a close); a reply ends it as met or breached.
 * - resolution: one per ticket, from opening to close. A close pauses it;
 *   the customer writing again resumes it, the closed time not counted.
 */
import type { Urgency } from '../domain/index.js';

export type SlaClockName = 'first_response' | 'resolution';
export type SlaAlertKind = 'warning' | 'breach';

export interface SlaState {
  ticketId: number;
  /** Null until triage: no urgency, no target, no alerts. */
  urgency: Urgency | null;
  openedAt: Date;

  // ── first response: the current period ──
  /** 1 for the opening message, one more each time the clock restarts; part of the alert's identity. */
  responsePeriod: number;
  /** When the current period began: the message that now awaits a reply. */
  responseStartedAt: Date;
  firstResponseWarnAt: Date | null;
  /** Null: no target for this urgency. */
  firstResponseDueAt: Date | null;
  /** The reply that ended the current period; null while it awaits one. */
  firstRespondedAt: Date | null;
  warnedFirst: boolean;
  breachedFirst: boolean;

  // ── first response: the ticket's totals, for attainment ──
  /** The ticket's very first reply (never reset): time to first response. */
  firstReplyAt: Date | null;
  /** Periods that ended with a reply by their deadline. */
  responsesMet: number;
  /** Periods that ended after their deadline (replied late, or closed unanswered past it). */
  responsesBreached: number;

  // ── resolution ──
  resolutionWarnAt: Date | null;
  resolutionDueAt: Date | null;
  /** Set while the ticket is closed (the pause began then); cleared when the customer reopens it. */
  resolvedAt: Date | null;
  /** Business time the ticket spent closed before being reopened: the deadline moves by it. */
  resolutionPausedMs: number;
  warnedResolution: boolean;
  breachedResolution: boolean;

  /** The earliest warning or breach not yet sent, over the running clocks: the watcher's index. */
  nextAlertAt: Date | null;
}

/** What happened to the ticket; the moment is `now` in `applySlaEvent`. */
export type SlaEvent =
  /** The opening message was stored (urgency is usually not known yet). */
  | { kind: 'opened'; ticketId: number; urgency: Urgency | null }
  /** Triage, re-triage or escalation set the urgency: deadlines are computed again from their starts. */
  | { kind: 'urgency_changed'; urgency: Urgency | null }
  /** A reply reached the customer (approved, edited or auto-sent). */
  | { kind: 'reply_sent' }
  /** The ticket was closed or resolved. */
  | { kind: 'resolved' }
  /** The customer wrote again in the ticket's thread. */
  | { kind: 'customer_message' };

export interface SlaAlert {
  ticketId: number;
  urgency: Urgency;
  kind: SlaAlertKind;
  clock: SlaClockName;
  /** The first-response period it belongs to; always 1 for resolution (that clock resumes, never restarts). */
  period: number;
  dueAt: Date;
  /** The target now configured for the urgency; null when the settings no longer have one (the stored deadline still holds). */
  targetMs: number | null;
  /** Wall time until the deadline at `now`; negative once overdue. */
  msLeft: number;
}

/** Whether the first-response clock is running: a period awaits a reply and the ticket is open. */
export function awaitingReply(state: SlaState): boolean {
  return state.firstRespondedAt === null && state.resolvedAt === null;
}

/** Whether the resolution clock is running. */
export function awaitingResolution(state: SlaState): boolean {
  return state.resolvedAt === null;
}
