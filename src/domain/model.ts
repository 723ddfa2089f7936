export const MODEL_TIERS = ['nano', 'mini', 'flagship'] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

/**
 * The pipeline stages that call a model; recorded per call in the ledger.
 * `second_opinion` is a model reviewing a draft (the flagship, or mini when
 * the budget is low), whether routing asked for it or a reviewer pressed
 * Escalate; "escalate" is only ever the reviewer's button.
 */
export const STAGES = ['classify', 'extract', 'draft', 'summarize', 'second_opinion', 'translate'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Every kind of call the ledger records: the pipeline's stages, plus `embed`
 * (knowledge-base passages and ticket questions turned into vectors, see
 * src/kb/vectors.ts). `embed` is kept out of STAGES because it is no stage of
 * a ticket's triage: nothing routes on it and it has no stage settings. The
 * weekly report lists it after the stages, when a week has any.
 */
export const LEDGER_STAGES = [...STAGES, 'embed'] as const;
export type LedgerStage = (typeof LEDGER_STAGES)[number];

/** Token counts as billed. Reasoning tokens are already inside `output`. */
export interface TokenUsage {
  input: number;
  cachedInput: number;
  output: number;
  reasoning: number;
}

/** The models cannot be used: the provider refused our key, or does not know a model. */
export interface ModelOutage {
  since: Date;
  code: string;
  model: string;
  /** The setting to fix: OPENAI_API_KEY, or a MODEL_* variable. */
  variable: string;
  message: string;
}

/** The alert posted to the report channels when an outage begins; times shown in `timeZone`. */
export interface ModelAlert {
  outage: ModelOutage;
  timeZone: string;
}

export const ZERO_USAGE: TokenUsage = { input: 0, cachedInput: 0, output: 0, reasoning: 0 };
