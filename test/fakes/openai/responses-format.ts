import { chunkText } from './chunk-text.js';
import type { Generation, Usage } from './generation.js';
import { newMessageId, newReasoningId, newResponseId, nowSeconds } from './ids.js';

/**
 * Responses API wire format: the `response` object and the SSE event sequence
 * (response.created → response.in_progress → output_item.added → content_part.added →
 * output_text.delta… → output_text.done → content_part.done → output_item.done →
 * response.completed | response.incomplete).
 */

type Json = Record<string, unknown>;

export interface ResponseEvent {
  type: string;
  sequence_number: number;
  [key: string]: unknown;
}

function responseUsage(usage: Usage): Json {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function contentPart(generation: Generation, text: string): Json {
  return generation.kind === 'refusal'
    ? { type: 'refusal', refusal: text }
    : { type: 'output_text', annotations: [], logprobs: [], text };
}

interface Items {
  reasoning: Json | null;
  message: { id: string; status: string } | null;
}

function outputItems(generation: Generation, items: Items): Json[] {
  const output: Json[] = [];
  if (items.reasoning) output.push(items.reasoning);
  if (items.message) {
    output.push({
      id: items.message.id,
      type: 'message',
      status: items.message.status,
      content: [contentPart(generation, generation.text)],
      role: 'assistant',
    });
  }
  return output;
}

/** Builds the response object and, on demand, the stream events for one generation. */
export class ResponsesRenderer {
  readonly #id = newResponseId();
  readonly #createdAt = nowSeconds();
  readonly #items: Items;

  constructor(
    private readonly body: Json,
    private readonly model: string,
    private readonly generation: Generation,
  ) {
    this.#items = {
      reasoning: generation.usage.reasoningTokens > 0 ? { id: newReasoningId(), type: 'reasoning', summary: [] } : null,
      message: generation.hasMessage
        ? { id: newMessageId(), status: generation.status === 'completed' ? 'completed' : 'incomplete' }
        : null,
    };
  }

  #envelope(status: 'in_progress' | 'completed' | 'incomplete', output: Json[], usage: Json | null): Json {
    const body = this.body;
    const reasoning = typeof body.reasoning === 'object' && body.reasoning !== null ? (body.reasoning as Json) : {};
    return {
      id: this.#id,
      object: 'response',
      created_at: this.#createdAt,
      status,
      background: false,
      completed_at: status === 'completed' ? nowSeconds() : null,
      error: null,
      incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
      instructions: body.instructions ?? null,
      max_output_tokens: body.max_output_tokens ?? null,
      max_tool_calls: body.max_tool_calls ?? null,
      model: this.model,
      output,
      parallel_tool_calls: body.parallel_tool_calls ?? true,
      previous_response_id: body.previous_response_id ?? null,
      prompt_cache_key: body.prompt_cache_key ?? null,
      reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
      safety_identifier: body.safety_identifier ?? null,
      service_tier: 'default',
      store: body.store ?? true,
      temperature: body.temperature ?? 1,
      text: body.text ?? { format: { type: 'text' }, verbosity: 'medium' },
      tool_choice: body.tool_choice ?? 'auto',
      tools: body.tools ?? [],
      top_logprobs: body.top_logprobs ?? 0,
      top_p: body.top_p ?? 1,
      truncation: body.truncation ?? 'disabled',
      usage,
      user: body.user ?? null,
      metadata: body.metadata ?? {},
    };
  }

  /** The finished response object, as returned by a non-streaming call. */
  response(): Json {
    return this.#envelope(this.generation.status, outputItems(this.generation, this.#items), responseUsage(this.generation.usage));
  }

  /** The SSE events of a streaming call, in order. */
  events(): ResponseEvent[] {
    const events: ResponseEvent[] = [];
    const push = (event: Omit<ResponseEvent, 'sequence_number'>): void => {
      events.push({ ...event, sequence_number: events.length } as ResponseEvent);
    };
    const generation = this.generation;

    push({ type: 'response.created', response: this.#envelope('in_progress', [], null) });
    push({ type: 'response.in_progress', response: this.#envelope('in_progress', [], null) });

    let outputIndex = 0;
    if (this.#items.reasoning) {
      push({ type: 'response.output_item.added', output_index: outputIndex, item: this.#items.reasoning });
      push({ type: 'response.output_item.done', output_index: outputIndex, item: this.#items.reasoning });
      outputIndex += 1;
    }

    const message = this.#items.message;
    if (message) {
      const ids = { item_id: message.id, output_index: outputIndex };
      const isRefusal = generation.kind === 'refusal';
      push({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { id: message.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      });
      push({ type: 'response.content_part.added', ...ids, content_index: 0, part: contentPart(generation, '') });
      for (const delta of chunkText(generation.text)) {
        push(
          isRefusal
            ? { type: 'response.refusal.delta', ...ids, content_index: 0, delta }
            : { type: 'response.output_text.delta', ...ids, content_index: 0, delta, logprobs: [] },
        );
      }
      push(
        isRefusal
          ? { type: 'response.refusal.done', ...ids, content_index: 0, refusal: generation.text }
          : { type: 'response.output_text.done', ...ids, content_index: 0, text: generation.text, logprobs: [] },
      );
      push({ type: 'response.content_part.done', ...ids, content_index: 0, part: contentPart(generation, generation.text) });
      push({
        type: 'response.output_item.done',
        output_index: outputIndex,
        item: outputItems(generation, { reasoning: null, message })[0],
      });
    }

    const final = this.response();
    push({ type: generation.status === 'completed' ? 'response.completed' : 'response.incomplete', response: final });
    return events;
  }
}
