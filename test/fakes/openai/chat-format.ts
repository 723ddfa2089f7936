import { chunkText } from './chunk-text.js';
import type { Generation, Usage } from './generation.js';
import { newChatCompletionId, nowSeconds } from './ids.js';

/**
 * Chat Completions wire format: the `chat.completion` object and the
 * `chat.completion.chunk` stream (role chunk, content chunks, finish chunk,
 * optional usage chunk with empty choices; the server then sends `data: [DONE]`).
 */

type Json = Record<string, unknown>;

const SYSTEM_FINGERPRINT = 'fp_fake0openai';

function chatUsage(usage: Usage): Json {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function finishReason(generation: Generation): 'stop' | 'length' {
  return generation.status === 'completed' ? 'stop' : 'length';
}

export class ChatRenderer {
  readonly #id = newChatCompletionId();
  readonly #created = nowSeconds();

  constructor(
    private readonly model: string,
    private readonly generation: Generation,
  ) {}

  completion(): Json {
    const generation = this.generation;
    const isRefusal = generation.kind === 'refusal';
    return {
      id: this.#id,
      object: 'chat.completion',
      created: this.#created,
      model: this.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: isRefusal ? null : generation.text,
            refusal: isRefusal ? generation.text : null,
            annotations: [],
          },
          logprobs: null,
          finish_reason: finishReason(generation),
        },
      ],
      usage: chatUsage(generation.usage),
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
    };
  }

  /** Stream chunks, without the final `[DONE]` sentinel. */
  chunks(includeUsage: boolean): Json[] {
    const generation = this.generation;
    const isRefusal = generation.kind === 'refusal';
    const chunk = (choices: Json[]): Json => ({
      id: this.#id,
      object: 'chat.completion.chunk',
      created: this.#created,
      model: this.model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
      ...(includeUsage ? { usage: null } : {}),
    });
    const choice = (delta: Json, finish: string | null = null): Json => ({
      index: 0,
      delta,
      logprobs: null,
      finish_reason: finish,
    });

    const chunks: Json[] = [];
    chunks.push(chunk([choice(isRefusal ? { role: 'assistant', content: null, refusal: '' } : { role: 'assistant', content: '', refusal: null })]));
    for (const piece of chunkText(generation.text)) {
      chunks.push(chunk([choice(isRefusal ? { refusal: piece } : { content: piece })]));
    }
    chunks.push(chunk([choice({}, finishReason(generation))]));
    if (includeUsage) chunks.push({ ...chunk([]), usage: chatUsage(generation.usage) });
    return chunks;
  }
}
