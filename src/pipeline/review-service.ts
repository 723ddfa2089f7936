/**
 * What reviewers do to a drafted ticket: approve, edit (then send), reject,
 * or escalate to the flagship. Authorization is the adapter's job (it knows
 * the platform's users and roles); this service guards the ticket's state,
 * so two reviewers clicking at once yield one reply.
 */
import type { ReviewRequest, ReviewResult, Ticket } from '../domain/index.js';
import { InvalidTransitionError } from '../errors.js';
import type { Store } from '../store/types.js';
import type { DeliveryService } from './delivery.js';
import type { TriagePipeline } from './orchestrator.js';

export class ReviewService {
  constructor(
    private readonly store: Store,
    private readonly pipeline: TriagePipeline,
    private readonly delivery: DeliveryService,
  ) {}

  async act(request: ReviewRequest): Promise<ReviewResult> {
    const ticket = this.store.tickets.get(request.ticketId);
    if (!ticket) return { ok: false, code: 'TICKET_NOT_FOUND', message: `Ticket #${request.ticketId} does not exist.`, ticket: null };
    try {
      switch (request.action) {
        case 'approve':
        case 'edit':
          return await this.approve(ticket, request);
        case 'reject':
          return this.reject(ticket, request);
        case 'escalate':
          return await this.escalate(ticket, request);
      }
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        const current = this.store.tickets.get(ticket.id);
        return {
          ok: false,
          code: 'ALREADY_HANDLED',
          message: `Ticket #${ticket.id} is ${current?.status ?? 'gone'}; nothing was changed.`,
          ticket: current,
        };
      }
      throw error;
    }
  }

  private async approve(ticket: Ticket, request: ReviewRequest): Promise<ReviewResult> {
    const edited = request.action === 'edit' ? request.text?.trim() : undefined;
    if (request.action === 'edit' && !edited) {
      return { ok: false, code: 'INVALID_REQUEST', message: 'An edit needs the reply text.', ticket };
    }
    // The state change comes first and is atomic: a second click fails here.
    this.store.transaction(() => {
      this.store.tickets.transition(ticket.id, 'approved', `${request.action} by ${request.reviewerId}`);
      let draft = this.store.triage.latestDraft(ticket.id);
      if (edited !== undefined) {
        draft = this.store.triage.saveDraft(ticket.id, {
          source: 'human_edit',
          text: edited,
          language: draft?.language ?? ticket.language ?? 'en',
          confidence: null,
          promptVersion: null,
        });
      }
      if (!draft) throw new InvalidTransitionError('awaiting_review (no draft)', 'approved');
      this.store.reviews.record({
        ticketId: ticket.id,
        draftId: draft.id,
        reviewer: request.reviewerId,
        reviewerKind: 'human',
        action: request.action,
        editedText: edited ?? null,
        reason: request.reason ?? null,
      });
    });
    const delivered = await this.delivery.deliver(ticket.id);
    if (delivered.status !== 'sent') {
      return { ok: false, code: 'DELIVERY_FAILED', message: `Approved, but sending failed: ${delivered.statusReason ?? 'unknown'}`, ticket: delivered };
    }
    return { ok: true, ticket: delivered, action: request.action };
  }

  private reject(ticket: Ticket, request: ReviewRequest): ReviewResult {
    const reason = request.reason?.trim() || 'no reason given';
    const updated = this.store.transaction(() => {
      const closed = this.store.tickets.transition(ticket.id, 'closed', `rejected by ${request.reviewerId}: ${reason}`);
      this.store.reviews.record({
        ticketId: ticket.id,
        draftId: this.store.triage.latestDraft(ticket.id)?.id ?? null,
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
    if (ticket.status !== 'awaiting_review') throw new InvalidTransitionError(ticket.status, 'flagship_review');
    const draft = this.store.triage.latestDraft(ticket.id);
    const decision = this.store.triage.latestDecision(ticket.id);
    if (!draft || !decision) {
      return { ok: false, code: 'INVALID_REQUEST', message: 'There is no draft to escalate; write the reply by hand.', ticket };
    }
    this.store.reviews.record({
      ticketId: ticket.id,
      draftId: draft.id,
      reviewer: request.reviewerId,
      reviewerKind: 'human',
      action: 'escalate',
      editedText: null,
      reason: request.reason ?? null,
    });
    const outcome = await this.pipeline.flagshipReview(
      ticket.id,
      { ...decision, route: 'flagship_review' },
      draft,
      [...decision.promptVersions],
      { returnToHuman: true },
    );
    return { ok: true, ticket: outcome.ticket, action: 'escalate' };
  }
}
