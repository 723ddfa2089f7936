/**
 * The shared surface contract spoken in Slack's protocol: Events API bodies
 * (delivered by Socket Mode or signed HTTP, resolved on the ack, which Slack
 * only gets after intake), block actions, view submissions and `/triage`.
 */
import { ACTION_IDS, CALLBACK_IDS, INPUT_IDS } from '../../adapters/slack/format.js';
import type { ReviewActionKind } from '../../src/domain/index.js';
import type { ContractDriver, DriverThread } from '../contract/adapter-contract.js';
import { blockActions, eventCallback, messageEvent, slashCommand } from '../fakes/slack/index.js';
import { CUSTOMER, OUTSIDER, REVIEW, REVIEWER, SUPPORT, cardOf, hasButtons, until, viewSubmission, type SlackHarness } from './harness.js';

const FORM_IDS = {
  edit: { callbackId: CALLBACK_IDS.edit, block: INPUT_IDS.editBlock, action: INPUT_IDS.editAction },
  reject: { callbackId: CALLBACK_IDS.reject, block: INPUT_IDS.rejectBlock, action: INPUT_IDS.rejectAction },
} as const;

/** The bot's user id in the fake's auth.test (its default). */
const FAKE_BOT_USER = 'UBOT';

const ACTION_OF: Record<string, ReviewActionKind> = Object.fromEntries(Object.entries(ACTION_IDS).map(([action, id]) => [id, action as ReviewActionKind]));

/** Every text a card's blocks hold, in order. */
function blocksText(blocks: unknown[] | undefined): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(blocks ?? []);
  return texts.join('\n');
}

export function contractDriver(h: SlackHarness): ContractDriver {
  let last: Record<string, unknown> | null = null;
  const seen = new WeakSet<object>();
  const fieldErrors: { userId: string; text: string }[] = [];
  const post = async (event: Record<string, unknown>) => {
    last = eventCallback(event);
    await h.deliver(last);
  };
  const card = (ticketId: number) => {
    const found = cardOf(h.fake, ticketId);
    if (!found) throw new Error(`no card for #${ticketId}`);
    return found;
  };
  return {
    platform: 'slack',
    reviewerId: REVIEWER,
    outsiderId: OUTSIDER,
    async customerPosts(text) {
      const ts = h.nextTs();
      await post(messageEvent({ channel: SUPPORT, user: CUSTOMER, text, ts }));
      return { thread: { channelId: SUPPORT, threadId: ts }, messageId: ts };
    },
    async customerReplies(thread: DriverThread, text) {
      const ts = h.nextTs();
      await post(messageEvent({ channel: thread.channelId, user: CUSTOMER, text, ts, thread_ts: thread.threadId }));
      return { messageId: ts };
    },
    async customerEdits(thread, messageId, text) {
      await h.deliver(
        eventCallback({
          type: 'message',
          subtype: 'message_changed',
          channel: thread.channelId,
          ts: h.nextTs(),
          hidden: true,
          message: { type: 'message', user: CUSTOMER, text, ts: messageId, edited: { user: CUSTOMER, ts: h.nextTs() } },
          previous_message: { type: 'message', user: CUSTOMER, text: 'before', ts: messageId },
        }),
      );
    },
    async customerDeletes(thread, messageId) {
      await h.deliver(
        eventCallback({ type: 'message', subtype: 'message_deleted', channel: thread.channelId, ts: h.nextTs(), hidden: true, deleted_ts: messageId, previous_message: { type: 'message', user: CUSTOMER, text: 'x', ts: messageId } }),
      );
    },
    async redeliverLast() {
      if (!last) throw new Error('nothing delivered yet');
      await h.deliver(last, { attempt: 1, reason: 'http_timeout' });
    },
    async otherBotPosts(text) {
      await post({ ...messageEvent({ channel: SUPPORT, user: 'UDEPLOYBOT', text, ts: h.nextTs() }), bot_id: 'BDEPLOY' });
    },
    async selfPosts(text) {
      // Our own user id and nothing else: only the self check can stop it.
      await post(messageEvent({ channel: SUPPORT, user: FAKE_BOT_USER, text, ts: h.nextTs() }));
    },
    async waitForReviewCard(ticketId) {
      await until(() => {
        const found = cardOf(h.fake, ticketId);
        return found && hasButtons(found.blocks);
      }, `review card of #${ticketId}`);
    },
    async clickReview(ticketId, action, userId) {
      await h.interact(blockActions({ actionId: ACTION_IDS[action], value: String(ticketId), user: userId, channel: REVIEW, messageTs: card(ticketId).ts, responseUrl: h.fake.responseUrl() }));
    },
    async waitForForm(ticketId, form, userId) {
      const opened = await until(
        () => h.fake.views.find((v) => v.view.callback_id === FORM_IDS[form].callbackId && JSON.parse(String(v.view.private_metadata)).ticketId === ticketId && !seen.has(v)),
        `${form} form of #${ticketId} for ${userId}`,
      );
      seen.add(opened);
      const input = (opened.view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) => b.block_id === FORM_IDS[form].block);
      return { initialText: input?.element?.initial_value ?? '' };
    },
    async submitForm(ticketId, form, value, userId) {
      const ids = FORM_IDS[form];
      const { ack } = await h.interact(
        viewSubmission({ user: userId, callbackId: ids.callbackId, privateMetadata: JSON.stringify({ ticketId }), values: { [ids.block]: { [ids.action]: { type: 'plain_text_input', value } } } }),
      );
      // A refused value comes back in the ack, shown on the form's field: that is the person's private answer.
      const errors = (ack as { response_action?: string; errors?: Record<string, string> } | undefined)?.errors;
      if (errors) fieldErrors.push({ userId, text: Object.values(errors).join('\n') });
    },
    async command(text, userId) {
      const answer = (await h.command(slashCommand({ command: '/triage', text, user: userId, channel: REVIEW, responseUrl: h.fake.responseUrl() }))) as { text?: string } | undefined;
      return answer?.text ?? '';
    },
    async waitForResolvedCard(ticketId) {
      const found = await until(() => {
        const current = cardOf(h.fake, ticketId);
        return current && !hasButtons(current.blocks) ? current : null;
      }, `resolved card of #${ticketId}`);
      return blocksText(found.blocks);
    },
    cardText: (ticketId) => blocksText(card(ticketId).blocks),
    cardActions(ticketId) {
      const actions = (card(ticketId).blocks ?? []).filter((b) => (b as { type?: string }).type === 'actions') as { elements: { action_id: string }[] }[];
      return actions.flatMap((b) => b.elements.map((e) => ACTION_OF[e.action_id])).filter((a): a is ReviewActionKind => a !== undefined);
    },
    repliesIn(thread) {
      return h.fake.messages.filter((m) => m.channel === thread.channelId && m.thread_ts === thread.threadId && !m.ephemeral).map((m) => m.text ?? '');
    },
    reviewCardCount: (ticketId) => h.fake.messages.filter((m) => m.channel === REVIEW && !m.ephemeral && new RegExp(`Ticket #${ticketId}(?!\\d)`).test(JSON.stringify(m.blocks ?? []))).length,
    async waitForPrivateAnswer(userId) {
      const answer = await until(() => {
        const error = fieldErrors.find((e) => e.userId === userId && !seen.has(e));
        return error ?? h.fake.messages.find((m) => m.ephemeral && m.user === userId && !seen.has(m));
      }, `a private answer to ${userId}`);
      seen.add(answer);
      return answer.text ?? '';
    },
  };
}
