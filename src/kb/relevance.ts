/**
 * When is a retrieved passage "relevant", i.e. good enough to ground a draft?
 *
 * A BM25 score alone cannot say: it grows with query length and depends on
 * the corpus, so "0.8" means nothing across questions. Instead each hit gets
 * a *coverage*: the share of the question's concepts the passage mentions
 * (after synonym expansion, so a German word matches its English synonym),
 * each concept weighted by how rare it is in the KB (inverse document
 * frequency). A concept the KB never mentions weighs the most: a question
 * about "Antarctica" whose only other concept is "ship" is not answered by a
 * page that mentions shipping. A concept found in nearly every passage (the
 * product's name) weighs little.
 *
 * A hit is relevant when its coverage reaches MIN_COVERAGE. The threshold
 * was set on the `tune` questions of the labelled set
 * (test/fixtures/kb-questions.jsonl): the best hit of almost every answerable
 * question covers 0.5 or more, the best of almost every unanswerable one
 * 0.35 or less, and 0.4 sits between. `npx tsx test/bench/kb-bench.ts`
 * prints the share judged right on both splits.
 */
import type { QueryConcept } from './query.js';
import { foldedTokens, termMatches } from './terms.js';

/** Share of the question's (IDF-weighted) concepts a passage must mention to count as relevant. */
export const MIN_COVERAGE = 0.4;

/**
 * With embeddings, a passage is also relevant when the cosine similarity of
 * its vector to the question's reaches this, whatever its coverage (a
 * question in words the synonym list lacks). Set on the `tune` questions
 * against the fake embeddings endpoint, caution first: the lowest threshold
 * of the sweep (0.30 … 0.70 by 0.05) at which similarity grounds no
 * unanswerable question, since a false "grounded" lets a draft through that
 * a false "no grounding" only sends to a person. On the tune split every
 * threshold from 0.40 to 0.70 judges as many questions right as coverage
 * alone; `npx tsx test/bench/kb-bench.ts` prints the sweep on both splits.
 * Similarities are the model's own scale: with a real model, run the sweep
 * against it (the fake's vectors are not its) and set `minSimilarity` on the
 * embedder (`gatewayEmbedder(gateway, { minSimilarity })`).
 */
export const DEFAULT_MIN_SIMILARITY = 0.55;

/** IDF weight of a concept found in `documentFrequency` of `passages` passages (smoothed; > 0). */
export function conceptWeight(documentFrequency: number, passages: number): number {
  return Math.log(1 + (passages + 1) / (documentFrequency + 1));
}

/** Which concepts a passage mentions, in its heading, title, tags or text. */
export function matchedConcepts(concepts: readonly QueryConcept[], passage: { heading: string; title: string; tags: readonly string[]; text: string }): boolean[] {
  const tokens = foldedTokens(`${passage.heading}\n${passage.title}\n${passage.tags.join(' ')}\n${passage.text}`);
  return concepts.map((concept) => concept.terms.some((term) => termMatches(term, tokens)));
}

/** Weighted share (0..1) of the concepts matched. */
export function coverage(matched: readonly boolean[], weights: readonly number[]): number {
  let total = 0;
  let hit = 0;
  weights.forEach((weight, index) => {
    total += weight;
    if (matched[index]) hit += weight;
  });
  return total === 0 ? 0 : Math.round((hit / total) * 1000) / 1000;
}

export function isRelevant(hitCoverage: number, minCoverage = MIN_COVERAGE): boolean {
  return hitCoverage >= minCoverage;
}

/** Whether a search found anything a draft may be grounded in. */
export function isGrounded(hits: readonly { relevant: boolean }[]): boolean {
  return hits.some((hit) => hit.relevant);
}
