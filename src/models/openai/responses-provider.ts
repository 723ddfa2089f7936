/**
 * OpenAI's Responses API with structured outputs from the stage's zod schema.
 * The static prompt goes in `instructions` and comes first, so the provider's
 * prompt cache serves it; the customer text goes last, in the user role.
 */
import type OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { modelError } from '../../errors.js';
import type { EmbeddingRequest, EmbeddingResult, ModelProvider, ModelRequest, ModelResult } from '../provider.js';
import { withAttempt, type OpenAIClientOptions } from './client.js';
import { createEmbeddings } from './embeddings.js';
import { toModelError } from './errors.js';
import { parseStructuredOutput } from './parse-output.js';
import { fromResponsesUsage } from './usage.js';

export class OpenAIResponsesProvider implements ModelProvider {
  readonly name = 'openai';
  readonly capabilities = { bills: true, judgesDrafts: true };

  constructor(
    private readonly client: OpenAI,
    private readonly options: OpenAIClientOptions,
  ) {}

  /** GET /v1/models/{model}: free, and answers 401 for a bad key and 404 for an unknown model. */
  async checkModel(model: string): Promise<void> {
    try {
      await withAttempt(this.options, undefined, ({ signal }) => this.client.models.retrieve(model, { signal }));
    } catch (error) {
      throw toModelError(error, model);
    }
  }

  /** POST /v1/embeddings (see embeddings.ts). */
  embed(request: EmbeddingRequest): Promise<EmbeddingResult> {
    return createEmbeddings(this.client, this.options, request, 'sdk-default');
  }

  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    let response: OpenAI.Responses.Response;
    let requestId: string | null;
    try {
      ({ data: response, request_id: requestId } = await withAttempt(this.options, request.attemptId, (requestOptions) =>
        this.client.responses
          .create(
            {
              model: request.model,
              instructions: request.prompt.system,
              input: [{ role: 'user', content: request.prompt.user }],
              text: { format: zodTextFormat(request.schema as never, request.schemaName) },
              max_output_tokens: request.maxOutputTokens,
              reasoning: { effort: request.reasoningEffort as never },
              // Nothing about customers is kept on the provider's side.
              store: false,
            },
            requestOptions,
          )
          .withResponse(),
      ));
    } catch (error) {
      throw toModelError(error, request.model);
    }

    const usage = fromResponsesUsage(response.usage);
    const context = { model: request.model, requestId, usage, rawUsage: response.usage };

    // `create` does not throw on an incomplete response: check the status.
    if (response.status === 'incomplete') {
      throw modelError(
        'MODEL_INCOMPLETE',
        `${request.model} stopped early (${response.incomplete_details?.reason ?? 'unknown reason'})`,
        { ...context, retryable: false },
      );
    }
    if (response.status === 'failed') {
      throw modelError('MODEL_API_ERROR', `${request.model} failed: ${response.error?.message ?? 'no detail'}`, {
        ...context,
        retryable: true,
      });
    }
    for (const item of response.output) {
      if (item.type !== 'message') continue;
      for (const part of item.content) {
        if (part.type === 'refusal') {
          throw modelError('MODEL_REFUSED', `${request.model} refused: ${part.refusal}`, { ...context, retryable: false });
        }
      }
    }
    const output = parseStructuredOutput(response.output_text, request.schema, context);
    return { output, usage, rawUsage: response.usage, requestId: context.requestId, billed: true };
  }
}
