/**
 * Words for the codes the pipeline stores, shared by every adapter's cards so
 * a reviewer reads the same reason on Slack and Discord. Plain text: each
 * adapter escapes for its own markup. Typed as full records so a new reason
 * code or route fails to compile until it has a label.
 */
import type { ReasonCode, Route } from '../domain/index.js';

export const REASON_LABELS: Readonly<Record<ReasonCode, string>> = {
  low_risk_confident: 'low risk and confident',
  auto_send_disabled: 'auto-send is turned off',
  no_reply_needed: 'no reply needed',
  risk_refund: 'refund requested',
  risk_legal: 'legal matter',
  risk_security: 'security concern',
  risk_data_loss: 'possible data loss',
  risk_outage: 'possible outage',
  risk_churn_threat: 'customer may leave',
  amount_over_threshold: 'amount over the review threshold',
  vip_customer: 'VIP customer',
  urgent: 'urgent',
  angry_customer: 'angry customer',
  low_confidence: 'low model confidence',
  high_urgency: 'high urgency: a person answers',
  classifier_fallback: 'classifier fell back',
  risk_missed_by_model: 'checks found a risk the model missed',
  classification_failed: 'classification failed',
  extraction_failed: 'field extraction failed',
  draft_failed: 'drafting failed',
  review_failed: 'flagship review failed',
  flagship_approved: 'flagship approved the draft',
  flagship_rewrote: 'flagship rewrote the draft',
  flagship_deferred: 'flagship deferred to a human',
  delivery_uncertain: 'a send may already have happened: check the thread before sending',
  no_grounding: 'no grounding: the draft cites nothing from the knowledge base',
  models_unavailable: 'the models are unavailable (a key or model setting needs fixing): no triage, no draft',
  budget_flagship_to_mini: 'budget low: mini instead of the flagship',
  budget_no_draft: 'budget low: no draft, triage only',
  budget_exhausted: 'budget exhausted: no model call',
  guard_money_promise: 'draft may promise money, a deadline or a legal position',
  guard_prompt_leak: 'draft repeats our internal instructions',
  guard_secret: 'draft contains a secret or access token',
  guard_link: 'draft links to a site not on the allowed list',
  guard_foreign_data: "draft mentions an order, account or e-mail not in the customer's messages",
  guard_language: "draft is not in the customer's language",
};

export const ROUTE_LABELS: Readonly<Record<Route, string>> = {
  no_reply: 'no reply needed',
  auto_send: 'auto-send',
  human_review: 'human review',
  flagship_review: 'flagship review, then human',
  human_only: 'human only',
};

/** One reason code as words; an unknown code (newer data, older code) is shown as itself, underscores as spaces. */
export function reasonLabel(code: string): string {
  return Object.hasOwn(REASON_LABELS, code) ? REASON_LABELS[code as ReasonCode] : code.replace(/_/g, ' ');
}

/** Reason codes as a comma-separated phrase, plain text. */
export function reasonsText(codes: readonly string[]): string {
  return codes.length === 0 ? 'no reason recorded' : codes.map(reasonLabel).join(', ');
}

export function routeLabel(route: string): string {
  return Object.hasOwn(ROUTE_LABELS, route) ? ROUTE_LABELS[route as Route] : route.replace(/_/g, ' ');
}

/** Counts as `key n · key n`: known keys in their natural order, then others alphabetically; zeros dropped. */
export function countsText(record: Record<string, number>, order: readonly string[], escape: (key: string) => string): string {
  const keys = [...order.filter((key) => key in record), ...Object.keys(record).filter((key) => !order.includes(key)).sort()];
  const parts = keys.filter((key) => (record[key] ?? 0) > 0).map((key) => `${escape(key)} ${record[key] ?? 0}`);
  return parts.length > 0 ? parts.join(' · ') : 'none';
}
