/** The shadow comparison's arithmetic on a small hand-checked set. */
import { describe, expect, it } from 'vitest';
import { compareShadow, SHADOW_THRESHOLDS } from '../src/cli/shadow-metrics.js';
import type { Classification } from '../src/domain/index.js';

const base: Classification = { urgency: 'normal', category: 'technical', language: 'en', sentiment: 'neutral', riskFlags: [], needsReply: true, confidence: 0.9 };
const c = (overrides: Partial<Classification>): Classification => ({ ...base, ...overrides });

describe('shadow comparison', () => {
  it('gives agreement per field, the nano × shadow confusion and what each threshold catches', () => {
    const result = compareShadow(
      'flagship',
      [
        { nano: c({ urgency: 'normal', confidence: 0.6 }), shadow: c({ urgency: 'urgent' }) },
        { nano: c({ urgency: 'high', confidence: 0.8, riskFlags: ['refund', 'legal'] }), shadow: c({ urgency: 'high', riskFlags: ['legal', 'refund'] }) },
        { nano: c({ confidence: 0.5, category: 'billing' }), shadow: c({ needsReply: false }) },
        { nano: c({ confidence: 0.95 }), shadow: c({ urgency: 'low', riskFlags: ['outage'] }) },
      ],
      1,
    );
    expect(result).toMatchObject({ tier: 'flagship', compared: 4, failed: 1, urgency_disagreements: 2 });
    // Risk flags compare as sets: the order does not matter.
    expect(result.agreement).toEqual({ urgency: 0.5, category: 0.75, needs_reply: 0.75, risk_flags: 0.75 });
    expect(result.confusion.normal).toEqual({ low: 1, normal: 1, high: 0, urgent: 1 });
    expect(result.confusion.high.high).toBe(1);
    expect(SHADOW_THRESHOLDS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
    const at = (t: number) => result.thresholds.find((row) => row.threshold === t);
    // Below 0.5: nobody (0.5 itself is not below it).
    expect(at(0.5)).toEqual({ threshold: 0.5, escalated_share: 0, disagreements_caught: 0 });
    expect(at(0.55)).toEqual({ threshold: 0.55, escalated_share: 0.25, disagreements_caught: 0 });
    expect(at(0.65)).toEqual({ threshold: 0.65, escalated_share: 0.5, disagreements_caught: 0.5 });
    expect(at(0.85)).toEqual({ threshold: 0.85, escalated_share: 0.75, disagreements_caught: 0.5 });
    expect(at(0.95)).toEqual({ threshold: 0.95, escalated_share: 0.75, disagreements_caught: 0.5 });
  });

  it('has no agreement and no caught share to report without tickets or disagreements', () => {
    const empty = compareShadow('mini', [], 3);
    expect(empty.agreement).toEqual({ urgency: null, category: null, needs_reply: null, risk_flags: null });
    expect(empty.thresholds[0]).toEqual({ threshold: 0.5, escalated_share: 0, disagreements_caught: null });
  });
});
