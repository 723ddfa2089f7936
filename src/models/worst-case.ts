/**
 * The most a call can cost, known before it is made: every input token
 * counted locally and priced as uncached, plus the full `max_output_tokens`.
 * Budgets reserve this amount, so a cap holds even if the model writes to
 * its limit.
 */
import type { z } from 'zod';
import type { Nanos } from '../domain/index.js';
import { costNanos, type ModelPrice } from './pricing.js';
import { promptInputTokens } from './prompt-tokens.js';
import type { RenderedPrompt } from './provider.js';

/** Role markers, the schema's name and the response-format wrapper the API adds around our text. */
const FRAMING_TOKENS = 64;

export function worstCaseInputTokens(request: { prompt: RenderedPrompt; schema: z.ZodType }): number {
  return promptInputTokens(request) + FRAMING_TOKENS;
}

export function worstCaseCostNanos(request: { prompt: RenderedPrompt; schema: z.ZodType; maxOutputTokens: number }, price: ModelPrice): Nanos {
  return costNanos({ input: worstCaseInputTokens(request), cachedInput: 0, output: request.maxOutputTokens, reasoning: 0 }, price);
}
