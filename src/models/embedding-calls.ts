/**
 * What an embeddings call is, for the gateway and the knowledge base: its
 * inputs and result, and how the ledger names and bounds it.
 */
import { createHash } from 'node:crypto';
import type { TokenUsage } from '../domain/index.js';
import type { RenderedPrompt } from './provider.js';

/** What texts are embedded for: knowledge-base passages (`index`) or a ticket's question (`query`). */
export type EmbeddingPurpose = 'index' | 'query';

export interface EmbeddingCall {
  texts: readonly string[];
  purpose: EmbeddingPurpose;
  /** The ticket a query is embedded for; null for indexing. */
  ticketId: number | null;
  /** Urgent tickets may spend the budget's reserve. */
  urgent?: boolean;
}

export interface EmbeddingCallResult {
  vectors: number[][];
  model: string;
  usage: TokenUsage;
  costNanos: number;
  latencyMs: number;
  modelCallId: number;
}

/**
 * The most texts one embeddings request carries. The API takes up to 2,048
 * inputs and 300,000 tokens per request; callers batch below both (see
 * src/kb/vectors.ts), this only guards the worst case the budget reserves.
 */
export const MAX_EMBEDDING_INPUTS = 2_048;

/**
 * What the ledger calls an embeddings request: there is no prompt, so the
 * "prompt" is what is embedded, and its version hashes how the text is built
 * (same `name@<12 hex>` form as the prompts'), so a change of recipe shows.
 */
export const EMBEDDING_PROMPTS: Record<EmbeddingPurpose, Pick<RenderedPrompt, 'name' | 'version'>> = {
  index: embeddingPrompt('embed_passages', 'passage: file title, heading and text, one input each'),
  query: embeddingPrompt('embed_query', 'query: the customer\'s words as written'),
};

function embeddingPrompt(name: string, recipe: string): Pick<RenderedPrompt, 'name' | 'version'> {
  return { name, version: `${name}@${createHash('sha256').update(recipe).digest('hex').slice(0, 12)}` };
}

/**
 * Our count is o200k_base; text-embedding-3 models count with cl100k_base,
 * which takes more tokens for most languages but English (up to about a
 * third more): the margin keeps the worst case a bound.
 */
export const EMBEDDING_TOKEN_MARGIN = 1.5;
export const EMBEDDING_FRAMING_TOKENS = 8;
