/**
 * Cards in a chosen state, for renderer tests: the desk builds cards from a
 * ticket's outcome (src/present/card.ts); renderers must draw any card, so
 * these force the state (a resolution the outcome alone would not give, an
 * info card for a ticket still open) while keeping every other fact as the
 * builder made it.
 */
import type { TicketOutcome } from '../../src/domain/index.js';
import { cardFor, type Card } from '../../src/present/card.js';
import { RESOLUTION_LABELS, type Resolution } from '../../src/present/outcome-view.js';

export function reviewCardOf(outcome: TicketOutcome): Card {
  return cardFor({ ...outcome, ticket: { ...outcome.ticket, status: 'awaiting_review' } });
}

export function resolvedCardOf(outcome: TicketOutcome, resolution: Resolution): Card {
  const label = RESOLUTION_LABELS[resolution.action];
  const card = cardFor({ ...outcome, lastHumanReview: null });
  const draft = card.draft ? { ...card.draft, heading: resolution.action === 'reject' ? 'Rejected draft' : 'Reply' } : null;
  return { ...card, state: 'resolved', title: `Ticket #${outcome.ticket.id} · ${label.toLowerCase()}`, headline: label, resolution: { ...resolution, label }, actions: [], notes: [], draft };
}

export function infoCardOf(outcome: TicketOutcome): Card {
  const status = outcome.ticket.status === 'awaiting_review' ? 'closed' : outcome.ticket.status;
  return cardFor({ ...outcome, ticket: { ...outcome.ticket, status }, lastHumanReview: null });
}
