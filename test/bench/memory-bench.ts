/**
 * Memory of a long-running bot (issue 13): `npm start` in Slack HTTP mode,
 * exactly as a user runs it, against the fake Slack Web API and the fake
 * OpenAI (per-model latency, seeded heuristic answers), takes 10,000 signed
 * customer messages (--quick: 100, only to see it runs) at a steady pace with a bounded number
 * in flight, while its resident set is read from /proc every 500 tickets
 * (quick: 5). The heap after a full collection is read beside it through a
 * preload the bench adds (support/heap-report.mjs), never through the bot's
 * own code. A bot that holds nothing per ticket stays flat after warm-up:
 * the growth from the first fifth of the run to its end is the figure.
 * Prints numbers; asserts nothing.
 *
 * LOG_LEVEL=info, the default a user runs, to a file: every line the bot
 * writes is paid for (a leak in the logger would show), stderr to a file is
 * written synchronously (a slow pipe reader would pile lines up in the bot
 * and blame it for the bench), and the file gives the HTTP port (PORT=0)
 * and, when something fails, the reason.
 */
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { parseCliArgs } from '../../src/cli/args.js';
import { startFakeOpenAI } from '../fakes/openai/index.js';
import { eventCallback, messageEvent, startFakeSlack } from '../fakes/slack/index.js';
import { heuristicModel } from '../support/heuristic-model.js';
import { tempDir } from '../support/temp-dir.js';
import type { Bench, BenchContext, Figure } from './figures.js';
import { CardCounter } from './support/card-counter.js';
import { customerMessages } from './support/customer-messages.js';
import { repositoryEnvFile, startNpmStart, type NpmStart } from './support/npm-start-process.js';

const SEED = 20_261_124;
const KEY = 'sk-bench-memory-0000000000';
const SUPPORT = 'CSUPPORT';
const REVIEW = 'CREVIEW';
/** Per-model latency of the fake OpenAI: slow enough that tickets overlap, fast enough for 10,000 in minutes. */
const LATENCY_MS = { 'gpt-5.4-nano': 20, 'gpt-5.4-mini': 50, 'gpt-5.4': 100, 'text-embedding-3-small': 10 };
/** Offered load, and how far the bot may fall behind before the sender waits for it (its queue is part of what it holds). */
const RATE_PER_S = 30;
const MAX_IN_FLIGHT = 40;
/** A bot that finishes no ticket for this long is stuck: the bench stops rather than wait forever. */
const STALL_MS = 120_000;
const TARGET_PEAK_MIB = 200;
const TARGET_GROWTH_MIB = 10;

interface Sample {
  tickets: number;
  cards: number;
  seconds: number;
  /** Resident set as it is (what a host's monitoring sees). */
  rssMiB: number;
  /** Read again right after the full collection the heap report makes. */
  rssAfterGcMiB: number;
  heapUsedMiB: number;
  /** What V8 has taken from the system for its heap, and for its young generation alone. */
  heapTotalMiB: number;
  newSpaceMiB: number;
  botCpuSeconds: number;
}

function mib(value: number): string {
  return value.toFixed(1);
}

/** Slack's `ts`: seconds and a six-digit counter, unique per message. */
function slackTs(n: number): string {
  return `${Math.floor(Date.now() / 1000)}.${String(n % 1_000_000).padStart(6, '0')}`;
}

function storedTickets(path: string): { tickets: number; byStatus: string } {
  const db = new Database(path, { readonly: true });
  try {
    const { n } = db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
    const rows = db.prepare('SELECT status, count(*) AS n FROM tickets GROUP BY status ORDER BY n DESC').all() as { status: string; n: number }[];
    return { tickets: n, byStatus: rows.map((row) => `${row.status} ${row.n}`).join(', ') };
  } finally {
    db.close();
  }
}

export interface MemoryOptions {
  /** Also write heap snapshots of the bot before the first ticket, at the first fifth and at the end into this folder (diagnosis: each raises the RSS read after it). */
  snapshotDir?: string;
  /** Extra node flags for the bot (NODE_OPTIONS), to try a setting. */
  nodeOptions?: string;
}

export async function runMemory({ quick, log }: BenchContext, options: MemoryOptions = {}): Promise<Figure[]> {
  const total = quick ? 100 : 10_000;
  const every = total / 20;
  const early = total / 5;
  log(`seed ${SEED}; ${total.toLocaleString('en-US')} tickets offered at ${RATE_PER_S}/s, at most ${MAX_IN_FLIGHT} unfinished; RSS sampled every ${every}`);
  log(`fake OpenAI latency ${Object.entries(LATENCY_MS).map(([model, ms]) => `${model} ${ms} ms`).join(', ')}`);
  const envFile = repositoryEnvFile();
  if (envFile) log(`warning: ${envFile} exists and the bot reads it too (real variables win)`);

  const dir = tempDir('memory-bench');
  const slack = await startFakeSlack();
  const openai = await startFakeOpenAI({ apiKey: KEY, latencyMs: LATENCY_MS });
  openai.script(heuristicModel);
  const database = dir.file('triage.db');
  let bot: NpmStart | null = null;
  try {
    const started = performance.now();
    bot = await startNpmStart(
      {
        DATABASE_PATH: database,
        LOG_LEVEL: 'info',
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        SLACK_API_URL: slack.apiUrl,
        SLACK_SUPPORT_CHANNELS: SUPPORT,
        SLACK_REVIEW_CHANNEL: REVIEW,
        SLACK_REVIEWERS: 'UREVIEWER',
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: openai.url,
        ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
      },
      { log: dir.file('bot.log'), heapReport: dir.file('heap.jsonl') },
      /slack adapter started/,
      60_000,
    );
    const port = (JSON.parse(bot.readyLine) as { port?: number }).port;
    if (typeof port !== 'number') throw new Error(`no port in: ${bot.readyLine}`);
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    log(`bot pid ${bot.pid} (node running the compiled bot under npm) up in ${((performance.now() - started) / 1000).toFixed(1)} s on port ${port}`);

    const cards = new CardCounter(slack, REVIEW);
    const samples: Sample[] = [];
    const loadStarted = performance.now();
    const sample = async (tickets: number): Promise<void> => {
      const { rssMiB } = bot!.memory();
      const snapshot = options.snapshotDir && (tickets === 0 || tickets === early || tickets === total) ? join(options.snapshotDir, `bot-${tickets}.heapsnapshot`) : undefined;
      const heap = await bot!.heap(snapshot ? { snapshot } : {});
      if (snapshot) log(`heap snapshot written: ${snapshot}`);
      const entry: Sample = {
        tickets,
        cards: cards.cards,
        seconds: (performance.now() - loadStarted) / 1000,
        rssMiB,
        rssAfterGcMiB: bot!.memory().rssMiB,
        heapUsedMiB: heap.heapUsedMiB,
        heapTotalMiB: heap.heapTotalMiB,
        newSpaceMiB: heap.spaces.new_space?.committedMiB ?? 0,
        botCpuSeconds: bot!.cpuSeconds(),
      };
      samples.push(entry);
      log(
        `${String(tickets).padStart(6)} sent, ${String(entry.cards).padStart(6)} done, ${entry.seconds.toFixed(0).padStart(4)} s (bot CPU ${entry.botCpuSeconds.toFixed(0)} s): ` +
          `RSS ${mib(rssMiB)} MiB (${mib(entry.rssAfterGcMiB)} after GC); heap ${mib(entry.heapUsedMiB)} MiB live, ${mib(entry.heapTotalMiB)} taken (young ${mib(entry.newSpaceMiB)})`,
      );
    };
    await sample(0);

    const next = customerMessages(SEED);
    const acks = new Set<Promise<void>>();
    const refused: string[] = [];
    let boundWaits = 0;
    let due = performance.now();
    for (let sent = 0; sent < total; ) {
      if (sent - cards.cards >= MAX_IN_FLIGHT) {
        boundWaits += 1;
        await cards.waitFor(sent - MAX_IN_FLIGHT + 1, STALL_MS);
      }
      // Open loop: the next message leaves at its time whatever the last one's ack is doing.
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      due = Math.max(due + 1000 / RATE_PER_S, performance.now() - 1000);
      const { text, user } = next();
      const body = eventCallback(messageEvent({ channel: SUPPORT, user, text, ts: slackTs(sent) }));
      const ack: Promise<void> = slack
        .postSigned(eventsUrl, body)
        .then(
          (result) => void (result.status === 200 || refused.push(`HTTP ${result.status}: ${result.body.slice(0, 200)}`)),
          (error: unknown) => void refused.push(String(error)),
        )
        .finally(() => acks.delete(ack));
      acks.add(ack);
      sent += 1;
      if (sent % every === 0) {
        await sample(sent);
        // The fakes keep every call they saw; emptied here so the bench's own process stays small.
        cards.trim();
        openai.reset();
        openai.script(heuristicModel);
      }
    }
    await Promise.all(acks);
    await cards.waitFor(total, STALL_MS);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const end = bot.memory();
    const endHeap = await bot.heap();
    log(`all ${total} tickets done in ${loadSeconds.toFixed(0)} s; the sender waited on the in-flight bound ${boundWaits} times; ${refused.length} events refused`);
    for (const reason of refused.slice(0, 5)) log(`  refused: ${reason}`);
    log(`at the end: RSS ${mib(end.rssMiB)} MiB, heap after GC ${mib(endHeap.heapUsedMiB)} MiB of ${mib(endHeap.heapTotalMiB)} MiB taken, peak RSS (VmHWM) ${mib(end.peakRssMiB)} MiB`);
    const spaces = Object.entries(endHeap.spaces).filter(([, space]) => space.committedMiB >= 0.5);
    log(`  V8 spaces (MiB used / taken): ${spaces.map(([name, space]) => `${name} ${mib(space.usedMiB)}/${mib(space.committedMiB)}`).join(', ')}`);

    const stopped = await bot.stop(30_000);
    bot = null;
    log(`bot stopped (${stopped.how}, exit code ${String(stopped.code)})`);
    const stored = storedTickets(database);
    log(`stored ${stored.tickets} tickets for ${total} sent: ${stored.byStatus}`);

    // One sample can catch a young generation just before its collection (tens of MiB): each end
    // of the comparison is the median of three samples, at the point and the two after (or before) it.
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const around = (from: number, to: number, pick: (entry: Sample) => number) => median(samples.filter((entry) => entry.tickets >= from && entry.tickets <= to).map(pick));
    const earlyTo = early + 2 * every;
    const lateFrom = total - 2 * every;
    const first = { rss: around(early, earlyTo, (entry) => entry.rssMiB), heap: around(early, earlyTo, (entry) => entry.heapUsedMiB) };
    const last = { rss: around(lateFrom, total, (entry) => entry.rssMiB), heap: around(lateFrom, total, (entry) => entry.heapUsedMiB) };
    const growth = last.rss - first.rss;
    const plateau = samples.filter((entry) => entry.tickets >= early).map((entry) => entry.rssMiB);
    const label = (n: number) => n.toLocaleString('en-US');
    return [
      { key: 'memory_peak_rss_mib', label: `peak RSS of the bot process (VmHWM) over ${label(total)} tickets`, value: end.peakRssMiB, unit: 'MiB', target: `≤ ${TARGET_PEAK_MIB} MiB`, met: end.peakRssMiB <= TARGET_PEAK_MIB },
      { key: `memory_rss_at_${early}_mib`, label: `RSS at the ${label(early)}th ticket (median of the samples at ${label(early)}–${label(earlyTo)})`, value: first.rss, unit: 'MiB' },
      { key: `memory_rss_at_${total}_mib`, label: `RSS at the ${label(total)}th ticket (median of the samples at ${label(lateFrom)}–${label(total)})`, value: last.rss, unit: 'MiB' },
      { key: `memory_growth_${early}_to_${total}_mib`, label: `RSS growth from the ${label(early)}th to the ${label(total)}th ticket`, value: growth, unit: 'MiB', target: `≤ ${TARGET_GROWTH_MIB} MiB`, met: growth <= TARGET_GROWTH_MIB },
      { key: `memory_rss_spread_${early}_to_${total}_mib`, label: `RSS spread (max − min) of single samples from the ${label(early)}th ticket on: the noise`, value: Math.max(...plateau) - Math.min(...plateau), unit: 'MiB' },
      { key: `memory_heap_growth_${early}_to_${total}_mib`, label: `live heap (after a full GC) growth from the ${label(early)}th to the ${label(total)}th ticket, same medians`, value: last.heap - first.heap, unit: 'MiB' },
      { key: 'memory_tickets_per_s', label: `tickets finished per second (offered ${RATE_PER_S}/s, ≤ ${MAX_IN_FLIGHT} in flight)`, value: total / loadSeconds, unit: 'tickets/s' },
      { key: 'memory_tickets_sent', label: 'customer messages sent (acked by the bot)', value: total - refused.length, unit: 'tickets' },
      { key: 'memory_tickets_stored', label: 'tickets stored (must equal sent)', value: stored.tickets, unit: 'tickets', target: `= ${total - refused.length}`, met: stored.tickets === total - refused.length },
    ];
  } finally {
    if (bot) log(`bot stopped after a failure (${(await bot.stop(10_000)).how}); its log's last lines:\n${bot.log().split('\n').slice(-15).join('\n')}`);
    await slack.close();
    await openai.close();
    dir.cleanup();
  }
}

export const memoryBench: Bench = { name: 'memory', run: runMemory };

// `npx tsx test/bench/memory-bench.ts [--quick] [--snapshots DIR] [--node-options FLAGS]` runs it alone;
// compare the two snapshots with `npx tsx test/bench/heap-diff.ts`.
if (process.argv[1] === import.meta.filename) {
  const args = parseCliArgs(process.argv.slice(2), { quick: { type: 'boolean' }, snapshots: { type: 'string' }, 'node-options': { type: 'string' } });
  const options: MemoryOptions = {
    ...(args.snapshots ? { snapshotDir: resolve(args.snapshots) } : {}),
    ...(args['node-options'] ? { nodeOptions: args['node-options'] } : {}),
  };
  if (options.nodeOptions) console.log(`bot NODE_OPTIONS: ${options.nodeOptions}`);
  const figures = await runMemory({ quick: args.quick === true, log: (line) => console.log(line) }, options);
  for (const figure of figures) {
    const verdict = figure.met === undefined ? '' : figure.met ? ' ✓' : ' ✗';
    console.log(`${figure.label}: ${figure.value.toFixed(1)} ${figure.unit}${figure.target ? ` (target ${figure.target})${verdict}` : ''}`);
  }
}
