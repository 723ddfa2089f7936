/** Normalises the two APIs' usage objects into our TokenUsage. */
import { ZERO_USAGE, type TokenUsage } from '../../domain/index.js';

interface ResponsesUsage {
  input_tokens?: number;
  input_tokens_details?: { cached_tokens?: number } | null;
  output_tokens?: number;
  output_tokens_details?: { reasoning_tokens?: number } | null;
}

interface ChatUsage {
  prompt_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens?: number;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}


export function fromResponsesUsage(usage: ResponsesUsage | null | undefined): TokenUsage {
  if (!usage) return ZERO_USAGE;
  return {
    input: usage.input_tokens ?? 0,
    cachedInput: usage.input_tokens_details?.cached_tokens ?? 0,
    output: usage.output_tokens ?? 0,
    reasoning: usage.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

export function fromChatUsage(usage: ChatUsage | null | undefined): TokenUsage {
  if (!usage) return ZERO_USAGE;
  return {
    input: usage.prompt_tokens ?? 0,
    cachedInput: usage.prompt_tokens_details?.cached_tokens ?? 0,
    output: usage.completion_tokens ?? 0,
    reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}
