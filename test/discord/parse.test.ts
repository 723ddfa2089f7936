/**
 * Discord gateway parsing: the project's fixtures (gateway dispatches written
 * from Discord's documented message object and MESSAGE_CREATE / UPDATE /
 * DELETE fields) for each rule, hostile and broken payloads that must be
 * ignored rather than thrown on, and, when ../shared/data/discord is
 * present, every message-shaped object in Discord's own documentation
 * examples.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseMessageCreate, parseMessageDelete, parseMessageUpdate, snowflakeToDate } from '../../adapters/discord/parse.js';
import type { DiscordChannelInfo, DiscordContext, DiscordIntake } from '../../adapters/discord/parse.js';
import { threadKey } from '../../src/domain/index.js';
import type { InboundMessage } from '../../src/domain/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/discord');
const SHARED = join(import.meta.dirname, '../../../shared/data/discord/discord-api-docs-examples');

type Data = Record<string, unknown>;

/** A fixture's dispatch data (`d`), checked to be the gateway event it claims to be. */
function fixture(name: string): Data {
  const body = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as { op: number; t: string; d: Data };
  expect(body.op).toBe(0);
  expect(['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE']).toContain(body.t);
  return body.d;
}

function eventOf(name: string): string {
  return (JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as { t: string }).t;
}

const BOT = '1120000000000000001';
const SUPPORT_TEXT = '1110000000000000001';
const SUPPORT_FORUM = '1110000000000000002';
const REVIEW = '1110000000000000003';
const OTHER = '1110000000000000004';
const DM = '1110000000000000005';
const TICKET_THREAD = '1213063181107200000'; // started from the first message of the fixtures, so it has its id
const FORUM_POST = '1213063684423680000';
const STAFF_THREAD = '1160000000000000001';
const REVIEW_THREAD = '1160000000000000002';
const OTHER_THREAD = '1160000000000000003';

const CHANNELS: Record<string, DiscordChannelInfo> = {
  [SUPPORT_TEXT]: { type: 'text', parentId: null, name: 'support' },
  [SUPPORT_FORUM]: { type: 'forum', parentId: null, name: 'help-forum' },
  [REVIEW]: { type: 'text', parentId: null, name: 'triage-review' },
  [OTHER]: { type: 'text', parentId: null, name: 'general' },
  [DM]: { type: 'dm', parentId: null },
  [TICKET_THREAD]: { type: 'thread', parentId: SUPPORT_TEXT, name: 'Ticket: invoice export fails' },
  [FORUM_POST]: { type: 'thread', parentId: SUPPORT_FORUM, name: 'Refund for double charge' },
  [STAFF_THREAD]: { type: 'thread', parentId: SUPPORT_TEXT, name: 'staff: rota' },
  [REVIEW_THREAD]: { type: 'thread', parentId: REVIEW, name: 'about #41' },
  [OTHER_THREAD]: { type: 'thread', parentId: OTHER, name: 'off topic' },
};

const NOW = new Date('2024-03-01T10:20:00.000Z');

const context: DiscordContext = {
  botUserId: BOT,
  supportChannels: [SUPPORT_TEXT, SUPPORT_FORUM],
  reviewChannel: REVIEW,
  channelInfo: (id) => CHANNELS[id] ?? null,
  isTicketThread: async (id) => id === TICKET_THREAD,
  now: () => NOW,
};

function messageOf(intake: DiscordIntake): InboundMessage & { opensThread: boolean } {
  if (intake.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(intake)}`);
  return { ...intake.message, opensThread: intake.opensThread };
}

/** What a valid DiscordIntake looks like, checked independently of the parser's own schemas. */
const Snowflake = z.string().regex(/^\d{1,20}$/);
const ValidDate = z.date().refine((date) => !Number.isNaN(date.getTime()));
const Ref = z.strictObject({ platform: z.literal('discord'), channelId: Snowflake, platformMessageId: Snowflake });
const ValidIntake = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('message'),
    opensThread: z.boolean(),
    message: z.strictObject({
      thread: z.strictObject({ platform: z.literal('discord'), channelId: Snowflake, threadId: Snowflake }),
      messageId: Snowflake,
      customer: z.strictObject({ id: Snowflake, name: z.string().min(1).optional() }),
      subject: z.string().min(1).optional(),
      text: z.string().refine((text) => text.trim().length > 0),
      receivedAt: ValidDate,
      raw: z.unknown(),
    }),
  }),
  z.strictObject({ kind: z.literal('edit'), ref: Ref, text: z.string().min(1), at: ValidDate }),
  z.strictObject({ kind: z.literal('delete'), ref: Ref, at: ValidDate }),
  z.strictObject({ kind: z.literal('ignore'), reason: z.string().regex(/^[a-z_]+(:[a-z0-9_]+)?$/) }),
]);

async function parseFor(event: string, data: unknown, ctx: DiscordContext = context): Promise<DiscordIntake> {
  if (event === 'MESSAGE_UPDATE') return parseMessageUpdate(data, ctx);
  if (event === 'MESSAGE_DELETE') return parseMessageDelete(data, ctx);
  return await parseMessageCreate(data, ctx);
}

describe('snowflakes', () => {
  it('reads the creation time from the top 42 bits, from the Discord epoch', () => {
    expect(snowflakeToDate('0').toISOString()).toBe('2015-01-01T00:00:00.000Z');
    expect(snowflakeToDate('1213063181107200000').toISOString()).toBe('2024-03-01T10:00:00.000Z');
    // The message id of Discord's documented example message.
    expect(snowflakeToDate('334385199974967042').toISOString()).toBe('2017-07-11T17:27:24.250Z');
    // The low 22 bits (worker, process, increment) do not move the time.
    expect(snowflakeToDate('1213063181111394303').toISOString()).toBe('2024-03-01T10:00:00.000Z');
  });

  it('rejects what is not a snowflake', () => {
    for (const bad of ['', 'abc', '-1', '1.5', '1e5', '1'.repeat(21), '18446744073709551616']) {
      expect(() => snowflakeToDate(bad), bad).toThrow(RangeError);
    }
    expect(snowflakeToDate('18446744073709551615').getTime()).toBeGreaterThan(Date.UTC(2100, 0));
  });
});

describe('thread identity, from the project fixtures', () => {
  it('a top-level message in a support text channel opens a ticket threaded at its own id, as plain text', async () => {
    const data = fixture('message-create');
    const message = messageOf(await parseMessageCreate(data, context));
    expect(message.opensThread).toBe(true);
    expect(message.thread).toEqual({ platform: 'discord', channelId: SUPPORT_TEXT, threadId: '1213063181107200000' });
    expect(threadKey(message.thread)).toBe(`discord:${SUPPORT_TEXT}:1213063181107200000`);
    expect(message.messageId).toBe('1213063181107200000');
    expect(message.customer).toEqual({ id: '1130000000000000001', name: 'Ana Lima' });
    expect(message.receivedAt.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    // The bot mention is stripped, the channel mention made readable, one line per attachment.
    expect(message.text).toBe('Hi team, my invoice export for order #5521 fails & the PDF is empty. See #channel\n[attached: invoice-error.png]');
    expect(message.subject).toBeUndefined();
    expect(message.raw).toBe(data);
  });

  it('a reply in the thread started from it joins the same ticket (thread id = starter message id)', async () => {
    const top = messageOf(await parseMessageCreate(fixture('message-create'), context));
    const reply = messageOf(await parseMessageCreate(fixture('thread-reply'), context));
    expect(reply.thread).toEqual(top.thread);
    expect(reply.opensThread).toBe(false);
    expect(reply.messageId).toBe('1213063432765440000');
    expect(reply.text).toBe('Any news? It still fails with **error 500**.');
  });

  it('every message of a support forum post joins the post, the starter message (id = thread id) included', async () => {
    const starter = messageOf(await parseMessageCreate(fixture('forum-post'), context));
    expect(starter.thread).toEqual({ platform: 'discord', channelId: SUPPORT_FORUM, threadId: FORUM_POST });
    expect(starter.opensThread).toBe(false);
    expect(starter.messageId).toBe(FORUM_POST);
    // The post's title is the ticket's subject; no global name, so the username names the customer.
    expect(starter.subject).toBe('Refund for double charge');
    expect(starter.customer).toEqual({ id: '1130000000000000002', name: 'bo_n' });

    const reply = messageOf(await parseMessageCreate(fixture('forum-reply'), context));
    expect(reply.thread).toEqual(starter.thread);
    expect(reply.opensThread).toBe(false);
    expect(reply.subject).toBeUndefined();
    expect(reply.text).toBe('Here is the second receipt.\n[attached: receipt-2.pdf]');
  });

  it('a DM is one ticket per DM channel, keyed by the channel twice', async () => {
    const first = messageOf(await parseMessageCreate(fixture('dm'), context));
    expect(first.thread).toEqual({ platform: 'discord', channelId: DM, threadId: DM });
    expect(first.opensThread).toBe(false);
    expect(first.customer).toEqual({ id: '1130000000000000003', name: 'Carla' });
    const later = messageOf(await parseMessageCreate({ ...fixture('dm'), id: '1213066201006080000', content: 'Still locked out.' }, context));
    expect(later.thread).toEqual(first.thread);
    expect(later.messageId).toBe('1213066201006080000');
  });

  it('recognises a DM by the missing guild_id when the channel is not cached', async () => {
    const uncached: DiscordContext = { ...context, channelInfo: () => null };
    const message = messageOf(await parseMessageCreate(fixture('dm'), uncached));
    expect(message.thread).toEqual({ platform: 'discord', channelId: DM, threadId: DM });
    // A guild message in an uncached channel that is not a support channel is not a DM.
    expect(await parseMessageCreate({ ...fixture('dm'), guild_id: '1100000000000000001' }, uncached)).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
    // An uncached support channel still opens tickets.
    expect(messageOf(await parseMessageCreate(fixture('message-create'), uncached)).opensThread).toBe(true);
  });

  it('ignores bots, webhooks, system messages and the bot itself', async () => {
    expect(await parseMessageCreate(fixture('bot-message'), context)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(await parseMessageCreate(fixture('webhook-message'), context)).toEqual({ kind: 'ignore', reason: 'webhook' });
    expect(await parseMessageCreate(fixture('member-join'), context)).toEqual({ kind: 'ignore', reason: 'system:7' });
    expect(await parseMessageCreate(fixture('self-message'), context)).toEqual({ kind: 'ignore', reason: 'self' });
  });
});

describe('message rules', () => {
  const base = fixture('message-create');
  const author = base.author as Data;

  it('recognises the bot itself before anything else', async () => {
    const self = { ...author, id: BOT, bot: true };
    expect(await parseMessageCreate({ ...base, author: self }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    expect(await parseMessageCreate({ ...base, author: self, type: 20 }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    expect(await parseMessageCreate({ ...base, author: self, channel_id: REVIEW }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    // Even when the rest of the payload is broken.
    expect(await parseMessageCreate({ author: { id: BOT } }, context)).toEqual({ kind: 'ignore', reason: 'self' });
  });

  it('ignores webhooks whatever their author says, and bot or system authors', async () => {
    expect(await parseMessageCreate({ ...base, webhook_id: '1140000000000000001' }, context)).toEqual({ kind: 'ignore', reason: 'webhook' });
    expect(await parseMessageCreate({ ...base, webhook_id: 'odd' }, context)).toEqual({ kind: 'ignore', reason: 'webhook' });
    expect(await parseMessageCreate({ ...base, author: { ...author, bot: true } }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(await parseMessageCreate({ ...base, author: { ...author, system: true } }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
    // `webhook_id: null` is no webhook.
    expect((await parseMessageCreate({ ...base, webhook_id: null }, context)).kind).toBe('message');
  });

  it('takes DEFAULT and REPLY messages only; every other type is a system message', async () => {
    expect((await parseMessageCreate({ ...base, type: 19 }, context)).kind).toBe('message');
    for (const type of [1, 6, 7, 8, 12, 18, 20, 21, 23, 24, 46]) {
      expect(await parseMessageCreate({ ...base, type }, context)).toEqual({ kind: 'ignore', reason: `system:${type}` });
    }
  });

  it('only listens in support channels, their ticket threads and forum posts, and DMs; never in the review channel', async () => {
    const inChannel = async (channel_id: string) => await parseMessageCreate({ ...base, channel_id }, context);
    expect(await inChannel(OTHER)).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
    expect(await inChannel(OTHER_THREAD)).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
    expect(await inChannel(REVIEW)).toEqual({ kind: 'ignore', reason: 'review_channel' });
    expect(await inChannel(REVIEW_THREAD)).toEqual({ kind: 'ignore', reason: 'review_channel' });
    expect(await inChannel(STAFF_THREAD)).toEqual({ kind: 'ignore', reason: 'not_ticket_thread' });
    // A guild thread the cache does not know cannot be placed.
    expect(await inChannel('1160000000000000099')).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
    // A review channel that is also a support channel is a support channel.
    const shared: DiscordContext = { ...context, reviewChannel: SUPPORT_TEXT };
    expect((await parseMessageCreate(base, shared)).kind).toBe('message');
  });

  it('a top-level reply to a ticket’s first message joins that ticket instead of opening one', async () => {
    const reply = {
      ...base,
      id: '1213066201006080000',
      type: 19,
      content: 'Forgot to say: it is the March invoice.',
      attachments: [],
      message_reference: { type: 0, message_id: TICKET_THREAD, channel_id: SUPPORT_TEXT, guild_id: '1100000000000000001' },
    };
    const joined = messageOf(await parseMessageCreate(reply, context));
    expect(joined.thread).toEqual({ platform: 'discord', channelId: SUPPORT_TEXT, threadId: TICKET_THREAD });
    expect(joined.opensThread).toBe(false);
    const toOther = messageOf(await parseMessageCreate({ ...reply, message_reference: { type: 0, message_id: '1213060000000000000' } }, context));
    expect(toOther.thread.threadId).toBe('1213066201006080000');
    expect(toOther.opensThread).toBe(true);
  });

  it('ignores messages with nothing to say, as Discord sends them without the MESSAGE_CONTENT intent', async () => {
    expect(await parseMessageCreate({ ...base, content: '', attachments: [], embeds: [], components: [] }, context)).toEqual({ kind: 'ignore', reason: 'empty' });
    expect(await parseMessageCreate({ ...base, content: `  <@${BOT}>  <@!${BOT}> `, attachments: [] }, context)).toEqual({ kind: 'ignore', reason: 'empty' });
    const { content: _content, ...noContent } = base;
    expect(await parseMessageCreate({ ...noContent, attachments: [] }, context)).toEqual({ kind: 'ignore', reason: 'empty' });
    // Files alone are something to say.
    expect(messageOf(await parseMessageCreate({ ...base, content: '' }, context)).text).toBe('[attached: invoice-error.png]');
  });

  it('turns Discord markup into what the customer meant', async () => {
    const text = async (content: string, extra: Data = {}) => messageOf(await parseMessageCreate({ ...base, content, attachments: [], ...extra }, context)).text;
    const mentions = [
      { id: '1130000000000000007', username: 'sam', global_name: 'Sam', member: { nick: 'Sam (ops)' } },
      { id: '1130000000000000008', username: 'kim', global_name: null },
    ];
    expect(await text('ask <@1130000000000000007> and <@!1130000000000000008> or <@1130000000000000009>', { mentions })).toBe(
      'ask @Sam (ops) and @kim or @1130000000000000009',
    );
    expect(await text('<@&1150000000000000001> in <#1110000000000000004> since <t:1709287200:R> <:sad:1170000000000000001> </triage status:1180000000000000001>')).toBe(
      '@role in #channel since 2024-03-01T10:00:00Z :sad: /triage status',
    );
    expect(await text(`hey <@!${BOT}> help`)).toBe('hey help');
  });

  it('keeps a forwarded message’s text and files', async () => {
    const forward = {
      ...base,
      content: '',
      attachments: [],
      message_reference: { type: 1, message_id: '1213060000000000000', channel_id: OTHER },
      message_snapshots: [{ message: { content: 'Your invoice is ready', attachments: [{ filename: 'invoice.pdf' }], type: 0 } }],
    };
    const message = messageOf(await parseMessageCreate(forward, context));
    expect(message.text).toBe('[forwarded] Your invoice is ready\n[attached: invoice.pdf]');
    expect(message.opensThread).toBe(true);
  });

  it('times a message by its timestamp, or by its snowflake when that is missing or broken', async () => {
    const at = async (timestamp: unknown) => messageOf(await parseMessageCreate({ ...base, timestamp }, context)).receivedAt.toISOString();
    expect(await at('2024-03-01T10:00:05.123000+00:00')).toBe('2024-03-01T10:00:05.123Z');
    expect(await at(undefined)).toBe('2024-03-01T10:00:00.000Z');
    expect(await at('yesterday')).toBe('2024-03-01T10:00:00.000Z');
    expect(await at(42)).toBe('2024-03-01T10:00:00.000Z');
  });

  it('names the customer by global name, else username; a strange name costs the name, not the ticket', async () => {
    const named = async (a: Data) => messageOf(await parseMessageCreate({ ...base, author: { ...author, ...a } }, context)).customer;
    expect(await named({ global_name: 'Ana Lima', username: 'ana.lima' })).toEqual({ id: '1130000000000000001', name: 'Ana Lima' });
    expect(await named({ global_name: null })).toEqual({ id: '1130000000000000001', name: 'ana.lima' });
    expect(await named({ global_name: '' })).toEqual({ id: '1130000000000000001', name: 'ana.lima' });
    expect(await named({ global_name: 42, username: { x: 1 } })).toEqual({ id: '1130000000000000001' });
  });
});

describe('edits', () => {
  const update = fixture('message-update');

  it('an edit of the words becomes an edit of the message, timed by edited_timestamp', () => {
    expect(parseMessageUpdate(update, context)).toEqual({
      kind: 'edit',
      ref: { platform: 'discord', channelId: SUPPORT_TEXT, platformMessageId: '1213063181107200000' },
      text: 'Hi team, my invoice export for order #5522 fails.',
      at: new Date('2024-03-01T10:09:00.000Z'),
    });
  });

  it('maps an edit inside a thread to the ticket’s channel, where the message is stored', () => {
    const inThread = { ...update, id: '1213063432765440000', channel_id: TICKET_THREAD, content: 'Any news? Still failing.' };
    expect(parseMessageUpdate(inThread, context)).toMatchObject({ kind: 'edit', ref: { channelId: SUPPORT_TEXT, platformMessageId: '1213063432765440000' } });
    const inForum = { ...update, id: '1213063936081920000', channel_id: FORUM_POST };
    expect(parseMessageUpdate(inForum, context)).toMatchObject({ kind: 'edit', ref: { channelId: SUPPORT_FORUM } });
    const inDm = { ...update, id: '1213064187740160000', channel_id: DM, guild_id: undefined };
    expect(parseMessageUpdate(inDm, context)).toMatchObject({ kind: 'edit', ref: { channelId: DM } });
  });

  it('ignores updates that leave the words alone: partial updates, embeds resolving, a thread being started', () => {
    expect(parseMessageUpdate(fixture('message-update-partial'), context)).toEqual({ kind: 'ignore', reason: 'unchanged' });
    expect(parseMessageUpdate(fixture('message-update-thread-started'), context)).toEqual({ kind: 'ignore', reason: 'unchanged' });
    const { content: _content, ...noContent } = update;
    expect(parseMessageUpdate(noContent, context)).toEqual({ kind: 'ignore', reason: 'unchanged' });
  });

  it('ignores edits of bot, webhook and system messages, ours included', () => {
    expect(parseMessageUpdate({ ...update, author: { id: BOT, username: 'triage', bot: true } }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    expect(parseMessageUpdate({ ...update, author: { id: '1120000000000000002', bot: true } }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(parseMessageUpdate({ ...update, webhook_id: '1140000000000000001' }, context)).toEqual({ kind: 'ignore', reason: 'webhook' });
    expect(parseMessageUpdate({ ...update, type: 6 }, context)).toEqual({ kind: 'ignore', reason: 'system:6' });
  });

  it('an edit to nothing is empty (or content Discord withholds without the intent); mentions are cleaned', () => {
    expect(parseMessageUpdate({ ...update, content: '' }, context)).toEqual({ kind: 'ignore', reason: 'empty' });
    expect(parseMessageUpdate({ ...update, content: `<@${BOT}> order <#${OTHER}>` }, context)).toMatchObject({ kind: 'edit', text: 'order #channel' });
  });

  it('treats a broken edited_timestamp as malformed', () => {
    expect(parseMessageUpdate({ ...update, edited_timestamp: 'soon' }, context)).toEqual({ kind: 'ignore', reason: 'malformed' });
  });
});

describe('deletions', () => {
  it('a deletion in a ticket thread deletes the message under the ticket’s channel, at the injected time', () => {
    expect(parseMessageDelete(fixture('message-delete'), context)).toEqual({
      kind: 'delete',
      ref: { platform: 'discord', channelId: SUPPORT_TEXT, platformMessageId: '1213063432765440000' },
      at: NOW,
    });
  });

  it('without a context it keeps the channel as sent and uses the system clock', () => {
    const before = Date.now();
    const intake = parseMessageDelete(fixture('message-delete'));
    expect(intake).toMatchObject({ kind: 'delete', ref: { channelId: TICKET_THREAD, platformMessageId: '1213063432765440000' } });
    if (intake.kind !== 'delete') throw new Error('expected a delete');
    expect(intake.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(intake.at.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe('hostile and broken payloads', () => {
  const base = fixture('message-create');
  const cases: [string, unknown][] = [
    ['null', null],
    ['a string', 'MESSAGE_CREATE'],
    ['an array', [base]],
    ['no id', { ...base, id: undefined }],
    ['id not a snowflake', { ...base, id: '12ab' }],
    ['id a number', { ...base, id: 1213063181107200000 }],
    ['channel_id missing', { ...base, channel_id: undefined }],
    ['author missing', { ...base, author: undefined }],
    ['author null', { ...base, author: null }],
    ['author id not a snowflake', { ...base, author: { id: 'ana' } }],
    ['type missing', { ...base, type: undefined }],
    ['type a string', { ...base, type: 'DEFAULT' }],
    ['type negative', { ...base, type: -1 }],
  ];
  it.each(cases)('MESSAGE_CREATE with %s is malformed', async (_name, data) => {
    expect(await parseMessageCreate(data, context)).toEqual({ kind: 'ignore', reason: 'malformed' });
  });

  it.each([
    ['null', null],
    ['no id', { channel_id: SUPPORT_TEXT }],
    ['no channel', { id: '1213063181107200000' }],
    ['channel a number', { id: '1213063181107200000', channel_id: 5 }],
  ] as [string, unknown][])('MESSAGE_UPDATE and MESSAGE_DELETE with %s are malformed', (_name, data) => {
    expect(parseMessageUpdate(data, context)).toEqual({ kind: 'ignore', reason: 'malformed' });
    expect(parseMessageDelete(data, context)).toEqual({ kind: 'ignore', reason: 'malformed' });
  });

  it('never throws when the context itself misbehaves (empty bot id, odd ids)', async () => {
    const odd: DiscordContext = { ...context, botUserId: '', supportChannels: [''] };
    expect(ValidIntake.safeParse(await parseMessageCreate(base, odd)).success).toBe(true);
    const regexy: DiscordContext = { ...context, botUserId: '.*' };
    expect(messageOf(await parseMessageCreate({ ...base, content: 'a <@.*> b', attachments: [] }, regexy)).text).toBe('a <@.*> b');
  });

  const names = readdirSync(FIXTURES).map((file) => file.replace(/\.json$/, ''));
  const replacements: unknown[] = [undefined, null, 0, -1, '', 'x', [], {}, true, 'x'.repeat(5_000), { id: BOT }];

  it('survives every fixture with any one field (or author field) removed or replaced by a wrong type', async () => {
    let checked = 0;
    for (const name of names) {
      const event = eventOf(name);
      const data = fixture(name);
      const variants: [string, Data][] = [];
      for (const key of Object.keys(data)) for (const value of replacements) variants.push([`${key}`, { ...data, [key]: value }]);
      const author = data.author as Data | undefined;
      if (author) for (const key of Object.keys(author)) for (const value of replacements) variants.push([`author.${key}`, { ...data, author: { ...author, [key]: value } }]);
      for (const [label, mutated] of variants) {
        const result = ValidIntake.safeParse(await parseFor(event, mutated));
        expect(result.success, `${name} ${label}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1_000);
  });

  it('never turns a bot’s, a webhook’s, our own or a system message into a ticket, whatever else is wrong with it', async () => {
    for (const name of ['bot-message', 'webhook-message', 'self-message', 'member-join']) {
      const data = fixture(name);
      for (const key of Object.keys(data)) {
        // Only the fields that make it what it is may change the verdict.
        if (['author', 'webhook_id', 'type'].includes(key)) continue;
        for (const value of replacements) {
          expect((await parseMessageCreate({ ...data, [key]: value }, context)).kind, `${name}.${key}`).toBe('ignore');
        }
      }
    }
  });
});

// ── Discord's documentation examples, kept outside the repository ────────

interface Sample {
  name: string;
  message: Data;
}

/** Every message-shaped object (id, channel_id, and author or content) anywhere in the examples. */
function sharedSamples(): Sample[] {
  const samples: Sample[] = [];
  const visit = (node: unknown, name: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${name}[${index}]`));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Data;
    if ('id' in record && 'channel_id' in record && ('author' in record || 'content' in record)) samples.push({ name, message: record });
    for (const [key, value] of Object.entries(record)) visit(value, `${name}.${key}`);
  };
  for (const file of readdirSync(SHARED).filter((f) => f.endsWith('.json')).sort()) {
    visit(JSON.parse(readFileSync(join(SHARED, file), 'utf8')) as unknown, file);
  }
  return samples;
}

const hasShared = existsSync(SHARED);
if (!hasShared) console.log(`discord/parse: skipping Discord's documentation examples, ${SHARED} not found`);

describe.skipIf(!hasShared)('Discord documentation examples (discord-api-docs)', () => {
  const samples = hasShared ? sharedSamples() : [];
  // The example channel is a support text channel here, so the example message must become a ticket.
  const EXAMPLE_CHANNEL = '290926798999357250';
  const docsContext: DiscordContext = {
    ...context,
    supportChannels: [...context.supportChannels, EXAMPLE_CHANNEL],
    channelInfo: (id) => (id === EXAMPLE_CHANNEL ? { type: 'text', parentId: null } : (CHANNELS[id] ?? null)),
  };

  it('finds the example messages, the interaction’s resolved message and the webhook-event messages', () => {
    const names = samples.map((s) => s.name);
    expect(names).toContain('message__L167__example_message.json');
    expect(names).toContain('message__L210__example_crossposted_message.json');
    expect(names.some((name) => name.startsWith('application-commands__L948__example_interaction.json.data.resolved.messages'))).toBe(true);
    expect(samples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(samples.map((s) => [s.name, s.message] as const))('%s parses to a valid intake as create, update and delete', async (_name, message) => {
    for (const intake of [
      await parseMessageCreate(message, docsContext),
      await parseMessageCreate(message, context),
      parseMessageUpdate(message, docsContext),
      parseMessageDelete(message, docsContext),
    ]) {
      const check = ValidIntake.safeParse(intake);
      expect(check.success, JSON.stringify(check.error?.issues)).toBe(true);
    }
  });

  it('reads the example message as a ticket that opens a thread', async () => {
    const sample = samples.find((s) => s.name === 'message__L167__example_message.json');
    const message = messageOf(await parseMessageCreate(sample?.message, docsContext));
    expect(message).toMatchObject({
      messageId: '334385199974967042',
      customer: { id: '53908099506183680', name: 'Mason' },
      text: 'Supa Hot',
      opensThread: true,
    });
    expect(message.receivedAt.toISOString()).toBe('2017-07-11T17:27:07.299Z');
    expect(threadKey(message.thread)).toBe(`discord:${EXAMPLE_CHANNEL}:334385199974967042`);
    // It has no guild_id: with a cache that does not know the channel it reads as a DM.
    expect(messageOf(await parseMessageCreate(sample?.message, context)).thread).toEqual({ platform: 'discord', channelId: EXAMPLE_CHANNEL, threadId: EXAMPLE_CHANNEL });
  });

  it('reads the crossposted example with its channel mention made readable', async () => {
    const sample = samples.find((s) => s.name === 'message__L210__example_crossposted_message.json');
    expect(messageOf(await parseMessageCreate(sample?.message, docsContext)).text).toBe('Big news! In this #channel channel!');
    // Never edited: as an update it changes no words.
    expect(parseMessageUpdate(sample?.message, docsContext)).toEqual({ kind: 'ignore', reason: 'unchanged' });
  });

  it('ignores the webhook-event messages, whose author is an empty object, as malformed', async () => {
    const webhookEvents = samples.filter((s) => s.name.startsWith('webhook-events__'));
    expect(webhookEvents.length).toBeGreaterThan(0);
    for (const sample of webhookEvents) expect(await parseMessageCreate(sample.message, docsContext)).toEqual({ kind: 'ignore', reason: 'malformed' });
  });
});
