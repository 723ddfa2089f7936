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
import { reportSources } from './weekly-reports.js';
import type { Mention, Surface } from '../ports/surface.js';
import type { SlaAlertObserver } from '../ports/ops.js';
import { slaEnabled, type SlaSettings } from '../sla/sla-config.js';
import { createSlaWatcher, type SlaWatcher } from './sla-watcher.js';
import { applyLedgerRetention, type RetentionRun } from './ledger-retention.js';
import { advisoryRunAlone, runHere, type RunAlone } from '../queue/run-alone.js';

/** How often the SLA watcher looks for due warnings and breaches. */
const SLA_WATCH_INTERVAL_MS = 30_000;
/** How often old ledger detail is rolled up and deleted (also once at start). */
const RETENTION_INTERVAL_MS = 6 * 3_600_000;

export interface ScheduledJobs {
  reports: WeeklyReportJob;
  alerts: BudgetAlertJob;
  modelAlerts: ModelAlertJob;
  /** Null when no SLA_* target is set. */
  sla: SlaWatcher | null;
  scheduler: CronScheduler;
  /** Rolls up and deletes ledger detail older than LEDGER_RETENTION_DAYS (null: kept forever, or another replica is at it now). */
  retention(): Promise<RetentionRun | null>;
  /** Catches up a missed report and alert, then keeps the schedule. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createScheduledJobs(
  core: Pick<Core, 'config' | 'store' | 'tiers' | 'budget'> & Partial<Pick<Core, 'health'>>,
  destinations: ReportDestination[],
  logger: Logger,
  options: { clock?: () => Date; timers?: Timers; surfaces?: readonly Surface[]; slaObserver?: SlaAlertObserver; runAlone?: RunAlone } = {},
): ScheduledJobs {
  const log = logger.child({ component: 'jobs' });
  // With replicas on Postgres, each run below happens on one of them at a time; the others skip that turn.
  const alone = options.runAlone ?? (core.store.shared ? advisoryRunAlone(core.store.shared.pool) : runHere);
  const clock = options.clock ?? (() => new Date());
  const { config } = core;
  const reports = new WeeklyReportJob(reportSources({ config, store: core.store, tiers: core.tiers, budget: core.budget, clock }), {
    cron: config.reports.cron,
    destinations,
    logger: log,
    clock,
  });
  const alerts = new BudgetAlertJob(core.budget, core.store.channelPosts, { destinations, logger: log, clock });
  const modelAlerts = new ModelAlertJob(core.store.channelPosts, { destinations, logger: log, timeZone: config.timeZone, clock });
  if (core.health) modelAlerts.watch(core.health);
  const sla = slaWatcher(config.sla, core.store, options.surfaces ?? [], log, clock, options.timers, options.slaObserver, alone);
  const scheduler = new CronScheduler({
    cron: config.reports.cron,
    timeZone: config.timeZone,
    clock,
    logger: log,
    ...(options.timers ? { timers: options.timers } : {}),
    run: async () => {
      const turn = await alone('weekly-report', () => reports.runDue());
      if (!turn.ran) return log.debug('weekly report check skipped: another replica is running it');
      const run = turn.value;
      const details = { week: run.week?.key ?? null, skipped: run.skipped ?? null, outcomes: run.outcomes };
      // Said at info when a due week met its destinations (posted, already posted, failed); quiet otherwise.
      if (run.outcomes.length > 0) log.info(details, 'weekly report check');
      else log.debug(details, 'weekly report check');
    },
  });
  const retention = async () => {
    const turn = await alone('ledger-retention', () => applyLedgerRetention(core.store.spend, { days: config.ledgerRetentionDays, timeZone: config.timeZone, now: clock(), logger: log }));
    return turn.ran ? turn.value : null;
  };
  let retentionTimer: NodeJS.Timeout | null = null;
  // The pass under way, so stop() lets it finish its batch instead of closing the store under it.
  let retaining: Promise<unknown> = Promise.resolve();
  const retain = () => {
    retaining = retaining.then(retention).catch((error: unknown) => log.error({ err: error }, 'ledger retention failed; it runs again later'));
  };
  return {
    reports,
    alerts,
    modelAlerts,
    sla,
    scheduler,
    retention,
    async start() {
      if (destinations.length === 0) {
        log.info('no REPORT_SLACK_CHANNEL or REPORT_DISCORD_CHANNEL: weekly reports are printed by `npm run report` only');
      } else {
        log.info({ cron: config.reports.cron, timeZone: config.timeZone, next: scheduler.nextRun()?.toISOString() ?? null }, 'weekly report scheduled');
      }
      await alerts.check();
      await scheduler.start();
      sla?.start(SLA_WATCH_INTERVAL_MS);
      if (config.ledgerRetentionDays > 0) {
        retain();
        retentionTimer = setInterval(retain, RETENTION_INTERVAL_MS);
        retentionTimer.unref();
      }
    },
    async stop() {
      if (retentionTimer) clearInterval(retentionTimer);
      await retaining;
      await scheduler.stop();
      await sla?.stop();
    },
  };
}

/** SLA alerts go to each surface's review channel, mentioning that platform's on-call people. */
function slaWatcher(
  settings: SlaSettings,
  store: Core['store'],
  surfaces: readonly Surface[],
  log: Logger,
  clock: () => Date,
  timers: Timers | undefined,
  observer: SlaAlertObserver | undefined,
  runAlone: RunAlone,
): SlaWatcher | null {
  if (!slaEnabled(settings)) return null;
  const posting = surfaces.filter((surface) => surface.postNotice);
  const mentions: Record<string, Mention> = {
    slack: settings.oncall.slack,
    discord: { users: settings.oncall.discord.users, groups: settings.oncall.discord.roles },
  };
  return createSlaWatcher({
    store: store.sla,
    settings,
    clock,
    logger: log,
    destinations: posting.map((surface) => `${surface.platform}:${surface.cardChannel}`),
    ...(timers ? { timers } : {}),
    ...(observer ? { observer } : {}),
    runAlone,
    post: async (_alert, text, destination) => {
      const surface = posting.find((candidate) => destination === `${candidate.platform}:${candidate.cardChannel}`);
      if (!surface?.postNotice) throw new Error(`no surface posts to ${destination}`);
      const mention = mentions[surface.platform];
      await surface.postNotice(surface.cardChannel, text, mention && mention.users.length + mention.groups.length > 0 ? mention : null);
    },
  });
}
