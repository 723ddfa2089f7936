/**
 * Discord gateway dispatches → what the core understands. Works on the RAW
 * `d` of MESSAGE_CREATE, MESSAGE_UPDATE and MESSAGE_DELETE (the documented
 * message object plus the gateway's extra fields), not on discord.js
 * structures, so the rules can be tested on documented payloads and the
 * adapter can run them from the client's `raw` event before anything else.
 *
 * Pure: no network, no Client, no clock (MESSAGE_DELETE carries no time, so
 * the caller's clock is injected through the context). Every payload is
 * validated with zod and anything unexpected becomes
 * `{ kind: 'ignore', reason: 'malformed' }`: one odd payload must never throw
 * inside the gateway handler.
 *
 * Ignore reasons are short and stable so logs and tests can count them:
 * `self`, `bot`, `webhook`, `system:<message type>`, `not_support_channel`,
 * `not_ticket_thread`, `review_channel`, `empty`, `unchanged`, `malformed`.
 *
 * Thread identity (`ThreadRef`), by where a message is written:
 * - top-level in a support TEXT channel: `{ channelId: <channel>, threadId:
 *   <message id> }`, `opensThread: true`. The adapter then starts a thread
 *   from the message; Discord documents (Start Thread from Message, channel
 *   resource) that "the id of the created thread will be the same as the id
 *   of the source message", so the ticket's thread id is the Discord thread's
 *   channel id from the very first message on.
 * - in a thread whose parent is a support text channel: `{ channelId:
 *   <parent>, threadId: <thread channel id> }` — the same key as above.
 * - in a post of a support FORUM channel: the post is a thread and its
 *   starter message has the thread's id, so every message of the post,
 *   starter included, is `{ channelId: <forum>, threadId: <thread id> }`
 *   with `opensThread: false` (the post already is the thread).
 * - in a DM: `{ channelId: <dm channel>, threadId: <dm channel> }`.
 */
import { z } from 'zod';
import { hasVisibleText, type Customer, type InboundMessage, type ThreadRef } from '../../src/domain/index.js';
import { discordToPlainText } from './markdown.js';

export type DiscordIntake =
  /** Customer speech that opens or joins a ticket. `opensThread`: the adapter must start a Discord thread from it (top-level message in a support text channel). */
  | { kind: 'message'; message: InboundMessage; opensThread: boolean }
  | { kind: 'edit'; ref: { platform: 'discord'; channelId: string; platformMessageId: string }; text: string; at: Date }
  | { kind: 'delete'; ref: { platform: 'discord'; channelId: string; platformMessageId: string }; at: Date }
  | { kind: 'ignore'; reason: string };

export type DiscordChannelKind = 'text' | 'forum' | 'thread' | 'dm' | 'other';

export interface DiscordChannelInfo {
  type: DiscordChannelKind;
  /** The parent channel of a thread (text or forum channel); null otherwise. */
  parentId: string | null;
  /** The channel's name; for a forum post (a thread) that is the post's title, used as the ticket subject. */
  name?: string | null;
}

export interface DiscordContext {
  /** The bot's user id (the gateway's READY → `user.id`). */
  botUserId: string;
  /** Text or forum channel ids where every customer message is a ticket. */
  supportChannels: readonly string[];
  /** Where review cards go; messages there (and in its threads) are reviewers talking, not customers. */
  reviewChannel?: string;
  /**
   * What the adapter knows about a channel: its type and parent (threads) —
   * from discord.js's cache (`text` covers announcement channels too). Null
   * when unknown; a message without `guild_id` in an unknown channel is a DM.
   */
  channelInfo(channelId: string): DiscordChannelInfo | null;
  /**
   * Thread ids that belong to tickets: threads the bot created, and any
   * thread whose id is a ticket's thread id (a thread started from a
   * ticket's first message has that message's id, whoever started it).
   */
  isTicketThread(channelId: string): Promise<boolean>;
  /** The time a MESSAGE_DELETE was received (the event has none); defaults to the system clock. */
  now?: () => Date;
}

type Ignore = { kind: 'ignore'; reason: string };
const ignore = (reason: string): Ignore => ({ kind: 'ignore', reason });

/** Discord's epoch, 2015-01-01T00:00:00Z, in Unix milliseconds. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * When a snowflake was made: its top 42 bits are milliseconds since Discord's
 * epoch (2015-01-01). Throws a RangeError for anything that is not a
 * snowflake (a decimal string of up to 20 digits below 2^64): callers
 * validate first.
 */
export function snowflakeToDate(id: string): Date {
  if (!/^\d{1,20}$/.test(id) || BigInt(id) >= 1n << 64n) throw new RangeError(`Not a Discord snowflake: ${JSON.stringify(id)}`);
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

// ── Schemas ──────────────────────────────────────────────────────────────
// Loose objects: Discord adds fields all the time and the payload is kept in
// `raw` anyway. Fields we depend on are strict; cosmetic ones (names,
// attachments, mentions) fall back to undefined so an odd avatar field never
// costs a customer their ticket.

const Snowflake = z.string().regex(/^\d{1,20}$/);
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const User = z.looseObject({
  id: Snowflake,
  username: lenient(z.string()),
  global_name: lenient(z.string().nullable()),
  // Anything but a real `true` is a person: a bot is never mistaken for a customer by a
  // missing flag, because bots we must ignore also come with `webhook_id` or our own id.
  bot: lenient(z.boolean()),
  system: lenient(z.boolean()),
});

const Attachment = z.looseObject({ filename: lenient(z.string()), title: lenient(z.string()) });

const Mention = z.looseObject({
  id: Snowflake,
  username: lenient(z.string()),
  global_name: lenient(z.string().nullable()),
  member: lenient(z.looseObject({ nick: lenient(z.string().nullable()) })),
});

/** A forwarded message carries the original's text here (message reference type 1). */
const Snapshot = z.looseObject({
  message: z.looseObject({ content: lenient(z.string()), attachments: lenient(z.array(Attachment)) }),
});

/** MESSAGE_CREATE: a message object plus `guild_id` / `member` / `mentions`. */
const CreatedMessage = z.looseObject({
  id: Snowflake,
  channel_id: Snowflake,
  guild_id: lenient(Snowflake),
  author: User,
  // Without the MESSAGE_CONTENT intent Discord sends "" (and no attachments).
  content: lenient(z.string()),
  timestamp: lenient(z.string()),
  type: z.number().int().nonnegative(),
  webhook_id: z.unknown().optional(),
  attachments: lenient(z.array(Attachment)),
  mentions: lenient(z.array(Mention)),
  message_reference: lenient(z.looseObject({ type: lenient(z.number()), message_id: lenient(Snowflake), channel_id: lenient(Snowflake) })),
  message_snapshots: lenient(z.array(Snapshot)),
});
type CreatedMessage = z.infer<typeof CreatedMessage>;

/**
 * MESSAGE_UPDATE: documented as the full message object today, but older
 * gateway versions and some updates (embeds resolving) send only `id`,
 * `channel_id` and what changed, so everything but the ids is optional.
 */
const UpdatedMessage = z.looseObject({
  id: Snowflake,
  channel_id: Snowflake,
  guild_id: lenient(Snowflake),
  author: lenient(User),
  content: z.unknown().optional(),
  edited_timestamp: lenient(z.string().nullable()),
  type: lenient(z.number().int().nonnegative()),
  webhook_id: z.unknown().optional(),
  attachments: lenient(z.array(Attachment)),
  mentions: lenient(z.array(Mention)),
  message_snapshots: lenient(z.array(Snapshot)),
});

const DeletedMessage = z.looseObject({ id: Snowflake, channel_id: Snowflake, guild_id: lenient(Snowflake) });

// ── Rules ────────────────────────────────────────────────────────────────

/** DEFAULT (0) and REPLY (19) are people talking; every other type is a system message (joins, pins, boosts, thread starters…). */
const SPEECH_TYPES: ReadonlySet<number> = new Set([0, 19]);
/** Message reference type 1: a forward. */
const FORWARD = 1;

type Author = z.infer<typeof User>;

/** `self` first: our own posts come back as events and must never become tickets. */
function authorVerdict(author: Author | undefined, webhookId: unknown, context: DiscordContext): Ignore | null {
  if (author && context.botUserId && author.id === context.botUserId) return ignore('self');
  if (webhookId !== undefined && webhookId !== null) return ignore('webhook');
  // Discord's own system user (official notices) is no customer either.
  if (author?.bot === true || author?.system === true) return ignore('bot');
  return null;
}

function typeVerdict(type: number | undefined): Ignore | null {
  return type === undefined || SPEECH_TYPES.has(type) ? null : ignore(`system:${type}`);
}

/** Removes `<@BOT>` / `<@!BOT>`: addressing the bot is not part of the question. */
function stripBotMention(text: string, botUserId: string): string {
  if (!/^\d{1,20}$/.test(botUserId)) return text;
  return text.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ').replace(/[ \t]{2,}/g, ' ');
}

type Files = readonly { filename?: string | undefined; title?: string | undefined }[] | undefined;
type Mentions = readonly z.infer<typeof Mention>[] | undefined;

/**
 * Plain text for the pipeline: mentions resolved, one `[attached: name]` line
 * per file, forwarded text marked. Text of only invisible characters counts
 * as none (see `hasVisibleText`), so such a message is `empty` unless it has files.
 */
function customerText(
  content: string | undefined,
  files: Files,
  mentions: Mentions,
  snapshots: readonly z.infer<typeof Snapshot>[] | undefined,
  context: DiscordContext,
): string {
  const lines: string[] = [];
  const body = discordToPlainText(stripBotMention(content ?? '', context.botUserId), mentions ?? []).trim();
  if (hasVisibleText(body)) lines.push(body);
  for (const snapshot of snapshots ?? []) {
    const forwarded = discordToPlainText(snapshot.message.content ?? '', mentions ?? []).trim();
    if (hasVisibleText(forwarded)) lines.push(`[forwarded] ${forwarded}`);
    files = [...(files ?? []), ...(snapshot.message.attachments ?? [])];
  }
  for (const file of files ?? []) lines.push(`[attached: ${file.filename || file.title || 'file'}]`);
  return lines.join('\n');
}

function customerOf(author: Author): Customer {
  const name = author.global_name || author.username;
  return name ? { id: author.id, name } : { id: author.id };
}

/** `timestamp` when it is a real ISO date, else the snowflake's own time. */
function receivedAt(message: CreatedMessage): Date {
  const parsed = message.timestamp ? Date.parse(message.timestamp) : Number.NaN;
  return Number.isNaN(parsed) ? snowflakeToDate(message.id) : new Date(parsed);
}

const thread = (channelId: string, threadId: string): ThreadRef => ({ platform: 'discord', channelId, threadId });

/** Where a message belongs, or why it belongs nowhere. */
type Placement = { thread: ThreadRef; opensThread: boolean; subject?: string } | Ignore;

async function place(message: CreatedMessage, context: DiscordContext): Promise<Placement> {
  const channelId = message.channel_id;
  const info = context.channelInfo(channelId);
  const isSupport = (id: string | null | undefined) => Boolean(id) && context.supportChannels.includes(id as string);
  const isReview = (id: string | null | undefined) => Boolean(id) && id === context.reviewChannel && !isSupport(id);

  // Discord DMs have no threads (Start Thread works in guild text channels
  // only), so a DM channel is one conversation: one ticket per DM channel,
  // keyed by the channel id twice. The bot's replies go to the DM channel
  // itself; a customer writing again after the ticket closed reopens it.
  const isDm = info ? info.type === 'dm' : message.guild_id === undefined;
  if (isDm) return { thread: thread(channelId, channelId), opensThread: false };

  if (info?.type === 'thread') {
    const parentId = info.parentId;
    if (isReview(parentId)) return ignore('review_channel');
    if (!parentId || !isSupport(parentId)) return ignore('not_support_channel');
    if (context.channelInfo(parentId)?.type === 'forum') {
      // Every post in a support forum is a ticket, its first message included.
      const subject = message.id === channelId && info.name ? { subject: info.name } : {};
      return { thread: thread(parentId, channelId), opensThread: false, ...subject };
    }
    // In a text channel only ticket threads are tickets: staff threads and
    // threads started without a message are not customers talking.
    if (!await context.isTicketThread(channelId)) return ignore('not_ticket_thread');
    return { thread: thread(parentId, channelId), opensThread: false };
  }

  if (isReview(channelId)) return ignore('review_channel');
  if (!isSupport(channelId)) return ignore('not_support_channel');
  // A top-level reply to a ticket's first message joins that ticket (its thread has the message's id)…
  const repliedTo = message.message_reference?.type !== FORWARD ? message.message_reference?.message_id : undefined;
  if (message.type === 19 && repliedTo && await context.isTicketThread(repliedTo)) {
    return { thread: thread(channelId, repliedTo), opensThread: false };
  }
  // …any other top-level message opens a ticket, in a thread the adapter starts from it.
  return { thread: thread(channelId, message.id), opensThread: true };
}

/**
 * A MESSAGE_CREATE dispatch's `d`. Customer speech in a support channel (or
 * a ticket thread or forum post of one) or in a DM with the bot becomes a
 * ticket message; bots, webhooks, system messages, the review channel and
 * messages with nothing to say are ignored. Without the MESSAGE_CONTENT
 * intent Discord sends empty content, which ends here as `empty`.
 */
export async function parseMessageCreate(data: unknown, context: DiscordContext): Promise<DiscordIntake> {
  const envelope = z.looseObject({ author: z.looseObject({ id: z.unknown() }).optional(), webhook_id: z.unknown().optional() }).safeParse(data);
  if (!envelope.success) return ignore('malformed');
  // Who wrote it, before the rest is validated: our own odd payloads are still ours.
  const selfOrBot = authorVerdict(User.safeParse(envelope.data.author).data, envelope.data.webhook_id, context);
  if (selfOrBot) return selfOrBot;

  const parsed = CreatedMessage.safeParse(data);
  if (!parsed.success) return ignore('malformed');
  const message = parsed.data;
  const system = typeVerdict(message.type);
  if (system) return system;

  const placement = await place(message, context);
  if ('kind' in placement) return placement;

  const text = customerText(message.content, message.attachments, message.mentions, message.message_snapshots, context);
  if (!text) return ignore('empty');
  const inbound: InboundMessage = {
    thread: placement.thread,
    // Snowflakes are unique across Discord; the store deduplicates on (platform, channel, message id).
    messageId: message.id,
    customer: customerOf(message.author),
    ...(placement.subject ? { subject: placement.subject } : {}),
    text,
    receivedAt: receivedAt(message),
    raw: data,
  };
  return { kind: 'message', message: inbound, opensThread: placement.opensThread };
}

/**
 * The channel a ticket's messages are stored under: the parent for a
 * message in a thread (ticket threads and forum posts are keyed by their
 * parent), the channel itself otherwise. MESSAGE_UPDATE and MESSAGE_DELETE
 * name the thread, so without this an edit in a thread would never match.
 */
function ticketChannel(channelId: string, context: Pick<DiscordContext, 'channelInfo'> | undefined): string {
  const info = context?.channelInfo(channelId);
  return info?.type === 'thread' && info.parentId ? info.parentId : channelId;
}

/**
 * A MESSAGE_UPDATE dispatch's `d`. Only a change of the words is an edit:
 * Discord also sends updates when embeds resolve, a message is pinned or a
 * thread is started from it, and those have no new `edited_timestamp`
 * (`unchanged`). Not filtered by channel: the core answers false for a
 * message it never stored.
 */
export function parseMessageUpdate(data: unknown, context: DiscordContext): DiscordIntake {
  const parsed = UpdatedMessage.safeParse(data);
  if (!parsed.success) return ignore('malformed');
  const update = parsed.data;
  const author = authorVerdict(update.author, update.webhook_id, context);
  if (author) return author;
  const system = typeVerdict(update.type);
  if (system) return system;
  if (!update.edited_timestamp || typeof update.content !== 'string') return ignore('unchanged');
  const editedAt = Date.parse(update.edited_timestamp);
  if (Number.isNaN(editedAt)) return ignore('malformed');
  const text = customerText(update.content, update.attachments, update.mentions, update.message_snapshots, context);
  if (!text) return ignore('empty');
  return {
    kind: 'edit',
    ref: { platform: 'discord', channelId: ticketChannel(update.channel_id, context), platformMessageId: update.id },
    text,
    at: new Date(editedAt),
  };
}

/**
 * A MESSAGE_DELETE dispatch's `d`: `{ id, channel_id, guild_id? }`, no author
 * and no time. Pass the context so a deletion inside a thread maps to the
 * ticket's channel (see `ticketChannel`) and so the time comes from the
 * caller's clock; without it the thread's own id is used and the time is now.
 */
export function parseMessageDelete(data: unknown, context?: Pick<DiscordContext, 'channelInfo' | 'now'>): DiscordIntake {
  const parsed = DeletedMessage.safeParse(data);
  if (!parsed.success) return ignore('malformed');
  const { id, channel_id: channelId } = parsed.data;
  const at = context?.now?.() ?? new Date();
  return { kind: 'delete', ref: { platform: 'discord', channelId: ticketChannel(channelId, context), platformMessageId: id }, at };
}
