/**
 * Slack's size limits, and the two helpers that keep our text inside them.
 * Slack rejects a whole message or view (`invalid_blocks`) when one field is
 * a character too long, so every piece of customer or model text passes
 * through `truncate` or `splitMessage` before it reaches a block.
 *
 * Lengths are counted in UTF-16 code units (`string.length`). That is never
 * fewer than the characters Slack counts, so staying under a limit here stays
 * under it at Slack too.
 */

/**
 * From Slack's Block Kit, view and chat.postMessage references (docs.slack.dev).
 * Only limits this adapter can hit are listed.
 */
export const SLACK_LIMITS = {
  /** Message `text`: Slack truncates beyond this. */
  messageText: 40_000,
  /** Message `text`: what Slack recommends staying under for readable messages. */
  messageTextRecommended: 4_000,
  blocksPerMessage: 50,
  blocksPerModal: 100,
  /** Any text object (`mrkdwn` or `plain_text`), e.g. a context element. Minimum 1. */
  textObject: 3_000,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Modal `title`, `submit` and `close` texts. */
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3_000,
  callbackId: 255,
  inputLabel: 2_000,
  inputHint: 2_000,
  inputPlaceholder: 150,
  /** `plain_text_input` `max_length` cannot exceed this; the initial value must fit too. */
  plainTextInput: 3_000,
} as const;

/** Below Slack's recommended 4,000 so a chunk plus a continuation marker still fits. */
export const DEFAULT_CHUNK = 3_900;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * The largest index ≤ `at` where `text` may be cut: not between the halves of
 * a surrogate pair (which would leave a lone, invalid half) and not inside an
 * HTML entity such as `&amp;` (escaped text would show a stray `&am`).
 */
function safeCut(text: string, at: number): number {
  let cut = Math.max(0, Math.min(at, text.length));
  if (cut > 0 && cut < text.length && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp <= 8) {
    const entity = /^&(?:#\d{1,6}|#x[0-9a-f]{1,5}|[a-z]{2,6});/i.exec(text.slice(amp, amp + 10));
    if (entity && amp + entity[0].length > cut) cut = amp;
  }
  return cut;
}

/**
 * Shortens `text` to at most `max` code units, ending with `marker` when it
 * had to cut. Trailing whitespace before the marker is dropped.
 */
export function truncate(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (marker.length >= max) return text.slice(0, safeCut(text, max));
  const kept = text.slice(0, safeCut(text, max - marker.length)).trimEnd();
  return kept + marker;
}

/**
 * Boundaries tried in order, best first. Each pattern matches the separator;
 * a chunk ends where the separator starts (for sentences: after the
 * punctuation), and the next chunk starts after the separator.
 */
const BOUNDARIES: readonly RegExp[] = [
  /\n[ \t]*\n\s*/g, // paragraph: a blank line
  /\n\s*/g, // line
  /(?<=[.!?。！？…]["')\]]*)\s+/g, // sentence: whitespace after closing punctuation
  /\s+/g, // word
];

/** The best place to end the first chunk of `text` (longer than `max`), and where the next one starts. */
function findCut(text: string, max: number): { end: number; next: number } {
  const fallbacks: { end: number; next: number }[] = [];
  for (const pattern of BOUNDARIES) {
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
  // One run of text longer than `max`: cut it, but keep pairs and entities whole.
  let end = safeCut(text, max);
  if (end === 0) {
    // An entity longer than `max` at the start: cutting it beats looping forever.
    end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  }
  return { end, next: end };
}

/**
 * Splits `text` into chunks of at most `max` code units, preferring paragraph,
 * then line, then sentence, then word boundaries. Whitespace at the cuts is
 * dropped, so the chunks joined back give the original modulo that whitespace.
 * Never returns an empty chunk (all-whitespace input gives `[]`).
 */
export function splitMessage(text: string, max: number = DEFAULT_CHUNK): string[] {
  // Below 2 a surrogate pair could not fit in any chunk.
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`splitMessage: max must be an integer ≥ 2, got ${max}`);
  const chunks: string[] = [];
  let rest = text;
  while (rest.trim().length > 0) {
    if (rest.length <= max) {
      chunks.push(rest.trimEnd());
      break;
    }
    const { end, next } = findCut(rest, max);
    const chunk = rest.slice(0, end).trimEnd();
    if (chunk.length > 0) chunks.push(chunk);
    rest = rest.slice(next).trimStart();
  }
  return chunks;
}
