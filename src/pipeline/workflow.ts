/**
 * The core as adapters see it: `receive` stores a message (and its ticket)
 * before it resolves — the adapter acks the platform after that — and queues
 * the model work; `review` applies a reviewer's action; `recover` picks up
 * what a crash interrupted. Outcomes go to one listener (the surfaces' cards).
 *
 * Several processes may share one database. Each is a worker with a lease
 * (src/pipeline/leases.ts): a ticket belongs to the worker that stored,
 * claimed or acted on it until its outcome has been shown (so a crash between
 * a state change and its card leaves a trace), and another worker takes it
 * over only once that worker is dead. `recover` runs after every surface is
 * up, and again on every heartbeat: it closes the ledger rows a dead worker
 * left in flight, resumes its tickets from their last finished stage, shows
 * outcomes it never showed, and reconciles replies whose send may have
 * happened.
 */
import { isInProgress, threadKey, type InboundMessage, type ReviewRequest, type ReviewResult, type TicketOutcome } from '../domain/index.js';
import { TriageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ModelHealth } from '../models/model-health.js';
import type { BudgetGuard } from '../policy/budget.js';
import type { IntakeResult, Store } from '../store/types.js';
import type { DeliveryService } from './delivery.js';
import type { WorkerLease } from './leases.js';
import type { TriagePipeline } from './orchestrator.js';
import { loadOutcome } from './outcome.js';
import { sanitizeInbound } from './inbound-hygiene.js';
import type { ReviewService } from './review-service.js';
import { LocalTicketJobs, type TicketJobs } from './ticket-jobs.js';

export type OutcomeListener = (outcome: TicketOutcome) => Promise<void> | void;

export interface WorkflowDeps {
  store: Store;
  pipeline: TriagePipeline;
  delivery: DeliveryService;
  reviews: ReviewService;
  logger: Logger;
  lease: WorkerLease;
  /** Told when a dead worker's open attempts are closed (their reservations become spend). */
  budget?: BudgetGuard;
  concurrency?: number;
  /** Where tickets wait for their model work: the in-process queue unless a shared one is given (replicas). */
  jobs?: TicketJobs;
  onOutcome?: OutcomeListener;
  /** The time inbound messages are checked against (inbound-hygiene.ts); the system clock by default. */
  clock?: () => Date;
  /** Whether the models can be used; when they work again, the tickets they could not triage are triaged. */
  health?: ModelHealth;
  /** While the models are unavailable, tried on every heartbeat (free: it generates nothing). */
  probeModels?: () => Promise<boolean>;
}

export interface RecoveryCounts {
  /** Ledger rows a dead worker left in flight, closed as unknown_outcome. */
  abandonedCalls: number;
  /** Tickets taken over and resumed (received, triaged, drafted, flagship review). */
  resumed: number;
  /** Tickets at rest whose outcome (card) the dead worker may not have shown: shown now. */
  shown: number;
  /** Approved tickets whose reply was sent now. */
  delivered: number;
  /** Approved tickets whose earlier send was found in the thread. */
  reconciled: number;
  /** Approved tickets whose earlier send was looked for and surely never happened: sent now. */
  resent: number;
  /** Approved tickets whose earlier send is too recent to judge: looked at again on a later beat. */
  deferred: number;
  /** Approved tickets whose earlier send could not be looked for: handed to a human. */
  uncertain: number;
}

export class TicketWorkflow {
  private readonly queue: TicketJobs;
  private readonly log: Logger;
  private heartbeat: NodeJS.Timeout | null = null;
  private recovering: Promise<RecoveryCounts> | null = null;
  /** This worker's row: written before its first lease, so no other process takes it for dead meanwhile. */
  private readonly registered: Promise<void>;
  /** Set by stopTakingWork: a heartbeat asked for later (a signal during start-up) does not start. */
  private stoppedTaking = false;

  constructor(private readonly deps: WorkflowDeps) {
    this.queue = deps.jobs ?? new LocalTicketJobs(deps.concurrency ?? 4);
    this.queue.bind((id) => this.run(id));
    this.log = deps.logger.child({ component: 'workflow' });
    this.registered = deps.lease.register();
    // Awaited, and its failure thrown, by the first intake, retriage or recovery.
    this.registered.catch(() => undefined);
    deps.health?.onChange((event) => {
      if (event.kind === 'available') void this.retriage().catch((error: unknown) => this.log.error({ err: error }, 'triaging the waiting tickets failed'));
    });
  }

  /**
   * The models work again: tickets handed to reviewers untriaged because
   * they were unavailable, and not acted on since, go through the pipeline.
   */
  async retriage(): Promise<number> {
    const { store } = this.deps;
    await this.registered;
    let count = 0;
    // Still awaiting review with the latest decision saying so: nobody has acted on it since
    // (an action moves the ticket on, or decides anew).
    const waiting = await store.tickets.listByStatus('awaiting_review', 10_000);
    const decisions = await store.triage.latestDecisions(waiting.map((ticket) => ticket.id));
    for (const ticket of waiting) {
      if (!decisions.get(ticket.id)?.reasons.includes('models_unavailable')) continue;
      const moved = await store.transaction(async () => {
        const current = await store.tickets.get(ticket.id);
        if (current?.status !== 'awaiting_review' || !await store.tickets.claim(ticket.id, this.workerId)) return false;
        await store.tickets.transition(ticket.id, 'received', 'models_available_again');
        if (this.queue.shared) await this.handToQueue(ticket.id);
        return true;
      });
      if (!moved) continue;
      if (!this.queue.shared) await this.queue.enqueue(ticket.id);
      count += 1;
    }
    if (count > 0) this.log.info({ tickets: count }, 'the models work again: triaging the tickets they could not');
    return count;
  }

  get workerId(): string {
    return this.deps.lease.id;
  }

  async receive(inbound: InboundMessage): Promise<IntakeResult> {
    // Input hygiene: believable time, bounded payload and text (see inbound-hygiene.ts).
    const { message, notes } = sanitizeInbound(inbound, { now: (this.deps.clock ?? (() => new Date()))() });
    if (notes.length > 0) this.log.warn({ thread: threadKey(message.thread), messageId: message.messageId, notes }, 'inbound message sanitized');

    await this.registered;
    const result = await this.deps.store.tickets.intake(message, this.workerId);
    // Only a ticket this intake opened or reopened is ours to work: a message joining a ticket
    // still waiting for triage is read with it by whichever worker already holds it.
    if (result.isNew && (result.openedTicket || result.reopened)) await this.queueTicket(result.ticket.id);
    this.log.debug(
      { ticketId: result.ticket.id, isNew: result.isNew, opened: result.openedTicket, reopened: result.reopened },
      'message received',
    );
    return result;
  }

  async review(request: ReviewRequest): Promise<ReviewResult> {
    const result = await this.deps.reviews.act(request);
    if (result.ok) await this.notify(request.ticketId);
    // The action took the ticket's lease (if it changed anything): the outcome is shown, so it is free again.
    if (await this.deps.store.tickets.leaseOwner(request.ticketId) === this.workerId) await this.release(request.ticketId);
    return result;
  }

  /**
   * Takes over what dead workers left: closes their open ledger rows at their
   * worst case, resumes their tickets, reconciles their uncertain sends. Call
   * it once every surface is up (a resumed ticket's card needs its surface).
   * Concurrent calls share one run.
   */
  recover(): Promise<RecoveryCounts> {
    this.recovering ??= this.recoverOnce().finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  /**
   * Beats the lease and recovers on a timer, so a worker that dies beside this
   * one is taken over; a shared queue starts fetching jobs here too.
   */
  startHeartbeat(): void {
    if (this.heartbeat || this.stoppedTaking) return;
    void this.queue.start().catch((error: unknown) => this.log.error({ err: error }, 'the job queue could not start its workers'));
    this.heartbeat = setInterval(async () => {
      try {
        await this.deps.lease.beat();
      } catch (error) {
        this.log.error({ err: error }, 'heartbeat failed');
      }
      void this.recover().catch((error: unknown) => this.log.error({ err: error }, 'recovery failed'));
      if (this.deps.health && !this.deps.health.available) void this.deps.probeModels?.().catch(() => false);
    }, this.deps.lease.beatEveryMs);
    this.heartbeat.unref();
  }

  /** Stops the heartbeat, waits for the work in hand, and frees the lease (others may take over at once). */
  async stop(): Promise<void> {
    this.stopTakingWork();
    await this.finishWorkInHand();
    await this.handBack();
  }

  /**
   * The first step of a shutdown: no new ticket is started here (a message
   * that still arrives is stored as ever, before its platform's ack, and
   * left for whoever takes over), no more heartbeats nor recovery passes.
   */
  stopTakingWork(): void {
    this.stoppedTaking = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    void this.queue.close().catch((error: unknown) => this.log.warn({ err: error }, 'stopping the job queue failed'));
  }

  /** Tickets this process has queued or is running. */
  get workInHand(): number {
    return this.queue.size;
  }

  /** Waits for a recovery pass under way and for every ticket queued before `stopTakingWork`. */
  async finishWorkInHand(): Promise<void> {
    await this.recovering?.catch(() => undefined);
    await this.queue.idle();
  }

  /**
   * Marks this worker stopped, at once: every ticket it
   * still holds (one cut off mid-stage when a shutdown's grace ran out, or
   * one received while stopping) is then a dead worker's, taken over by the
   * next start or another process from its last finished stage, and its
   * open ledger rows closed at their worst case. Call it last, just before
   * the process exits: after it, this process must not work a ticket.
   */
  async handBack(): Promise<void> {
    await this.deps.lease.stop();
    await this.queue.stop();
  }

  /** Whether tickets wait in a queue replicas share (Postgres) rather than in this process. */
  get sharedQueue(): boolean {
    return this.queue.shared;
  }

  /** Jobs waiting to be run (every replica's, with a shared queue). */
  queueDepth(): Promise<number> {
    return this.queue.depth();
  }

  /**
   * Queues a ticket this worker holds. Locally it stays held; on a shared
   * queue it is handed over: the job and the lease's release commit together,
   * and whichever replica fetches the job takes the lease.
   */
  private async queueTicket(ticketId: number): Promise<void> {
    if (!this.queue.shared) return this.queue.enqueue(ticketId);
    await this.deps.store.transaction(() => this.handToQueue(ticketId));
  }

  private async handToQueue(ticketId: number): Promise<void> {
    await this.queue.enqueue(ticketId);
    await this.deps.store.tickets.release(ticketId, this.workerId);
  }

  /**
   * A shared queue's job for a ticket: takes the lease (free, or its holder
   * dead). False when a live worker holds it (an expired job offered again
   * while its first run goes on) or the ticket is no longer in progress (a
   * second job for work already done): nothing to do. A ticket at rest taken
   * from a dead worker has its outcome shown, as recovery would.
   */
  private async takeJob(ticketId: number): Promise<boolean> {
    const { store, lease } = this.deps;
    const owner = await store.tickets.leaseOwner(ticketId);
    const dead = owner && owner !== this.workerId ? await lease.deadOwners([owner]) : [];
    if (!await store.tickets.claim(ticketId, this.workerId, dead)) return false;
    const ticket = await store.tickets.get(ticketId);
    if (ticket && isInProgress(ticket.status) && ticket.status !== 'approved') return true;
    // Approved: its send is reconciled by recovery, which finds it unleased with no job.
    if (dead.length > 0 && ticket && !isInProgress(ticket.status)) await this.finish(ticketId);
    else await store.tickets.release(ticketId, this.workerId);
    return false;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async recoverOnce(): Promise<RecoveryCounts> {
    const { store, lease } = this.deps;
    await this.registered;
    const counts: RecoveryCounts = { abandonedCalls: 0, resumed: 0, shown: 0, delivered: 0, reconciled: 0, resent: 0, deferred: 0, uncertain: 0 };
    const worked = await store.tickets.listWorked(10_000);
    const dead = await lease.deadOwners([...await store.modelCalls.openOwners(), ...worked.map((held) => held.owner)]);
    counts.abandonedCalls = await store.modelCalls.closeAbandoned(dead);
    if (counts.abandonedCalls > 0) this.deps.budget?.attemptEnded();
    // Unleased and in progress: lost work, unless a shared queue holds a job for it (then it is waiting its turn).
    // Approved tickets are not a job's but recovery's (their send is reconciled), whatever job a dead runner left active.
    const unleased = worked.filter((held) => held.owner === null && isInProgress(held.status) && held.status !== 'approved').map((held) => held.id);
    const queued = this.queue.shared ? await this.queue.pending(unleased) : new Set<number>();
    const orphans = worked.filter((held) => (held.owner === null ? isInProgress(held.status) && !queued.has(held.id) : dead.includes(held.owner)));
    for (const orphan of orphans) {
      // A ticket of a platform this process has no surface for (a replay's, a platform configured only elsewhere) is
      // left to a process that has one: here its reply could only fail, and its card could not be shown.
      if (!this.deps.delivery.reaches(orphan.platform)) continue;
      // Another live worker may win the claim: then it is theirs.
      if (!await store.tickets.claim(orphan.id, this.workerId, dead)) continue;
      if (orphan.status === 'approved') {
        const result = await this.deps.delivery.reconcile(orphan.id);
        counts[result] += 1;
        // Not ours to hold while we wait: the next beat (here or elsewhere) looks again.
        if (result === 'deferred') await store.tickets.release(orphan.id, this.workerId);
        else await this.finish(orphan.id);
      } else if (isInProgress(orphan.status)) {
        await this.queueTicket(orphan.id);
        counts.resumed += 1;
      } else {
        // At rest, but its worker died before showing the outcome: show it (an existing card is found, not duplicated).
        await this.finish(orphan.id);
        counts.shown += 1;
      }
    }
    if (Object.entries(counts).some(([kind, n]) => kind !== 'deferred' && n > 0)) this.log.info({ ...counts, deadWorkers: dead.length }, 'took over work a stopped process left');
    return counts;
  }

  private async run(ticketId: number): Promise<void> {
    if (this.queue.shared && !await this.takeJob(ticketId)) return;
    try {
      const outcome = await this.deps.pipeline.process(ticketId);
      if (outcome.ticket.status === 'approved') await this.deps.delivery.deliver(ticketId);
    } catch (error) {
      const code = TriageError.isInstance(error) ? error.code : 'UNEXPECTED';
      if (this.queue.shared && code === 'STORE_ERROR') {
        // The shared database failed (a conflict that outlasted its retries, a dropped connection): not the
        // ticket's fault. Its job fails and pg-boss offers it again; the next run resumes from the last finished stage.
        this.log.warn({ err: error, ticketId }, 'the store failed mid-ticket; its job is retried');
        throw error;
      }
      this.log.error({ err: error, ticketId }, 'pipeline failed; ticket marked failed');
      try {
        await this.deps.store.tickets.transition(ticketId, 'failed', `pipeline_error: ${code}`);
      } catch (inner) {
        this.log.error({ err: inner, ticketId }, 'could not mark the ticket failed');
      }
    }
    await this.finish(ticketId);
  }

  /** Shows the ticket's outcome, then gives its lease back: nothing of it is left to do here. */
  private async finish(ticketId: number): Promise<void> {
    await this.notify(ticketId);
    await this.release(ticketId);
  }

  private async release(ticketId: number): Promise<void> {
    try {
      const ticket = await this.deps.store.tickets.get(ticketId);
      // A ticket still in progress (a failure left it so) stays ours: recovery never takes a live worker's tickets.
      if (ticket && !isInProgress(ticket.status)) await this.deps.store.tickets.release(ticketId, this.workerId);
    } catch (error) {
      this.log.error({ err: error, ticketId }, 'could not release the ticket');
    }
  }

  private async notify(ticketId: number): Promise<void> {
    if (!this.deps.onOutcome) return;
    try {
      await this.deps.onOutcome(await loadOutcome(this.deps.store, ticketId));
    } catch (error) {
      this.log.error({ err: error, ticketId }, 'showing the outcome failed');
    }
  }
}
