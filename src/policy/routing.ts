/**
 * Routing policy: plain code, configurable, and every decision says why in
 * stable reason codes. The cascade's promise lives here: most tickets never
 * reach the flagship, and nothing high-stakes is sent without a human.
 *
 * Defence in depth: the model's judgment may add caution, never remove it.
 * The deterministic checks (risk-checks.ts) run on every ticket; a risk flag,
 * a risky category or an amount from EITHER side makes the ticket high
 * stakes, and a stage that failed counts as high stakes (fail closed).
 */
import type { Category, Classification, Decision, ExtractedFields, ModelTier, ReasonCode, RiskFlag } from '../domain/index.js';
import type { RiskEvidence } from './risk-checks.js';

export interface RoutingPolicy {
  /** Any single amount above this (face value, any currency) is high stakes. */
  escalationAmountUsd: number;
  /** Classifier confidence below this asks the flagship for a second look. */
  confidenceThreshold: number;
  vipCustomers: string[];
  /** Send confident, low-risk drafts without a human. Off by default. */
  autoSend: boolean;
  /**
   * Whether a real flagship can give a second opinion. Offline, it cannot:
   * tickets that are merely uncertain go straight to a human instead of
   * through a flagship stand-in that would only defer.
   */
  flagshipSecondOpinion?: boolean;
}

export interface RoutingInput {
  classification: Classification;
  fields: ExtractedFields;
  customerId: string;
  classifiedBy: ModelTier;
  /** The cheap classifier failed and a pricier tier answered. */
  classifierFellBack: boolean;
  /** What the deterministic checks found in the customer's words. */
  evidence: RiskEvidence;
  /** Field extraction failed: the amounts the model would have read are unknown. */
  extractionFailed: boolean;
}

const RISK_REASONS: Record<RiskFlag, ReasonCode> = {
  refund: 'risk_refund',
  legal: 'risk_legal',
  security: 'risk_security',
  data_loss: 'risk_data_loss',
  outage: 'risk_outage',
  churn_threat: 'risk_churn_threat',
};

/** Categories that are high stakes whatever the risk flags say. */
const RISKY_CATEGORIES: Partial<Record<Category, RiskFlag>> = { refund: 'refund', legal: 'legal', security: 'security' };

/** Reasons that make a ticket high stakes: a human always sees its reply. */
const HIGH_STAKES: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  ...Object.values(RISK_REASONS),
  'amount_over_threshold',
  'vip_customer',
  'urgent',
  // A failed stage fails closed: what it would have found is unknown.
  'classification_failed',
  'extraction_failed',
  'draft_failed',
  'review_failed',
]);

export function isHighStakes(reasons: readonly ReasonCode[]): boolean {
  return reasons.some((reason) => HIGH_STAKES.has(reason));
}

export function decideRoute(input: RoutingInput, policy: RoutingPolicy): Decision {
  const { classification: c, fields, evidence } = input;
  // Why the ticket needs more than a confident draft: a second opinion or a human.
  const concerns: ReasonCode[] = [];
  const add = (reason: ReasonCode) => {
    if (!concerns.includes(reason)) concerns.push(reason);
  };
  const categoryFlag = RISKY_CATEGORIES[c.category];
  const modelFlags = new Set<RiskFlag>([...c.riskFlags, ...(categoryFlag ? [categoryFlag] : [])]);
  for (const flag of modelFlags) add(RISK_REASONS[flag]);
  for (const flag of evidence.riskFlags) add(RISK_REASONS[flag]);
  const overThreshold = (amounts: ExtractedFields['amounts']) => amounts.some((amount) => amount.value > policy.escalationAmountUsd);
  const modelAmount = overThreshold(fields.amounts);
  const checkedAmount = overThreshold(evidence.amounts);
  if (modelAmount || checkedAmount) add('amount_over_threshold');
  if (input.extractionFailed) add('extraction_failed');
  if (policy.vipCustomers.includes(input.customerId)) add('vip_customer');
  if (c.urgency === 'urgent') add('urgent');
  if (c.confidence < policy.confidenceThreshold) add('low_confidence');

  const notes: ReasonCode[] = input.classifierFellBack ? ['classifier_fallback'] : [];
  // Worth counting: a model that misses what plain words show may have been talked out of it.
  if (evidence.riskFlags.some((flag) => !modelFlags.has(flag)) || (checkedAmount && !modelAmount)) notes.push('risk_missed_by_model');
  const decidedBy = input.classifiedBy;

  if (!c.needsReply && concerns.length === 0) {
    return { route: 'no_reply', reasons: ['no_reply_needed', ...notes], decidedBy };
  }
  const secondOpinion = policy.flagshipSecondOpinion ?? true;
  if (concerns.length > 0 && !secondOpinion && !isHighStakes(concerns)) {
    return { route: 'human_review', reasons: [...concerns, ...notes], decidedBy };
  }
  if (concerns.length > 0) {
    if (c.sentiment === 'angry') concerns.push('angry_customer');
    return { route: 'flagship_review', reasons: [...concerns, ...notes], decidedBy };
  }
  // High by the rubric (one customer blocked, money already wrong) is worth a person's reply even when nothing else is.
  if (policy.autoSend && c.urgency === 'high') {
    return { route: 'human_review', reasons: ['high_urgency', ...notes], decidedBy };
  }
  if (policy.autoSend) {
    return { route: 'auto_send', reasons: ['low_risk_confident', ...notes], decidedBy };
  }
  return { route: 'human_review', reasons: ['low_risk_confident', 'auto_send_disabled', ...notes], decidedBy };
}

/** A simple ticket's classification must be at least this sure for nano to draft it. */
export const NANO_DRAFT_MIN_CONFIDENCE = 0.85;

/** Categories where a reply is routine: no money, no law, no incident. */
const NANO_DRAFT_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['technical', 'account', 'sales', 'feedback', 'general']);

/**
 * A ticket simple enough for nano to draft (the cheapest tier that can do the
 * step): one no model nor plain-code check found anything to worry about. Not
 * sent for a second opinion, low or normal urgency, no risk flag and no
 * amount from either side, a routine category, a confident classifier that
 * did not fall back. Everything else is drafted by mini as before, and
 * whatever nano drafts meets the same guards and the same route.
 */
export function isSimpleTicket(input: Omit<RoutingInput, 'customerId' | 'classifiedBy' | 'extractionFailed'>, decision: Decision): boolean {
  const { classification: c, fields, evidence } = input;
  return (
    (decision.route === 'auto_send' || decision.route === 'human_review') &&
    !isHighStakes(decision.reasons) &&
    (c.urgency === 'low' || c.urgency === 'normal') &&
    c.confidence >= NANO_DRAFT_MIN_CONFIDENCE &&
    !input.classifierFellBack &&
    c.riskFlags.length === 0 &&
    evidence.riskFlags.length === 0 &&
    fields.amounts.length === 0 &&
    evidence.amounts.length === 0 &&
    NANO_DRAFT_CATEGORIES.has(c.category)
  );
}
