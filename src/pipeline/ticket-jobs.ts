/**
 * Where a ticket's model work waits to be run: the port the workflow queues
 * tickets on. Two kinds, told apart by `shared`:
 *
 * - local (one process, the SQLite default): an in-process queue. A queued
 *   ticket stays leased to the worker that queued it; a crash leaves it in the
 *   store, leased to a dead worker, and recovery queues it again.
 * - shared (replicas on Postgres: src/queue/pg-boss-ticket-jobs.ts): a job in
 *   the database that any replica may fetch. A queued ticket is leased to no
 *   one (the job holds it); the replica that fetches it takes the lease for
 *   as long as it works it. `enqueue` is then called inside the store
 *   transaction that gives the lease back, so the job and the release commit
 *   together.
 */
import { WorkQueue } from './work-queue.js';

export interface TicketJobs {
  readonly shared: boolean;
  /** Who runs each ticket; set once, by the workflow, before anything is queued. */
  bind(run: (ticketId: number) => Promise<void>): void;
  /** Starts taking queued work (a shared queue fetches only from here on; a local one runs what it is given at once). */
  start(): Promise<void>;
  enqueue(ticketId: number): Promise<void>;
  /** Of these tickets, the ones a job waits or runs for (a shared queue; a local one knows only its own). */
  pending(ticketIds: readonly number[]): Promise<Set<number>>;
  /** Jobs waiting to be run, across every replica for a shared queue (the metrics' queue depth). */
  depth(): Promise<number>;
  /** Takes no new ticket from now on; what is in hand still runs. */
  close(): Promise<void>;
  /** Tickets this process is running or holds queued. */
  readonly size: number;
  /** Resolves when this process has nothing in hand. */
  idle(): Promise<void>;
  /** Lets go of the queue's own connections (after `close` and `idle`). */
  stop(): Promise<void>;
}

/** The in-process queue as a TicketJobs (see WorkQueue). */
export class LocalTicketJobs implements TicketJobs {
  readonly shared = false;
  private queue: WorkQueue | null = null;

  constructor(private readonly concurrency: number) {}

  bind(run: (ticketId: number) => Promise<void>): void {
    this.queue = new WorkQueue(this.concurrency, run);
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  enqueue(ticketId: number): Promise<void> {
    this.bound().push(ticketId);
    return Promise.resolve();
  }

  pending(ticketIds: readonly number[]): Promise<Set<number>> {
    const queue = this.bound();
    return Promise.resolve(new Set(ticketIds.filter((id) => queue.has(id))));
  }

  depth(): Promise<number> {
    return Promise.resolve(this.bound().size);
  }

  close(): Promise<void> {
    this.bound().close();
    return Promise.resolve();
  }

  get size(): number {
    return this.queue?.size ?? 0;
  }

  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private bound(): WorkQueue {
    if (!this.queue) throw new Error('LocalTicketJobs used before bind()');
    return this.queue;
  }
}
