/**
 * Chat Completions with `response_format: json_schema`, for OpenAI-compatible
 * servers (Ollama, vLLM, Azure's v1 endpoint). Same contract as the
 * Responses provider; reasoning effort is not sent (few servers accept it).
 */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { modelError } from '../../errors.js';
import type { EmbeddingRequest, EmbeddingResult, ModelProvider, ModelRequest, ModelResult } from '../provider.js';
import { withAttempt, type OpenAIClientOptions } from './client.js';
import { createEmbeddings } from './embeddings.js';
import { toModelError } from './errors.js';
import { parseStructuredOutput } from './parse-output.js';
import { fromChatUsage } from './usage.js';

export class OpenAIChatProvider implements ModelProvider {
  readonly name = 'openai-compatible';
  readonly capabilities = { bills: true, judgesDrafts: true };

  constructor(
    private readonly client: OpenAI,
    private readonly options: OpenAIClientOptions,
  ) {}

  /**
   * GET /v1/models, and the model among them. OpenAI-compatible servers differ
   * in what else they serve; one without a models list cannot be checked,
   * which is no reason to refuse to start.
   */
  async checkModel(model: string): Promise<void> {
    const ids: string[] = [];
    try {
      await withAttempt(this.options, undefined, async ({ signal }) => {
        for await (const entry of this.client.models.list({ signal })) ids.push(entry.id);
      });
    } catch (error) {
      // No models list here (404 / 405): nothing to check against.
      if (error instanceof OpenAI.APIError && (error.status === 404 || error.status === 405)) return;
      throw toModelError(error, model);
    }
    if (!ids.includes(model)) {
      throw modelError('MODEL_NOT_FOUND', `the server at ${this.options.baseUrl ?? 'OPENAI_BASE_URL'} does not list the model "${model}" (it has ${ids.slice(0, 8).join(', ') || 'none'})`, {
        model,
        retryable: false,
        billing: 'none',
      });
    }
  }

  /** POST /v1/embeddings (see embeddings.ts). */
  embed(request: EmbeddingRequest): Promise<EmbeddingResult> {
    return createEmbeddings(this.client, this.options, request, 'float');
  }

  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    let requestId: string | null;
    try {
      ({ data: completion, request_id: requestId } = await withAttempt(this.options, request.attemptId, (requestOptions) =>
        this.client.chat.completions
          .create(
            {
              model: request.model,
              messages: [
                { role: 'system', content: request.prompt.system },
                { role: 'user', content: request.prompt.user },
              ],
              response_format: zodResponseFormat(request.schema as never, request.schemaName),
              // `max_tokens` is what most compatible servers understand.
              max_tokens: request.maxOutputTokens,
            },
            requestOptions,
          )
          .withResponse(),
      ));
    } catch (error) {
      throw toModelError(error, request.model);
    }

    const usage = fromChatUsage(completion.usage);
    const context = { model: request.model, requestId, usage, rawUsage: completion.usage };
    const choice = completion.choices[0];
    if (!choice) {
      throw modelError('MODEL_INVALID_OUTPUT', `${request.model} returned no choices`, { ...context, retryable: true });
    }
    if (choice.message.refusal) {
      throw modelError('MODEL_REFUSED', `${request.model} refused: ${choice.message.refusal}`, {
        ...context,
        retryable: false,
      });
    }
    if (choice.finish_reason === 'length') {
      throw modelError('MODEL_INCOMPLETE', `${request.model} stopped early (max output tokens)`, {
        ...context,
        retryable: false,
      });
    }
    const output = parseStructuredOutput(choice.message.content ?? '', request.schema, context);
    return { output, usage, rawUsage: completion.usage, requestId: context.requestId, billed: true };
  }
}
