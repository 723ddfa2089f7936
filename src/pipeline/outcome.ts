/** Reads a ticket's current outcome back from the store: one source of truth. */
import { MODEL_TIERS, nanosToUsd, type ModelReview, type ModelTier, type ReviewActionKind, type ReviewVerdict, type TicketOutcome } from '../domain/index.js';
import { TicketNotFoundError } from '../errors.js';
import type { Store } from '../store/types.js';

const VERDICT_BY_ACTION: Record<string, ReviewVerdict> = { approve: 'approve', rewrite: 'rewrite', defer: 'human' };

/** A model review's `reviewer` is the tier that gave it; rows from before there was a choice of tier say `flagship`. */
function tierOf(reviewer: string): ModelTier {
  return (MODEL_TIERS as readonly string[]).includes(reviewer) ? (reviewer as ModelTier) : 'flagship';
}

export async function loadOutcome(store: Store, ticketId: number): Promise<TicketOutcome> {
  const ticket = await store.tickets.get(ticketId);
  if (!ticket) throw new TicketNotFoundError(String(ticketId));
  const triage = await store.triage.latestTriage(ticketId);
  const decision = await store.triage.latestDecision(ticketId) ?? { route: 'human_only', reasons: [], decidedBy: 'policy' };
  const draft = await store.triage.latestDraft(ticketId);
  const reviews = await store.reviews.forTicket(ticketId);
  const modelReview = reviews.filter((review) => review.reviewerKind === 'model').at(-1);
  const human = reviews.filter((review) => review.reviewerKind === 'human').at(-1);
  const secondOpinion: ModelReview | null = modelReview
    ? {
        verdict: VERDICT_BY_ACTION[modelReview.action] ?? 'human',
        rationale: modelReview.reason ?? '',
        rewrittenReply: modelReview.editedText,
        tier: tierOf(modelReview.reviewer),
      }
    : null;
  const cost = await store.modelCalls.ticketCost(ticketId);
  return {
    ticket,
    classification: triage?.classification ?? null,
    fields: triage?.fields ?? null,
    decision: { route: decision.route, reasons: decision.reasons, decidedBy: decision.decidedBy },
    draft: draft
      ? { id: draft.id, source: draft.source, reply: draft.text, language: draft.language, confidence: draft.confidence ?? 0, sources: draft.sources, grounding: draft.grounding }
      : null,
    secondOpinion,
    lastHumanReview: human
      ? { reviewerId: human.reviewer, action: human.action as ReviewActionKind, reason: human.reason, at: human.createdAt }
      : null,
    costUsd: nanosToUsd(cost.costNanos),
    estimatedCostUsd: nanosToUsd(cost.estimatedCostNanos),
    sla: await store.sla.find(ticketId),
  };
}
