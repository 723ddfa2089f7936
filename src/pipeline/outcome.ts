/** Reads a ticket's current outcome back from the store: one source of truth. */
import type { FlagshipReview, ReviewActionKind, ReviewVerdict, TicketOutcome } from '../domain/index.js';
import { TicketNotFoundError } from '../errors.js';
import type { Store } from '../store/types.js';

const VERDICT_BY_ACTION: Record<string, ReviewVerdict> = { approve: 'approve', rewrite: 'rewrite', defer: 'human' };

export function loadOutcome(store: Store, ticketId: number): TicketOutcome {
  const ticket = store.tickets.get(ticketId);
  if (!ticket) throw new TicketNotFoundError(String(ticketId));
  const triage = store.triage.latestTriage(ticketId);
  const decision = store.triage.latestDecision(ticketId) ?? { route: 'human_only', reasons: [], decidedBy: 'policy' };
  const draft = store.triage.latestDraft(ticketId);
  const reviews = store.reviews.forTicket(ticketId);
  const flagship = reviews.filter((review) => review.reviewerKind === 'flagship').at(-1);
  const human = reviews.filter((review) => review.reviewerKind === 'human').at(-1);
  const flagshipReview: FlagshipReview | null = flagship
    ? {
        verdict: VERDICT_BY_ACTION[flagship.action] ?? 'human',
        rationale: flagship.reason ?? '',
        rewrittenReply: flagship.editedText,
      }
    : null;
  return {
    ticket,
    classification: triage?.classification ?? null,
    fields: triage?.fields ?? null,
    decision: { route: decision.route, reasons: decision.reasons, decidedBy: decision.decidedBy },
    draft: draft
      ? { id: draft.id, source: draft.source, reply: draft.text, language: draft.language, confidence: draft.confidence ?? 0 }
      : null,
    flagshipReview,
    lastHumanReview: human
      ? { reviewerId: human.reviewer, action: human.action as ReviewActionKind, reason: human.reason, at: human.createdAt }
      : null,
    costUsd: store.modelCalls.ticketCost(ticketId),
  };
}
