/**
 * The `offline-triage` bench: what the offline nano costs in time per
 * message. Every tuning message of the labelled set (test/fixtures/labelled/
 * tune*.jsonl; the checking half is left out so nothing here reads it) is
 * classified and extracted, once to warm up and then in timed rounds; each
 * message's time is its median over the rounds, so one GC pause does not
 * make a slow message. The rubric grows with each tuning round, and every
 * cue is a regular expression run on every message: this is where that
 * growth shows. Quick: every third message, three rounds. Prints numbers;
 * asserts nothing.
 * Alone: `npx tsx test/bench/offline-triage-bench.ts [--quick]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyOffline, extractOffline } from '../../src/models/offline/index.js';
import type { Bench, Figure } from './figures.js';
import { runIfEntry } from './standalone.js';
import { percentile, significant, sortedCopy } from './stats.js';

const LABELLED_DIR = join(import.meta.dirname, '../fixtures/labelled');
/** A message classified and extracted in under this is invisible beside a chat platform's own latency. */
const TARGET_MEDIAN_MS = 2;
const TARGET_P99_MS = 10;

function tuningTexts(): string[] {
  return readdirSync(LABELLED_DIR)
    .filter((file) => /^tune.*\.jsonl$/.test(file))
    .sort()
    .flatMap((file) => readFileSync(join(LABELLED_DIR, file), 'utf8').split('\n').filter(Boolean))
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

function triageOnce(text: string): void {
  classifyOffline({ text });
  extractOffline({ text }, { products: [] });
}

export const offlineTriageBench: Bench = {
  name: 'offline-triage',
  async run({ quick, log }) {
    const texts = tuningTexts().filter((_, index) => !quick || index % 3 === 0);
    const rounds = quick ? 3 : 9;
    for (const text of texts) triageOnce(text);
    const perMessage: number[][] = texts.map(() => []);
    const started = performance.now();
    for (let round = 0; round < rounds; round++) {
      texts.forEach((text, index) => {
        const t0 = performance.now();
        triageOnce(text);
        perMessage[index]?.push(performance.now() - t0);
      });
    }
    const totalMs = performance.now() - started;
    const medians = sortedCopy(perMessage.map((times) => percentile(sortedCopy(times), 50)));
    const median = percentile(medians, 50);
    const p99 = percentile(medians, 99);
    const longest = texts.reduce((max, text) => Math.max(max, text.length), 0);
    log(`${texts.length} tuning messages × ${rounds} rounds in ${totalMs.toFixed(0)} ms (classify + extract); longest message ${longest} characters`);
    log(`per message: median ${median.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${(medians.at(-1) ?? 0).toFixed(3)} ms`);
    const figures: Figure[] = [
      {
        key: 'offline_triage_median_ms',
        label: 'offline classify + extract, median per message',
        value: significant(median, 4),
        unit: 'ms',
        target: `≤ ${TARGET_MEDIAN_MS} ms`,
        met: median <= TARGET_MEDIAN_MS,
      },
      {
        key: 'offline_triage_p99_ms',
        label: 'offline classify + extract, p99 per message',
        value: significant(p99, 4),
        unit: 'ms',
        target: `≤ ${TARGET_P99_MS} ms`,
        met: p99 <= TARGET_P99_MS,
      },
    ];
    return figures;
  },
};

runIfEntry(offlineTriageBench, import.meta.filename);
