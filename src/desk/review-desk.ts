/**
 * The review desk: the one place the review flow lives, whatever the
 * surface. It keeps each ticket's card current (post it once, then update it
 * in place; find a post a crash cut off before posting another), decides who
 * may act, answers refusals and "already handled", turns buttons and forms
 * into review requests (two clicks at once give one reply: the review service
 * settles that in one transaction), and answers `/triage`.
 */
import { parseTicketId, type InboundMessage, type Platform, type ReviewRequest, type ReviewResult, type ThreadRef, type Ticket, type TicketOutcome, type Urgency } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { RichText } from '../present/rich-text.js';
import { cardFor, type Card } from '../present/card.js';
import { isQuietlyClosed } from '../present/outcome-view.js';
import type { Actor, InteractionEvent, Interaction, MessageRef, Received, Surface, SurfaceInbox } from '../ports/surface.js';
import type { Store } from '../store/types.js';
import { EMPTY_INPUT, REFUSAL, alreadyHandled, completed, noSuchTicket, noTicket, statusText, statusUsage, todayText, usage, webConsoleOff, webSignInText, type DailyStats } from './desk-texts.js';
import { noSource, sourceGone, sourceText, sourceUsage } from './source-texts.js';
import { mayReview, type ReviewerPolicy } from './reviewer-policy.js';

export interface DeskDeps {
  store: Store;
  /** Stores a message and queues its triage (the workflow). */
  receive(message: InboundMessage): Promise<{ ticketId: number; isNew: boolean; triageStarted: boolean }>;
  review(request: ReviewRequest): Promise<ReviewResult>;
  /** A ticket as a card shows it, or null when there is no such ticket. */
  outcome(ticketId: number): Promise<TicketOutcome | null>;
  today(): Promise<DailyStats>;
  /** A knowledge-base passage by id, for `/triage source`; absent: no knowledge base. */
  passage?(passageId: number): { title: string; heading: string; source: string; text: string; url?: string } | null;
  policies: Partial<Record<Platform, ReviewerPolicy>>;
  /** A one-time sign-in link to the web console for this reviewer (`/triage web`) and how long it works; absent: no web console. */
  webSignIn?(person: { platform: Platform; id: string; roles?: readonly string[] }): { url: string; validMinutes: number };
  logger: Logger;
}

/** How many tickets' early urgency marks the desk remembers (so a card does not react again); older ones may react twice, harmlessly. */
const REMEMBERED_MARKS = 10_000;

export class ReviewDesk {
  private readonly surfaces = new Map<Platform, Surface>();
  private readonly log: Logger;
  /** Told of every card the desk shows, whatever its surface (the web console's queue shows them all). */
  private readonly watchers = new Set<(card: Card, platform: Platform) => void>();
  /** Ticket ids whose urgency was marked when triaged (insertion order: the oldest is forgotten first), with the urgency marked. */
  private readonly urgencyMarked = new Map<number, Urgency>();

  constructor(private readonly deps: DeskDeps) {
    this.log = deps.logger.child({ component: 'desk' });
  }

  /** Connects a surface: what it hands in reaches the desk, and its tickets' cards go to it. */
  attach(surface: Surface): SurfaceInbox {
    this.surfaces.set(surface.platform, surface);
    const { store } = this.deps;
    return {
      receive: (message) => this.receive(message),
      edited: (ref: MessageRef, text: string, at: Date) => store.tickets.editMessage(ref, text, at),
      deleted: (ref: MessageRef, at: Date) => store.tickets.deleteMessage(ref, at),
      hasTicket: async (thread: ThreadRef) => (await store.tickets.findByThread(thread)) !== null,
      interact: (event) => this.interact(surface, event),
    };
  }

  /** Calls `watcher` with each card as the desk shows it, on any surface; returns the way to stop. */
  watchCards(watcher: (card: Card, platform: Platform) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** The cards of the tickets waiting for a reviewer now, newest first (what a queue starts from). */
  async openCards(limit = 1_000): Promise<{ card: Card; platform: Platform }[]> {
    const tickets = await this.deps.store.tickets.listByStatus('awaiting_review', limit);
    const cards: { card: Card; platform: Platform }[] = [];
    for (const ticket of tickets) {
      const outcome = await this.deps.outcome(ticket.id);
      if (outcome) cards.push({ card: cardFor(outcome), platform: ticket.platform });
    }
    return cards.sort((a, b) => b.card.ticketId - a.card.ticketId);
  }

  surface(platform: Platform): Surface | undefined {
    return this.surfaces.get(platform);
  }

  /**
   * Shows a ticket as it stands on its surface: the card posted once and
   * updated in place after, the customer's message marked. A "thanks!"
   * closed without a reply gets no card: it would only be noise.
   */
  async show(outcome: TicketOutcome): Promise<void> {
    const { ticket, classification } = outcome;
    const surface = this.surfaces.get(ticket.platform);
    if (!surface) return;
    const { cards } = this.deps.store;
    const existing = await cards.latest(ticket.id, surface.platform);
    const thread: ThreadRef = { platform: ticket.platform, channelId: ticket.channelId, threadId: ticket.threadId };
    const quiet = isQuietlyClosed(outcome) && !existing;
    if (!quiet) {
      const card = cardFor(outcome);
      for (const watcher of this.watchers) {
        // A watcher is a view (a browser's queue): it must never stop the card reaching its own surface.
        try {
          watcher(card, ticket.platform);
        } catch (error) {
          this.log.warn({ err: error, ticketId: ticket.id }, 'card watcher failed');
        }
      }
      // A post cut off by a crash may have landed: look for it before posting another.
      const found = existing && existing.messageId === null ? ((await surface.findCard?.(existing.channelId, ticket.id, existing.createdAt)) ?? null) : null;
      const messageId = existing?.messageId ?? found;
      if (existing && messageId) {
        if (existing.messageId === null) await cards.confirm(existing.id, messageId);
        await surface.updateCard(existing.channelId, messageId, card);
      } else {
        const channelId = existing?.channelId ?? surface.cardChannel;
        const markId = existing?.id ?? await cards.begin({ ticketId: ticket.id, platform: surface.platform, channelId });
        const posted = await surface.postCard(channelId, card);
        await cards.confirm(markId, posted.messageId);
      }
    }
    if (!surface.mark) return;
    if (quiet) await surface.mark(thread, ticket.threadId, { kind: 'closed' });
    const markedEarly = classification && this.urgencyMarked.get(ticket.id) === classification.urgency;
    if (classification && !markedEarly && (ticket.status === 'awaiting_review' || ticket.status === 'closed' || ticket.status === 'sent')) {
      await surface.mark(thread, ticket.threadId, { kind: 'urgency', urgency: classification.urgency });
    }
    if (ticket.status === 'sent') await surface.mark(thread, ticket.threadId, { kind: 'answered' });
  }

  /**
   * Marks a customer's message with its urgency as soon as the triage is
   * saved: what the customer sees seconds before any card, since drafting
   * and review come after. A hint: not awaited by the pipeline, never fatal.
   */
  markTriaged(ticket: Ticket, urgency: Urgency): void {
    const surface = this.surfaces.get(ticket.platform);
    if (!surface?.mark) return;
    this.urgencyMarked.delete(ticket.id);
    this.urgencyMarked.set(ticket.id, urgency);
    if (this.urgencyMarked.size > REMEMBERED_MARKS) this.urgencyMarked.delete(this.urgencyMarked.keys().next().value as number);
    const thread: ThreadRef = { platform: ticket.platform, channelId: ticket.channelId, threadId: ticket.threadId };
    surface.mark(thread, ticket.threadId, { kind: 'urgency', urgency }).catch((error: unknown) => {
      this.log.debug({ err: error, ticketId: ticket.id }, 'urgency mark not added');
    });
  }

  private async receive(message: InboundMessage): Promise<Received> {
    return await this.deps.receive(message);
  }

  private async interact(surface: Surface, event: InteractionEvent): Promise<void> {
    const { interaction } = event;
    // Who may act comes first: someone who may not is told only that.
    // A signed-in web session is judged as the platform that vouched for it, by that platform's policy and roles.
    const vouching = interaction.actor.platform ?? surface.platform;
    const rolesFrom = interaction.actor.platform ? (this.surfaces.get(interaction.actor.platform) ?? {}) : surface;
    if (!(await mayReview(this.deps.policies[vouching], interaction.actor, rolesFrom))) {
      this.log.info({ platform: vouching, userId: interaction.actor.id, kind: event.kind }, 'refused: not a reviewer');
      await interaction.answerPrivately([{ line: [REFUSAL] }]);
      return;
    }
    if (event.kind === 'form' && !event.value.trim()) {
      await interaction.refuseInput(EMPTY_INPUT);
      return;
    }
    if (event.kind === 'command') return this.command(interaction, event.text, vouching);
    const ticketId = parseTicketId(event.ticket);
    if (ticketId === null) {
      await interaction.answerPrivately(noSuchTicket(event.ticket));
      return;
    }
    if (event.kind === 'button' && (event.action === 'edit' || event.action === 'reject')) {
      const outcome = await this.deps.outcome(ticketId);
      if (!outcome || outcome.ticket.status !== 'awaiting_review') {
        await interaction.answerPrivately(alreadyHandled(ticketId));
        return;
      }
      await interaction.openForm({ kind: event.action, ticketId, ...(event.action === 'edit' ? { initialText: outcome.draft?.reply ?? '' } : {}) });
      return;
    }
    const request: ReviewRequest =
      event.kind === 'button'
        ? { ticketId, reviewerId: interaction.actor.id, action: event.action }
        : event.form === 'edit'
          ? { ticketId, reviewerId: interaction.actor.id, action: 'edit', text: event.value }
          : { ticketId, reviewerId: interaction.actor.id, action: 'reject', reason: event.value };
    await interaction.acknowledge();
    const result = await this.deps.review(request);
    // On success the workflow shows the new outcome, which updates the card.
    if (!result.ok) await interaction.answerPrivately([{ line: [result.message] }]);
    else await interaction.completed?.(completed(ticketId, result.ticket.status));
  }

  private async command(interaction: Interaction, text: string, platform: Platform): Promise<void> {
    const [verb, argument, nth] = text.trim().split(/\s+/);
    if (verb === 'today') return interaction.answerPrivately(todayText(await this.deps.today()));
    if (verb === 'web') return interaction.answerPrivately(this.webSignIn(interaction.actor, platform));
    if (verb === 'source') return interaction.answerPrivately(await this.source(argument, nth));
    if (verb !== 'status') return interaction.answerPrivately(usage());
    if (!argument) return interaction.answerPrivately(statusUsage());
    const id = parseTicketId(argument);
    const outcome = id === null ? null : await this.deps.outcome(id);
    return interaction.answerPrivately(outcome ? statusText(outcome) : noTicket(argument));
  }

  /**
   * `/triage web`: a link that signs this reviewer in to the web console once,
   * bound to who they are here (their platform id, and the roles the platform
   * sent with the command), answered to them alone.
   */
  private webSignIn(actor: Actor, platform: Platform): RichText {
    if (!this.deps.webSignIn) return webConsoleOff();
    const link = this.deps.webSignIn({ platform, id: actor.id, ...(actor.roles ? { roles: actor.roles } : {}) });
    return webSignInText(link.url, link.validMinutes);
  }

  /** `/triage source <ticket> [n]`: the passage the ticket's draft cites as its n-th source, in full. */
  private async source(argument: string | undefined, nth: string | undefined): Promise<RichText> {
    if (!argument) return sourceUsage();
    const id = parseTicketId(argument);
    const outcome = id === null ? null : await this.deps.outcome(id);
    if (!outcome) return noTicket(argument);
    const sources = outcome.draft?.sources ?? [];
    const index = nth === undefined ? 1 : Number(nth);
    const cited = Number.isInteger(index) ? sources[index - 1] : undefined;
    if (!cited) return noSource(outcome.ticket.id, sources.length);
    const passage = cited.passageId === undefined ? null : (this.deps.passage?.(cited.passageId) ?? null);
    return passage ? sourceText(passage) : sourceGone(cited);
  }
}
