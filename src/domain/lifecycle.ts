import type { TicketStatus } from './ticket.js';

/**
 * The ticket state machine. Kept pure so the store can enforce it inside the
 * same transaction that writes the change.
 *
 * received → triaged → drafted → (flagship_review) → awaiting_review | approved → sent
 * plus closed and failed, each with a reason. A customer writing again into a
 * sent, closed or failed ticket reopens it (→ received). `sent` is final for
 * everyone else: a reply the customer has cannot be rejected or closed.
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  received: ['triaged', 'awaiting_review', 'closed', 'failed'],
  triaged: ['drafted', 'awaiting_review', 'closed', 'failed'],
  drafted: ['flagship_review', 'awaiting_review', 'approved', 'failed'],
  flagship_review: ['awaiting_review', 'approved', 'failed'],
  // → received: the models were unavailable when it was triaged, and work again.
  awaiting_review: ['approved', 'flagship_review', 'closed', 'failed', 'received'],
  approved: ['sent', 'failed'],
  sent: ['received'],
  closed: ['received'],
  failed: ['received', 'awaiting_review', 'closed'],
};

/**
 * Statuses in which a worker (process) is working the ticket and holds its
 * lease; in the others the ticket rests (a human, the customer, or nobody acts next).
 */
const IN_PROGRESS: ReadonlySet<TicketStatus> = new Set(['received', 'triaged', 'drafted', 'flagship_review', 'approved']);

export function isInProgress(status: TicketStatus): boolean {
  return IN_PROGRESS.has(status);
}

export const IN_PROGRESS_STATUSES: readonly TicketStatus[] = [...IN_PROGRESS];

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses in which a new customer message restarts triage. */
export function reopensOnCustomerMessage(status: TicketStatus): boolean {
  return status === 'sent' || status === 'closed' || status === 'failed';
}
