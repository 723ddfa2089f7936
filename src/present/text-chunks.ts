/**
 * Cutting text to fit a platform: `truncate` and `splitMessage`, shared by
 * the Slack and Discord adapters. What may not be cut apart (an HTML entity on
 * Slack, an escape or a `<@id>` token on Discord) is the platform's business,
 * passed in as `keepWhole`; surrogate pairs are never split, and no cut makes
 * a bare `@here` out of an address or a longer word (see `keepMentionsWhole`).
 */

export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** What words and addresses are made of, as the mention escaping sees them: `me@here.com` and `@heretic` mention no one. */
const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;

/** The code point that ends just before `at`, and its length in code units. */
function codePointBefore(text: string, at: number): { char: string; width: number } {
  const low = text.charCodeAt(at - 1);
  const width = at >= 2 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(text.charCodeAt(at - 2)) ? 2 : 1;
  return { char: text.slice(at - width, at), width };
}

const isWordBefore = (text: string, at: number): boolean => at > 0 && WORD_CHARACTER.test(codePointBefore(text, at).char);

/**
 * Moves a cut that would make a mention out of text that is none. Escaping
 * leaves `me@here.com`, `x@everyone` and `@heretic` alone because they
 * mention no one, but cut between a word and its `@` the next piece would
 * start with a bare `@here`, and cut inside `@heretic` the piece would end
 * with one. So a cut inside a word that follows an `@` moves before the `@`,
 * and a cut just before an `@` moves before the word character preceding it.
 */
function keepMentionsWhole(text: string, at: number): number {
  let cut = at;
  if (cut < text.length && isWordBefore(text, cut) && WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(cut) ?? 0))) {
    let start = cut;
    while (isWordBefore(text, start)) start -= codePointBefore(text, start).width;
    if (start > 0 && text[start - 1] === '@') cut = start - 1;
  }
  if (cut > 0 && text[cut] === '@' && isWordBefore(text, cut)) cut -= codePointBefore(text, cut).width;
  return cut;
}

export interface TextCutter {
  truncate(text: string, max: number, marker?: string): string;
  splitMessage(text: string, max: number): string[];
}

export interface CutterOptions {
  /** Moves a cut at `at` back so it does not fall inside a platform token; gets a surrogate-safe index. */
  keepWhole?: (text: string, at: number) => number;
  /** Characters that may close a sentence after its punctuation (quotes, brackets, closing markup). */
  sentenceClosers?: string;
}

export function textCutter(options: CutterOptions = {}): TextCutter {
  const keepWhole = options.keepWhole ?? ((_text: string, at: number) => at);
  const closers = (options.sentenceClosers ?? `"')\\]`).replace(/[\]\\^-]/g, (c) => `\\${c}`);

  /** The largest index ≤ `at` where `text` may be cut. */
  const safeCut = (text: string, at: number): number => {
    let cut = Math.max(0, Math.min(at, text.length));
    if (cut > 0 && cut < text.length && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
    // Both rules only move the cut back; apply them until neither does.
    for (let previous = Number.POSITIVE_INFINITY; cut < previous; ) {
      previous = cut;
      cut = keepWhole(text, keepMentionsWhole(text, cut));
    }
    return cut;
  };

  /**
   * Boundaries tried in order, best first. Each pattern matches the separator;
   * a chunk ends where the separator starts (for sentences: after the
   * punctuation), and the next chunk starts after the separator.
   */
  const boundaries: readonly RegExp[] = [
    /\n[ \t]*\n\s*/g, // paragraph: a blank line
    /\n\s*/g, // line
    new RegExp(`(?<=[.!?。！？…][${closers}]*)\\s+`, 'g'), // sentence
    /\s+/g, // word
  ];

  /** The best place to end the first chunk of `text` (longer than `max`), and where the next one starts. */
  const findCut = (text: string, max: number): { end: number; next: number } => {
    const fallbacks: { end: number; next: number }[] = [];
    for (const pattern of boundaries) {
      let best: { end: number; next: number } | null = null;
      for (const match of text.matchAll(pattern)) {
        if (match.index > max) break;
        // A chunk made only of whitespace is no chunk: skip boundaries before any text.
        if (text.slice(0, match.index).trim().length === 0) continue;
        best = { end: match.index, next: match.index + match[0].length };
      }
      if (!best) continue;
      // A boundary that leaves the chunk at least half full is good enough;
      // otherwise a finer boundary nearer the limit makes fewer, fuller chunks.
      if (best.end >= max / 2) return best;
      fallbacks.push(best);
    }
    const coarse = fallbacks[0];
    if (coarse) return coarse;
    // One run of text longer than `max`: cut it, but keep pairs and tokens whole.
    let end = safeCut(text, max);
    if (end === 0) {
      // A token longer than `max` at the start: cutting it beats looping forever.
      end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
    }
    return { end, next: end };
  };

  return {
    /**
     * Shortens `text` to at most `max` code units, ending with `marker` when
     * it had to cut. Trailing whitespace before the marker is dropped.
     */
    truncate(text, max, marker = '…') {
      if (text.length <= max) return text;
      if (max <= 0) return '';
      if (marker.length >= max) return text.slice(0, safeCut(text, max));
      return text.slice(0, safeCut(text, max - marker.length)).trimEnd() + marker;
    },
    /**
     * Splits `text` into chunks of at most `max` code units, preferring
     * paragraph, then line, then sentence, then word boundaries. Whitespace at
     * the cuts is dropped, so the chunks joined back give the original modulo
     * that whitespace. Never returns an empty chunk (all-whitespace gives `[]`).
     */
    splitMessage(text, max) {
      // Below 2 a surrogate pair could not fit in any chunk.
      if (!Number.isInteger(max) || max < 2) throw new RangeError(`splitMessage: max must be an integer ≥ 2, got ${max}`);
      const chunks: string[] = [];
      let rest = text;
      while (rest.trim().length > 0) {
        if (rest.length <= max) {
          chunks.push(rest.trim());
          break;
        }
        const { end, next } = findCut(rest, max);
        const chunk = rest.slice(0, end).trim();
        if (chunk.length > 0) chunks.push(chunk);
        rest = rest.slice(next).trimStart();
      }
      return chunks;
    },
  };
}
