import { stringArg } from '../args.js';
import { knownChannel } from './directory.js';
import { decodeCursor, encodeCursor, flag, inWindow, parentShape, readLimit } from './replies.js';
import { fail, ok, type ApiResult, type MethodSpec } from './types.js';

/**
 * conversations.history: a channel's top-level messages, as far as the fake knows them (only what
 * the bot posted), so a bot can find a post whose send was interrupted. Choices:
 * - Top-level means the bot's non-ephemeral messages in the channel whose `thread_ts` is absent or
 *   equals their own `ts`; thread replies are not listed (`reply_broadcast` is not modelled).
 * - Newest first, as Slack returns them. A parent with bot replies carries its thread fields
 *   (`thread_ts`, `reply_count`, `latest_reply`, …) as in conversations.replies.
 * - `limit` defaults to 100 and is capped at 999 (Slack's documented maximum); `cursor` is
 *   base64 'next_ts:<ts of the newest message on the next page>', the next page being older.
 * - `oldest` / `latest` bound by ts, exclusive unless `inclusive`; they combine with the cursor.
 * - Edited messages show their current text / blocks; `metadata` (kept across chat.update) is in
 *   the messages only with `include_all_metadata`.
 * - `pin_count` is always 0 (pins are not modelled).
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;

export const conversationsHistory: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }): ApiResult => {
    const channel = stringArg(args, 'channel');
    if (!channel || !knownChannel(config, channel)) return fail('channel_not_found');
    const cursor = stringArg(args, 'cursor');
    const from = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && from === null) return fail('invalid_cursor');

    const visible = state.messages.filter((message) => message.channel === channel && !message.ephemeral);
    const topLevel = visible
      .filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts)
      .sort((a, b) => Number(b.ts) - Number(a.ts));

    const withMetadata = flag(args.include_all_metadata);
    const candidates = topLevel.filter((message) => inWindow(args, Number(message.ts)) && (from === null || Number(message.ts) <= from));
    const page = candidates.slice(0, readLimit(args, DEFAULT_LIMIT, MAX_LIMIT));
    const next = candidates[page.length];
    return ok({
      messages: page.map((message) => {
        const replies = visible.filter((reply) => reply.thread_ts === message.ts && reply.ts !== message.ts).sort((a, b) => Number(a.ts) - Number(b.ts));
        return parentShape(config, message, replies, withMetadata);
      }),
      has_more: next !== undefined,
      pin_count: 0,
      response_metadata: { next_cursor: next ? encodeCursor(next.ts) : '' },
    });
  },
};
