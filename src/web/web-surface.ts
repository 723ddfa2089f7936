/**
 * The web console as a surface of the desk, like the terminal console: the
 * "Try it" simulator hands customer messages to the same `receive`, replies
 * the desk delivers to the `web` platform land in the simulator's thread,
 * and the queue's buttons and forms go to the same `interact` (so who may act,
 * refusals and "already handled" are the desk's). It keeps what the pages
 * show (threads, the latest card per ticket) and publishes every change as a
 * server-sent event. It decides nothing.
 */
import { randomUUID } from 'node:crypto';
import { hasVisibleText, type Platform, type ThreadRef } from '../domain/index.js';
import type { Card } from '../present/card.js';
import type { Actor, InteractionEvent, MessageMark, Posted, Surface, SurfaceInbox } from '../ports/surface.js';
import { cardView, type CardView } from './card-view.js';
import type { EventStream } from './event-stream.js';
import { WebInteraction, type ActionAnswer } from './web-interaction.js';

export interface ThreadMessage {
  id: string;
  from: 'customer' | 'bot';
  text: string;
  at: string;
}

export interface SimulatorThread {
  threadId: string;
  customer: { id: string; name: string };
  ticketId: number | null;
  messages: ThreadMessage[];
  /** The latest mark (received, an urgency, answered, closed). */
  mark: MessageMark | null;
}

/** What the surface needs from the desk beyond its inbox: the cards of every surface. */
export interface DeskCards {
  watchCards(watcher: (card: Card, platform: Platform) => void): () => void;
  /** The cards waiting for a reviewer now, newest first, at most `limit`. */
  openCards(limit: number): Promise<{ card: Card; platform: Platform }[]>;
}

/** How much a page can hand in: a message, not a document. */
export const LIMITS = { name: 80, text: 4_000, threads: 500, cards: 2_000 } as const;

const CHANNEL = 'try';

export class WebSurface implements Surface {
  readonly platform = 'web' as const;
  readonly cardChannel = 'web-queue';
  private inbox: SurfaceInbox | null = null;
  private readonly threads = new Map<string, SimulatorThread>();
  private readonly cards = new Map<number, CardView>();
  private stopWatching: (() => void) | null = null;
  private counter = 0;

  constructor(
    private readonly desk: () => DeskCards,
    private readonly events: EventStream,
  ) {}

  async start(inbox: SurfaceInbox): Promise<void> {
    this.inbox = inbox;
    const desk = this.desk();
    this.stopWatching = desk.watchCards((card, platform) => this.showCard(card, platform));
    // The queue starts from what waits now, on any surface (as many as it keeps: the desk's default of
    // 1,000 would hide the rest); the watcher keeps it current. Oldest kept first, so the oldest go first at the limit.
    const open = await desk.openCards(LIMITS.cards);
    for (const { card, platform } of open.reverse()) if (!this.cards.has(card.ticketId)) this.keepCard(cardView(card, platform));
  }

  /** True between start and stop: the desk, and the core behind it, exist. */
  get started(): boolean {
    return this.inbox !== null;
  }

  async stop(): Promise<void> {
    this.stopWatching?.();
    this.inbox = null;
  }

  // Cards reach the queue through the desk's watcher (every surface's); posting here only gives the card an id.
  async postCard(_channelId: string, _card: Card): Promise<Posted> {
    return { messageId: this.nextId('card') };
  }

  async updateCard(): Promise<void> {}

  async postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<Posted> {
    const id = `web-out-${idempotencyKey}`;
    this.addMessage(thread.threadId, { id, from: 'bot', text, at: new Date().toISOString() });
    return { messageId: id };
  }

  /** A reply sent before a crash is not in memory after it: null, and the desk's records decide. */
  async findReply(thread: ThreadRef, reply: { idempotencyKey: string }): Promise<Posted | null> {
    const id = `web-out-${reply.idempotencyKey}`;
    return this.threads.get(thread.threadId)?.messages.some((message) => message.id === id) ? { messageId: id } : null;
  }

  async mark(thread: ThreadRef, _messageId: string, mark: MessageMark): Promise<void> {
    const kept = this.threads.get(thread.threadId);
    if (!kept) return;
    kept.mark = mark;
    this.events.publish({ type: 'mark', threadId: thread.threadId, mark });
  }

  // No postNotice: SLA warnings have no place on the pages yet (each card shows its time left), and a
  // surface that took them would swallow alerts meant for a person; they go to the other surfaces.

  /** Every card the queue knows, newest ticket first. */
  queue(): CardView[] {
    return [...this.cards.values()].sort((a, b) => b.ticketId - a.ticketId);
  }

  simulatorThreads(): SimulatorThread[] {
    return [...this.threads.values()].reverse();
  }

  /**
   * A customer message typed in the simulator: a new thread, or `threadId`'s.
   * Stored by the desk before this returns. Null when the thread is unknown.
   */
  async say(customerName: string, text: string, threadId?: string): Promise<{ ticketId: number; threadId: string; triageStarted: boolean } | null> {
    if (!this.inbox) throw new NotStartedError();
    const existing = threadId === undefined ? null : (this.threads.get(threadId) ?? null);
    if (threadId !== undefined && !existing) return null;
    const thread = existing ?? this.newThread(customerName);
    const messageId = this.nextId('in');
    this.addMessage(thread.threadId, { id: messageId, from: 'customer', text, at: new Date().toISOString() });
    const received = await this.inbox.receive({
      thread: { platform: 'web', channelId: CHANNEL, threadId: thread.threadId },
      messageId,
      customer: { id: thread.customer.id, name: thread.customer.name },
      text,
      receivedAt: new Date(),
    });
    thread.ticketId = received.ticketId;
    return { ticketId: received.ticketId, threadId: thread.threadId, triageStarted: received.triageStarted };
  }

  /** A button or a form from the queue, by `actor`, through the desk. */
  async act(actor: Actor, event: (interaction: WebInteraction) => InteractionEvent): Promise<ActionAnswer> {
    if (!this.inbox) throw new NotStartedError();
    const interaction = new WebInteraction(actor);
    await this.inbox.interact(event(interaction));
    return interaction.settled();
  }

  /** `/triage …` as typed in the queue's command box: the desk's answer as plain text. */
  async command(actor: Actor, text: string): Promise<ActionAnswer> {
    return this.act(actor, (interaction) => ({ kind: 'command', interaction, text }));
  }

  private newThread(customerName: string): SimulatorThread {
    const threadId = `t-${randomUUID().slice(0, 12)}`;
    // The name picks the customer: the same name is the same customer (a VIP list can name them).
    const thread: SimulatorThread = { threadId, customer: { id: customerId(customerName), name: customerName }, ticketId: null, messages: [], mark: null };
    this.threads.set(threadId, thread);
    if (this.threads.size > LIMITS.threads) this.threads.delete(this.threads.keys().next().value as string);
    return thread;
  }

  private addMessage(threadId: string, message: ThreadMessage): void {
    const thread = this.threads.get(threadId);
    if (!thread) return;
    thread.messages.push(message);
    this.events.publish({ type: 'message', threadId, message });
  }

  private showCard(card: Card, platform: Platform): void {
    const view = cardView(card, platform);
    this.keepCard(view);
    this.events.publish({ type: 'card', card: view });
  }

  private keepCard(view: CardView): void {
    this.cards.delete(view.ticketId);
    this.cards.set(view.ticketId, view);
    if (this.cards.size > LIMITS.cards) this.cards.delete(this.cards.keys().next().value as number);
  }

  private nextId(kind: string): string {
    this.counter += 1;
    return `web-${kind}-${this.counter}`;
  }
}

/** A request that came before the desk started the surface (or after it stopped): the page retries. */
export class NotStartedError extends Error {
  constructor() {
    super('the web console is not started');
  }
}

/** `web:ana-lima`: a stable id from the name typed. */
export function customerId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `web:${slug || 'customer'}`;
}

/** A name or message worth sending: visible text within its limit. */
export function acceptableText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max && hasVisibleText(value);
}

