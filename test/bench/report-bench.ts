/**
 * The weekly report on a big ledger (issue 13): a week of 200,000 tickets and
 * 1,000,000 model calls written straight into the documented tables with SQL
 * (the ledger's triggers keep the aggregates, as for any writer), then
 * `npm run report -- --week 2026-11-16 --json` run as a user would: its wall
 * time beyond process start (the same command on an empty database) and the
 * peak RSS of its node processes. Also the report built in-process, the chart,
 * and the budget check made before every billed call. `--quick`: a tenth.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { renderSpendChart } from '../../src/jobs/chart/spend-chart.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { KnowledgeGaps } from '../../src/kb/index.js';
import { costNanos, DEFAULT_PRICE_TABLE, priceFor } from '../../src/models/pricing.js';
import { TierRegistry } from '../../src/models/tiers.js';
import { weekOfDate } from '../../src/periods.js';
import { BudgetGuard } from '../../src/policy/budget.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/temp-dir.js';
import type { Bench, BenchContext, Figure } from './figures.js';
import { runIfEntry } from './standalone.js';
import { measureCommand, type MeasuredRun } from './support/measure-command.js';

const ROOT = join(import.meta.dirname, '../..');
const CALLS = [
  { stage: 'classify', tier: 'nano', model: 'gpt-5.4-nano', usage: { input: 1_480, cachedInput: 1_152, output: 90, reasoning: 0 } },
  { stage: 'extract', tier: 'nano', model: 'gpt-5.4-nano', usage: { input: 1_350, cachedInput: 1_024, output: 120, reasoning: 0 } },
  { stage: 'draft', tier: 'mini', model: 'gpt-5.4-mini', usage: { input: 2_300, cachedInput: 1_280, output: 260, reasoning: 0 } },
  { stage: 'summarize', tier: 'mini', model: 'gpt-5.4-mini', usage: { input: 1_700, cachedInput: 1_024, output: 80, reasoning: 0 } },
  { stage: 'second_opinion', tier: 'flagship', model: 'gpt-5.4', usage: { input: 2_900, cachedInput: 1_408, output: 140, reasoning: 0 } },
] as const;
/** Runs of `npm run report` on each database; the medians are reported. */
const RUNS = 3;

function median(runs: MeasuredRun[]): MeasuredRun {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { ...(sorted[Math.floor(sorted.length / 2)] ?? sorted[0]!) };
}

const REASONS = [['risk_refund', 'low_confidence'], ['risk_amount'], ['budget_flagship_to_mini', 'risk_legal'], ['low_confidence']];

/** Seeds the week with plain SQL, as an operator's import or another writer would; returns the exact total it wrote. */
export function seedWeek(path: string, tickets: number, weekSince: number, span: number): number {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  const ticket = sqlite.prepare(
    `INSERT INTO tickets (platform, channel_id, thread_id, customer_id, status, urgency, category, language, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'billing', 'en', ?, ?)`,
  );
  const message = sqlite.prepare(
    `INSERT INTO messages (ticket_id, direction, platform, channel_id, platform_message_id, author_id, text, created_at) VALUES (?, 'inbound', ?, ?, ?, ?, ?, ?)`,
  );
  const decision = sqlite.prepare(`INSERT INTO routing_decisions (ticket_id, route, reasons, decided_by, prompt_versions, created_at) VALUES (?, 'flagship_review', ?, 'nano', '[]', ?)`);
  const call = sqlite.prepare(
    `INSERT INTO model_calls (ticket_id, stage, tier, provider, model, prompt_name, prompt_version, input_tokens, cached_input_tokens, output_tokens,
       reasoning_tokens, cost_nanos, cost_basis, settled_seq, price_version, latency_ms, outcome, shadow, created_at)
     VALUES (?, ?, ?, 'openai', ?, ?, ?, ?, ?, ?, 0, ?, 'usage', ?, 'bench', 900, 'ok', 0, ?)`,
  );
  const prices = CALLS.map((entry) => costNanos(entry.usage, priceFor(DEFAULT_PRICE_TABLE, entry.model)));
  let seq = 0;
  let total = 0;
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // Every call inside the week: the last of a ticket's five comes 6 s after it opens.
      const at = weekSince + Math.floor((i / tickets) * (span - 10_000));
      const platform = i % 2 ? 'slack' : 'discord';
      const channel = `C${i % 7}`;
      const id = Number(ticket.run(platform, channel, `t${i}`, `U${i % 5_000}`, i % 3 ? 'sent' : 'awaiting_review', ['urgent', 'high', 'normal', 'low'][i % 4], at, at).lastInsertRowid);
      message.run(id, platform, channel, `m${i}`, `U${i % 5_000}`, `Ticket ${i}: charged twice for my order`, at);
      decision.run(id, JSON.stringify(REASONS[i % REASONS.length]), at + 1_000);
      CALLS.forEach((entry, n) => {
        seq += 1;
        total += prices[n] ?? 0;
        call.run(id, entry.stage, entry.tier, entry.model, entry.stage, `${entry.stage}@bench`, entry.usage.input, entry.usage.cachedInput, entry.usage.output, prices[n], seq, at + n * 1_500);
      });
    }
  });
  for (let from = 0; from < tickets; from += 10_000) batch(from, Math.min(tickets, from + 10_000));
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return total;
}

export const reportBench: Bench = {
  name: 'report',
  async run({ quick, log }: BenchContext): Promise<Figure[]> {
    const tickets = quick ? 20_000 : 200_000;
    const calls = tickets * CALLS.length;
    const dir = tempDir('report-bench');
    try {
      const path = dir.file('ledger.db');
      const week = weekOfDate('2026-11-16', 'UTC');
      openSqliteStore(path).close(); // the schema, migrated
      const seeding = performance.now();
      const seededNanos = seedWeek(path, tickets, week.since.getTime(), week.until.getTime() - week.since.getTime());
      log(`seeded ${calls.toLocaleString('en-US')} calls over ${tickets.toLocaleString('en-US')} tickets in ${((performance.now() - seeding) / 1000).toFixed(1)} s (through the ledger's triggers)`);

      const env = { DATABASE_PATH: path, REPORT_TIMEZONE: 'UTC', LOG_LEVEL: 'silent', KB_PATH: dir.file('no-kb') };
      const args = ['run', '--silent', 'report', '--', '--week', '2026-11-16', '--json'];
      const emptyPath = dir.file('empty.db');
      openSqliteStore(emptyPath).close();
      // Alternating runs, medians: one process start varies by a few hundred ms on a busy 2-core machine.
      const emptyRuns: MeasuredRun[] = [];
      const fullRuns: MeasuredRun[] = [];
      for (let run = 0; run < RUNS; run++) {
        emptyRuns.push(await measureCommand('npm', args, { ...env, DATABASE_PATH: emptyPath }, ROOT));
        fullRuns.push(await measureCommand('npm', args, env, ROOT));
      }
      const empty = median(emptyRuns);
      const full = median(fullRuns);
      full.peakRssMiB = Math.max(...fullRuns.map((run) => run.peakRssMiB));
      if (full.exitCode !== 0) throw new Error(`npm run report failed: ${full.stderr}`);
      const printed = JSON.parse(full.stdout) as { totals: { calls: number; costNanos: number; costUsd: number }; byTier: { costNanos: number }[] };
      const partsNanos = printed.byTier.reduce((sum, line) => sum + line.costNanos, 0);
      log(`npm run report, median of ${RUNS}: ${full.ms.toFixed(0)} ms (empty database ${empty.ms.toFixed(0)} ms); peak RSS ${full.peakRssMiB.toFixed(0)} MiB (${full.peakProcess})`);
      log(`report total: ${printed.totals.calls} calls, $${printed.totals.costUsd} = ${printed.totals.costNanos} nano-dollars; seeded ${seededNanos}; by tier ${partsNanos}`);

      // The command's own work, timed inside one process as the CLI does it: open (and check the migrations of)
      // the store, build the report with its knowledge gaps, and print it. Process start (tsx, imports) is not
      // in it: on a busy 2-core machine it alone varies by more than the whole report takes.
      const opened = performance.now();
      const store = openSqliteStore(path);
      try {
        const tiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE);
        const built = performance.now();
        const report = await buildWeeklyReport({ store, tiers, budget: null, timeZone: 'UTC', knowledgeGaps: (range) => new KnowledgeGaps(store.sqlite).top(range) }, week);
        const buildMs = performance.now() - built;
        const json = JSON.stringify(report, null, 2);
        const workMs = performance.now() - opened;
        log(`the command's work in-process: ${workMs.toFixed(0)} ms (report ${buildMs.toFixed(0)} ms, ${json.length} bytes of JSON)`);
        const rendered = performance.now();
        const chart = renderSpendChart(report.daily);
        const chartMs = performance.now() - rendered;
        writeFileSync(dir.file('chart.png'), chart);
        log(`in-process: report ${buildMs.toFixed(0)} ms, chart ${chart.length} bytes in ${chartMs.toFixed(0)} ms`);

        // The budget check at the end of the week: settled running totals plus what is in flight, per call.
        const budget = new BudgetGuard({ dailyUsd: 1e6, monthlyUsd: 1e6, alertThreshold: 0.8, urgentReserve: 0.1, timeZone: 'UTC' }, store.modelCalls, () => new Date('2026-11-22T23:00:00Z'));
        const checks = 2_000;
        const checked = performance.now();
        for (let i = 0; i < checks; i++) await store.transaction(async () => await budget.admit(10_000_000, { stage: 'draft', urgent: false }));
        const checkUs = ((performance.now() - checked) / checks) * 1000;
        log(`budget check over this month's ${calls.toLocaleString('en-US')} calls: ${checkUs.toFixed(0)} µs per call`);

        const suffix = quick ? '_quick' : '';
        return [
          { key: `report_work_ms${suffix}`, label: `the report of a ${calls.toLocaleString('en-US')}-call week: open, build, print (beyond process start)`, value: Math.round(workMs), unit: 'ms', ...(quick ? {} : { target: '≤ 250 ms', met: workMs <= 250 }) },
          { key: `report_command_ms${suffix}`, label: `npm run report on that week, whole command (median of ${RUNS})`, value: Math.round(full.ms), unit: 'ms' },
          { key: `report_peak_rss_mib${suffix}`, label: 'npm run report, peak RSS of its largest node process', value: Math.round(full.peakRssMiB), unit: 'MiB', ...(quick ? {} : { target: '≤ 150 MB', met: full.peakRssMiB * 1.048576 <= 150 }) },
          { key: `report_process_start_ms${suffix}`, label: 'npm run report on an empty database (process start)', value: Math.round(empty.ms), unit: 'ms' },
          { key: `report_in_process_ms${suffix}`, label: 'building the report in-process', value: Math.round(buildMs), unit: 'ms' },
          { key: `report_total_exact${suffix}`, label: 'report total equals the seeded sum and the sum of its tiers (1 = yes)', value: printed.totals.costNanos === seededNanos && partsNanos === seededNanos ? 1 : 0, unit: 'bool', target: '= 1', met: printed.totals.costNanos === seededNanos && partsNanos === seededNanos },
          { key: `report_chart_ms${suffix}`, label: 'rendering the daily chart', value: Math.round(chartMs), unit: 'ms' },
          { key: `budget_check_us${suffix}`, label: 'budget check before each billed call', value: Math.round(checkUs), unit: 'µs' },
        ];
      } finally {
        store.close();
      }
    } finally {
      dir.cleanup();
    }
  },
};

runIfEntry(reportBench, import.meta.filename);
