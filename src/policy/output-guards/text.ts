/**
 * Text helpers every guard shares: folding look-alikes before a check (so a
 * full-width letter or a zero-width space cannot slip a word past it),
 * squashing text to letters and digits, scanning for a keyword set, and
 * listing what matched in a few words for the reviewer. In one place so every
 * guard judges the same normalised text.
 */
import type { KeywordSet } from '../../models/offline/text.js';

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

/** Words as the keyword syntax sees them: letters and digits, with apostrophes inside ("aujourd'hui"). */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((match) => ({ text: match[0].toLowerCase().replace(/’/g, "'"), start: match.index, end: match.index + match[0].length }));
}

interface CompiledKeyword {
  /** The keyword's words, lower-cased. */
  words: string[];
  /** What must stand between consecutive words: null for any whitespace, else these exact characters. */
  gaps: (string | null)[];
  /** `*word`: the first word may have letters before it. */
  openStart: boolean;
  /** `word*`: the last word may have letters after it. */
  openEnd: boolean;
}

/**
 * Finds a keyword set's keywords in a text, with the semantics of
 * `compileKeyword` (whole words, case-insensitive, `*` open ends, spaces
 * matching any whitespace), by walking the text's words once and looking each
 * up, instead of running hundreds of Unicode regexes over every character:
 * the guards run on every draft, and the regex scan cost milliseconds each.
 */
export interface KeywordScanner {
  scan(text: string): string[];
}

export function keywordScanner(set: KeywordSet): KeywordScanner {
  const byFirstWord = new Map<string, CompiledKeyword[]>();
  const openStarts: CompiledKeyword[] = [];
  const openEndFirst: CompiledKeyword[] = [];
  for (const keyword of set.keywords) {
    const openStart = keyword.startsWith('*');
    const openEnd = keyword.endsWith('*');
    const core = keyword.slice(openStart ? 1 : 0, openEnd ? -1 : undefined).trim().toLowerCase().replace(/’/g, "'");
    const parts = tokens(core);
    if (parts.length === 0) continue;
    const gaps = parts.slice(1).map((part, index) => {
      const gap = core.slice(parts[index]?.end ?? 0, part.start);
      return /^\s+$/.test(gap) ? null : gap;
    });
    const compiled: CompiledKeyword = { words: parts.map((part) => part.text), gaps, openStart, openEnd };
    if (openStart) openStarts.push(compiled);
    else if (openEnd && parts.length === 1) openEndFirst.push(compiled);
    else {
      const first = compiled.words[0] ?? '';
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), compiled]);
    }
  }
  const wordMatches = (keyword: CompiledKeyword, index: number, token: string): boolean => {
    const word = keyword.words[index] ?? '';
    const openBefore = index === 0 && keyword.openStart;
    const openAfter = index === keyword.words.length - 1 && keyword.openEnd;
    if (openBefore && openAfter) return token.includes(word);
    if (openBefore) return token.endsWith(word);
    if (openAfter) return token.startsWith(word);
    return token === word;
  };
  const matchAt = (text: string, words: Token[], at: number, keyword: CompiledKeyword): Token | null => {
    for (let index = 0; index < keyword.words.length; index++) {
      const token = words[at + index];
      if (!token || !wordMatches(keyword, index, token.text)) return null;
      if (index > 0) {
        const gap = text.slice(words[at + index - 1]?.end ?? 0, token.start);
        const wanted = keyword.gaps[index - 1];
        if (wanted === null ? !/^\s+$/.test(gap) : gap.replace(/’/g, "'") !== wanted) return null;
      }
    }
    return words[at + keyword.words.length - 1] ?? null;
  };
  return {
    scan(text: string): string[] {
      const words = tokens(text);
      const found: string[] = [];
      words.forEach((token, at) => {
        const candidates = [...(byFirstWord.get(token.text) ?? []), ...openStarts, ...openEndFirst];
        for (const keyword of candidates) {
          const end = matchAt(text, words, at, keyword);
          if (end) found.push(text.slice(token.start, end.end));
        }
      });
      return found;
    },
  };
}

export function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[0]);
}

/** A language tag's primary subtag, lower-cased: "pt-BR" → "pt". */
export function primaryLanguage(code: string): string {
  return code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}
