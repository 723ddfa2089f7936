/**
 * The SLA watcher: every interval, one pass over the tickets whose next SLA
 * alert is due (the store's index, not timers in memory, so deadlines
 * survive restarts), posting each warning and breach once per clock period
 * and destination.
 *
 * Claim, post, then mark, as scheduled posts do (src/jobs/post-once.ts):
 * - the claim (a unique row) is written before posting: two processes, or a
 *   restarted one, never post the same alert twice;
 * - a failed post gives the claim back: the next tick retries it;
 * - a post cut off by a crash leaves its claim in `posting`. A tick that
 *   finds one older than `interruptedAfterMs` does not post it again (it may
 *   have landed), but settles it as abandoned and logs an error naming the
 *   ticket and clock, so a lost alert is never silent; the card still shows
 *   the overdue time and attainment still counts the breach;
 * - the ticket's warned / breached flag is set only once every destination
 *   has settled, so a crash between posting and marking costs nothing: the
 *   next tick finds the claims posted and only sets the flag.
 */
import { runHere, type RunAlone } from '../queue/run-alone.js';
import { ChannelPostError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { RichText } from '../present/rich-text.js';
import { slaAlertText } from '../present/sla-text.js';
import { dueAlerts, markAlerted, nextAlertAt } from '../sla/sla-clock.js';
import { slaEnabled, type SlaSettings } from '../sla/sla-config.js';
import type { SlaAlert } from '../sla/sla-state.js';
import type { SlaAlertKey, SlaStore } from '../sla/sla-store.js';
import type { Timers } from './cron-scheduler.js';
import type { SlaAlertObserver } from '../ports/ops.js';

export type SlaAlertOutcome =
  | 'posted'
  | 'already_posted'
  /** Claimed by another pass (this process or another) that has not settled yet: left to it. */
  | 'in_flight'
  /** Claimed by a pass that never settled it (a crash): not posted again, logged, settled as abandoned. */
  | 'interrupted'
  | 'failed';

export interface SlaAlertRun extends SlaAlertKey {
  outcome: SlaAlertOutcome;
}

export interface SlaWatcherOptions {
  store: SlaStore;
  /** Posts the alert's text to one destination; the caller renders it and puts the on-call mention first (`slaAlertMessage`). */
  post: (alert: SlaAlert, text: RichText, destination: string) => Promise<void>;
  settings: SlaSettings;
  clock: () => Date;
  logger: Logger;
  /** Each is claimed and retried on its own (`slack:C123`, `discord:456`); default one, `review`. */
  destinations?: readonly string[];
  /** Tickets looked at per pass; the rest wait for the next one. */
  batchSize?: number;
  /** A claim still `posting` after this long was cut off by a crash (posts take seconds). */
  interruptedAfterMs?: number;
  /** A pass waits this long for one post before moving on (the post keeps its claim and may still land). */
  postTimeoutMs?: number;
  timers?: Timers;
  /** Told once per alert this pass settled (metrics count breaches). */
  observer?: SlaAlertObserver;
  /** With replicas: a pass runs on one of them at a time (src/queue/run-alone.ts); the others skip it. */
  runAlone?: RunAlone;
}

export interface SlaWatcher {
  /** One pass; a pass already running is joined, not repeated. */
  tick(): Promise<SlaAlertRun[]>;
  /** A pass now (catching up after a restart), then one every `intervalMs`. */
  start(intervalMs: number): void;
  /** No more passes; waits for the one running. */
  stop(): Promise<void>;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createSlaWatcher(options: SlaWatcherOptions): SlaWatcher {
  const { store, settings, clock } = options;
  const log = options.logger.child({ job: 'sla_watcher' });
  const destinations = options.destinations ?? ['review'];
  const batchSize = options.batchSize ?? 100;
  const interruptedAfterMs = options.interruptedAfterMs ?? 10 * 60_000;
  const postTimeoutMs = options.postTimeoutMs ?? 60_000;
  const timers = options.timers ?? realTimers;
  let running: Promise<SlaAlertRun[]> | null = null;
  let handle: unknown = null;
  let stopped = true;

  async function pass(): Promise<SlaAlertRun[]> {
    if (!slaEnabled(settings)) return [];
    const now = clock();
    const runs: SlaAlertRun[] = [];
    for (const state of await store.due(now, batchSize)) {
      const alerts = dueAlerts(state, settings, now);
      if (alerts.length === 0) {
        // Stored by hand or by an older version: put the index right rather than meet it at every pass.
        log.warn({ ticketId: state.ticketId, nextAlertAt: state.nextAlertAt?.toISOString() ?? null }, 'a ticket was due for an SLA alert but none is; its next alert time is corrected');
        await store.update(state.ticketId, (current) => current && { ...current, nextAlertAt: nextAlertAt(current) });
        continue;
      }
      for (const alert of alerts) {
        let settled = true;
        // Whether this pass did the alerting, rather than finding another pass's posts: counted once, here.
        let ours = true;
        for (const destination of destinations) {
          const outcome = await deliver(alert, destination, now);
          runs.push({ ...keyOf(alert, destination), outcome });
          if (outcome === 'failed' || outcome === 'in_flight') settled = false;
          if (outcome === 'already_posted') ours = false;
        }
        if (settled) {
          await store.update(alert.ticketId, (current) => current && markAlerted(current, alert));
          if (ours) observe(alert);
        }
      }
    }
    return runs;
  }

  async function deliver(alert: SlaAlert, destination: string, now: Date): Promise<SlaAlertOutcome> {
    const key = keyOf(alert, destination);
    if (!await store.claimAlert(key, now)) {
      const claim = await store.findAlert(key);
      if (claim === null) return 'in_flight'; // released by a failed pass a moment ago: the next tick takes it
      if (claim.status !== 'posting') return 'already_posted';
      if (now.getTime() - claim.claimedAt.getTime() < interruptedAfterMs) return 'in_flight';
      await store.settleAlert(key, 'abandoned', now);
      log.error(
        { ...key, claimedAt: claim.claimedAt.toISOString() },
        'an SLA alert was cut off before the platform confirmed it; not posting it again to avoid a duplicate (check the ticket)',
      );
      return 'interrupted';
    }
    const text = slaAlertText(alert, { timeZone: settings.timeZone, businessHours: settings.businessHours !== null, now });
    const posting = Promise.resolve()
      .then(() => options.post(alert, text, destination))
      .then(
      async () => {
        await store.settleAlert(key, 'posted', clock());
        log.info({ ...key, dueAt: alert.dueAt.toISOString() }, 'SLA alert posted');
        return 'posted' as const;
      },
      async (error: unknown) => {
        await store.releaseAlert(key);
        log.error({ err: postError(key, error), ...key }, 'posting an SLA alert failed; it will be retried at the next tick');
        return 'failed' as const;
      },
    );
    // A platform call that hangs must not stop every later alert: the pass moves on, the claim stays
    // `posting` (it may still land, and settles itself when it does) until it is confirmed or abandoned.
    const outcome = await within(posting, postTimeoutMs);
    if (outcome !== 'timed_out') return outcome;
    log.warn({ ...key, timeoutMs: postTimeoutMs }, 'an SLA alert post is slow; left in flight, not posted again');
    return 'in_flight';
  }

  function observe(alert: SlaAlert): void {
    try {
      options.observer?.alertSettled({ kind: alert.kind, clock: alert.clock, urgency: alert.urgency });
    } catch (error) {
      log.warn({ err: error }, 'the SLA alert observer failed');
    }
  }

  function tick(): Promise<SlaAlertRun[]> {
    const alone = options.runAlone ?? runHere;
    running ??= alone('sla-watcher', pass).then((run) => (run.ran ? run.value : [])).finally(() => {
      running = null;
    });
    return running;
  }

  async function loop(intervalMs: number): Promise<void> {
    await tick().catch((error: unknown) => log.error({ err: error }, 'SLA watcher pass failed; it runs again at the next interval'));
    if (!stopped) handle = timers.setTimeout(() => loop(intervalMs), intervalMs);
  }

  return {
    tick,
    start(intervalMs) {
      if (!stopped) return;
      stopped = false;
      if (!slaEnabled(settings)) log.info('no SLA_FIRST_RESPONSE or SLA_RESOLUTION targets: the SLA watcher has nothing to watch');
      void loop(intervalMs);
    },
    async stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
      await running?.catch(() => undefined);
    },
  };
}

/** `work`'s result, or `timed_out` after `ms` (the timer cleared either way, never holding the process open). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | 'timed_out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed_out'>((resolve) => {
    timer = setTimeout(() => resolve('timed_out'), ms).unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function keyOf(alert: SlaAlert, destination: string): SlaAlertKey {
  return { ticketId: alert.ticketId, clock: alert.clock, period: alert.period, kind: alert.kind, destination };
}

/** The failure as the scheduled posts log theirs: a ChannelPostError naming the alert, the platform's error as its cause. */
function postError(key: SlaAlertKey, cause: unknown): ChannelPostError {
  const [platform = key.destination, channelId = 'channel'] = key.destination.split(':');
  return new ChannelPostError({ kind: `sla_${key.kind}`, periodKey: `ticket ${key.ticketId} ${key.clock} #${key.period}`, platform, channelId }, { cause });
}
