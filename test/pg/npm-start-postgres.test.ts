/**
 * The bot as `npm start` runs it (src/main.ts in its own process) with
 * DATABASE_URL pointing at a real Postgres (a throwaway cluster), Slack on
 * the HTTP Events API against the fake Slack, offline models: a signed
 * customer event becomes a ticket stored in Postgres with its card posted,
 * its model work runs as a pg-boss job, the redelivered event makes no second ticket, the weekly report reads the
 * same database, and the database password never reaches a log line.
 * Skipped with a message where this machine has no Postgres (CI installs
 * it and sets REQUIRE_POSTGRES=1, which turns the skip into a failure).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/pg/index.js';
import { eventCallback, messageEvent, startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

const SECRET = 'test-signing-secret';
const PASSWORD = 'pg-secret-Xy7q';
const unavailable = postgresUnavailable();
const dir = tempDir('npm-start-postgres');

let cluster: PostgresCluster | null = null;
let url = '';
let slack: FakeSlack | null = null;
let bot: ChildProcess | null = null;
let log = '';

/** The cluster trusts local connections; a password in the URL still shows whether one could leak into a log. */
function withPassword(plain: string): string {
  const parsed = new URL(plain);
  parsed.password = PASSWORD;
  return parsed.toString();
}

beforeAll(async () => {
  if (unavailable) return;
  cluster = await startPostgres();
  url = withPassword(await cluster.createDatabase());
  slack = await startFakeSlack();
}, 60_000);

afterAll(async () => {
  if (bot && bot.exitCode === null) {
    const exited = new Promise((resolve) => bot?.once('close', resolve));
    bot.kill('SIGTERM');
    await exited;
  }
  await slack?.close();
  await cluster?.stop();
  dir.cleanup();
});

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_URL: url,
    DATABASE_PATH: dir.file('kb-index.db'),
    MODEL_PROVIDER: 'offline',
    LOG_LEVEL: 'info',
    KB_PATH: dir.file('no-kb'),
    SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
    SLACK_SIGNING_SECRET: SECRET,
    PORT: '0',
    SLACK_API_URL: slack?.apiUrl ?? '',
    SLACK_SUPPORT_CHANNELS: 'CSUPPORT',
    SLACK_REVIEW_CHANNEL: 'CREVIEW',
    SLACK_REVIEWERS: 'UREVIEWER',
  };
}

async function callsInPostgres(): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('select count(*)::text as n from model_calls')).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

describe.skipIf(unavailable !== null)(`npm start on Postgres (DATABASE_URL)${unavailable ? `: skipped, ${unavailable}` : ''}`, () => {
  it('stores each event once in Postgres, posts its card, reports from the same database, and logs no password', async () => {
    if (!slack) throw new Error('fake Slack not started');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env(), stdio: ['ignore', 'ignore', 'pipe'] });
    bot = child;
    child.stderr?.on('data', (data: Buffer) => (log += data.toString()));
    const started = await until(() => {
      if (child.exitCode !== null) throw new Error(`the bot exited (${String(child.exitCode)}):\n${log}`);
      return log.split('\n').find((line) => line.includes('slack adapter started'));
    }, 'the Slack adapter to start', 60_000);
    const base = `http://127.0.0.1:${(JSON.parse(started) as { port: number }).port}`;
    const eventsUrl = `${base}/slack/events`;
    // Ready once start-up is over, the shared job queue answering among its checks.
    const readiness = await until(async () => {
      const response = await fetch(`${base}/readyz`);
      return response.status === 200 ? ((await response.json()) as { checks: Record<string, string> }) : null;
    }, 'the bot to be ready');
    expect(readiness.checks).toMatchObject({ store: 'ok', queue: 'ok', slack: 'ok' });

    const ts = `${Math.floor(Date.now() / 1000)}.000100`;
    const event = eventCallback(messageEvent({ channel: 'CSUPPORT', user: 'UCUSTOMER', text: 'How do I export my invoices as CSV?', ts }), { eventId: 'Ev0PG1' });
    // The first delivery, then Slack's retry of it: one ticket.
    for (const headers of [{}, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }] as Record<string, string>[]) {
      const response = await slack.postSigned(eventsUrl, event, { headers });
      expect(response.status).toBe(200);
    }
    await until(() => slack?.messages.find((m) => m.channel === 'CREVIEW' && JSON.stringify(m.blocks ?? []).includes('invoices')), 'the review card');

    const store = await openPostgresStore(url);
    try {
      const ticket = await until(async () => await store.tickets.findByThread({ platform: 'slack', channelId: 'CSUPPORT', threadId: ts }), 'the ticket in Postgres');
      expect(await store.tickets.messages(ticket.id)).toHaveLength(1);
      expect((await store.modelCalls.forTicket(ticket.id)).length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
    // Nothing else holds tickets: the Postgres database has exactly this one.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query<{ n: string }>('select count(*)::text as n from tickets')).rows[0]?.n).toBe('1');
      // Its model work went through the shared queue: one job for the ticket, run to completion.
      const jobs = await client.query<{ state: string; singleton_key: string }>("select state::text, singleton_key from pgboss.job where name = 'ticket-work'");
      expect(jobs.rows).toEqual([{ state: 'completed', singleton_key: 't1' }]);
    } finally {
      await client.end();
    }

    // The report CLI reads the same store.
    const today = new Date().toISOString().slice(0, 10);
    const report = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', '--week', today, '--json'], { env: env(), encoding: 'utf8' });
    expect(report.status, report.stderr).toBe(0);
    // Every call the ledger in Postgres holds for the week is in the report's total (offline calls: priced at 0, counted).
    const calls = await callsInPostgres();
    expect(calls).toBeGreaterThan(0);
    expect((JSON.parse(report.stdout) as { totals: { calls: number } }).totals.calls).toBe(calls);

    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('"database":"postgres://');
    expect(log).not.toContain(PASSWORD);
  }, 120_000);
});
