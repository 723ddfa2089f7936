/**
 * The two domain helpers every adapter uses on untrusted input:
 * `hasVisibleText` (an invisible-only message is no message) and
 * `parseTicketId` (ticket numbers from outside parse strictly).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasVisibleText, parseTicketId } from '../src/domain/index.js';
import { INVISIBLES, PROPERTY, invisible, invisibleText } from './support/arbitraries.js';

describe('hasVisibleText', () => {
  it('is false for empty, whitespace and every invisible character, alone or together', () => {
    expect(hasVisibleText('')).toBe(false);
    for (const char of INVISIBLES) expect(hasVisibleText(char), JSON.stringify(char)).toBe(false);
    expect(hasVisibleText('\u200b\u200c\u200d\u2060\ufeff \u3164\u115f\u1160\uffa0\u2800\u034f\ufe0f\u{e0100}')).toBe(false);
  });

  it('is true for letters, digits, punctuation and emoji, including emoji built with joiners and selectors', () => {
    for (const text of ['a', '1', '.', '😀', '❤️', '👩‍💻', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'é', '\u0301', '中', '\u{1f3fb}', '\ue000']) {
      expect(hasVisibleText(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('invisible-only text is never visible; one visible character anywhere makes it visible', () => {
    fc.assert(
      fc.property(invisibleText, invisibleText, fc.constantFrom('a', 'Z', '0', '!', 'é', '中', '😀', '\u2764'), (before, after, seen) => {
        expect(hasVisibleText(before + after)).toBe(false);
        expect(hasVisibleText(before + seen + after)).toBe(true);
      }),
      PROPERTY.quick(101),
    );
  });

  it('adding invisible characters never changes the answer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), invisible, (text, zw) => {
        expect(hasVisibleText(zw + text + zw)).toBe(hasVisibleText(text));
      }),
      PROPERTY.quick(102),
    );
  });
});

describe('parseTicketId', () => {
  it('reads "12" and "#12", and nothing that merely converts to a number', () => {
    expect(parseTicketId('12')).toBe(12);
    expect(parseTicketId('#12')).toBe(12);
    expect(parseTicketId(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    const bad = [
      '', '#', '0', '#0', '-1', '+1', '0x1', '0X1', '0o1', '0b1', '1e0', '1e3', '1.0', '1.', '.5', '1_000', '1,000', ' 1', '1 ', '1 2',
      '#-1', '##1', '# 1', '012', '00', 'Infinity', 'NaN', '١٢', '１２', '9007199254740992', '9007199254740993', '99999999999999999999', '1\n', '\u200b1',
    ];
    for (const text of bad) expect(parseTicketId(text), JSON.stringify(text)).toBeNull();
  });

  it('round-trips every positive safe integer, with and without #', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => {
        expect(parseTicketId(String(id))).toBe(id);
        expect(parseTicketId(`#${id}`)).toBe(id);
      }),
      PROPERTY.quick(103),
    );
  });

  it('accepts only canonical decimal text: whatever it returns prints back as the input', () => {
    const numberish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.stringMatching(/^[#+\- 0xobe._]{0,2}[0-9a-fA-F_.e ]{1,20}$/),
      fc.double().map(String),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
    );
    fc.assert(
      fc.property(numberish, (text) => {
        const id = parseTicketId(text);
        if (id === null) return;
        expect(Number.isSafeInteger(id) && id > 0).toBe(true);
        expect(text.replace(/^#/, '')).toBe(String(id));
      }),
      PROPERTY.quick(104),
    );
  });
});
