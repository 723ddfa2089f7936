/**
 * The local console adapter: the bot without any platform. Type a customer
 * message, see the triage, the route and why, the draft, and approve / edit /
 * reject / escalate it. `#12 more text` writes into ticket #12's thread.
 */
import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import { hasVisibleText, parseTicketId, type ThreadRef, type TicketOutcome } from '../../src/domain/index.js';
import type { AdapterCore, ChatAdapter } from '../../src/ports/surface.js';
import { formatOutcome } from './format.js';

export interface ConsoleAdapterOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The customer id the console speaks as. */
  customerId?: string;
}

const ACTIONS: Record<string, 'approve' | 'edit' | 'reject' | 'escalate' | 'skip'> = {
  a: 'approve',
  e: 'edit',
  r: 'reject',
  x: 'escalate',
  s: 'skip',
};

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private readline: Interface | null = null;
  private lines: AsyncIterator<string> | null = null;
  private readonly waiting = new Map<number, (outcome: TicketOutcome) => void>();
  private readonly threads = new Map<number, string>();
  private loop: Promise<void> | null = null;
  private readonly session = randomUUID().slice(0, 8);
  private counter = 0;

  constructor(private readonly options: ConsoleAdapterOptions) {}

  async start(core: AdapterCore): Promise<void> {
    this.readline = createInterface({ input: this.options.input, terminal: false });
    this.lines = this.readline[Symbol.asyncIterator]();
    this.print(
      'Support triage console. Type a customer message and press Enter.\n' +
        '  "Subject | body" sets a subject; "#12 text" writes into ticket #12; Ctrl-D quits.',
    );
    this.loop = this.run(core);
  }

  /** Resolves when the console input ends (Ctrl-D / end of piped input). */
  finished(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.readline?.close();
    await this.loop;
  }

  async postReply(_thread: ThreadRef, text: string): Promise<{ messageId: string }> {
    this.print(`→ sent to the customer:\n  ${text.replace(/\n/g, '\n  ')}`);
    this.counter += 1;
    return { messageId: `console-out-${this.session}-${this.counter}` };
  }

  async presentOutcome(outcome: TicketOutcome): Promise<void> {
    const resolve = this.waiting.get(outcome.ticket.id);
    if (resolve) {
      this.waiting.delete(outcome.ticket.id);
      resolve(outcome);
    } else {
      this.print(formatOutcome(outcome));
    }
  }

  private async run(core: AdapterCore): Promise<void> {
    for (;;) {
      const line = await this.ask('\ncustomer> ');
      if (line === null) break;
      const text = line.trim();
      // A line of only invisible characters is as empty as a blank one.
      if (!hasVisibleText(text)) continue;
      await this.handleMessage(core, text);
    }
    this.print('bye');
  }

  private async handleMessage(core: AdapterCore, input: string): Promise<void> {
    const joined = /^#(\d+)\s+([\s\S]+)$/.exec(input);
    // Strict, so `#012` is no ticket rather than ticket 12 (see parseTicketId).
    const ticketId = joined ? parseTicketId(`#${joined[1] ?? ''}`) : null;
    const existingThread = ticketId === null ? undefined : this.threads.get(ticketId);
    if (joined && !existingThread) {
      this.print(`No ticket #${joined[1]} in this console session.`);
      return;
    }
    let body = joined?.[2] ?? input;
    let subject: string | undefined;
    const split = body.indexOf(' | ');
    if (!joined && split > 0) {
      subject = body.slice(0, split).trim();
      body = body.slice(split + 3).trim();
    }
    // "#12 <zero-width space>" or "Subject | <invisible>" says nothing: no ticket, no message.
    if (!hasVisibleText(body)) return;
    this.counter += 1;
    const threadId = existingThread ?? `${this.session}-${this.counter}`;
    const received = core.receive({
      thread: { platform: 'console', channelId: 'console', threadId },
      messageId: `console-in-${this.session}-${this.counter}`,
      customer: { id: this.options.customerId ?? 'console-customer', name: 'Console customer' },
      ...(subject && hasVisibleText(subject) ? { subject } : {}),
      text: body,
      receivedAt: new Date(),
    });
    this.threads.set(received.ticketId, threadId);
    if (!received.triageStarted) {
      this.print(`Added to ticket #${received.ticketId}.`);
      return;
    }
    this.print(`Ticket #${received.ticketId} received; triaging…`);
    const outcome = await new Promise<TicketOutcome>((resolve) => this.waiting.set(received.ticketId, resolve));
    this.print(formatOutcome(outcome));
    if (outcome.ticket.status === 'awaiting_review') await this.review(core, outcome);
  }

  private async review(core: AdapterCore, outcome: TicketOutcome): Promise<void> {
    for (;;) {
      const answer = await this.ask('[a]pprove  [e]dit  [r]eject  escalate [x]  [s]kip > ');
      if (answer === null) return;
      const action = ACTIONS[answer.trim().toLowerCase().charAt(0)];
      if (!action) continue;
      if (action === 'skip') return;
      let text: string | undefined;
      let reason: string | undefined;
      if (action === 'edit') {
        text = (await this.ask('new reply> ')) ?? '';
        if (!text.trim()) continue;
      }
      if (action === 'reject') reason = (await this.ask('reason> ')) ?? '';
      if (action === 'escalate') {
        this.waiting.set(outcome.ticket.id, () => undefined);
      }
      const result = await core.review({
        ticketId: outcome.ticket.id,
        reviewerId: 'console-reviewer',
        action,
        ...(text !== undefined ? { text } : {}),
        ...(reason !== undefined ? { reason } : {}),
      });
      this.waiting.delete(outcome.ticket.id);
      if (!result.ok) {
        this.print(`✗ ${result.message}`);
        return;
      }
      this.print(`✓ ${action}: ticket #${result.ticket.id} is now ${result.ticket.status}`);
      if (action === 'escalate' && result.ticket.status === 'awaiting_review') {
        return this.review(core, { ...outcome, ticket: result.ticket });
      }
      return;
    }
  }

  private async ask(prompt: string): Promise<string | null> {
    this.options.output.write(prompt);
    const next = await this.lines?.next();
    if (!next || next.done) return null;
    return next.value;
  }

  private print(text: string): void {
    this.options.output.write(`${text}\n`);
  }
}
