/**
 * The shared surface contract on the console: lines typed into its input,
 * cards and replies read from its output, private answers from its private
 * stream. The console handles one prompt at a time, as a person at a
 * terminal does, so the driver follows its prompts: every step waits for the
 * next prompt, a positive sign the line was processed.
 */
import { PassThrough } from 'node:stream';
import { afterAll } from 'vitest';
import { ConsoleAdapter } from '../adapters/console/index.js';
import { loadConfig } from '../src/config.js';
import { createCore } from '../src/core.js';
import { CONSOLE_REVIEWER } from '../src/desk/reviewer-policy.js';
import type { ReviewActionKind } from '../src/domain/index.js';
import { silentLogger } from '../src/logger.js';
import { adapterContract, type ContractDriver } from './contract/adapter-contract.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('triage-console-contract');
afterAll(() => dir.cleanup());

/** A stream's text so far, and a wait for a pattern in what arrives after a point. */
class Transcript {
  text = '';
  private readonly waiters = new Set<() => void>();
  constructor(stream: PassThrough) {
    stream.on('data', (chunk: Buffer) => {
      this.text += chunk.toString();
      for (const wake of [...this.waiters]) wake();
    });
  }
  /** The first match of `pattern` in the text after `from`. */
  async after(from: number, pattern: RegExp, what: string, timeoutMs = 10_000): Promise<RegExpExecArray> {
    const find = () => pattern.exec(this.text.slice(from));
    const found = find();
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`timed out waiting for ${what}; the console said:\n${this.text.slice(from)}`));
      }, timeoutMs);
      const wake = () => {
        const match = find();
        if (!match) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(match);
      };
      this.waiters.add(wake);
    });
  }
}

/** What the console waits for: a customer line, a review key, or a form's text. */
const PROMPT = /(customer> |\[s\]kip > |new reply> |reason> )$/;
const OUTSIDER = 'console-visitor';
const KEYS: Record<ReviewActionKind, string> = { approve: 'a', edit: 'e', reject: 'r', escalate: 'x' };
const ACTION_OF_LABEL: Record<string, ReviewActionKind> = { '[a]pprove': 'approve', '[e]dit': 'edit', '[r]eject': 'reject', 'escalate [x]': 'escalate' };

adapterContract(
  'console',
  async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const privateOutput = new PassThrough();
    const screen = new Transcript(output);
    const answers = new Transcript(privateOutput);
    let actingAs = CONSOLE_REVIEWER;
    const core = createCore(loadConfig({ MODEL_PROVIDER: 'offline', DATABASE_PATH: dir.file(`console-${Date.now()}-${Math.random()}.db`) }), silentLogger());
    const adapter = new ConsoleAdapter({ input, output, privateOutput, reviewerId: () => actingAs });
    const posts = new Map<number, number>();
    const postCard = adapter.postCard.bind(adapter);
    adapter.postCard = async (channelId, card) => {
      posts.set(card.ticketId, (posts.get(card.ticketId) ?? 0) + 1);
      return postCard(channelId, card);
    };
    await adapter.start(core.desk.attach(adapter));
    await screen.after(0, /customer> $/, 'the first prompt');

    /** The prompt showing now, and for which ticket a review prompt is. */
    let prompt = 'customer> ';
    let reviewing: number | null = null;
    /** Private answers read so far, per person. */
    let answersRead = 0;
    const unread: { userId: string; text: string }[] = [];

    /** Types a line and waits until the console asks for the next one. */
    async function type(line: string): Promise<string> {
      const from = screen.text.length;
      input.write(`${line}\n`);
      const match = await screen.after(from, PROMPT, `the prompt after "${line}"`);
      prompt = match[1] ?? '';
      if (prompt === 'customer> ') reviewing = null;
      // Whatever the console told the person acting came with this line.
      const said = answers.text.slice(answersRead);
      answersRead = answers.text.length;
      for (const text of said.split(/\n(?=[✗✓»] )/).filter((entry) => entry.trim())) unread.push({ userId: actingAs, text });
      return screen.text.slice(from);
    }
    async function toCustomerPrompt(): Promise<void> {
      while (prompt !== 'customer> ') await type(prompt === '[s]kip > ' ? 's' : '');
    }
    const cards = (ticketId: number) => screen.text.split(/(?=── Ticket #)/).filter((block) => block.startsWith(`── Ticket #${ticketId} `));
    const lastCard = (ticketId: number) => {
      const card = cards(ticketId).at(-1);
      if (!card) throw new Error(`no card for #${ticketId}`);
      return card.split(/\n(?! {2})/)[0] ?? card;
    };
    const as = (userId: string) => {
      actingAs = userId;
    };

    const driver: ContractDriver = {
      platform: 'console',
      reviewerId: CONSOLE_REVIEWER,
      outsiderId: OUTSIDER,
      async customerPosts(text) {
        await toCustomerPrompt();
        const said = await type(text);
        const ticketId = Number(/Ticket #(\d+) received/.exec(said)?.[1]);
        const ticket = await core.store.tickets.get(ticketId);
        if (!ticket) throw new Error(`no ticket after "${text}":\n${said}`);
        if (prompt === '[s]kip > ') reviewing = ticketId;
        const [message] = await core.store.tickets.messages(ticketId);
        return { thread: { channelId: ticket.channelId, threadId: ticket.threadId }, messageId: message?.platformMessageId ?? '' };
      },
      async customerReplies(thread, text) {
        await toCustomerPrompt();
        const ticket = await core.store.tickets.findByThread({ platform: 'console', ...thread });
        await type(`#${ticket?.id ?? '?'} ${text}`);
        return { messageId: (await core.store.tickets.messages(ticket?.id ?? 0)).at(-1)?.platformMessageId ?? '' };
      },
      customerEdits: () => Promise.reject(new Error('the console has no message edits')),
      customerDeletes: () => Promise.reject(new Error('the console has no message deletions')),
      redeliverLast: () => Promise.reject(new Error('the console delivers each line once')),
      otherBotPosts: () => Promise.reject(new Error('no bots write on the console')),
      selfPosts: () => Promise.reject(new Error('the console does not read its own output')),
      async waitForReviewCard(ticketId) {
        await screen.after(0, new RegExp(`── Ticket #${ticketId} needs review[\\s\\S]*\\[s\\]kip > $`), `the review prompt for #${ticketId}`);
        if (reviewing !== ticketId) throw new Error(`the console prompts for #${reviewing ?? 'none'}, not #${ticketId}`);
      },
      async clickReview(ticketId, action, userId) {
        if (reviewing !== ticketId || prompt !== '[s]kip > ') throw new Error(`no review prompt for #${ticketId} (the console shows "${prompt}")`);
        as(userId);
        await type(KEYS[action]);
      },
      async waitForForm(ticketId, form, userId) {
        const expected = form === 'edit' ? 'new reply> ' : 'reason> ';
        if (prompt !== expected || actingAs !== userId || reviewing !== ticketId) throw new Error(`no ${form} form for #${ticketId} open for ${userId} (the console shows "${prompt}")`);
        const shown = /editing this draft:\n([\s\S]*?)\n?new reply> $/.exec(screen.text)?.[1] ?? '';
        return { initialText: shown.replace(/^ {2}/gm, '') };
      },
      async submitForm(ticketId, form, value, userId) {
        const expected = form === 'edit' ? 'new reply> ' : 'reason> ';
        // The console opens a form only from its button: press it first when it is not open.
        if (prompt !== expected) await driver.clickReview(ticketId, form, userId);
        as(userId);
        await type(value);
      },
      async command(text, userId) {
        as(userId);
        const from = unread.length;
        await type(`/triage ${text}`);
        const said = unread.splice(from).map((entry) => entry.text);
        return said.join('\n');
      },
      async waitForResolvedCard(ticketId) {
        await screen.after(0, new RegExp(`── Ticket #${ticketId} · (?!needs review)`), `the settled card of #${ticketId}`);
        return lastCard(ticketId);
      },
      cardText: (ticketId) => lastCard(ticketId),
      cardActions(ticketId) {
        if (reviewing !== ticketId || prompt !== '[s]kip > ') return [];
        const line = screen.text.slice(screen.text.lastIndexOf('\n') + 1);
        return Object.entries(ACTION_OF_LABEL).filter(([label]) => line.includes(label)).map(([, action]) => action);
      },
      async repliesIn(thread) {
        const ticket = await core.store.tickets.findByThread({ platform: 'console', ...thread });
        return [...screen.text.matchAll(new RegExp(`→ sent to the customer \\(ticket #${ticket?.id ?? '?'}\\):\\n((?:  .*\\n?)*)`, 'g'))].map((m) => m[1] ?? '');
      },
      reviewCardCount: (ticketId) => posts.get(ticketId) ?? 0,
      async waitForPrivateAnswer(userId) {
        const index = unread.findIndex((entry) => entry.userId === userId);
        if (index < 0) throw new Error(`nothing was told to ${userId}`);
        return unread.splice(index, 1)[0]?.text ?? '';
      },
    };
    return {
      driver,
      core,
      teardown: async () => {
        input.end();
        await adapter.finished();
        await core.workflow.idle();
        core.close();
      },
    };
  },
  {
    'an edited customer message is stored with its new text': 'a typed line cannot be edited once sent',
    'a deleted customer message is marked deleted': 'a typed line cannot be deleted',
    'messages from other bots are ignored': 'no other bot writes into the console',
    "the bot's own messages are ignored": 'the console never reads its own output back',
    'a redelivered message makes no second ticket, message or card': 'a typed line is read exactly once; there is no delivery to retry',
    'a click on a card already handled is told so and sends nothing': 'the console prompts only while a card waits; a handled card has no prompt to press',
    'two approvals at once send one reply': 'one person at one prompt cannot press twice at once (the desk test covers concurrent clicks)',
  },
);
