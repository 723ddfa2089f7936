/**
 * The provider interface: what every model backend (OpenAI Responses, an
 * OpenAI-compatible Chat Completions server, the offline heuristics) offers.
 * No implementation here. Providers do not price or record calls; the
 * gateway does, so every backend is metered the same way.
 */
import type { z } from 'zod';
import type { Classification, Draft, ExtractedFields, ModelTier, Stage, TokenUsage } from '../domain/index.js';

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

/** What the ticket says, as the customer wrote it. */
export interface TicketText {
  subject?: string;
  text: string;
  customerName?: string;
}

/**
 * The structured input of a call. Online providers send the rendered prompt;
 * the offline provider computes its answer from this directly.
 */
export type ModelTask =
  | { kind: 'classify'; ticket: TicketText }
  | { kind: 'extract'; ticket: TicketText; products: string[] }
  | { kind: 'draft'; ticket: TicketText; classification: Classification; fields: ExtractedFields }
  | { kind: 'summarize'; ticket: TicketText; classification: Classification; fields: ExtractedFields }
  | { kind: 'review'; classification: Classification; fields: ExtractedFields; summary: string; draft: Draft };

export interface RenderedPrompt {
  name: string;
  /** `name@<content hash>`: recorded with every call and routing decision. */
  version: string;
  /** Static instructions: identical across tickets so the provider caches them. */
  system: string;
  /** The per-ticket part, customer text fenced. */
  user: string;
}

export interface ModelRequest<T> {
  tier: ModelTier;
  model: string;
  stage: Stage;
  prompt: RenderedPrompt;
  schema: z.ZodType<T>;
  schemaName: string;
  maxOutputTokens: number;
  reasoningEffort: ReasoningEffort;
  task: ModelTask;
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

export interface ModelProvider {
  readonly name: string;
  /** Whether calls cost money; budgets only check providers that bill. */
  readonly bills: boolean;
  generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>>;
  /**
   * Whether the provider accepts our credentials and knows `model`, at no
   * cost (no generation): resolves, or throws a ModelError (configuration:
   * refused key, unknown model; transient: cannot tell right now). Absent:
   * nothing to check (offline).
   */
  checkModel?(model: string): Promise<void>;
}
