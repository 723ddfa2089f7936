/**
 * Knowledge gaps: similar questions share a topic (across languages and
 * inflections), a ticket counts once per topic, and the top list counts
 * tickets per topic within a period.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gapTopic, KnowledgeGaps } from '../../src/kb/gaps.js';
import { reindexFolder } from '../../src/kb/indexer.js';
import { PassageStore } from '../../src/kb/passage-store.js';
import { analyseQuery } from '../../src/kb/query.js';
import { createRetriever } from '../../src/kb/retriever.js';
import { workspace } from './support.js';

const space = workspace('kb-gaps');
afterAll(() => space.cleanup());

space.write('faq.md', '# Parcelly FAQ\n\n## Parcelly plans\nParcelly has three plans.\n\n## Parcelly login\nSign in to Parcelly with your email.\n\n## Refunds\nParcelly refunds the first payment within 30 days.');
const db = space.open();
const store = new PassageStore(db.sqlite);
reindexFolder(store, space.kb);
const retriever = createRetriever(store);

describe('gap topics', () => {
  it('names a topic by the category and the two concepts rarest in the KB, ignoring the product name', () => {
    expect(retriever.gapTopic({ text: 'Does Parcelly have an affiliate program?', category: 'sales' })).toBe('sales: affiliat, program');
  });

  it('gives paraphrases, plurals and other languages the same topic', () => {
    const topics = [
      { text: 'Can I pay with bitcoin?', category: 'billing' },
      { text: 'Do you take Bitcoin payments?', category: 'billing' },
      { text: 'Kann ich mit Bitcoin zahlen?', category: 'billing' },
      { text: '¿Puedo pagar con bitcoin?', category: 'billing' },
    ].map((query) => retriever.gapTopic(query));
    expect(new Set(topics)).toEqual(new Set(['billing: billing, payment method']));
  });

  it('falls back to "general" without a category, and to the category alone without content words', () => {
    expect(retriever.gapTopic({ text: 'affiliate program?' })).toBe('general: affiliat, program');
    expect(retriever.gapTopic({ text: 'hi, thanks!', category: 'feedback' })).toBe('feedback');
  });

  it('orders by weight, then support concepts before other words, then length', () => {
    const concepts = analyseQuery('zebra refund invoice');
    expect(gapTopic('billing', concepts, [1, 1, 1])).toBe('billing: invoice, refund');
    expect(gapTopic('billing', concepts, [3, 1, 2])).toBe('billing: invoice, zebra');
  });
});

describe('recording and counting gaps', () => {
  let now = new Date('2026-12-07T10:00:00Z');
  const gaps = new KnowledgeGaps(db.sqlite, () => now);

  it('counts a ticket once per topic and groups tickets by topic, most first', () => {
    expect(gaps.record({ ticketId: 1, topic: 'billing: bitcoin payment', query: 'Can I pay with bitcoin?', language: 'en' })).toBe(true);
    expect(gaps.record({ ticketId: 1, topic: 'billing: bitcoin payment', query: 'Can I pay with bitcoin?', language: 'en' })).toBe(false);
    now = new Date('2026-12-08T10:00:00Z');
    gaps.record({ ticketId: 2, topic: 'billing: bitcoin payment', query: 'Kann ich mit Bitcoin  zahlen?\n', language: 'de' });
    gaps.record({ ticketId: 3, topic: 'sales: affiliate program', query: 'Affiliate program?', language: 'en' });
    expect(gaps.top()).toEqual([
      { topic: 'billing: bitcoin payment', tickets: 2, example: 'Kann ich mit Bitcoin zahlen?', languages: ['de', 'en'], lastSeen: new Date('2026-12-08T10:00:00Z') },
      { topic: 'sales: affiliate program', tickets: 1, example: 'Affiliate program?', languages: ['en'], lastSeen: new Date('2026-12-08T10:00:00Z') },
    ]);
  });

  it('counts only the period asked for, and honours the limit', () => {
    const since = new Date('2026-12-08T00:00:00Z');
    expect(gaps.top({ since }).map((topic) => [topic.topic, topic.tickets])).toEqual([
      ['billing: bitcoin payment', 1],
      ['sales: affiliate program', 1],
    ]);
    expect(gaps.top({ until: since }).map((topic) => topic.tickets)).toEqual([1]);
    expect(gaps.top({ limit: 1 })).toHaveLength(1);
  });

  it('keeps only the start of a long question', () => {
    now = new Date('2026-12-09T10:00:00Z');
    gaps.record({ ticketId: 4, topic: 'general: essay', query: 'word '.repeat(200), language: 'en' });
    expect(gaps.top({ since: now })[0]?.example.length).toBeLessThanOrEqual(300);
  });
});
