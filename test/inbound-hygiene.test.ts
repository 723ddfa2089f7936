/**
 * sanitizeInbound: a believable time, a bounded payload and a bounded text
 * for every message before it is stored, with a note for each change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../src/domain/index.js';
import {
  DEFAULT_MAX_RAW_BYTES,
  DEFAULT_MAX_TEXT_CHARS,
  MAX_CLOCK_SKEW_MS,
  sanitizeInbound,
  type TruncatedRaw,
} from '../src/pipeline/inbound-hygiene.js';
import { PROPERTY } from './support/arbitraries.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    thread: { platform: 'slack', channelId: 'C1', threadId: '1700000000.000100' },
    messageId: '1700000000.000100',
    customer: { id: 'U1' },
    text: 'Where is my invoice?',
    receivedAt: new Date(NOW.getTime() - 5_000),
    raw: { type: 'message', text: 'Where is my invoice?' },
    ...overrides,
  };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('sanitizeInbound', () => {
  it('leaves an ordinary message exactly as it is, with no notes', () => {
    const input = message();
    const { message: out, notes } = sanitizeInbound(input, { now: NOW });
    expect(notes).toEqual([]);
    expect(out).toBe(input);
  });

  it('clamps a time more than 24 h away, or an invalid one, to now; 24 h exactly is believed', () => {
    for (const receivedAt of [new Date('+033658-09-27T01:46:39.999Z'), new Date(NOW.getTime() + 24 * HOUR + 1), new Date(0), new Date(Number.NaN)]) {
      const { message: out, notes } = sanitizeInbound(message({ receivedAt }), { now: NOW });
      expect(notes).toEqual(['timestamp_clamped']);
      expect(out.receivedAt.getTime()).toBe(NOW.getTime());
    }
    for (const skew of [-24 * HOUR, 24 * HOUR, 23 * HOUR]) {
      expect(sanitizeInbound(message({ receivedAt: new Date(NOW.getTime() + skew) }), { now: NOW }).notes).toEqual([]);
    }
  });

  it('replaces a payload over 64 KiB of JSON by a marked excerpt within the limit', () => {
    const blocks = Array.from({ length: 20_000 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `block ${i}` } }));
    const raw = { type: 'message', text: 'hi', blocks };
    const { message: out, notes } = sanitizeInbound(message({ raw }), { now: NOW });
    expect(notes).toEqual(['raw_truncated']);
    const stored = out.raw as TruncatedRaw;
    expect(stored.truncated).toBe(true);
    expect(stored.originalBytes).toBe(bytes(raw));
    expect(JSON.stringify(raw).startsWith(stored.excerpt)).toBe(true);
    expect(stored.excerpt.length).toBeGreaterThan(DEFAULT_MAX_RAW_BYTES / 2);
    expect(bytes(stored)).toBeLessThanOrEqual(DEFAULT_MAX_RAW_BYTES);
  });

  it('cuts a text over 40,000 code units without splitting a character', () => {
    const text = 'a'.repeat(DEFAULT_MAX_TEXT_CHARS - 1) + '😀😀';
    const { message: out, notes } = sanitizeInbound(message({ text }), { now: NOW });
    expect(notes).toEqual(['text_truncated']);
    expect(out.text).toBe('a'.repeat(DEFAULT_MAX_TEXT_CHARS - 1));
    expect(sanitizeInbound(message({ text: 'a'.repeat(DEFAULT_MAX_TEXT_CHARS) }), { now: NOW }).notes).toEqual([]);
  });

  it('turns a payload JSON cannot hold into a stub instead of failing the intake', () => {
    const cyclic: Record<string, unknown> = { type: 'message' };
    cyclic.self = cyclic;
    for (const raw of [cyclic, { big: 10n }]) {
      const { message: out, notes } = sanitizeInbound(message({ raw }), { now: NOW });
      expect(notes).toEqual(['raw_unserializable']);
      expect(out.raw).toMatchObject({ unserializable: true });
    }
  });

  it('reports every change at once and changes nothing else', () => {
    const input = message({ receivedAt: new Date(Number.NaN), text: 'x'.repeat(50), raw: { blob: 'y'.repeat(500) } });
    const { message: out, notes } = sanitizeInbound(input, { now: NOW, maxRawBytes: 200, maxTextChars: 10 });
    expect(notes).toEqual(['timestamp_clamped', 'raw_truncated', 'text_truncated']);
    expect({ ...out, receivedAt: null, raw: null, text: null }).toEqual({ ...input, receivedAt: null, raw: null, text: null });
    expect(input.text).toHaveLength(50);
  });
});

describe('sanitizeInbound, properties', () => {
  const anyDate = fc.oneof(
    fc.date({ noInvalidDate: false }),
    fc.integer({ min: -3 * 24 * HOUR, max: 3 * 24 * HOUR }).map((skew) => new Date(NOW.getTime() + skew)),
  );
  const anyRaw = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 600 }));
  const inbound = fc.record({
    text: fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 120 })),
    receivedAt: anyDate,
    raw: anyRaw,
  });
  const limits = fc.record({ maxRawBytes: fc.integer({ min: 120, max: 2_000 }), maxTextChars: fc.integer({ min: 1, max: 80 }) });

  it('never throws; the result is within every bound; each note matches a change', () => {
    fc.assert(
      fc.property(inbound, limits, (fields, options) => {
        const input = message(fields);
        const { message: out, notes } = sanitizeInbound(input, { now: NOW, ...options });
        expect(Math.abs(out.receivedAt.getTime() - NOW.getTime())).toBeLessThanOrEqual(MAX_CLOCK_SKEW_MS);
        expect(notes.includes('timestamp_clamped')).toBe(out.receivedAt !== input.receivedAt);
        expect(out.text.length).toBeLessThanOrEqual(options.maxTextChars);
        expect(input.text.startsWith(out.text)).toBe(true);
        expect(out.text).not.toMatch(/[\ud800-\udbff]$/);
        // Whole characters only: what was cut off starts with a whole code point too.
        expect(input.text.slice(out.text.length)).not.toMatch(/^[\udc00-\udfff]/);
        expect(notes.includes('text_truncated')).toBe(out.text !== input.text);
        if (out.raw !== undefined) expect(bytes(out.raw)).toBeLessThanOrEqual(options.maxRawBytes);
        expect(notes.includes('raw_truncated')).toBe(out.raw !== input.raw);
        if (notes.includes('raw_truncated')) expect(JSON.stringify(input.raw).startsWith((out.raw as TruncatedRaw).excerpt)).toBe(true);
      }),
      PROPERTY.quick(201),
    );
  });

  it('is idempotent: a sanitized message needs nothing more', () => {
    fc.assert(
      fc.property(inbound, limits, (fields, options) => {
        const once = sanitizeInbound(message(fields), { now: NOW, ...options }).message;
        const twice = sanitizeInbound(once, { now: NOW, ...options });
        expect(twice.notes).toEqual([]);
        expect(twice.message).toBe(once);
      }),
      PROPERTY.quick(202),
    );
  });
});
