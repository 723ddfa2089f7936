// Text helpers shared by the offline models. Pure: no I/O, no globals mutated.
//
// Real tickets arrive with literal "\n" escapes (two characters, from CSV and
// JSON exports), HTML line breaks and anonymisation placeholders such as
// `<name>` or `<acc_num>`. Keyword matching must not see "\nich" as the word
// "nich", nor `<acc_num>` as an account id, so everything goes through
// `normalizeText` first.

/** Turns escapes and markup into plain whitespace and drops `<placeholder>` tokens. */
export function normalizeText(raw: string): string {
  return (
    raw
      // Literal backslash escapes as they appear in exported datasets.
      .replace(/\\r\\n|\\n|\\r/g, '\n')
      .replace(/\\t/g, ' ')
      // HTML line breaks, then anonymisation placeholders and chat mention syntax
      // (`<name>`, `<tel_num>`, `<@U123>`): none of them is customer wording.
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^<>\n]{1,40}>/g, ' ')
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim()
  );
}

/** Subject and body as one searchable text; the subject often carries the gist. */
export function joinSubjectAndText(input: { subject?: string; text: string }): string {
  const subject = input.subject?.trim();
  return normalizeText(subject ? `${subject}\n${input.text}` : input.text);
}

/** Lower-case Unicode word tokens (letters and digits, inner apostrophes kept). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a keyword into a case-insensitive, Unicode-aware whole-word regex.
 *
 * JavaScript's `\b` only knows ASCII, so "Rückerstattung" would match inside
 * "xRückerstattung"; look-arounds on `\p{L}` fix that. A leading or trailing
 * `*` allows extra letters on that side, which is how German compounds are
 * caught: `*ausfall` matches "Serviceausfall", `sicherheits*` matches
 * "Sicherheitsvorfall". Spaces match any run of whitespace, and an apostrophe
 * matches both the ASCII and the typographic one.
 */
export function compileKeyword(keyword: string, flags = 'giu'): RegExp {
  const prefixOpen = keyword.startsWith('*');
  const suffixOpen = keyword.endsWith('*');
  const core = keyword.slice(prefixOpen ? 1 : 0, suffixOpen ? -1 : undefined).trim();
  const body = core
    .split(/\s+/)
    .map((part) => escapeRegExp(part).replace(/'/g, "['’]"))
    .join('\\s+');
  const head = prefixOpen ? '\\p{L}*' : `(?<!${LETTER_OR_DIGIT})`;
  const tail = suffixOpen ? '\\p{L}*' : `(?!${LETTER_OR_DIGIT})`;
  return new RegExp(`${head}${body}${tail}`, flags);
}

/**
 * A named list of keywords, each with its probes: the literal pieces every
 * match contains (its words, split at apostrophes, without the `*` open
 * ends), in lower case. A text that lacks one cannot match, and `includes` is
 * far cheaper than a Unicode regex with look-arounds: most texts hold none of
 * a set's thousands of phrases (scanning them all was a quarter of a
 * ticket's CPU, and on text with any character beyond Latin-1, ’ or € or an
 * emoji, it held the event loop ~100 ms a ticket).
 */
export interface KeywordSet {
  readonly keywords: readonly string[];
  readonly probes: readonly (readonly string[])[];
  /** Whether texts are matched as given (the caller lower-cased them) rather than case-insensitively. */
  readonly lowerCaseInput: boolean;
  /** Each keyword's regex, compiled the first time its probe is found (most never are: compiling them all took seconds at start). */
  readonly patterns: (RegExp | undefined)[];
}

/** The literal pieces of a keyword (apostrophes and `*` ends match more than one spelling, spaces any whitespace). */
function probeOf(keyword: string): string[] {
  const core = keyword.slice(keyword.startsWith('*') ? 1 : 0, keyword.endsWith('*') ? -1 : undefined).trim();
  return core.split(/\s+/).flatMap((part) => part.split(/['’]/)).filter((piece) => piece !== '');
}

export function keywordSet(...lists: readonly (readonly string[])[]): KeywordSet {
  const keywords = [...new Set(lists.flat().map((keyword) => keyword.toLowerCase()))];
  return { keywords, patterns: [], probes: keywords.map(probeOf), lowerCaseInput: false };
}

/**
 * A keyword set for text the caller has lower-cased: compiled without the `i`
 * flag, which V8 compiles far more slowly for Unicode patterns (it matters
 * when there are thousands of phrases).
 */
export function lowerCaseKeywordSet(...lists: readonly (readonly string[])[]): KeywordSet {
  const keywords = [...new Set(lists.flat().map((keyword) => keyword.toLowerCase()))];
  return { keywords, patterns: [], probes: keywords.map(probeOf), lowerCaseInput: true };
}

/**
 * The keywords of `set` found in `text`, each counted once. The probe test
 * lower-cases the text, which agrees with the regexes' case-insensitive
 * matching for the five languages' alphabets (it would not for Greek's final
 * sigma, which no lexicon uses).
 */
export function matchedKeywords(text: string, set: KeywordSet): string[] {
  const probed = set.lowerCaseInput ? text : text.toLowerCase();
  const found: string[] = [];
  set.keywords.forEach((keyword, index) => {
    if (!(set.probes[index] ?? []).every((piece) => probed.includes(piece))) return;
    const pattern = patternOf(set, index);
    pattern.lastIndex = 0;
    if (pattern.test(text)) found.push(keyword);
  });
  return found;
}

function patternOf(set: KeywordSet, index: number): RegExp {
  let pattern = set.patterns[index];
  if (!pattern) {
    // Without the `i` flag for lower-cased input: V8 compiles Unicode patterns far more slowly with it.
    pattern = compileKeyword(set.keywords[index] ?? '', set.lowerCaseInput ? 'gu' : 'giu');
    set.patterns[index] = pattern;
  }
  return pattern;
}

/** Every pattern of the set, compiled as the iteration reaches it (for warming up a little at a time). */
export function* keywordPatterns(set: KeywordSet): Generator<RegExp> {
  for (let index = 0; index < set.keywords.length; index++) yield patternOf(set, index);
}

/** How many distinct keywords of `set` occur in `text`. */
export function countKeywords(text: string, set: KeywordSet): number {
  return matchedKeywords(text, set).length;
}

/** Cuts at a word boundary and adds an ellipsis; keeps short text as is. */
export function truncate(text: string, maxLength: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  const cut = clean.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Clamps into [0, 1] and rounds to two decimals so outputs are stable in tests and logs. */
export function clamp01(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
