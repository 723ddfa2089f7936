/**
 * The bot as `npm start` runs it (src/main.ts in its own process), Slack on
 * the HTTP Events API against the fake Slack, models on the fake OpenAI:
 * /healthz, /readyz and /metrics over real HTTP beside /slack/events; then
 * SIGTERM with a ticket in hand (readiness turns 503 while it finishes, the
 * process exits 0, nothing lost), and a SIGTERM whose grace runs out (exit 0
 * at once; the next start resumes the ticket from its last stage).
 * Every wait ends on a positive signal: a log line, an HTTP answer, a call to a fake.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { startFakeOpenAI, type FakeOpenAI, type ModelRequest } from '../fakes/openai/index.js';
import { eventCallback, messageEvent, startFakeSlack } from '../fakes/slack/index.js';
import type { FakeSlack } from '../fakes/slack/index.js';
import { supportModel } from '../support/scripted-support-model.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

const SECRET = 'test-signing-secret';
const OPENAI_KEY = 'sk-test-ops-e2e-0000000000';
const dir = tempDir('npm-start-ops');
afterAll(() => dir.cleanup());

interface Bot {
  child: ChildProcess;
  log(): string;
  base: string;
  eventsUrl: string;
  exited: Promise<number | null>;
}

async function startBot(database: string, slack: FakeSlack, openai: FakeOpenAI, extra: Record<string, string> = {}): Promise<Bot> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: database,
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
      SLACK_SIGNING_SECRET: SECRET,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      SLACK_SUPPORT_CHANNELS: 'CSUPPORT',
      SLACK_REVIEW_CHANNEL: 'CREVIEW',
      SLACK_REVIEWERS: 'UREVIEWER',
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.url,
      MODEL_MAX_RETRIES: '0',
      MODEL_EMBEDDINGS: 'off',
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (data: Buffer) => (log += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  const started = await until(() => {
    if (code !== undefined) throw new Error(`the bot exited (${String(code)}) before Slack started:\n${log}`);
    return log.split('\n').find((line) => line.includes('slack adapter started'));
  }, 'the Slack adapter to start', 30_000);
  const port = (JSON.parse(started) as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  return { child, log: () => log, base, eventsUrl: `${base}/slack/events`, exited };
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls an endpoint until `accept` holds (a positive answer, not a sleep). */
async function answerFrom<T>(ask: () => Promise<T>, accept: (answer: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  const started = Date.now();
  for (;;) {
    last = await ask();
    if (accept(last)) return last;
    if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}; last answer ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The fake's model, holding each draft of a message containing HELD until `release()`. */
function holdingModel() {
  let releaseAll: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (releaseAll = resolve));
  const state = {
    /** The structured output each model request asked for, in order. */
    schemas: [] as (string | null)[],
    held: 0,
    hold: true,
    release() {
      state.hold = false;
      releaseAll();
    },
    async answer(request: ModelRequest) {
      state.schemas.push(request.schemaName);
      if (request.schemaName === 'draft_reply' && request.user.includes('HELD') && state.hold) {
        state.held += 1;
        await released;
      }
      return supportModel(request);
    },
  };
  return state;
}

let sequence = 0;
async function sendMessage(slack: FakeSlack, bot: Bot, text: string): Promise<string> {
  sequence += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`;
  const result = await slack.postSigned(bot.eventsUrl, eventCallback(messageEvent({ channel: 'CSUPPORT', user: 'UCUST', text, ts })));
  expect(result.status).toBe(200);
  return ts;
}

/** The review card of ticket #id (the first post of it). */
function cardFor(slack: FakeSlack, ticketId: number, timeoutMs = 20_000) {
  return slack.waitForCall('chat.postMessage', (call) => call.args.channel === 'CREVIEW' && JSON.stringify(call.args.blocks ?? '').includes(`Ticket #${ticketId}`), timeoutMs);
}

describe('operations endpoints and SIGTERM, Slack over HTTP', () => {
  it('answers /healthz, /readyz and /metrics beside /slack/events, turns not ready at SIGTERM, finishes the ticket in hand and exits 0', async () => {
    const slack = await startFakeSlack({ signingSecret: SECRET });
    const openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
    const model = holdingModel();
    openai.script((request) => model.answer(request));
    const database = dir.file('endpoints.db');
    const bot = await startBot(database, slack, openai);
    try {
      const health = await getJson(`${bot.base}/healthz`);
      expect(health).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = await answerFrom(() => getJson(`${bot.base}/readyz`), (answer) => answer.status === 200, 'readiness');
      expect(ready.body).toEqual({ status: 'ready', checks: { lifecycle: 'ok', store: 'ok', slack: 'ok' } });

      await sendMessage(slack, bot, 'How do I export my dashboard to CSV? It only offers PNG.');
      await cardFor(slack, 1);
      const metrics = await (await fetch(`${bot.base}/metrics`)).text();
      const calls = metrics.split('\n').filter((line) => line.startsWith('triage_model_calls_total{'));
      expect(calls.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)).toBeGreaterThan(0);
      expect(sample(metrics, 'triage_model_calls_total{tier="nano",model="gpt-5.4-nano",stage="classify",outcome="ok"}')).toBe(1);
      expect(sample(metrics, 'triage_model_spend_usd_total{tier="nano"}')).toBeGreaterThan(0);
      expect(sample(metrics, 'triage_tickets{state="awaiting_review"}')).toBe(1);
      expect(sample(metrics, 'triage_work_in_hand')).toBe(0);
      expect(metrics).toContain('process_resident_memory_bytes');

      // A ticket in hand: its draft is held by the model.
      await sendMessage(slack, bot, 'HELD: can I add a second admin to my account?');
      await until(() => model.held === 1, 'the held draft call');
      bot.child.kill('SIGTERM');
      const stopping = await answerFrom(() => getJson(`${bot.base}/readyz`), (answer) => answer.status === 503, 'readiness to turn 503');
      expect(stopping.body).toMatchObject({ status: 'not_ready', failed: ['lifecycle'], checks: { lifecycle: 'shutting down' } });
      // Liveness still answers while the work finishes.
      expect((await getJson(`${bot.base}/healthz`)).status).toBe(200);

      model.release();
      await cardFor(slack, 2);
      expect(await bot.exited).toBe(0);
      expect(bot.log()).toMatch(/the tickets in hand are finished/);
      await expect(fetch(`${bot.base}/healthz`)).rejects.toThrow();
      expect(bot.log()).not.toMatch(/xoxb-test-bot-token|sk-test-ops-e2e/);

      const store = openSqliteStore(database);
      try {
        const tickets = await store.tickets.listByStatus('awaiting_review', 10);
        expect(tickets).toHaveLength(2);
        expect(await store.modelCalls.openOwners()).toEqual([]);
        expect((await store.workers.list()).every((worker) => worker.stoppedAt !== null)).toBe(true);
      } finally {
        store.close();
      }
    } finally {
      model.release();
      bot.child.kill('SIGKILL');
      await slack.close();
      await openai.close();
    }
  });

  it('when the grace runs out, exits 0 at once and the next start resumes the ticket from its last stage', async () => {
    const slack = await startFakeSlack({ signingSecret: SECRET });
    const openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
    const model = holdingModel();
    openai.script((request) => model.answer(request));
    const database = dir.file('grace.db');
    let bot = await startBot(database, slack, openai, { SHUTDOWN_GRACE_SECONDS: '0.5' });
    try {
      await answerFrom(() => getJson(`${bot.base}/readyz`), (answer) => answer.status === 200, 'readiness');
      await sendMessage(slack, bot, 'HELD: our invoices show the wrong company address.');
      await until(() => model.held === 1, 'the held draft call');
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.log()).toMatch(/stopping now: the tickets still in hand are handed back/);

      const store = openSqliteStore(database);
      const [cutOff] = await store.tickets.listByStatus('triaged', 10);
      store.close();
      expect(cutOff).toBeDefined();

      // The next start: the draft now answers, and the ticket goes on from it.
      model.release();
      const classifyBefore = model.schemas.filter((schema) => schema === 'classification').length;
      expect(classifyBefore).toBe(1);
      bot = await startBot(database, slack, openai);
      await cardFor(slack, cutOff!.id);
      expect(bot.log()).toMatch(/took over work a stopped process left/);
      // Classified once, before the stop: the next start went on from the draft.
      expect(model.schemas.filter((schema) => schema === 'classification').length).toBe(classifyBefore);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);

      const after = openSqliteStore(database);
      try {
        expect((await after.tickets.get(cutOff!.id))?.status).toBe('awaiting_review');
        const draft = (await after.modelCalls.forTicket(cutOff!.id)).filter((row) => row.stage === 'draft').map((row) => row.outcome).sort();
        expect(draft).toEqual(['ok', 'unknown_outcome']);
      } finally {
        after.close();
      }
    } finally {
      model.release();
      bot.child.kill('SIGKILL');
      await slack.close();
      await openai.close();
    }
  });
});

describe('operations endpoints with Socket Mode and HEALTH_PORT', () => {
  it('serves them on a server of its own, ready only while the socket is connected', async () => {
    const slack = await startFakeSlack();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: dir.file('socket.db'),
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
        SLACK_APP_TOKEN: 'xapp-test-app-token',
        SLACK_API_URL: slack.apiUrl,
        SLACK_REVIEW_CHANNEL: 'CREVIEW',
        SLACK_REVIEWERS: 'UREVIEWER',
        HEALTH_PORT: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr?.on('data', (data: Buffer) => (log += data.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      const line = await until(() => log.split('\n').find((candidate) => candidate.includes('operations endpoints listening')), 'the operations server', 30_000);
      const base = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
      const ready = await answerFrom(() => getJson(`${base}/readyz`), (answer) => answer.status === 200, 'readiness');
      expect(ready.body).toEqual({ status: 'ready', checks: { lifecycle: 'ok', store: 'ok', slack: 'ok' } });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('# TYPE triage_tickets gauge');
      // Slack drops the socket ('warning' makes the client reconnect): not ready until it is back.
      slack.disconnect('warning');
      const dropped = await answerFrom(() => getJson(`${base}/readyz`), (answer) => answer.status === 503, 'readiness to see the socket drop');
      expect(dropped.body).toMatchObject({ failed: ['slack'], checks: { slack: 'socket mode not connected' } });
      await answerFrom(() => getJson(`${base}/readyz`), (answer) => answer.status === 200, 'readiness once the socket is back');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      await slack.close();
    }
  });
});
