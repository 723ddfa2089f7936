/**
 * Search terms: the unit the query builder hands to FTS5 and the relevance
 * check matches against a passage. Both sides must agree on what a word is,
 * so this mirrors SQLite's `unicode61 remove_diacritics 2` tokenizer: runs of
 * letters and digits, lower case, diacritics removed.
 *
 * A light stemmer (suffix stripping for en/de/es/fr/pt, no dictionary) turns
 * a word into a prefix term: "invoices" → `invoic*` finds "invoice" and
 * "invoiced"; "cancelación" → `cancel*` finds "cancel" and "cancellation".
 * Over-matching is the price ("customer" → `custom*` also finds "customs");
 * BM25 and the coverage threshold absorb most of it, and recall matters more
 * here than a perfect stem.
 */
import { fold } from './stop-words.js';

export interface Term {
  /** Folded tokens; more than one for a phrase. */
  tokens: string[];
  /** Whether the last token is a prefix (`"invoic"*`). */
  prefix: boolean;
}

/** Folded tokens as the FTS5 tokenizer sees them. */
export function foldedTokens(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** [suffix, minimum word length]; longest first. A stem keeps at least four letters. */
const SUFFIXES: readonly (readonly [string, number])[] = [
  ['ations', 8], ['ciones', 8], ['amente', 8], ['mentos', 8], ['ements', 8],
  ['ungen', 7], ['ation', 7], ['ement', 7], ['mente', 7], ['ments', 7],
  ['cion', 6], ['coes', 6], ['ings', 6], ['ment', 6], ['ados', 6], ['adas', 6], ['idos', 6], ['idas', 6],
  ['ung', 6], ['ing', 6], ['ion', 6], ['cao', 6], ['oes', 6], ['ies', 6], ['ado', 6], ['ada', 6], ['ido', 6], ['ida', 6],
  ['ers', 6], ['ees', 6], ['eur', 6],
  ['ed', 5], ['es', 5], ['er', 5], ['en', 5], ['ee', 5], ['ez', 5], ['ar', 5], ['ir', 5], ['os', 5], ['as', 5],
  ['s', 5], ['y', 6], ['e', 6], ['a', 6], ['o', 6],
];

const MIN_STEM = 4;

function stripOnce(word: string, suffixes: readonly (readonly [string, number])[]): string {
  if (/\d/.test(word)) return word;
  for (const [suffix, minimum] of suffixes) {
    if (word.length < minimum || !word.endsWith(suffix)) continue;
    // "address", "access": a double s is the word, not a plural.
    if (suffix === 's' && word.endsWith('ss')) continue;
    const stem = word.slice(0, -suffix.length);
    if (stem.length >= MIN_STEM) return stem;
  }
  return word;
}

const VOWEL_ENDINGS = SUFFIXES.filter(([suffix]) => suffix === 'a' || suffix === 'e' || suffix === 'o');

/** The stem of a folded word; a second pass drops a final vowel ("cancelacion" → "cancela" → "cancel"). */
export function stem(word: string): string {
  const once = stripOnce(word, SUFFIXES);
  return once === word ? word : stripOnce(once, VOWEL_ENDINGS);
}

/**
 * The term for one folded word: a prefix of its stem when a suffix came off,
 * a prefix of the word itself when it is long (plurals of "password"), else
 * the exact word ("plan", "sso", "2fa": short prefixes match too much).
 */
export function wordTerm(word: string): Term {
  const stemmed = stem(word);
  if (stemmed !== word) return { tokens: [stemmed], prefix: true };
  if (word.length >= 6 && !/\d/.test(word)) return { tokens: [word], prefix: true };
  return { tokens: [word], prefix: false };
}

/** Plural and inflection endings tried on a short word, which is matched exactly rather than as a prefix. */
const SHORT_WORD_ENDINGS = ['s', 'es', 'n', 'en'] as const;

/**
 * The terms for one folded word: its `wordTerm`, and for a short word matched
 * exactly also its plural forms ("year" → "years", "Kunde" → "Kunden"),
 * which a prefix would find but with too much else ("down*" → "download").
 */
export function wordTerms(word: string): Term[] {
  const term = wordTerm(word);
  if (term.prefix || word.length < 3 || /\d/.test(word)) return [term];
  return [term, ...SHORT_WORD_ENDINGS.map((ending) => ({ tokens: [`${word}${ending}`], prefix: false }))];
}

/** The terms for a word or phrase as written (a synonym list entry, a product name); none for punctuation alone. */
export function textTerms(text: string): Term[] {
  const tokens = foldedTokens(text);
  if (tokens.length === 0) return [];
  if (tokens.length === 1) return wordTerms(tokens[0] ?? '');
  const last = wordTerm(tokens.at(-1) ?? '');
  return [{ tokens: [...tokens.slice(0, -1), ...last.tokens], prefix: last.prefix }];
}

export function termKey(term: Term): string {
  return `${term.tokens.join(' ')}${term.prefix ? '*' : ''}`;
}

/**
 * The term as an FTS5 string. Every token is inside double quotes (a quote
 * doubled), so nothing a customer writes — `"`, `*`, `NEAR`, `OR`, `-`,
 * parentheses, `col:` — is read as query syntax. Tokens are letters and
 * digits already; the quoting is the guarantee, not the filter.
 */
export function ftsString(term: Term): string {
  return `"${term.tokens.join(' ').replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
}

/** Whether `term` occurs in a passage's folded tokens, as FTS5 would match it. */
export function termMatches(term: Term, tokens: readonly string[]): boolean {
  const length = term.tokens.length;
  for (let start = 0; start + length <= tokens.length; start++) {
    let matched = true;
    for (let offset = 0; offset < length && matched; offset++) {
      const want = term.tokens[offset] ?? '';
      const have = tokens[start + offset] ?? '';
      matched = term.prefix && offset === length - 1 ? have.startsWith(want) : have === want;
    }
    if (matched) return true;
  }
  return false;
}
