/**
 * Slack `message` and `app_mention` events → what the core understands.
 * Pure: no network, no clock, no Bolt. Every event is validated with zod and
 * anything unexpected becomes `{ kind: 'ignore', reason: 'malformed' }`:
 * one odd payload must never throw inside the receiver, where it would turn
 * into a failed ack and a redelivery loop.
 *
 * Ignore reasons are short and stable so logs and tests can count them:
 * `self`, `bot`, `subtype:<name>`, `not_support_channel`, `review_channel`,
 * `empty`, `unchanged`, `malformed`.
 */
import { z } from 'zod';
import { hasVisibleText, type Customer, type InboundMessage, type ThreadRef } from '../../src/domain/index.js';
import { slackToPlainText } from './mrkdwn.js';

export type SlackIntake =
  | { kind: 'message'; message: InboundMessage } // customer speech that opens or joins a ticket
  | { kind: 'edit'; ref: { platform: 'slack'; channelId: string; platformMessageId: string }; text: string; at: Date }
  | { kind: 'delete'; ref: { platform: 'slack'; channelId: string; platformMessageId: string }; at: Date }
  | { kind: 'ignore'; reason: string };

export interface SlackContext {
  /** The bot's user id (`auth.test` → `user_id`), e.g. `U0BOT`. */
  botUserId: string;
  /** The bot's bot id (`auth.test` → `bot_id`), e.g. `B0BOT`. */
  botId?: string;
  /** Channel ids where every customer message is a ticket. */
  supportChannels: readonly string[];
  /** Where review cards go; messages there are reviewers talking, not customers. */
  reviewChannel?: string;
}

/** Thread identity on Slack: the channel and the `ts` of the thread's first message. */
export function slackThread(channel: string, threadTs: string): ThreadRef {
  return { platform: 'slack', channelId: channel, threadId: threadTs };
}

/**
 * `1700000000.000100` (seconds, then microseconds) → a Date, to the
 * millisecond. Throws a RangeError for anything else: callers validate first.
 */
export function slackTsToDate(ts: string): Date {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) throw new RangeError(`Not a Slack timestamp: ${JSON.stringify(ts)}`);
  const micros = Number((match[2] ?? '').padEnd(6, '0'));
  return new Date(Number(match[1]) * 1000 + Math.floor(micros / 1000));
}

// ── Schemas ──────────────────────────────────────────────────────────────
// Loose objects: Slack adds fields all the time and we keep the event in
// `raw` anyway. Fields we depend on are strict; cosmetic ones (profile,
// files, channel_type) fall back to undefined so a strange avatar field never
// costs a customer their ticket.

const SlackTs = z.string().regex(/^\d{1,12}\.\d{1,6}$/);
const Id = z.string().min(1);
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Who wrote a message, as far as telling people from bots goes. */
const Author = z.looseObject({
  user: lenient(z.string()),
  bot_id: lenient(z.string().nullable()),
  bot_profile: z.unknown().optional(),
  subtype: lenient(z.string()),
});
type Author = z.infer<typeof Author>;

const Profile = z.looseObject({
  display_name: lenient(z.string()),
  real_name: lenient(z.string()),
  name: lenient(z.string()),
});

const FileInfo = z.looseObject({ name: lenient(z.string()), title: lenient(z.string()) });

/** A message someone wrote: `message` (any allowed subtype) and `app_mention` alike. */
const Speech = z.looseObject({
  channel: Id,
  user: Id,
  ts: SlackTs,
  thread_ts: SlackTs.optional(),
  text: z.string().optional(),
  channel_type: lenient(z.string()),
  user_profile: lenient(Profile),
  files: lenient(z.array(FileInfo)),
});
type Speech = z.infer<typeof Speech>;

const Envelope = z.looseObject({ type: z.string(), subtype: z.string().optional() });

const MessageChanged = z.looseObject({
  channel: Id,
  ts: lenient(SlackTs),
  event_ts: lenient(SlackTs),
  message: z.looseObject({
    ts: SlackTs,
    text: z.string().optional(),
    user: lenient(z.string()),
    bot_id: lenient(z.string().nullable()),
    bot_profile: z.unknown().optional(),
    subtype: lenient(z.string()),
    edited: lenient(z.looseObject({ ts: lenient(SlackTs) })),
    files: lenient(z.array(FileInfo)),
  }),
  previous_message: lenient(z.looseObject({ text: lenient(z.string()) })),
});

const MessageDeleted = z.looseObject({
  channel: Id,
  deleted_ts: SlackTs,
  ts: lenient(SlackTs),
  event_ts: lenient(SlackTs),
  previous_message: lenient(Author),
});

// ── Rules ────────────────────────────────────────────────────────────────

/** Subtypes that are still a person talking; every other subtype is housekeeping. */
const SPEECH_SUBTYPES: ReadonlySet<string> = new Set(['file_share', 'thread_broadcast', 'me_message']);

type Ignore = { kind: 'ignore'; reason: string };
const ignore = (reason: string): Ignore => ({ kind: 'ignore', reason });

/** `self` before `bot`: our own posts come back as events and must never become tickets. */
function botVerdict(author: Author, context: SlackContext): Ignore | null {
  if (author.user && author.user === context.botUserId) return ignore('self');
  if (context.botId && author.bot_id === context.botId) return ignore('self');
  const isBot =
    Boolean(author.bot_id) || author.subtype === 'bot_message' || (author.bot_profile !== undefined && author.bot_profile !== null);
  return isBot ? ignore('bot') : null;
}

/** Every Author field is lenient, so this cannot fail for an object; `{}` keeps it total anyway. */
function authorOf(event: unknown): Author {
  const parsed = Author.safeParse(event);
  return parsed.success ? parsed.data : {};
}

/** Blank subtypes (some SDK samples send `""`) mean none. */
function subtypeVerdict(subtype: string | undefined): Ignore | null {
  if (!subtype || SPEECH_SUBTYPES.has(subtype)) return null;
  return ignore(`subtype:${subtype}`);
}

/** A DM with the bot: `channel_type: 'im'`, or a `D…` id when the type is missing. */
function isDirectMessage(speech: Speech): boolean {
  return speech.channel_type === 'im' || (speech.channel_type === undefined && speech.channel.startsWith('D'));
}

/** Removes `<@UBOT>` / `<@UBOT|name>`: addressing the bot is not part of the question. */
function stripBotMention(text: string, botUserId: string): string {
  if (!botUserId) return text;
  const escaped = botUserId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`<@${escaped}(?:\\|[^>]*)?>`, 'g'), ' ').replace(/[ \t]{2,}/g, ' ');
}

/**
 * Plain text for the pipeline, with a note for shared files so "see
 * screenshot" makes sense. A body of only invisible characters counts as no
 * body (see `hasVisibleText`), so such a message is `empty` unless it shares files.
 */
function customerText(text: string | undefined, files: { name?: string | undefined; title?: string | undefined }[] | undefined, context: SlackContext): string {
  const spoken = slackToPlainText(stripBotMention(text ?? '', context.botUserId)).trim();
  const body = hasVisibleText(spoken) ? spoken : '';
  if (!files || files.length === 0) return body;
  const names = files.map((file) => file.name || file.title).filter((name): name is string => Boolean(name));
  const note = `[attached: ${names.length === files.length ? names.join(', ') : `${files.length} file${files.length === 1 ? '' : 's'}`}]`;
  return body ? `${body}\n${note}` : note;
}

function customerOf(speech: Speech): Customer {
  const profile = speech.user_profile;
  const name = profile?.display_name || profile?.real_name || profile?.name;
  return name ? { id: speech.user, name } : { id: speech.user };
}

/**
 * The thread a message belongs to: `thread_ts` for a reply, else the
 * message's own `ts`, which is the id of the thread a reply to it will carry.
 * DMs use the same rule rather than one ticket per DM channel: the bot
 * answers in the thread of the customer's message (`postReply` sends
 * `thread_ts = threadId`, which must be a real message `ts`), so a new
 * top-level DM is a new conversation and gets its own ticket, while replies
 * in that thread join it, exactly as in a support channel. One ticket per DM
 * channel would also merge unrelated questions weeks apart into one ticket.
 */
function toIntake(speech: Speech, event: unknown, context: SlackContext): SlackIntake {
  const text = customerText(speech.text, speech.files, context);
  if (!text) return ignore('empty');
  const message: InboundMessage = {
    thread: slackThread(speech.channel, speech.thread_ts ?? speech.ts),
    // `ts` is unique per channel; the store deduplicates on (platform, channel, message id).
    messageId: speech.ts,
    customer: customerOf(speech),
    text,
    receivedAt: slackTsToDate(speech.ts),
    raw: event,
  };
  return { kind: 'message', message };
}

function parseEdit(event: unknown, context: SlackContext): SlackIntake {
  const parsed = MessageChanged.safeParse(event);
  if (!parsed.success) return ignore('malformed');
  const { channel, message, previous_message: previous } = parsed.data;
  const ref = { platform: 'slack' as const, channelId: channel, platformMessageId: message.ts };
  const atTs = message.edited?.ts ?? parsed.data.ts ?? parsed.data.event_ts;
  if (!atTs) return ignore('malformed');
  const at = slackTsToDate(atTs);
  // A thread parent deleted while it has replies stays as a "tombstone": for us that is a deletion.
  if (message.subtype === 'tombstone') return { kind: 'delete', ref, at };
  const bot = botVerdict(message, context);
  if (bot) return bot;
  // Unfurls, attachments, reply counts and language detection also send
  // message_changed; only a change of the words is an edit.
  if (previous?.text !== undefined && previous.text === message.text) return ignore('unchanged');
  const text = customerText(message.text, message.files, context);
  if (!text) return ignore('empty');
  // Not filtered by channel: a ticket opened by a mention can live in any
  // channel, and the core answers false for messages it never stored.
  return { kind: 'edit', ref, text, at };
}

function parseDelete(event: unknown, context: SlackContext): SlackIntake {
  const parsed = MessageDeleted.safeParse(event);
  if (!parsed.success) return ignore('malformed');
  const { channel, deleted_ts: deletedTs, previous_message: previous } = parsed.data;
  const atTs = parsed.data.ts ?? parsed.data.event_ts;
  if (!atTs) return ignore('malformed');
  if (previous) {
    const bot = botVerdict(previous, context);
    if (bot) return bot;
  }
  return { kind: 'delete', ref: { platform: 'slack', channelId: channel, platformMessageId: deletedTs }, at: slackTsToDate(atTs) };
}

/**
 * A `message` event (message.channels, .groups, .im, .mpim). Top-level
 * messages and replies in a support channel, and every message in a DM with
 * the bot, are customer speech. Group DMs (`mpim`) count only when listed as
 * support channels; elsewhere people reach the bot by mentioning it.
 */
export function parseMessageEvent(event: unknown, context: SlackContext): SlackIntake {
  const envelope = Envelope.safeParse(event);
  if (!envelope.success || envelope.data.type !== 'message') return ignore('malformed');
  const subtype = envelope.data.subtype || undefined;
  if (subtype === 'message_changed') return parseEdit(event, context);
  if (subtype === 'message_deleted') return parseDelete(event, context);

  const bot = botVerdict(authorOf(event), context);
  if (bot) return bot;
  const housekeeping = subtypeVerdict(subtype);
  if (housekeeping) return housekeeping;

  const parsed = Speech.safeParse(event);
  if (!parsed.success) return ignore('malformed');
  const speech = parsed.data;
  const isSupport = context.supportChannels.includes(speech.channel);
  if (!isSupport && speech.channel === context.reviewChannel) return ignore('review_channel');
  if (!isSupport && !isDirectMessage(speech)) return ignore('not_support_channel');
  return toIntake(speech, event, context);
}

/**
 * An `app_mention` event: whoever mentions the bot opens (or, in a thread,
 * joins) a ticket in whatever channel they are, except the review channel,
 * where a mention is a reviewer talking. The mention itself is stripped from
 * the text. In a support channel Slack also sends the `message` event for the
 * same `ts`; both parse to the same message, so whichever arrives second is
 * deduplicated by the store.
 */
export function parseMentionEvent(event: unknown, context: SlackContext): SlackIntake {
  const envelope = Envelope.safeParse(event);
  if (!envelope.success || envelope.data.type !== 'app_mention') return ignore('malformed');
  const bot = botVerdict(authorOf(event), context);
  if (bot) return bot;
  const housekeeping = subtypeVerdict(envelope.data.subtype || undefined);
  if (housekeeping) return housekeeping;

  const parsed = Speech.safeParse(event);
  if (!parsed.success) return ignore('malformed');
  const speech = parsed.data;
  if (speech.channel === context.reviewChannel && !context.supportChannels.includes(speech.channel)) return ignore('review_channel');
  return toIntake(speech, event, context);
}
