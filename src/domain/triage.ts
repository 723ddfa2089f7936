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
  /** The numbers of the knowledge passages (`[1]`, `[2]` in the prompt) the reply relies on; absent or empty: none. */
  citations?: number[];
}

/** A knowledge-base passage a draft cites, as stored with the draft and listed on the card. */
export interface DraftSource {
  /** The file, relative to the knowledge base folder. */
  source: string;
  heading: string;
  /** The file's title, for the card. */
  title?: string;
  url?: string;
  /** Row id of the passage, for a reviewer to open it (absent once the file changed). */
  passageId?: number;
}

/** `grounded`: the draft cites a relevant passage; `no_grounding`: it cites none though the knowledge base has passages. */
export type Grounding = 'grounded' | 'no_grounding';

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
