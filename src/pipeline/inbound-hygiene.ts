/**
 * Bounds on what a platform hands us, applied before a message is stored.
 * Customer text and platform payloads are untrusted input: a Slack `ts` of
 * `999999999999.999999` would date a ticket in the year 33658 (invisible to
 * every report), a 20,000-block event would be stored whole as a 2.4 MB row,
 * and a text past Slack's own limit has no business in a prompt.
 *
 * Pure: the clock is passed in, nothing is logged; the caller logs the notes.
 */
import type { InboundMessage } from '../domain/index.js';

export type HygieneNote = 'timestamp_clamped' | 'raw_truncated' | 'raw_unserializable' | 'text_truncated';

export interface HygieneOptions {
  now: Date;
  /** Largest `raw` kept whole, in UTF-8 bytes of its JSON. Default 64 KiB. */
  maxRawBytes?: number;
  /** Longest text kept whole, in UTF-16 code units (never fewer than characters). Default 40,000, Slack's limit. */
  maxTextChars?: number;
}

export const DEFAULT_MAX_RAW_BYTES = 64 * 1024;
export const DEFAULT_MAX_TEXT_CHARS = 40_000;
/** How far `receivedAt` may be from the clock before it is not believed. */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** What replaces a `raw` payload too large to store. */
export interface TruncatedRaw {
  truncated: true;
  /** UTF-8 bytes of the payload's JSON. */
  originalBytes: number;
  /** The start of that JSON, cut so this whole object stays within the limit. */
  excerpt: string;
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** `text` cut to at most `max` code units, never between the two halves of a surrogate pair. */
function cutAtCodePoint(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = max > 0 && code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/**
 * The longest start of `json` whose replacement object fits `maxBytes` once
 * serialised (escaping can grow an excerpt, so the object is measured, not the
 * excerpt). Binary search: at most ~20 serialisations of under `maxBytes`.
 */
function truncatedRaw(json: string, maxBytes: number): TruncatedRaw {
  const originalBytes = utf8Bytes(json);
  const build = (length: number): TruncatedRaw => ({ truncated: true, originalBytes, excerpt: cutAtCodePoint(json, length) });
  const fits = (length: number) => utf8Bytes(JSON.stringify(build(length))) <= maxBytes;
  let low = 0;
  let high = Math.min(json.length, maxBytes);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return build(low);
}

function sanitizeRaw(raw: unknown, maxBytes: number): { raw: unknown; note: HygieneNote | null } {
  if (raw === undefined) return { raw, note: null };
  let json: string | undefined;
  try {
    json = JSON.stringify(raw);
  } catch (error) {
    // Cycles and BigInts would make the store's own JSON.stringify throw during intake.
    return { raw: { unserializable: true, error: error instanceof Error ? error.message : String(error) }, note: 'raw_unserializable' };
  }
  if (json === undefined || utf8Bytes(json) <= maxBytes) return { raw, note: null };
  return { raw: truncatedRaw(json, maxBytes), note: 'raw_truncated' };
}

/**
 * The message with its time, payload and text within bounds, and a note for
 * each thing that had to change (empty when nothing did):
 * - `timestamp_clamped`: `receivedAt` was invalid or more than 24 h from `now`; it is `now`.
 * - `raw_truncated`: `raw` was over `maxRawBytes` of JSON; it is a `TruncatedRaw`.
 * - `raw_unserializable`: `raw` could not be turned into JSON at all; it is a stub saying why.
 * - `text_truncated`: `text` was over `maxTextChars`; it is cut at a code point boundary.
 */
export function sanitizeInbound(message: InboundMessage, options: HygieneOptions): { message: InboundMessage; notes: HygieneNote[] } {
  const { now } = options;
  const maxRawBytes = options.maxRawBytes ?? DEFAULT_MAX_RAW_BYTES;
  const maxTextChars = options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;
  const notes: HygieneNote[] = [];
  let result = message;

  const at = message.receivedAt instanceof Date ? message.receivedAt.getTime() : Number.NaN;
  if (Number.isNaN(at) || Math.abs(at - now.getTime()) > MAX_CLOCK_SKEW_MS) {
    result = { ...result, receivedAt: new Date(now.getTime()) };
    notes.push('timestamp_clamped');
  }

  const raw = sanitizeRaw(message.raw, maxRawBytes);
  if (raw.note) {
    result = { ...result, raw: raw.raw };
    notes.push(raw.note);
  }

  if (message.text.length > maxTextChars) {
    result = { ...result, text: cutAtCodePoint(message.text, maxTextChars) };
    notes.push('text_truncated');
  }
  return { message: result, notes };
}
