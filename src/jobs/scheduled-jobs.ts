/**
 * The jobs a running bot owns: the weekly report on its cron (with a
 * catch-up run at start) and budget alerts after every ticket. Built from
 * the core and the report destinations the composition root picked.
 */
import type { Core } from '../core.js';
import type { Logger } from '../logger.js';
import { BudgetAlertJob } from './budget-alert-job.js';
import { ModelAlertJob } from './model-alert-job.js';
import { CronScheduler, type Timers } from './cron-scheduler.js';
import { WeeklyReportJob, type ReportDestination } from './weekly-report-job.js';

export interface ScheduledJobs {
  reports: WeeklyReportJob;
  alerts: BudgetAlertJob;
  modelAlerts: ModelAlertJob;
  scheduler: CronScheduler;
  /** Catches up a missed report and alert, then keeps the schedule. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createScheduledJobs(
  core: Pick<Core, 'config' | 'store' | 'tiers' | 'budget'> & Partial<Pick<Core, 'health'>>,
  destinations: ReportDestination[],
  logger: Logger,
  options: { clock?: () => Date; timers?: Timers } = {},
): ScheduledJobs {
  const log = logger.child({ component: 'jobs' });
  const clock = options.clock ?? (() => new Date());
  const { config } = core;
  const reports = new WeeklyReportJob(
    { store: core.store, tiers: core.tiers, budget: core.budget, timeZone: config.timeZone, clock },
    { cron: config.reports.cron, destinations, logger: log, clock },
  );
  const alerts = new BudgetAlertJob(core.budget, core.store.channelPosts, { destinations, logger: log, clock });
  const modelAlerts = new ModelAlertJob(core.store.channelPosts, { destinations, logger: log, timeZone: config.timeZone, clock });
  if (core.health) modelAlerts.watch(core.health);
  const scheduler = new CronScheduler({
    cron: config.reports.cron,
    timeZone: config.timeZone,
    clock,
    logger: log,
    ...(options.timers ? { timers: options.timers } : {}),
    run: async () => {
      const run = await reports.runDue();
      const details = { week: run.week?.key ?? null, skipped: run.skipped ?? null, outcomes: run.outcomes };
      // Said at info when a due week met its destinations (posted, already posted, failed); quiet otherwise.
      if (run.outcomes.length > 0) log.info(details, 'weekly report check');
      else log.debug(details, 'weekly report check');
    },
  });
  return {
    reports,
    alerts,
    modelAlerts,
    scheduler,
    async start() {
      if (destinations.length === 0) {
        log.info('no REPORT_SLACK_CHANNEL or REPORT_DISCORD_CHANNEL: weekly reports are printed by `npm run report` only');
      } else {
        log.info({ cron: config.reports.cron, timeZone: config.timeZone, next: scheduler.nextRun()?.toISOString() ?? null }, 'weekly report scheduled');
      }
      await alerts.check();
      await scheduler.start();
    },
    async stop() {
      await scheduler.stop();
    },
  };
}
