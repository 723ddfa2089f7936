/**
 * Configuration failures are not model misbehaviour. With a key the model
 * API refuses, or a model it does not know, `npm start` stops at once with a
 * message naming the variable to fix. A key revoked while the bot runs posts
 * one alert, puts every ticket on a reviewer's card (marked "models
 * unavailable", counted as neither a second opinion nor a model failure), and
 * once the key works again the tickets left untriaged are triaged.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { weekContaining } from '../src/periods.js';
import { buildWeeklyReport } from '../src/jobs/weekly-report.js';
import { DEFAULT_PRICE_TABLE } from '../src/models/pricing.js';
import { TierRegistry } from '../src/models/tiers.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { startFakeOpenAI } from './fakes/openai/index.js';
import { eventCallback, messageEvent, startFakeSlack } from './fakes/slack/index.js';
import { until } from './slack/harness.js';
import { supportModel } from './support/scripted-support-model.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('models-unavailable');
afterAll(() => dir.cleanup());

const KEY = 'sk-test-models-unavailable-0001';

function run(env: NodeJS.ProcessEnv): { exited: Promise<number | null>; output: () => string; kill: (signal: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { PATH: process.env.PATH, WEB_PORT: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  return { exited: new Promise((resolve) => child.on('close', resolve)), output: () => output, kill: (signal) => child.kill(signal) };
}

describe('start-up check of the models', () => {
  it('stops with a message naming OPENAI_API_KEY when the model API refuses the key', async () => {
    const openai = await startFakeOpenAI({ apiKey: 'the-key-the-server-expects' });
    try {
      const bot = run({ DATABASE_PATH: dir.file('refused.db'), MODEL_PROVIDER: 'openai', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url });
      expect(await bot.exited).toBe(2);
      expect(bot.output()).toMatch(/error CONFIG_INVALID: OPENAI_API_KEY: the model API refused our credentials/);
      expect(bot.output()).not.toContain(KEY);
      // Checked with the free model lookup, not a billed generation.
      expect(openai.requests.every((request) => request.method === 'GET' && request.path.startsWith('/v1/models/'))).toBe(true);
    } finally {
      await openai.close();
    }
  });

  it('stops with a message naming the tier\u2019s variable when a model is unknown', async () => {
    const openai = await startFakeOpenAI({ apiKey: KEY });
    const prices = dir.file('prices.json');
    writeFileSync(prices, JSON.stringify({ models: { 'gpt-5.4-flagsihp': { input: 2.5, cached_input: 0.25, output: 15 } } }));
    try {
      const bot = run({ DATABASE_PATH: dir.file('unknown.db'), MODEL_PROVIDER: 'openai', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url, MODEL_FLAGSHIP: 'gpt-5.4-flagsihp', MODEL_PRICES: prices });
      expect(await bot.exited).toBe(2);
      expect(bot.output()).toMatch(/error CONFIG_INVALID: MODEL_FLAGSHIP: .*gpt-5\.4-flagsihp/);
    } finally {
      await openai.close();
    }
  });
});

describe('a key revoked while the bot runs', () => {
  it('posts one alert, keeps every ticket on a reviewer\u2019s card, counts none as a second opinion, and triages them once the key works', { timeout: 60_000 }, async () => {
    const openai = await startFakeOpenAI({ apiKey: KEY });
    openai.script(supportModel);
    const slack = await startFakeSlack();
    const database = dir.file('revoked.db');
    const bot = run({
      DATABASE_PATH: database,
      LOG_LEVEL: 'info',
      MODEL_PROVIDER: 'openai',
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: openai.url,
      MODEL_MAX_RETRIES: '0',
      SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
      SLACK_APP_TOKEN: 'xapp-test-app-token',
      SLACK_API_URL: slack.apiUrl,
      SLACK_SUPPORT_CHANNELS: 'CSUPPORT',
      SLACK_REVIEW_CHANNEL: 'CREVIEW',
      SLACK_REVIEWERS: 'UREVIEWER',
      REPORT_SLACK_CHANNEL: 'CREPORTS',
    });
    const base = Math.floor(Date.now() / 1000);
    const send = (n: number, text: string) => slack.sendEnvelope('events_api', eventCallback(messageEvent({ channel: 'CSUPPORT', user: 'UCUST', text, ts: `${base}.00000${n}` })));
    const cardFor = (n: number) => slack.messages.find((m) => m.channel === 'CREVIEW' && JSON.stringify(m.blocks ?? []).includes(`Ticket #${n}`));
    try {
      await slack.socketConnected(20_000);
      await send(1, 'How do I export my reports to CSV?');
      await until(() => cardFor(1), 'the first card', 20_000);

      openai.setApiKey('a-new-key-the-bot-does-not-have');
      for (const [n, text] of [[2, 'Can I add a second admin?'], [3, 'Where is the invoice for October?'], [4, 'The app logs me out.']] as const) await send(n, text);
      for (const n of [2, 3, 4]) await until(() => JSON.stringify(cardFor(n)?.blocks ?? []).includes('models are unavailable') && cardFor(n), `card #${n} saying the models are unavailable`, 20_000);
      const alerts = () => slack.messages.filter((m) => m.channel === 'CREPORTS');
      await until(() => alerts().length > 0, 'the alert', 20_000);
      expect(alerts()).toHaveLength(1);
      expect(JSON.stringify(alerts()[0]?.blocks)).toContain('OPENAI_API_KEY');

      const store = openSqliteStore(database);
      try {
        for (const id of [2, 3, 4]) {
          expect((await store.tickets.get(id))?.status).toBe('awaiting_review');
          expect((await store.triage.latestDecision(id))?.reasons).toEqual(['models_unavailable']);
          expect(await store.triage.latestDraft(id)).toBeNull();
        }
        const week = weekContaining(new Date(), 'UTC');
        const report = await buildWeeklyReport({ store, tiers: new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE), budget: null, timeZone: 'UTC' }, week);
        expect(report.secondOpinions.tickets).toBe(0);
        expect(report.secondOpinions.reasons.map((reason) => reason.code)).not.toContain('models_unavailable');
      } finally {
        store.close();
      }

      // The key works again: the free probe on the heartbeat notices, and the waiting tickets are triaged.
      openai.setApiKey(KEY);
      for (const n of [2, 3, 4]) await until(() => JSON.stringify(cardFor(n)?.blocks ?? []).includes('Thanks for reaching out'), `a drafted card for #${n}`, 30_000);
      expect(bot.output()).toMatch(/the models work again/);
      expect(slack.messages.filter((m) => m.channel === 'CREPORTS')).toHaveLength(1);
      bot.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      bot.kill('SIGKILL');
      await slack.close();
      await openai.close();
    }
  });
});
