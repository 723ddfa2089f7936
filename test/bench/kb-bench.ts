/**
 * `npx tsx test/bench/kb-bench.ts`: the knowledge base's retrieval quality
 * and speed. Indexes the sample kb/ into a real SQLite file (timed, first
 * run and an unchanged re-run), evaluates the labelled questions
 * (test/fixtures/kb-questions.jsonl) with BM25 alone, per split (`tune`: the
 * synonyms and threshold were adjusted on them; `holdout`: written after),
 * and times queries over a larger, synthetic KB (the sample copied 40 times).
 * Prints numbers; asserts nothing.
 */
import { cpSync, readFileSync } from 'node:fs';
import { reindexFolder } from '../../src/kb/indexer.js';
import { PassageStore } from '../../src/kb/passage-store.js';
import { evaluateRetrieval, parseQuestions, type LabelledQuestion } from '../../src/kb/retrieval-eval.js';
import { createRetriever } from '../../src/kb/retriever.js';
import { openDatabase } from '../../src/store/db.js';
import { tempDir } from '../support/temp-dir.js';

const COPIES = 40;
const ROUNDS = 5;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

const dir = tempDir('kb-bench');
try {
  const questions = parseQuestions(readFileSync('test/fixtures/kb-questions.jsonl', 'utf8'));
  const small = openDatabase(dir.file('small.db'));
  const store = new PassageStore(small.sqlite);
  const first = reindexFolder(store, 'kb');
  const unchanged = reindexFolder(store, 'kb');
  console.log(`sample kb/: ${first.files} files, ${first.passages} passages; index ${ms(first.durationMs)}, unchanged re-index ${ms(unchanged.durationMs)}`);

  const retriever = createRetriever(store);
  const splits: [string, LabelledQuestion[]][] = [
    ['all', questions],
    ['tune', questions.filter((q) => q.split === 'tune')],
    ['holdout', questions.filter((q) => q.split === 'holdout')],
  ];
  for (const [name, subset] of splits) {
    const { results: _results, ...figures } = await evaluateRetrieval(subset, (query, limit) => retriever.searchOffline(query, limit));
    console.log(
      `${name.padEnd(8)} n=${figures.questions} (answerable ${figures.answerable}, unanswerable ${figures.unanswerable}): ` +
        `recall@3 ${figures.recallAt3.toFixed(3)}, MRR ${figures.mrr.toFixed(3)}, relevance accuracy ${figures.relevanceAccuracy.toFixed(3)} ` +
        `(answerable judged relevant ${figures.answerableJudgedRelevant.toFixed(3)}, unanswerable judged not ${figures.unanswerableJudgedNotRelevant.toFixed(3)})`,
    );
  }

  const timings: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      const started = performance.now();
      retriever.searchOffline({ text: question.question, language: question.language }, 5);
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  console.log(`query latency, sample kb (${timings.length} queries): p50 ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}`);

  // A larger KB: the sample copied COPIES times into sub-folders.
  for (let copy = 0; copy < COPIES; copy++) cpSync('kb', dir.file(`large/copy-${copy}`), { recursive: true });
  const large = openDatabase(dir.file('large.db'));
  const largeStore = new PassageStore(large.sqlite);
  const indexed = reindexFolder(largeStore, dir.file('large'));
  console.log(`large kb: ${indexed.files} files, ${indexed.passages} passages; index ${ms(indexed.durationMs)}`);
  const largeRetriever = createRetriever(largeStore);
  const largeTimings: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    largeRetriever.searchOffline({ text: question.question, language: question.language }, 5);
    largeTimings.push(performance.now() - started);
  }
  largeTimings.sort((a, b) => a - b);
  console.log(`query latency, large kb (${largeTimings.length} queries): p50 ${ms(percentile(largeTimings, 50))}, p95 ${ms(percentile(largeTimings, 95))}`);
  small.close();
  large.close();
} finally {
  dir.cleanup();
}
