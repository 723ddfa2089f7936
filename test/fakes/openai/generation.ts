import type { ModelCall } from './model-request.js';
import { sampleFromSchema } from './schema-sample.js';
import type { TokenCounter } from './token-counting.js';
import type { Fault, ScriptedUsage } from './types.js';

/**
 * Decides the model's output and its usage, independent of the wire format:
 * the default (schema-conforming) answer, scripted output, content faults
 * (invalid output, refusal, incomplete), max-output-token truncation and the prompt cache
 * (both counted by the fake's token counter, see token-counting.ts).
 */

export type ContentFault = Extract<Fault, { kind: 'invalid_output' | 'refusal' | 'incomplete' }>;

export interface Usage {
  inputTokens: number;
  cachedTokens: number;
  /** Total output tokens, reasoning included. */
  outputTokens: number;
  reasoningTokens: number;
}

export interface Generation {
  kind: 'text' | 'refusal';
  /** Output text or refusal message, truncated when incomplete. */
  text: string;
  status: 'completed' | 'incomplete';
  /** False when reasoning used the whole output budget: no message was produced. */
  hasMessage: boolean;
  usage: Usage;
}

export interface GenerationInput {
  output: unknown;
  usage?: Partial<ScriptedUsage> | undefined;
  fault?: ContentFault | undefined;
}

export const INVALID_OUTPUT_TEXT = '{"urgency": ';
export const DEFAULT_REFUSAL = "I'm sorry, but I can't help with that request.";
export const DEFAULT_TEXT = 'This is a fake answer from the local OpenAI test server.';

export function defaultOutputText(call: ModelCall): string {
  if (call.request.schema) return JSON.stringify(sampleFromSchema(call.request.schema));
  if (call.jsonObject) return JSON.stringify({ answer: DEFAULT_TEXT });
  return DEFAULT_TEXT;
}

function outputText(call: ModelCall, output: unknown): string {
  if (output === undefined) return defaultOutputText(call);
  if (typeof output === 'string') return output;
  return JSON.stringify(output);
}

export function generate(
  call: ModelCall,
  input: GenerationInput,
  context: { reasoningTokens: number; counter: TokenCounter },
): Generation {
  const { request } = call;
  const { counter } = context;
  const schemaText = request.schema ? JSON.stringify(request.schema) : '';
  const prompt = counter.prompt(request.model, { schema: schemaText, system: request.system, user: request.user, other: call.otherText });

  const fault = input.fault;
  const kind: Generation['kind'] = fault?.kind === 'refusal' ? 'refusal' : 'text';
  let text =
    fault?.kind === 'refusal'
      ? (fault.message ?? DEFAULT_REFUSAL)
      : fault?.kind === 'invalid_output'
        ? INVALID_OUTPUT_TEXT
        : outputText(call, input.output);

  let reasoningTokens = input.usage?.reasoning_tokens ?? context.reasoningTokens;
  let status: Generation['status'] = 'completed';
  let hasMessage = true;
  let outputTokens: number;
  const budget = request.maxOutputTokens;

  if (fault?.kind === 'incomplete') {
    status = 'incomplete';
    text = text.slice(0, Math.floor(text.length / 2));
    outputTokens = budget ?? counter.count(text) + reasoningTokens;
  } else if (budget !== null && counter.count(text) + reasoningTokens > budget) {
    status = 'incomplete';
    reasoningTokens = Math.min(reasoningTokens, budget);
    const textBudget = budget - reasoningTokens;
    hasMessage = textBudget > 0;
    text = counter.truncate(text, textBudget);
    outputTokens = budget;
  } else {
    outputTokens = input.usage?.output_tokens ?? counter.count(text) + reasoningTokens;
  }

  return {
    kind,
    text,
    status,
    hasMessage,
    usage: {
      inputTokens: input.usage?.input_tokens ?? prompt.inputTokens,
      cachedTokens: input.usage?.cached_tokens ?? prompt.cachedTokens,
      outputTokens,
      reasoningTokens,
    },
  };
}
