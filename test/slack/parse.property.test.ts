/**
 * Slack's inbound side under generated input: the event parsers never throw
 * and always answer one of the known kinds, whatever the payload; invisible
 * text is no ticket; Slack text decodes back to what was written; and the
 * receiver's check for malformed events rejects exactly what Bolt cannot
 * process.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventIdOf, malformedEventReason } from '../../adapters/slack/malformed-events.js';
import { escapeMrkdwn, slackToPlainText, unescapeSlack } from '../../adapters/slack/mrkdwn.js';
import { parseMentionEvent, parseMessageEvent, slackTsToDate, type SlackContext, type SlackIntake } from '../../adapters/slack/parse.js';
import { hasVisibleText } from '../../src/domain/index.js';
import { PROPERTY, SLACK_ATTACKS, customerText, invisibleText } from '../support/arbitraries.js';

const context: SlackContext = { botUserId: 'U0BOT', botId: 'B0BOT', supportChannels: ['C0SUPPORT'], reviewChannel: 'C0REVIEW' };

const KNOWN_REASONS = new Set(['self', 'bot', 'not_support_channel', 'review_channel', 'empty', 'unchanged', 'malformed']);

const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.anything({ maxDepth: 2 }));
const or = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk });

const validTs = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 999_999_999_999 }), fc.integer({ min: 0, max: 999_999 })).map(([s, us]) => `${s}.${String(us).padStart(6, '0')}`),
  fc.constantFrom('999999999999.999999', '0.000000', '1700000000.000100', '1700000000.1'),
);
const ts = fc.oneof(validTs, fc.constantFrom('1700000000', '1e9.1', ' 1700000000.000100', '-1.5', '1700000000.0001000'));
const text = fc.oneof(customerText(SLACK_ATTACKS), invisibleText);
const files = fc.array(fc.record({ name: or(fc.string()), title: or(fc.string()) }, { requiredKeys: [] }), { maxLength: 3 });
const user = fc.constantFrom('U0CUST', 'U0CUST', 'W0CUST', 'U0BOT');
const channel = fc.constantFrom('C0SUPPORT', 'C0SUPPORT', 'C0REVIEW', 'C0OTHER', 'D0DM');

/** A customer's message or mention, as Slack sends it. */
const speech = fc.record(
  {
    type: fc.constantFrom('message', 'app_mention'),
    channel,
    user,
    ts: validTs,
    text,
    channel_type: fc.constantFrom('channel', 'im', 'mpim'),
    thread_ts: validTs,
    subtype: fc.constantFrom('file_share', 'thread_broadcast', 'me_message', 'bot_message', 'channel_join', ''),
    files,
    user_profile: fc.record({ display_name: or(fc.string()), real_name: or(fc.string()) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['type', 'channel', 'user', 'ts', 'text'] },
);

/** An edit (`message_changed`) or deletion (`message_deleted`) of one. */
const change = fc.oneof(
  fc.record({
    type: fc.constant('message'),
    subtype: fc.constant('message_changed'),
    channel,
    ts: validTs,
    message: fc.record({ ts: validTs, text, user, edited: fc.record({ ts: validTs }), files }, { requiredKeys: ['ts', 'user'] }),
    previous_message: fc.record({ text, user }, { requiredKeys: [] }),
  }),
  fc.record({
    type: fc.constant('message'),
    subtype: fc.constant('message_deleted'),
    channel,
    ts: validTs,
    deleted_ts: validTs,
    previous_message: fc.record({ text, user, bot_id: fc.constantFrom('B0BOT', 'B0OTHER') }, { requiredKeys: [] }),
  }),
);

const FIELDS = ['type', 'subtype', 'channel', 'channel_type', 'user', 'bot_id', 'bot_profile', 'ts', 'thread_ts', 'event_ts', 'text', 'files', 'user_profile', 'message', 'previous_message', 'deleted_ts', 'edited'] as const;

/** Real shapes, with up to three fields replaced by anything at all (valid-looking or not). */
const slackEvent = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: speech }, { weight: 1, arbitrary: change }), fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(junk, ts, text)), { maxLength: 3 }))
  .map(([event, replaced]) => ({ ...event, ...Object.fromEntries(replaced) }) as Record<string, unknown>);

function parseAny(event: unknown): SlackIntake {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  return type === 'app_mention' ? parseMentionEvent(event, context) : parseMessageEvent(event, context);
}

function expectKnownIntake(intake: SlackIntake, event: unknown): void {
  const validDate = (date: Date) => expect(Number.isNaN(date.getTime())).toBe(false);
  switch (intake.kind) {
    case 'message':
      expect(hasVisibleText(intake.message.text)).toBe(true);
      validDate(intake.message.receivedAt);
      expect(intake.message.raw).toBe(event);
      expect(intake.message.thread.platform).toBe('slack');
      expect(intake.message.customer.id.length).toBeGreaterThan(0);
      return;
    case 'edit':
      expect(hasVisibleText(intake.text)).toBe(true);
      validDate(intake.at);
      return;
    case 'delete':
      validDate(intake.at);
      return;
    case 'ignore':
      expect(KNOWN_REASONS.has(intake.reason) || intake.reason.startsWith('subtype:'), intake.reason).toBe(true);
      return;
    default:
      throw new Error(`unknown intake ${JSON.stringify(intake)}`);
  }
}

describe('Slack event parsers, properties', () => {
  it('never throw on anything and answer a known kind', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (event) => {
        expectKnownIntake(parseMessageEvent(event, context), event);
        expectKnownIntake(parseMentionEvent(event, context), event);
      }),
      PROPERTY.quick(301),
    );
  });

  it('never throw on event-shaped payloads with valid and broken fields, and every message says something', () => {
    fc.assert(
      fc.property(slackEvent, (event) => expectKnownIntake(parseAny(event), event)),
      PROPERTY.quick(302),
    );
  });

  it('ignore a message of only invisible characters as empty, but keep one that shares a file', () => {
    fc.assert(
      fc.property(invisibleText, validTs, fc.constantFrom('message', 'app_mention'), (invisible, at, type) => {
        const event = { type, channel: 'C0SUPPORT', user: 'U0CUST', ts: at, text: invisible };
        expect(parseAny(event)).toEqual({ kind: 'ignore', reason: 'empty' });
        const shared = parseAny({ ...event, files: [{ name: 'screenshot.png' }] });
        expect(shared.kind === 'message' && shared.message.text).toBe('[attached: screenshot.png]');
        const edit = parseMessageEvent(
          { type: 'message', subtype: 'message_changed', channel: 'C0SUPPORT', ts: at, message: { ts: at, user: 'U0CUST', text: invisible }, previous_message: { text: 'before' } },
          context,
        );
        expect(edit).toEqual({ kind: 'ignore', reason: 'empty' });
      }),
      PROPERTY.quick(303),
    );
  });

  it('date every valid ts: seconds and microseconds to the millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), fc.integer({ min: 0, max: 999_999 }), (seconds, micros) => {
        const date = slackTsToDate(`${seconds}.${String(micros).padStart(6, '0')}`);
        expect(date.getTime()).toBe(seconds * 1000 + Math.floor(micros / 1000));
      }),
      PROPERTY.quick(304),
    );
  });
});

describe('Slack text, properties', () => {
  it('slackToPlainText never throws and reads back what escapeMrkdwn wrote (word joiners aside)', () => {
    fc.assert(
      fc.property(customerText(SLACK_ATTACKS), (written) => {
        fc.pre(!written.includes('\u2060'));
        expect(slackToPlainText(escapeMrkdwn(written)).replaceAll('\u2060', '')).toBe(written);
        expect(unescapeSlack(escapeMrkdwn(written)).replaceAll('\u2060', '')).toBe(written);
      }),
      PROPERTY.quick(305),
    );
  });

  it('slackToPlainText turns any wire text into text without a single control token left', () => {
    fc.assert(
      fc.property(customerText(SLACK_ATTACKS), (wire) => {
        const plain = slackToPlainText(wire);
        // A token Slack would act on is `<` … `>` around text without `<` or `>`; the raw `<` and `>` here all came from entities.
        const tokens = wire.match(/<[^<>]*>/g) ?? [];
        for (const token of tokens) expect(plain).not.toContain(token.replace(/&(lt|gt|amp);/g, ''));
      }),
      PROPERTY.quick(306),
    );
  });
});

describe('malformed Events API bodies, properties', () => {
  const eventValue = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    junk,
    fc.record({ type: or(fc.constantFrom('message', 'app_mention', 'reaction_added', '')) }, { requiredKeys: [] }),
  );
  const body = fc.oneof(
    junk,
    fc.record(
      { type: or(fc.constantFrom('event_callback', 'url_verification', 'block_actions', 'view_submission')), event: eventValue, event_id: or(fc.constant('Ev0001')) },
      { requiredKeys: [] },
    ),
  );

  it('rejects exactly the bodies Bolt would treat as an event and cannot process, and never throws', () => {
    const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
    fc.assert(
      fc.property(body, (candidate) => {
        const reason = malformedEventReason(candidate);
        if (!isRecord(candidate)) {
          expect(reason).toMatch(/^the body is /);
          return;
        }
        const isEvent = candidate.type === 'event_callback' || candidate.event !== undefined;
        const processable = isRecord(candidate.event) && typeof candidate.event.type === 'string';
        expect(reason === null).toBe(!isEvent || processable);
        expect(eventIdOf(candidate)).toBe(typeof candidate.event_id === 'string' ? candidate.event_id : null);
      }),
      PROPERTY.quick(307),
    );
  });
});
