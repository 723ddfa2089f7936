/**
 * What a verdict of the offline classifier is worth: for each rule of the
 * rubric (rubric.ts), how often that rule gave the right urgency on the
 * tuning half of the labelled set (test/fixtures/labelled/tune.jsonl),
 * smoothed and rounded, then lowered when the message also carried signals of
 * another urgency or almost no evidence. So a low confidence means what it
 * says: those are the verdicts that are wrong more often, and the routing
 * policy sends them to a person.
 */
import type { Rule } from './rubric.js';

/** Keyword rules are never as sure as a model; this is the ceiling. */
export const MAX_OFFLINE_CONFIDENCE = 0.85;

export const RULE_CONFIDENCE: Readonly<Record<Rule, number>> = {
  urgent_outage: 0.85,
  urgent_many_blocked: 0.8,
  urgent_money_now: 0.75,
  urgent_breach: 0.7,
  urgent_data_loss: 0.7,
  high_blocked: 0.75,
  high_money_wrong: 0.8,
  high_refund: 0.7,
  high_legal: 0.75,
  high_churn: 0.7,
  high_security: 0.7,
  high_data_loss: 0.6,
  high_down: 0.6,
  low_request_or_praise: 0.75,
  low_small_talk: 0.6,
  low_curious: 0.6,
  normal_greeting: 0.6,
  normal_question: 0.65,
  normal_bug: 0.6,
  normal_paperwork: 0.7,
  normal_default: 0.45,
};

export function confidenceOf(verdict: { rule: Rule; conflicting: boolean; evidence: number }, languageConfidence: number): number {
  let confidence = RULE_CONFIDENCE[verdict.rule];
  if (verdict.conflicting) confidence -= 0.15;
  if (verdict.evidence <= 1) confidence -= 0.1;
  if (languageConfidence < 0.5) confidence -= 0.05;
  return Math.round(Math.min(MAX_OFFLINE_CONFIDENCE, Math.max(0.2, confidence)) * 100) / 100;
}
