// Offline stand-in for the nano classifier: keyword heuristics, no network.
//
// It fills every field of `Classification` so the pipeline runs unchanged
// without an API key, and it reports a confidence that follows the amount of
// evidence it found, so the routing policy sends its guesses to a reviewer
// instead of auto-sending them.

import type { Classification } from '../../domain/index.js';
import { isAcknowledgementOnly } from './acknowledgement.js';
import { categorize } from './category.js';
import { detectLanguage } from './language.js';
import { detectRiskFlags } from './risk.js';
import { detectSentiment } from './sentiment.js';
import { clamp01, joinSubjectAndText } from './text.js';
import { scoreUrgency } from './urgency.js';

/** Keyword heuristics are never as sure as a model; this is the ceiling. */
export const MAX_OFFLINE_CONFIDENCE = 0.85;

export interface ClassifyInput {
  subject?: string;
  text: string;
}

export function classifyOffline(input: ClassifyInput): Classification {
  const text = joinSubjectAndText(input);
  const language = detectLanguage(text);

  // "thanks!" / "ok": exact-match rules are reliable, so confidence is high,
  // and nothing else about the message matters for routing.
  if (isAcknowledgementOnly(text)) {
    return {
      urgency: 'low',
      category: 'general',
      language: language.language,
      sentiment: 'positive',
      riskFlags: [],
      needsReply: false,
      confidence: 0.8,
    };
  }

  const risk = detectRiskFlags(text);
  const urgency = scoreUrgency(text, risk.flags);
  const category = categorize(text, risk.flags);
  const detected = detectSentiment(text).sentiment;
  // A customer threatening a lawyer or a cancellation is not neutral, however
  // calmly worded: the threat itself is the displeasure.
  const threatens = risk.flags.includes('legal') || risk.flags.includes('churn_threat');
  const sentiment = threatens && (detected === 'neutral' || detected === 'positive') ? 'negative' : detected;

  return {
    urgency: urgency.urgency,
    category: category.category,
    language: language.language,
    sentiment,
    riskFlags: risk.flags,
    needsReply: true,
    confidence: confidenceFrom({
      signals: urgency.evidence + category.evidence,
      categoryMargin: category.margin,
      urgencyBoundaryDistance: urgency.boundaryDistance,
      languageConfidence: language.confidence,
    }),
  };
}

/**
 * Confidence grows with the number of keyword signals and shrinks when the
 * decision was close: two categories with equal votes, an urgency score on a
 * class boundary, or an uncertain language. Two or three hits stay below 0.5;
 * it takes a dozen consistent ones to reach the ceiling.
 */
function confidenceFrom(evidence: {
  signals: number;
  categoryMargin: number;
  urgencyBoundaryDistance: number;
  languageConfidence: number;
}): number {
  let confidence = 0.25 + 0.6 * (1 - Math.exp(-evidence.signals / 6));
  if (evidence.categoryMargin === 0) confidence *= 0.8;
  else if (evidence.categoryMargin === 1) confidence *= 0.9;
  // One keyword more or less would flip the urgency class.
  if (evidence.urgencyBoundaryDistance <= 1) confidence *= 0.9;
  if (evidence.languageConfidence < 0.5) confidence *= 0.9;
  return clamp01(Math.min(MAX_OFFLINE_CONFIDENCE, confidence));
}
