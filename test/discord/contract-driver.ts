/**
 * The shared surface contract spoken in Discord's protocol: gateway
 * dispatches (MESSAGE_CREATE / UPDATE / DELETE, replays after RESUME) and
 * interactions (buttons, modal submits, `/triage`) against the fake, through
 * the real discord.js client. An inbound event resolves on a positive sign
 * that the adapter processed it (the ticket stored, or the adapter's own log
 * line for an event it ignored or applied), never after a pause. Texts are
 * returned as Discord displays them: escapes shown as the character they
 * escape, zero-width spaces invisible.
 */
import { SnowflakeUtil } from 'discord.js';
import { CUSTOM_IDS, customId, parseCustomId } from '../../adapters/discord/custom-ids.js';
import type { ReviewActionKind } from '../../src/domain/index.js';
import type { ContractDriver, DriverThread } from '../contract/adapter-contract.js';
import type { FakeMessage } from '../fakes/discord/index.js';
import { until } from '../support/until.js';
import { texts, unescape } from './fixtures.js';
import { CUSTOMER, OUTSIDER, REVIEW, REVIEWER, SUPPORT, hasButtons, reviewMessageOf, type DiscordHarness } from './harness.js';

const EPHEMERAL = 64;
const MODAL = 9;
/** Another app's bot user, writing in a support channel. */
const OTHER_BOT = '830000000000000077';

const FORMS = {
  edit: { base: CUSTOM_IDS.editModal, input: CUSTOM_IDS.draftInput },
  reject: { base: CUSTOM_IDS.rejectModal, input: CUSTOM_IDS.reasonInput },
} as const;

const ACTION_OF: ReadonlyMap<string, ReviewActionKind> = new Map([
  [CUSTOM_IDS.approve, 'approve'],
  [CUSTOM_IDS.edit, 'edit'],
  [CUSTOM_IDS.reject, 'reject'],
  [CUSTOM_IDS.escalate, 'escalate'],
]);

/** A card as a person reads it: content, embed texts, one piece a line. */
const cardTextOf = (message: FakeMessage): string => unescape(texts({ content: message.content, embeds: message.embeds as never }).join('\n'));

/** `/triage <text>` as the options Discord sends: `status <n>` or `today` (Discord itself checks the integer). */
function commandOptions(text: string): object[] {
  const [verb = '', argument] = text.trim().split(/\s+/);
  if (verb !== 'status') return [{ type: 1, name: verb }];
  if (argument !== undefined && !/^-?\d+$/.test(argument)) throw new Error(`Discord only sends an integer ticket option, not ${argument}`);
  return [{ type: 1, name: 'status', options: argument === undefined ? [] : [{ type: 4, name: 'ticket', value: Number(argument) }] }];
}

export function contractDriver(h: DiscordHarness): ContractDriver {
  let last: { event: string; data: Record<string, unknown> } | null = null;
  let counter = 0;
  /** Where each customer message was written (a top-level message, or in its ticket's thread). */
  const channelOf = new Map<string, string>();
  /** Private answers (message ids) and forms (interaction ids) already read. */
  const read = new Set<string>();
  const formsRead = new Set<string>();

  const card = (ticketId: number): FakeMessage => {
    const found = reviewMessageOf(h.fake, ticketId);
    if (!found) throw new Error(`no card for #${ticketId}`);
    return found;
  };
  /** The adapter logged this (the ignore, edit or delete path ran for this message). */
  const logged = (msg: string, messageId: string) =>
    until(() => h.log.entries().find((entry) => entry.msg === msg && entry.messageId === messageId), `"${msg}" for message ${messageId}`);
  /** Sends an interaction and resolves once the adapter has handled it to the end (the desk acted and answered). */
  const interact = async (payload: Record<string, unknown>) => {
    const id = String(payload.id);
    const { callback } = await h.fake.interactionCreate(payload);
    const done = await until(
      () => h.log.entries().find((entry) => (entry.msg === 'discord interaction handled' || entry.msg === 'interaction failed') && entry.interactionId === id),
      `interaction ${id} to be handled`,
    );
    if (done.msg !== 'discord interaction handled') throw new Error(`interaction ${id} failed: ${JSON.stringify(done.err)}`);
    return callback;
  };
  const customerMessage = async (channelId: string, text: string) => {
    const data = await h.fake.messageCreate({ channelId, authorId: CUSTOMER, content: text });
    last = { event: 'MESSAGE_CREATE', data };
    const id = String(data.id);
    channelOf.set(id, channelId);
    return id;
  };
  /** An answer only `userId` sees: an ephemeral message (reply or follow-up) to an interaction they sent, not read yet. */
  const privateAnswerTo = (userId: string) =>
    h.fake.messages.find(
      (m) => (m.flags & EPHEMERAL) !== 0 && m.interaction_id !== undefined && h.fake.interactionUserId(m.interaction_id) === userId && m.content.trim() !== '' && !read.has(m.id),
    );

  return {
    platform: 'discord',
    reviewerId: REVIEWER,
    outsiderId: OUTSIDER,
    async customerPosts(text) {
      const id = await customerMessage(SUPPORT, text);
      await until(async () => await h.core.store.tickets.findByThread({ platform: 'discord', channelId: SUPPORT, threadId: id }), 'ticket stored');
      // The ticket thread is created from the message and shares its id.
      await until(() => h.fake.threads.find((t) => t.id === id), 'ticket thread');
      return { thread: { channelId: SUPPORT, threadId: id }, messageId: id };
    },
    async customerReplies(thread: DriverThread, text) {
      const id = await customerMessage(thread.threadId, text);
      const ticketId = (await h.core.store.tickets.findByThread({ platform: 'discord', ...thread }))?.id ?? 0;
      await until(async () => (await h.core.store.tickets.messages(ticketId)).some((m) => m.platformMessageId === id), 'reply stored');
      return { messageId: id };
    },
    async customerEdits(thread, messageId, text) {
      const channelId = channelOf.get(messageId) ?? thread.threadId;
      await h.fake.dispatch('MESSAGE_UPDATE', {
        id: messageId, channel_id: channelId, guild_id: h.fake.guildId, content: text, type: 0,
        edited_timestamp: new Date().toISOString(), author: { id: CUSTOMER, username: 'customer', discriminator: '0', global_name: null, avatar: null },
      });
      await logged('discord message edited', messageId);
    },
    async customerDeletes(thread, messageId) {
      const channelId = channelOf.get(messageId) ?? thread.threadId;
      await h.fake.dispatch('MESSAGE_DELETE', { id: messageId, channel_id: channelId, guild_id: h.fake.guildId });
      await logged('discord message deleted', messageId);
    },
    async redeliverLast() {
      if (!last) throw new Error('nothing delivered yet');
      // A replay after RESUME: reconnect, and the fake replays the event to the resumed session.
      h.fake.replayAfterResume([last]);
      h.fake.requestReconnect();
      await h.fake.waitForGatewayFrame(6); // the client's RESUME
      const id = String(last.data.id);
      await until(
        () => h.fake.gatewayFrames.some((f) => f.direction === 'sent' && f.t === 'MESSAGE_CREATE' && f.d?.id === id && f.connection > 1),
        'replayed MESSAGE_CREATE',
      );
      // The replayed dispatch follows RESUME: done once the adapter has seen it and found it stored.
      await logged('replayed discord message ignored', id);
    },
    async otherBotPosts(text) {
      counter += 1;
      const data = await h.fake.messageCreate({ channelId: SUPPORT, authorId: OTHER_BOT, username: 'deploy-bot', content: `${text} ${counter}`, bot: true });
      const ignored = await logged('discord message ignored', String(data.id));
      if (ignored.reason !== 'bot') throw new Error(`another bot's message was ignored as ${String(ignored.reason)}, not as a bot's`);
    },
    async selfPosts(text) {
      counter += 1;
      // Our own user id, without the bot flag: only the self check can stop it.
      const id = SnowflakeUtil.generate().toString();
      await h.fake.dispatch('MESSAGE_CREATE', {
        id, channel_id: SUPPORT, guild_id: h.fake.guildId, content: `${text} ${counter}`, type: 0, timestamp: new Date().toISOString(),
        author: { id: h.fake.botUserId, username: 'support-bot', discriminator: '0', global_name: null, avatar: null },
        mentions: [], attachments: [], embeds: [],
      });
      const ignored = await logged('discord message ignored', id);
      if (ignored.reason !== 'self') throw new Error(`the bot's own message was ignored as ${String(ignored.reason)}, not as its own`);
    },
    async waitForReviewCard(ticketId) {
      await until(() => hasButtons(reviewMessageOf(h.fake, ticketId)), `review card of #${ticketId}`);
    },
    async clickReview(ticketId, action, userId) {
      await interact(h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS[action], ticketId), userId, channelId: REVIEW, messageId: card(ticketId).id }));
    },
    async waitForForm(ticketId, form, userId) {
      const id = customId(FORMS[form].base, ticketId);
      const opened = await until(
        () => h.fake.interactionResponses.find((r) => r.type === MODAL && r.data?.custom_id === id && h.fake.interactionUserId(r.interactionId) === userId && !formsRead.has(r.interactionId)),
        `${form} form of #${ticketId} for ${userId}`,
      );
      formsRead.add(opened.interactionId);
      const label = (opened.data.components as { component?: { custom_id?: string; value?: string } }[]).find((c) => c.component?.custom_id === FORMS[form].input);
      return { initialText: label?.component?.value ?? '' };
    },
    async submitForm(ticketId, form, value, userId) {
      const { base, input } = FORMS[form];
      // Submitted from the modal a card's button opened: the interaction carries the card's message.
      await interact(h.fake.modalSubmitInteraction({ customId: customId(base, ticketId), userId, channelId: REVIEW, messageId: card(ticketId).id, values: { [input]: value } }));
    },
    async command(text, userId) {
      const payload = h.fake.commandInteraction({ name: 'triage', userId, channelId: REVIEW, options: commandOptions(text) });
      const callback = await interact(payload);
      if (((callback.body?.data?.flags ?? 0) & EPHEMERAL) === 0) throw new Error(`/triage ${text} was answered publicly`);
      const answer = h.fake.messages.find((m) => m.interaction_id === payload.id);
      if (answer) read.add(answer.id);
      return unescape(String(callback.body.data.content ?? ''));
    },
    async waitForResolvedCard(ticketId) {
      const resolved = await until(() => {
        const message = reviewMessageOf(h.fake, ticketId);
        return message && !hasButtons(message) ? message : null;
      }, `resolved card of #${ticketId}`);
      return cardTextOf(resolved);
    },
    cardText: (ticketId) => cardTextOf(card(ticketId)),
    cardActions(ticketId) {
      const ids = (card(ticketId).components as { components?: { custom_id?: string }[] }[]).flatMap((row) => (row.components ?? []).map((c) => c.custom_id ?? ''));
      return ids.flatMap((id) => {
        const action = ACTION_OF.get(parseCustomId(id)?.base ?? '');
        return action ? [action] : [];
      });
    },
    repliesIn(thread) {
      return h.fake.messages.filter((m) => m.channel_id === thread.threadId && m.nonce !== undefined).map((m) => m.content);
    },
    reviewCardCount(ticketId) {
      return new Set(h.fake.messages.filter((m) => m.channel_id === REVIEW && new RegExp(`#${ticketId}(?!\\d)`).test(JSON.stringify(m.embeds))).map((m) => m.id)).size;
    },
    async waitForPrivateAnswer(userId) {
      const answer = await until(() => privateAnswerTo(userId), `a private answer to ${userId}`);
      read.add(answer.id);
      return unescape(answer.content);
    },
  };
}
