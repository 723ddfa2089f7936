/**
 * Stopping in order, on SIGTERM or SIGINT (or the console closing):
 *
 * 1. not ready at once (/readyz answers 503, so a load balancer stops
 *    sending work) and no new ticket is started (a message that still
 *    arrives is stored before its platform's ack, as ever, and left for
 *    whoever takes over);
 * 2. the scheduled jobs stop; the tickets in hand finish, for up to the
 *    grace (SHUTDOWN_GRACE_SECONDS);
 * 3. the surfaces disconnect: only now, because finishing a ticket posts its
 *    card and reply through them;
 * 4. the worker's lease is handed back and the process exits 0.
 *
 * When the grace runs out, or a second signal comes, the process hands back
 * at once and exits 0: a ticket cut off mid-stage belongs to a stopped
 * worker, so the next start (or another replica, without waiting for a
 * lease to expire) resumes it from its last finished stage, and closes its
 * open ledger rows at their worst case. Nothing is lost, only redone.
 */
import type { Logger } from '../logger.js';

export interface ShutdownSteps {
  /** Not ready, and no new ticket started (synchronous: it must hold before anything else runs). */
  stopTakingWork(): void;
  stopJobs(): Promise<void>;
  /** Resolves when the tickets in hand are finished. */
  finishWorkInHand(): Promise<void>;
  /** How many tickets are still in hand (for the log when the grace runs out). */
  workInHand(): number;
  stopSurfaces(): Promise<void>;
  /** Frees the lease (the last thing before exiting), and closes the store. */
  handBack(): Promise<void>;
  /** Servers that outlive the surfaces (the HEALTH_PORT server): closed at the very end. */
  closeServers(): Promise<void>;
}

export interface GracefulShutdownOptions {
  graceMs: number;
  logger: Logger;
  steps: ShutdownSteps;
  /** process.exit by default; tests pass their own. */
  exit?: (code: number) => void;
}

export interface GracefulShutdown {
  /**
   * Starts the shutdown; a second call while it runs forces it (a second
   * signal). Resolves when the process may exit. `graceMs` null: no limit
   * (the console closing: its piped tickets all finish, as before).
   */
  begin(reason: string, graceMs?: number | null): Promise<void>;
  /** Registers SIGTERM and SIGINT. */
  listen(): void;
}

export function gracefulShutdown(options: GracefulShutdownOptions): GracefulShutdown {
  const { steps } = options;
  const log = options.logger.child({ component: 'shutdown' });
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | null = null;
  /** Set once the work is handed back (by the orderly path or by force): nothing may be worked after it. */
  let handedBack = false;
  let forced = false;

  const handBackOnce = async () => {
    if (handedBack) return;
    handedBack = true;
    try {
      await steps.handBack();
    } catch (error) {
      // The lease expires on its own (or the next start on this host sees the process gone): still nothing is lost.
      log.error({ err: error }, 'handing the work back failed');
    }
  };

  /** Hands back whatever is left and exits now: the grace ran out, or someone insisted (even while the servers close). */
  const force = async (why: string) => {
    if (forced) return;
    forced = true;
    if (!handedBack) log.warn({ why, ticketsInHand: steps.workInHand() }, 'stopping now: the tickets still in hand are handed back to the next start');
    await handBackOnce();
    exit(0);
  };

  const orderly = async (reason: string, graceMs: number | null) => {
    log.info({ reason, graceMs }, 'stopping');
    steps.stopTakingWork();
    const timer = graceMs === null ? undefined : setTimeout(() => void force(`the grace of ${graceMs} ms ran out`), graceMs);
    try {
      await steps.stopJobs();
      await steps.finishWorkInHand();
      if (forced) return;
      log.info('the tickets in hand are finished');
      await steps.stopSurfaces();
      if (forced) return;
      await handBackOnce();
      // Still within the grace: a server that will not close in time is left to process.exit.
      await steps.closeServers();
      log.info('stopped');
    } finally {
      clearTimeout(timer);
    }
  };

  const begin = (reason: string, graceMs: number | null = options.graceMs): Promise<void> => {
    if (running) {
      void force(`${reason} while stopping`);
      return running;
    }
    running = orderly(reason, graceMs).catch(async (error: unknown) => {
      log.error({ err: error }, 'an orderly stop failed');
      await force('an orderly stop failed');
    });
    return running;
  };

  return {
    begin,
    listen() {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.on(signal, () => void begin(signal).then(() => exit(0)));
      }
    },
  };
}
