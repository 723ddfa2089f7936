// Offline stand-in for the flagship's second opinion. Without a model there
// is no one to judge a high-stakes draft, and approving by rule would defeat
// the point of a second opinion: the offline flagship therefore always hands
// the ticket to a human, and says why.

import type { Classification, Draft, ReasonCode, SecondOpinion } from '../../domain/index.js';

/** Everything is optional: the verdict never depends on it, only the rationale. */
export interface ReviewInput {
  /** `null` means the pipeline has no draft; omitted means "not told". */
  draft?: Draft | null;
  classification?: Classification;
  /** Why the ticket was sent for a second opinion; quoted in the rationale for the reviewer. */
  reasons?: readonly ReasonCode[];
}

export function reviewOffline(input: ReviewInput = {}): SecondOpinion {
  const notes: string[] = [];
  if (input.reasons && input.reasons.length > 0) notes.push(`Second opinion asked for: ${input.reasons.join(', ')}.`);
  if (input.classification && input.classification.riskFlags.length > 0) {
    notes.push(`Risk flags: ${input.classification.riskFlags.join(', ')}.`);
  }
  if (input.draft === null) notes.push('There is no draft to review.');
  else if (input.draft) notes.push('The draft is passed on unchanged.');
  return {
    verdict: 'human',
    rationale: ['Offline mode: no flagship model is available, so a human must review this ticket.', ...notes].join(' '),
    rewrittenReply: null,
  };
}
