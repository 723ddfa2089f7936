/**
 * The shared surface contract on the web console: customer messages and the
 * reviewer's clicks, forms and commands over real HTTP with the session and
 * CSRF token a page has; cards and replies read from the event stream. The
 * HTTP side knows only the local reviewer (loopback), so the outsider's
 * clicks are handed to the surface directly, with an actor the desk refuses.
 */
import { afterAll } from 'vitest';
import { WEB_LOCAL_REVIEWER } from '../../src/desk/reviewer-policy.js';
import type { ReviewActionKind } from '../../src/domain/index.js';
import type { ActionAnswer } from '../../src/web/web-interaction.js';
import { adapterContract, type ContractDriver } from '../contract/adapter-contract.js';
import { tempDir } from '../support/temp-dir.js';
import { Client, cardIn, startWeb } from './web-support.js';

const dir = tempDir('triage-web-contract');
afterAll(() => dir.cleanup());
const OUTSIDER = 'web-visitor';
let counter = 0;

adapterContract(
  'web',
  async () => {
    counter += 1;
    const run = await startWeb(dir.file(`contract-${counter}.db`));
    const { surface } = run.web;
    const client = new Client(run.web.url);
    await client.signIn();
    await client.listen();
    const posts = new Map<number, number>();
    const postCard = surface.postCard.bind(surface);
    surface.postCard = async (channelId, card) => {
      posts.set(card.ticketId, (posts.get(card.ticketId) ?? 0) + 1);
      return postCard(channelId, card);
    };
    /** What the desk answered each person, not read yet. */
    const unread: { userId: string; answer: ActionAnswer }[] = [];
    const forms = new Map<string, { initialText: string }>();

    async function act(userId: string, path: string, body: Record<string, unknown>, direct: () => Promise<ActionAnswer>): Promise<ActionAnswer> {
      const answer = userId === WEB_LOCAL_REVIEWER ? (await client.postJson<ActionAnswer>(path, body)).body : await direct();
      if (answer.result === 'form' && answer.form) forms.set(`${answer.form.ticketId}:${answer.form.kind}:${userId}`, { initialText: answer.form.initialText ?? '' });
      // "Done: …" is the page's confirmation; what the desk says privately is a refusal or an answer.
      else if (answer.message && answer.result !== 'done') unread.push({ userId, answer });
      return answer;
    }
    const latest = (ticketId: number) => surface.queue().find((card) => card.ticketId === ticketId);

    const driver: ContractDriver = {
      platform: 'web',
      reviewerId: WEB_LOCAL_REVIEWER,
      outsiderId: OUTSIDER,
      async customerPosts(text) {
        const said = await client.postJson<{ threadId: string; ticketId: number }>('/api/try/messages', { customer: 'Ana Lima', text });
        const [message] = await run.core.store.tickets.messages(said.body.ticketId);
        return { thread: { channelId: 'try', threadId: said.body.threadId }, messageId: message?.platformMessageId ?? '' };
      },
      async customerReplies(thread, text) {
        const said = await client.postJson<{ ticketId: number }>('/api/try/messages', { customer: 'Ana Lima', text, threadId: thread.threadId });
        return { messageId: (await run.core.store.tickets.messages(said.body.ticketId)).at(-1)?.platformMessageId ?? '' };
      },
      customerEdits: () => Promise.reject(new Error('the simulator has no message edits')),
      customerDeletes: () => Promise.reject(new Error('the simulator has no message deletions')),
      redeliverLast: () => Promise.reject(new Error('the simulator delivers each message once')),
      otherBotPosts: () => Promise.reject(new Error('no bots write in the simulator')),
      selfPosts: () => Promise.reject(new Error('the simulator does not read the bot’s replies back')),
      async waitForReviewCard(ticketId) {
        await client.waitFor(cardIn(ticketId, 'review'));
      },
      async clickReview(ticketId, action: ReviewActionKind, userId) {
        await act(userId, `/api/cards/${ticketId}/action`, { action }, () =>
          surface.act({ id: userId }, (interaction) => ({ kind: 'button', interaction, action, ticket: String(ticketId) })),
        );
      },
      async waitForForm(ticketId, form, userId) {
        const opened = forms.get(`${ticketId}:${form}:${userId}`);
        if (!opened) throw new Error(`no ${form} form for #${ticketId} opened for ${userId}`);
        return opened;
      },
      async submitForm(ticketId, form, value, userId) {
        await act(userId, `/api/cards/${ticketId}/form`, { form, value }, () =>
          surface.act({ id: userId }, (interaction) => ({ kind: 'form', interaction, form, ticket: String(ticketId), value })),
        );
      },
      async command(text, userId) {
        const answer = await act(userId, '/api/commands', { text }, () => surface.command({ id: userId }, text));
        const index = unread.findIndex((entry) => entry.answer === answer);
        if (index >= 0) unread.splice(index, 1);
        return answer.message ?? '';
      },
      async waitForResolvedCard(ticketId) {
        const event = await client.waitFor((seen) => seen.type === 'card' && (seen.data.card as { ticketId: number; state: string }).ticketId === ticketId && (seen.data.card as { state: string }).state !== 'review');
        return JSON.stringify(event.data.card);
      },
      cardText: (ticketId) => JSON.stringify(latest(ticketId) ?? null),
      cardActions: (ticketId) => (latest(ticketId)?.actions ?? []).map((action) => action.action),
      repliesIn: (thread) =>
        surface
          .simulatorThreads()
          .find((kept) => kept.threadId === thread.threadId)
          ?.messages.filter((message) => message.from === 'bot')
          .map((message) => message.text) ?? [],
      reviewCardCount: (ticketId) => posts.get(ticketId) ?? 0,
      async waitForPrivateAnswer(userId) {
        const index = unread.findIndex((entry) => entry.userId === userId);
        if (index < 0) throw new Error(`nothing was told to ${userId}`);
        return unread.splice(index, 1)[0]?.answer.message ?? '';
      },
    };
    return {
      driver,
      core: run.core,
      teardown: async () => {
        client.close();
        await run.core.workflow.idle();
        await run.close();
      },
    };
  },
  {
    'an edited customer message is stored with its new text': 'a simulator message cannot be edited once sent',
    'a deleted customer message is marked deleted': 'a simulator message cannot be deleted',
    'messages from other bots are ignored': 'no other bot writes in the simulator',
    "the bot's own messages are ignored": 'the simulator never reads the bot’s replies back as messages',
    'a redelivered message makes no second ticket, message or card': 'a page’s POST is answered once; there is no platform delivery to retry',
  },
);
