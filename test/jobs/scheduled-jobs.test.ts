/**
 * The weekly report's schedule with an injectable clock and timers: it fires
 * once per week, catches up after downtime, and never posts a week twice —
 * not on a second run, not across a restart, not after a crash mid-post.
 * The publisher here is a recording stand-in for a platform adapter (our own
 * interface, not an SDK); posting through the real SDKs is tested in
 * test/slack and test/discord.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportPublisher } from '../../src/ports/surface.js';
import { loadConfig, type Environment } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import type { BudgetAlert, ModelAlert, WeeklyReport } from '../../src/domain/index.js';
import { createScheduledJobs, type ScheduledJobs } from '../../src/jobs/scheduled-jobs.js';
import type { Timers } from '../../src/jobs/cron-scheduler.js';
import { silentLogger } from '../../src/logger.js';
import { tempDir } from '../support/temp-dir.js';

class RecordingPublisher implements ReportPublisher {
  readonly platform = 'slack' as const;
  readonly reports: { channelId: string; report: WeeklyReport; chart: Uint8Array }[] = [];
  readonly alerts: { channelId: string; alert: BudgetAlert }[] = [];
  failNext = 0;

  async postReport(channelId: string, report: WeeklyReport, chart: Uint8Array): Promise<{ messageId: string }> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('platform unavailable');
    }
    this.reports.push({ channelId, report, chart });
    return { messageId: `m${this.reports.length}` };
  }

  async postBudgetAlert(channelId: string, alert: BudgetAlert): Promise<{ messageId: string }> {
    this.alerts.push({ channelId, alert });
    return { messageId: `a${this.alerts.length}` };
  }

  readonly modelAlerts: { channelId: string; alert: ModelAlert }[] = [];

  async postModelAlert(channelId: string, alert: ModelAlert): Promise<{ messageId: string }> {
    this.modelAlerts.push({ channelId, alert });
    return { messageId: `o${this.modelAlerts.length}` };
  }
}

/** Timers that only fire when the test says so, after moving the clock to their due time. */
class ManualTimers implements Timers {
  pending: { run: () => unknown; due: number } | null = null;
  constructor(private readonly clock: { now: Date }) {}

  setTimeout(run: () => unknown, ms: number): unknown {
    this.pending = { run, due: this.clock.now.getTime() + ms };
    return this.pending;
  }

  clearTimeout(handle: unknown): void {
    if (this.pending === handle) this.pending = null;
  }

  /** Moves the clock to the pending timer and runs it; returns the time it fired at. */
  async fire(): Promise<Date> {
    const timer = this.pending;
    if (!timer) throw new Error('no timer pending');
    this.pending = null;
    this.clock.now = new Date(timer.due);
    // The run the timer started, awaited: nothing is asserted before the job has finished.
    await timer.run();
    return this.clock.now;
  }
}

let dir: ReturnType<typeof tempDir>;
const time = { now: new Date('2026-11-18T10:00:00Z') };
const clock = () => time.now;
let running: { core: Core; jobs: ScheduledJobs }[] = [];

beforeEach(() => {
  dir = tempDir('scheduled-jobs');
  running = [];
});

afterEach(async () => {
  for (const { core, jobs } of running) {
    await jobs.stop();
    core.close();
  }
  dir.cleanup();
});

function boot(publisher: RecordingPublisher, env: Environment = {}) {
  const config = loadConfig({ MODEL_PROVIDER: 'offline', DATABASE_PATH: dir.file('triage.db'), LOG_LEVEL: 'silent', ...env });
  const core = createCore(config, silentLogger(), { clock });
  const timers = new ManualTimers(time);
  const jobs = createScheduledJobs(core, [{ publisher, channelId: 'CREPORTS' }], silentLogger(), { clock, timers });
  running.push({ core, jobs });
  return { core, jobs, timers };
}

/** One ticket and one billed call at `at`, so the week has something to report. */
async function activity(core: Core, at: string): Promise<void> {
  const { ticket } = await core.store.tickets.intake({
    thread: { platform: 'slack', channelId: 'C1', threadId: at },
    messageId: at,
    customer: { id: 'U1' },
    text: 'Where is my order?',
    receivedAt: new Date(at),
  });
  await core.store.modelCalls.record({
    ticketId: ticket.id,
    stage: 'classify',
    tier: 'nano',
    provider: 'openai',
    model: 'gpt-5.4-nano',
    requestId: null,
    promptName: 'classify',
    promptVersion: 'classify@test',
    usage: { input: 1_000, cachedInput: 0, output: 100, reasoning: 0 },
    costNanos: 325_000,
    estimatedCostNanos: null,
    priceVersion: 'test',
    latencyMs: 5,
    outcome: 'ok',
    errorMessage: null,
    rawUsage: null,
    createdAt: new Date(at),
  });
}

describe('weekly report schedule', () => {
  it('catches up at start, then fires once per week at the scheduled time', async () => {
    const publisher = new RecordingPublisher();
    time.now = new Date('2026-11-18T10:00:00Z'); // Wednesday: last Monday 09:00 has passed
    const { core, jobs, timers } = boot(publisher);
    await activity(core, '2026-11-10T12:00:00Z');
    await activity(core, '2026-11-17T12:00:00Z');
    await activity(core, '2026-11-24T12:00:00Z');

    await jobs.start();
    expect(publisher.reports.map((post) => post.report.week.start)).toEqual(['2026-11-09']);
    expect(publisher.reports[0]?.chart.subarray(1, 4).toString()).toBe('PNG');

    expect(await timers.fire()).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(publisher.reports.map((post) => post.report.week.start)).toEqual(['2026-11-09', '2026-11-16']);

    expect(await timers.fire()).toEqual(new Date('2026-11-30T09:00:00Z'));
    expect(publisher.reports.map((post) => post.report.week.start)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(await core.store.channelPosts.find({ kind: 'weekly_report', periodKey: '2026-11-23', platform: 'slack', channelId: 'CREPORTS' })).toMatchObject({
      status: 'posted',
      messageId: 'm3',
    });
  });

  it('posts once per week even when the cron fires daily', async () => {
    const publisher = new RecordingPublisher();
    time.now = new Date('2026-11-23T08:00:00Z'); // Monday before the report time
    const { core, jobs, timers } = boot(publisher, { REPORT_CRON: '0 9 * * *' });
    await activity(core, '2026-11-17T12:00:00Z');
    await jobs.start();
    expect(publisher.reports).toEqual([]);
    for (let day = 0; day < 6; day++) await timers.fire();
    expect(time.now).toEqual(new Date('2026-11-28T09:00:00Z'));
    expect(publisher.reports.map((post) => post.report.week.start)).toEqual(['2026-11-16']);
  });

  it('uses the report time zone for both the week and the time of day', async () => {
    const publisher = new RecordingPublisher();
    time.now = new Date('2026-11-23T07:30:00Z'); // 08:30 in Berlin: not yet 09:00
    const { core, jobs, timers } = boot(publisher, { REPORT_TIMEZONE: 'Europe/Berlin' });
    await activity(core, '2026-11-22T23:30:00Z'); // 00:30 Monday in Berlin: the new week
    await activity(core, '2026-11-18T12:00:00Z');
    await jobs.start();
    expect(publisher.reports).toEqual([]);
    expect(await timers.fire()).toEqual(new Date('2026-11-23T08:00:00Z'));
    const report = publisher.reports[0]?.report;
    expect(report?.week).toMatchObject({ start: '2026-11-16', timeZone: 'Europe/Berlin' });
    expect(report?.totals.calls).toBe(1);
  });

  it('catches up after downtime across the scheduled time, and never double-posts across a restart', async () => {
    const publisher = new RecordingPublisher();
    time.now = new Date('2026-11-23T08:59:00Z');
    const first = boot(publisher);
    await activity(first.core, '2026-11-17T12:00:00Z');
    await first.jobs.start();
    expect(publisher.reports).toEqual([]);
    // The bot goes down before 09:00 and comes back on Wednesday.
    await first.jobs.stop();
    first.core.close();
    running = [];

    time.now = new Date('2026-11-25T14:00:00Z');
    const second = boot(publisher);
    await second.jobs.start();
    expect(publisher.reports.map((post) => post.report.week.start)).toEqual(['2026-11-16']);
    await second.jobs.stop();
    second.core.close();
    running = [];

    // Another restart the same week: the store remembers the post.
    const third = boot(publisher);
    await third.jobs.start();
    expect((await third.jobs.reports.runDue()).outcomes).toEqual([{ platform: 'slack', channelId: 'CREPORTS', outcome: 'already_posted' }]);
    expect(publisher.reports).toHaveLength(1);
  });

  it('retries a failed post at the next run, and does not repost after a crash mid-post', async () => {
    const publisher = new RecordingPublisher();
    time.now = new Date('2026-11-25T14:00:00Z');
    const { core, jobs } = boot(publisher);
    await activity(core, '2026-11-17T12:00:00Z');
    publisher.failNext = 1;
    await jobs.start();
    expect(publisher.reports).toEqual([]);
    expect(await core.store.channelPosts.find({ kind: 'weekly_report', periodKey: '2026-11-16', platform: 'slack', channelId: 'CREPORTS' })).toBeNull();
    expect((await jobs.reports.runDue()).outcomes[0]?.outcome).toBe('posted');
    expect(publisher.reports).toHaveLength(1);

    // A claim left behind by a process that died while posting (the post may have gone out).
    await activity(core, '2026-11-24T12:00:00Z');
    await core.store.channelPosts.claim({ kind: 'weekly_report', periodKey: '2026-11-23', platform: 'slack', channelId: 'CREPORTS' });
    time.now = new Date('2026-12-01T10:00:00Z');
    expect((await jobs.reports.runDue()).outcomes[0]?.outcome).toBe('interrupted_before');
    expect(publisher.reports).toHaveLength(1);
  });

  it('does not post an empty week (a fresh install)', async () => {
    const publisher = new RecordingPublisher();
    time.now = new Date('2026-11-25T14:00:00Z');
    const { jobs } = boot(publisher);
    await jobs.start();
    expect((await jobs.reports.runDue()).skipped).toBe('no_activity');
    expect(publisher.reports).toEqual([]);
  });
});

describe('budget alerts', () => {
  it('posts the threshold alert and the reserve alert once per period, even across a restart', async () => {
    const publisher = new RecordingPublisher();
    time.now = new Date('2026-11-25T14:00:00Z');
    const env = { BUDGET_DAILY_USD: '0.001', BUDGET_ALERT_PERCENT: '50', BUDGET_URGENT_RESERVE_PERCENT: '10' };
    const first = boot(publisher, env);
    await first.jobs.alerts.check();
    expect(publisher.alerts).toEqual([]);

    await activity(first.core, '2026-11-25T13:00:00Z'); // $0.000325: 32.5%
    await first.jobs.alerts.check();
    expect(publisher.alerts).toEqual([]);
    await activity(first.core, '2026-11-25T13:10:00Z'); // 65%: past the 50% threshold
    await Promise.all([first.jobs.alerts.check(), first.jobs.alerts.check()]);
    expect(publisher.alerts.map((post) => [post.alert.kind, post.alert.cap.periodKey, post.alert.level])).toEqual([['threshold', '2026-11-25', 'economy']]);

    await activity(first.core, '2026-11-25T13:20:00Z'); // 97.5%: only the reserve is left
    await first.jobs.alerts.check();
    expect(publisher.alerts.map((post) => post.alert.kind)).toEqual(['threshold', 'exhausted']);

    await first.jobs.stop();
    first.core.close();
    running = [];
    const second = boot(publisher, env);
    await second.jobs.start();
    expect(publisher.alerts).toHaveLength(2);

    // The next day is a new period.
    time.now = new Date('2026-11-26T10:00:00Z');
    await activity(second.core, '2026-11-26T09:00:00Z');
    await activity(second.core, '2026-11-26T09:10:00Z');
    await second.jobs.alerts.check();
    expect(publisher.alerts.map((post) => post.alert.cap.periodKey)).toEqual(['2026-11-25', '2026-11-25', '2026-11-26']);
  });
});
