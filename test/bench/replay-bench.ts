/**
 * `npm run bench`: replay throughput and cost, offline and through the real
 * `openai` SDK against the fake OpenAI server on loopback (with per-model
 * latency), on ../shared/data tickets when present, else the project's fixture.
 * Prints numbers; asserts nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runReplay } from '../../src/cli/run-replay.js';
import { startFakeOpenAI } from '../fakes/openai/index.js';
import { heuristicModel } from '../support/heuristic-model.js';
import { supportModel } from '../support/scripted-support-model.js';
import { tempDir } from '../support/temp-dir.js';

const shared = join(import.meta.dirname, '../../../shared/data/tickets/tickets-en-de.csv');
const input = existsSync(shared) ? shared : join(import.meta.dirname, '../fixtures/tickets-sample.csv');
const dir = tempDir('triage-bench');

function report(label: string, s: Awaited<ReturnType<typeof runReplay>>['summary']): void {
  const spent = s.cost_usd > 0 ? s.cost_usd : s.estimated_cost_usd;
  console.log(
    [
      `${label}:`,
      `${s.tickets} tickets in ${s.seconds.toFixed(2)} s = ${s.tickets_per_second} tickets/s`,
      `cost/ticket $${(s.cost_usd / Math.max(s.tickets, 1)).toFixed(6)} (estimate if offline $${(s.estimated_cost_usd / Math.max(s.tickets, 1)).toFixed(6)})`,
      `vs all-flagship ${(spent / Math.max(s.all_flagship_cost_usd, 1e-12)).toFixed(2)}×`,
      `second opinions ${(s.second_opinion_rate * 100).toFixed(1)}%`,
      s.accuracy !== null ? `urgency accuracy ${(s.accuracy * 100).toFixed(1)}%` : '',
      `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    ]
      .filter(Boolean)
      .join(' | '),
  );
}

console.log(`input: ${input}`);
const offline = await runReplay({ input, db: dir.file('offline.db'), review: 'pending', concurrency: 8 }, { MODEL_PROVIDER: 'offline', LOG_LEVEL: 'silent' });
report('offline', offline.summary);

const fake = await startFakeOpenAI({ apiKey: 'sk-bench-key-0000000000', latencyMs: { 'gpt-5.4-nano': 20, 'gpt-5.4-mini': 60, 'gpt-5.4': 120 } });
try {
  const env = { OPENAI_API_KEY: 'sk-bench-key-0000000000', OPENAI_BASE_URL: fake.url, LOG_LEVEL: 'silent' };
  // A confident model: routing follows risk markers only (few secondOpinions).
  fake.script(supportModel);
  const confident = await runReplay({ input, db: dir.file('fake-confident.db'), review: 'pending', concurrency: 16 }, env);
  report('fake OpenAI, confident scripted model (latency nano 20 / mini 60 / flagship 120 ms)', confident.summary);
  // The same with caps set high enough never to bind: what the per-call worst-case check costs.
  fake.reset();
  fake.script(supportModel);
  const capped = await runReplay(
    { input, db: dir.file('fake-capped.db'), review: 'pending', concurrency: 16 },
    { ...env, BUDGET_DAILY_USD: '1000', BUDGET_MONTHLY_USD: '10000' },
  );
  report('same, with daily and monthly caps checked before every call', capped.summary);
  // The offline heuristics as the model: their low confidences send most tickets to the flagship.
  fake.reset();
  fake.script(heuristicModel);
  const heuristic = await runReplay({ input, db: dir.file('fake-heuristic.db'), review: 'pending', concurrency: 16 }, env);
  report('fake OpenAI, heuristic answers (same latency)', heuristic.summary);
} finally {
  await fake.close();
  dir.cleanup();
}
