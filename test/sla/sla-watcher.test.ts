/**
 * The SLA watcher with an injectable clock, over the store port: warns once,
 * breaches once, survives a restart, respects business hours, stops when
 * answered, retries a failed post without double-posting, and never posts
 * again an alert a crash cut off. Run against every SlaStore implementation.
 */
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Urgency } from '../../src/domain/index.js';
import { createSlaWatcher, type SlaWatcherOptions } from '../../src/jobs/sla-watcher.js';
import { createLogger } from '../../src/logger.js';
import { PLAIN_DIALECT, renderRichText } from '../../src/present/rich-text.js';
import { applySlaEvent } from '../../src/sla/sla-clock.js';
import { SLA_OFF, type SlaSettings } from '../../src/sla/sla-config.js';
import { parseBusinessHours } from '../../src/sla/sla-parse.js';
import type { SlaAlert, SlaEvent } from '../../src/sla/sla-state.js';
import type { SlaStore } from '../../src/sla/sla-store.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';
import { MemorySlaStore } from './memory-sla-store.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const hours = parseBusinessHours('mon-fri 09:00-18:00');
const SETTINGS: SlaSettings = {
  ...SLA_OFF,
  firstResponse: { urgent: 15 * MIN },
  resolution: { urgent: 4 * HOUR },
  businessHours: hours.ok ? hours.value : null,
  timeZone: 'Europe/Berlin',
};

/** Local Berlin times in late November 2026 (UTC+1): Tuesday the 24th, Friday the 27th, Monday the 30th. */
const berlin = (day: 'tue' | 'fri' | 'sat' | 'mon', time: string): Date => {
  const date = { tue: '2026-11-24', fri: '2026-11-27', sat: '2026-11-28', mon: '2026-11-30' }[day];
  return new Date(`${date}T${time}:00+01:00`);
};

const dir = tempDir('triage-sla-watcher');
afterAll(() => dir.cleanup());
let opened = 0;

/** A fresh SQLite store with tickets 1–10 to hang clocks on (the SLA rows reference them). */
async function sqliteSlaStore(): Promise<SlaStore> {
  const store = openSqliteStore(dir.file(`sla-${++opened}.db`));
  afterAll(() => store.close());
  for (let n = 1; n <= 10; n++) {
    await store.tickets.intake({
      thread: { platform: 'slack', channelId: 'C1', threadId: `1700000000.${n}` },
      messageId: `1700000000.${n}`,
      customer: { id: 'U1', name: 'Ada' },
      text: 'the dashboard is down for everyone',
      receivedAt: new Date('2026-11-24T09:00:00.000Z'),
      raw: {},
    });
  }
  return store.sla;
}

const STORES: [string, () => SlaStore | Promise<SlaStore>][] = [
  ['memory', () => new MemorySlaStore()],
  ['SQLite', sqliteSlaStore],
];

describe.each(STORES)('SLA watcher over the %s store', (_name, makeStore) => {
  async function harness(given?: SlaStore, options: Partial<SlaWatcherOptions> = {}) {
    const store = given ?? (await makeStore());
    let now = berlin('tue', '10:00');
    const posted: { alert: SlaAlert; text: string; destination: string }[] = [];
    const logs: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    const make = (overrides: Partial<SlaWatcherOptions> = {}) =>
      createSlaWatcher({
        store,
        settings: SETTINGS,
        clock: () => now,
        logger,
        post: async (alert, text, where) => {
          posted.push({ alert, text: renderRichText(text, PLAIN_DIALECT), destination: where });
        },
        ...options,
        ...overrides,
      });
    return {
      store,
      posted,
      logs,
      make,
      watcher: make(),
      setNow: (at: Date) => (now = at),
      event: async (ticketId: number, event: SlaEvent, at: Date = now) => await store.update(ticketId, (state) => applySlaEvent(state, event, SETTINGS, at)),
      open: async (ticketId: number, at: Date, urgency: Urgency = 'urgent') => await store.update(ticketId, (state) => applySlaEvent(state, { kind: 'opened', ticketId, urgency }, SETTINGS, at)),
      sent: () => posted.map(({ alert }) => `#${alert.ticketId} ${alert.clock} ${alert.kind}`),
    };
  }

  it('warns once, breaches once; a second tick posts nothing', async () => {
    const h = await harness();
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:05'));
    expect(await h.watcher.tick()).toEqual([]);
    h.setNow(berlin('tue', '10:12'));
    expect((await h.watcher.tick()).map((run) => run.outcome)).toEqual(['posted']);
    expect(await h.watcher.tick()).toEqual([]);
    h.setNow(berlin('tue', '10:16'));
    await h.watcher.tick();
    await h.watcher.tick();
    expect(h.sent()).toEqual(['#1 first_response warning', '#1 first_response breach']);
    expect(h.posted[1]?.text).toBe('SLA breach: ticket #1 urgent, first reply 1 min overdue\nTarget 15 min of business time; due 10:15 (Europe/Berlin).');
    expect(await h.store.find(1)).toMatchObject({ warnedFirst: true, breachedFirst: true });
  });

  it('tells its observer each alert once, when settled, and not again after a restart (the metrics count breaches)', async () => {
    const h = await harness();
    const observed: string[] = [];
    const observer = { alertSettled: (alert: { kind: string; clock: string; urgency: string }) => void observed.push(`${alert.clock} ${alert.kind} ${alert.urgency}`) };
    const watcher = h.make({ observer });
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:12'));
    await watcher.tick();
    h.setNow(berlin('tue', '10:16'));
    await watcher.tick();
    await watcher.tick();
    expect(observed).toEqual(['first_response warning urgent', 'first_response breach urgent']);
    await watcher.stop();
    expect(await h.make({ observer }).tick()).toEqual([]);
    expect(observed).toHaveLength(2);
  });

  it('a restarted watcher (a new instance over the same store) posts nothing again', async () => {
    const h = await harness();
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:20'));
    await h.watcher.tick();
    expect(h.sent()).toEqual(['#1 first_response breach']);
    await h.watcher.stop();
    const restarted = h.make();
    expect(await restarted.tick()).toEqual([]);
    expect(h.sent()).toEqual(['#1 first_response breach']);
  });

  it('respects business hours: opened Friday 17:55 with 15 min is not breached Friday 18:30 nor Saturday', async () => {
    const h = await harness();
    await h.open(1, berlin('fri', '17:55'));
    for (const at of [berlin('fri', '18:30'), berlin('sat', '12:00'), berlin('mon', '09:05')]) {
      h.setNow(at);
      expect(await h.watcher.tick()).toEqual([]);
    }
    h.setNow(berlin('mon', '09:07'));
    await h.watcher.tick();
    h.setNow(berlin('mon', '09:11'));
    await h.watcher.tick();
    expect(h.sent()).toEqual(['#1 first_response warning', '#1 first_response breach']);
  });

  it('stops when answered; the resolution clock still warns', async () => {
    const h = await harness();
    await h.open(1, berlin('tue', '10:00'));
    await h.event(1, { kind: 'reply_sent' }, berlin('tue', '10:05'));
    h.setNow(berlin('tue', '10:30'));
    expect(await h.watcher.tick()).toEqual([]);
    h.setNow(berlin('tue', '13:00'));
    await h.watcher.tick();
    expect(h.sent()).toEqual(['#1 resolution warning']);
    await h.event(1, { kind: 'resolved' }, berlin('tue', '13:30'));
    h.setNow(berlin('tue', '15:00'));
    expect(await h.watcher.tick()).toEqual([]);
  });

  it('a restarted first-response clock warns and breaches afresh', async () => {
    const h = await harness();
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:20'));
    await h.watcher.tick();
    await h.event(1, { kind: 'reply_sent' }, berlin('tue', '10:25'));
    await h.event(1, { kind: 'customer_message' }, berlin('tue', '11:00'));
    h.setNow(berlin('tue', '11:20'));
    const runs = await h.watcher.tick();
    expect(runs.map((run) => [run.kind, run.period])).toEqual([['breach', 2]]);
    expect(h.sent()).toEqual(['#1 first_response breach', '#1 first_response breach']);
  });

  it('a failed post is retried at the next tick, and posted once', async () => {
    let failures = 1;
    const delivered: string[] = [];
    const h = await harness(await makeStore(), {
      post: async (alert) => {
        if (failures-- > 0) throw new Error('slack is down');
        delivered.push(`#${alert.ticketId} ${alert.kind}`);
      },
    });
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:20'));
    expect((await h.watcher.tick()).map((run) => run.outcome)).toEqual(['failed']);
    expect((await h.store.find(1))?.breachedFirst).toBe(false);
    const failure = h.logs.find((line) => line.msg === 'posting an SLA alert failed; it will be retried at the next tick');
    expect(failure?.err).toMatchObject({ code: 'CHANNEL_POST_FAILED', message: 'the sla_breach for ticket 1 first_response #1 could not be posted to review channel' });
    expect(JSON.stringify(failure?.err)).toContain('slack is down');
    expect((await h.watcher.tick()).map((run) => run.outcome)).toEqual(['posted']);
    expect(await h.watcher.tick()).toEqual([]);
    expect(delivered).toEqual(['#1 breach']);
  });

  it('claims each destination on its own: only the one that failed is posted again', async () => {
    let slackDown = true;
    const delivered: string[] = [];
    const h = await harness(await makeStore(), {
      destinations: ['slack:C0REVIEW', 'discord:810000000000000001'],
      post: async (_alert, _text, where) => {
        if (where.startsWith('slack') && slackDown) throw new Error('slack is down');
        delivered.push(where);
      },
    });
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:20'));
    expect((await h.watcher.tick()).map((run) => `${run.destination} ${run.outcome}`)).toEqual(['slack:C0REVIEW failed', 'discord:810000000000000001 posted']);
    slackDown = false;
    expect((await h.watcher.tick()).map((run) => `${run.destination} ${run.outcome}`)).toEqual(['slack:C0REVIEW posted', 'discord:810000000000000001 already_posted']);
    expect(await h.watcher.tick()).toEqual([]);
    expect(delivered).toEqual(['discord:810000000000000001', 'slack:C0REVIEW']);
  });

  it('an alert a crash cut off mid-post is never posted again, and is logged, not dropped silently', async () => {
    const h = await harness();
    let called = false;
    // The first process hangs in the platform call, then "dies": its claim stays in `posting`.
    const dying = h.make({
      post: () => {
        called = true;
        return new Promise<void>(() => undefined);
      },
    });
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:20'));
    void dying.tick();
    await until(() => called, 'the first process to start posting');

    const restarted = h.make();
    h.setNow(berlin('tue', '10:21'));
    expect((await restarted.tick()).map((run) => run.outcome)).toEqual(['in_flight']);
    h.setNow(berlin('tue', '10:40'));
    expect((await restarted.tick()).map((run) => run.outcome)).toEqual(['interrupted']);
    expect(h.logs.some((line) => line.level === 50 && String(line.msg).startsWith('an SLA alert was cut off'))).toBe(true);
    expect(await restarted.tick()).toEqual([]);
    expect(h.posted).toEqual([]);
    expect(await h.store.find(1)).toMatchObject({ breachedFirst: true });
  });

  it('a slow post does not hold up the pass: left in flight, it settles itself when it lands and is never posted twice', async () => {
    let land: () => void = () => undefined;
    let calls = 0;
    const h = await harness(await makeStore(), {
      postTimeoutMs: 20,
      post: () => {
        calls += 1;
        return new Promise<void>((resolve) => (land = resolve));
      },
    });
    await h.open(1, berlin('tue', '10:00'));
    await h.open(2, berlin('tue', '10:01'));
    h.setNow(berlin('tue', '10:20'));
    expect((await h.watcher.tick()).map((run) => `#${run.ticketId} ${run.outcome}`)).toEqual(['#1 in_flight', '#2 in_flight']);
    expect(await h.watcher.tick()).toEqual([
      expect.objectContaining({ ticketId: 1, outcome: 'in_flight' }),
      expect.objectContaining({ ticketId: 2, outcome: 'in_flight' }),
    ]);
    land();
    await until(async () => (await h.store.findAlert({ ticketId: 2, clock: 'first_response', period: 1, kind: 'breach', destination: 'review' }))?.status === 'posted', 'the slow post to land');
    // The landed one is found posted and marked; the other is still in flight (the last post made is the one that landed).
    expect((await h.watcher.tick()).map((run) => `#${run.ticketId} ${run.outcome}`)).toEqual(['#1 in_flight', '#2 already_posted']);
    expect((await h.store.find(2))?.breachedFirst).toBe(true);
    expect((await h.watcher.tick()).map((run) => `#${run.ticketId} ${run.outcome}`)).toEqual(['#1 in_flight']);
    expect(calls).toBe(2);
  });

  it('start runs a pass at once and then on its timer; stop ends it', async () => {
    const scheduled: (() => unknown)[] = [];
    const h = await harness(await makeStore(), { timers: { setTimeout: (run) => scheduled.push(run), clearTimeout: () => undefined } });
    await h.open(1, berlin('tue', '10:00'));
    h.setNow(berlin('tue', '10:12'));
    h.watcher.start(30_000);
    await until(() => scheduled.length === 1, 'the first pass to schedule the next');
    expect(h.sent()).toEqual(['#1 first_response warning']);
    h.setNow(berlin('tue', '10:16'));
    await scheduled[0]?.();
    expect(h.sent()).toEqual(['#1 first_response warning', '#1 first_response breach']);
    await h.watcher.stop();
    expect(scheduled).toHaveLength(2);
  });

  it('does nothing with SLAs off', async () => {
    const h = await harness(await makeStore(), { settings: SLA_OFF });
    await h.store.update(1, (state) => applySlaEvent(state, { kind: 'opened', ticketId: 1, urgency: 'urgent' }, SETTINGS, berlin('tue', '10:00')));
    h.setNow(berlin('tue', '12:00'));
    expect(await h.watcher.tick()).toEqual([]);
  });
});
