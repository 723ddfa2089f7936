/**
 * The provider interface: what every model backend (OpenAI Responses, an
 * OpenAI-compatible Chat Completions server, the offline heuristics) offers.
 * No implementation here. Providers do not price or record calls; the
 * gateway does, so every backend is metered the same way.
 */
import type { z } from 'zod';
import type { TokenUsage } from '../domain/index.js';

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

export interface RenderedPrompt {
  name: string;
  /** `name@<content hash>`: recorded with every call and routing decision. */
  version: string;
  /** Static instructions: identical across tickets so the provider caches them. */
  system: string;
  /** The per-ticket part, customer text fenced. */
  user: string;
}

/**
 * What a provider is asked: a prompt, the structured output wanted (its schema
 * and name), and limits. Nothing about the pipeline (stage, tier, ticket): a
 * provider generates, the gateway decides what it is for and records it.
 */
export interface ModelRequest<T> {
  model: string;
  prompt: RenderedPrompt;
  schema: z.ZodType<T>;
  schemaName: string;
  maxOutputTokens: number;
  reasoningEffort: ReasoningEffort;
  /** One id per attempt, sent as X-Client-Request-Id so the provider's bill matches the ledger row by row. */
  attemptId?: string;
}

export interface ModelResult<T> {
  output: T;
  usage: TokenUsage;
  /** The provider's usage object as received, stored verbatim in the ledger. */
  rawUsage: unknown;
  requestId: string | null;
  /** False for the offline provider: its usage is an estimate, its cost $0. */
  billed: boolean;
}

/** Texts to turn into vectors, one per text, with the embeddings model named. */
export interface EmbeddingRequest {
  model: string;
  input: readonly string[];
  /** One id per attempt (see ModelRequest.attemptId). */
  attemptId?: string;
}

export interface EmbeddingResult {
  /** One vector per input, in input order. */
  vectors: number[][];
  /** Embeddings bill input tokens only: `output`, `cachedInput` and `reasoning` are 0. */
  usage: TokenUsage;
  rawUsage: unknown;
  requestId: string | null;
  billed: boolean;
}

/** What a provider can do, declared, so policy never decides on a provider's name. */
export interface ProviderCapabilities {
  /** Calls cost money: budgets check them, and each attempt is reserved and recorded before it is sent. */
  bills: boolean;
  /**
   * Its judgment of a draft is worth asking for: a real flagship can approve
   * or rewrite. Without it (the offline heuristics) an uncertain ticket goes
   * straight to a person instead of through a stand-in that would only defer.
   */
  judgesDrafts: boolean;
}

export interface ModelProvider {
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>>;
  /**
   * Whether the provider accepts our credentials and knows `model`, at no
   * cost (no generation): resolves, or throws a ModelError (configuration:
   * refused key, unknown model; transient: cannot tell right now). Absent:
   * nothing to check (offline).
   */
  checkModel?(model: string): Promise<void>;
  /**
   * Vectors for texts (an embeddings endpoint). Absent: the provider has
   * none (offline), and the knowledge base searches with BM25 alone. Throws
   * ModelErrors, like `generate`.
   */
  embed?(request: EmbeddingRequest): Promise<EmbeddingResult>;
}
