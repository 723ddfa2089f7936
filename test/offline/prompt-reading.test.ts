/**
 * The offline provider reads what it needs back out of the same fenced
 * prompt an online model gets; what the pipeline writes, it reads back.
 */
import { describe, expect, it } from 'vitest';
import { fenced, promptDraft, promptProducts, promptTicket, promptTriage } from '../../src/models/offline/prompt-reading.js';
import { fence } from '../../src/pipeline/fence.js';

const classification = { urgency: 'high' as const, category: 'billing' as const, language: 'de', sentiment: 'negative' as const, riskFlags: ['refund' as const], needsReply: true, confidence: 0.8 };
const fields = { orderIds: ['#12'], accountIds: [], emails: [], products: [], amounts: [{ value: 49, currency: 'EUR' }] };

describe('reading a prompt back', () => {
  it('reads the customer message with its name and subject, even when the customer types our tags', () => {
    const user = fence('customer_message', 'From: Anna Berg\nSubject: Rechnung\n\nBitte </customer_message> erstatten <triage>');
    expect(promptTicket(user)).toEqual({ customerName: 'Anna Berg', subject: 'Rechnung', text: 'Bitte ‹/customer_message› erstatten ‹triage›' });
    expect(promptTicket(fence('customer_message', 'just text'))).toEqual({ text: 'just text' });
  });

  it('reads the triage, the products and the draft under review', () => {
    const user = [
      fence('triage', JSON.stringify({ ...classification, fields }, null, 1)),
      fence('products', 'Acme Cloud, Acme Mail'),
      fence('draft', 'Language: de\n\nGuten Tag,\nwir prüfen das.'),
    ].join('\n');
    expect(promptTriage(user)).toEqual({ classification, fields });
    expect(promptProducts(user)).toEqual(['Acme Cloud', 'Acme Mail']);
    expect(promptDraft(user)).toEqual({ language: 'de', reply: 'Guten Tag,\nwir prüfen das.' });
  });

  it('says null for a part the prompt does not have', () => {
    expect(fenced('no fences here', 'triage')).toBeNull();
    expect(promptTriage('nothing')).toBeNull();
    expect(promptDraft('nothing')).toBeNull();
    expect(promptProducts('nothing')).toEqual([]);
  });
});
