/**
 * The `kb` bench: the knowledge base's retrieval quality and speed. Indexes
 * the sample kb/ into a real SQLite file (timed, first run and an unchanged
 * re-run), evaluates the labelled questions (test/fixtures/kb-questions.jsonl)
 * per split (`tune`: the synonyms and thresholds were adjusted on them;
 * `holdout`: written after), and times queries over a larger, synthetic KB
 * (the sample copied 40 times; quick: 10).
 *
 * Two ways of searching are measured:
 * - BM25 alone (what the bot does offline, or with MODEL_EMBEDDINGS=off);
 * - BM25 fused with embeddings: the real `openai` SDK and the model gateway
 *   against the fake embeddings endpoint (test/fakes/openai/embedding-model.ts
 *   says what its vectors are and why), every call in the ledger and priced.
 *   The fake knows no more than the synonym list and the text, so these
 *   figures are a floor for a real model, not a forecast.
 *
 * Prints numbers; asserts nothing. Alone: `npx tsx test/bench/kb-bench.ts [--quick]`.
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
import { mulberry32, startFakeOpenAI } from '../fakes/openai/index.js';
import { tempDir } from '../support/temp-dir.js';
import type { Bench, Figure } from './figures.js';
import { runIfEntry } from './standalone.js';
import { percentile } from './stats.js';

const KEY = 'test-key';
/** Seeds the random vectors of the cosine scan timing (printed with it). */
const SCAN_SEED = 20_261_124;

type Log = (line: string) => void;

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

async function evaluateSplits(log: Log, label: string, questions: LabelledQuestion[], search: Search): Promise<Map<string, RetrievalFigures>> {
  log(label);
  const bySplit = new Map<string, RetrievalFigures>();
  for (const [name, subset] of splitsOf(questions)) {
    const figures = await evaluateRetrieval(subset, search);
    bySplit.set(name, figures);
    log(`  ${figuresLine(name, figures)}`);
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
function scanTiming(passages: number, dims: number): Timing {
  const random = mulberry32(SCAN_SEED);
  const values = new Float32Array(passages * dims).map(() => random() - 0.5);
  const query = new Float32Array(dims).map(() => random() - 0.5);
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
  return timing(`${passages} × ${dims} dims`, timings);
}

interface Timing {
  p50: number;
  p95: number;
  line: string;
}

function timing(what: string, timings: number[]): Timing {
  timings.sort((a, b) => a - b);
  const p50 = percentile(timings, 50);
  const p95 = percentile(timings, 95);
  return { p50, p95, line: `${what}: p50 ${ms(p50)}, p95 ${ms(p95)}` };
}

async function latency(questions: LabelledQuestion[], search: Search, rounds: number): Promise<Timing> {
  const timings: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const started = performance.now();
      await search({ text: question.question, language: question.language }, 5);
      timings.push(performance.now() - started);
    }
  }
  return timing(`${timings.length} queries`, timings);
}

/** Recall@3, MRR and relevance accuracy of one way of searching on one split. */
function qualityFigures(method: 'bm25' | 'fused', methodLabel: string, split: string, figures: RetrievalFigures | undefined): Figure[] {
  if (!figures) return [];
  const prefix = `kb_${method}_${split}`;
  return [
    { key: `${prefix}_recall_at_3`, label: `${methodLabel}, ${split} (n=${figures.questions}): recall@3`, value: figures.recallAt3, unit: '' },
    { key: `${prefix}_mrr`, label: `${methodLabel}, ${split}: MRR`, value: figures.mrr, unit: '' },
    { key: `${prefix}_relevance_accuracy`, label: `${methodLabel}, ${split}: relevance accuracy`, value: figures.relevanceAccuracy, unit: '' },
  ];
}

function latencyFigures(key: string, label: string, measured: Timing): Figure[] {
  return [
    { key: `${key}_p50_ms`, label: `${label}: p50`, value: measured.p50, unit: 'ms' },
    { key: `${key}_p95_ms`, label: `${label}: p95`, value: measured.p95, unit: 'ms' },
  ];
}

export const kbBench: Bench = {
  name: 'kb',
  async run({ quick, log }) {
    const copies = quick ? 10 : 40;
    const rounds = quick ? 1 : 5;
    const dir = tempDir('kb-bench');
    const fake = await startFakeOpenAI({ apiKey: KEY });
    const figures: Figure[] = [];
    try {
      const questions = parseQuestions(readFileSync('test/fixtures/kb-questions.jsonl', 'utf8'));
      const small = openDatabase(dir.file('small.db'));
      const store = new PassageStore(small.sqlite);
      const first = reindexFolder(store, 'kb');
      const unchanged = reindexFolder(store, 'kb');
      log(`sample kb/: ${first.files} files, ${first.passages} passages; index ${ms(first.durationMs)}, unchanged re-index ${ms(unchanged.durationMs)}`);
      figures.push(
        { key: 'kb_index_ms', label: `index the sample kb/ (${first.passages} passages)`, value: first.durationMs, unit: 'ms' },
        { key: 'kb_reindex_unchanged_ms', label: 're-index the unchanged sample kb/', value: unchanged.durationMs, unit: 'ms' },
      );

      const retriever = createRetriever(store);
      const bm25 = await evaluateSplits(log, 'BM25 alone:', questions, (query, limit) => retriever.searchOffline(query, limit));

      // BM25 + embeddings, through the SDK and the gateway against the fake.
      const fused = embeddedKb(dir.file('fused.db'), 'kb', fake.url);
      const synced = await fused.kb.syncVectors();
      log(
        `embeddings (${DEFAULT_EMBEDDING_MODEL} on the fake endpoint): ${synced?.embedded} passages embedded in ${synced?.calls} calls, ${ms(synced?.durationMs ?? 0)}; ` +
          `unchanged re-sync: ${(await fused.kb.syncVectors())?.calls} calls`,
      );
      const withVectors = await evaluateSplits(log, `BM25 + embeddings (reciprocal rank fusion, k = 60; relevant: coverage ≥ ${MIN_COVERAGE} or similarity ≥ ${DEFAULT_MIN_SIMILARITY}):`, questions, (query, limit) =>
        fused.kb.retriever.search(query, limit),
      );
      const sweep = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 1.01];
      for (const split of ['tune', 'holdout']) {
        const splitFigures = withVectors.get(split);
        if (splitFigures) log(`  relevance accuracy by similarity threshold, ${split} (1.01: coverage alone; in brackets, unanswerable questions only similarity grounds): ${thresholdSweep(splitFigures, sweep)}`);
      }
      log('  ledger (stage embed):');
      for (const line of ledgerLines(fused.store)) log(`    ${line}`);
      for (const split of ['tune', 'holdout']) {
        figures.push(...qualityFigures('bm25', 'BM25 alone', split, bm25.get(split)), ...qualityFigures('fused', 'BM25 + embeddings', split, withVectors.get(split)));
      }

      const sampleBm25 = await latency(questions, (query, limit) => retriever.searchOffline(query, limit), rounds);
      log(`query latency, sample kb, BM25 alone: ${sampleBm25.line}`);
      const sampleFused = await latency(questions, (query, limit) => fused.kb.retriever.search(query, limit), 1);
      log(`query latency, sample kb, BM25 + embeddings (HTTP to the fake included): ${sampleFused.line}`);
      figures.push(...latencyFigures('kb_query_bm25', 'query, sample kb, BM25 alone', sampleBm25), ...latencyFigures('kb_query_fused', 'query, sample kb, BM25 + embeddings (HTTP to the fake)', sampleFused));

      // A larger KB: the sample copied `copies` times into sub-folders.
      for (let copy = 0; copy < copies; copy++) cpSync('kb', dir.file(`large/copy-${copy}`), { recursive: true });
      const large = openDatabase(dir.file('large.db'));
      const largeStore = new PassageStore(large.sqlite);
      const indexed = reindexFolder(largeStore, dir.file('large'));
      log(`large kb: ${indexed.files} files, ${indexed.passages} passages; index ${ms(indexed.durationMs)}`);
      const largeRetriever = createRetriever(largeStore);
      const largeBm25 = await latency(questions, (query, limit) => largeRetriever.searchOffline(query, limit), 1);
      log(`query latency, large kb, BM25 alone: ${largeBm25.line}`);
      const largeFused = embeddedKb(dir.file('large-fused.db'), dir.file('large'), fake.url);
      const largeSynced = await largeFused.kb.syncVectors();
      log(`large kb embedded: ${largeSynced?.embedded} passages in ${largeSynced?.calls} calls, ${ms(largeSynced?.durationMs ?? 0)}`);
      const largeFusedLatency = await latency(questions, (query, limit) => largeFused.kb.retriever.search(query, limit), 1);
      log(`query latency, large kb, BM25 + embeddings (HTTP to the fake included): ${largeFusedLatency.line}`);
      const scan256 = scanTiming(indexed.passages, 256);
      const scan1536 = scanTiming(indexed.passages, 1536);
      log(`cosine scan alone (random vectors, mulberry32 seed ${SCAN_SEED}): ${scan256.line}; ${scan1536.line} (text-embedding-3-small's size)`);
      const largeLabel = `large kb (${indexed.passages} passages)`;
      figures.push(
        { key: 'kb_large_index_ms', label: `index the ${largeLabel}`, value: indexed.durationMs, unit: 'ms' },
        ...latencyFigures('kb_query_large_bm25', `query, ${largeLabel}, BM25 alone`, largeBm25),
        ...latencyFigures('kb_query_large_fused', `query, ${largeLabel}, BM25 + embeddings`, largeFusedLatency),
        { key: 'kb_cosine_scan_1536_p50_ms', label: `cosine scan alone, ${indexed.passages} × 1536 dims: p50`, value: scan1536.p50, unit: 'ms' },
      );
      for (const opened of [fused, largeFused]) {
        opened.kb.stop();
        opened.store.close();
      }
      small.close();
      large.close();
      return figures;
    } finally {
      await fake.close();
      dir.cleanup();
    }
  },
};

runIfEntry(kbBench, import.meta.filename);
