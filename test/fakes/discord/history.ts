import { throwIfInvalid, type FieldError } from './errors.js';
import { MessageFlag } from './messages.js';
import type { FakeDiscordState, StoredMessage } from './state.js';

/**
 * GET /channels/{id}/messages: a channel's history as Discord pages it. Newest first whatever the
 * anchor; `limit` 1–100 (default 50) and malformed anchors are 400 Invalid Form Body, as Discord answers.
 * - `before`: the `limit` newest messages older than it.
 * - `after`: the `limit` messages right after it (the oldest newer ones), still returned newest first.
 * - `around`: the message itself (when it exists) and older ones, ceil(limit / 2), plus floor(limit / 2)
 *   newer ones; so `around` + `limit: 1` is the message alone.
 * Discord documents the three as mutually exclusive; given several, the fake honours around, then
 * before, then after (unverified against Discord, which may choose differently).
 * Ephemeral messages are not part of a channel's history.
 */

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

function readLimit(query: URLSearchParams, errors: FieldError[]): number {
  const raw = query.get('limit');
  if (raw === null) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(limit)) {
    errors.push({ path: ['limit'], code: 'NUMBER_TYPE_COERCE', message: `Value "${raw}" is not int.` });
  } else if (limit < 1) {
    errors.push({ path: ['limit'], code: 'NUMBER_TYPE_MIN', message: 'int value should be greater than or equal to 1.' });
  } else if (limit > MAX_LIMIT) {
    errors.push({ path: ['limit'], code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${MAX_LIMIT}.` });
  }
  return limit;
}

function readSnowflake(query: URLSearchParams, name: string, errors: FieldError[]): bigint | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (!/^\d{1,20}$/.test(raw)) {
    errors.push({ path: [name], code: 'NUMBER_TYPE_COERCE', message: `Value "${raw}" is not snowflake.` });
    return null;
  }
  return BigInt(raw);
}

const newestFirst = (a: StoredMessage, b: StoredMessage): number => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

export function channelHistory(state: FakeDiscordState, channelId: string, query: URLSearchParams): StoredMessage[] {
  const errors: FieldError[] = [];
  const limit = readLimit(query, errors);
  const around = readSnowflake(query, 'around', errors);
  const before = readSnowflake(query, 'before', errors);
  const after = readSnowflake(query, 'after', errors);
  throwIfInvalid(errors);

  const history = [...state.messageStore.values()]
    .filter((message) => message.channel_id === channelId && ((message.flags ?? 0) & MessageFlag.Ephemeral) === 0)
    .sort(newestFirst);
  const id = (message: StoredMessage): bigint => BigInt(message.id);

  if (around !== null) {
    const newerCount = Math.floor(limit / 2);
    // The newer messages closest to the anchor are the last ones of the newest-first list (and slice(-0) would be all of them).
    const newer = newerCount > 0 ? history.filter((message) => id(message) > around).slice(-newerCount) : [];
    const older = history.filter((message) => id(message) <= around).slice(0, limit - newerCount);
    return [...newer, ...older];
  }
  if (before !== null) return history.filter((message) => id(message) < before).slice(0, limit);
  if (after !== null) return history.filter((message) => id(message) > after).slice(-limit);
  return history.slice(0, limit);
}
