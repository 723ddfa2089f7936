/**
 * Crash: `npm start` in Slack HTTP mode against the fakes (a slow Slack, a
 * model with latency), killed with SIGKILL at random moments and restarted
 * each time. A driver sends signed events the way Slack does (retrying each
 * until it is acked) and clicks Approve on the cards it sees, as a reviewer
 * would (again, if a card still shows its buttons a while later). At the end:
 * every acked event is a ticket with a card a reviewer can see, none is stuck
 * in progress, no reply or card was posted twice, every attempt the model
 * provider billed is in the ledger, no stage was paid twice, the database is
 * intact, and at most 2% of deliveries are left uncertain.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../adapters/slack/format.js';
import { IN_PROGRESS_STATUSES, type TicketStatus } from '../../src/domain/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { startFakeOpenAI } from '../fakes/openai/index.js';
import { blockActions, eventCallback, messageEvent, startFakeSlack } from '../fakes/slack/index.js';
import { heuristicModel } from '../support/heuristic-model.js';
import { tempDir } from '../support/temp-dir.js';
import { chaosSeed, compileLikePrestart, CUSTOMER_MESSAGES, freePort, NPM_START_ARGS, postSigned, reconcileLedger, report, seeded, withSeed } from './chaos-support.js';
import { flatMapAsync, mapAsync } from '../support/async-array.js';

const EVENTS = 40;
const KILLS = 12;
const SUPPORT = 'CSUPPORT';
const REVIEW = 'CREVIEW';
const REVIEWER = 'UREVIEWER';
const KEY = 'sk-test-chaos-crash-0000';
const UNCERTAIN_LABEL = 'check the thread before sending';


const dir = tempDir('chaos-crash');
afterAll(() => dir.cleanup());
beforeAll(() => compileLikePrestart(), 120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** The bot as a child process: started, killed, restarted; its stderr kept for a failing run. */
class BotProcess {
  private child: ChildProcess | null = null;
  readonly log: string[] = [];
  starts = 0;

  constructor(private readonly env: NodeJS.ProcessEnv, private readonly port: number) {}

  async start(): Promise<void> {
    this.starts += 1;
    const run = this.starts;
    // As `npm start` runs it: the compiled bot (compiled once in beforeAll), no TypeScript loader on every restart.
    const child = spawn(process.execPath, NPM_START_ARGS, { env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (data: Buffer) => this.log.push(...data.toString().split('\n').filter(Boolean).map((line) => `[run ${run}] ${line}`)));
    this.child = child;
    // Ready: the Events API port answers (any HTTP status).
    for (let waited = 0; ; waited += 50) {
      if (child.exitCode !== null) throw new Error(`the bot exited at start-up (code ${child.exitCode})`);
      if (waited > 30_000) throw new Error('the bot did not start listening within 30 s');
      const up = await fetch(`http://127.0.0.1:${this.port}/`, { signal: AbortSignal.timeout(1_000) }).then(
        () => true,
        () => false,
      );
      if (up) return;
      await sleep(50);
    }
  }

  async kill(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}


function ticketIdOf(message: { blocks: unknown[] | undefined }): number | null {
  const match = /Ticket #(\d+)/.exec(JSON.stringify(message.blocks ?? []));
  return match ? Number(match[1]) : null;
}

function hasButtons(blocks: unknown[] | undefined): boolean {
  return (blocks ?? []).some((block) => (block as { type?: string }).type === 'actions');
}

describe('crash: SIGKILL at random moments under load', () => {
  it('loses no ticket, sends nothing twice, and the ledger holds every billed attempt', async () => {
    const seed = chaosSeed(20_261_201);
    const rng = seeded(seed);
    const slack = await startFakeSlack();
    const openai = await startFakeOpenAI({ apiKey: KEY });
    const port = await freePort();
    const database = dir.file('crash.db');
    slack.setLatency('chat.postMessage', 250); // slow Slack: posts land, answers come late
    openai.script(heuristicModel);
    for (const model of ['gpt-5.4-nano', 'gpt-5.4-mini', 'gpt-5.4']) openai.setLatency(model, rng.between(60, 160));
    const bot = new BotProcess(
      {
        PATH: process.env.PATH,
        DATABASE_PATH: database,
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        PORT: String(port),
        SLACK_API_URL: slack.apiUrl,
        SLACK_SUPPORT_CHANNELS: SUPPORT,
        SLACK_REVIEW_CHANNEL: REVIEW,
        SLACK_REVIEWERS: REVIEWER,
        MODEL_PROVIDER: 'openai',
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: openai.url,
        MODEL_MAX_RETRIES: '1',
        AUTO_SEND: 'true',
      },
      port,
    );
    const url = `http://127.0.0.1:${port}/slack/events`;
    const acked = new Set<string>();
    const clicked = new Map<number, number>();
    let clicks = 0;
    let kills = 0;
    let driving = true;

    try {
      await withSeed(seed, async () => {
        await bot.start();
        const base = Math.floor(Date.now() / 1000);
        const events = Array.from({ length: EVENTS }, (_, index) => ({
          ts: `${base}.${String(index + 1).padStart(6, '0')}`,
          text: `${CUSTOMER_MESSAGES[index % CUSTOMER_MESSAGES.length]} (case ${index})`,
        }));

        // Three senders, as Slack delivers concurrently; each event is retried until acked.
        const queue = [...events];
        const sender = async () => {
          for (let event = queue.shift(); event; event = queue.shift()) {
            const body = JSON.stringify(eventCallback(messageEvent({ channel: SUPPORT, user: 'UCUSTOMER', text: event.text, ts: event.ts })));
            for (let attempt = 0; !(await postSigned(slack, url, body, 'application/json', attempt > 0 ? { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_error' } : {})); attempt++) {
              await sleep(100);
            }
            acked.add(event.ts);
            await sleep(rng.between(30, 200));
          }
        };

        // The reviewer: approves what a card offers (not a card that says to check the thread first), again if it still shows buttons later.
        const reviewer = async () => {
          while (driving) {
            for (const card of slack.messages.filter((m) => m.channel === REVIEW && !m.ephemeral && hasButtons(m.blocks))) {
              const id = ticketIdOf(card);
              if (id === null || JSON.stringify(card.blocks).includes(UNCERTAIN_LABEL)) continue;
              if (Date.now() - (clicked.get(id) ?? 0) < 3_000) continue;
              const payload = blockActions({ actionId: ACTION_IDS.approve, value: String(id), user: REVIEWER, channel: REVIEW, messageTs: card.ts, responseUrl: slack.responseUrl() });
              if (await postSigned(slack, url, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded')) {
                clicked.set(id, Date.now());
                clicks += 1;
              }
            }
            await sleep(150);
          }
        };

        // The killer: SIGKILL at a random moment, restart, again.
        const killer = async () => {
          for (let k = 0; k < KILLS; k++) {
            await sleep(rng.between(300, 2_200));
            await bot.kill('SIGKILL');
            kills += 1;
            await bot.start();
          }
        };

        const sending = Promise.all([sender(), sender(), sender()]);
        const reviewing = reviewer();
        await Promise.all([sending, killer()]);

        // Settle: nothing in progress, every card a reviewer could still act on has been acted on.
        /** Tickets not settled yet: in progress, or waiting for a reviewer who can still act. */
        const unsettled = (): string[] => {
          const db = new Database(database, { readonly: true });
          try {
            const rows = db.prepare('SELECT t.id, t.status, t.status_reason AS why, (SELECT count(*) FROM drafts d WHERE d.ticket_id = t.id) AS drafts, (SELECT reasons FROM routing_decisions r WHERE r.ticket_id = t.id ORDER BY r.id DESC LIMIT 1) AS reasons FROM tickets t').all() as { id: number; status: TicketStatus; why: string | null; drafts: number; reasons: string | null }[];
            const waiting = rows.filter(
              (row) =>
                IN_PROGRESS_STATUSES.includes(row.status) ||
                (row.status === 'awaiting_review' && row.drafts > 0 && !(row.reasons ?? '').includes('delivery_uncertain')),
            );
            return [
              ...(rows.length < EVENTS ? [`only ${rows.length} of ${EVENTS} tickets stored`] : []),
              ...waiting.map((row) => {
                const card = slack.messages.find((m) => m.channel === REVIEW && !m.ephemeral && ticketIdOf(m) === row.id);
                return `#${row.id} ${row.status} (${row.why ?? ''}; ${row.reasons ?? ''}) card: ${card ? (hasButtons(card.blocks) ? 'with buttons' : 'without buttons') : 'none'}`;
              }),
            ];
          } finally {
            db.close();
          }
        };
        for (let waited = 0; unsettled().length > 0; waited += 200) {
          if (waited > 120_000) throw new Error(`did not settle within 120 s:\n${unsettled().join('\n')}`);
          await sleep(200);
        }
        driving = false;
        await reviewing;
        expect(await bot.kill('SIGTERM')).toBe(0);
      });

      // ── The proof ──────────────────────────────────────────────────────
      const store = openSqliteStore(database);
      try {
        const tickets = await mapAsync([...acked], async (ts) => ({ ts, ticket: await store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts }) }));
        const lost = tickets.filter((entry) => !entry.ticket).map((entry) => entry.ts);
        const stuck = tickets.filter((entry) => entry.ticket && IN_PROGRESS_STATUSES.includes(entry.ticket.status)).map((entry) => `#${entry.ticket?.id} ${entry.ticket?.status}`);
        const duplicateCards: string[] = [];
        const invisible: string[] = [];
        const duplicateReplies: string[] = [];
        const paidTwice: string[] = [];
        let sent = 0;
        let uncertain = 0;
        for (const { ts, ticket } of tickets) {
          if (!ticket) continue;
          const cards = slack.messages.filter((m) => m.channel === REVIEW && !m.ephemeral && ticketIdOf(m) === ticket.id);
          if (cards.length > 1) duplicateCards.push(`#${ticket.id}: ${cards.length} cards`);
          const decision = await store.triage.latestDecision(ticket.id);
          const quietlyClosed = ticket.status === 'closed' && decision?.route === 'no_reply';
          if (!quietlyClosed && cards.length === 0) invisible.push(`#${ticket.id} ${ticket.status}: no card`);
          if (ticket.status === 'awaiting_review' && !hasButtons(cards[0]?.blocks)) invisible.push(`#${ticket.id}: its card shows no buttons`);
          const replies = slack.messages.filter(
            (m) => m.channel === SUPPORT && m.thread_ts === ts && !m.ephemeral && (m.metadata as { event_payload?: { chunk?: number } } | undefined)?.event_payload?.chunk === 0,
          );
          if (replies.length > 1) duplicateReplies.push(`#${ticket.id}: ${replies.length} replies`);
          if (ticket.status === 'sent') {
            sent += 1;
            if (replies.length !== 1) duplicateReplies.push(`#${ticket.id} is sent with ${replies.length} replies`);
          }
          if (decision?.reasons.includes('delivery_uncertain')) uncertain += 1;
          const ok = (await store.modelCalls.forTicket(ticket.id)).filter((row) => row.outcome === 'ok');
          for (const stage of ['classify', 'extract', 'draft', 'summarize', 'second_opinion']) {
            const n = ok.filter((row) => row.stage === stage).length;
            if (n > 1) paidTwice.push(`#${ticket.id} ${stage} paid ${n} times`);
          }
        }
        // Every ticket's calls, and the calls of no ticket (the knowledge base's embeddings).
        const rows = [...await flatMapAsync(tickets, async ({ ticket }) => (ticket ? await store.modelCalls.forTicket(ticket.id) : [])), ...await store.modelCalls.forTicket(null)];
        const ledger = reconcileLedger(rows, openai.billed);
        // What the restarted processes say they took over (their recovery log lines).
        const tookOver: Record<string, number> = {};
        for (const line of bot.log) {
          const json = line.slice(line.indexOf('{'));
          if (!json.includes('took over work')) continue;
          const entry = JSON.parse(json) as Record<string, unknown>;
          for (const kind of ['abandonedCalls', 'resumed', 'shown', 'delivered', 'reconciled', 'resent', 'uncertain']) tookOver[kind] = (tookOver[kind] ?? 0) + Number(entry[kind] ?? 0);
        }
        const db = new Database(database, { readonly: true });
        const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check;
        db.close();

        report(`crash chaos · seed ${seed}`, {
          'SIGKILLs': kills,
          'events acked': `${acked.size} of ${EVENTS}`,
          'tickets lost': lost.length,
          'tickets stuck in progress': stuck.length,
          'tickets sent': sent,
          'Approve clicks (incl. repeats)': clicks,
          'duplicate replies': duplicateReplies.length,
          'duplicate cards': duplicateCards.length,
          'uncertain deliveries': `${uncertain} (${((uncertain / Math.max(1, tickets.length)) * 100).toFixed(1)}%)`,
          'taken over after kills': Object.entries(tookOver).map(([kind, n]) => `${kind} ${n}`).join(', '),
          'stages paid twice': paidTwice.length,
          'billed attempts (fake)': ledger.billedAttempts,
          'ledger rows': ledger.ledgerRows,
          'billed attempts missing from the ledger': ledger.missing.length,
          'rows cut off by a kill (unknown_outcome)': ledger.unknownOutcome,
          'provider bill USD': ledger.billNanos / 1e9,
          'ledger USD': ledger.ledgerNanos / 1e9,
          'integrity_check': integrity,
        });
        expect(kills).toBeGreaterThanOrEqual(10);
        expect(acked.size).toBe(EVENTS);
        expect(lost).toEqual([]);
        expect(stuck).toEqual([]);
        expect(invisible).toEqual([]);
        expect(duplicateCards).toEqual([]);
        expect(duplicateReplies).toEqual([]);
        expect(paidTwice).toEqual([]);
        expect(ledger.missing).toEqual([]);
        expect(ledger.mispriced).toEqual([]);
        expect(ledger.undercounted).toEqual([]);
        expect(ledger.open).toBe(0);
        expect(integrity).toBe('ok');
        expect(uncertain / tickets.length).toBeLessThanOrEqual(0.02);
      } finally {
        store.close();
      }
    } catch (error) {
      console.log(`bot log (last 60 lines):\n${bot.log.slice(-60).join('\n')}`);
      throw error;
    } finally {
      driving = false;
      await bot.kill('SIGKILL');
      await slack.close();
      await openai.close();
    }
  });
});
