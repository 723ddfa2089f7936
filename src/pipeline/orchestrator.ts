/**
 * The triage pipeline for one ticket in `received`:
 * nano classify ∥ nano extract → policy → mini draft ∥ mini summary →
 * (flagship review) → awaiting a human, approved, or closed.
 * Every step is persisted as it happens; a failure at any step hands the
 * ticket to a human with the reason, it never drops it.
 */
import type { Decision, Draft, ExtractedFields, ModelTier, ReasonCode, TicketOutcome } from '../domain/index.js';
import { InvalidTransitionError, TicketNotFoundError, TriageError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isAtLeast, type BudgetGuard } from '../policy/budget.js';
import { decideRoute, isHighStakes, type RoutingPolicy } from '../policy/routing.js';
import type { Store, StoredDraft } from '../store/types.js';
import { loadOutcome } from './outcome.js';
import { classify, draftReply, extract, reviewDraft, summarize, type StageDeps } from './stages.js';
import { ticketText } from './ticket-text.js';

export interface PipelineDeps extends StageDeps {
  store: Store;
  policy: RoutingPolicy;
  logger: Logger;
  /** Absent: no caps. */
  budget?: BudgetGuard;
}

/** The gateway refused a call because its worst case did not fit in the budget. */
function refusedByBudget(error: unknown): boolean {
  return TriageError.isInstance(error) && error.code === 'BUDGET_EXHAUSTED';
}

const NO_FIELDS: ExtractedFields = { orderIds: [], accountIds: [], emails: [], products: [], amounts: [] };

export class TriagePipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async process(ticketId: number): Promise<TicketOutcome> {
    const { store, logger } = this.deps;
    const ticket = store.tickets.get(ticketId);
    if (!ticket) throw new TicketNotFoundError(String(ticketId));
    if (ticket.status !== 'received') throw new InvalidTransitionError(ticket.status, 'triaged');
    const log = logger.child({ ticketId });
    const text = ticketText(ticket, store.tickets.messages(ticketId));
    const versions: string[] = [];
    const budget = this.deps.budget;

    if (budget?.level() === 'stopped') {
      log.warn('budget exhausted; handing the ticket to a human without a model call');
      return this.handToHuman(ticketId, { route: 'human_only', reasons: ['budget_exhausted'], decidedBy: 'policy' }, versions);
    }

    const [classified, extracted] = await Promise.allSettled([
      classify(this.deps, ticketId, text),
      extract(this.deps, ticketId, text),
    ]);
    if (classified.status === 'rejected') {
      log.warn({ err: classified.reason }, 'classification failed; handing the ticket to a human');
      const reason = refusedByBudget(classified.reason) ? 'budget_exhausted' : 'classification_failed';
      return this.handToHuman(ticketId, { route: 'human_only', reasons: [reason], decidedBy: 'policy' }, versions);
    }
    const classification = classified.value.output;
    versions.push(classified.value.promptVersion);
    let fields = NO_FIELDS;
    const extraReasons: ReasonCode[] = [];
    if (extracted.status === 'fulfilled') {
      fields = extracted.value.output;
      versions.push(extracted.value.promptVersion);
    } else {
      log.warn({ err: extracted.reason }, 'field extraction failed; continuing without fields');
      extraReasons.push('extraction_failed');
    }

    store.transaction(() => {
      store.triage.saveTriage(ticketId, { classification, classifiedBy: classified.value.tier, fields, promptVersions: [...versions] });
      store.tickets.applyTriage(ticketId, classification);
      store.tickets.transition(ticketId, 'triaged');
    });

    const routed = decideRoute(
      {
        classification,
        fields,
        customerId: ticket.customerId,
        classifiedBy: classified.value.tier,
        classifierFellBack: classified.value.fellBack,
      },
      this.deps.policy,
    );
    const decision: Decision = { ...routed, reasons: [...routed.reasons, ...extraReasons] };

    if (decision.route === 'no_reply') {
      store.transaction(() => {
        store.triage.saveDecision(ticketId, decision, versions);
        store.tickets.transition(ticketId, 'closed', 'no_reply_needed');
      });
      return loadOutcome(store, ticketId);
    }

    // Urgent tickets may spend the reserve; the rest stop at triage once only the reserve is left.
    const urgent = classification.urgency === 'urgent';
    if (!urgent && budget && isAtLeast(budget.level(), 'triage_only')) {
      log.warn({ level: budget.level() }, 'budget low; handing the ticket to a human without a draft');
      return this.handToHuman(ticketId, { ...decision, route: 'human_only', reasons: [...decision.reasons, 'budget_no_draft'] }, versions);
    }

    const [drafted, summarized] = await Promise.allSettled([
      draftReply(this.deps, ticketId, text, classification, fields, { urgent }),
      summarize(this.deps, ticketId, text, classification, fields, { urgent }),
    ]);
    if (summarized.status === 'fulfilled') {
      store.tickets.setSummary(ticketId, summarized.value.output);
      versions.push(summarized.value.promptVersion);
    } else {
      log.warn({ err: summarized.reason }, 'summary failed; continuing without one');
    }
    if (drafted.status === 'rejected') {
      log.warn({ err: drafted.reason }, 'drafting failed; handing the ticket to a human');
      const reason = refusedByBudget(drafted.reason) ? 'budget_no_draft' : 'draft_failed';
      return this.handToHuman(ticketId, { ...decision, route: 'human_only', reasons: [...decision.reasons, reason] }, versions);
    }
    versions.push(drafted.value.promptVersion);
    const draft = store.transaction(() => {
      const saved = this.saveDraft(ticketId, drafted.value.output, drafted.value.tier, drafted.value.promptVersion);
      store.tickets.transition(ticketId, 'drafted');
      return saved;
    });

    if (decision.route === 'flagship_review') {
      return this.flagshipReview(ticketId, decision, draft, versions);
    }
    if (decision.route === 'auto_send') {
      store.transaction(() => {
        store.triage.saveDecision(ticketId, decision, versions);
        store.reviews.record({ ticketId, draftId: draft.id, reviewer: 'policy', reviewerKind: 'policy', action: 'approve', editedText: null, reason: 'low_risk_confident' });
        store.tickets.transition(ticketId, 'approved', 'auto_send');
      });
      return loadOutcome(store, ticketId);
    }
    return this.handToHuman(ticketId, decision, versions);
  }

  /**
   * The flagship looks at a drafted ticket: approve, rewrite, or defer to a
   * human. High-stakes tickets always go to a human afterwards; a ticket that
   * was only uncertain may be sent on the flagship's approval when auto-send is on.
   * Also used when a reviewer presses Escalate; the ticket then returns to a human.
   * When the budget is past its alert threshold, a non-urgent ticket is
   * reviewed by mini instead, and always returns to a human afterwards.
   */
  async flagshipReview(
    ticketId: number,
    decision: Decision,
    draft: StoredDraft,
    versions: string[],
    options: { returnToHuman?: boolean } = {},
  ): Promise<TicketOutcome> {
    const { store } = this.deps;
    store.tickets.transition(ticketId, 'flagship_review');
    const triage = store.triage.latestTriage(ticketId);
    const summary = store.tickets.get(ticketId)?.summary ?? '(no summary)';
    const reasons = [...decision.reasons];
    const urgent = triage?.classification.urgency === 'urgent';
    const budget = this.deps.budget;
    let reviewTier: ModelTier = 'flagship';
    if (!urgent && budget && isAtLeast(budget.level(), 'economy')) {
      reviewTier = 'mini';
      reasons.push('budget_flagship_to_mini');
    }
    let approvedByFlagship = false;
    try {
      if (!triage) throw new TicketNotFoundError(`${ticketId} (no triage)`);
      const input = {
        classification: triage.classification,
        fields: triage.fields,
        summary,
        draft: { reply: draft.text, language: draft.language, confidence: draft.confidence ?? 0 },
      };
      const reviewed = await reviewDraft(this.deps, ticketId, input, { urgent, tier: reviewTier }).catch((error: unknown) => {
        // The flagship's worst case did not fit: mini does the review if it can.
        if (!refusedByBudget(error) || reviewTier === 'mini') throw error;
        reviewTier = 'mini';
        reasons.push('budget_flagship_to_mini');
        return reviewDraft(this.deps, ticketId, input, { urgent, tier: 'mini' });
      });
      versions.push(reviewed.promptVersion);
      const review = reviewed.output;
      store.transaction(() => {
        let draftId = draft.id;
        if (review.verdict === 'rewrite' && review.rewrittenReply) {
          draftId = this.saveDraft(ticketId, { reply: review.rewrittenReply, language: draft.language, confidence: null }, `${reviewTier}_rewrite`, reviewed.promptVersion).id;
        }
        store.reviews.record({
          ticketId,
          draftId,
          reviewer: reviewTier,
          reviewerKind: 'flagship',
          action: review.verdict === 'human' ? 'defer' : review.verdict,
          editedText: review.verdict === 'rewrite' ? review.rewrittenReply : null,
          reason: review.rationale,
        });
      });
      reasons.push(review.verdict === 'approve' ? 'flagship_approved' : review.verdict === 'rewrite' ? 'flagship_rewrote' : 'flagship_deferred');
      approvedByFlagship = review.verdict !== 'human';
    } catch (error) {
      this.deps.logger.warn({ err: error, ticketId }, 'flagship review failed; handing the ticket to a human');
      reasons.push(refusedByBudget(error) ? 'budget_exhausted' : 'review_failed');
    }
    const final: Decision = { ...decision, reasons };
    // Only the flagship's own approval may send without a human.
    const trusted = approvedByFlagship && reviewTier === 'flagship';
    if (trusted && !options.returnToHuman && this.deps.policy.autoSend && !isHighStakes(reasons)) {
      store.transaction(() => {
        store.triage.saveDecision(ticketId, final, versions);
        store.tickets.transition(ticketId, 'approved', 'flagship_approved');
      });
      return loadOutcome(store, ticketId);
    }
    return this.handToHuman(ticketId, final, versions);
  }

  private handToHuman(ticketId: number, decision: Decision, versions: string[]): TicketOutcome {
    const { store } = this.deps;
    store.transaction(() => {
      store.triage.saveDecision(ticketId, decision, versions);
      store.tickets.transition(ticketId, 'awaiting_review', decision.reasons.at(-1));
    });
    return loadOutcome(store, ticketId);
  }

  private saveDraft(ticketId: number, draft: Omit<Draft, 'confidence'> & { confidence: number | null }, source: string, promptVersion: string): StoredDraft {
    return this.deps.store.triage.saveDraft(ticketId, {
      source,
      text: draft.reply,
      language: draft.language,
      confidence: draft.confidence,
      promptVersion,
    });
  }
}
