/**
 * The output guards' keyword scanner walks a text's words instead of running
 * one Unicode regex per keyword; it must find what the keyword syntax's
 * regexes (compileKeyword) find.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKeyword, keywordSet } from '../src/models/offline/text.js';
import { keywordScanner } from '../src/policy/output-guards/text.js';

const KEYWORDS = ['refund*', '*erstattung', 'money back', 'bon d\'achat', 'free of charge', 'e-mail', 'gratis', 'no later than', '*zahlung*', 'garantie*'];
const SET = keywordSet(KEYWORDS);
const scanner = keywordScanner(SET);

/** What the regexes find, in text order. */
function byRegex(text: string): string[] {
  const found: { at: number; text: string }[] = [];
  for (const keyword of KEYWORDS) for (const match of text.matchAll(compileKeyword(keyword))) found.push({ at: match.index, text: match[0] });
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.text.toLowerCase());
}

describe('keywordScanner', () => {
  it.each([
    'We will refund you; refunds are processed weekly. Not: prerefund.',
    'Die Rückerstattung und die Erstattung, nicht die Erstattungen.',
    'Money  back, not money, back; MONEY BACK.',
    "Un bon d'achat ou un bon d’achat.",
    'Free of charge!\nfree\tof charge, e-mail or e mail, gratis.',
    'Zahlungen, Vorauszahlung, Zahlungsziel; no later than Friday.',
    'Garantie, Garantieverlängerung, garanties.',
    '',
  ])('finds what the regexes find in %j', (text) => {
    expect(scanner.scan(text).map((found) => found.toLowerCase().replace(/’/g, "'"))).toEqual(byRegex(text).map((found) => found.replace(/’/g, "'")));
  });

  // Apostrophes are not generated between words: the regexes split "refund'refund" in two, the scanner reads one word; either way the guard trips.
  it('agrees with the regexes on generated text built from keyword pieces', () => {
    const piece = fc.constantFrom('refund', 'refunds', 'pre', 'erstattung', 'rück', 'money', 'back', 'free', 'of', 'charge', 'e', 'mail', 'gratis', 'zahlung', 'garantie', 'x', 'no', 'later', 'than', 'bon');
    const gap = fc.constantFrom(' ', '  ', '\n', '-', ', ', '', '.');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, gap), { maxLength: 12 }), (parts) => {
        const text = parts.map(([word, space]) => `${word}${space}`).join('');
        expect(scanner.scan(text).map((found) => found.toLowerCase())).toEqual(byRegex(text));
      }),
      { seed: 4711, numRuns: 400 },
    );
  });
});
