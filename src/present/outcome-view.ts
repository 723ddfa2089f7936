/**
 * Which card a platform shows for an outcome: the review card while a human
 * must act, a resolved card (who did what, no buttons) once someone did or the
 * ticket failed, an informational card otherwise. Shared so Slack and Discord
 * can never disagree about it.
 */
import type { ExtractedFields, TicketOutcome } from '../domain/index.js';
import { reasonsText } from './reason-labels.js';

export interface Resolution {
  /** A platform user id (shown as a mention) or a non-user actor such as `bot` (not shown). */
  actorId: string;
  action: 'approve' | 'edit' | 'reject' | 'escalate' | 'auto_send' | 'closed' | 'failed';
  at: Date;
  /** A reject reason or a failure message; customer- or model-derived, so escaped by the formatter. */
  detail?: string;
}

export const RESOLUTION_LABELS: Readonly<Record<Resolution['action'], string>> = {
  approve: 'Approved',
  edit: 'Edited and sent',
  reject: 'Rejected',
  escalate: 'Escalated to the flagship',
  auto_send: 'Sent automatically',
  closed: 'Closed',
  failed: 'Failed',
};

export type OutcomeView = { kind: 'review' } | { kind: 'resolved'; resolution: Resolution } | { kind: 'info' };

export function outcomeView(outcome: TicketOutcome): OutcomeView {
  const { ticket, lastHumanReview } = outcome;
  if (ticket.status === 'awaiting_review') return { kind: 'review' };
  if (lastHumanReview && lastHumanReview.action !== 'escalate') {
    const detail = ticket.status === 'failed' ? ticket.statusReason : lastHumanReview.reason;
    return {
      kind: 'resolved',
      resolution: { actorId: lastHumanReview.reviewerId, action: lastHumanReview.action, at: lastHumanReview.at, ...(detail ? { detail } : {}) },
    };
  }
  if (ticket.status === 'failed') {
    return { kind: 'resolved', resolution: { actorId: 'bot', action: 'failed', at: ticket.updatedAt, detail: ticket.statusReason ?? '' } };
  }
  return { kind: 'info' };
}

/** A "thanks!" closed without a reply: no card is worth posting for it. */
export function isQuietlyClosed(outcome: TicketOutcome): boolean {
  return outcome.ticket.status === 'closed' && outcome.decision.route === 'no_reply' && !outcome.lastHumanReview;
}

/** The extracted fields that have values, labelled, in card order. */
export function extractedFieldList(fields: ExtractedFields): { label: string; items: string[] }[] {
  return [
    { label: 'Orders', items: fields.orderIds },
    { label: 'Accounts', items: fields.accountIds },
    { label: 'Emails', items: fields.emails },
    { label: 'Products', items: fields.products },
    { label: 'Amounts', items: fields.amounts.map((a) => `${a.value}${a.currency ? ` ${a.currency}` : ''}`) },
  ].filter((entry) => entry.items.length > 0);
}

/** Why there is no draft, for the card's draft slot (plain text; the formatter escapes it). */
export function noDraftReason(outcome: TicketOutcome): string {
  const { decision, ticket } = outcome;
  if (decision.route === 'no_reply') return 'no reply needed';
  const failures = decision.reasons.filter((r) => r.endsWith('_failed') || r === 'flagship_deferred');
  if (failures.length > 0) return reasonsText(failures);
  if (ticket.statusReason) return ticket.statusReason;
  return decision.route === 'human_only' ? 'this ticket goes to a person' : 'not drafted yet';
}
