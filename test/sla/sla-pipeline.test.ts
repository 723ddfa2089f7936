/**
 * SLA clocks move with the ticket through the real pipeline and store: a
 * ticket opened starts them, triage sets the deadlines, an approved or
 * approved reply stops them, the customer writing again restarts the
 * first-response clock, a rejection stops the resolution clock; and the
 * scheduled jobs' watcher posts a due warning once to the review channel,
 * mentioning the on-call group.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { todayText } from '../../src/desk/desk-texts.js';
import { createScheduledJobs } from '../../src/jobs/scheduled-jobs.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { weekContaining } from '../../src/periods.js';
import { weeklyReportText } from '../../src/present/report-text.js';
import { silentLogger } from '../../src/logger.js';
import type { Mention, Posted, Surface } from '../../src/ports/surface.js';
import { PLAIN_DIALECT, renderRichText, type RichText } from '../../src/present/rich-text.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('triage-sla-pipeline');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

let now = new Date('2026-11-24T10:00:00.000Z');
const MIN = 60_000;

function start(name: string, channel: RecordingChannel): Core {
  const config = loadConfig({
    DATABASE_PATH: dir.file(`${name}.db`),
    MODEL_PROVIDER: 'offline',
    AUTO_SEND: 'true',
    SLA_FIRST_RESPONSE: 'urgent=15m,high=1h,normal=4h,low=1d',
    SLA_RESOLUTION: 'urgent=4h,high=1d,normal=3d,low=5d',
    SLA_ONCALL_SLACK: 'S0ONCALL',
  });
  const core = createCore(config, silentLogger(), { channels: () => channel, clock: () => now });
  cores.push(core);
  return core;
}

async function receive(core: Core, text: string, thread: string, at = now) {
  return await core.workflow.receive({ thread: { platform: 'console', channelId: 'C1', threadId: thread }, messageId: `${thread}-${at.getTime()}`, customer: { id: 'cust' }, text, receivedAt: at });
}

describe('SLA clocks through the pipeline', () => {
  it('start at intake, get deadlines at triage, stop when a reply is sent and restart when the customer writes again', async () => {
    const core = start('approved', new RecordingChannel());
    const { ticket } = await receive(core, 'How do I change the colour of my dashboard charts?', 't-how-to');
    await core.workflow.idle();
    // Offline drafts are not confident enough to leave alone: a reviewer approves one five minutes in.
    expect((await core.store.tickets.get(ticket.id))?.status).toBe('awaiting_review');
    const opened = now;
    now = new Date(now.getTime() + 5 * MIN);
    expect((await core.workflow.review({ ticketId: ticket.id, reviewerId: 'console-reviewer', action: 'approve' })).ok).toBe(true);
    expect((await core.store.tickets.get(ticket.id))?.status).toBe('sent');
    const answered = await core.store.sla.find(ticket.id);
    expect(answered).toMatchObject({ urgency: 'normal', responsesMet: 1, responsesBreached: 0, nextAlertAt: null });
    expect(answered?.firstResponseDueAt?.getTime()).toBe(opened.getTime() + 240 * MIN);
    expect(answered?.firstRespondedAt?.getTime()).toBe(now.getTime());
    expect(answered?.resolvedAt).not.toBeNull();

    // The customer writes again an hour later: a new period awaits a reply, the resolution clock resumes.
    now = new Date(now.getTime() + 60 * MIN);
    await receive(core, 'Thanks, and can I export them as SVG too?', 't-how-to');
    const again = await core.store.sla.find(ticket.id);
    expect(again).toMatchObject({ responsePeriod: 2, firstRespondedAt: null, resolvedAt: null });
    expect(again?.responseStartedAt.getTime()).toBe(now.getTime());
    await core.workflow.idle();
  });

  it('keeps an urgent ticket awaiting review on its 15-minute clock, and a rejection stops the resolution clock', async () => {
    now = new Date('2026-11-24T10:00:00.000Z');
    const core = start('urgent', new RecordingChannel());
    const { ticket } = await receive(core, 'the whole dashboard is down for everyone, error 502 since 9am', 't-down');
    await core.workflow.idle();
    expect((await core.store.tickets.get(ticket.id))?.status).toBe('awaiting_review');
    const waiting = await core.store.sla.find(ticket.id);
    expect(waiting?.urgency).toBe('urgent');
    expect(waiting?.firstResponseDueAt?.getTime()).toBe(now.getTime() + 15 * MIN);
    // The warning at 75% of 15 minutes is the next thing the watcher must do.
    expect(waiting?.nextAlertAt?.getTime()).toBe(now.getTime() + 11.25 * MIN);

    const result = await core.workflow.review({ ticketId: ticket.id, reviewerId: 'console-reviewer', action: 'reject', reason: 'duplicate of #1' });
    expect(result.ok).toBe(true);
    expect((await core.store.sla.find(ticket.id))?.resolvedAt).not.toBeNull();
  });

  it('has the scheduled watcher post a due warning once to the review channel, mentioning the on-call group', async () => {
    now = new Date('2026-11-24T10:00:00.000Z');
    const core = start('watcher', new RecordingChannel());
    const notices: { channelId: string; text: string; mention: Mention | null }[] = [];
    const surface: Pick<Surface, 'platform' | 'cardChannel' | 'postNotice'> = {
      platform: 'slack',
      cardChannel: 'CREVIEW',
      async postNotice(channelId: string, text: RichText, mention: Mention | null): Promise<Posted> {
        notices.push({ channelId, text: renderRichText(text, PLAIN_DIALECT), mention });
        return { messageId: `notice-${notices.length}` };
      },
    };
    const jobs = createScheduledJobs(core, [], silentLogger(), { clock: () => now, surfaces: [surface as Surface] });
    const { ticket } = await receive(core, 'nobody in our company can log in, the whole platform shows 503', 't-watch');
    await core.workflow.idle();

    expect(await jobs.sla?.tick()).toEqual([]);
    now = new Date(now.getTime() + 12 * MIN);
    const runs = await jobs.sla?.tick();
    expect(runs?.map((run) => `${run.clock} ${run.kind} ${run.outcome}`)).toEqual(['first_response warning posted']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channelId: 'CREVIEW', mention: { users: [], groups: ['S0ONCALL'] } });
    expect(notices[0]?.text).toContain(`ticket #${ticket.id}`);
    expect(notices[0]?.text).toContain('first reply due in 3 min');
    // Once: the next pass posts nothing.
    expect(await jobs.sla?.tick()).toEqual([]);
    await jobs.stop();

    // The week's report and /triage today give attainment per urgency from the same clocks.
    const week = weekContaining(now, 'UTC');
    const report = await buildWeeklyReport({ store: core.store, tiers: core.tiers, budget: null, timeZone: 'UTC', clock: () => now, sla: core.config.sla }, week);
    expect(report.sla).toEqual([
      expect.objectContaining({ urgency: 'urgent', tickets: 1, firstResponse: { met: 0, breached: 0, openOnTime: 1 } }),
    ]);
    expect(weeklyReportText(report)).toContain('urgent: first reply 0 met, 0 breached, 1 on time so far; no reply yet');
    const today = renderRichText(todayText({ since: week.since, timeZone: 'UTC', tickets: 1, byUrgency: {}, byStatus: {}, costUsd: 0, budget: null, sla: report.sla ?? null }), PLAIN_DIALECT);
    expect(today).toContain('SLA');
    expect(today).toContain('urgent: first reply 0 met');
  });
});
