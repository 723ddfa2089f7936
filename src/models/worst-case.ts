/**
 * The most a call can cost, known before it is made: every input token
 * counted locally and priced as uncached, plus the full `max_output_tokens`.
 * Budgets reserve this amount, so a cap holds even if the model writes to
 * its limit.
 */
import { z } from 'zod';
import { costUsd, type ModelPrice } from './pricing.js';
import type { RenderedPrompt } from './provider.js';
import { countTokens } from './tokenizer.js';

/** Role markers and the response-format wrapper the API adds around our text. */
const FRAMING_TOKENS = 64;

const schemaTokens = new WeakMap<z.ZodType, number>();
/** System prompts are static per version: counted once, not per call. */
const systemTokens = new Map<string, number>();

function tokensOfSystem(prompt: RenderedPrompt): number {
  let tokens = systemTokens.get(prompt.version);
  if (tokens === undefined) {
    tokens = countTokens(prompt.system);
    systemTokens.set(prompt.version, tokens);
  }
  return tokens;
}

function tokensOfSchema(schema: z.ZodType, name: string): number {
  let tokens = schemaTokens.get(schema);
  if (tokens === undefined) {
    // Structured outputs send the JSON schema with the request; it is billed as input.
    tokens = countTokens(name) + countTokens(JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' })));
    schemaTokens.set(schema, tokens);
  }
  return tokens;
}

export function worstCaseInputTokens(request: { prompt: RenderedPrompt; schema: z.ZodType; schemaName: string }): number {
  return tokensOfSystem(request.prompt) + countTokens(request.prompt.user) + tokensOfSchema(request.schema, request.schemaName) + FRAMING_TOKENS;
}

export function worstCaseCostUsd(
  request: { prompt: RenderedPrompt; schema: z.ZodType; schemaName: string; maxOutputTokens: number },
  price: ModelPrice,
): number {
  return costUsd({ input: worstCaseInputTokens(request), cachedInput: 0, output: request.maxOutputTokens, reasoning: 0 }, price);
}
