/**
 * The local console surface: the bot without any platform. Type a customer
 * message, see its card (the triage, the route and why, the draft), and
 * approve / edit / reject / escalate it at the prompt. `#12 more text` writes
 * into ticket #12's thread; `/triage status 12` and `/triage today` ask the
 * desk. Like every surface it only parses what is typed and renders what the
 * desk shows: who may act, refusals and "already handled" are the desk's.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { CONSOLE_REVIEWER } from '../../src/desk/reviewer-policy.js';
import { hasVisibleText, type ReviewActionKind, type ThreadRef } from '../../src/domain/index.js';
import type { Card } from '../../src/present/card.js';
import type { RichText } from '../../src/present/rich-text.js';
import type { Interaction, InteractionEvent, MessageMark, Posted, Surface, SurfaceInbox } from '../../src/ports/surface.js';
import { MARKS, formatCard, formatPrivate, pickedAction, reviewPrompt } from './format.js';
import { parseCommand, parseTypedLine } from './input.js';
import { ConsoleInteraction, type Settled } from './interaction.js';
import { PromptLine } from './prompt-line.js';

export interface ConsoleAdapterOptions {
  input: NodeJS.ReadableStream;
  /** Cards, replies sent to the customer, prompts and (unless `privateOutput` is given) private answers. */
  output: NodeJS.WritableStream;
  /**
   * Where what the desk tells the person at the prompt goes (refusals,
   * "already handled", `/triage` answers, each line marked ✗ ✓ or »).
   * Defaults to `output`; a test passes its own stream to read them apart.
   */
  privateOutput?: NodeJS.WritableStream;
  /** The customer id the console speaks as. */
  customerId?: string;
  /**
   * Who acts at the review prompt and asks `/triage` (default
   * `console-reviewer`, the console's reviewer). A function is asked at each
   * action, so a test may act as someone else between two actions.
   */
  reviewerId?: string | (() => string);
  /**
   * Whether input and output are an interactive terminal: readline then edits
   * the line, and whatever is written while a prompt is shown (log lines
   * included, see `logLines`) goes above it. Defaults to both streams being TTYs.
   */
  terminal?: boolean;
}

const isTty = (stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean => (stream as { isTTY?: boolean }).isTTY === true;

const HELP =
  'Support triage console. Type a customer message and press Enter.\n' +
  '  "Subject | body" sets a subject; "#12 text" writes into ticket #12;\n' +
  '  "/triage status 12" shows ticket #12, "/triage today" the day so far,\n' +
  '  "/triage source 12 1" the passage ticket #12\'s draft cites first; Ctrl-D quits.';

export class ConsoleAdapter implements Surface {
  readonly platform = 'console' as const;
  readonly cardChannel = 'console';
  private inbox: SurfaceInbox | null = null;
  private promptLine: PromptLine | null = null;
  private loop: Promise<void> | null = null;
  /** Tickets whose card the console waits for, to prompt for a review. */
  private readonly waiting = new Map<number, (card: Card | null) => void>();
  /** The newest card shown for each ticket. */
  private readonly cards = new Map<number, Card>();
  /** This session's tickets and their threads, for `#12 text`. */
  private readonly threads = new Map<number, string>();
  private readonly session = randomUUID().slice(0, 8);
  private counter = 0;

  /** Whether this console runs on an interactive terminal (see ConsoleAdapterOptions.terminal). */
  readonly interactive: boolean;
  /**
   * A stream for the process's log lines while the console is interactive:
   * each is written above the prompt, which is then drawn again with what was
   * typed, instead of landing in the middle of the line being typed.
   */
  readonly logLines: NodeJS.WritableStream;

  constructor(private readonly options: ConsoleAdapterOptions) {
    this.interactive = options.terminal ?? (isTty(options.input) && isTty(options.output));
    this.logLines = new Writable({
      write: (chunk: Buffer | string, _encoding, done) => {
        this.write(this.options.output, String(chunk));
        done();
      },
    });
  }

  async start(inbox: SurfaceInbox): Promise<void> {
    this.inbox = inbox;
    this.promptLine = new PromptLine(this.options.input, this.options.output, this.interactive);
    this.print(HELP);
    this.loop = this.run(inbox);
  }

  /** Resolves when the console input ends (Ctrl-D / end of piped input). */
  finished(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.promptLine?.close();
    await this.loop;
  }

  async postCard(_channelId: string, card: Card): Promise<Posted> {
    this.show(card);
    return { messageId: this.nextId('card') };
  }

  async updateCard(_channelId: string, _messageId: string, card: Card): Promise<void> {
    this.show(card);
  }

  /** An SLA warning and the like, printed above the prompt (no one to mention in a terminal). */
  async postNotice(_channelId: string, text: RichText): Promise<Posted> {
    this.print(formatPrivate(MARKS.notice, text));
    return { messageId: randomUUID() };
  }

  async postReply(thread: ThreadRef, text: string): Promise<Posted> {
    const ticketId = this.ticketOf(thread);
    this.print(`${MARKS.reply}${ticketId === undefined ? '' : ` (ticket #${ticketId})`}:\n  ${text.replace(/\n/g, '\n  ')}`);
    return { messageId: this.nextId('out') };
  }

  /**
   * The console shows no reactions; a ticket closed without a card (a
   * "thanks!") is said in words, and the prompt stops waiting for its card.
   */
  async mark(thread: ThreadRef, _messageId: string, mark: MessageMark): Promise<void> {
    if (mark.kind !== 'closed') return;
    const ticketId = this.ticketOf(thread);
    if (ticketId === undefined) return;
    this.print(`Ticket #${ticketId} closed without a reply: nothing to review.`);
    const resolve = this.waiting.get(ticketId);
    this.waiting.delete(ticketId);
    resolve?.(null);
  }

  /** This session's ticket in a thread (a ticket from an earlier session is not known here). */
  private ticketOf(thread: ThreadRef): number | undefined {
    return [...this.threads].find(([, threadId]) => threadId === thread.threadId)?.[0];
  }

  private show(card: Card): void {
    this.cards.set(card.ticketId, card);
    this.print(formatCard(card));
    const resolve = this.waiting.get(card.ticketId);
    if (!resolve) return;
    this.waiting.delete(card.ticketId);
    resolve(card);
  }

  private async run(inbox: SurfaceInbox): Promise<void> {
    for (;;) {
      const line = await this.ask('\ncustomer> ');
      if (line === null) break;
      await this.handleLine(inbox, line);
    }
    this.print('bye');
  }

  private async handleLine(inbox: SurfaceInbox, line: string): Promise<void> {
    const typed = parseTypedLine(line);
    if (typed.kind === 'nothing') return;
    if (typed.kind === 'command') return this.command(typed.text);
    let threadId: string | undefined;
    if (typed.kind === 'join') {
      threadId = typed.ticketId === null ? undefined : this.threads.get(typed.ticketId);
      if (!threadId) {
        this.print(`No ticket #${typed.typedId} in this console session.`);
        return;
      }
    }
    // "#12 <zero-width space>" or "Subject | <invisible>" says nothing: no ticket, no message.
    if (!hasVisibleText(typed.body)) return;
    const messageId = this.nextId('in');
    threadId ??= `${this.session}-${this.counter}`;
    const received = await inbox.receive({
      thread: { platform: 'console', channelId: this.cardChannel, threadId },
      messageId,
      // No display name: the console knows none, and a made-up one would be greeted in the draft.
      customer: { id: this.options.customerId ?? 'console-customer' },
      ...(typed.kind === 'message' && typed.subject ? { subject: typed.subject } : {}),
      text: typed.body,
      receivedAt: new Date(),
    });
    this.threads.set(received.ticketId, threadId);
    if (!received.triageStarted) {
      this.print(`Added to ticket #${received.ticketId}.`);
      return;
    }
    this.print(`Ticket #${received.ticketId} received; triaging…`);
    // The card for this ticket, shown by the desk once triage is done (postCard / updateCard).
    const card = await new Promise<Card | null>((resolve) => this.waiting.set(received.ticketId, resolve));
    if (card?.state === 'review') await this.review(card);
  }

  /** The review prompt, while the ticket's card waits for review. */
  private async review(first: Card): Promise<void> {
    let card = first;
    for (;;) {
      const answer = await this.ask(reviewPrompt(card.actions));
      if (answer === null) return;
      const command = parseCommand(answer);
      if (command !== null) {
        await this.command(command);
        continue;
      }
      const action = pickedAction(answer, card.actions);
      if (action === 'skip') return;
      if (action === null) continue;
      const settled = await this.act(card.ticketId, action);
      // Prompt again while the card still waits (a refusal, an empty form, an escalation back to a person).
      const latest = this.cards.get(card.ticketId) ?? card;
      if (settled === null || settled.kind === 'failed' || latest.state !== 'review') return;
      card = latest;
    }
  }

  /** A key pressed on a card; a form the desk opens is asked for here. Null when the input ended. */
  private async act(ticketId: number, action: ReviewActionKind): Promise<Settled | null> {
    const ticket = String(ticketId);
    const clicked = await this.interact((interaction) => ({ kind: 'button', interaction, action, ticket }));
    if (clicked.kind !== 'form') return clicked;
    const { form } = clicked;
    // The form starts from the draft: shown whole, as what the new reply replaces.
    if (form.kind === 'edit' && form.initialText) this.print(`editing this draft:\n  ${form.initialText.replace(/\n/g, '\n  ')}`);
    const value = await this.ask(form.kind === 'edit' ? 'new reply> ' : 'reason> ');
    if (value === null) return null;
    return this.interact((interaction) => ({ kind: 'form', interaction, form: form.kind, ticket: String(form.ticketId), value }));
  }

  private async command(text: string): Promise<void> {
    await this.interact((interaction) => ({ kind: 'command', interaction, text }), true);
  }

  private async interact(event: (interaction: Interaction) => InteractionEvent, isCommand = false): Promise<Settled> {
    const { reviewerId = CONSOLE_REVIEWER } = this.options;
    const actor = { id: typeof reviewerId === 'function' ? reviewerId() : reviewerId };
    const interaction = new ConsoleInteraction(actor, (text) => this.tell(text), isCommand);
    try {
      await this.inbox?.interact(event(interaction));
    } catch (error) {
      this.tell(formatPrivate(MARKS.refused, `That did not work: ${error instanceof Error ? error.message : String(error)}`));
      return { kind: 'failed' };
    }
    return interaction.settled();
  }

  private nextId(kind: 'in' | 'out' | 'card'): string {
    this.counter += 1;
    return `console-${kind}-${this.session}-${this.counter}`;
  }

  private async ask(prompt: string): Promise<string | null> {
    return (await this.promptLine?.ask(prompt)) ?? null;
  }

  private print(text: string): void {
    this.write(this.options.output, `${text}\n`);
  }

  /** What only the person at the prompt is told. */
  private tell(text: string): void {
    this.write(this.options.privateOutput ?? this.options.output, `${text}\n`);
  }

  /** Output to the prompt's stream goes around the prompt; before start, or to a stream of its own, straight out. */
  private write(stream: NodeJS.WritableStream, text: string): void {
    if (this.promptLine && stream === this.options.output) this.promptLine.write(text);
    else stream.write(text);
  }
}
