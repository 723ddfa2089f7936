/**
 * The real Slack adapter (real Bolt, Socket Mode or HTTP) against the fake
 * Slack, with the real core (offline models, real SQLite file). Also the
 * helpers the Slack tests and the contract driver (contract-driver.ts) share.
 */
import { randomUUID } from 'node:crypto';
import { SlackAdapter } from '../../adapters/slack/index.js';
import { loadConfig, type Environment } from '../../src/config.js';
import { createCore, type Core, type CoreOptions } from '../../src/core.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { tempDir } from '../support/temp-dir.js';

export const SUPPORT = 'CSUPPORT';
export const REVIEW = 'CREVIEW';
export const REVIEWER = 'UREVIEWER';
export const GROUP_MEMBER = 'UGROUPIE';
export const OUTSIDER = 'UOUTSIDER';
export const CUSTOMER = 'UCUSTOMER';

export interface SlackHarness {
  fake: FakeSlack;
  core: Core;
  adapter: SlackAdapter;
  mode: 'socket' | 'http';
  /** Delivers an Events API body the way the mode does; resolves once acked (socket) or answered (http). */
  deliver(body: Record<string, unknown>, retry?: { attempt: number; reason: string }): Promise<{ status: number }>;
  interact(payload: Record<string, unknown>): Promise<{ status: number; ack: unknown }>;
  /** Runs a slash command the way the mode does; resolves with the ack's body. */
  command(fields: Record<string, string>): Promise<unknown>;
  nextTs(): string;
  close(): Promise<void>;
}

let tsCounter = 0;

export async function startSlackHarness(
  mode: 'socket' | 'http',
  env: Environment = {},
  retryConfig: { retries: number; minTimeout?: number; maxTimeout?: number } = { retries: 0 },
  /** Where the adapter and core log; silent unless a test reads the lines. */
  logger: Logger = silentLogger(),
  /** More for the core (the web console's sign-in links, say). */
  coreOptions: CoreOptions = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlack({ usergroups: { SREVIEWERS: [GROUP_MEMBER] } });
  const dir = tempDir('triage-slack');
  const config = loadConfig({
    // No knowledge base unless a test brings one (KB_PATH in env): grounding has its own tests.
    KB_PATH: dir.file('no-knowledge-base'),
    MODEL_PROVIDER: 'offline',
    DATABASE_PATH: dir.file('slack.db'),
    SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: 'xapp-test-app-token' } : { SLACK_SIGNING_SECRET: 'test-signing-secret', PORT: '0' }),
    SLACK_API_URL: fake.apiUrl,
    SLACK_SUPPORT_CHANNELS: SUPPORT,
    SLACK_REVIEW_CHANNEL: REVIEW,
    SLACK_REVIEWERS: `${REVIEWER},SREVIEWERS`,
    ...env,
  });
  const slack = config.slack;
  if (!slack) throw new Error('slack config missing');
  const adapter = new SlackAdapter({ config: slack, logger, retryConfig });
  const core = createCore(config, logger, {
    // Tests stage interrupted sends themselves: no need to wait for one to settle.
    sendSettleMs: 0,
    ...coreOptions,
  });
  await adapter.start(core.desk.attach(adapter));
  if (mode === 'socket') await fake.socketConnected();
  const url = () => `http://127.0.0.1:${String(adapter.port)}/slack/events`;

  return {
    fake,
    core,
    adapter,
    mode,
    async deliver(body, retry) {
      if (mode === 'socket') {
        await fake.sendEnvelope('events_api', body, retry ? { retryAttempt: retry.attempt, retryReason: retry.reason } : {});
        return { status: 200 };
      }
      const headers: Record<string, string> = retry
        ? { 'x-slack-retry-num': String(retry.attempt), 'x-slack-retry-reason': retry.reason }
        : {};
      const response = await fake.postSigned(url(), body, { headers });
      return { status: response.status };
    },
    async interact(payload) {
      if (mode === 'socket') {
        const ack = await fake.sendEnvelope('interactive', payload);
        return { status: 200, ack: ack.payload };
      }
      const response = await fake.postSigned(url(), { payload: JSON.stringify(payload) }, { form: true });
      return { status: response.status, ack: response.body ? safeJson(response.body) : undefined };
    },
    async command(fields) {
      if (mode === 'socket') return (await fake.sendEnvelope('slash_commands', fields)).payload;
      const response = await fake.postSigned(url(), fields, { form: true });
      return response.body ? safeJson(response.body) : undefined;
    },
    nextTs() {
      // Close to now, as Slack's are: the ts becomes the ticket's received time.
      tsCounter += 1;
      return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
    },
    async close() {
      await adapter.stop();
      await core.workflow.idle();
      core.close();
      await fake.close();
      dir.cleanup();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The review card message of a ticket, found by the ticket id in its buttons or text. */
export function cardOf(fake: FakeSlack, ticketId: number) {
  return fake.messages.find((m) => isCardOf(m, ticketId));
}

function isCardOf(m: FakeSlack['messages'][number], ticketId: number): boolean {
  return m.channel === REVIEW && !m.ephemeral && new RegExp(`Ticket #${ticketId}(?!\\d)`).test(JSON.stringify(m.blocks ?? []));
}

export function hasButtons(blocks: unknown[] | undefined): boolean {
  return (blocks ?? []).some((b) => (b as { type?: string }).type === 'actions');
}

export { until } from '../support/until.js';

export function viewSubmission(fields: {
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, { type: string; value: string }>>;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: 'T0001', domain: 'fake-workspace' },
    user: { id: fields.user, username: fields.user.toLowerCase(), name: fields.user.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'unused-verification-token',
    trigger_id: `${Date.now()}.T0001.${randomUUID().replaceAll('-', '')}`,
    view: {
      id: `V${randomUUID().slice(0, 8).toUpperCase()}`,
      team_id: 'T0001',
      type: 'modal',
      callback_id: fields.callbackId,
      private_metadata: fields.privateMetadata,
      state: { values: fields.values },
      hash: '1.abc',
      title: { type: 'plain_text', text: 'Edit reply' },
      blocks: [],
      app_id: 'A0001',
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
