import type { ModelTier } from './model.js';
import type { Category, RiskFlag, Sentiment, Urgency } from './ticket.js';

export interface Classification {
  urgency: Urgency;
  category: Category;
  /** ISO 639-1 code, e.g. `en`, `de`. */
  language: string;
  sentiment: Sentiment;
  riskFlags: RiskFlag[];
  /** False for messages that need no answer ("thanks!", "ok"). */
  needsReply: boolean;
  /** 0..1, the model's own confidence in this classification. */
  confidence: number;
}

export interface Amount {
  value: number;
  currency: string | null;
}

export interface ExtractedFields {
  orderIds: string[];
  accountIds: string[];
  emails: string[];
  products: string[];
  amounts: Amount[];
}

export interface Draft {
  reply: string;
  language: string;
  confidence: number;
}

export const REVIEW_VERDICTS = ['approve', 'rewrite', 'human'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** A model's second opinion on a draft: what the `second_opinion` stage answers. */
export interface SecondOpinion {
  verdict: ReviewVerdict;
  rationale: string;
  rewrittenReply: string | null;
}

/**
 * A ticket's latest second opinion as recorded, with the tier that really
 * gave it: the flagship, or mini when the budget was low.
 */
export interface ModelReview extends SecondOpinion {
  tier: ModelTier;
}
