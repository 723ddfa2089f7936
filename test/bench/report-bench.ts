/**
 * The `report` bench: how long the weekly report and the budget check take
 * on a large ledger. Seeds a week of 200,000 calls over 40,000 tickets
 * (quick: 20,000 over 4,000) into a real SQLite file, then times building the
 * report, rendering the chart, and the ledger query each budgeted call makes.
 * Prints numbers; asserts nothing. Alone: `npx tsx test/bench/report-bench.ts [--quick]`.
 */
import { renderSpendChart } from '../../src/jobs/chart/spend-chart.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { DEFAULT_PRICE_TABLE } from '../../src/models/pricing.js';
import { TierRegistry } from '../../src/models/tiers.js';
import { weekOfDate } from '../../src/periods.js';
import { BudgetGuard } from '../../src/policy/budget.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/temp-dir.js';
import type { Bench } from './figures.js';
import { runIfEntry } from './standalone.js';

const STAGES = [
  { stage: 'classify', tier: 'nano', model: 'gpt-5.4-nano', cost: 0.0002 },
  { stage: 'extract', tier: 'nano', model: 'gpt-5.4-nano', cost: 0.0002 },
  { stage: 'draft', tier: 'mini', model: 'gpt-5.4-mini', cost: 0.0015 },
  { stage: 'summarize', tier: 'mini', model: 'gpt-5.4-mini', cost: 0.0006 },
  { stage: 'second_opinion', tier: 'flagship', model: 'gpt-5.4', cost: 0.006 },
] as const;

export const reportBench: Bench = {
  name: 'report',
  async run({ quick, log }) {
    const TICKETS = quick ? 4_000 : 40_000;
    const calls = TICKETS * STAGES.length;
    const dir = tempDir('report-bench');
    const store = openSqliteStore(dir.file('ledger.db'));
    try {
      const week = weekOfDate('2026-11-16', 'UTC');
      const span = week.until.getTime() - week.since.getTime();
      const seeded = performance.now();
      store.transaction(() => {
        for (let i = 0; i < TICKETS; i++) {
          const at = new Date(week.since.getTime() + Math.floor((i / TICKETS) * span));
          const { ticket } = store.tickets.intake({
            thread: { platform: i % 2 ? 'slack' : 'discord', channelId: `C${i % 7}`, threadId: String(i) },
            messageId: String(i),
            customer: { id: `U${i % 500}` },
            text: `Ticket ${i}: my order arrived damaged`,
            receivedAt: at,
          });
          for (const call of STAGES) {
            store.modelCalls.record({
              ticketId: ticket.id,
              stage: call.stage,
              tier: call.tier,
              provider: 'openai',
              model: call.model,
              requestId: null,
              promptName: call.stage,
              promptVersion: `${call.stage}@bench`,
              usage: { input: 1_500, cachedInput: 1_024, output: 200, reasoning: 0 },
              costUsd: call.cost,
              estimatedCostUsd: null,
              priceVersion: 'bench',
              latencyMs: 50,
              outcome: 'ok',
              errorMessage: null,
              rawUsage: null,
              createdAt: at,
            });
          }
        }
      });
      log(`seeded ${calls} calls over ${TICKETS} tickets in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

      const tiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE);
      const built = performance.now();
      const report = buildWeeklyReport({ store, tiers, budget: null, timeZone: 'UTC' }, week);
      const buildMs = performance.now() - built;
      const rendered = performance.now();
      const chart = renderSpendChart(report.daily);
      const chartMs = performance.now() - rendered;
      log(`weekly report: ${report.totals.calls} calls, $${report.totals.costUsd.toFixed(2)} in ${buildMs.toFixed(0)} ms; chart ${chart.length} bytes in ${chartMs.toFixed(0)} ms; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);

      // The budget check at the end of the month's busiest week: settled running totals plus what is in flight, per call.
      const budget = new BudgetGuard({ dailyUsd: 1e6, monthlyUsd: 1e6, alertThreshold: 0.8, urgentReserve: 0.1, timeZone: 'UTC' }, store.modelCalls, () => new Date('2026-11-22T23:00:00Z'));
      const checks = 2_000;
      const checked = performance.now();
      for (let i = 0; i < checks; i++) store.transaction(() => budget.admit(0.01, { stage: 'draft', urgent: false }));
      const checkUs = ((performance.now() - checked) / checks) * 1000;
      log(`budget check (daily + monthly sums over ${calls} rows this month): ${checkUs.toFixed(0)} µs per call`);
      return [
        { key: 'report_weekly_build_ms', label: `weekly report over ${calls.toLocaleString('en-US')} calls`, value: buildMs, unit: 'ms' },
        { key: 'report_chart_ms', label: 'spend chart render', value: chartMs, unit: 'ms' },
        { key: 'report_budget_check_us', label: 'budget check before a billed call', value: checkUs, unit: 'µs' },
      ];
    } finally {
      store.close();
      dir.cleanup();
    }
  },
};

runIfEntry(reportBench, import.meta.filename);
