import { describe, expect, it } from 'vitest';
import {
  RISK_FLAGS,
  type Classification,
  type ExtractedFields,
  type ReasonCode,
  type RiskFlag,
} from '../src/domain/index.js';
import { decideRoute, isHighStakes, isSimpleTicket, NANO_DRAFT_MIN_CONFIDENCE, type RoutingInput, type RoutingPolicy } from '../src/policy/routing.js';

const POLICY: RoutingPolicy = {
  escalationAmountUsd: 200,
  confidenceThreshold: 0.7,
  vipCustomers: ['U_VIP'],
  autoSend: false,
};

function classification(overrides: Partial<Classification> = {}): Classification {
  return {
    urgency: 'normal',
    category: 'general',
    language: 'en',
    sentiment: 'neutral',
    riskFlags: [],
    needsReply: true,
    confidence: 0.95,
    ...overrides,
  };
}

function fields(overrides: Partial<ExtractedFields> = {}): ExtractedFields {
  return { orderIds: [], accountIds: [], emails: [], products: [], amounts: [], ...overrides };
}

function input(
  c: Partial<Classification> = {},
  extra: Partial<Omit<RoutingInput, 'classification'>> = {},
): RoutingInput {
  return {
    classification: classification(c),
    fields: fields(),
    customerId: 'U_REGULAR',
    classifiedBy: 'nano',
    classifierFellBack: false,
    evidence: { riskFlags: [], amounts: [] },
    extractionFailed: false,
    ...extra,
  };
}

const NO_EVIDENCE = { riskFlags: [], amounts: [] };

const RISK_REASON: Record<RiskFlag, ReasonCode> = {
  refund: 'risk_refund',
  legal: 'risk_legal',
  security: 'risk_security',
  data_loss: 'risk_data_loss',
  outage: 'risk_outage',
  churn_threat: 'risk_churn_threat',
};

describe('decideRoute', () => {
  it('sends a confident, low-risk ticket to human review when auto-send is off', () => {
    expect(decideRoute(input(), POLICY)).toEqual({
      route: 'human_review',
      reasons: ['low_risk_confident', 'auto_send_disabled'],
      decidedBy: 'nano',
    });
  });

  it('never auto-sends a high-urgency ticket (one customer blocked, money already wrong): a person answers it', () => {
    expect(decideRoute(input({ urgency: 'high' }), { ...POLICY, autoSend: true })).toEqual({
      route: 'human_review',
      reasons: ['high_urgency'],
      decidedBy: 'nano',
    });
    expect(decideRoute(input({ urgency: 'normal' }), { ...POLICY, autoSend: true }).route).toBe('auto_send');
  });

  it('auto-sends a confident, low-risk ticket when auto-send is on', () => {
    expect(decideRoute(input(), { ...POLICY, autoSend: true })).toEqual({
      route: 'auto_send',
      reasons: ['low_risk_confident'],
      decidedBy: 'nano',
    });
  });

  it.each(RISK_FLAGS.map((flag) => [flag]))('risk flag %s → flagship_review with its reason', (flag) => {
    const decision = decideRoute(input({ riskFlags: [flag] }), { ...POLICY, autoSend: true });
    expect(decision.route).toBe('flagship_review');
    expect(decision.reasons).toEqual([RISK_REASON[flag]]);
    expect(isHighStakes(decision.reasons)).toBe(true);
  });

  it('lists each risk once, in the order flagged', () => {
    const decision = decideRoute(input({ riskFlags: ['legal', 'refund', 'legal'] }), POLICY);
    expect(decision.reasons).toEqual(['risk_legal', 'risk_refund']);
  });

  it('escalates an amount over the threshold, not one equal to it', () => {
    const over = decideRoute(input({}, { fields: fields({ amounts: [{ value: 20, currency: 'USD' }, { value: 200.01, currency: 'USD' }] }) }), POLICY);
    expect(over.route).toBe('flagship_review');
    expect(over.reasons).toEqual(['amount_over_threshold']);

    const equal = decideRoute(input({}, { fields: fields({ amounts: [{ value: 200, currency: 'USD' }] }) }), POLICY);
    expect(equal.route).toBe('human_review');
    expect(equal.reasons).not.toContain('amount_over_threshold');
  });

  it('follows the configured amount threshold', () => {
    const withAmount = input({}, { fields: fields({ amounts: [{ value: 60, currency: null }] }) });
    expect(decideRoute(withAmount, { ...POLICY, escalationAmountUsd: 50 }).reasons).toContain('amount_over_threshold');
    expect(decideRoute(withAmount, { ...POLICY, escalationAmountUsd: 100 }).reasons).not.toContain('amount_over_threshold');
  });

  it('escalates a VIP customer', () => {
    const decision = decideRoute(input({}, { customerId: 'U_VIP' }), { ...POLICY, autoSend: true });
    expect(decision).toEqual({ route: 'flagship_review', reasons: ['vip_customer'], decidedBy: 'nano' });
  });

  it('escalates an urgent ticket, not a merely high one', () => {
    expect(decideRoute(input({ urgency: 'urgent' }), POLICY).reasons).toEqual(['urgent']);
    expect(decideRoute(input({ urgency: 'high' }), POLICY).route).toBe('human_review');
  });

  it('escalates low confidence, below the threshold only', () => {
    const low = decideRoute(input({ confidence: 0.69 }), { ...POLICY, autoSend: true });
    expect(low).toEqual({ route: 'flagship_review', reasons: ['low_confidence'], decidedBy: 'nano' });
    expect(isHighStakes(low.reasons)).toBe(false);
    expect(decideRoute(input({ confidence: 0.7 }), { ...POLICY, autoSend: true }).route).toBe('auto_send');
  });

  it('adds angry_customer only alongside an escalation', () => {
    const calm = decideRoute(input({ sentiment: 'angry' }), { ...POLICY, autoSend: true });
    expect(calm.route).toBe('auto_send');
    expect(calm.reasons).not.toContain('angry_customer');

    const escalated = decideRoute(input({ sentiment: 'angry' }, { customerId: 'U_VIP' }), POLICY);
    expect(escalated.route).toBe('flagship_review');
    expect(escalated.reasons).toEqual(['vip_customer', 'angry_customer']);

    const negative = decideRoute(input({ sentiment: 'negative' }, { customerId: 'U_VIP' }), POLICY);
    expect(negative.reasons).not.toContain('angry_customer');
  });

  it('collects every reason that applies', () => {
    const decision = decideRoute(
      input(
        { riskFlags: ['refund'], urgency: 'urgent', confidence: 0.2, sentiment: 'angry' },
        { customerId: 'U_VIP', fields: fields({ amounts: [{ value: 999, currency: 'EUR' }] }) },
      ),
      POLICY,
    );
    expect(decision.route).toBe('flagship_review');
    expect(decision.reasons).toEqual([
      'risk_refund',
      'amount_over_threshold',
      'vip_customer',
      'urgent',
      'low_confidence',
      'angry_customer',
    ]);
  });

  it('needs no reply for a message that needs none and carries no risk', () => {
    expect(decideRoute(input({ needsReply: false }), { ...POLICY, autoSend: true })).toEqual({
      route: 'no_reply',
      reasons: ['no_reply_needed'],
      decidedBy: 'nano',
    });
  });

  it('still escalates a no-reply message that carries a risk flag', () => {
    const decision = decideRoute(input({ needsReply: false, riskFlags: ['security'] }), POLICY);
    expect(decision.route).toBe('flagship_review');
    expect(decision.reasons).toEqual(['risk_security']);
  });

  it('notes a classifier fallback on every route', () => {
    const fellBack = { classifierFellBack: true, classifiedBy: 'mini' as const };
    expect(decideRoute(input({}, fellBack), POLICY).reasons).toEqual([
      'low_risk_confident',
      'auto_send_disabled',
      'classifier_fallback',
    ]);
    expect(decideRoute(input({}, fellBack), { ...POLICY, autoSend: true }).reasons).toEqual([
      'low_risk_confident',
      'classifier_fallback',
    ]);
    expect(decideRoute(input({ needsReply: false }, fellBack), POLICY).reasons).toEqual([
      'no_reply_needed',
      'classifier_fallback',
    ]);
    expect(decideRoute(input({ urgency: 'urgent' }, fellBack), POLICY).reasons).toEqual(['urgent', 'classifier_fallback']);
    expect(decideRoute(input(), POLICY).reasons).not.toContain('classifier_fallback');
  });

  it('records the classifier tier as decidedBy', () => {
    expect(decideRoute(input({}, { classifiedBy: 'mini' }), POLICY).decidedBy).toBe('mini');
    expect(decideRoute(input({ riskFlags: ['legal'] }, { classifiedBy: 'flagship' }), POLICY).decidedBy).toBe('flagship');
    expect(decideRoute(input({ needsReply: false }, { classifiedBy: 'nano' }), POLICY).decidedBy).toBe('nano');
  });

  it('does not mutate its inputs', () => {
    const routingInput = input({ riskFlags: ['refund'], sentiment: 'angry' });
    const snapshot = structuredClone(routingInput);
    const policy = structuredClone(POLICY);
    decideRoute(routingInput, policy);
    decideRoute(routingInput, policy);
    expect(routingInput).toEqual(snapshot);
    expect(policy).toEqual(POLICY);
  });
});

describe('isHighStakes', () => {
  it.each([
    ['risk_refund'],
    ['risk_legal'],
    ['risk_security'],
    ['risk_data_loss'],
    ['risk_outage'],
    ['risk_churn_threat'],
    ['amount_over_threshold'],
    ['vip_customer'],
    ['urgent'],
  ] as [ReasonCode][])('%s is high stakes', (reason) => {
    expect(isHighStakes([reason])).toBe(true);
    expect(isHighStakes(['low_confidence', reason, 'angry_customer'])).toBe(true);
  });

  it('low confidence, anger and routing notes alone are not high stakes', () => {
    expect(isHighStakes([])).toBe(false);
    expect(isHighStakes(['low_confidence', 'angry_customer', 'classifier_fallback'])).toBe(false);
    expect(isHighStakes(['low_risk_confident', 'auto_send_disabled', 'no_reply_needed'])).toBe(false);
  });
});

describe('without a real flagship (offline)', () => {
  const base = {
    escalationAmountUsd: 200,
    confidenceThreshold: 0.7,
    vipCustomers: [] as string[],
    autoSend: true,
    flagshipSecondOpinion: false,
  };
  const classification = {
    urgency: 'normal' as const,
    category: 'technical' as const,
    language: 'en',
    sentiment: 'neutral' as const,
    riskFlags: [] as never[],
    needsReply: true,
    confidence: 0.3,
  };
  const fields = { orderIds: [], accountIds: [], emails: [], products: [], amounts: [] };

  it('sends an uncertain ticket to a human, never auto-sends it, and skips the flagship', () => {
    const decision = decideRoute({ classification, fields, customerId: 'c', classifiedBy: 'nano', classifierFellBack: false, evidence: NO_EVIDENCE, extractionFailed: false }, base);
    expect(decision).toEqual({ route: 'human_review', reasons: ['low_confidence'], decidedBy: 'nano' });
  });

  it('still sends high-stakes tickets through the flagship stage', () => {
    const decision = decideRoute(
      { classification: { ...classification, riskFlags: ['legal'] }, fields, customerId: 'c', classifiedBy: 'nano', classifierFellBack: false, evidence: NO_EVIDENCE, extractionFailed: false },
      base,
    );
    expect(decision.route).toBe('flagship_review');
    expect(decision.reasons).toEqual(['risk_legal', 'low_confidence']);
  });
});

describe('defence in depth: the model can add caution, never remove it', () => {
  const autoSend: RoutingPolicy = { ...POLICY, autoSend: true };
  // What an obedient model says about any ticket once told to: low, no risk, certain.
  const obedient: Partial<Classification> = { urgency: 'low', riskFlags: [], confidence: 1 };

  it.each([
    ['a refund the model did not report', { riskFlags: ['refund'] as RiskFlag[], amounts: [] }, 'risk_refund'],
    ['a legal request', { riskFlags: ['legal'] as RiskFlag[], amounts: [] }, 'risk_legal'],
    ['an account takeover', { riskFlags: ['security'] as RiskFlag[], amounts: [] }, 'risk_security'],
    ['an amount over the threshold', { riskFlags: [] as RiskFlag[], amounts: [{ value: 2_400, currency: 'USD' }] }, 'amount_over_threshold'],
  ])('the deterministic checks route %s to the flagship and a human', (_name, evidence, reason) => {
    const decision = decideRoute(input(obedient, { evidence }), autoSend);
    expect(decision.route).toBe('flagship_review');
    expect(decision.reasons).toContain(reason);
    expect(decision.reasons).toContain('risk_missed_by_model');
    expect(isHighStakes(decision.reasons)).toBe(true);
  });

  it.each([
    ['legal', 'risk_legal'],
    ['security', 'risk_security'],
    ['refund', 'risk_refund'],
  ] as const)('a %s category is high stakes even with empty risk flags', (category, reason) => {
    const decision = decideRoute(input({ ...obedient, category }), autoSend);
    expect(decision.route).toBe('flagship_review');
    expect(decision.reasons).toContain(reason);
    expect(isHighStakes(decision.reasons)).toBe(true);
  });

  it('fails closed when extraction failed: the ticket is high stakes, never auto-sent', () => {
    const decision = decideRoute(input(obedient, { extractionFailed: true }), autoSend);
    expect(decision.route).toBe('flagship_review');
    expect(decision.reasons).toContain('extraction_failed');
    expect(isHighStakes(decision.reasons)).toBe(true);
  });

  it('does not note a miss when the model reported the same risk', () => {
    const decision = decideRoute(input({ riskFlags: ['refund'] }, { evidence: { riskFlags: ['refund'], amounts: [] } }), autoSend);
    expect(decision.reasons).toEqual(['risk_refund']);
  });

  it('lets a harmless ticket auto-send when neither side finds anything', () => {
    expect(decideRoute(input(obedient), autoSend)).toMatchObject({ route: 'auto_send', reasons: ['low_risk_confident'] });
  });
});

describe('simple tickets (nano drafts them)', () => {
  const simple = (routing: RoutingInput, policy: RoutingPolicy = POLICY) => isSimpleTicket(routing, decideRoute(routing, policy));

  it('is a confident, low-risk, routine ticket, with auto-send on or off', () => {
    expect(simple(input({ category: 'technical' }))).toBe(true);
    expect(simple(input({ urgency: 'low', category: 'feedback' }), { ...POLICY, autoSend: true })).toBe(true);
    expect(simple(input({ confidence: NANO_DRAFT_MIN_CONFIDENCE }))).toBe(true);
  });

  it('is never a ticket routing sends for a second opinion, nor one with anything to worry about', () => {
    for (const flag of RISK_FLAGS) {
      expect(simple(input({ riskFlags: [flag] }))).toBe(false);
      expect(simple(input({}, { evidence: { riskFlags: [flag], amounts: [] } }))).toBe(false);
    }
    expect(simple(input({ urgency: 'high' }))).toBe(false);
    expect(simple(input({ urgency: 'urgent' }))).toBe(false);
    expect(simple(input({ confidence: NANO_DRAFT_MIN_CONFIDENCE - 0.01 }))).toBe(false);
    expect(simple(input({}, { classifierFellBack: true }))).toBe(false);
    expect(simple(input({}, { customerId: 'U_VIP' }))).toBe(false);
    expect(simple(input({}, { extractionFailed: true }))).toBe(false);
    // Money, even below the escalation threshold, from either side.
    expect(simple(input({}, { fields: fields({ amounts: [{ value: 5, currency: 'USD' }] }) }))).toBe(false);
    expect(simple(input({}, { evidence: { riskFlags: [], amounts: [{ value: 5, currency: 'USD' }] } }))).toBe(false);
    for (const category of ['billing', 'refund', 'legal', 'security', 'outage'] as const) expect(simple(input({ category }))).toBe(false);
  });

  it('is not a message that needs no reply (nothing is drafted)', () => {
    expect(simple(input({ needsReply: false }))).toBe(false);
  });
});
