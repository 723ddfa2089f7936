/**
 * The spend dashboard writes money, counts and shares with a browser copy of
 * the report text's formatters (src/web/static/spend-format.js): held here to
 * the originals, value for value, so the page and `npm run report` never
 * disagree about how a number reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/present/money.js';
import { formatChange, formatCount, formatPercent, formatTokens, plural } from '../../src/present/report-numbers.js';

type Formatter = (value: number) => string;
interface BrowserFormat {
  formatUsd: Formatter;
  formatCount: Formatter;
  formatPercent: (value: number | null) => string;
  formatTokens: Formatter;
  formatChange: typeof formatChange;
  plural: typeof plural;
}

// A plain browser module, not TypeScript: loaded by URL.
const browser = (await import(new URL('../../src/web/static/spend-format.js', import.meta.url).href)) as BrowserFormat;

const EDGES = [0, -0, 1e-9, 0.000_000_9, 0.000_001, 0.000_001_1, 0.0044, 0.031, 0.0949, 0.0951, 0.0995, 0.1, 0.105, 0.995, 0.999, 1, 4.2, 999.995, 1_234.5, 999_999, 1_000_000, 2.9e6, 1.2e9, Number.NaN, Infinity, -Infinity];
const SIGNED = [...EDGES, ...EDGES.map((value) => -value)];
const anyNumber = fc.oneof(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(...SIGNED));

describe('spend-format.js writes numbers as the report text does', () => {
  it('money, counts, tokens and shares', () => {
    for (const value of SIGNED) {
      expect(browser.formatUsd(value), `usd ${value}`).toBe(formatUsd(value));
      expect(browser.formatCount(value), `count ${value}`).toBe(formatCount(value));
      expect(browser.formatTokens(value), `tokens ${value}`).toBe(formatTokens(value));
      expect(browser.formatPercent(value), `percent ${value}`).toBe(formatPercent(value));
    }
    fc.assert(
      fc.property(anyNumber, (value) => {
        expect(browser.formatUsd(value)).toBe(formatUsd(value));
        expect(browser.formatCount(value)).toBe(formatCount(value));
        expect(browser.formatTokens(value)).toBe(formatTokens(value));
        expect(browser.formatPercent(value)).toBe(formatPercent(value));
      }),
      { numRuns: 500 },
    );
    // A missing figure (no tickets, no input tokens) reads as a dash, never "null" or "NaN".
    expect(browser.formatPercent(null)).toBe(formatPercent(null));
    expect(browser.formatUsd(null as unknown as number)).toBe('—');
  });

  it('the change from last week, and plurals', () => {
    const weeks = fc.record({ costUsd: anyNumber, changeUsd: anyNumber, changeFraction: fc.option(anyNumber, { nil: null }) });
    fc.assert(
      fc.property(weeks, (week) => {
        expect(browser.formatChange(week)).toBe(formatChange(week));
      }),
      { numRuns: 300 },
    );
    for (const week of [{ costUsd: 5, changeUsd: -0.8, changeFraction: -0.16 }, { costUsd: 0, changeUsd: 4, changeFraction: null }, { costUsd: 5, changeUsd: 0, changeFraction: 0 }]) {
      expect(browser.formatChange(week)).toBe(formatChange(week));
    }
    for (const count of [0, 1, 2, 3_210]) expect(browser.plural(count, 'ticket')).toBe(plural(count, 'ticket'));
  });
});
