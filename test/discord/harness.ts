/**
 * The real Discord adapter (real discord.js) against the fake Discord, with
 * the real core (offline models, real SQLite). Also the contract driver.
 */
import { DiscordAdapter } from '../../adapters/discord/index.js';
import { CUSTOM_IDS, customId } from '../../adapters/discord/format.js';
import { loadConfig, type Environment } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import type { ContractDriver, DriverThread } from '../contract/adapter-contract.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../slack/harness.js';

export const SUPPORT = '810000000000000001';
export const REVIEW = '810000000000000002';
export const FORUM = '810000000000000003';
export const REVIEWER_ROLE = '820000000000000002';
export const CUSTOMER = '830000000000000001';
export const REVIEWER = '830000000000000002';
export const OUTSIDER = '830000000000000099';

export interface DiscordHarness {
  fake: FakeDiscord;
  core: Core;
  adapter: DiscordAdapter;
  close(): Promise<void>;
}

export async function startDiscordHarness(
  env: Environment = {},
  threads: { id: string; name: string; type: number; parent_id: string }[] = [],
): Promise<DiscordHarness> {
  const fake = await startFakeDiscord({
    channels: [
      { id: SUPPORT, name: 'support', type: 0 },
      { id: REVIEW, name: 'support-review', type: 0 },
      { id: FORUM, name: 'help-forum', type: 15 },
      ...threads,
    ],
    members: [
      { userId: CUSTOMER, username: 'customer', roles: [] },
      { userId: REVIEWER, username: 'reviewer', roles: [REVIEWER_ROLE] },
      { userId: OUTSIDER, username: 'outsider', roles: [] },
    ],
  });
  const dir = tempDir('triage-discord');
  const config = loadConfig({
    MODEL_PROVIDER: 'offline',
    DATABASE_PATH: dir.file('discord.db'),
    DISCORD_TOKEN: 'fake-bot-token',
    DISCORD_API_URL: fake.restUrl,
    DISCORD_SUPPORT_CHANNELS: `${SUPPORT},${FORUM}`,
    DISCORD_REVIEW_CHANNEL: REVIEW,
    DISCORD_REVIEWER_ROLE: REVIEWER_ROLE,
    ...env,
  });
  if (!config.discord) throw new Error('discord config missing');
  const adapter = new DiscordAdapter({ config: config.discord, logger: silentLogger() });
  const core = createCore(config, silentLogger(), {
    channels: (platform) => (platform === 'discord' ? adapter : undefined),
    onOutcome: (outcome) => adapter.presentOutcome(outcome),
    // Tests stage interrupted sends themselves: no need to wait for one to settle.
    sendSettleMs: 0,
  });
  await adapter.start(core.adapterCore);
  return {
    fake,
    core,
    adapter,
    async close() {
      await adapter.stop();
      await core.workflow.idle();
      core.close();
      await fake.close();
      dir.cleanup();
    },
  };
}

/** The review message of a ticket in the review channel (the latest version of it). */
export function reviewMessageOf(fake: FakeDiscord, ticketId: number) {
  return fake.messages.filter((m) => m.channel_id === REVIEW && new RegExp(`#${ticketId}(?!\\d)`).test(JSON.stringify(m.embeds))).at(-1);
}

export function hasButtons(message: { components: unknown[] } | undefined): boolean {
  return (message?.components.length ?? 0) > 0;
}

export function contractDriver(h: DiscordHarness): ContractDriver {
  let last: { event: string; data: Record<string, unknown> } | null = null;
  let counter = 0;
  const seenRefusals = new Set<string>();
  return {
    platform: 'discord',
    reviewerId: REVIEWER,
    outsiderId: OUTSIDER,
    async customerPosts(text) {
      const data = await h.fake.messageCreate({ channelId: SUPPORT, authorId: CUSTOMER, content: text });
      last = { event: 'MESSAGE_CREATE', data };
      const id = String(data.id);
      await until(() => h.core.store.tickets.findByThread({ platform: 'discord', channelId: SUPPORT, threadId: id }), 'ticket stored');
      // The ticket thread is created from the message and shares its id.
      await until(() => h.fake.threads.find((t) => t.id === id), 'ticket thread');
      return { thread: { channelId: SUPPORT, threadId: id }, messageId: id };
    },
    async customerReplies(thread: DriverThread, text) {
      const data = await h.fake.messageCreate({ channelId: thread.threadId, authorId: CUSTOMER, content: text });
      last = { event: 'MESSAGE_CREATE', data };
      await until(
        () => h.core.store.tickets.messages(h.core.store.tickets.findByThread({ platform: 'discord', ...thread })?.id ?? 0).some((m) => m.text === text),
        'reply stored',
      );
    },
    async redeliverLast() {
      if (!last) throw new Error('nothing delivered yet');
      // A replay after RESUME: reconnect, and the fake replays the event to the resumed session.
      h.fake.replayAfterResume([last]);
      h.fake.requestReconnect();
      await h.fake.waitForGatewayFrame(6); // the client's RESUME
      const id = String(last.data.id);
      // The replayed dispatch follows RESUME; give the client a moment to handle it.
      await until(
        () => h.fake.gatewayFrames.some((f) => f.direction === 'sent' && f.t === 'MESSAGE_CREATE' && f.d?.id === id && f.connection > 1),
        'replayed MESSAGE_CREATE',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
    async botPosts(text) {
      counter += 1;
      await h.fake.messageCreate({ channelId: SUPPORT, authorId: h.fake.botUserId, content: `${text} ${counter}`, bot: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async waitForReviewCard(ticketId) {
      await until(() => hasButtons(reviewMessageOf(h.fake, ticketId)), `review message of #${ticketId}`);
    },
    async clickReview(ticketId, action, userId) {
      const message = reviewMessageOf(h.fake, ticketId);
      if (!message) throw new Error(`no review message for #${ticketId}`);
      await h.fake.interactionCreate(
        h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS[action], ticketId), userId, channelId: REVIEW, messageId: message.id }),
      );
    },
    async waitForResolvedCard(ticketId) {
      await until(() => {
        const message = reviewMessageOf(h.fake, ticketId);
        return message && !hasButtons(message);
      }, `resolved review message of #${ticketId}`);
    },
    repliesIn(thread) {
      return h.fake.messages.filter((m) => m.channel_id === thread.threadId && m.nonce !== undefined).map((m) => m.content);
    },
    reviewCardCount(ticketId) {
      return new Set(
        h.fake.messages.filter((m) => m.channel_id === REVIEW && new RegExp(`#${ticketId}(?!\\d)`).test(JSON.stringify(m.embeds))).map((m) => m.id),
      ).size;
    },
    async waitForRefusal(userId) {
      const response = await until(
        () =>
          [...h.fake.interactionResponses, ...h.fake.messages.map((m) => ({ interactionId: m.interaction_id ?? '', type: 0, data: m }))]
            .filter((r) => (r.data?.flags ?? 0) & 64)
            .find((r) => !seenRefusals.has(JSON.stringify(r)) && r.interactionId !== undefined),
        `ephemeral response to ${userId}`,
      );
      seenRefusals.add(JSON.stringify(response));
      return String(response.data?.content ?? '');
    },
  };
}
