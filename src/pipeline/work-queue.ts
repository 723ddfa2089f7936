/**
 * A small in-process queue: at most `concurrency` tickets in flight, a ticket
 * never twice at once, and `idle()` to wait for the queue to drain (replay,
 * tests, shutdown). Work is persisted before it is queued, so the queue itself
 * can be lost in a crash: recovery re-queues from the store.
 *
 * `push` never starts work in its caller's stack: an adapter pushes while
 * the platform waits for its ack, and the synchronous start of a triage
 * (reading the ticket, building prompts, opening ledger rows) would come
 * before it. Work starts on the next turn of the event loop instead.
 *
 * `close()` (a shutdown) takes no new ticket: what is already queued still
 * runs, a ticket pushed after it is left where the store has it (received,
 * owned by this worker) for the next start or another worker to take over.
 */
export class WorkQueue {
  private readonly pending: number[] = [];
  private readonly queued = new Set<number>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private pumpScheduled = false;
  private closed = false;

  constructor(
    private readonly concurrency: number,
    private readonly work: (id: number) => Promise<void>,
  ) {}

  /** Tickets queued or running: the work in hand. */
  get size(): number {
    return this.queued.size;
  }

  /** Whether a ticket is queued or running here. */
  has(id: number): boolean {
    return this.queued.has(id);
  }

  /** Takes no new ticket from now on; what is queued still runs (see the class comment). */
  close(): void {
    this.closed = true;
  }

  push(id: number): void {
    if (this.closed || this.queued.has(id)) return;
    this.queued.add(id);
    this.pending.push(id);
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  idle(): Promise<void> {
    if (this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.pending.length > 0) {
      const id = this.pending.shift() as number;
      this.running += 1;
      void this.work(id)
        .catch(() => undefined) // `work` handles and logs its own failures
        .finally(() => {
          this.running -= 1;
          this.queued.delete(id);
          this.pump();
          if (this.queued.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
