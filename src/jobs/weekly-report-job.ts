/**
 * The weekly report job: when the last complete week's report is due (the
 * first scheduled time after the week ended has passed), build it once,
 * render the chart once, and post it to every destination that has not had
 * it yet. Run at start-up and on schedule; running it again is harmless.
 */
import { Cron } from 'croner';
import type { ReportPublisher } from '../ports/surface.js';
import type { Logger } from '../logger.js';
import { previousWeek, weekContaining, type Period } from '../periods.js';
import { renderSpendChart } from './chart/spend-chart.js';
import { postOnce, type PostOutcome } from './post-once.js';
import { buildWeeklyReport, type ReportSources } from './weekly-report.js';

export interface ReportDestination {
  publisher: ReportPublisher;
  channelId: string;
}

export interface WeeklyReportRun {
  week: Period | null;
  /** Why nothing was posted, when nothing was. */
  skipped?: 'not_due' | 'no_activity' | 'no_destinations';
  outcomes: { platform: string; channelId: string; outcome: PostOutcome }[];
}

export class WeeklyReportJob {
  private readonly cron: Cron;
  private readonly clock: () => Date;

  constructor(
    private readonly sources: ReportSources,
    private readonly options: { cron: string; destinations: ReportDestination[]; logger: Logger; clock?: () => Date },
  ) {
    this.cron = new Cron(options.cron, { timezone: sources.timeZone, paused: true });
    this.clock = options.clock ?? sources.clock ?? (() => new Date());
  }

  /** The week whose report is due now, or null while the current schedule has not reached it. */
  dueWeek(now: Date = this.clock()): Period | null {
    const current = weekContaining(now, this.sources.timeZone);
    const dueAt = this.cron.nextRun(new Date(current.since.getTime() - 1));
    return dueAt && dueAt <= now ? previousWeek(current, this.sources.timeZone) : null;
  }

  async runDue(): Promise<WeeklyReportRun> {
    const week = this.dueWeek();
    if (!week) return { week: null, skipped: 'not_due', outcomes: [] };
    if (this.options.destinations.length === 0) return { week, skipped: 'no_destinations', outcomes: [] };
    const report = await buildWeeklyReport({ ...this.sources, clock: this.clock }, week);
    // A week with no tickets and no calls (a fresh install) is not worth a post.
    if (report.totals.calls === 0 && report.tickets.handled === 0) {
      this.options.logger.info({ week: week.key }, 'no activity in the week; no report posted');
      return { week, skipped: 'no_activity', outcomes: [] };
    }
    const chart = renderSpendChart(report.daily);
    const outcomes: WeeklyReportRun['outcomes'] = [];
    for (const { publisher, channelId } of this.options.destinations) {
      const outcome = await postOnce(
        this.sources.store.channelPosts,
        { kind: 'weekly_report', periodKey: week.key, platform: publisher.platform, channelId },
        () => publisher.postReport(channelId, report, chart),
        this.options.logger.child({ job: 'weekly_report' }),
        this.clock,
      );
      outcomes.push({ platform: publisher.platform, channelId, outcome });
    }
    return { week, outcomes };
  }
}
