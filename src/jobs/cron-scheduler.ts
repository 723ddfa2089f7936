/**
 * Runs a job at each time a cron expression names, in a time zone, and once
 * at start (so work missed while the bot was down is caught up). The clock
 * and timers are injectable: tests move time instead of waiting for it.
 */
import { Cron } from 'croner';
import type { Logger } from '../logger.js';

export interface Timers {
  /** `run` returns the run it started, so test timers can wait for it instead of sleeping. */
  setTimeout(run: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** setTimeout holds at most 2^31−1 ms (~24.8 days); longer waits are taken in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface CronSchedulerOptions {
  cron: string;
  timeZone: string;
  run: () => Promise<void>;
  logger: Logger;
  clock?: () => Date;
  timers?: Timers;
}

export class CronScheduler {
  private readonly cron: Cron;
  private readonly clock: () => Date;
  private readonly timers: Timers;
  private handle: unknown = null;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: CronSchedulerOptions) {
    this.cron = new Cron(options.cron, { timezone: options.timeZone, paused: true });
    this.clock = options.clock ?? (() => new Date());
    this.timers = options.timers ?? realTimers;
  }

  /** The next time the job is due after `from`. */
  nextRun(from: Date = this.clock()): Date | null {
    return this.cron.nextRun(from);
  }

  /** Runs the job once now (catch-up), then on schedule. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.fire();
  }

  /** Stops scheduling and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    await this.running;
  }

  private async fire(): Promise<void> {
    this.running = this.options.run().catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'scheduled job failed; it runs again at the next scheduled time');
    });
    await this.running;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.clock();
    const next = this.cron.nextRun(now);
    if (!next) return;
    const delay = next.getTime() - now.getTime();
    if (delay > MAX_DELAY_MS) {
      this.handle = this.timers.setTimeout(() => this.schedule(), MAX_DELAY_MS);
      return;
    }
    this.handle = this.timers.setTimeout(() => this.fire(), Math.max(0, delay));
  }
}
