/**
 * What reviewers do to a drafted ticket: approve, edit (then send), reject,
 * or escalate to the flagship. Authorization is the adapter's job (it knows
 * the platform's users and roles); this service guards the ticket's state.
 *
 * Every action, whatever path it came by (a button, a modal submitted long
 * after it was opened, a command), checks the ticket's state and changes it
 * in ONE transaction: only a ticket awaiting review can be acted on, so two
 * reviewers clicking at once yield one reply, and a reply already sent can
 * never be rejected after the fact. A late action answers who handled it.
 */
import type { ReviewRequest, ReviewResult, Ticket } from '../domain/index.js';
import type { Store } from '../store/types.js';
import type { DeliveryService } from './delivery.js';
import type { TriagePipeline } from './orchestrator.js';

/** Thrown inside a transaction to abort it when the ticket is no longer awaiting review. */
class AlreadyHandled extends Error {
  constructor(readonly ticket: Ticket) {
    super(`ticket ${ticket.id} is ${ticket.status}`);
  }
}

/** Thrown inside a transaction when another live process holds the ticket (it is showing its outcome right now). */
class Busy extends Error {
  constructor(readonly ticket: Ticket) {
    super(`ticket ${ticket.id} is held by another process`);
  }
}

export class ReviewService {
  constructor(
    private readonly store: Store,
    private readonly pipeline: TriagePipeline,
    private readonly delivery: DeliveryService,
    /** The worker (process) that takes the ticket's lease while it sends or escalates. */
    private readonly workerId = 'local',
  ) {}

  async act(request: ReviewRequest): Promise<ReviewResult> {
    const ticket = await this.store.tickets.get(request.ticketId);
    if (!ticket) return { ok: false, code: 'TICKET_NOT_FOUND', message: `Ticket #${request.ticketId} does not exist.`, ticket: null };
    try {
      switch (request.action) {
        case 'approve':
        case 'edit':
          return await this.approve(ticket, request);
        case 'reject':
          return await this.reject(ticket, request);
        case 'escalate':
          return await this.escalate(ticket, request);
      }
    } catch (error) {
      if (error instanceof AlreadyHandled) return await this.alreadyHandled(error.ticket);
      if (error instanceof Busy) {
        return { ok: false, code: 'BUSY', message: `Ticket #${ticket.id} is being updated right now; try again in a moment. Nothing was changed.`, ticket: error.ticket };
      }
      throw error;
    }
  }

  /**
   * Inside a transaction: the ticket as it is now, if a reviewer may still act
   * on it, with its lease taken (held until its new outcome is shown); else aborts.
   */
  private async takeForReview(ticketId: number): Promise<Ticket> {
    const current = await this.store.tickets.get(ticketId);
    if (!current) throw new Error(`ticket ${ticketId} vanished`);
    if (current.status !== 'awaiting_review') throw new AlreadyHandled(current);
    if (!await this.store.tickets.claim(ticketId, this.workerId)) throw new Busy(current);
    return current;
  }

  /** "Already handled by …": the last person (or the bot) who moved the ticket on, and where it is now. */
  private async alreadyHandled(ticket: Ticket): Promise<ReviewResult> {
    const last = (await this.store.reviews.forTicket(ticket.id)).at(-1);
    const by =
      last?.reviewerKind === 'human'
        ? `${last.reviewer} (${last.action})`
        : last?.reviewerKind === 'policy'
          ? 'the bot (sent automatically)'
          : last?.reviewerKind === 'model'
            ? `the ${last.reviewer} model's second opinion`
            : null;
    const message = by
      ? `Ticket #${ticket.id} was already handled by ${by}; it is ${ticket.status}. Nothing was changed.`
      : `Ticket #${ticket.id} is ${ticket.status}, not awaiting review; nothing was changed.`;
    return { ok: false, code: 'ALREADY_HANDLED', message, ticket };
  }

  private async approve(ticket: Ticket, request: ReviewRequest): Promise<ReviewResult> {
    const edited = request.action === 'edit' ? request.text?.trim() : undefined;
    if (request.action === 'edit' && !edited) {
      return { ok: false, code: 'INVALID_REQUEST', message: 'An edit needs the reply text.', ticket };
    }
    const approved = await this.store.transaction(async () => {
      const current = await this.takeForReview(ticket.id);
      let draft = await this.store.triage.latestDraft(ticket.id);
      if (edited !== undefined) {
        draft = await this.store.triage.saveDraft(ticket.id, {
          source: 'human_edit',
          text: edited,
          language: draft?.language ?? current.language ?? 'en',
          confidence: null,
          promptVersion: null,
        });
      }
      if (!draft) return false;
      await this.store.tickets.transition(ticket.id, 'approved', `${request.action} by ${request.reviewerId}`);
      await this.store.reviews.record({
        ticketId: ticket.id,
        draftId: draft.id,
        reviewer: request.reviewerId,
        reviewerKind: 'human',
        action: request.action,
        editedText: edited ?? null,
        reason: request.reason ?? null,
      });
      return true;
    });
    if (!approved) return { ok: false, code: 'INVALID_REQUEST', message: 'There is no draft to send; use Edit to write the reply.', ticket };
    const delivered = await this.delivery.deliver(ticket.id);
    if (delivered.status !== 'sent') {
      return { ok: false, code: 'DELIVERY_FAILED', message: `Approved, but sending failed: ${delivered.statusReason ?? 'unknown'}`, ticket: delivered };
    }
    return { ok: true, ticket: delivered, action: request.action };
  }

  private async reject(ticket: Ticket, request: ReviewRequest): Promise<ReviewResult> {
    const reason = request.reason?.trim() || 'no reason given';
    const updated = await this.store.transaction(async () => {
      await this.takeForReview(ticket.id);
      const closed = await this.store.tickets.transition(ticket.id, 'closed', `rejected by ${request.reviewerId}: ${reason}`);
      await this.store.reviews.record({
        ticketId: ticket.id,
        draftId: (await this.store.triage.latestDraft(ticket.id))?.id ?? null,
        reviewer: request.reviewerId,
        reviewerKind: 'human',
        action: 'reject',
        editedText: null,
        reason,
      });
      return closed;
    });
    return { ok: true, ticket: updated, action: 'reject' };
  }

  private async escalate(ticket: Ticket, request: ReviewRequest): Promise<ReviewResult> {
    const started = await this.store.transaction(async () => {
      await this.takeForReview(ticket.id);
      const draft = await this.store.triage.latestDraft(ticket.id);
      const decision = await this.store.triage.latestDecision(ticket.id);
      if (!draft || !decision) return null;
      await this.store.tickets.transition(ticket.id, 'flagship_review', `escalated by ${request.reviewerId}`);
      const escalationId = await this.store.reviews.record({
        ticketId: ticket.id,
        draftId: draft.id,
        reviewer: request.reviewerId,
        reviewerKind: 'human',
        action: 'escalate',
        editedText: null,
        reason: request.reason ?? null,
      });
      return { draft, decision, escalationId };
    });
    if (!started) {
      return { ok: false, code: 'INVALID_REQUEST', message: 'There is no draft to escalate; write the reply by hand.', ticket };
    }
    const { draft, decision, escalationId } = started;
    const outcome = await this.pipeline.secondOpinion(ticket.id, { ...decision, route: 'flagship_review' }, draft, [...decision.promptVersions], {
      returnToHuman: true,
      escalationId,
    });
    return { ok: true, ticket: outcome.ticket, action: 'escalate' };
  }
}
