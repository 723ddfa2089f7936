// Offline stand-in for the flagship reviewer. Without a model there is no
// one to judge a high-stakes draft, and approving by rule would defeat the
// point of escalating: the offline flagship therefore always hands the
// ticket to a human, and says why.

import type { Draft, FlagshipReview, ReasonCode } from '../../domain/index.js';

export interface ReviewInput {
  draft?: Draft | null;
  /** Why the ticket was escalated; quoted in the rationale for the reviewer. */
  reasons?: readonly ReasonCode[];
}

export function reviewOffline(input: ReviewInput = {}): FlagshipReview {
  const reasons = input.reasons ?? [];
  const because = reasons.length > 0 ? ` Escalated for: ${reasons.join(', ')}.` : '';
  const draftNote = input.draft ? ' The offline draft is attached unchanged.' : ' There is no draft to review.';
  return {
    verdict: 'human',
    rationale: `Offline mode: no flagship model is available, so a human must review this ticket.${because}${draftNote}`,
    rewrittenReply: null,
  };
}
