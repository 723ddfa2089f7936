import { describe, expect, it } from 'vitest';
import type { Classification, ExtractedFields } from '../../src/domain/index.js';
import {
  classifyOffline,
  draftOffline,
  extractOffline,
  OFFLINE_DRAFT_CONFIDENCE,
  summarizeOffline,
} from '../../src/models/offline/index.js';

const products = { products: ['SyncBox'] };

function pipeline(input: { subject?: string; text: string }, customerName?: string) {
  const classification = classifyOffline(input);
  const fields = extractOffline(input, products);
  const draft = draftOffline({ ...input, classification, fields, ...(customerName ? { customerName } : {}) });
  return { classification, fields, draft };
}

/**
 * Phrases in which the support team (not the customer) would promise money or
 * a deadline. The quoted request is removed first: restating "I want a
 * refund" is not a promise, writing "we will refund you" is.
 */
const PROMISES = [
  /\bwe(?:'ll| will| shall| are going to)\s+(?:\w+\s+)?(?:refund|reimburse|credit|compensate|pay)/i,
  /\b(?:refund|credit|reimbursement|compensation)\s+(?:has been|was|will be|is being)\s+(?:issued|processed|approved|sent|granted)/i,
  /\byou(?:'ll| will)\s+(?:receive|get)\b/i,
  /\b(?:within|in the next)\s+\d+\s*(?:minutes?|hours?|days?|weeks?|business days?)/i,
  /\b(?:today|tomorrow|by (?:monday|tuesday|wednesday|thursday|friday|end of day)|shortly|right away|asap|immediately)\b/i,
  /\bguarantee/i,
  /\b(?:erstatten wir|wir erstatten|wird (?:Ihnen )?erstattet|Rückerstattung (?:wird|wurde)|Gutschrift (?:wird|wurde)|erhalten Sie)\b/i,
  /\b(?:innerhalb von|in den nächsten)\s+\d+/i,
  /\b(?:heute|morgen|umgehend|sofort|in Kürze|garantier)/i,
  /\d+(?:[.,]\d+)?\s*(?:€|EUR|USD|\$)|[$€£]\s*\d/,
];

function withoutQuote(reply: string): string {
  return reply.replace(/"[^"]*"|„[^“]*“/g, '""');
}

describe('draftOffline', () => {
  it('writes a German reply for a German ticket and mentions the order id', () => {
    const { draft } = pipeline(
      {
        subject: 'Rechnung doppelt abgebucht',
        text: 'Hallo,\\n\\nmir wurden für die Bestellung 12345 zweimal 50,00 € abgebucht. Können Sie das bitte prüfen?\\n\\nViele Grüße <name>',
      },
      'Frau Müller',
    );
    expect(draft.language).toBe('de');
    expect(draft.reply).toMatch(/^Guten Tag Frau Müller,/);
    expect(draft.reply).toContain('vielen Dank für Ihre Nachricht zu „Rechnung doppelt abgebucht“');
    expect(draft.reply).toContain('12345');
    expect(draft.reply).toContain('Mit freundlichen Grüßen');
    expect(draft.reply).not.toMatch(/\b(?:Thank you|Hello|Best regards)\b/);
  });

  it('writes English for an English ticket and restates its first question when there is no subject', () => {
    const { draft } = pipeline({
      text: 'Hi there,\\n\\nI hope you are well. Can I move my SyncBox licence to a new laptop? It is for order ORD-5521.',
    });
    expect(draft.language).toBe('en');
    expect(draft.reply).toContain('"Can I move my SyncBox licence to a new laptop?"');
    expect(draft.reply).toContain('ORD-5521');
  });

  it('falls back to English for a language without a template, with lower confidence', () => {
    const { classification, draft } = pipeline({ text: "Bonjour, ma commande n° 5521 n'est pas arrivée. Pouvez-vous vérifier ?" });
    expect(classification.language).toBe('fr');
    expect(draft.language).toBe('en');
    expect(draft.reply).toMatch(/^Hello,/);
    expect(draft.confidence).toBeLessThan(OFFLINE_DRAFT_CONFIDENCE);
  });

  it('reports a confidence below a real model', () => {
    const { draft } = pipeline({ text: 'My SyncBox does not sync any more, error 0x80.' });
    expect(draft.confidence).toBeLessThanOrEqual(0.5);
    expect(draft.confidence).toBeGreaterThan(0);
  });

  it('asks for the order number when a refund ticket has none', () => {
    const { draft } = pipeline({ text: 'The item arrived broken, I want my money back.' });
    expect(draft.reply).toMatch(/order number/);
  });

  it.each([
    ['en refund with amount', { text: 'I was charged $1,299.00 twice for order #48213. Refund the duplicate charge within 24 hours or I call my bank!' }],
    ['en legal threat', { text: 'If you do not refund my 120 EUR by Friday my lawyer will sue you.' }],
    ['en outage', { subject: 'URGENT outage', text: 'Everything is down, fix it today, we need compensation for the downtime.' }],
    ['de refund', { text: 'Ich möchte sofort meine 50,00 € zurück, Bestellung 12345. Bitte erstatten Sie mir das Geld heute noch.' }],
    ['de security', { subject: 'Konto gehackt', text: 'Mein Konto wurde gehackt und es wurden 200 € abgebucht. Ich erwarte eine Gutschrift innerhalb von 2 Tagen.' }],
  ])('never promises money or a timeline (%s)', (_label, input) => {
    const { draft } = pipeline(input);
    const ownWords = withoutQuote(draft.reply);
    for (const promise of PROMISES) expect(ownWords).not.toMatch(promise);
  });

  it('the promise check itself catches a promise (so the test above can fail)', () => {
    const promising = 'Hello,\n\nWe will refund you 120 EUR within 3 days.\n\nBest regards';
    expect(PROMISES.some((promise) => promise.test(withoutQuote(promising)))).toBe(true);
  });

  it('does not echo chat mentions or markup from the ticket', () => {
    const { draft } = pipeline({ subject: '<!channel> @everyone help `now`', text: 'please' }, '<@U123> Bob');
    expect(draft.reply).not.toMatch(/<[!@]|@everyone|`/);
    expect(draft.reply).toContain('Bob');
  });

  it('trims a long request to about 160 characters', () => {
    const longSubject = `Problem with ${'the synchronisation of very many files '.repeat(10)}`;
    const { draft } = pipeline({ subject: longSubject, text: 'see subject' });
    const quoted = /"([^"]*)"/.exec(draft.reply)?.[1] ?? '';
    expect(quoted.length).toBeGreaterThan(100);
    expect(quoted.length).toBeLessThanOrEqual(160);
    expect(quoted.endsWith('…')).toBe(true);
  });
});

describe('summarizeOffline', () => {
  const classification: Classification = {
    urgency: 'high',
    category: 'refund',
    language: 'de',
    sentiment: 'negative',
    riskFlags: ['refund'],
    needsReply: true,
    confidence: 0.55,
  };
  const fields: ExtractedFields = {
    orderIds: ['12345'],
    accountIds: ['4711'],
    emails: ['kunde@example.de'],
    products: ['SyncBox'],
    amounts: [{ value: 50, currency: 'EUR' }, { value: 19.9, currency: null }],
  };

  it('states category, urgency, the request and the key fields in one paragraph', () => {
    const summary = summarizeOffline({
      subject: 'Rückerstattung für defekte SyncBox',
      text: 'Die SyncBox ist defekt.',
      classification,
      fields,
    });
    expect(summary).toContain('Refund ticket, urgency high');
    expect(summary).toContain('Rückerstattung für defekte SyncBox');
    expect(summary).toContain('order ids 12345');
    expect(summary).toContain('account ids 4711');
    expect(summary).toContain('amounts 50 EUR, 19.90');
    expect(summary).toContain('products SyncBox');
    expect(summary).toContain('Risk flags: refund');
    expect(summary).not.toContain('\n');
  });

  it('counts e-mail addresses instead of copying them', () => {
    const summary = summarizeOffline({ text: 'x', classification, fields });
    expect(summary).toContain('1 e-mail address');
    expect(summary).not.toContain('kunde@example.de');
  });

  it('says when no reply is needed', () => {
    const summary = summarizeOffline({
      text: 'thanks!',
      classification: { ...classification, needsReply: false, riskFlags: [] },
      fields: { orderIds: [], accountIds: [], emails: [], products: [], amounts: [] },
    });
    expect(summary).toContain('No reply needed.');
    expect(summary).not.toContain('Mentions');
  });
});

describe('draftOffline: legal threats', () => {
  it('does not quote a legal threat back to the customer', () => {
    const { classification, draft } = pipeline({ text: 'If you do not fix this by Friday my lawyer will sue you.' });
    expect(classification.category).toBe('legal');
    expect(draft.reply).not.toMatch(/lawyer|sue/i);
    expect(draft.reply).toContain('Thank you for contacting us.');
  });
});
