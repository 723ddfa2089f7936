/**
 * The outcome every renderer test starts from: a refund ticket under review
 * (high urgency, two reasons, extracted fields, a mini draft), placed on a
 * surface by the caller's ticket fields.
 */
import type { TicketOutcome } from '../../src/domain/index.js';

export function sampleOutcome(placed: Pick<TicketOutcome['ticket'], 'platform' | 'channelId' | 'threadId' | 'customerId' | 'customerName'>) {
  return (overrides: Partial<TicketOutcome> = {}, ticket: Partial<TicketOutcome['ticket']> = {}): TicketOutcome => {
    const at = new Date('2024-03-01T10:00:00Z');
    return {
      ticket: {
        id: 42,
        ...placed,
        subject: null,
        status: 'awaiting_review',
        urgency: 'high',
        category: 'refund',
        language: 'en',
        sentiment: 'negative',
        summary: 'Customer was charged twice for order A-5521 and wants a refund.',
        statusReason: null,
        round: 1,
        createdAt: at,
        updatedAt: at,
        ...ticket,
      },
      classification: { urgency: 'high', category: 'refund', language: 'en', sentiment: 'negative', riskFlags: ['refund'], needsReply: true, confidence: 0.82 },
      fields: { orderIds: ['A-5521'], accountIds: [], emails: ['ana@example.com'], products: [], amounts: [{ value: 49.9, currency: 'EUR' }] },
      decision: { route: 'human_review', reasons: ['risk_refund', 'low_confidence'], decidedBy: 'nano' },
      draft: { id: 7, reply: 'Sorry about the double charge, Ana. We have refunded order A-5521.', language: 'en', confidence: 0.8, source: 'mini' },
      secondOpinion: null,
      lastHumanReview: null,
      costUsd: 0.00421,
      estimatedCostUsd: 0,
      ...overrides,
    };
  };
}
