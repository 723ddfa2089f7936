/**
 * Local token counts of a request's parts (o200k_base). The static part — the
 * system prompt and the JSON schema sent for structured output — is the same
 * for every call of a prompt version, so it is counted once and remembered.
 */
import { z } from 'zod';
import type { RenderedPrompt } from './provider.js';
import { countTokens } from './tokenizer.js';

const systemTokens = new Map<string, number>();
const schemaTokens = new WeakMap<z.ZodType, number>();

/** System prompt plus schema: the prefix the provider's prompt cache can serve. */
export function staticPromptTokens(request: { prompt: RenderedPrompt; schema: z.ZodType }): number {
  let system = systemTokens.get(request.prompt.version);
  if (system === undefined) {
    system = countTokens(request.prompt.system);
    systemTokens.set(request.prompt.version, system);
  }
  let schema = schemaTokens.get(request.schema);
  if (schema === undefined) {
    // Structured outputs send the JSON schema with the request; it is billed as input.
    schema = countTokens(JSON.stringify(z.toJSONSchema(request.schema)));
    schemaTokens.set(request.schema, schema);
  }
  return system + schema;
}

/** Every input token of the request as we send it (the provider adds a little framing). */
export function promptInputTokens(request: { prompt: RenderedPrompt; schema: z.ZodType }): number {
  return staticPromptTokens(request) + countTokens(request.prompt.user);
}
