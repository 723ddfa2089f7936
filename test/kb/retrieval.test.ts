/**
 * Retrieval quality on the labelled set (test/fixtures/kb-questions.jsonl)
 * against the sample kb/, indexed into a real SQLite file: BM25 alone (no
 * model, no embeddings) must reach recall@3 ≥ 0.85. The `holdout` questions
 * were written after the synonym list and threshold were tuned on the `tune`
 * ones; `tsx test/bench/kb-bench.ts` prints both splits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { reindexFolder } from '../../src/kb/indexer.js';
import { PassageStore } from '../../src/kb/passage-store.js';
import { evaluateRetrieval, parseQuestions } from '../../src/kb/retrieval-eval.js';
import { createRetriever } from '../../src/kb/retriever.js';
import { workspace } from './support.js';

const space = workspace('kb-retrieval');
afterAll(() => space.cleanup());

const questions = parseQuestions(readFileSync('test/fixtures/kb-questions.jsonl', 'utf8'));
const db = space.open();
const store = new PassageStore(db.sqlite);
reindexFolder(store, 'kb');
const retriever = createRetriever(store);

describe('the labelled set', () => {
  it('has at least 70 questions, 10 per language, and about 10 the KB does not answer', () => {
    expect(questions.length).toBeGreaterThanOrEqual(70);
    for (const language of ['en', 'de', 'es', 'fr', 'pt']) {
      expect(questions.filter((q) => q.language === language && q.source !== null).length).toBeGreaterThanOrEqual(10);
    }
    expect(questions.filter((q) => q.source === null).length).toBeGreaterThanOrEqual(10);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  it('names passages that exist in the sample KB', () => {
    const sources = [...new Set(questions.flatMap((q) => [q.source, ...(q.alternatives ?? []).map((a) => a.source)]))].filter((s): s is string => s !== null);
    const headings = new Set(sources.flatMap((source) => store.passagesOf(source).map((p) => `${source}#${p.heading}`)));
    const named = questions.flatMap((q) => [...(q.source ? [`${q.source}#${q.heading}`] : []), ...(q.alternatives ?? []).map((a) => `${a.source}#${a.heading}`)]);
    expect(named.filter((key) => !headings.has(key))).toEqual([]);
  });
});

describe('BM25 retrieval', () => {
  it('reaches recall@3 ≥ 0.85, and judges relevance right for most questions', async () => {
    const { results, ...figures } = await evaluateRetrieval(questions, (query, limit) => retriever.searchOffline(query, limit));
    console.info('kb retrieval (BM25 alone):', JSON.stringify(figures));
    const misses = results.filter((r) => r.answerable && (r.rank === null || r.rank > 3)).map((r) => r.id);
    expect(figures.recallAt3, `missed in the top 3: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.85);
    expect(figures.mrr).toBeGreaterThanOrEqual(0.7);
    expect(figures.relevanceAccuracy).toBeGreaterThanOrEqual(0.8);
  });
});
