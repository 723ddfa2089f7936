/**
 * Lower-case keyword sets skip a pattern when the text lacks one of its
 * literal pieces (src/models/offline/text.ts): a speed-up only, so the
 * matches must be exactly those of running every pattern. Checked on the
 * rubric's five-language phrase lists, in texts built from their own words
 * (whole, glued to other letters, with either apostrophe, across line
 * breaks, beside emoji and €, which make the text two-byte).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DE } from '../../src/models/offline/lexicons/de.js';
import { EN } from '../../src/models/offline/lexicons/en.js';
import { ES } from '../../src/models/offline/lexicons/es.js';
import { FR } from '../../src/models/offline/lexicons/fr.js';
import { PT } from '../../src/models/offline/lexicons/pt.js';
import type { RubricLexicon } from '../../src/models/offline/lexicons/types.js';
import { lowerCaseKeywordSet, matchedKeywords, type KeywordSet } from '../../src/models/offline/text.js';
import { PROPERTY } from '../support/arbitraries.js';

const SIGNALS = Object.keys(EN) as (keyof RubricLexicon)[];
const SETS: KeywordSet[] = SIGNALS.map((signal) => lowerCaseKeywordSet(...[EN, DE, ES, FR, PT].map((lexicon) => lexicon[signal])));
const WORDS = [...new Set(SETS.flatMap((set) => set.keywords))];

/** Every pattern run, as before the pieces existed: no probe rules anything out. */
const unfiltered = (set: KeywordSet): KeywordSet => ({ ...set, probes: set.keywords.map(() => []), patterns: [] });

const fragment = fc.oneof(
  fc.constantFrom(...WORDS).map((word) => word.replace(/^\*|\*$/g, '')),
  fc.constantFrom(...WORDS).map((word) => word.replace(/^\*|\*$/g, '').replace(/'/g, '’')),
  fc.constantFrom('x', 'über', 'de', 'ça', '😡', '€', '42', 'n’t', "'", '’', '-', '.', ', '),
);
const separator = fc.constantFrom(' ', '', '\n', '  ', ' — ', '’');

describe('lower-case keyword sets', () => {
  it('match exactly what running every pattern matches', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fragment, separator), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map(([part, gap]) => `${part}${gap}`).join('').toLowerCase();
        for (const set of SETS) expect(matchedKeywords(text, set)).toEqual(matchedKeywords(text, unfiltered(set)));
      }),
      { ...PROPERTY.heavy(1301), numRuns: 15 },
    );
    // Running every pattern of the grown lexicons takes 13-19 s alone; beside browser tests it neared the 30 s default.
  }, 90_000);

  it('still find a phrase written with a typographic apostrophe beside an emoji', () => {
    const set = lowerCaseKeywordSet(["can't log in"]);
    expect(matchedKeywords('i can’t\nlog in 😡', set)).toEqual(["can't log in"]);
    expect(matchedKeywords('i cannot log in 😡', set)).toEqual([]);
  });
});
