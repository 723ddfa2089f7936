/**
 * The core as adapters see it: `receive` stores a message (and its ticket)
 * synchronously — the adapter acks the platform after it returns — and queues
 * the model work; `review` applies a reviewer's action; `recover` picks up
 * what a crash interrupted. Outcomes go to one listener (the adapters' cards).
 */
import type { InboundMessage, ReviewRequest, ReviewResult, TicketOutcome } from '../domain/index.js';
import { TriageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { IntakeResult, Store } from '../store/types.js';
import type { DeliveryService } from './delivery.js';
import type { TriagePipeline } from './orchestrator.js';
import { loadOutcome } from './outcome.js';
import type { ReviewService } from './review-service.js';
import { WorkQueue } from './work-queue.js';

export type OutcomeListener = (outcome: TicketOutcome) => Promise<void> | void;

export interface WorkflowDeps {
  store: Store;
  pipeline: TriagePipeline;
  delivery: DeliveryService;
  reviews: ReviewService;
  logger: Logger;
  concurrency?: number;
  onOutcome?: OutcomeListener;
}

export class TicketWorkflow {
  private readonly queue: WorkQueue;
  private readonly log: Logger;

  constructor(private readonly deps: WorkflowDeps) {
    this.queue = new WorkQueue(deps.concurrency ?? 4, (id) => this.run(id));
    this.log = deps.logger.child({ component: 'workflow' });
  }

  receive(message: InboundMessage): IntakeResult {
    const result = this.deps.store.tickets.intake(message);
    if (result.isNew && result.ticket.status === 'received') this.queue.push(result.ticket.id);
    this.log.debug(
      { ticketId: result.ticket.id, isNew: result.isNew, opened: result.openedTicket, reopened: result.reopened },
      'message received',
    );
    return result;
  }

  async review(request: ReviewRequest): Promise<ReviewResult> {
    const result = await this.deps.reviews.act(request);
    if (result.ok) await this.notify(request.ticketId);
    return result;
  }

  /**
   * After a restart: queue tickets still `received`; restart tickets caught
   * mid-pipeline; send approved replies, unless a send may already have
   * happened (a pending outbound row) — those go to a human, never twice.
   */
  async recover(): Promise<{ requeued: number; interrupted: number; delivered: number; uncertain: number }> {
    const { store } = this.deps;
    const counts = { requeued: 0, interrupted: 0, delivered: 0, uncertain: 0 };
    for (const status of ['triaged', 'drafted', 'flagship_review'] as const) {
      for (const ticket of store.tickets.listByStatus(status)) {
        store.transaction(() => {
          store.tickets.transition(ticket.id, 'failed', `interrupted in ${status}`);
          store.tickets.transition(ticket.id, 'received', 'retry after restart');
        });
        counts.interrupted += 1;
      }
    }
    for (const ticket of store.tickets.listByStatus('received')) {
      this.queue.push(ticket.id);
      counts.requeued += 1;
    }
    for (const ticket of store.tickets.listByStatus('approved')) {
      const pending = store.tickets.messages(ticket.id).some((m) => m.direction === 'outbound' && m.platformMessageId === null);
      if (pending) {
        store.tickets.transition(ticket.id, 'failed', 'delivery_uncertain: check the thread before resending');
        counts.uncertain += 1;
      } else {
        await this.deps.delivery.deliver(ticket.id);
        counts.delivered += 1;
      }
      await this.notify(ticket.id);
    }
    if (Object.values(counts).some((n) => n > 0)) this.log.info(counts, 'recovered tickets after restart');
    return counts;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async run(ticketId: number): Promise<void> {
    try {
      const outcome = await this.deps.pipeline.process(ticketId);
      if (outcome.ticket.status === 'approved') await this.deps.delivery.deliver(ticketId);
    } catch (error) {
      const code = TriageError.isInstance(error) ? error.code : 'UNEXPECTED';
      this.log.error({ err: error, ticketId }, 'pipeline failed; ticket marked failed');
      try {
        this.deps.store.tickets.transition(ticketId, 'failed', `pipeline_error: ${code}`);
      } catch (inner) {
        this.log.error({ err: inner, ticketId }, 'could not mark the ticket failed');
      }
    }
    await this.notify(ticketId);
  }

  private async notify(ticketId: number): Promise<void> {
    if (!this.deps.onOutcome) return;
    try {
      await this.deps.onOutcome(loadOutcome(this.deps.store, ticketId));
    } catch (error) {
      this.log.error({ err: error, ticketId }, 'showing the outcome failed');
    }
  }
}
