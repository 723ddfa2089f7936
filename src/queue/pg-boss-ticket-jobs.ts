/**
 * The shared ticket queue of replicas on Postgres, on pg-boss (its tables in
 * the store's own database, schema `pgboss`). A stored ticket waiting for
 * model work is a job whose singleton key is the ticket: the `short` policy
 * keeps at most one job waiting per ticket, however many times a recovery
 * pass queues it again. Any replica's workers fetch jobs (SKIP LOCKED, so
 * each job goes to one), take the ticket's lease in the store and run it.
 *
 * Why pg-boss, and why the store lease as well: pg-boss runs on Node 20 in
 * its 10.x line (graphile-worker's Node-20 releases are years old) and its
 * send accepts the caller's connection, so a job commits with the store
 * change that queued it. Its expiry cannot tell a slow ticket from a dead
 * replica (10.x has no job heartbeat), so the store's worker lease stays the
 * judge of who holds a ticket: a job that expires while its replica still
 * works the ticket finds the lease taken and ends without doing anything,
 * and a replica that dies is seen dead within the lease's time to live and
 * its tickets queued again (src/pipeline/workflow.ts, recovery).
 */
import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import type { TicketJobs } from '../pipeline/ticket-jobs.js';
import type { SharedDatabase } from '../store/types.js';
import { underSessionLock } from './run-alone.js';

export const TICKET_QUEUE = 'ticket-work';
const SCHEMA = 'pgboss';

export interface PgBossTicketJobsOptions {
  /** Tickets this replica runs at once (one pg-boss worker each). */
  concurrency: number;
  logger: Logger;
  /** How often an idle worker looks for a job (seconds, at least 0.5); a job queued here wakes one at once. */
  pollingSeconds?: number;
  /** A job still active after this long is failed and retried (the lease decides whether anything is redone). */
  expireSeconds?: number;
}

interface TicketJobData {
  ticketId: number;
}

export class PgBossTicketJobs implements TicketJobs {
  readonly shared = true;
  private readonly boss: PgBoss;
  private readonly log: Logger;
  private run: ((ticketId: number) => Promise<void>) | null = null;
  private readonly workerIds: string[] = [];
  private readonly inHand = new Set<number>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private started = false;

  constructor(
    private readonly database: SharedDatabase,
    private readonly options: PgBossTicketJobsOptions,
  ) {
    this.log = options.logger.child({ component: 'queue' });
    this.boss = new PgBoss({
      connectionString: database.url,
      schema: SCHEMA,
      application_name: 'triage-queue',
      max: Math.max(2, Math.min(options.concurrency + 1, 6)),
      // Cron is not used (scheduled work runs under advisory locks: src/queue/run-alone.ts).
      schedule: false,
      // Expired jobs are found (and retried) by the maintenance pass.
      supervise: true,
      maintenanceIntervalSeconds: 30,
      archiveCompletedAfterSeconds: 3_600,
      deleteAfterDays: 2,
    });
    // An unhandled 'error' event would end the process; pg-boss reports its own connection trouble here and retries.
    this.boss.on('error', (error: Error) => this.log.error({ err: error }, 'job queue error'));
  }

  /** Installs (or migrates) pg-boss's schema and the ticket queue; safe for replicas starting together. */
  async open(): Promise<this> {
    await this.boss.start();
    // Replicas starting together create the queue one after the other: two concurrent create_queue calls (a table and a partition each) deadlock.
    await underSessionLock(this.database.pool, 'ticket-queue-setup', { wait: true }, async () => {
      if (await this.boss.getQueue(TICKET_QUEUE)) return;
      await this.boss.createQueue(TICKET_QUEUE, {
        name: TICKET_QUEUE,
        policy: 'short',
        retryLimit: 20,
        retryDelay: 2,
        retryBackoff: true,
        expireInSeconds: this.options.expireSeconds ?? 600,
      });
    });
    return this;
  }

  bind(run: (ticketId: number) => Promise<void>): void {
    this.run = run;
  }

  async start(): Promise<void> {
    if (this.started || this.closed) return;
    this.started = true;
    for (let i = 0; i < this.options.concurrency; i++) {
      this.workerIds.push(
        await this.boss.work<TicketJobData>(TICKET_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.options.pollingSeconds ?? 1 }, (jobs) => this.handle(jobs)),
      );
    }
  }

  async enqueue(ticketId: number): Promise<void> {
    // Through the store's open transaction (when there is one), so the job commits with the lease's release.
    const db = { executeSql: (text: string, values: unknown[]) => this.database.execute(text, values) };
    await this.boss.send(TICKET_QUEUE, { ticketId } satisfies TicketJobData, { singletonKey: keyOf(ticketId), db } as PgBoss.SendOptions);
    // A worker here looks at once instead of at its next poll (the transaction has committed by the time it does, or it finds nothing yet and polls).
    const worker = this.workerIds[0];
    if (worker && !this.closed) setImmediate(() => this.boss.notifyWorker(worker));
  }

  async pending(ticketIds: readonly number[]): Promise<Set<number>> {
    if (ticketIds.length === 0) return new Set();
    const { rows } = await this.database.execute(
      `SELECT singleton_key FROM ${SCHEMA}.job WHERE name = $1 AND singleton_key = ANY($2::text[]) AND state < 'completed'`,
      [TICKET_QUEUE, ticketIds.map(keyOf)],
    );
    return new Set((rows as { singleton_key: string }[]).map((row) => Number(row.singleton_key.slice(1))));
  }

  depth(): Promise<number> {
    return this.boss.getQueueSize(TICKET_QUEUE);
  }

  async close(): Promise<void> {
    this.closed = true;
    // Stops fetching; a job in hand runs on (idle() waits for it).
    await Promise.all(this.workerIds.map((id) => this.boss.offWork({ id }).catch((error: unknown) => this.log.warn({ err: error }, 'could not stop a queue worker'))));
  }

  get size(): number {
    return this.inHand.size;
  }

  idle(): Promise<void> {
    if (this.inHand.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Jobs still active here (a shutdown's grace ran out) are failed, to be retried by the replica that takes the ticket over. */
  async stop(): Promise<void> {
    this.closed = true;
    await this.boss.stop({ graceful: false, wait: true, close: true, timeout: 1_000 });
  }

  private async handle(jobs: PgBoss.Job<TicketJobData>[]): Promise<void> {
    for (const job of jobs) {
      const ticketId = job.data.ticketId;
      if (!Number.isSafeInteger(ticketId)) continue;
      // Fetched as this replica stopped taking work: failed, so pg-boss offers it again (here or elsewhere).
      if (!this.run || this.closed) throw new Error(`ticket ${ticketId} fetched while this replica stops; retried`);
      // A second job for a ticket this replica is running already (queued again meanwhile): the run in hand covers it.
      if (this.inHand.has(ticketId)) continue;
      this.inHand.add(ticketId);
      try {
        await this.run(ticketId);
      } finally {
        this.inHand.delete(ticketId);
        if (this.inHand.size === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      }
    }
  }
}

function keyOf(ticketId: number): string {
  return `t${ticketId}`;
}
