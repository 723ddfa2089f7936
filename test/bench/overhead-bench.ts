/**
 * Our own overhead (issue 13): how fast the pipeline itself is, every store
 * write included, when the model costs nothing, and how much time it adds
 * to a ticket beyond the model's. Three runs on the same tickets
 * (../shared/data when present, else the project's sample):
 * - a zero-latency model (test/bench/support/instant-provider.ts): tickets per second;
 * - the offline models (the heuristics' own CPU included): tickets per second;
 * - the fake OpenAI API through the real SDK with per-model latency, one
 *   ticket at a time: wall time ÷ the models' critical path (classify ∥
 *   extract, then draft ∥ summarize, then any second opinion).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runReplay } from '../../src/cli/run-replay.js';
import { startFakeOpenAI } from '../fakes/openai/index.js';
import { supportModel } from '../support/scripted-support-model.js';
import { tempDir } from '../support/temp-dir.js';
import type { Bench, BenchContext, Figure } from './figures.js';
import { runIfEntry } from './standalone.js';
import { instantProvider } from './support/instant-provider.js';

const SHARED = join(import.meta.dirname, '../../../shared/data/tickets/tickets-en-de.csv');
const SAMPLE = join(import.meta.dirname, '../fixtures/tickets-sample.csv');
const LATENCY: Record<string, number> = { 'gpt-5.4-nano': 150, 'gpt-5.4-mini': 400, 'gpt-5.4': 900 };
const PARALLEL_PAIRS = [['classify', 'extract'], ['draft', 'summarize']] as const;

/** The models' own time on each ticket's critical path, from the ledger: pairs that run together count once, at the slower. */
function criticalPathMs(database: string): number {
  const sqlite = new Database(database, { readonly: true });
  try {
    const rows = sqlite.prepare("select ticket_id as ticket, stage, model from model_calls where outcome = 'ok' and ticket_id is not null").all() as { ticket: number; stage: string; model: string }[];
    const byTicket = new Map<number, Map<string, number>>();
    for (const row of rows) {
      const stages = byTicket.get(row.ticket) ?? new Map<string, number>();
      stages.set(row.stage, (stages.get(row.stage) ?? 0) + (LATENCY[row.model] ?? 0));
      byTicket.set(row.ticket, stages);
    }
    let total = 0;
    for (const stages of byTicket.values()) {
      const paired = new Set<string>(PARALLEL_PAIRS.flat());
      for (const [a, b] of PARALLEL_PAIRS) total += Math.max(stages.get(a) ?? 0, stages.get(b) ?? 0);
      for (const [stage, ms] of stages) if (!paired.has(stage)) total += ms;
    }
    return total;
  } finally {
    sqlite.close();
  }
}

export const overheadBench: Bench = {
  name: 'overhead',
  async run({ quick, log }: BenchContext): Promise<Figure[]> {
    const input = existsSync(SHARED) ? SHARED : SAMPLE;
    const limit = quick ? 300 : 1_500;
    const dir = tempDir('overhead-bench');
    const env = { MODEL_PROVIDER: 'offline', LOG_LEVEL: 'silent', KB_PATH: dir.file('no-kb') };
    try {
      log(`input: ${input} (${limit} tickets at most)`);
      const instant = await runReplay({ input, limit, db: dir.file('instant.db'), review: 'pending', concurrency: 16, provider: instantProvider() }, env);
      log(`zero-latency model: ${instant.summary.tickets} tickets in ${instant.summary.seconds.toFixed(2)} s = ${instant.summary.tickets_per_second} tickets/s`);
      const offline = await runReplay({ input, limit, db: dir.file('offline.db'), review: 'pending', concurrency: 16 }, env);
      log(`offline models: ${offline.summary.tickets} tickets in ${offline.summary.seconds.toFixed(2)} s = ${offline.summary.tickets_per_second} tickets/s`);

      const fake = await startFakeOpenAI({ apiKey: 'sk-bench-overhead-000000', latencyMs: LATENCY });
      let ratio = 0;
      let serial = 0;
      try {
        fake.script(supportModel);
        const count = quick ? 8 : 30;
        const run = await runReplay(
          { input, limit: count, db: dir.file('latency.db'), review: 'pending', concurrency: 1 },
          { ...env, MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-bench-overhead-000000', OPENAI_BASE_URL: fake.url },
        );
        const critical = criticalPathMs(run.database);
        ratio = (run.summary.seconds * 1000) / critical;
        serial = run.summary.tickets;
        log(`one at a time through the fake API (nano ${LATENCY['gpt-5.4-nano']} / mini ${LATENCY['gpt-5.4-mini']} / flagship ${LATENCY['gpt-5.4']} ms): ${serial} tickets in ${run.summary.seconds.toFixed(2)} s; models' critical path ${(critical / 1000).toFixed(2)} s`);
      } finally {
        await fake.close();
      }
      const suffix = quick ? '_quick' : '';
      return [
        { key: `overhead_tickets_per_s_zero_latency${suffix}`, label: 'tickets per second, zero-latency model, every store write', value: instant.summary.tickets_per_second, unit: 'tickets/s', ...(quick ? {} : { target: '≥ 500', met: instant.summary.tickets_per_second >= 500 }) },
        { key: `overhead_tickets_per_s_offline${suffix}`, label: 'tickets per second, offline models', value: offline.summary.tickets_per_second, unit: 'tickets/s' },
        { key: `overhead_wall_over_critical_path${suffix}`, label: `end-to-end time ÷ the models' critical path (${serial} tickets, one at a time)`, value: Number(ratio.toFixed(3)), unit: '×', ...(quick ? {} : { target: '≤ 1.05', met: ratio <= 1.05 }) },
      ];
    } finally {
      dir.cleanup();
    }
  },
};

runIfEntry(overheadBench, import.meta.filename);
