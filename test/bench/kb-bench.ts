/**
 * `npx tsx test/bench/kb-bench.ts`: the knowledge base's retrieval quality
 * and speed. Indexes the sample kb/ into a real SQLite file (timed, first
 * run and an unchanged re-run), evaluates the labelled questions
 * (test/fixtures/kb-questions.jsonl) per split (`tune`: the synonyms and
 * thresholds were adjusted on them; `holdout`: written after), and times
 * queries over a larger, synthetic KB (the sample copied 40 times).
 *
 * Two ways of searching are measured:
 * - BM25 alone (what the bot does offline, or with MODEL_EMBEDDINGS=off);
 * - BM25 fused with embeddings: the real `openai` SDK and the model gateway
 *   against the fake embeddings endpoint (test/fakes/openai/embedding-model.ts
 *   says what its vectors are and why), every call in the ledger and priced.
 *   The fake knows no more than the synonym list and the text, so these
 *   figures are a floor for a real model, not a forecast.
 *
 * Prints numbers; asserts nothing.
 */
import { cpSync, readFileSync } from 'node:fs';
import { silentLogger } from '../../src/logger.js';
import { DEFAULT_MIN_SIMILARITY, MIN_COVERAGE } from '../../src/kb/relevance.js';
import { gatewayEmbedder } from '../../src/kb/embedder.js';
import { reindexFolder } from '../../src/kb/indexer.js';
import { startKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { PassageStore } from '../../src/kb/passage-store.js';
import { evaluateRetrieval, parseQuestions, type LabelledQuestion, type RetrievalFigures } from '../../src/kb/retrieval-eval.js';
import { createRetriever } from '../../src/kb/retriever.js';
import type { KbQuery, SearchHit } from '../../src/kb/types.js';
import { DEFAULT_EMBEDDING_MODEL } from '../../src/models/embeddings-config.js';
import { ModelGateway } from '../../src/models/model-gateway.js';
import { createOpenAIClient } from '../../src/models/openai/client.js';
import { OpenAIResponsesProvider } from '../../src/models/openai/responses-provider.js';
import { DEFAULT_PRICE_TABLE } from '../../src/models/pricing.js';
import { TierRegistry } from '../../src/models/tiers.js';
import { openDatabase } from '../../src/store/db.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { startFakeOpenAI } from '../fakes/openai/index.js';
import { tempDir } from '../support/temp-dir.js';

const COPIES = 40;
const ROUNDS = 5;
const KEY = 'test-key';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

type Search = (query: KbQuery, limit: number) => SearchHit[] | Promise<SearchHit[]>;

function splitsOf(questions: LabelledQuestion[]): [string, LabelledQuestion[]][] {
  return [
    ['all', questions],
    ['tune', questions.filter((q) => q.split === 'tune')],
    ['holdout', questions.filter((q) => q.split === 'holdout')],
  ];
}

function figuresLine(name: string, figures: RetrievalFigures): string {
  return (
    `${name.padEnd(8)} n=${figures.questions} (answerable ${figures.answerable}, unanswerable ${figures.unanswerable}): ` +
    `recall@3 ${figures.recallAt3.toFixed(3)}, MRR ${figures.mrr.toFixed(3)}, relevance accuracy ${figures.relevanceAccuracy.toFixed(3)} ` +
    `(answerable judged relevant ${figures.answerableJudgedRelevant.toFixed(3)}, unanswerable judged not ${figures.unanswerableJudgedNotRelevant.toFixed(3)})`
  );
}

async function evaluateSplits(label: string, questions: LabelledQuestion[], search: Search): Promise<Map<string, RetrievalFigures>> {
  console.log(label);
  const bySplit = new Map<string, RetrievalFigures>();
  for (const [name, subset] of splitsOf(questions)) {
    const figures = await evaluateRetrieval(subset, search);
    bySplit.set(name, figures);
    console.log(`  ${figuresLine(name, figures)}`);
  }
  return bySplit;
}

/**
 * The similarity threshold's effect on the grounded / not grounded
 * judgement, from the hits already retrieved (the ranking does not depend on
 * it): a top-3 hit is relevant when its coverage or its similarity clears its bar.
 */
function thresholdSweep(figures: RetrievalFigures, thresholds: readonly number[]): string {
  return thresholds
    .map((threshold) => {
      const grounded = (result: RetrievalFigures['results'][number]) => result.top.some((hit) => hit.coverage >= MIN_COVERAGE || (hit.similarity ?? -1) >= threshold);
      const right = figures.results.filter((result) => grounded(result) === result.answerable).length;
      // Unanswerable questions that only their similarity grounds: the false "grounded" the threshold is there to avoid.
      const falselyGrounded = figures.results.filter((result) => !result.answerable && grounded(result) && !result.top.some((hit) => hit.coverage >= MIN_COVERAGE)).length;
      return `${threshold.toFixed(2)}→${(right / figures.results.length).toFixed(3)} (${falselyGrounded})`;
    })
    .join('  ');
}

interface EmbeddedKb {
  kb: KnowledgeBase;
  store: Store;
}

/** A knowledge base with embeddings through the real SDK and gateway against the fake, its ledger in `path`. */
function embeddedKb(path: string, kbPath: string, fakeUrl: string): EmbeddedKb {
  const store = openSqliteStore(path);
  const tiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE, DEFAULT_EMBEDDING_MODEL);
  const clientOptions = { apiKey: KEY, baseUrl: fakeUrl, timeoutMs: 10_000 };
  const gateway = new ModelGateway(new OpenAIResponsesProvider(createOpenAIClient(clientOptions), clientOptions), tiers, store, silentLogger());
  const embedder = gatewayEmbedder(gateway);
  if (!embedder) throw new Error('no embeddings model');
  const kb = startKnowledgeBase({ sqlite: store.sqlite, path: kbPath, logger: silentLogger(), watch: false, embedder });
  return { kb, store };
}

function ledgerLines(store: Store): string[] {
  const rows = store.sqlite
    .prepare<[], { prompt_name: string; model: string; tier: string; calls: number; tokens: number; cost: number }>(
      `select prompt_name, model, tier, count(*) as calls, sum(input_tokens) as tokens, sum(cost_nanos) / 1e9 as cost
         from model_calls where stage = 'embed' group by prompt_name, model, tier order by prompt_name`,
    )
    .all();
  return rows.map((row) => `${row.prompt_name} (${row.model}, tier ${row.tier}): ${row.calls} calls, ${row.tokens} input tokens, $${row.cost.toFixed(6)}`);
}

/** Cosine scan cost alone, in JS over one Float32Array, for `passages` vectors of `dims`: what a query pays besides the embeddings call. */
function scanTiming(passages: number, dims: number): string {
  const values = new Float32Array(passages * dims).map(() => Math.random() - 0.5);
  const query = new Float32Array(dims).map(() => Math.random() - 0.5);
  const timings: number[] = [];
  for (let round = 0; round < 50; round++) {
    const started = performance.now();
    const scores = new Float64Array(passages);
    for (let row = 0; row < passages; row++) {
      let dot = 0;
      const offset = row * dims;
      for (let index = 0; index < dims; index++) dot += (values[offset + index] ?? 0) * (query[index] ?? 0);
      scores[row] = dot;
    }
    Array.from(scores.keys()).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return `${passages} × ${dims} dims: p50 ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}`;
}

async function latency(questions: LabelledQuestion[], search: Search, rounds: number): Promise<string> {
  const timings: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const started = performance.now();
      await search({ text: question.question, language: question.language }, 5);
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  return `${timings.length} queries: p50 ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}`;
}

const dir = tempDir('kb-bench');
const fake = await startFakeOpenAI({ apiKey: KEY });
try {
  const questions = parseQuestions(readFileSync('test/fixtures/kb-questions.jsonl', 'utf8'));
  const small = openDatabase(dir.file('small.db'));
  const store = new PassageStore(small.sqlite);
  const first = reindexFolder(store, 'kb');
  const unchanged = reindexFolder(store, 'kb');
  console.log(`sample kb/: ${first.files} files, ${first.passages} passages; index ${ms(first.durationMs)}, unchanged re-index ${ms(unchanged.durationMs)}`);

  const retriever = createRetriever(store);
  await evaluateSplits('BM25 alone:', questions, (query, limit) => retriever.searchOffline(query, limit));

  // BM25 + embeddings, through the SDK and the gateway against the fake.
  const fused = embeddedKb(dir.file('fused.db'), 'kb', fake.url);
  const synced = await fused.kb.syncVectors();
  console.log(
    `embeddings (${DEFAULT_EMBEDDING_MODEL} on the fake endpoint): ${synced?.embedded} passages embedded in ${synced?.calls} calls, ${ms(synced?.durationMs ?? 0)}; ` +
      `unchanged re-sync: ${(await fused.kb.syncVectors())?.calls} calls`,
  );
  const withVectors = await evaluateSplits(`BM25 + embeddings (reciprocal rank fusion, k = 60; relevant: coverage ≥ ${MIN_COVERAGE} or similarity ≥ ${DEFAULT_MIN_SIMILARITY}):`, questions, (query, limit) =>
    fused.kb.retriever.search(query, limit),
  );
  const sweep = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 1.01];
  for (const split of ['tune', 'holdout']) {
    const figures = withVectors.get(split);
    if (figures) console.log(`  relevance accuracy by similarity threshold, ${split} (1.01: coverage alone; in brackets, unanswerable questions only similarity grounds): ${thresholdSweep(figures, sweep)}`);
  }
  console.log('  ledger (stage embed):');
  for (const line of ledgerLines(fused.store)) console.log(`    ${line}`);

  console.log(`query latency, sample kb, BM25 alone: ${await latency(questions, (query, limit) => retriever.searchOffline(query, limit), ROUNDS)}`);
  console.log(`query latency, sample kb, BM25 + embeddings (HTTP to the fake included): ${await latency(questions, (query, limit) => fused.kb.retriever.search(query, limit), 1)}`);

  // A larger KB: the sample copied COPIES times into sub-folders.
  for (let copy = 0; copy < COPIES; copy++) cpSync('kb', dir.file(`large/copy-${copy}`), { recursive: true });
  const large = openDatabase(dir.file('large.db'));
  const largeStore = new PassageStore(large.sqlite);
  const indexed = reindexFolder(largeStore, dir.file('large'));
  console.log(`large kb: ${indexed.files} files, ${indexed.passages} passages; index ${ms(indexed.durationMs)}`);
  const largeRetriever = createRetriever(largeStore);
  console.log(`query latency, large kb, BM25 alone: ${await latency(questions, (query, limit) => largeRetriever.searchOffline(query, limit), 1)}`);
  const largeFused = embeddedKb(dir.file('large-fused.db'), dir.file('large'), fake.url);
  const largeSynced = await largeFused.kb.syncVectors();
  console.log(`large kb embedded: ${largeSynced?.embedded} passages in ${largeSynced?.calls} calls, ${ms(largeSynced?.durationMs ?? 0)}`);
  console.log(`query latency, large kb, BM25 + embeddings (HTTP to the fake included): ${await latency(questions, (query, limit) => largeFused.kb.retriever.search(query, limit), 1)}`);
  console.log(`cosine scan alone: ${scanTiming(indexed.passages, 256)}; ${scanTiming(indexed.passages, 1536)} (text-embedding-3-small's size)`);
  for (const opened of [fused, largeFused]) {
    opened.kb.stop();
    opened.store.close();
  }
  small.close();
  large.close();
} finally {
  await fake.close();
  dir.cleanup();
}
