/**
 * The fake's embedding model: deterministic vectors standing in for a real
 * one (text-embedding-3-small) in tests and in the retrieval benchmark.
 *
 * What a real multilingual model gives retrieval is that texts meaning the
 * same thing land close together whatever their language or wording. A fake
 * that returned random or hashed-text vectors would make "BM25 + embeddings"
 * a test of noise; one that read the labelled questions would be a lie. So
 * the vector is a hashed bag of features any reader of the text could see:
 *
 * - concepts: the support words of the KB's synonym list (src/kb/synonyms.ts),
 *   each phrase or word in five languages mapped to one concept id, so
 *   "Rückerstattung", "reembolso" and "refund" share a feature, as they share
 *   a neighbourhood in a real model's space (the heaviest features);
 * - words: every other content word by its first five letters (a crude
 *   stem), so the same word in question and passage counts;
 * - character trigrams of every content word (function words say which
 *   language a text is in, not what it is about), lightly weighted: cognates across
 *   languages ("autenticación" / "authentication", "exportar" / "export")
 *   and misspellings land near each other, as in a real model.
 *
 * Features are hashed (FNV-1a) into `dims` signed buckets, counts are damped
 * (1 + log n) and the vector is L2-normalised, as OpenAI's are. It knows
 * nothing the synonym list and the text do not say, so it is weaker than a
 * real model: figures measured with it are a floor, not a forecast.
 */
import { isStopWord, fold } from '../../../src/kb/stop-words.js';
import { CONCEPTS } from '../../../src/kb/synonyms.js';

export const DEFAULT_EMBEDDING_DIMS = 256;

const CONCEPT_WEIGHT = 1;
const WORD_WEIGHT = 0.6;
const TRIGRAM_WEIGHT = 0.12;
/** A word this long or longer also matches the list's word as a prefix ("Rechnungen" → "rechnung"). */
const PREFIX_LENGTH = 5;

interface ConceptLexicon {
  /** Folded single words → concept ids. */
  words: Map<string, Set<string>>;
  /** Folded words of at least PREFIX_LENGTH letters, for prefix matches. */
  prefixes: { word: string; id: string }[];
  /** Multi-word phrases as folded tokens, longest first. */
  phrases: { tokens: string[]; id: string }[];
}

const LEXICON: ConceptLexicon = buildLexicon();

function tokens(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function buildLexicon(): ConceptLexicon {
  const lexicon: ConceptLexicon = { words: new Map(), prefixes: [], phrases: [] };
  for (const concept of CONCEPTS) {
    for (const written of concept.words) {
      const parts = tokens(written);
      if (parts.length > 1) {
        lexicon.phrases.push({ tokens: parts, id: concept.id });
        continue;
      }
      const word = parts[0];
      if (!word) continue;
      const ids = lexicon.words.get(word) ?? new Set<string>();
      ids.add(concept.id);
      lexicon.words.set(word, ids);
      if (word.length >= PREFIX_LENGTH && !/\d/.test(word)) lexicon.prefixes.push({ word, id: concept.id });
    }
  }
  lexicon.phrases.sort((a, b) => b.tokens.length - a.tokens.length);
  return lexicon;
}

function conceptsOfWord(word: string): Set<string> {
  const direct = LEXICON.words.get(word);
  if (direct) return direct;
  const ids = new Set<string>();
  if (word.length < PREFIX_LENGTH) return ids;
  for (const { word: listed, id } of LEXICON.prefixes) {
    // "invoices" → "invoice", "Rechnungen" → "rechnung": the listed word starts the text's word, give or take an ending.
    const stem = listed.slice(0, Math.max(PREFIX_LENGTH, listed.length - 2));
    if (word.startsWith(stem) && word.length - listed.length <= 4) ids.add(id);
  }
  return ids;
}

/** The text's features and their counts. */
export function embeddingFeatures(text: string): Map<string, number> {
  const words = tokens(text);
  const features = new Map<string, number>();
  const add = (feature: string, weight: number): void => {
    features.set(feature, (features.get(feature) ?? 0) + weight);
  };
  const consumed = new Array<boolean>(words.length).fill(false);
  for (const phrase of LEXICON.phrases) {
    for (let start = 0; start + phrase.tokens.length <= words.length; start++) {
      if (phrase.tokens.some((token, offset) => consumed[start + offset] || words[start + offset] !== token)) continue;
      phrase.tokens.forEach((_, offset) => (consumed[start + offset] = true));
      add(`c:${phrase.id}`, 1);
    }
  }
  words.forEach((word, index) => {
    if (word.length < 2 || /^\d+$/.test(word) || isStopWord(word)) return;
    const padded = ` ${word} `;
    for (let at = 0; at + 3 <= padded.length; at++) add(`g:${padded.slice(at, at + 3)}`, 1);
    if (consumed[index]) return;
    const ids = conceptsOfWord(word);
    if (ids.size > 0) {
      for (const id of ids) add(`c:${id}`, 1);
    } else {
      add(`w:${word.slice(0, PREFIX_LENGTH)}`, 1);
    }
  });
  return features;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function weightOf(feature: string): number {
  if (feature.startsWith('c:')) return CONCEPT_WEIGHT;
  if (feature.startsWith('w:')) return WORD_WEIGHT;
  return TRIGRAM_WEIGHT;
}

/** The unit vector of a text: `dims` float values, L2 norm 1 (a text without features gets the first axis). */
export function embedText(text: string, dims = DEFAULT_EMBEDDING_DIMS): number[] {
  const vector = new Array<number>(dims).fill(0);
  for (const [feature, count] of embeddingFeatures(text)) {
    const hash = fnv1a(feature);
    const sign = hash & 0x80000000 ? -1 : 1;
    const bucket = hash % dims;
    vector[bucket] = (vector[bucket] ?? 0) + sign * weightOf(feature) * (1 + Math.log(count));
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) return vector.map((_, index) => (index === 0 ? 1 : 0));
  // Rounded to float32, as the real API's base64 answer is: both encodings then carry the same numbers.
  return vector.map((value) => Math.fround(value / norm));
}
