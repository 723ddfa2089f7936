import { stringArg, type Args } from '../args.js';
import type { FakeSlackConfig } from '../config.js';
import type { PostedMessage } from '../types.js';
import { messageObject } from './chat.js';
import { knownChannel } from './directory.js';
import { fail, ok, type ApiResult, type MethodSpec } from './types.js';

/**
 * conversations.replies: a thread as the fake knows it, so a bot can find a reply whose send was
 * interrupted. The fake knows only what the bot posted, which shapes these choices:
 * - The thread is the bot's non-ephemeral messages with `thread_ts` = `ts`, oldest first, plus the
 *   parent when the bot posted it (a customer's parent is not known, so it is simply absent).
 * - `ts` may be the parent or any message in the thread (Slack's wording); the bot's own reply's ts
 *   finds its thread. A bot message without replies is its own one-message thread, as in Slack.
 * - `thread_not_found` only when the fake knows neither the parent nor any reply.
 * - Like Slack, the parent leads every page; `limit` (default and max 1000), `cursor`, `oldest`,
 *   `latest` and `inclusive` apply to the replies only.
 * - `metadata` is in the messages only with `include_all_metadata`, as Slack documents.
 * - Replies carry `parent_user_id` only when the parent is the bot's own message.
 */

const MAX_LIMIT = 1000;
const CURSOR_PREFIX = 'next_ts:';

/** Slack's boolean arguments arrive as true, 'true' or '1' (form bodies send strings). */
export function flag(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** `limit`, capped at `max`; absent or not a positive number → `fallback`. */
export function readLimit(args: Args, fallback = MAX_LIMIT, max = MAX_LIMIT): number {
  const limit = Number(stringArg(args, 'limit') ?? fallback);
  return Number.isFinite(limit) && limit >= 1 ? Math.min(Math.floor(limit), max) : fallback;
}

/** Cursors look like Slack's: base64 of 'next_ts:<ts of the first message on the next page>'. */
export function encodeCursor(ts: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${ts}`).toString('base64');
}

export function decodeCursor(cursor: string): number | null {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX)) return null;
  const ts = Number(decoded.slice(CURSOR_PREFIX.length));
  return Number.isFinite(ts) ? ts : null;
}

/** `oldest` / `latest` bounds: exclusive unless `inclusive`. */
export function inWindow(args: Args, ts: number): boolean {
  const inclusive = flag(args.inclusive);
  const oldest = stringArg(args, 'oldest');
  const latest = stringArg(args, 'latest');
  if (oldest !== undefined && (inclusive ? ts < Number(oldest) : ts <= Number(oldest))) return false;
  if (latest !== undefined && (inclusive ? ts > Number(latest) : ts >= Number(latest))) return false;
  return true;
}

export function shape(config: FakeSlackConfig, message: PostedMessage, withMetadata: boolean): Record<string, unknown> {
  const content = { text: message.text, blocks: message.blocks, attachments: undefined };
  return messageObject(config, message.ts, content, message.thread_ts, withMetadata ? message.metadata : undefined);
}

/** A message with its thread fields (reply_count, latest_reply, …) when it has replies, as Slack shows a parent. */
export function parentShape(config: FakeSlackConfig, parent: PostedMessage, replies: PostedMessage[], withMetadata: boolean): Record<string, unknown> {
  const message = shape(config, parent, withMetadata);
  if (replies.length === 0) return message;
  return {
    ...message,
    thread_ts: parent.ts,
    reply_count: replies.length,
    reply_users_count: 1,
    latest_reply: replies.at(-1)?.ts,
    reply_users: [config.botUserId],
    is_locked: false,
    subscribed: false,
  };
}

export const conversationsReplies: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }): ApiResult => {
    const channel = stringArg(args, 'channel');
    if (!channel || !knownChannel(config, channel)) return fail('channel_not_found');
    const ts = stringArg(args, 'ts');
    if (!ts) return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: ts'] } });
    const cursor = stringArg(args, 'cursor');
    const from = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && from === null) return fail('invalid_cursor');

    const visible = state.messages.filter((message) => message.channel === channel && !message.ephemeral);
    const threadTs = visible.find((message) => message.ts === ts)?.thread_ts ?? ts;
    const parent = visible.find((message) => message.ts === threadTs);
    const replies = visible.filter((message) => message.thread_ts === threadTs && message.ts !== threadTs).sort((a, b) => Number(a.ts) - Number(b.ts));
    if (!parent && replies.length === 0) return fail('thread_not_found');

    const withMetadata = flag(args.include_all_metadata);
    const candidates = replies.filter((message) => inWindow(args, Number(message.ts)) && (from === null || Number(message.ts) >= from));
    const page = candidates.slice(0, readLimit(args));
    const next = candidates[page.length];
    const parentUser = parent ? { parent_user_id: config.botUserId } : {};
    return ok({
      messages: [
        ...(parent ? [parentShape(config, parent, replies, withMetadata)] : []),
        ...page.map((reply) => ({ ...shape(config, reply, withMetadata), ...parentUser })),
      ],
      has_more: next !== undefined,
      response_metadata: { next_cursor: next ? encodeCursor(next.ts) : '' },
    });
  },
};
