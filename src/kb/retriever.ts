/**
 * What the pipeline asks the knowledge base: "which passages answer this
 * ticket, and is any of them good enough to ground a draft?"
 *
 * BM25 (SQLite FTS5) over the ticket's words expanded through the synonym
 * list, plus hints from triage (the category's concept, the products named).
 * The best candidates are re-ranked by coverage (relevance.ts): among
 * passages BM25 finds close, the one that mentions more of the question wins.
 * A configured model may translate the query first (`translate`); offline,
 * the synonym list bridges languages. Nothing here calls a model.
 */
import type { Logger } from '../logger.js';
import { DEFAULT_LANGUAGE, detectLanguage } from '../models/offline/language.js';
import { gapTopic } from './gaps.js';
import type { PassageStore, StoredPassage } from './passage-store.js';
import { analyseQuery, conceptById, matchExpression, type QueryConcept } from './query.js';
import { conceptWeight, coverage, isRelevant, matchedConcepts, MIN_COVERAGE } from './relevance.js';
import { textTerms } from './terms.js';
import type { KbQuery, SearchHit } from './types.js';

export interface RetrieverOptions {
  /**
   * Translates the customer's text (to English, say) when a model is
   * configured; the translation's words are searched as well as the
   * original's. A failure is logged and retrieval goes on without it.
   */
  translate?: (text: string) => Promise<string>;
  logger?: Logger;
  /** Overrides MIN_COVERAGE (tuning, tests). */
  minCoverage?: number;
}

export interface Retriever {
  /** The best `limit` passages for a ticket, best first, each judged relevant or not. */
  search(query: KbQuery, limit?: number): Promise<SearchHit[]>;
  /** The same without the translate hook: synchronous, for the CLI and benchmarks. */
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

  /** `readings`: the concepts of the text, and of its translation when there is one; a passage's coverage is its best over them. */
  const searchReadings = (query: KbQuery, readings: QueryConcept[][], limit: number): SearchHit[] => {
    const used = readings.filter((concepts) => concepts.length > 0);
    const expression = matchExpression([...used.flat(), ...hintConcepts(query)]);
    if (used.length === 0 || expression === null) return [];
    const candidates = store.search(expression, Math.max(limit * 4, MIN_CANDIDATES));
    if (candidates.length === 0) return [];
    const weighted = used.map((concepts) => ({ concepts, weights: weightsOf(concepts) }));
    const language = query.language ?? detectLanguage(query.text).language;
    return candidates
      .map((candidate) => {
        const best = Math.max(...weighted.map(({ concepts, weights }) => coverage(matchedConcepts(concepts, candidate), weights)));
        return toHit(candidate, best, language, minCoverage);
      })
      .sort((left, right) => right.score - left.score || left.id - right.id)
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
      if (!options.translate) return searchOffline(query, limit);
      let translated = '';
      try {
        translated = await options.translate(query.text);
      } catch (error) {
        options.logger?.warn({ err: error }, 'knowledge base: query translation failed; searching the original text only');
      }
      return searchReadings(query, [analyseQuery(query.text), analyseQuery(translated)], limit);
    },
  };
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
