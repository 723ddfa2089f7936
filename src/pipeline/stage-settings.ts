/**
 * Per-stage choices, made on purpose: which tier, how many output tokens at
 * most (reasoning tokens count against this), and how hard the model thinks.
 * Short outputs where only judgment is needed; drafts get room to write.
 */
import type { ModelTier, Stage } from '../domain/index.js';
import type { ReasoningEffort } from '../models/provider.js';

export interface StageSetting {
  tier: ModelTier;
  /** Tier used when the first tier's output fails validation. */
  fallbackTier: ModelTier | null;
  maxOutputTokens: number;
  reasoningEffort: ReasoningEffort;
}

export const STAGE_SETTINGS: Record<Stage, StageSetting> = {
  classify: { tier: 'nano', fallbackTier: 'mini', maxOutputTokens: 1_200, reasoningEffort: 'low' },
  extract: { tier: 'nano', fallbackTier: 'mini', maxOutputTokens: 1_200, reasoningEffort: 'low' },
  draft: { tier: 'mini', fallbackTier: null, maxOutputTokens: 2_500, reasoningEffort: 'low' },
  summarize: { tier: 'mini', fallbackTier: null, maxOutputTokens: 1_000, reasoningEffort: 'low' },
  // Medium when the flagship's approval is the last word before a reply goes out; a review a
  // person reads before anything is sent is advice, and runs at low (orchestrator.ts: lastWord).
  second_opinion: { tier: 'flagship', fallbackTier: null, maxOutputTokens: 2_500, reasoningEffort: 'medium' },
  // A search query in English for the knowledge base: a few words, the cheapest tier.
  translate: { tier: 'nano', fallbackTier: null, maxOutputTokens: 600, reasoningEffort: 'low' },
};
