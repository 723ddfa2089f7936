/**
 * Routing policy: plain code, configurable, and every decision says why in
 * stable reason codes. The cascade's promise lives here: most tickets never
 * reach the flagship, and nothing high-stakes is sent without a human.
 */
import type { Classification, Decision, ExtractedFields, ModelTier, ReasonCode, RiskFlag } from '../domain/index.js';

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
}

const RISK_REASONS: Record<RiskFlag, ReasonCode> = {
  refund: 'risk_refund',
  legal: 'risk_legal',
  security: 'risk_security',
  data_loss: 'risk_data_loss',
  outage: 'risk_outage',
  churn_threat: 'risk_churn_threat',
};

/** Reasons that make a ticket high stakes: a human always sees its reply. */
const HIGH_STAKES: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  ...Object.values(RISK_REASONS),
  'amount_over_threshold',
  'vip_customer',
  'urgent',
]);

export function isHighStakes(reasons: readonly ReasonCode[]): boolean {
  return reasons.some((reason) => HIGH_STAKES.has(reason));
}

export function decideRoute(input: RoutingInput, policy: RoutingPolicy): Decision {
  const { classification: c, fields } = input;
  const escalations: ReasonCode[] = [];
  for (const flag of c.riskFlags) {
    const reason = RISK_REASONS[flag];
    if (!escalations.includes(reason)) escalations.push(reason);
  }
  if (fields.amounts.some((amount) => amount.value > policy.escalationAmountUsd)) escalations.push('amount_over_threshold');
  if (policy.vipCustomers.includes(input.customerId)) escalations.push('vip_customer');
  if (c.urgency === 'urgent') escalations.push('urgent');
  if (c.confidence < policy.confidenceThreshold) escalations.push('low_confidence');

  const notes: ReasonCode[] = input.classifierFellBack ? ['classifier_fallback'] : [];
  const decidedBy = input.classifiedBy;

  if (!c.needsReply && escalations.length === 0) {
    return { route: 'no_reply', reasons: ['no_reply_needed', ...notes], decidedBy };
  }
  const secondOpinion = policy.flagshipSecondOpinion ?? true;
  if (escalations.length > 0 && !secondOpinion && !isHighStakes(escalations)) {
    return { route: 'human_review', reasons: [...escalations, ...notes], decidedBy };
  }
  if (escalations.length > 0) {
    if (c.sentiment === 'angry') escalations.push('angry_customer');
    return { route: 'flagship_review', reasons: [...escalations, ...notes], decidedBy };
  }
  if (policy.autoSend) {
    return { route: 'auto_send', reasons: ['low_risk_confident', ...notes], decidedBy };
  }
  return { route: 'human_review', reasons: ['low_risk_confident', 'auto_send_disabled', ...notes], decidedBy };
}
