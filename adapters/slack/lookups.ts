/**
 * Finding what the bot posted, after a crash or an error left it unsure: a
 * reply in a customer's thread (by the idempotency key in its metadata) or a
 * review card in the review channel (by the ticket in its metadata). Every
 * reply and card carries that metadata for this reason.
 */
import type { WebClient } from '@slack/web-api';
import type { SlackContext } from './parse.js';

/** The metadata event type on every reply the bot posts for a ticket. */
const REPLY_EVENT_TYPE = 'support_triage_reply';
/** The metadata event type on every review card. */
const CARD_EVENT_TYPE = 'support_triage_card';

export function replyMetadata(idempotencyKey: string, chunk: number) {
  return { event_type: REPLY_EVENT_TYPE, event_payload: { key: idempotencyKey, chunk } };
}

export function cardMetadata(ticketId: number) {
  return { event_type: CARD_EVENT_TYPE, event_payload: { ticket: ticketId } };
}

interface PostedMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

interface Page {
  messages?: PostedMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** Pages looked through at most (200 messages each) before a lookup gives up. */
const MAX_PAGES = 20;

/**
 * The `ts` of the bot's own message that `matches`, paging through `fetch`;
 * 'absent' when every page was read without it (or `fetch` says there is
 * nothing), 'too_many' when the pages ran out first.
 */
async function findOwn(
  context: SlackContext,
  fetch: (cursor: string | undefined) => Promise<Page | null>,
  matches: (metadata: NonNullable<PostedMessage['metadata']>) => boolean,
): Promise<string | 'absent' | 'too_many'> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetch(cursor);
    if (!result) return 'absent';
    for (const message of result.messages ?? []) {
      const ours = message.user === context.botUserId || (context.botId !== undefined && message.bot_id === context.botId);
      if (ours && message.ts && message.metadata && matches(message.metadata)) return message.ts;
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) return 'absent';
  }
  return 'too_many';
}

/**
 * The first chunk of a reply posted with this key, among the thread's replies
 * since `since`; null when it is surely not there. Throws when the lookup
 * fails or the thread is too long to be sure.
 */
export async function findReply(client: WebClient, context: SlackContext, thread: { channelId: string; threadId: string }, reply: { idempotencyKey: string; since: Date }): Promise<{ messageId: string } | null> {
  const found = await findOwn(
    context,
    (cursor) =>
      client.conversations
        .replies({ channel: thread.channelId, ts: thread.threadId, include_all_metadata: true, oldest: String(Math.floor(reply.since.getTime() / 1000)), limit: 200, ...(cursor ? { cursor } : {}) })
        .catch((error: unknown) => {
          // No thread at all: nothing was ever posted in it.
          if ((error as { data?: { error?: string } }).data?.error === 'thread_not_found') return null;
          throw error;
        }),
    (metadata) => metadata.event_type === REPLY_EVENT_TYPE && metadata.event_payload?.key === reply.idempotencyKey && metadata.event_payload.chunk === 0,
  );
  if (found === 'too_many') throw new Error(`thread ${thread.threadId} has too many replies to be sure the reply is not among them`);
  return found === 'absent' ? null : { messageId: found };
}

/** A ticket's card posted in `channel` since `since` (a minute's slack for clocks); null when not found. */
export async function findCard(client: WebClient, context: SlackContext, channel: string, ticketId: number, since: Date): Promise<string | null> {
  const found = await findOwn(
    context,
    (cursor) => client.conversations.history({ channel, oldest: String(Math.floor(since.getTime() / 1000) - 60), include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) }),
    (metadata) => metadata.event_type === CARD_EVENT_TYPE && metadata.event_payload?.ticket === ticketId,
  );
  // Not found (or too far back to tell): a new card is posted, which at worst shows the ticket twice.
  return found === 'absent' || found === 'too_many' ? null : found;
}
