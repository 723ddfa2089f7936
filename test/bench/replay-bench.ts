/**
 * The `replay` bench: replay throughput and cost, offline and through the
 * real `openai` SDK against the fake OpenAI server on loopback (with per-model
 * latency), on ../shared/data tickets when present, else the project's
 * fixture (quick: the first 30 tickets). Prints numbers; asserts nothing.
 * Alone: `npx tsx test/bench/replay-bench.ts [--quick]`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runReplay } from '../../src/cli/run-replay.js';
import { startFakeOpenAI } from '../fakes/openai/index.js';
import { heuristicModel } from '../support/heuristic-model.js';
import { supportModel } from '../support/scripted-support-model.js';
import { tempDir } from '../support/temp-dir.js';
import type { Bench, Figure } from './figures.js';
import { runIfEntry } from './standalone.js';

type Summary = Awaited<ReturnType<typeof runReplay>>['summary'];

const shared = join(import.meta.dirname, '../../../shared/data/tickets/tickets-en-de.csv');
const QUICK_TICKETS = 30;

function line(label: string, s: Summary): string {
  const spent = s.cost_usd > 0 ? s.cost_usd : s.estimated_cost_usd;
  return [
    `${label}:`,
    `${s.tickets} tickets in ${s.seconds.toFixed(2)} s = ${s.tickets_per_second} tickets/s`,
    `cost/ticket $${(s.cost_usd / Math.max(s.tickets, 1)).toFixed(6)} (estimate if offline $${(s.estimated_cost_usd / Math.max(s.tickets, 1)).toFixed(6)})`,
    `vs all-flagship ${(spent / Math.max(s.all_flagship_cost_usd, 1e-12)).toFixed(2)}×`,
    `second opinions ${(s.second_opinion_rate * 100).toFixed(1)}%`,
    s.accuracy !== null ? `urgency accuracy ${(s.accuracy * 100).toFixed(1)}%` : '',
    `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  ]
    .filter(Boolean)
    .join(' | ');
}

/** One run's numbers as figures, keyed `replay_<run>_…`; `short` names the run in the table. */
function figuresOf(run: string, short: string, s: Summary): Figure[] {
  const perTicket = (usd: number) => usd / Math.max(s.tickets, 1);
  const spent = s.cost_usd > 0 ? s.cost_usd : s.estimated_cost_usd;
  const figures: Figure[] = [
    { key: `replay_${run}_tickets_per_s`, label: `${short}: throughput (${s.tickets} tickets)`, value: s.tickets_per_second, unit: 'tickets/s' },
    { key: `replay_${run}_cost_per_ticket_usd`, label: `${short}: cost per ticket`, value: perTicket(s.cost_usd), unit: 'USD' },
    { key: `replay_${run}_vs_all_flagship`, label: `${short}: cost vs every call on the flagship`, value: spent / Math.max(s.all_flagship_cost_usd, 1e-12), unit: '×' },
    { key: `replay_${run}_second_opinion_pct`, label: `${short}: sent for a second opinion`, value: s.second_opinion_rate * 100, unit: '%' },
  ];
  // Offline nothing is billed: what the calls would cost on the configured models, and how the heuristics score.
  if (run === 'offline') {
    figures.splice(2, 0, { key: 'replay_offline_estimated_cost_per_ticket_usd', label: `${short}: estimated cost per ticket on the configured models`, value: perTicket(s.estimated_cost_usd), unit: 'USD' });
    if (s.accuracy !== null) figures.push({ key: 'replay_offline_urgency_accuracy_pct', label: `${short}: urgency accuracy on the labels`, value: s.accuracy * 100, unit: '%' });
  }
  return figures;
}

export const replayBench: Bench = {
  name: 'replay',
  async run({ quick, log }) {
    const input = existsSync(shared) ? shared : join(import.meta.dirname, '../fixtures/tickets-sample.csv');
    const limit = quick ? { limit: QUICK_TICKETS } : {};
    const dir = tempDir('triage-bench');
    const figures: Figure[] = [];
    log(`input: ${input}${quick ? ` (first ${QUICK_TICKETS} tickets)` : ''}`);
    const fake = await startFakeOpenAI({ apiKey: 'sk-bench-key-0000000000', latencyMs: { 'gpt-5.4-nano': 20, 'gpt-5.4-mini': 60, 'gpt-5.4': 120 } });
    try {
      const offline = await runReplay({ input, ...limit, db: dir.file('offline.db'), review: 'pending', concurrency: 8 }, { MODEL_PROVIDER: 'offline', LOG_LEVEL: 'silent' });
      log(line('offline', offline.summary));
      figures.push(...figuresOf('offline', 'offline', offline.summary));

      const env = { OPENAI_API_KEY: 'sk-bench-key-0000000000', OPENAI_BASE_URL: fake.url, LOG_LEVEL: 'silent' };
      // A confident model: routing follows risk markers only (few secondOpinions).
      fake.script(supportModel);
      const confident = await runReplay({ input, ...limit, db: dir.file('fake-confident.db'), review: 'pending', concurrency: 16 }, env);
      log(line('fake OpenAI, confident scripted model (latency nano 20 / mini 60 / flagship 120 ms)', confident.summary));
      figures.push(...figuresOf('fake_confident', 'fake OpenAI, confident model', confident.summary));
      // The same with caps set high enough never to bind: what the per-call worst-case check costs.
      fake.reset();
      fake.script(supportModel);
      const capped = await runReplay(
        { input, ...limit, db: dir.file('fake-capped.db'), review: 'pending', concurrency: 16 },
        { ...env, BUDGET_DAILY_USD: '1000', BUDGET_MONTHLY_USD: '10000' },
      );
      log(line('same, with daily and monthly caps checked before every call', capped.summary));
      figures.push({ key: 'replay_fake_capped_tickets_per_s', label: `same with budget caps checked: throughput (${capped.summary.tickets} tickets)`, value: capped.summary.tickets_per_second, unit: 'tickets/s' });
      // The offline heuristics as the model: their low confidences send most tickets to the flagship.
      fake.reset();
      fake.script(heuristicModel);
      const heuristic = await runReplay({ input, ...limit, db: dir.file('fake-heuristic.db'), review: 'pending', concurrency: 16 }, env);
      log(line('fake OpenAI, heuristic answers (same latency)', heuristic.summary));
      figures.push(...figuresOf('fake_heuristic', 'fake OpenAI, heuristic answers', heuristic.summary));
      return figures;
    } finally {
      await fake.close();
      dir.cleanup();
    }
  },
};

runIfEntry(replayBench, import.meta.filename);
