// Risk flags: the signals that make a ticket high-stakes, so policy sends it to
// the flagship and a human. Flags err towards firing: a missed legal threat
// costs far more than one extra review.

import type { RiskFlag } from '../../domain/index.js';
import {
  CHURN_WORDS,
  DATA_LOSS_WORDS,
  LEGAL_WORDS,
  OUTAGE_WORDS,
  REFUND_WORDS,
  SECURITY_WORDS,
} from './lexicon.js';
import { matchedKeywords, type KeywordSet } from './text.js';

const FLAG_WORDS: readonly (readonly [RiskFlag, KeywordSet])[] = [
  ['refund', REFUND_WORDS],
  ['legal', LEGAL_WORDS],
  ['security', SECURITY_WORDS],
  ['data_loss', DATA_LOSS_WORDS],
  ['outage', OUTAGE_WORDS],
  ['churn_threat', CHURN_WORDS],
];

/** Every word set `detectRiskFlags` runs, for compiling ahead of the first ticket (see policy/risk-checks.ts). */
export const RISK_WORD_SETS: readonly KeywordSet[] = FLAG_WORDS.map(([, words]) => words);

export interface RiskResult {
  flags: RiskFlag[];
  /** Keywords that fired, per flag; counted as evidence for confidence. */
  hits: Partial<Record<RiskFlag, string[]>>;
}

/** Flags in the fixed order of `RISK_FLAGS`, so equal inputs give equal output. */
export function detectRiskFlags(text: string): RiskResult {
  const flags: RiskFlag[] = [];
  const hits: Partial<Record<RiskFlag, string[]>> = {};
  for (const [flag, words] of FLAG_WORDS) {
    const found = matchedKeywords(text, words);
    if (found.length > 0) {
      flags.push(flag);
      hits[flag] = found;
    }
  }
  return { flags, hits };
}
