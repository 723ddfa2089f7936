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

/** A named list of keywords compiled once, so hot paths do not rebuild regexes. */
export interface KeywordSet {
  readonly keywords: readonly string[];
  readonly patterns: readonly RegExp[];
  /**
   * Per keyword, the literal pieces every match of its pattern contains
   * (lower-case sets only, where matching is exact): a text lacking one is
   * not searched. See `lowerCaseKeywordSet`.
   */
  readonly pieces?: readonly (readonly string[])[];
}

export function keywordSet(...lists: readonly (readonly string[])[]): KeywordSet {
  const keywords = [...new Set(lists.flat().map((keyword) => keyword.toLowerCase()))];
  return { keywords, patterns: keywords.map((keyword) => compileKeyword(keyword)) };
}

/**
 * A keyword set for text the caller has lower-cased: compiled without the `i`
 * flag, which V8 compiles far more slowly for Unicode patterns (it matters
 * when there are thousands of phrases).
 */
export function lowerCaseKeywordSet(...lists: readonly (readonly string[])[]): KeywordSet {
  const keywords = [...new Set(lists.flat().map((keyword) => keyword.toLowerCase()))];
  return { keywords, patterns: keywords.map((keyword) => compileKeyword(keyword, 'gu')), pieces: keywords.map(literalPieces) };
}

/**
 * The parts of a keyword its pattern matches literally: the words, split at
 * apostrophes (either kind matches there), without the `*` open ends. Without
 * the `i` flag a match contains each of them as is, so `includes` rules a
 * keyword out exactly. It matters for speed: most texts hold none of a set's
 * thousands of phrases, and scanning a text with any character beyond
 * Latin-1 (a typographic apostrophe, an emoji, €) is several times slower
 * per pattern; thousands of them held the event loop for 100 ms a ticket.
 */
function literalPieces(keyword: string): string[] {
  const core = keyword.slice(keyword.startsWith('*') ? 1 : 0, keyword.endsWith('*') ? -1 : undefined).trim();
  return core.split(/\s+/).flatMap((part) => part.split("'")).filter((piece) => piece !== '');
}

/** The keywords of `set` found in `text`, each counted once. */
export function matchedKeywords(text: string, set: KeywordSet): string[] {
  const found: string[] = [];
  set.patterns.forEach((pattern, index) => {
    const pieces = set.pieces?.[index];
    if (pieces && !pieces.every((piece) => text.includes(piece))) return;
    pattern.lastIndex = 0;
    if (pattern.test(text)) found.push(set.keywords[index] ?? '');
  });
  return found;
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
