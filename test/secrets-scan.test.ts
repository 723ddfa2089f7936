/**
 * Process-level secret scan: the real bot (src/main.ts, what `npm start` runs compiled) with
 * Slack (Socket Mode) and Discord against their fakes, LOG_LEVEL=trace, and
 * MODEL_PROVIDER=openai against the fake OpenAI expecting a DIFFERENT key, so
 * every model call is refused with a 401. Then every stdout / stderr line and
 * every text value of every table of the SQLite database is scanned for every
 * configured secret (raw, JSON-escaped, URL-encoded).
 *
 * The fake OpenAI masks the key in its 401 like the real API does
 * ("tes*****cdef"); OpenAI-compatible servers and proxies do not always, and
 * the security review's leak was a 401 echoing the whole key. A small proxy in
 * front of the fake restores that echo: its 401 bodies carry the key the bot sent.
 */
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeDiscord } from './fakes/discord/index.js';
import { startFakeOpenAI } from './fakes/openai/index.js';
import { eventCallback, messageEvent, startFakeSlack } from './fakes/slack/index.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('triage-secrets-scan');
afterAll(() => dir.cleanup());

// Unusual on purpose: none of them matches a scrub pattern, so only the by-value scrub can catch them.
const SECRETS = {
  OPENAI_API_KEY: 'test-openai-key-0123456789abcdef',
  // Config insists on these prefixes; what follows breaks the xoxb-/xapp- patterns after one character.
  SLACK_BOT_TOKEN: 'xoxb-s.scan_bot~Q7K2pZ9wR4',
  SLACK_APP_TOKEN: 'xapp-s.scan_app~M3N8bV1cX6',
  SLACK_SIGNING_SECRET: 'scan.signing_secret~H5J7',
  DISCORD_TOKEN: 'scan.discord_token~T4Y6U8I0',
} as const;

const SUPPORT = '810000000000000001';
const REVIEW = '810000000000000002';
const REVIEWER = '830000000000000002';
const CUSTOMER = '830000000000000001';

/** Every form a secret takes in text we write: raw, JSON-escaped (once, twice), URL-encoded. */
function forms(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, once, JSON.stringify(once).slice(1, -1), encodeURIComponent(secret)])];
}

function findSecrets(text: string): string[] {
  return Object.entries(SECRETS).flatMap(([name, secret]) => (forms(secret).some((form) => text.includes(form)) ? [name] : []));
}

/** A leaking text for the failure message, with each secret shown by its name only. */
function excerpt(text: string): string {
  let out = text;
  for (const [name, secret] of Object.entries(SECRETS)) for (const form of forms(secret)) out = out.split(form).join(`<${name}>`);
  // Around the first leak: in a long log line it is rarely at the start.
  const at = Math.max(0, (out.search(/<[A-Z_]+>/) === -1 ? 0 : out.search(/<[A-Z_]+>/)) - 150);
  return `${at > 0 ? '…' : ''}${out.slice(at, at + 300)}${at + 300 < out.length ? '…' : ''}`;
}

interface Leak {
  where: string;
  secrets: string[];
  excerpt: string;
}

function scanTexts(texts: { where: string; text: string }[]): string[] {
  return texts.flatMap(({ where, text }) => {
    const found = findSecrets(text);
    return found.length > 0 ? [`${where}: ${found.join(', ')} in ${JSON.stringify(excerpt(text))}`] : [];
  });
}

/**
 * Forwards to the fake OpenAI; a 401 answer gets the full key the caller sent
 * back in its message, as a server that echoes the key would.
 */
async function startEchoingProxy(target: string): Promise<{ url: string; refused: () => number; close: () => Promise<void> }> {
  const upstream = new URL(target);
  let refused = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer: IncomingMessage) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            let text = Buffer.concat(body).toString('utf8');
            const headers = { ...answer.headers };
            if (answer.statusCode === 401) {
              refused += 1;
              const sent = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
              text = text.replace(/Incorrect API key provided: [^.]*\./, `Incorrect API key provided: ${sent}.`);
              delete headers['content-length'];
            }
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(text);
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every text (and blob) value of every table, named `table.column` (row n). */
function scanDatabase(path: string): { leaks: Leak[]; tables: string[]; cells: number } {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((row) => row.name);
    const leaks: Leak[] = [];
    let cells = 0;
    for (const table of tables) {
      const rows = db.prepare(`select * from "${table.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
      rows.forEach((row, index) => {
        for (const [column, value] of Object.entries(row)) {
          const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
          if (text === null) continue;
          cells += 1;
          const found = findSecrets(text);
          if (found.length > 0) leaks.push({ where: `${table}.${column} (row ${index + 1})`, secrets: found, excerpt: excerpt(text) });
        }
      });
    }
    return { leaks, tables, cells };
  } finally {
    db.close();
  }
}

describe('secrets scan: npm start with Slack, Discord and a refused OpenAI key', () => {
  it('no configured secret appears in any output line or any database text column', { timeout: 60_000 }, async () => {
    // The key works at start-up (the bot checks its models then), and is revoked once the bot is up.
    const openai = await startFakeOpenAI({ apiKey: SECRETS.OPENAI_API_KEY });
    const proxy = await startEchoingProxy(openai.url);
    const slack = await startFakeSlack({ botToken: SECRETS.SLACK_BOT_TOKEN, appToken: SECRETS.SLACK_APP_TOKEN, signingSecret: SECRETS.SLACK_SIGNING_SECRET });
    const discord = await startFakeDiscord({ token: SECRETS.DISCORD_TOKEN });
    const database = dir.file('scan.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: database,
        LOG_LEVEL: 'trace',
        MODEL_PROVIDER: 'openai',
        OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
        OPENAI_BASE_URL: proxy.url,
        MODEL_MAX_RETRIES: '0',
        SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
        SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN,
        SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        SLACK_SUPPORT_CHANNELS: 'CSUPPORT',
        SLACK_REVIEW_CHANNEL: 'CREVIEW',
        SLACK_REVIEWERS: 'UREVIEWER',
        DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
        DISCORD_API_URL: discord.restUrl,
        DISCORD_SUPPORT_CHANNELS: SUPPORT,
        DISCORD_REVIEW_CHANNEL: REVIEW,
        DISCORD_REVIEWERS: REVIEWER,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await Promise.all([slack.socketConnected(20_000), discord.ready(20_000)]);
      // Revoked: from now on every model call is refused with a 401 that echoes the key (through the proxy).
      openai.setApiKey('the-key-the-server-expects-not-ours');
      await slack.sendEnvelope(
        'events_api',
        eventCallback(
          messageEvent({ channel: 'CSUPPORT', user: 'UCUST', text: 'I was charged twice for order A-1001, please refund $49.99', ts: `${Math.floor(Date.now() / 1000)}.000100` }),
        ),
      );
      await discord.messageCreate({ channelId: SUPPORT, authorId: CUSTOMER, content: 'Our webhooks fail with 410 since yesterday' });
      // Positive signals: both review cards were posted, so both tickets went through the (refused) model calls.
      await slack.waitForCall('chat.postMessage', (call) => call.args.channel === 'CREVIEW', 30_000);
      await discord.waitForRequest('POST', new RegExp(`/channels/${REVIEW}/messages$`), undefined, 30_000);
      expect(proxy.refused()).toBeGreaterThan(0);
      expect(openai.requests.filter((request) => request.headers.authorization === `Bearer ${SECRETS.OPENAI_API_KEY}`).length).toBeGreaterThan(0);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      // The run logged what we meant to scan: trace lines, and the refused model calls with their errors.
      // The run logged what we meant to scan: debug lines (Bolt, the Socket Mode client), and the refused model calls.
      expect(/"level":20/.test(stderr), 'debug lines in the log').toBe(true);
      expect(/"msg":"model call failed"/.test(stderr), 'a refused model call in the log').toBe(true);

      const output = [
        ...stdout.split('\n').map((text, index) => ({ where: `stdout line ${index + 1}`, text })),
        ...stderr.split('\n').map((text, index) => ({ where: `stderr line ${index + 1}`, text })),
      ];
      expect(scanTexts(output), 'secrets in the process output').toEqual([]);
      // The proxy's echo reached the log, and was scrubbed there.
      expect(/Incorrect API key provided: \[REDACTED\]/.test(stderr), 'the echoed key, redacted, in the log').toBe(true);

      // What reviewers and customers see: every Slack call's arguments and every Discord REST body (not the auth headers).
      const posted = [
        ...slack.calls.map((call, index) => ({ where: `Slack call ${index + 1} (${call.method})`, text: JSON.stringify(call.args) })),
        ...discord.requests.map((request, index) => ({
          where: `Discord request ${index + 1} (${request.method} ${request.path})`,
          text: JSON.stringify({ query: request.query, body: request.body }),
        })),
      ];
      expect(scanTexts(posted), 'secrets posted to Slack or Discord').toEqual([]);

      const { leaks, tables, cells } = scanDatabase(database);
      expect(tables).toEqual(expect.arrayContaining(['tickets', 'model_calls']));
      expect(cells).toBeGreaterThan(0);
      // The refused calls are in the ledger with their error, so the scan below saw the echoed message.
      const db = new Database(database, { readonly: true });
      const refusedRows = db.prepare("select count(*) as n from model_calls where error_message like '%Incorrect API key%'").get() as { n: number };
      db.close();
      expect(refusedRows.n).toBeGreaterThan(0);
      // Fails naming table.column: e.g. model_calls.error_message when the gateway stores an unscrubbed error message.
      expect(
        leaks.map((leak) => `${leak.where}: ${leak.secrets.join(', ')} in ${JSON.stringify(leak.excerpt)}`),
        'secrets in the database',
      ).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await exited;
      await slack.close();
      await discord.close();
      await proxy.close();
      await openai.close();
    }
  });
});
