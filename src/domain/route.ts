import type { ModelTier } from './model.js';

/**
 * What happens to a ticket after triage.
 * - `no_reply`: nothing to answer ("thanks!"); closed without a draft.
 * - `auto_send`: low risk and confident; the draft goes out without a human.
 * - `human_review`: a drafted reply waits for a reviewer.
 * - `flagship_review`: high stakes or doubt; the flagship reviews the draft, then a human.
 * - `human_only`: no draft at all; a human takes it (e.g. the models failed).
 */
export const ROUTES = ['no_reply', 'auto_send', 'human_review', 'flagship_review', 'human_only'] as const;
export type Route = (typeof ROUTES)[number];

/**
 * Output guards (see src/policy/output-guard.ts): a draft tripped a check and
 * must not leave without a human. In the order the guards run.
 */
export const GUARD_REASON_CODES = [
  'guard_money_promise',
  'guard_prompt_leak',
  'guard_secret',
  'guard_link',
  'guard_foreign_data',
  'guard_language',
] as const;
export type GuardReasonCode = (typeof GUARD_REASON_CODES)[number];

/** Stable reason codes: stored with every decision and counted in reports. */
export const REASON_CODES = [
  'low_risk_confident',
  'auto_send_disabled',
  'no_reply_needed',
  'risk_refund',
  'risk_legal',
  'risk_security',
  'risk_data_loss',
  'risk_outage',
  'risk_churn_threat',
  'amount_over_threshold',
  'vip_customer',
  'urgent',
  'angry_customer',
  'low_confidence',
  // The rubric's high (one customer blocked, money already wrong): never answered without a person.
  'high_urgency',
  'classifier_fallback',
  // The deterministic checks found a risk (words, amounts, category) the model did not report.
  'risk_missed_by_model',
  'classification_failed',
  'extraction_failed',
  'draft_failed',
  'review_failed',
  'flagship_approved',
  'flagship_rewrote',
  'flagship_deferred',
  // A send started before a crash and the reply could not be found in the thread.
  'delivery_uncertain',
  // The draft cites nothing relevant from the knowledge base: a person checks what it claims.
  'no_grounding',
  // The models could not be used (a refused key, an unknown model): no triage, no draft.
  'models_unavailable',
  // Budget degradation steps (see src/policy/budget.ts).
  'budget_flagship_to_mini',
  'budget_no_draft',
  'budget_exhausted',
  ...GUARD_REASON_CODES,
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Decision {
  route: Route;
  reasons: ReasonCode[];
  /** Which tier's output the decision rests on (the classifier's tier). */
  decidedBy: ModelTier | 'policy';
}
