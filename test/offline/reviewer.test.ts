import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/domain/index.js';
import { reviewOffline } from '../../src/models/offline/index.js';

const classification: Classification = {
  urgency: 'urgent',
  category: 'refund',
  language: 'en',
  sentiment: 'angry',
  riskFlags: ['refund', 'legal'],
  needsReply: true,
  confidence: 0.8,
};

describe('reviewOffline', () => {
  it('never approves or rewrites, even a confident, harmless draft: it hands the ticket to a human', () => {
    const review = reviewOffline({
      draft: { reply: 'Hello, a colleague will look into it.', language: 'en', confidence: 0.99 },
      classification: { ...classification, riskFlags: [], urgency: 'low', sentiment: 'positive' },
    });
    expect(review.verdict).toBe('human');
    expect(review.rewrittenReply).toBeNull();
    expect(review.rationale).toMatch(/^Offline mode: /);
  });

  it('explains why a second opinion was asked for in the rationale', () => {
    const review = reviewOffline({ draft: null, classification, reasons: ['risk_refund', 'urgent'] });
    expect(review.rationale).toContain('Second opinion asked for: risk_refund, urgent.');
    expect(review.rationale).toContain('Risk flags: refund, legal.');
    expect(review.rationale).toContain('There is no draft to review.');
  });

  it('works without any input and then claims nothing about a draft', () => {
    const review = reviewOffline();
    expect(review).toEqual({ verdict: 'human', rationale: expect.stringMatching(/^Offline mode: /), rewrittenReply: null });
    expect(review.rationale).not.toMatch(/draft/i);
  });
});
