/**
 * Text helpers every guard shares: folding look-alikes before a check (so a
 * full-width letter or a zero-width space cannot slip a word past it),
 * squashing text to letters and digits, scanning for a keyword set, and
 * listing what matched in a few words for the reviewer. In one place so every
 * guard judges the same normalised text.
 */
import { compileKeyword, type KeywordSet } from '../../models/offline/text.js';

/**
 * Folds look-alikes before any check: NFKC turns full-width and other
 * compatibility forms into plain letters ("ｈｔｔｐ" → "http"), and format
 * characters (zero-width spaces, joiners, bidi controls) are dropped so they
 * cannot split a word, a canary or a domain.
 */
export function prepare(text: string): string {
  return text.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

/** Lower-case letters and digits only: "TB-Canary draft 9F" → "tbcanarydraft9f". */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const MAX_LISTED = 5;

/** `"a", "b", "c" (+2 more)`: a short, quoted list for `info`. */
export function listed(values: readonly string[]): string {
  const unique = [...new Set(values.map((value) => value.replace(/\s+/g, ' ').trim()))];
  const shown = unique.slice(0, MAX_LISTED).map((value) => `"${value.length > 60 ? `${value.slice(0, 59)}…` : value}"`);
  return unique.length > MAX_LISTED ? `${shown.join(', ')} (+${unique.length - MAX_LISTED} more)` : shown.join(', ');
}

/** One alternation of a keyword set's compiled patterns, to scan a text once and see what matched. */
export function combined(set: KeywordSet): RegExp {
  return new RegExp(set.keywords.map((keyword) => compileKeyword(keyword).source).join('|'), 'giu');
}

export function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[0]);
}

/** A language tag's primary subtag, lower-cased: "pt-BR" → "pt". */
export function primaryLanguage(code: string): string {
  return code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}
