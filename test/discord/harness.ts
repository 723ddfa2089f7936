/**
 * The real Discord adapter (real discord.js) against the fake Discord, with
 * the real core (offline models, real SQLite) and its review desk. The
 * contract driver is in contract-driver.ts.
 */
import { Writable } from 'node:stream';
import { DiscordAdapter } from '../../adapters/discord/index.js';
import { loadConfig, type Environment } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { createLogger, silentLogger, type Logger } from '../../src/logger.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { tempDir } from '../support/temp-dir.js';

export const SUPPORT = '810000000000000001';
export const REVIEW = '810000000000000002';
export const FORUM = '810000000000000003';
export const REVIEWER_ROLE = '820000000000000002';
export const CUSTOMER = '830000000000000001';
export const REVIEWER = '830000000000000002';
export const OUTSIDER = '830000000000000099';

/** What the adapter logged (debug and up), parsed: how a test sees that an event was handled and ignored. */
export interface LogCapture {
  logger: Logger;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary log fields
  entries(): Record<string, any>[];
}

export function captureLog(): LogCapture {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter((line) => line.trim()));
      callback();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export interface DiscordHarness {
  fake: FakeDiscord;
  core: Core;
  adapter: DiscordAdapter;
  /** The adapter's own log. */
  log: LogCapture;
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
    // No knowledge base unless a test brings one (KB_PATH in env): grounding has its own tests.
    KB_PATH: dir.file('no-knowledge-base'),
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
  const log = captureLog();
  const adapter = new DiscordAdapter({ config: config.discord, logger: log.logger });
  // Tests stage interrupted sends themselves: no need to wait for one to settle.
  const core = createCore(config, silentLogger(), { sendSettleMs: 0 });
  await adapter.start(core.desk.attach(adapter));
  return {
    fake,
    core,
    adapter,
    log,
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
