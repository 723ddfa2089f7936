import type { TicketStatus } from './ticket.js';

/**
 * The ticket state machine. Kept pure so the store can enforce it inside the
 * same transaction that writes the change.
 *
 * received → triaged → drafted → (flagship_review) → awaiting_review | approved → sent
 * plus closed and failed, each with a reason. A customer writing again into a
 * sent, closed or failed ticket reopens it (→ received).
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  received: ['triaged', 'awaiting_review', 'closed', 'failed'],
  triaged: ['drafted', 'awaiting_review', 'closed', 'failed'],
  drafted: ['flagship_review', 'awaiting_review', 'approved', 'failed'],
  flagship_review: ['awaiting_review', 'approved', 'failed'],
  awaiting_review: ['approved', 'flagship_review', 'closed', 'failed'],
  approved: ['sent', 'failed'],
  sent: ['closed', 'received'],
  closed: ['received'],
  failed: ['received', 'awaiting_review', 'closed'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses in which a new customer message restarts triage. */
export function reopensOnCustomerMessage(status: TicketStatus): boolean {
  return status === 'sent' || status === 'closed' || status === 'failed';
}
