/**
 * The weekly report and a budget alert posted through the real discord.js
 * REST client to the fake Discord: one message with the embed and the chart
 * as a multipart attachment that the embed shows, ticket links to the
 * guild's thread, and one post per week however often the job runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduledJobs } from '../../src/jobs/scheduled-jobs.js';
import { silentLogger } from '../../src/logger.js';
import { previousWeek, weekContaining } from '../../src/periods.js';
import { seedReportActivity } from '../support/report-activity.js';
import { startDiscordHarness, SUPPORT, type DiscordHarness } from './harness.js';

const REPORTS = '810000000000000009';
let h: DiscordHarness;

beforeEach(async () => {
  h = await startDiscordHarness({ REPORT_DISCORD_CHANNEL: REPORTS, BUDGET_DAILY_USD: '0.01' }, [
    { id: REPORTS, name: 'support-spend', type: 0, parent_id: '' },
  ]);
});

afterEach(async () => {
  await h.close();
});

describe('Discord report posting', () => {
  it('posts the report as an embed with the chart attached, once', async () => {
    const lastWeek = previousWeek(weekContaining(new Date(), 'UTC'), 'UTC');
    const ticketId = await seedReportActivity(
      h.core.store,
      { platform: 'discord', channelId: SUPPORT, threadId: '1300000000000000042', subject: 'Refund *now*' },
      new Date(lastWeek.since.getTime() + 36 * 3_600_000),
    );
    const clock = () => new Date(lastWeek.until.getTime() + 10 * 3_600_000);
    const jobs = createScheduledJobs(h.core, [{ publisher: h.adapter, channelId: REPORTS }], silentLogger(), { clock });

    const run = await jobs.reports.runDue();
    expect(run.outcomes).toEqual([{ platform: 'discord', channelId: REPORTS, outcome: 'posted' }]);

    const request = await h.fake.waitForRequest('POST', new RegExp(`/channels/${REPORTS}/messages$`));
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request.files).toHaveLength(1);
    expect(request.files[0]).toMatchObject({ name: 'spend-chart.png', contentType: 'image/png' });
    expect(request.files[0]?.data.subarray(1, 4).toString()).toBe('PNG');
    const embed = request.body.embeds[0];
    expect(embed.image).toEqual({ url: 'attachment://spend-chart.png' });
    expect(request.body.attachments).toEqual([expect.objectContaining({ id: 0, filename: 'spend-chart.png' })]);
    expect(request.body.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(request.body);
    expect(text).toContain('$0.014');
    // The top ticket links into the guild's thread; its markdown is escaped.
    expect(text).toContain(`https://discord.com/channels/800000000000000001/1300000000000000042`);
    expect(text).toContain('Refund \\\\*now\\\\*');
    expect(text).toContain(`#${ticketId}`);
    expect(h.fake.messages.filter((m) => m.channel_id === REPORTS)).toHaveLength(1);

    expect((await jobs.reports.runDue()).outcomes[0]?.outcome).toBe('already_posted');
    expect(h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${REPORTS}/messages`)).toHaveLength(1);
  });

  it('posts a budget alert once when the daily cap passes its threshold', async () => {
    await seedReportActivity(h.core.store, { platform: 'discord', channelId: SUPPORT, threadId: '1300000000000000043', subject: 'Costly' }, new Date());
    const jobs = createScheduledJobs(h.core, [{ publisher: h.adapter, channelId: REPORTS }], silentLogger());
    await jobs.alerts.check();
    await jobs.alerts.check();
    const posts = h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${REPORTS}/messages`);
    expect(posts).toHaveLength(2);
    expect(JSON.stringify(posts[0]?.body.embeds)).toMatch(/Daily \$0\.014 of \$0\.01/);
  });
});
