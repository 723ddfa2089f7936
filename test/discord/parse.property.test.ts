/**
 * Discord's inbound side under generated input: MESSAGE_CREATE, UPDATE and
 * DELETE parsers never throw and always answer a known kind, whatever the
 * payload and whatever the channel cache says; invisible text is no ticket;
 * and snowflakes date consistently.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discordToPlainText } from '../../adapters/discord/markdown.js';
import {
  parseMessageCreate,
  parseMessageDelete,
  parseMessageUpdate,
  snowflakeToDate,
  type DiscordChannelInfo,
  type DiscordContext,
  type DiscordIntake,
} from '../../adapters/discord/parse.js';
import { hasVisibleText } from '../../src/domain/index.js';
import { DISCORD_ATTACKS, PROPERTY, customerText, invisibleText } from '../support/arbitraries.js';

const BOT = '1130000000000000099';
const SUPPORT = '1110000000000000001';
const FORUM = '1110000000000000002';
const REVIEW = '1110000000000000003';
const THREAD = '1213063181107200000';
const FORUM_POST = '1213063181107200001';
const DM = '1120000000000000001';
const OTHER = '1110000000000000009';

const KNOWN_REASONS = new Set(['self', 'bot', 'webhook', 'not_support_channel', 'not_ticket_thread', 'review_channel', 'empty', 'unchanged', 'malformed']);
const NOW = new Date('2026-12-01T12:00:00Z');

const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.anything({ maxDepth: 2 }));
const snowflake = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const channelId = fc.constantFrom(SUPPORT, FORUM, REVIEW, THREAD, FORUM_POST, DM, OTHER);
const text = fc.oneof(customerText(DISCORD_ATTACKS), invisibleText);
const user = fc.record(
  {
    id: fc.oneof(fc.constantFrom('1130000000000000001', '1130000000000000001', BOT), snowflake),
    username: fc.string(),
    global_name: fc.option(fc.string(), { nil: null }),
    bot: fc.constantFrom(false, false, false, true),
    system: fc.constantFrom(false, false, false, true),
  },
  { requiredKeys: ['id'] },
);
const attachments = fc.array(fc.record({ filename: fc.string(), title: fc.string() }, { requiredKeys: [] }), { maxLength: 2 });

/** A channel cache as discord.js could have it: each known channel with a type and parent, or unknown. */
const channelCache = fc.dictionary(
  channelId,
  fc.record({
    type: fc.constantFrom('text', 'forum', 'thread', 'dm', 'other') as fc.Arbitrary<DiscordChannelInfo['type']>,
    parentId: fc.option(channelId, { nil: null }),
    name: fc.option(text, { nil: null }),
  }),
);

function contextFrom(cache: Record<string, DiscordChannelInfo>, ticketThreads: readonly string[]): DiscordContext {
  return {
    botUserId: BOT,
    supportChannels: [SUPPORT, FORUM],
    reviewChannel: REVIEW,
    channelInfo: (id) => cache[id] ?? null,
    isTicketThread: async (id) => ticketThreads.includes(id),
    now: () => NOW,
  };
}
const context = fc.tuple(channelCache, fc.subarray([THREAD, FORUM_POST, SUPPORT])).map(([cache, threads]) => contextFrom(cache, threads));

const FIELDS = ['id', 'channel_id', 'guild_id', 'author', 'content', 'timestamp', 'edited_timestamp', 'type', 'webhook_id', 'attachments', 'mentions', 'message_reference', 'message_snapshots'] as const;

/** MESSAGE_CREATE / UPDATE payloads in the documented shape, with up to three fields replaced by anything. */
const dispatch = fc
  .tuple(
    fc.record(
      {
        id: snowflake,
        channel_id: channelId,
        guild_id: fc.constant('1100000000000000001'),
        author: user,
        content: text,
        timestamp: fc.oneof(fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString())), fc.string()),
        edited_timestamp: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), { nil: null }),
        type: fc.constantFrom(0, 0, 19, 7, 21),
        attachments,
        mentions: fc.array(fc.record({ id: snowflake, username: fc.string() }), { maxLength: 2 }),
        message_reference: fc.record({ type: fc.constantFrom(0, 1), message_id: fc.constantFrom(THREAD, FORUM_POST) }),
        message_snapshots: fc.array(fc.record({ message: fc.record({ content: text, attachments }) }), { maxLength: 1 }),
      },
      { requiredKeys: ['id', 'channel_id', 'author', 'type'] },
    ),
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(junk, text, snowflake)), { maxLength: 3 }),
  )
  .map(([message, replaced]) => ({ ...message, ...Object.fromEntries(replaced) }) as Record<string, unknown>);

function expectKnownIntake(intake: DiscordIntake, data: unknown): void {
  const validDate = (date: Date) => expect(Number.isNaN(date.getTime())).toBe(false);
  switch (intake.kind) {
    case 'message':
      expect(hasVisibleText(intake.message.text)).toBe(true);
      validDate(intake.message.receivedAt);
      expect(intake.message.raw).toBe(data);
      expect(intake.message.thread.platform).toBe('discord');
      return;
    case 'edit':
      expect(hasVisibleText(intake.text)).toBe(true);
      validDate(intake.at);
      return;
    case 'delete':
      validDate(intake.at);
      return;
    case 'ignore':
      expect(KNOWN_REASONS.has(intake.reason) || /^system:\d+$/.test(intake.reason), intake.reason).toBe(true);
      return;
    default:
      throw new Error(`unknown intake ${JSON.stringify(intake)}`);
  }
}

describe('Discord gateway parsers, properties', () => {
  it('never throw on anything and answer a known kind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 3 }), context, async (data, ctx) => {
        expectKnownIntake(await parseMessageCreate(data, ctx), data);
        expectKnownIntake(parseMessageUpdate(data, ctx), data);
        expectKnownIntake(parseMessageDelete(data, ctx), data);
        expectKnownIntake(parseMessageDelete(data), data);
      }),
      PROPERTY.quick(501),
    );
  });

  it('never throw on dispatch-shaped payloads and any channel cache; every message and edit says something', async () => {
    await fc.assert(
      fc.asyncProperty(dispatch, context, async (data, ctx) => {
        expectKnownIntake(await parseMessageCreate(data, ctx), data);
        expectKnownIntake(parseMessageUpdate(data, ctx), data);
      }),
      PROPERTY.quick(502),
    );
  });

  it('ignore a message or edit of only invisible characters as empty, but keep one with an attachment', async () => {
    const ctx = contextFrom({ [DM]: { type: 'dm', parentId: null } }, []);
    await fc.assert(
      fc.asyncProperty(invisibleText, snowflake, async (invisible, id) => {
        const message = { id, channel_id: DM, author: { id: '1130000000000000001', username: 'ana' }, content: invisible, type: 0, timestamp: NOW.toISOString() };
        expect(await parseMessageCreate(message, ctx)).toEqual({ kind: 'ignore', reason: 'empty' });
        const forwarded = { ...message, content: '', message_snapshots: [{ message: { content: invisible } }] };
        expect(await parseMessageCreate(forwarded, ctx)).toEqual({ kind: 'ignore', reason: 'empty' });
        const withFile = await parseMessageCreate({ ...message, attachments: [{ filename: 'receipt.pdf' }] }, ctx);
        expect(withFile.kind === 'message' && withFile.message.text).toBe('[attached: receipt.pdf]');
        expect(parseMessageUpdate({ ...message, edited_timestamp: NOW.toISOString() }, ctx)).toEqual({ kind: 'ignore', reason: 'empty' });
      }),
      PROPERTY.quick(503),
    );
  });

  it('date every snowflake from its top 42 bits, and refuse anything else', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (id) => {
        expect(snowflakeToDate(id.toString()).getTime()).toBe(Number((id >> 22n) + 1_420_070_400_000n));
      }),
      PROPERTY.quick(504),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (candidate) => {
        fc.pre(!/^\d{1,20}$/.test(candidate) || BigInt(candidate) >= 2n ** 64n);
        expect(() => snowflakeToDate(candidate)).toThrow(RangeError);
      }),
      PROPERTY.quick(505),
    );
  });

  it('discordToPlainText never throws and resolves every mention token it knows', () => {
    fc.assert(
      fc.property(customerText(DISCORD_ATTACKS), (wire) => {
        const plain = discordToPlainText(wire, [{ id: '1130000000000000007', username: 'ana' }]);
        expect(plain).not.toMatch(/<@!?\d{1,20}>|<@&\d{1,20}>|<#\d{1,20}>/);
      }),
      PROPERTY.quick(506),
    );
  });
});
