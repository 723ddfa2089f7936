/**
 * The cutter both adapters share (adapters/text-chunks.ts), under generated
 * text and limits: splitting keeps every character in order with only
 * whitespace dropped at the cuts, every chunk fits, no surrogate pair or
 * platform token is cut, and no cut turns text that mentions no one into a
 * chunk that starts or ends with a bare broadcast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textCutter } from '../src/present/text-chunks.js';
import { PROPERTY, SLACK_ATTACKS, SLACK_BARE_BROADCAST, customerText, longText } from './support/arbitraries.js';
import { expectFaithfulSplit } from './support/split-checks.js';

/** A platform token for the test: `{{…}}` must never be cut (as `&amp;` on Slack or `<@id>` on Discord). */
const keepBracesWhole = (text: string, at: number): number => {
  const open = text.lastIndexOf('{{', at - 1);
  if (open < 0) return at;
  const close = text.indexOf('}}', open);
  return close >= 0 && close + 2 > at && open < at ? open : at;
};

const plain = textCutter();
const withTokens = textCutter({ keepWhole: keepBracesWhole });

const text = fc.oneof(
  customerText(SLACK_ATTACKS),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom('word ', 'Sentence. ', 'Line\n', '\n\n', '{{token}}', '😀', 'me@here.com ', 'x@everyone', '@heretic', '\t'), { maxLength: 40 }).map((parts) => parts.join('')),
);

describe('textCutter.splitMessage, properties', () => {
  it('keeps every character in order, every chunk within the limit and non-empty', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 80 }), (written, max) => {
        expectFaithfulSplit(written, plain.splitMessage(written, max), max);
        expectFaithfulSplit(written, withTokens.splitMessage(written, max), max);
      }),
      PROPERTY.quick(701),
    );
  });

  it('never cuts a platform token that fits in a chunk', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 10, max: 80 }), (written, max) => {
        for (const chunk of withTokens.splitMessage(written, max)) {
          expect(chunk).not.toMatch(/\{\{(?![^]*\}\})[^{}]*$/);
          expect(chunk).not.toMatch(/^[^{}]*\}\}/);
        }
      }),
      PROPERTY.quick(702),
    );
  });

  it('never makes a bare broadcast at a cut when the text had none', () => {
    fc.assert(
      fc.property(fc.oneof(text, longText(['x@here', ';@heretic', 'me@channel.com', '_@everyone', '@everyones'], 60)), fc.integer({ min: 12, max: 80 }), (written, max) => {
        fc.pre(!SLACK_BARE_BROADCAST.test(written));
        for (const chunk of plain.splitMessage(written, max)) expect(chunk).not.toMatch(SLACK_BARE_BROADCAST);
      }),
      PROPERTY.quick(703),
    );
  });

  it('refuses a limit below 2, where a surrogate pair could not fit', () => {
    for (const max of [1, 0, -1, 1.5, Number.NaN]) expect(() => plain.splitMessage('abc', max)).toThrow(RangeError);
  });
});

describe('textCutter.truncate, properties', () => {
  it('returns the text when it fits, else a prefix and the marker within the limit', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 80 }), fc.constantFrom('…', '', '[cut]'), (written, max, marker) => {
        const cut = withTokens.truncate(written, max, marker);
        if (written.length <= max) {
          expect(cut).toBe(written);
          return;
        }
        expect(cut.length).toBeLessThanOrEqual(max);
        const kept = marker && cut.endsWith(marker) ? cut.slice(0, -marker.length) : cut;
        expect(written.startsWith(kept)).toBe(true);
        expect(kept).not.toMatch(/[\ud800-\udbff]$/);
      }),
      PROPERTY.quick(704),
    );
  });
});
