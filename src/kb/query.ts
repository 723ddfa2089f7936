/**
 * From a customer's message to an FTS5 query. The message is untrusted: it
 * is reduced to letter-and-digit tokens and every term is quoted (see
 * `ftsString`), so it can never inject FTS syntax.
 *
 * The message becomes a list of concepts: a phrase or word from the synonym
 * list (expanded into all five languages), or any other content word on its
 * own. Stop words and bare numbers (order ids, amounts) are dropped. The
 * concepts serve twice: their terms, OR-ed, are the BM25 query; and the
 * relevance check asks how many of them a passage mentions.
 */
import { normalizeText } from '../models/offline/text.js';
import { isStopWord } from './stop-words.js';
import { CONCEPTS } from './synonyms.js';
import { foldedTokens, ftsString, stem, termKey, textTerms, wordTerms, type Term } from './terms.js';

export interface QueryConcept {
  /** Synonym concept ids (`refund`, `invoice+billing`) or the word's stem: stable across languages, used for gap topics. */
  key: string;
  /** The customer's own word(s) for it. */
  words: string[];
  terms: Term[];
  /** True when the synonym list knew it (a support word), false for any other word. */
  known: boolean;
}

/** Past this many concepts a message is an essay: its first concepts carry the question. */
const MAX_CONCEPTS = 24;

interface Lexicon {
  /** Single folded words and their stems → concept ids. */
  byWord: Map<string, Set<string>>;
  /** Phrases as folded tokens, longest first. */
  phrases: { tokens: string[]; id: string }[];
  /** Words of five letters or more, for German compounds ("Zahlungsmethode" starts with "zahlung"). */
  compoundParts: { word: string; stem: string; id: string }[];
  /** Concept id → its terms in every language. */
  terms: Map<string, Term[]>;
}

const LEXICON: Lexicon = buildLexicon();

function buildLexicon(): Lexicon {
  const lexicon: Lexicon = { byWord: new Map(), phrases: [], compoundParts: [], terms: new Map() };
  const addWord = (word: string, id: string): void => {
    for (const key of new Set([word, stem(word)])) {
      const ids = lexicon.byWord.get(key) ?? new Set<string>();
      ids.add(id);
      lexicon.byWord.set(key, ids);
    }
  };
  for (const concept of CONCEPTS) {
    const terms = new Map<string, Term>();
    for (const written of concept.words) {
      const tokens = foldedTokens(written);
      if (tokens.length === 0) continue;
      for (const term of textTerms(written)) terms.set(termKey(term), term);
      if (tokens.length > 1) {
        lexicon.phrases.push({ tokens, id: concept.id });
      } else {
        const word = tokens[0] ?? '';
        addWord(word, concept.id);
        if (word.length >= 5 && !/\d/.test(word)) lexicon.compoundParts.push({ word, stem: stem(word), id: concept.id });
      }
    }
    lexicon.terms.set(concept.id, [...terms.values()]);
  }
  lexicon.phrases.sort((left, right) => right.tokens.length - left.tokens.length);
  return lexicon;
}

/** The concepts of a message, in the order the customer wrote them. */
export function analyseQuery(text: string): QueryConcept[] {
  const tokens = foldedTokens(normalizeText(text));
  const consumed = new Array<boolean>(tokens.length).fill(false);
  const found: { at: number; ids: Set<string>; words: string[] }[] = [];

  // Phrases first, on every token (stop words included: "how long", "not working").
  for (const phrase of LEXICON.phrases) {
    for (let start = 0; start + phrase.tokens.length <= tokens.length; start++) {
      const span = tokens.slice(start, start + phrase.tokens.length);
      if (span.some((_, offset) => consumed[start + offset])) continue;
      if (!span.every((token, offset) => sameWord(token, phrase.tokens[offset] ?? ''))) continue;
      span.forEach((_, offset) => (consumed[start + offset] = true));
      found.push({ at: start, ids: new Set([phrase.id]), words: span });
    }
  }
  tokens.forEach((token, at) => {
    if (consumed[at] || token.length < 2 || /^\d+$/.test(token) || isStopWord(token)) return;
    found.push({ at, ids: conceptsOf(token), words: [token] });
  });
  found.sort((left, right) => left.at - right.at);

  const concepts = new Map<string, { concept: QueryConcept; terms: Map<string, Term> }>();
  for (const { ids, words } of found) {
    const known = ids.size > 0;
    const key = known ? [...ids].sort().join('+') : stem(words[0] ?? '');
    let entry = concepts.get(key);
    if (!entry) {
      if (concepts.size >= MAX_CONCEPTS) continue;
      entry = { concept: { key, words: [], terms: [], known }, terms: new Map() };
      for (const id of ids) for (const term of LEXICON.terms.get(id) ?? []) entry.terms.set(termKey(term), term);
      concepts.set(key, entry);
    }
    entry.concept.words.push(...words);
    // The customer's own word, or phrase as a whole: the "e" of "e-mail" is no search term.
    for (const term of words.length === 1 ? wordTerms(words[0] ?? '') : textTerms(words.join(' '))) entry.terms.set(termKey(term), term);
  }
  return [...concepts.values()].map(({ concept, terms }) => ({ ...concept, terms: [...terms.values()] }));
}

/** A query word's synonym concepts: by folded form, by stem, or as the head or tail of a compound. */
function conceptsOf(token: string): Set<string> {
  const direct = LEXICON.byWord.get(token) ?? LEXICON.byWord.get(stem(token));
  if (direct) return new Set(direct);
  const ids = new Set<string>();
  if (token.length >= 8) {
    for (const part of LEXICON.compoundParts) {
      if (token.length - part.word.length < 3) continue;
      if ((part.stem.length >= 5 && token.startsWith(part.stem)) || token.endsWith(part.word)) ids.add(part.id);
    }
  }
  return ids;
}

function sameWord(left: string, right: string): boolean {
  return left === right || stem(left) === stem(right);
}

/** The concepts of a synonym concept id (a category hint: `refund`, `outage`), or none when the list has no such id. */
export function conceptById(id: string): QueryConcept | null {
  const terms = LEXICON.terms.get(id);
  return terms ? { key: id, words: [], terms, known: true } : null;
}

/** The FTS5 MATCH expression: every term of every concept, OR-ed; null when there is nothing to search for. */
export function matchExpression(concepts: readonly QueryConcept[]): string | null {
  const terms = new Map<string, string>();
  for (const concept of concepts) for (const term of concept.terms) terms.set(termKey(term), ftsString(term));
  return terms.size === 0 ? null : [...terms.values()].join(' OR ');
}
