/**
 * The triage pipeline for one ticket:
 * nano classify ∥ nano extract → policy → mini draft (with the summary) →
 * output guards → (flagship review) → awaiting a human, approved, or closed.
 *
 * Every step is persisted as it happens, and `process` resumes a ticket from
 * the status it was left in (received, triaged, drafted, flagship_review):
 * a restart continues where it stopped, and each model stage's output is
 * checkpointed with its ledger row, so a finished stage is never paid twice.
 * A failure at any step hands the ticket to a human with the reason, it never
 * drops it.
 */
import { GUARD_REASON_CODES, type Decision, type ExtractedFields, type ModelTier, type ReasonCode, type Ticket, type TicketOutcome, type Urgency } from '../domain/index.js';
import { InvalidTransitionError, TicketNotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ModelHealth } from '../models/model-health.js';
import { refusedByBudget } from '../models/model-gateway.js';
import { failureReason } from './run-stage.js';
import { ticketText, type TicketText } from './ticket-text.js';
import { isAtLeast, type BudgetGuard } from '../policy/budget.js';
import { deterministicRisk, type RiskEvidence } from '../policy/risk-checks.js';
import { decideRoute, isHighStakes, isSimpleTicket, type RoutingPolicy } from '../policy/routing.js';
import type { Store, StoredDraft, TriageRecord } from '../store/types.js';
import { loadOutcome } from './outcome.js';
import { citedPassages, citedSources, knowledgeBlock, retrieveSafely, ungrounded, type Knowledge } from './grounding.js';
import { classify, draftReply, extract, reviewDraft, summaryWithoutDraft, translateQuery, type StageDeps, type StageOptions } from './stages.js';

/** What the output guards say about a draft: the reasons of every check it tripped. */
export type DraftGuard = (draft: { text: string; language: string }, context: { ticketText: string; customerLanguage: string | null }) => ReasonCode[];

export interface PipelineDeps extends StageDeps {
  store: Store;
  policy: RoutingPolicy;
  logger: Logger;
  /** Absent: no caps. */
  budget?: BudgetGuard;
  /** Checks a draft before it may leave without a human; absent: every draft passes (tests of routing alone). */
  guard?: DraftGuard;
  /** Whether the models can be used at all; absent: always. */
  health?: ModelHealth;
  /** The team's docs drafts are grounded in (absent: not grounded, nor judged), and whether a model puts other languages' questions into English for it. */
  knowledge?: Knowledge;
  translateQueries?: boolean;
  /** Told when a ticket's triage is saved (the urgency reaction a customer sees first); must not throw. */
  onTriaged?: (ticket: Ticket, urgency: Urgency) => void;
}

const GUARD_REASONS: ReadonlySet<ReasonCode> = new Set(GUARD_REASON_CODES);

const NO_FIELDS: ExtractedFields = { orderIds: [], accountIds: [], emails: [], products: [], amounts: [] };

/** What a resumed ticket carries from one phase to the next. */
interface Triaged {
  ticket: Ticket;
  text: TicketText;
  triage: TriageRecord;
  versions: string[];
  /** The deterministic checks' findings on the customer's words (computed once per run). */
  evidence: RiskEvidence;
}

export class TriagePipeline {
  constructor(private readonly deps: PipelineDeps) {}

  /** Runs (or resumes) the pipeline for a ticket that is received, triaged, drafted or under flagship review. */
  async process(ticketId: number): Promise<TicketOutcome> {
    const { store } = this.deps;
    const ticket = await store.tickets.get(ticketId);
    if (!ticket) throw new TicketNotFoundError(String(ticketId));
    switch (ticket.status) {
      case 'received':
        return this.triage(ticket);
      case 'triaged':
        return this.draftPhase(await this.resumeTriaged(ticket));
      case 'drafted':
      case 'flagship_review': {
        const triaged = await this.resumeTriaged(ticket);
        const draft = await store.triage.latestDraft(ticketId);
        if (!draft) return await this.handToHuman(ticketId, { route: 'human_only', reasons: ['draft_failed'], decidedBy: 'policy' }, triaged.versions);
        if (ticket.status === 'drafted') return this.afterDraft(triaged, draft);
        return this.resumeFlagshipReview(triaged, draft);
      }
      case 'approved':
        // Delivery is the workflow's job.
        return await loadOutcome(store, ticketId);
      default:
        throw new InvalidTransitionError(ticket.status, 'triaged');
    }
  }

  private checkpoint(ticket: Ticket, name: string): StageOptions['checkpoint'] {
    return { results: this.deps.store.stageResults, key: `${ticket.round}:${name}` };
  }

  private async textOf(ticket: Ticket): Promise<TicketText> {
    return ticketText(ticket, await this.deps.store.tickets.messages(ticket.id));
  }

  private async triage(ticket: Ticket): Promise<TicketOutcome> {
    const { store, logger } = this.deps;
    const ticketId = ticket.id;
    const log = logger.child({ ticketId });
    const text = await this.textOf(ticket);
    const versions: string[] = [];
    const budget = this.deps.budget;

    if (await budget?.level() === 'stopped') {
      log.warn('budget exhausted; handing the ticket to a human without a model call');
      return await this.handToHuman(ticketId, { route: 'human_only', reasons: ['budget_exhausted'], decidedBy: 'policy' }, versions);
    }
    if (this.deps.health && !this.deps.health.available) {
      log.warn('the models are unavailable; handing the ticket to a human without a model call');
      return await this.handToHuman(ticketId, { route: 'human_only', reasons: ['models_unavailable'], decidedBy: 'policy' }, versions);
    }

    const [classified, extracted] = await Promise.allSettled([
      classify(this.deps, ticketId, text, { checkpoint: this.checkpoint(ticket, 'classify') }),
      extract(this.deps, ticketId, text, { checkpoint: this.checkpoint(ticket, 'extract') }),
    ]);
    if (classified.status === 'rejected') {
      log.warn({ err: classified.reason }, 'classification failed; handing the ticket to a human');
      const reason = failureReason(classified.reason, 'classification_failed', 'budget_exhausted');
      return await this.handToHuman(ticketId, { route: 'human_only', reasons: [reason], decidedBy: 'policy' }, versions);
    }
    const classification = classified.value.output;
    versions.push(classified.value.promptVersion);
    let fields = NO_FIELDS;
    const extractionFailed = extracted.status === 'rejected';
    if (extracted.status === 'fulfilled') {
      fields = extracted.value.output;
      versions.push(extracted.value.promptVersion);
    } else {
      log.warn({ err: extracted.reason }, 'field extraction failed; continuing without fields, as high stakes');
    }

    const triage: TriageRecord = {
      classification,
      classifiedBy: classified.value.tier,
      classifierFellBack: classified.value.fellBack,
      fields,
      extractionFailed,
      promptVersions: [...versions],
    };
    await store.transaction(async () => {
      await store.triage.saveTriage(ticketId, triage);
      await store.tickets.applyTriage(ticketId, classification);
      await store.tickets.transition(ticketId, 'triaged');
    });
    this.deps.onTriaged?.(ticket, classification.urgency);
    return this.draftPhase({ ticket, text, triage, versions, evidence: deterministicRisk({ subject: text.subject, text: text.everything }) });
  }

  /** A ticket left `triaged` (or later): its stored triage, and whether the classifier fell back (from its checkpoint). */
  private async resumeTriaged(ticket: Ticket): Promise<Triaged> {
    const { store } = this.deps;
    const triage = await store.triage.latestTriage(ticket.id);
    if (!triage) throw new TicketNotFoundError(`${ticket.id} (no triage)`);
    const classifyResult = await store.stageResults.find(ticket.id, `${ticket.round}:classify`);
    const text = await this.textOf(ticket);
    return {
      ticket,
      text,
      triage: { ...triage, classifierFellBack: classifyResult?.fellBack ?? false },
      versions: [...triage.promptVersions],
      evidence: deterministicRisk({ subject: text.subject, text: text.everything }),
    };
  }

  /** The routing decision: deterministic, so a resumed ticket gets the same one. */
  private decide({ ticket, triage, evidence }: Triaged): Decision {
    return decideRoute(
      {
        classification: triage.classification,
        fields: triage.fields,
        customerId: ticket.customerId,
        classifiedBy: triage.classifiedBy,
        classifierFellBack: triage.classifierFellBack ?? false,
        evidence,
        extractionFailed: triage.extractionFailed ?? false,
      },
      this.deps.policy,
    );
  }

  private async draftPhase(triaged: Triaged): Promise<TicketOutcome> {
    const { store, logger } = this.deps;
    const { ticket, text, triage, versions } = triaged;
    const ticketId = ticket.id;
    const log = logger.child({ ticketId });
    const decision = this.decide(triaged);
    const { classification, fields } = triage;

    if (decision.route === 'no_reply') {
      await store.transaction(async () => {
        await store.triage.saveDecision(ticketId, decision, versions);
        await store.tickets.transition(ticketId, 'closed', 'no_reply_needed');
      });
      return await loadOutcome(store, ticketId);
    }

    // Urgent tickets may spend the reserve; the rest stop at triage once only the reserve is left.
    const urgent = classification.urgency === 'urgent';
    const budget = this.deps.budget;
    if (!urgent && budget && isAtLeast(await budget.level(), 'triage_only')) {
      log.warn({ level: await budget.level() }, 'budget low; handing the ticket to a human without a draft');
      return await this.handToHuman(ticketId, { ...decision, route: 'human_only', reasons: [...decision.reasons, 'budget_no_draft'] }, versions);
    }

    const translate = () => translateQuery(this.deps, ticketId, text, { urgent, checkpoint: this.checkpoint(ticket, 'translate') }).then((r) => r.output);
    const retrieved = await retrieveSafely(this.deps.knowledge, this.deps.logger, ticketId, text, triage, this.deps.translateQueries ? translate : undefined);
    // Nano drafts what is simple (routing.ts), falling back to mini when its answer is unusable.
    const tier = isSimpleTicket({ ...triage, classifierFellBack: triage.classifierFellBack ?? false, evidence: triaged.evidence }, decision) ? { tier: 'nano' as const, fallbackTier: 'mini' as const } : {};
    const [drafted] = await Promise.allSettled([
      draftReply(this.deps, ticketId, text, classification, fields, { urgent, ...tier, checkpoint: this.checkpoint(ticket, 'draft'), knowledge: knowledgeBlock(retrieved.passages) }),
    ]);
    // The draft carries the summary; without a draft, the summary prompt still gives the person who takes over one.
    if (drafted.status === 'fulfilled') await store.tickets.setSummary(ticketId, drafted.value.output.summary);
    if (drafted.status === 'rejected') {
      const summary = await summaryWithoutDraft(this.deps, ticketId, text, { classification, fields, draftFailure: drafted.reason }, { urgent, checkpoint: this.checkpoint(ticket, 'summarize') });
      if (summary) await store.tickets.setSummary(ticketId, summary.output);
      if (summary) versions.push(summary.promptVersion);
      log.warn({ err: drafted.reason }, 'drafting failed; handing the ticket to a human');
      const reason = failureReason(drafted.reason, 'draft_failed', 'budget_no_draft');
      return await this.handToHuman(ticketId, { ...decision, route: 'human_only', reasons: [...decision.reasons, reason] }, versions);
    }
    versions.push(drafted.value.promptVersion);
    const draft = await store.transaction(async () => {
      const saved = await this.saveDraft(ticketId, drafted.value.output, drafted.value.tier, drafted.value.promptVersion, citedSources(retrieved, drafted.value.output.citations));
      await store.tickets.transition(ticketId, 'drafted');
      return saved;
    });
    return this.afterDraft(triaged, draft);
  }

  /** A drafted ticket: guards, then the flagship, auto-send, or a human. */
  private async afterDraft(triaged: Triaged, draft: StoredDraft): Promise<TicketOutcome> {
    const { store } = this.deps;
    const ticketId = triaged.ticket.id;
    const decision = this.decide(triaged);
    // A draft that cites nothing relevant is checked by a person, like one a guard stopped.
    const tripped = [...this.guardReasons(triaged.ticket, triaged.text, triaged.triage, draft.text, draft.language), ...ungrounded(draft)];
    if (decision.route === 'flagship_review') {
      await store.tickets.transition(ticketId, 'flagship_review');
      return this.secondOpinion(ticketId, { ...decision, reasons: [...decision.reasons, ...tripped] }, draft, triaged.versions);
    }
    if (decision.route === 'auto_send' && tripped.length === 0) {
      await store.transaction(async () => {
        await store.triage.saveDecision(ticketId, decision, triaged.versions);
        await store.reviews.record({ ticketId, draftId: draft.id, reviewer: 'policy', reviewerKind: 'policy', action: 'approve', editedText: null, reason: 'low_risk_confident' });
        await store.tickets.transition(ticketId, 'approved', 'auto_send');
      });
      return await loadOutcome(store, ticketId);
    }
    // A tripped guard turns an auto-send into a human review, with the guard's reason on the card.
    const route = decision.route === 'auto_send' ? 'human_review' : decision.route;
    return await this.handToHuman(ticketId, { ...decision, route, reasons: [...decision.reasons, ...tripped] }, triaged.versions);
  }

  /** A ticket left under flagship review: a reviewer's escalation returns to a human; the pipeline's own may auto-send. */
  private async resumeFlagshipReview(triaged: Triaged, draft: StoredDraft): Promise<TicketOutcome> {
    const ticketId = triaged.ticket.id;
    const last = (await this.deps.store.reviews.forTicket(ticketId)).at(-1);
    if (last?.reviewerKind === 'human' && last.action === 'escalate') {
      const decision = await this.deps.store.triage.latestDecision(ticketId) ?? this.decide(triaged);
      return this.secondOpinion(ticketId, { ...decision, route: 'flagship_review' }, draft, [...triaged.versions], { returnToHuman: true, escalationId: last.id });
    }
    const decision = this.decide(triaged);
    const tripped = [...this.guardReasons(triaged.ticket, triaged.text, triaged.triage, draft.text, draft.language), ...ungrounded(draft)];
    return this.secondOpinion(ticketId, { ...decision, reasons: [...decision.reasons, ...tripped] }, draft, triaged.versions);
  }

  private guardReasons(ticket: Ticket, customer: TicketText, triage: TriageRecord, text: string, language: string): ReasonCode[] {
    if (!this.deps.guard) return [];
    const ticketWords = customer.subject ? `${customer.subject}\n${customer.everything}` : customer.everything;
    return this.deps.guard({ text, language }, { ticketText: ticketWords, customerLanguage: triage.classification.language ?? ticket.language });
  }

  /**
   * The flagship looks at a drafted ticket (already in `flagship_review`):
   * approve, rewrite, or defer to a human. High-stakes tickets always go to a
   * human afterwards; a ticket that was only uncertain may be sent on the
   * flagship's approval when auto-send is on and the final draft passes the
   * guards. Also used when a reviewer presses Escalate (`returnToHuman`). When
   * the budget is past its alert threshold, a non-urgent ticket is reviewed
   * by mini instead, and always returns to a human afterwards. The verdict,
   * any rewrite, the decision and the next status are written in one
   * transaction: a crash leaves the ticket under review, to be resumed.
   */
  async secondOpinion(
    ticketId: number,
    decision: Decision,
    draft: StoredDraft,
    versions: string[],
    options: { returnToHuman?: boolean; escalationId?: number } = {},
  ): Promise<TicketOutcome> {
    const { store } = this.deps;
    const ticket = await store.tickets.get(ticketId);
    if (!ticket) throw new TicketNotFoundError(String(ticketId));
    const triage = await store.triage.latestTriage(ticketId);
    const summary = ticket.summary ?? '(no summary)';
    const reasons = [...decision.reasons];
    const urgent = triage?.classification.urgency === 'urgent';
    const budget = this.deps.budget;
    let reviewTier: ModelTier = 'flagship';
    if (!urgent && budget && isAtLeast(await budget.level(), 'economy')) {
      reviewTier = 'mini';
      reasons.push('budget_flagship_to_mini');
    }
    const checkpointFor = (tier: ModelTier) =>
      this.checkpoint(ticket, options.escalationId !== undefined ? `escalate:${options.escalationId}:${tier}` : `review:${draft.id}:${tier}`);
    try {
      if (!triage) throw new TicketNotFoundError(`${ticketId} (no triage)`);
      const input = {
        classification: triage.classification,
        fields: triage.fields,
        summary,
        draft: { reply: draft.text, language: draft.language, confidence: draft.confidence ?? 0 },
        knowledge: knowledgeBlock(citedPassages(this.deps.knowledge, draft)),
      };
      // The flagship thinks hardest where its approval may send the reply without a person (see `send` below).
      const lastWord = this.deps.policy.autoSend && !options.returnToHuman && !isHighStakes(reasons);
      const effort = lastWord ? {} : { reasoningEffort: 'low' as const };
      const reviewed = await reviewDraft(this.deps, ticketId, input, { urgent, tier: reviewTier, ...effort, checkpoint: checkpointFor(reviewTier) }).catch((error: unknown) => {
        // The flagship's worst case did not fit: mini does the review if it can.
        if (!refusedByBudget(error) || reviewTier === 'mini') throw error;
        reviewTier = 'mini';
        reasons.push('budget_flagship_to_mini');
        return reviewDraft(this.deps, ticketId, input, { urgent, tier: 'mini', ...effort, checkpoint: checkpointFor('mini') });
      });
      versions.push(reviewed.promptVersion);
      const review = reviewed.output;
      const rewritten = review.verdict === 'rewrite' && review.rewrittenReply ? review.rewrittenReply : null;
      reasons.push(review.verdict === 'approve' ? 'flagship_approved' : review.verdict === 'rewrite' ? 'flagship_rewrote' : 'flagship_deferred');
      // A rewrite is a new draft: the guards look at it too.
      if (rewritten !== null) {
        for (const reason of this.guardReasons(ticket, await this.textOf(ticket), triage, rewritten, draft.language)) {
          if (!reasons.includes(reason)) reasons.push(reason);
        }
      }
      // Only the flagship's own approval may send without a human, and only a draft every guard passed.
      const trusted = review.verdict !== 'human' && reviewed.tier === 'flagship';
      const final: Decision = { ...decision, reasons };
      const send =
        trusted && !options.returnToHuman && this.deps.policy.autoSend && !isHighStakes(reasons) && !reasons.some((reason) => GUARD_REASONS.has(reason) || reason === 'no_grounding');
      await store.transaction(async () => {
        // A rewrite keeps the draft's sources: the reviewer checked it against them.
        const grounding = { sources: draft.sources, grounding: draft.grounding };
        const draftId = rewritten !== null ? (await this.saveDraft(ticketId, { reply: rewritten, language: draft.language, confidence: null }, `${reviewed.tier}_rewrite`, reviewed.promptVersion, grounding)).id : draft.id;
        await store.reviews.record({
          ticketId,
          draftId,
          // The tier that really answered (mini when the budget stepped the flagship down).
          reviewer: reviewed.tier,
          reviewerKind: 'model',
          action: review.verdict === 'human' ? 'defer' : review.verdict,
          editedText: rewritten,
          reason: review.rationale,
        });
        await store.triage.saveDecision(ticketId, final, versions);
        if (send) await store.tickets.transition(ticketId, 'approved', 'flagship_approved');
        else await store.tickets.transition(ticketId, 'awaiting_review', final.reasons.at(-1));
      });
      return await loadOutcome(store, ticketId);
    } catch (error) {
      this.deps.logger.warn({ err: error, ticketId }, 'flagship review failed; handing the ticket to a human');
      reasons.push(failureReason(error, 'review_failed', 'budget_exhausted'));
      return await this.handToHuman(ticketId, { ...decision, reasons }, versions);
    }
  }

  private async handToHuman(ticketId: number, decision: Decision, versions: string[]): Promise<TicketOutcome> {
    const { store } = this.deps;
    await store.transaction(async () => {
      await store.triage.saveDecision(ticketId, decision, versions);
      await store.tickets.transition(ticketId, 'awaiting_review', decision.reasons.at(-1));
    });
    return await loadOutcome(store, ticketId);
  }

  private async saveDraft(
    ticketId: number,
    draft: { reply: string; language: string; confidence: number | null },
    source: string,
    promptVersion: string,
    grounding: Pick<StoredDraft, 'sources' | 'grounding'> = { sources: [], grounding: null },
  ): Promise<StoredDraft> {
    return await this.deps.store.triage.saveDraft(ticketId, {
      source,
      text: draft.reply,
      language: draft.language,
      confidence: draft.confidence,
      promptVersion,
      ...grounding,
    });
  }
}
