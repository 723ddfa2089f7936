/**
 * Input hygiene end to end, with the real Bolt against the fake Slack:
 * malformed Events API bodies are acked with one warning and reach no
 * listener (HTTP and Socket Mode); an absurd `ts` makes a ticket dated now;
 * an oversized event is stored truncated; invisible messages are no
 * tickets; ticket ids from buttons, modals and `/triage status` parse
 * strictly and a bad one is answered like a missing ticket.
 */
import Database from 'better-sqlite3';
import type { App } from '@slack/bolt';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS, CALLBACK_IDS, INPUT_IDS } from '../../adapters/slack/format.js';
import { createLogger } from '../../src/logger.js';
import { blockActions, eventCallback, messageEvent, slashCommand, type FakeSlack } from '../fakes/slack/index.js';
import { CUSTOMER, REVIEW, REVIEWER, SUPPORT, cardOf, startSlackHarness, until, viewSubmission, type SlackHarness } from './harness.js';

type LogLine = { level: number; msg: string; eventId?: unknown; reason?: unknown; notes?: unknown; component?: string };

/**
 * The Slack harness with its logs kept (warn and above), so a test can wait
 * for the line that says what happened, and a record of every body that
 * reaches Bolt's listeners.
 */
async function startLoggedSlack(mode: 'http' | 'socket') {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const harness = await startSlackHarness(mode, { SLACK_REVIEWERS: REVIEWER }, { retries: 0 }, createLogger({ level: 'warn', destination }));
  // Every body that reaches Bolt's listeners passes this global middleware first.
  const seenByBolt: unknown[] = [];
  (harness.adapter as unknown as { app: App }).app.use(async ({ body, next }) => {
    seenByBolt.push(body);
    await next();
  });
  return {
    fake: harness.fake,
    core: harness.core,
    lines,
    seenByBolt,
    /** The HTTP status (HTTP), or 200 once the envelope is acked (Socket Mode; a missing ack times out). */
    async deliver(body: unknown): Promise<number> {
      if (mode === 'socket') {
        await harness.fake.sendEnvelope('events_api', body as object, { timeoutMs: 3_000 });
        return 200;
      }
      const response = await harness.fake.postSigned(`http://127.0.0.1:${String(harness.adapter.port)}/slack/events`, body as object);
      return response.status;
    },
    close: () => harness.close(),
  };
}

type Logged = Awaited<ReturnType<typeof startLoggedSlack>>;

let logged: Logged | null = null;
let h: SlackHarness | null = null;
afterEach(async () => {
  await logged?.close();
  logged = null;
  await h?.close();
  h = null;
});

const MALFORMED: { name: string; event: unknown; reason: string }[] = [
  { name: 'null', event: null, reason: 'event is null' },
  { name: 'missing', event: undefined, reason: 'event is missing' },
  { name: 'a string', event: 'message', reason: 'event is a string, not an object' },
  { name: 'a number', event: 42, reason: 'event is a number, not an object' },
  { name: 'an array', event: [{ type: 'message' }], reason: 'event is an array, not an object' },
  { name: 'without a type', event: { channel: SUPPORT, text: 'hi' }, reason: 'event has no string type' },
  { name: 'with a numeric type', event: { type: 7, channel: SUPPORT }, reason: 'event has no string type' },
];

describe.each(['http', 'socket'] as const)('a malformed Events API body over %s', (mode) => {
  it('is acked (never a 500 or a missing ack Slack would retry), logged once with its event_id, and reaches no listener', async () => {
    logged = await startLoggedSlack(mode);
    for (const [index, malformed] of MALFORMED.entries()) {
      const eventId = `EvBAD${index}`;
      const body = eventCallback({}, { eventId });
      if (malformed.event === undefined) delete body.event;
      else body.event = malformed.event;
      expect(await logged.deliver(body), malformed.name).toBe(200);
      const line = await until(() => logged?.lines.find((l) => l.eventId === eventId), `the log line for ${malformed.name}`);
      expect(line).toMatchObject({ level: 40, reason: malformed.reason, msg: 'malformed slack event acked and dropped' });
      expect(logged.lines.filter((l) => l.eventId === eventId)).toHaveLength(1);
    }

    // A good event after them is still processed: intake stores it and Bolt's middleware sees it, and only it.
    const ts = `${Math.floor(Date.now() / 1000)}.000001`;
    expect(await logged.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'My export is stuck', ts }), { eventId: 'EvGOOD' }))).toBe(200);
    await until(() => logged?.seenByBolt.length, 'the good event in Bolt');
    expect(logged.seenByBolt.map((body) => (body as { event_id?: unknown }).event_id)).toEqual(['EvGOOD']);
    expect(await logged.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts })).not.toBeNull();
    expect((await logged.core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000))).tickets).toBe(1);
    // Bolt itself never saw an error or an event it could not type.
    expect(logged.lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(logged.lines.filter((l) => /could not determine the type/i.test(l.msg))).toEqual([]);
  });
});

describe('Slack bodies that are no events are Bolt\'s, unchanged', () => {
  it('url_verification still answers its challenge over HTTP, and a slash command still runs', async () => {
    logged = await startLoggedSlack('http');
    expect(await logged.deliver({ type: 'url_verification', token: 'x', challenge: 'c-42' })).toBe(200);
    h = await startSlackHarness('socket');
    const answer = await h.fake.sendEnvelope('slash_commands', slashCommand({ command: '/triage', text: 'today', user: REVIEWER, channel: REVIEW, responseUrl: h.fake.responseUrl() }));
    expect(JSON.stringify(answer.payload)).toMatch(/0 tickets/);
  });
});

describe('Slack inbound hygiene', () => {
  it('a ts of 999999999999.999999 makes a ticket dated now, not in the year 33658', async () => {
    logged = await startLoggedSlack('socket');
    const before = Date.now();
    const ts = '999999999999.999999';
    await logged.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'Where is my refund?', ts })));
    const after = Date.now();
    const ticket = await logged.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
    expect(ticket).not.toBeNull();
    expect(ticket?.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(ticket?.createdAt.getTime()).toBeLessThanOrEqual(after);
    expect((await logged.core.store.tickets.messages(ticket?.id ?? 0))[0]?.createdAt.getTime()).toBeLessThanOrEqual(after);
    expect(logged.lines).toContainEqual(expect.objectContaining({ msg: 'inbound message sanitized', notes: ['timestamp_clamped'] }));
  });

  it('a 20,000-block event is stored as a marked excerpt within 64 KiB, and its text whole', async () => {
    h = await startSlackHarness('socket');
    const ts = h.nextTs();
    const blocks = Array.from({ length: 20_000 }, (_, i) => ({ type: 'section', block_id: `b${i}`, text: { type: 'mrkdwn', text: `Line ${i} of the log` } }));
    const event = { ...messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'Our import fails, full log attached', ts }), blocks };
    await h.deliver(eventCallback(event));
    const ticket = await h.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
    expect((await h.core.store.tickets.messages(ticket?.id ?? 0)).map((m) => m.text)).toEqual(['Our import fails, full log attached']);
    const db = new Database(h.core.config.databasePath, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT raw FROM messages WHERE platform_message_id = ?').get(ts) as { raw: string };
      expect(Buffer.byteLength(row.raw, 'utf8')).toBeLessThanOrEqual(64 * 1024);
      const stored = JSON.parse(row.raw) as { truncated: boolean; originalBytes: number; excerpt: string };
      expect(stored.truncated).toBe(true);
      expect(stored.originalBytes).toBe(Buffer.byteLength(JSON.stringify(event), 'utf8'));
      expect(JSON.stringify(event).startsWith(stored.excerpt)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('a message of zero-width characters is ignored like an empty one, and the next real message is a ticket', async () => {
    h = await startSlackHarness('socket');
    const invisible = h.nextTs();
    await h.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: '\u200b\u200d\u2060\ufeff \u3164\u2800', ts: invisible })));
    const visible = h.nextTs();
    await h.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'Hello?', ts: visible })));
    expect(await h.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: visible })).not.toBeNull();
    expect(await h.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: invisible })).toBeNull();
  });
});

describe('Slack ticket ids parse strictly', () => {
  async function ticketAwaitingReview(harness: SlackHarness): Promise<number> {
    const ts = harness.nextTs();
    await harness.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'How do I export all invoices?', ts })));
    const ticket = await harness.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
    if (!ticket) throw new Error('no ticket');
    await harness.core.workflow.idle();
    await until(() => cardOf(harness.fake, ticket.id), 'review card');
    return ticket.id;
  }

  const ephemeralTo = (fake: FakeSlack, user: string, seen: number) => fake.messages.filter((m) => m.ephemeral && m.user === user).slice(seen);

  it('a button value like 0x1 or 1e0 is no ticket: the reviewer is told so, and ticket 1 is untouched', async () => {
    h = await startSlackHarness('socket');
    const id = await ticketAwaitingReview(h);
    expect(id).toBe(1);
    const card = cardOf(h.fake, id);
    for (const [index, value] of ['0x1', '1e0', ' 1', '01', '1.0'].entries()) {
      await h.interact(blockActions({ actionId: ACTION_IDS.approve, value, user: REVIEWER, channel: REVIEW, messageTs: card?.ts ?? '', responseUrl: h.fake.responseUrl() }));
      const [answer] = await until(() => {
        const found = ephemeralTo(h!.fake, REVIEWER, index);
        return found.length > 0 ? found : null;
      }, `the answer to ${value}`);
      expect(answer?.text).toBe(`Ticket #${value.replace(/^#/, '')} does not exist.`);
    }
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
    expect(h.fake.views).toHaveLength(0);
  });

  it('modal metadata that does not hold a ticket number is refused like a missing ticket', async () => {
    h = await startSlackHarness('socket');
    const id = await ticketAwaitingReview(h);
    for (const [index, metadata] of [JSON.stringify({ ticketId: String(id) }), JSON.stringify({ ticketId: id + 0.5 }), '{"ticketId":1e400}', 'not json'].entries()) {
      await h.interact(
        viewSubmission({
          user: REVIEWER,
          callbackId: CALLBACK_IDS.edit,
          privateMetadata: metadata,
          values: { [INPUT_IDS.editBlock]: { [INPUT_IDS.editAction]: { type: 'plain_text_input', value: 'Sent by mistake?' } } },
        }),
      );
      const [answer] = await until(() => {
        const found = ephemeralTo(h!.fake, REVIEWER, index);
        return found.length > 0 ? found : null;
      }, `the answer to ${metadata}`);
      expect(answer?.text).toMatch(/^Ticket #.* does not exist\.$/);
    }
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
  });

  it('/triage status 0x1 answers like a missing ticket instead of showing ticket 1', async () => {
    h = await startSlackHarness('socket');
    const id = await ticketAwaitingReview(h);
    const ask = (text: string) =>
      h!.fake.sendEnvelope('slash_commands', slashCommand({ command: '/triage', text, user: REVIEWER, channel: REVIEW, responseUrl: h!.fake.responseUrl() }));
    expect(JSON.stringify((await ask(`status #${id}`)).payload)).toContain(`Ticket #${id}`);
    for (const bad of ['0x1', '1e0', '+1', '01', '#0x1']) {
      const answer = JSON.stringify((await ask(`status ${bad}`)).payload);
      expect(answer, bad).toContain(`No ticket #${bad.replace(/^#/, '')}.`);
      expect(answer).not.toContain(`Ticket #${id}*`);
    }
    expect(JSON.stringify((await ask('status')).payload)).toContain('Usage');
  });
});
