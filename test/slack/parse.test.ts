/**
 * Slack event parsing: the project's fixtures (written from Slack's documented
 * payload shapes) for each rule, hostile and broken payloads that must be
 * ignored rather than thrown on, and, when ../shared/data/slack is present,
 * every message and app_mention sample from the Java SDK and the API reference.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseMentionEvent, parseMessageEvent, slackThread, slackTsToDate } from '../../adapters/slack/parse.js';
import type { SlackContext, SlackIntake } from '../../adapters/slack/parse.js';
import { threadKey } from '../../src/domain/index.js';
import type { InboundMessage } from '../../src/domain/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/slack');
const SHARED = join(import.meta.dirname, '../../../shared/data/slack');

type Event = Record<string, unknown>;

function fixture(name: string): Event {
  const body = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as { type: string; event: Event };
  expect(body.type).toBe('event_callback');
  return body.event;
}

const context: SlackContext = {
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  supportChannels: ['C0SUPPORT', 'C0SHARED'],
  reviewChannel: 'C0REVIEW',
};

function messageOf(intake: SlackIntake): InboundMessage {
  if (intake.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(intake)}`);
  return intake.message;
}

/** What a valid SlackIntake looks like, checked independently of the parser's own schemas. */
const Ref = z.strictObject({ platform: z.literal('slack'), channelId: z.string().min(1), platformMessageId: z.string().min(1) });
const ValidIntake = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('message'),
    message: z.object({
      thread: z.strictObject({ platform: z.literal('slack'), channelId: z.string().min(1), threadId: z.string().regex(/^\d+\.\d+$/) }),
      messageId: z.string().regex(/^\d+\.\d+$/),
      customer: z.object({ id: z.string().min(1), name: z.string().min(1).optional() }),
      text: z.string().refine((text) => text.trim().length > 0),
      receivedAt: z.date().refine((date) => !Number.isNaN(date.getTime())),
      raw: z.unknown(),
    }),
  }),
  z.strictObject({ kind: z.literal('edit'), ref: Ref, text: z.string().min(1), at: z.date().refine((d) => !Number.isNaN(d.getTime())) }),
  z.strictObject({ kind: z.literal('delete'), ref: Ref, at: z.date().refine((d) => !Number.isNaN(d.getTime())) }),
  z.strictObject({ kind: z.literal('ignore'), reason: z.string().regex(/^[a-z_]+(:[a-z_]+)?$/) }),
]);

function parseAny(event: unknown, ctx: SlackContext = context): SlackIntake {
  const type = typeof event === 'object' && event !== null ? (event as Event).type : undefined;
  return type === 'app_mention' ? parseMentionEvent(event, ctx) : parseMessageEvent(event, ctx);
}

describe('slack timestamps and threads', () => {
  it('reads a ts as seconds and microseconds, to the millisecond', () => {
    expect(slackTsToDate('1700000000.000100').getTime()).toBe(1_700_000_000_000);
    expect(slackTsToDate('1700000000.123456').getTime()).toBe(1_700_000_000_123);
    expect(slackTsToDate('1355517523.000005').toISOString()).toBe('2012-12-14T20:38:43.000Z');
    expect(slackTsToDate('1700000000').getTime()).toBe(1_700_000_000_000);
  });

  it('rejects what is not a ts', () => {
    for (const bad of ['', 'abc', '1700000000.', '-1.0', '1.2.3', '1700000000.1234567']) {
      expect(() => slackTsToDate(bad), bad).toThrow(RangeError);
    }
  });

  it('keys a thread as slack:<channel>:<thread ts>', () => {
    const thread = slackThread('C123', '1700000000.0001');
    expect(thread).toEqual({ platform: 'slack', channelId: 'C123', threadId: '1700000000.0001' });
    expect(threadKey(thread)).toBe('slack:C123:1700000000.0001');
  });
});

describe('message events from the project fixtures', () => {
  it('a top-level message in a support channel opens a thread at its own ts, as plain text', () => {
    const event = fixture('message');
    const message = messageOf(parseMessageEvent(event, context));
    expect(threadKey(message.thread)).toBe('slack:C0SUPPORT:1700000000.000100');
    expect(message.messageId).toBe('1700000000.000100');
    expect(message.customer).toEqual({ id: 'U0CUST1' });
    expect(message.receivedAt.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    // Entities decoded and the link made readable: the pipeline never sees Slack syntax.
    expect(message.text).toBe(
      'Hi team, my invoice export for order #5521 fails & the PDF is empty. See the status page (https://status.example.com)',
    );
    expect(message.raw).toBe(event);
  });

  it('a thread reply joins the thread of its thread_ts and keeps its own ts as message id', () => {
    const message = messageOf(parseMessageEvent(fixture('thread-reply'), context));
    expect(threadKey(message.thread)).toBe('slack:C0SUPPORT:1700000000.000100');
    expect(message.messageId).toBe('1700000060.000200');
  });

  it('a direct message is a ticket in the DM, threaded at its own ts; a reply in the DM joins it', () => {
    const top = messageOf(parseMessageEvent(fixture('dm'), context));
    expect(threadKey(top.thread)).toBe('slack:D0DIRECT:1700000120.000300');
    const reply = messageOf(
      parseMessageEvent({ ...fixture('dm'), ts: '1700000130.000000', thread_ts: '1700000120.000300', text: 'Any news?' }, context),
    );
    expect(reply.thread).toEqual(top.thread);
    expect(reply.messageId).toBe('1700000130.000000');
  });

  it('recognises a DM by its D… id when channel_type is missing', () => {
    const { channel_type: _dropped, ...event } = fixture('dm');
    expect(parseMessageEvent(event, context).kind).toBe('message');
    expect(parseMessageEvent({ ...event, channel: 'C0OTHER' }, context)).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
  });

  it('an edit becomes an edit of message.ts, timed by edited.ts', () => {
    expect(parseMessageEvent(fixture('message-changed'), context)).toEqual({
      kind: 'edit',
      ref: { platform: 'slack', channelId: 'C0SUPPORT', platformMessageId: '1700000000.000100' },
      text: 'Hi team, my invoice export for order #5522 fails',
      at: new Date('2023-11-14T22:18:19.000Z'),
    });
  });

  it('a deletion becomes a delete of deleted_ts, timed by the event ts', () => {
    expect(parseMessageEvent(fixture('message-deleted'), context)).toEqual({
      kind: 'delete',
      ref: { platform: 'slack', channelId: 'C0SUPPORT', platformMessageId: '1700000060.000200' },
      at: new Date('2023-11-14T22:20:00.000Z'),
    });
  });

  it('ignores joins, other bots and the bot itself', () => {
    expect(parseMessageEvent(fixture('channel-join'), context)).toEqual({ kind: 'ignore', reason: 'subtype:channel_join' });
    expect(parseMessageEvent(fixture('bot-message'), context)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(parseMessageEvent(fixture('self-message'), context)).toEqual({ kind: 'ignore', reason: 'self' });
  });
});

describe('message rules', () => {
  const base = fixture('message');

  it('recognises the bot by user id or by bot id, before anything else', () => {
    expect(parseMessageEvent({ ...base, user: 'U0BOT' }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    expect(parseMessageEvent({ ...base, bot_id: 'B0BOT' }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    expect(parseMessageEvent({ ...base, user: 'U0BOT', subtype: 'channel_join' }, context)).toEqual({ kind: 'ignore', reason: 'self' });
  });

  it('ignores other bots by bot_id, bot_message subtype or bot_profile', () => {
    expect(parseMessageEvent({ ...base, bot_id: 'B0OTHER' }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(parseMessageEvent({ ...base, subtype: 'bot_message' }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(parseMessageEvent({ ...base, bot_profile: { id: 'B0X', name: 'x' } }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
  });

  it('ignores housekeeping subtypes by name', () => {
    for (const subtype of ['channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'pinned_item', 'message_replied', 'group_join']) {
      expect(parseMessageEvent({ ...base, subtype }, context)).toEqual({ kind: 'ignore', reason: `subtype:${subtype}` });
    }
  });

  it('accepts file shares, thread broadcasts and /me messages as speech', () => {
    const shared = messageOf(
      parseMessageEvent({ ...base, subtype: 'file_share', text: '', files: [{ id: 'F1', name: 'screenshot.png' }, { id: 'F2', title: 'log' }] }, context),
    );
    expect(shared.text).toBe('[attached: screenshot.png, log]');
    const withText = messageOf(parseMessageEvent({ ...base, subtype: 'file_share', text: 'see this', files: [{ id: 'F1', mode: 'hidden_by_limit' }] }, context));
    expect(withText.text).toBe('see this\n[attached: 1 file]');
    const broadcast = messageOf(
      parseMessageEvent({ ...base, subtype: 'thread_broadcast', ts: '1700000090.000000', thread_ts: '1700000000.000100' }, context),
    );
    expect(broadcast.thread.threadId).toBe('1700000000.000100');
    expect(parseMessageEvent({ ...base, subtype: 'me_message', text: 'is still waiting' }, context).kind).toBe('message');
  });

  it('only listens in support channels and DMs, and never to the review channel', () => {
    expect(parseMessageEvent({ ...base, channel: 'C0OTHER' }, context)).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
    expect(parseMessageEvent({ ...fixture('thread-reply'), channel: 'C0OTHER' }, context)).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
    expect(parseMessageEvent({ ...base, channel: 'C0REVIEW' }, context)).toEqual({ kind: 'ignore', reason: 'review_channel' });
    expect(parseMessageEvent({ ...base, channel: 'G0GROUP', channel_type: 'mpim' }, context)).toEqual({ kind: 'ignore', reason: 'not_support_channel' });
    // A review channel that is also a support channel is a support channel.
    expect(parseMessageEvent({ ...base, channel: 'C0SHARED' }, { ...context, reviewChannel: 'C0SHARED' }).kind).toBe('message');
  });

  it('ignores messages with nothing to say', () => {
    expect(parseMessageEvent({ ...base, text: '   ' }, context)).toEqual({ kind: 'ignore', reason: 'empty' });
    expect(parseMessageEvent({ ...base, text: '<@U0BOT>' }, context)).toEqual({ kind: 'ignore', reason: 'empty' });
    const { text: _text, ...withoutText } = base;
    expect(parseMessageEvent(withoutText, context)).toEqual({ kind: 'ignore', reason: 'empty' });
  });

  it('names the customer from the profile: display name, else real name, else name', () => {
    const named = (profile: Record<string, unknown>) => messageOf(parseMessageEvent({ ...base, user_profile: profile }, context)).customer;
    expect(named({ display_name: 'ana', real_name: 'Ana Lima', name: 'ana.lima' })).toEqual({ id: 'U0CUST1', name: 'ana' });
    expect(named({ display_name: '', real_name: 'Ana Lima', name: 'ana.lima' })).toEqual({ id: 'U0CUST1', name: 'Ana Lima' });
    expect(named({ name: 'ana.lima' })).toEqual({ id: 'U0CUST1', name: 'ana.lima' });
    // A strange profile costs the name, not the ticket.
    expect(named({ display_name: 42 })).toEqual({ id: 'U0CUST1' });
  });

  it('turns Slack markup into what the customer typed', () => {
    const text = (raw: string) => messageOf(parseMessageEvent({ ...base, text: raw }, context)).text;
    expect(text('&lt;script&gt; &amp;amp; <@U0OTHER|sam> in <#C0SUPPORT|support>')).toBe('<script> &amp; @sam in #support');
    expect(text('<!here> <!subteam^S0OPS|@ops> <mailto:a@b.co|a@b.co> <https://x.example/a>')).toBe('@here @ops a@b.co https://x.example/a');
    expect(text('hey <@U0BOT|triage> help')).toBe('hey help');
  });

  it('gives the message event and the app_mention of one message the same ticket message', () => {
    const mention = { ...fixture('app-mention'), channel: 'C0SUPPORT' };
    const asMessage = { ...mention, type: 'message', channel_type: 'channel' };
    const fromMention = messageOf(parseMentionEvent(mention, context));
    const fromMessage = messageOf(parseMessageEvent(asMessage, context));
    expect({ ...fromMessage, raw: null }).toEqual({ ...fromMention, raw: null });
  });
});

describe('edits and deletions', () => {
  const changed = fixture('message-changed');
  const inner = changed.message as Event;

  it('ignores changes that leave the words alone (unfurls, attachments, reply counts)', () => {
    const unfurl = { ...changed, message: { ...inner, text: 'same', attachments: [{ from_url: 'https://x.example' }] }, previous_message: { text: 'same' } };
    expect(parseMessageEvent(unfurl, context)).toEqual({ kind: 'ignore', reason: 'unchanged' });
  });

  it('ignores edits of bot messages, ours included', () => {
    expect(parseMessageEvent({ ...changed, message: { ...inner, user: 'U0BOT', bot_id: 'B0BOT' } }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    expect(parseMessageEvent({ ...changed, message: { ...inner, user: undefined, bot_id: 'B0OTHER' } }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
  });

  it('falls back to the event ts without edited.ts, and treats a tombstone as a deletion', () => {
    const { edited: _edited, ...plain } = inner;
    const edit = parseMessageEvent({ ...changed, message: plain, previous_message: undefined }, context);
    expect(edit).toMatchObject({ kind: 'edit', at: new Date('2023-11-14T22:18:20.000Z') });
    const tombstone = { ...inner, subtype: 'tombstone', user: 'USLACKBOT', text: 'This message was deleted.', hidden: true };
    expect(parseMessageEvent({ ...changed, message: tombstone }, context)).toMatchObject({
      kind: 'delete',
      ref: { platformMessageId: '1700000000.000100' },
    });
  });

  it('strips the bot mention and markup from edited text too', () => {
    const edit = parseMessageEvent({ ...changed, message: { ...inner, text: '<@U0BOT> order &amp; invoice' } }, context);
    expect(edit).toMatchObject({ kind: 'edit', text: 'order & invoice' });
  });

  it('ignores deletions of bot messages', () => {
    const deleted = fixture('message-deleted');
    expect(parseMessageEvent({ ...deleted, previous_message: { user: 'U0BOT', bot_id: 'B0BOT', text: 'x' } }, context)).toEqual({ kind: 'ignore', reason: 'self' });
  });
});

describe('app_mention events', () => {
  const mention = fixture('app-mention');

  it('opens a ticket wherever the bot is mentioned, without the mention', () => {
    const message = messageOf(parseMentionEvent(mention, context));
    expect(threadKey(message.thread)).toBe('slack:C0GENERAL:1700000180.000400');
    expect(message.text).toBe('our SSO login loops back to the start page since this morning');
    expect(message.customer).toEqual({ id: 'U0CUST3', name: 'Bruno Keller' });
  });

  it('joins the thread when the mention is a reply', () => {
    const message = messageOf(parseMentionEvent({ ...mention, thread_ts: '1700000100.000000' }, context));
    expect(message.thread.threadId).toBe('1700000100.000000');
  });

  it('ignores mentions in the review channel, by bots, and mentions with nothing else', () => {
    expect(parseMentionEvent({ ...mention, channel: 'C0REVIEW' }, context)).toEqual({ kind: 'ignore', reason: 'review_channel' });
    expect(parseMentionEvent({ ...mention, bot_id: 'B0OTHER' }, context)).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(parseMentionEvent({ ...mention, user: 'U0BOT' }, context)).toEqual({ kind: 'ignore', reason: 'self' });
    expect(parseMentionEvent({ ...mention, text: '  <@U0BOT>  ' }, context)).toEqual({ kind: 'ignore', reason: 'empty' });
  });

  it('does not take a message event for a mention, or the other way round', () => {
    expect(parseMentionEvent(fixture('message'), context)).toEqual({ kind: 'ignore', reason: 'malformed' });
    expect(parseMessageEvent(mention, context)).toEqual({ kind: 'ignore', reason: 'malformed' });
  });
});

describe('malformed events are ignored, never thrown on', () => {
  const base = fixture('message');
  const cases: [string, unknown][] = [
    ['null', null],
    ['a string', 'message'],
    ['a number', 42],
    ['an array', [base]],
    ['an empty object', {}],
    ['no channel', { ...base, channel: undefined }],
    ['empty channel', { ...base, channel: '' }],
    ['numeric channel', { ...base, channel: 123 }],
    ['no user', { ...base, user: undefined }],
    ['numeric user', { ...base, user: 7 }],
    ['no ts', { ...base, ts: undefined }],
    ['ts not a timestamp', { ...base, ts: 'yesterday' }],
    ['thread_ts not a timestamp', { ...base, thread_ts: 12 }],
    ['text not a string', { ...base, text: { rich: true } }],
    ['subtype not a string', { ...base, subtype: 5 }],
    ['message_changed without message', { ...fixture('message-changed'), message: undefined }],
    ['message_changed with a bad inner ts', { ...fixture('message-changed'), message: { text: 'x', ts: 'now' } }],
    ['message_deleted without deleted_ts', { ...fixture('message-deleted'), deleted_ts: undefined }],
    ['message_deleted without any event ts', { ...fixture('message-deleted'), ts: undefined, event_ts: undefined }],
  ];
  it.each(cases)('%s', (_name, event) => {
    expect(parseMessageEvent(event, context)).toEqual({ kind: 'ignore', reason: 'malformed' });
    expect(parseMentionEvent(event, context).kind).toBe('ignore');
  });

  it('survives every fixture with any one field removed or replaced by a wrong type', () => {
    const names = readdirSync(FIXTURES).map((file) => file.replace(/\.json$/, ''));
    const replacements: unknown[] = [undefined, null, 0, '', [], {}, true, 'x'.repeat(5_000)];
    let checked = 0;
    for (const name of names) {
      const event = fixture(name);
      for (const key of Object.keys(event)) {
        for (const value of replacements) {
          const mutated = { ...event, [key]: value };
          const result = ValidIntake.safeParse(parseAny(mutated));
          expect(result.success, `${name}.${key} = ${JSON.stringify(value)?.slice(0, 20)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

// ── Samples kept outside the repository ─────────────────────────────────

interface Sample {
  name: string;
  event: unknown;
}

function sharedSamples(): Sample[] {
  const samples: Sample[] = [];
  const eventsDir = join(SHARED, 'java-slack-sdk-samples/events');
  if (existsSync(eventsDir)) {
    for (const file of readdirSync(eventsDir).filter((f) => f.endsWith('.json')).sort()) {
      const body = JSON.parse(readFileSync(join(eventsDir, file), 'utf8')) as { event?: Event } & Event;
      const event = body.event ?? body;
      if (event.type === 'message' || event.type === 'app_mention') samples.push({ name: `java-slack-sdk-samples/${file}`, event });
    }
  }
  const byType = join(SHARED, 'slack-api-ref-examples/event_examples_by_type.json');
  if (existsSync(byType)) {
    const examples = JSON.parse(readFileSync(byType, 'utf8')) as Record<string, Event>;
    for (const [type, event] of Object.entries(examples)) {
      if (event.type === 'message' || event.type === 'app_mention') samples.push({ name: `event_examples_by_type.json#${type}`, event });
    }
  }
  return samples;
}

const hasShared = existsSync(SHARED);
if (!hasShared) console.log(`slack/parse: skipping shared Slack samples, ${SHARED} not found`);

describe.skipIf(!hasShared)('shared Slack samples (java-slack-sdk, API reference)', () => {
  const samples = hasShared ? sharedSamples() : [];
  // The channel of the API reference example is a support channel here, so it must become a ticket.
  const sharedContext: SlackContext = { ...context, supportChannels: [...context.supportChannels, 'C123ABC456'] };

  it('finds the message and app_mention samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect(samples.some((s) => (s.event as Event).type === 'app_mention')).toBe(true);
  });

  it.each(samples.map((s) => [s.name, s.event] as const))('%s parses to a valid intake without throwing', (_name, event) => {
    const intake = parseAny(event, sharedContext);
    const check = ValidIntake.safeParse(intake);
    expect(check.success, JSON.stringify(check.error?.issues)).toBe(true);
  });

  it('reads the API reference message as a ticket message', () => {
    const sample = samples.find((s) => s.name === 'event_examples_by_type.json#message');
    expect(sample).toBeDefined();
    const message = messageOf(parseMessageEvent(sample?.event, sharedContext));
    expect(message).toMatchObject({ messageId: '1355517523.000005', customer: { id: 'U123ABC456' }, text: 'Hello world' });
    expect(threadKey(message.thread)).toBe('slack:C123ABC456:1355517523.000005');
  });

  it('ignores the blanked SDK samples for the documented reasons', () => {
    // Values are blanked ("") in these samples: a blank ts/user is malformed,
    // and a present bot_profile marks a bot. The reasons are the stable set.
    const reasons = new Map(samples.filter((s) => s.name.startsWith('java')).map((s) => [s.name, parseAny(s.event, sharedContext)]));
    expect(reasons.get('java-slack-sdk-samples/MessageBotPayload.json')).toEqual({ kind: 'ignore', reason: 'bot' });
    expect(reasons.get('java-slack-sdk-samples/MessageRepliedPayload.json')).toEqual({ kind: 'ignore', reason: 'subtype:message_replied' });
    expect(reasons.get('java-slack-sdk-samples/MessageDeletedPayload.json')).toEqual({ kind: 'ignore', reason: 'malformed' });
    for (const intake of reasons.values()) expect(intake.kind).toBe('ignore');
  });
});
