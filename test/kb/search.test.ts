/**
 * Searching: customer text never reaches FTS5 as syntax, a question in one
 * language finds the passage written in another, the relevance judgement
 * tells "answered" from "nothing relevant", and triage's hints and the
 * question in other words (`alsoSearch`) add to the query without replacing it.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { reindexFolder } from '../../src/kb/indexer.js';
import { PassageStore } from '../../src/kb/passage-store.js';
import { analyseQuery, matchExpression } from '../../src/kb/query.js';
import { isGrounded } from '../../src/kb/relevance.js';
import { createRetriever } from '../../src/kb/retriever.js';
import { PROPERTY } from '../support/arbitraries.js';
import { workspace } from './support.js';

const space = workspace('kb-search');
afterAll(() => space.cleanup());

space.write('refunds.md', '---\ntitle: Refund policy\nlanguage: en\n---\n# Refund policy\n\n## Money-back guarantee\nAsk for a full refund within 30 days of your first payment.\n\n## Double charges\nIf you were charged twice, we refund the duplicate at once.');
space.write('account.md', '---\nlanguage: en\n---\n# Account\n\n## Resetting a forgotten password\nClick Forgot password on the sign-in page; the link is valid for one hour.\n\n## Two-factor authentication\nScan the QR code with an authenticator app.');
space.write('de/versand.md', '---\nlanguage: de\n---\n# Versand\n\n## Paket beschädigt\nMelden Sie einen Schaden innerhalb von 30 Tagen mit Fotos.');
space.write('status.md', '# Status\n\n## Is it down?\nCheck the status page for outages, updated within days: "quoted" text, NEAR and OR in prose, a-b-c (parens) col:value.');

const db = space.open();
const store = new PassageStore(db.sqlite);
reindexFolder(store, space.kb);
const retriever = createRetriever(store);
const top = (text: string, extra: object = {}) => retriever.searchOffline({ text, ...extra }, 3)[0];

describe('FTS5 injection safety', () => {
  it.each([
    'refund" OR "x',
    'refund*',
    'NEAR(refund password, 2)',
    'refund OR password AND NOT status',
    '-refund',
    '(refund',
    'refund)',
    'heading:refund',
    '{heading text}: refund',
    '^refund',
    'refund + password',
    '"',
    '""""',
    '*',
    ':',
    'AND',
    '\u0000refund\u0007',
  ])('searches %j as plain words', (text) => {
    expect(() => retriever.searchOffline({ text }, 5)).not.toThrow();
    const expression = matchExpression(analyseQuery(text));
    // Nothing but quoted terms, an optional prefix star, joined by OR.
    if (expression !== null) expect(expression).toMatch(/^"[^"]+"\*?(?: OR "[^"]+"\*?)*$/);
  });

  it('finds the words in syntax-looking text as words', () => {
    expect(top('refund" OR "x')?.heading).toMatch(/Money-back guarantee|Double charges/);
    expect(top('heading:password')?.heading).toBe('Resetting a forgotten password');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('', ' NEAR ', '"', '*', ' OR ', '(', ')', ':', '-', '^', '+'), (text, syntax) => {
        retriever.searchOffline({ text: `${text}${syntax}${text}` }, 3);
      }),
      PROPERTY.quick(1207),
    );
  });
});

describe('across languages', () => {
  it('finds the English passage for a German, Spanish, French or Portuguese question', () => {
    expect(top('Ich habe mein Passwort vergessen', { language: 'de' })?.heading).toBe('Resetting a forgotten password');
    expect(top('¿Cómo pido un reembolso?', { language: 'es' })?.heading).toBe('Money-back guarantee');
    expect(top('Vous m’avez débité deux fois', { language: 'fr' })?.heading).toBe('Double charges');
    expect(top('Como ativo a autenticação de dois fatores?', { language: 'pt' })?.heading).toBe('Two-factor authentication');
  });

  it('finds the German passage for an English question', () => {
    const hit = top('my parcel arrived damaged', { language: 'en' });
    expect(hit).toMatchObject({ source: 'de/versand.md', heading: 'Paket beschädigt', language: 'de', relevant: true });
  });
});

describe('relevance', () => {
  it('marks an answered question grounded and an unrelated one not', () => {
    const answered = retriever.searchOffline({ text: 'I forgot my password' }, 3);
    expect(answered[0]).toMatchObject({ heading: 'Resetting a forgotten password', relevant: true });
    expect(answered[0]?.coverage).toBeGreaterThan(0.9);
    expect(isGrounded(answered)).toBe(true);
    const unrelated = retriever.searchOffline({ text: 'Do you sell gift vouchers for the bakery?' }, 3);
    expect(isGrounded(unrelated)).toBe(false);
    expect(retriever.searchOffline({ text: 'thanks!' }, 3)).toEqual([]);
  });

  it('reports scores highest first within one query', () => {
    const hits = retriever.searchOffline({ text: 'refund charged twice' }, 5);
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.every((hit) => hit.score > 0 && hit.bm25 > 0)).toBe(true);
    expect(hits.map((hit) => hit.score)).toEqual(hits.map((hit) => hit.score).sort((a, b) => b - a));
    expect(hits[0]?.heading).toBe('Double charges');
  });
});

describe('hints and translation', () => {
  it('lets the category steer an ambiguous question without counting toward relevance', () => {
    const plain = retriever.searchOffline({ text: 'thirty days' }, 5);
    const refund = retriever.searchOffline({ text: 'thirty days', category: 'refund' }, 5);
    const outage = retriever.searchOffline({ text: 'thirty days', category: 'outage' }, 5);
    expect(refund[0]?.source).toBe('refunds.md');
    expect(outage[0]?.source).toBe('status.md');
    // Coverage counts the customer's words only: a passage scores the same with or without the hint.
    for (const hit of refund) {
      const same = plain.find((candidate) => candidate.id === hit.id);
      if (same) expect(hit.coverage).toBe(same.coverage);
    }
    expect(refund.some((hit) => plain.some((candidate) => candidate.id === hit.id))).toBe(true);
  });

  it('searches the question in other words too (a translation), and finds with either reading', async () => {
    const retriever = createRetriever(store);
    expect((await retriever.search({ text: 'Salasana unohtui' }, 3)).filter((hit) => hit.relevant)).toEqual([]);
    expect((await retriever.search({ text: 'Salasana unohtui', alsoSearch: 'forgotten password' }, 3))[0]?.heading).toBe('Resetting a forgotten password');
    expect((await retriever.search({ text: 'I forgot my password', alsoSearch: '' }, 3))[0]?.heading).toBe('Resetting a forgotten password');
  });
});
