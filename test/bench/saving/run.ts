/**
 * One saving run: the same tickets through the single-model baseline and
 * through the cascade, on one fake OpenAI server (o200k token counts, the
 * documented prompt cache, published speeds at a time scale) with the
 * labelled scripted model, and what each side cost and how fast it was.
 */
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../src/logger.js';
import { startFakeOpenAI } from '../../fakes/openai/index.js';
import { tempDir } from '../../support/temp-dir.js';
import { BASELINE_REASONING_EFFORT, CONFIDENCE, IN_FLIGHT, REASONING_TOKENS, REVIEW_VERDICTS, SPEEDS } from './assumptions.js';
import { runBaseline } from './baseline.js';
import { runCascade } from './cascade.js';
import { labelledModel } from './labelled-model.js';
import { summarize, type SideSummary, type StageSpend } from './side.js';
import type { BenchTicket } from './tickets.js';

const API_KEY = 'sk-saving-bench-0000000000';

export interface SavingRun {
  cascade: SideSummary;
  baseline: SideSummary;
  stages: StageSpend[];
  baselineSpend: StageSpend;
  /** Prompts the scripted model did not recognise, and cascade tickets that failed: both should be 0. */
  misses: number;
  failed: number;
  unsuccessful: string[];
  seconds: number;
}

export function describeAssumptions(log: (line: string) => void, timeScale: number, reasoning: Readonly<Record<string, number>> = REASONING_TOKENS): void {
  log(`speeds: ${Object.entries(SPEEDS).map(([model, s]) => `${model} ${s.outputTokensPerSecond} tok/s after ${s.timeToFirstTokenMs} ms`).join(', ')}; time scale ${timeScale}`);
  log(`reasoning tokens by effort: ${Object.entries(reasoning).map(([effort, n]) => `${effort} ${n}`).join(', ')}; baseline effort ${BASELINE_REASONING_EFFORT}`);
  log(`confidence: plain ${CONFIDENCE.plain}, hard case ${CONFIDENCE.hardCase}; flagship verdicts: ${Object.entries(REVIEW_VERDICTS).map(([v, p]) => `${v} ${p}`).join(', ')}; ${IN_FLIGHT} tickets in flight per side`);
}

export async function runSaving(
  tickets: readonly BenchTicket[],
  options: { seed: number; timeScale: number; log: (line: string) => void; warmup: readonly BenchTicket[]; reasoning?: Readonly<Record<string, number>> },
): Promise<SavingRun> {
  const started = performance.now();
  const dir = tempDir('saving-bench');
  const logger = createLogger({ level: 'silent', destination: process.stderr });
  const fake = await startFakeOpenAI({ apiKey: API_KEY, tokenizer: 'o200k', speeds: SPEEDS, timeScale: options.timeScale });
  try {
    const model = labelledModel([...options.warmup, ...tickets], options.seed, options.reasoning);
    fake.script(model.handler);
    const baseline = await runBaseline({ tickets, warmup: options.warmup, fake, apiKey: API_KEY, database: dir.file('baseline.db'), logger });
    options.log(`baseline: ${baseline.times.length} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // A fresh cache and timing log for the cascade: neither side warms the other's prompts.
    fake.reset();
    const cascadeModel = labelledModel([...options.warmup, ...tickets], options.seed, options.reasoning);
    fake.script(cascadeModel.handler);
    const cascadeStarted = performance.now();
    const cascade = await runCascade({ tickets, warmup: options.warmup, fake, apiKey: API_KEY, database: dir.file('cascade.db'), logger, runId: randomUUID().slice(0, 8) });
    options.log(`cascade: ${cascade.times.length} tickets in ${((performance.now() - cascadeStarted) / 1000).toFixed(1)} s`);
    return {
      cascade: summarize(cascade.times),
      baseline: summarize(baseline.times),
      stages: cascade.stages,
      baselineSpend: baseline.spend,
      misses: model.misses + cascadeModel.misses,
      failed: cascade.failed,
      unsuccessful: cascade.unsuccessful,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await fake.close();
    dir.cleanup();
  }
}
