/**
 * The weekly report and a budget alert posted through the real Bolt client to
 * the fake Slack: Block Kit in the report channel, the chart uploaded as a
 * PNG with files.uploadV2, ticket links built from auth.test's workspace URL,
 * and one post per week however often the job runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduledJobs } from '../../src/jobs/scheduled-jobs.js';
import { silentLogger } from '../../src/logger.js';
import { weekContaining, previousWeek } from '../../src/periods.js';
import { seedReportActivity } from '../support/report-activity.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

const REPORTS = 'CREPORTS';
let h: SlackHarness;

beforeEach(async () => {
  h = await startSlackHarness('socket', { REPORT_SLACK_CHANNEL: REPORTS, BUDGET_DAILY_USD: '0.01' });
});

afterEach(async () => {
  await h.close();
});

describe('Slack report posting', () => {
  it('posts the report as Block Kit with the chart attached, once', async () => {
    const now = new Date();
    const lastWeek = previousWeek(weekContaining(now, 'UTC'), 'UTC');
    const ticketId = await seedReportActivity(
      h.core.store,
      { platform: 'slack', channelId: 'CSUPPORT', threadId: '1763380000.000100', subject: 'Charged twice <urgent>' },
      new Date(lastWeek.since.getTime() + 36 * 3_600_000),
    );
    // Monday 10:00 after that week: past the default Monday 09:00 schedule.
    const clock = () => new Date(lastWeek.until.getTime() + 10 * 3_600_000);
    const jobs = createScheduledJobs(h.core, [{ publisher: h.adapter, channelId: REPORTS }], silentLogger(), { clock });

    const run = await jobs.reports.runDue();
    expect(run.week?.key).toBe(lastWeek.key);
    expect(run.outcomes).toEqual([{ platform: 'slack', channelId: REPORTS, outcome: 'posted' }]);

    const post = h.fake.messages.find((m) => m.channel === REPORTS);
    const blocks = JSON.stringify(post?.blocks ?? []);
    expect(post?.text).toContain('$0.014');
    expect(blocks).toContain('"type":"header"');
    expect(blocks).toContain(`Weekly spend report`);
    // The top ticket links to its thread: workspace URL from auth.test + archives permalink.
    expect(blocks).toMatch(/<https:\/\/[a-z0-9-]+\.slack\.com\/archives\/CSUPPORT\/p1763380000000100\|Charged twice &lt;urgent&gt;>/);
    expect(blocks).toContain(`#${ticketId}`);

    const chart = h.fake.files.at(-1);
    expect(chart).toMatchObject({ filename: 'spend-chart.png', completed: true, channel_id: REPORTS });
    expect(chart?.data?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    // Running again (a restart, a second tick) posts nothing new.
    expect((await jobs.reports.runDue()).outcomes[0]?.outcome).toBe('already_posted');
    expect(h.fake.messages.filter((m) => m.channel === REPORTS)).toHaveLength(1);
    expect(h.fake.files.filter((file) => file.channel_id === REPORTS)).toHaveLength(1);
  });

  it('posts a budget alert once when the daily cap passes its threshold', async () => {
    await seedReportActivity(h.core.store, { platform: 'slack', channelId: 'CSUPPORT', threadId: '1763380000.000200', subject: 'Costly' }, new Date());
    const jobs = createScheduledJobs(h.core, [{ publisher: h.adapter, channelId: REPORTS }], silentLogger());
    await jobs.alerts.check();
    await jobs.alerts.check();
    const alerts = h.fake.messages.filter((m) => m.channel === REPORTS);
    // $0.0143 of $0.01: past the threshold and past the reserve.
    expect(alerts).toHaveLength(2);
    expect(JSON.stringify(alerts[0]?.blocks)).toMatch(/Daily \$0\.014 of \$0\.01/);
  });
});
