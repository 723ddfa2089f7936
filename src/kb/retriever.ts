/**
 * What the pipeline asks the knowledge base: "which passages answer this
 * ticket, and is any of them good enough to ground a draft?"
 *
 * BM25 (SQLite FTS5) over the ticket's words expanded through the synonym
 * list, plus hints from triage (the category's concept, the products named).
 * The best candidates are re-ranked by coverage (relevance.ts): among
 * passages BM25 finds close, the one that mentions more of the question wins.
 * The caller may add the question in other words (`alsoSearch`: a model's
 * English rendering); offline, the synonym list bridges languages.
 *
 * With embeddings (`vectors`, see vectors.ts), the question's vector ranks
 * every passage by cosine similarity too, and the two rankings are fused
 * (reciprocal rank fusion, fusion.ts). A passage is then relevant when its
 * coverage clears MIN_COVERAGE or its similarity clears the embedder's
 * threshold (relevance.ts). When the question cannot be embedded (the
 * provider fails, the budget refuses), the search is BM25's alone. Nothing
 * here calls a model but through those two hooks.
 */
import type { Logger } from '../logger.js';
import { DEFAULT_LANGUAGE, detectLanguage } from '../models/offline/language.js';
import { gapTopic } from './gaps.js';
import type { PassageStore, StoredPassage } from './passage-store.js';
import { analyseQuery, conceptById, matchExpression, type QueryConcept } from './query.js';
import { reciprocalRankFusion } from './fusion.js';
import { conceptWeight, coverage, isRelevant, matchedConcepts, MIN_COVERAGE } from './relevance.js';
import { textTerms } from './terms.js';
import type { KbQuery, SearchHit } from './types.js';
import type { NearestPassage } from './vectors.js';

export interface RetrieverOptions {
  logger?: Logger;
  /** Overrides MIN_COVERAGE (tuning, tests). */
  minCoverage?: number;
  /** Embeddings, when an embedder is configured (the knowledge base passes its VectorIndex). */
  vectors?: VectorSearch;
}

export interface VectorSearch {
  /** Every passage with a vector, nearest to the text first; null when the text could not be embedded (logged). */
  nearest(text: string, limit: number, ticketId: number | null): Promise<NearestPassage[] | null>;
  /** Cosine similarity at or above which a passage is relevant on its vector alone. */
  minSimilarity: number;
}

export interface Retriever {
  /** The best `limit` passages for a ticket, best first, each judged relevant or not. */
  search(query: KbQuery, limit?: number): Promise<SearchHit[]>;
  /** BM25 alone, without embeddings: synchronous, for the CLI and benchmarks. */
  searchOffline(query: KbQuery, limit?: number): SearchHit[];
  /** The concepts a text is searched by. */
  analyse(text: string): QueryConcept[];
  /** The knowledge-gap topic of a ticket: its category and its two concepts rarest in the KB (see gaps.ts). */
  gapTopic(query: KbQuery): string;
  /** A passage by id, for a reviewer opening a cited source. */
  passage(id: number): StoredPassage | null;
}

/** How many BM25 candidates are re-ranked by coverage, at least. */
const MIN_CANDIDATES = 20;

/** Triage categories that name a concept of the synonym list; the others (technical, general …) add nothing. */
const CATEGORY_CONCEPTS: Readonly<Record<string, string>> = {
  billing: 'billing',
  refund: 'refund',
  account: 'account',
  outage: 'outage',
  security: 'security',
  legal: 'gdpr',
  sales: 'price',
};

export function createRetriever(store: PassageStore, options: RetrieverOptions = {}): Retriever {
  const minCoverage = options.minCoverage ?? MIN_COVERAGE;

  /** Each concept's IDF weight in the KB as it is now. */
  const weightsOf = (concepts: readonly QueryConcept[]): number[] => {
    const passages = store.countPassages();
    return concepts.map((concept) => conceptWeight(store.countMatches(matchExpression([concept]) ?? '""'), passages));
  };

  /** The concepts of each reading, with their IDF weights; readings without concepts are dropped. */
  const weigh = (readings: QueryConcept[][]): Reading[] =>
    readings.filter((concepts) => concepts.length > 0).map((concepts) => ({ concepts, weights: weightsOf(concepts) }));

  /** A passage's coverage: its best over the readings (the text, and its translation when there is one). */
  const bestCoverage = (weighted: readonly Reading[], passage: StoredPassage): number =>
    Math.max(0, ...weighted.map(({ concepts, weights }) => coverage(matchedConcepts(concepts, passage), weights)));

  /**
   * `readings`: the concepts of the text, and of its translation when there
   * is one; a passage's coverage is its best over them. The best `limit` of
   * the BM25 candidates a search for `pool` hits re-ranks (fusion asks for all of them).
   */
  const searchReadings = (query: KbQuery, readings: QueryConcept[][], limit: number, pool = limit): SearchHit[] => {
    const used = readings.filter((concepts) => concepts.length > 0);
    const expression = matchExpression([...used.flat(), ...hintConcepts(query)]);
    if (used.length === 0 || expression === null) return [];
    const candidates = store.search(expression, Math.max(pool * 4, MIN_CANDIDATES));
    if (candidates.length === 0) return [];
    const weighted = weigh(used);
    const language = languageOf(query);
    return candidates
      .map((candidate) => toHit(candidate, bestCoverage(weighted, candidate), language, minCoverage))
      .sort((left, right) => right.score - left.score || left.id - right.id)
      .slice(0, limit);
  };

  /**
   * BM25's ranking (all its candidates) fused with the vectors' (as many),
   * or BM25's alone when the question cannot be embedded or nothing has a
   * vector yet.
   */
  const searchFused = async (query: KbQuery, readings: QueryConcept[][], limit: number, vectors: VectorSearch): Promise<SearchHit[]> => {
    const depth = Math.max(limit * 4, MIN_CANDIDATES);
    // The same candidates BM25 alone would re-rank, every one of them in the fusion.
    const lexical = searchReadings(query, readings, depth, limit);
    const nearest = await vectors.nearest(query.text, depth, query.ticketId ?? null);
    if (nearest === null || nearest.length === 0) return lexical.slice(0, limit);
    const fused = reciprocalRankFusion([lexical.map((hit) => hit.id), nearest.map((passage) => passage.id)]);
    const similarity = new Map(nearest.map((passage) => [passage.id, passage.similarity]));
    const lexicalRank = new Map(lexical.map((hit, index) => [hit.id, index]));
    const weighted = weigh(readings);
    const language = languageOf(query);
    const hits = [...lexical];
    for (const { id } of nearest) {
      if (lexicalRank.has(id)) continue;
      const passage = store.passage(id);
      // Not among BM25's candidates: no BM25 score, but its coverage still says how much of the question it mentions.
      if (passage) hits.push({ ...toHit({ ...passage, rank: 0 }, bestCoverage(weighted, passage), language, minCoverage), bm25: 0 });
    }
    return hits
      .map((hit) => {
        const cosine = similarity.get(hit.id);
        const relevant = hit.relevant || (cosine !== undefined && cosine >= vectors.minSimilarity);
        return { ...hit, score: Math.round((fused.get(hit.id) ?? 0) * 1e6) / 1e6, ...(cosine === undefined ? {} : { similarity: round(cosine) }), relevant };
      })
      // Ties (the two rankings swapped a pair) keep BM25's order: on the tune questions that beat breaking them by similarity.
      .sort(
        (left, right) =>
          right.score - left.score || (lexicalRank.get(left.id) ?? Infinity) - (lexicalRank.get(right.id) ?? Infinity) || left.id - right.id,
      )
      .slice(0, limit);
  };

  const searchOffline = (query: KbQuery, limit = 5): SearchHit[] => searchReadings(query, [analyseQuery(query.text)], limit);

  return {
    searchOffline,
    analyse: analyseQuery,
    gapTopic(query) {
      const concepts = analyseQuery(query.text);
      return gapTopic(query.category, concepts, weightsOf(concepts));
    },
    passage: (id) => store.passage(id),
    async search(query, limit = 5) {
      const readings = [analyseQuery(query.text)];
      if (query.alsoSearch) readings.push(analyseQuery(query.alsoSearch));
      return options.vectors ? searchFused(query, readings, limit, options.vectors) : searchReadings(query, readings, limit);
    },
  };
}

interface Reading {
  concepts: QueryConcept[];
  weights: number[];
}

function languageOf(query: KbQuery): string {
  return query.language ?? detectLanguage(query.text).language;
}

/**
 * Ranking: BM25 finds the candidates; the order is their BM25 score scaled by
 * coverage, so a passage that mentions every concept of the question beats
 * one that scores as high on a single concept repeated (or on a rare synonym
 * of it). A passage in the customer's language gets a small lift, so a German
 * ticket cites the German page when one answers as well as the English one.
 */
function rankScore(bm25: number, hitCoverage: number, passageLanguage: string, customerLanguage: string): number {
  return bm25 * (0.25 + hitCoverage) * languageFactor(passageLanguage, customerLanguage);
}

/** The customer's language first, then the bot's default (English), then a third language the customer may not read. */
function languageFactor(passageLanguage: string, customerLanguage: string): number {
  if (passageLanguage === customerLanguage) return 1.2;
  return passageLanguage === DEFAULT_LANGUAGE ? 1 : 0.75;
}

function toHit(candidate: StoredPassage, hitCoverage: number, customerLanguage: string, minCoverage: number): SearchHit {
  const { rank, ...passage } = candidate;
  const bm25 = -rank;
  return {
    ...passage,
    score: round(rankScore(bm25, hitCoverage, passage.language, customerLanguage)),
    bm25: round(bm25),
    coverage: hitCoverage,
    relevant: isRelevant(hitCoverage, minCoverage),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The category's concept and the products named: searched, but not counted in coverage (they are triage's guesses, not the customer's words). */
function hintConcepts(query: KbQuery): QueryConcept[] {
  const hints: QueryConcept[] = [];
  const category = query.category ? CATEGORY_CONCEPTS[query.category] : undefined;
  const concept = category ? conceptById(category) : null;
  if (concept) hints.push(concept);
  const productTerms = (query.products ?? []).flatMap(textTerms);
  if (productTerms.length > 0) hints.push({ key: 'products', words: [], terms: productTerms, known: false });
  return hints;
}
