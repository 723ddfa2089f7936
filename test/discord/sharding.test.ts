/**
 * Two replicas sharing one store, each running one of two gateway shards
 * (DISCORD_SHARD_COUNT=2, DISCORD_SHARD_IDS=0 / 1), with the real discord.js
 * against the fake Discord, which routes as Discord does: a guild's events
 * to shard (guild_id >> 22) % 2, direct messages to shard 0. Each message
 * becomes one ticket, worked by the replica whose shard received it, and a
 * reviewer's click reaches the replica that owns the guild.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOM_IDS, customId } from '../../adapters/discord/custom-ids.js';
import { DiscordAdapter } from '../../adapters/discord/index.js';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { guildShard } from '../fakes/discord/ids.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';
import { captureLog, CUSTOMER, hasButtons, REVIEW, REVIEWER, REVIEWER_ROLE, reviewMessageOf, SUPPORT, type LogCapture } from './harness.js';

const SHARDS = 2;
const DM_CHANNEL = '860000000000000001';

/** A guild id (a real-looking snowflake) whose events go to `shard`: the test picks the owner, so it exercises the non-zero one. */
function guildOwnedBy(shard: number): string {
  let id = 800_000_000_000_000_001n;
  while (guildShard(id.toString(), SHARDS) !== shard) id += 1n << 22n;
  return id.toString();
}

interface Replica {
  shard: number;
  core: Core;
  adapter: DiscordAdapter;
  log: LogCapture;
}

let fake: FakeDiscord | null = null;
let replicas: Replica[] = [];
const dir = tempDir('triage-discord-shards');

afterEach(async () => {
  for (const replica of replicas) {
    await replica.adapter.stop();
    await replica.core.workflow.idle();
    replica.core.close();
  }
  replicas = [];
  await fake?.close();
  fake = null;
});

async function startReplica(shard: number, database: string, discord: FakeDiscord): Promise<Replica> {
  const config = loadConfig({
    KB_PATH: dir.file('no-knowledge-base'),
    MODEL_PROVIDER: 'offline',
    DATABASE_PATH: database,
    DISCORD_TOKEN: 'fake-bot-token',
    DISCORD_API_URL: discord.restUrl,
    DISCORD_SUPPORT_CHANNELS: SUPPORT,
    DISCORD_REVIEW_CHANNEL: REVIEW,
    DISCORD_REVIEWER_ROLE: REVIEWER_ROLE,
    DISCORD_SHARD_COUNT: String(SHARDS),
    DISCORD_SHARD_IDS: String(shard),
  });
  if (!config.discord) throw new Error('discord config missing');
  const log = captureLog();
  const adapter = new DiscordAdapter({ config: config.discord, logger: log.logger });
  const core = createCore(config, silentLogger(), { sendSettleMs: 0 });
  await adapter.start(core.desk.attach(adapter));
  return { shard, core, adapter, log };
}

describe('Discord gateway sharding across replicas', () => {
  it('each shard gets its own events, one ticket per message, and the owner of the guild handles its reviewers', async () => {
    const guildId = guildOwnedBy(1);
    fake = await startFakeDiscord({
      guildId,
      channels: [
        { id: SUPPORT, name: 'support', type: 0 },
        { id: REVIEW, name: 'support-review', type: 0 },
      ],
      members: [
        { userId: CUSTOMER, username: 'customer', roles: [] },
        { userId: REVIEWER, username: 'reviewer', roles: [REVIEWER_ROLE] },
      ],
    });
    const database = dir.file(`shards-${Date.now()}.db`);
    replicas = [await startReplica(0, database, fake), await startReplica(1, database, fake)];
    const [zero, one] = replicas as [Replica, Replica];

    // Each replica identified as its own shard.
    const identifies = fake.gatewayFrames.filter((frame) => frame.direction === 'received' && frame.op === 2).map((frame) => (frame.d as { shard?: unknown }).shard);
    expect(identifies).toEqual(expect.arrayContaining([[0, SHARDS], [1, SHARDS]]));
    // Only the guild's shard holds the guild: the other never hears of its channels.
    expect(one.adapter['client']?.guilds.cache.has(guildId)).toBe(true);
    expect(zero.adapter['client']?.guilds.cache.has(guildId)).toBe(false);

    // A message in the guild's support channel: shard 1's replica makes the ticket, and only it.
    const message = await fake.messageCreate({ channelId: SUPPORT, authorId: CUSTOMER, content: 'How do I export my invoices as CSV?' });
    const ticket = await until(
      async () => await one.core.store.tickets.findByThread({ platform: 'discord', channelId: SUPPORT, threadId: String(message.id) }),
      'the guild message to become a ticket',
    );
    await one.core.workflow.idle();
    await until(() => hasButtons(reviewMessageOf(fake!, ticket.id)), 'its review message');

    // A direct message goes to shard 0: the other replica makes that ticket.
    await fake.messageCreate({ channelId: DM_CHANNEL, authorId: CUSTOMER, content: 'Hi, can you help with my account?', guild: false });
    const dm = await until(
      async () => await zero.core.store.tickets.findByThread({ platform: 'discord', channelId: DM_CHANNEL, threadId: DM_CHANNEL }),
      'the direct message to become a ticket',
    );
    await zero.core.workflow.idle();

    // One ticket per message in the shared store, each dispatched once, to its own shard's connection.
    const all = (await one.core.store.tickets.listByStatus('awaiting_review', 100)).map((t) => t.id).sort();
    expect(all).toEqual([ticket.id, dm.id].sort());
    const created = fake.gatewayFrames.filter(
      (frame) => frame.direction === 'sent' && frame.t === 'MESSAGE_CREATE' && (frame.d as { author?: { id?: string } }).author?.id === CUSTOMER,
    );
    expect(created).toHaveLength(2);
    expect(new Set(created.map((frame) => frame.connection)).size).toBe(2);

    // A reviewer's click in the guild reaches shard 1's replica, which sends the reply once.
    await fake.interactionCreate(
      fake.buttonInteraction({ customId: customId(CUSTOM_IDS.approve, ticket.id), userId: REVIEWER, channelId: REVIEW, messageId: String(reviewMessageOf(fake, ticket.id)?.id ?? '') }),
    );
    await until(async () => (await zero.core.store.tickets.get(ticket.id))?.status === 'sent', 'the approved reply to be sent');
    expect(fake.messages.filter((m) => m.channel_id === String(message.id))).toHaveLength(1);
  });
});
