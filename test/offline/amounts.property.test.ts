/**
 * parseAmounts under generated input: it never throws and never invents a
 * number that is not finite and non-negative, and every money amount written
 * in one of the formats it documents (English, German and Swiss separators,
 * symbol or code before or after) reads back as exactly the amount written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmounts, parseNumber } from '../../src/models/offline/amounts.js';
import { PROPERTY } from '../support/arbitraries.js';

/** `cents` as the text a person would write, with `group` between thousands and `decimal` before the cents. */
function formatCents(cents: number, group: string, decimal: string, withCents: boolean): string {
  const whole = Math.floor(cents / 100);
  const digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return withCents ? `${digits}${decimal}${String(cents % 100).padStart(2, '0')}` : digits;
}

const STYLES = [
  { group: ',', decimal: '.' }, // English: 1,299.00
  { group: '.', decimal: ',' }, // German: 1.299,00
  { group: "'", decimal: '.' }, // Swiss: 1'299.00
  { group: '\u202f', decimal: ',' }, // French, narrow no-break space: 1 299,00
  { group: '', decimal: '.' }, // plain: 1299.00
  { group: '', decimal: ',' }, // plain German: 1299,00
] as const;

const CURRENCIES = [
  { written: (n: string) => `$${n}`, code: 'USD' },
  { written: (n: string) => `US$ ${n}`, code: 'USD' },
  { written: (n: string) => `€${n}`, code: 'EUR' },
  { written: (n: string) => `${n} €`, code: 'EUR' },
  { written: (n: string) => `${n} EUR`, code: 'EUR' },
  { written: (n: string) => `£${n}`, code: 'GBP' },
  { written: (n: string) => `${n} CHF`, code: 'CHF' },
  { written: (n: string) => `USD ${n}`, code: 'USD' },
  { written: (n: string) => `${n} euros`, code: 'EUR' },
] as const;

describe('parseAmounts, properties', () => {
  it('never throws on any text; values are finite and non-negative, currencies upper-case codes', () => {
    const noisy = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(fc.constantFrom('$', '€', '£', 'USD', 'EUR', 'CHF', 'euros', ' ', ',', '.', "'", '\u00a0', '1', '12', '999', '0', '-', 'e5', 'x'), { maxLength: 20 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(noisy, (text) => {
        for (const amount of parseAmounts(text)) {
          expect(Number.isFinite(amount.value)).toBe(true);
          expect(amount.value).toBeGreaterThanOrEqual(0);
          if (amount.currency !== null) expect(amount.currency).toMatch(/^[A-Z$€£]+$/u);
        }
      }),
      PROPERTY.quick(801),
    );
  });

  it('reads every documented format back as the amount written', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999_99 }),
        fc.constantFrom(...STYLES),
        fc.boolean(),
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom('', 'I was charged ', 'Refund ', '(', 'Total: '),
        fc.constantFrom('', ' twice.', ' for order 7781', ')', '!'),
        (cents, style, withCents, currency, before, after) => {
          // "1,299" without cents reads as 1299 in every style (a thousands group); "1,29" does not occur: cents have two digits.
          const number = formatCents(withCents ? cents : cents - (cents % 100), style.group, style.decimal, withCents);
          const text = `${before}${currency.written(number)}${after}`;
          const expected = (withCents ? cents : cents - (cents % 100)) / 100;
          expect(parseAmounts(text), text).toEqual([{ value: expected, currency: currency.code }]);
        },
      ),
      PROPERTY.quick(802),
    );
  });

  it('parseNumber reads both separators the same way round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_99 }), fc.constantFrom(...STYLES), (cents, style) => {
        expect(parseNumber(formatCents(cents, style.group, style.decimal, true))).toBe(cents / 100);
      }),
      PROPERTY.quick(803),
    );
  });
});
