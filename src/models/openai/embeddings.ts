/**
 * POST /v1/embeddings through the SDK, for both OpenAI providers. The SDK
 * asks for base64 unless told otherwise and decodes it into numbers itself;
 * OpenAI-compatible servers do not all speak base64, so that provider asks
 * for plain floats. A billed answer that is unusable (a vector missing, of
 * another length, not numbers) keeps its usage, so the ledger still records
 * what it cost.
 */
import type OpenAI from 'openai';
import { modelError } from '../../errors.js';
import type { EmbeddingRequest, EmbeddingResult } from '../provider.js';
import { withAttempt, type OpenAIClientOptions } from './client.js';
import { toModelError } from './errors.js';

export async function createEmbeddings(
  client: OpenAI,
  options: OpenAIClientOptions,
  request: EmbeddingRequest,
  encoding: 'sdk-default' | 'float',
): Promise<EmbeddingResult> {
  let response: OpenAI.Embeddings.CreateEmbeddingResponse;
  let requestId: string | null;
  try {
    ({ data: response, request_id: requestId } = await withAttempt(options, request.attemptId, (requestOptions) =>
      client.embeddings
        .create({ model: request.model, input: [...request.input], ...(encoding === 'float' ? { encoding_format: 'float' as const } : {}) }, requestOptions)
        .withResponse(),
    ));
  } catch (error) {
    throw toModelError(error, request.model);
  }
  const usage = { input: response.usage?.prompt_tokens ?? 0, cachedInput: 0, output: 0, reasoning: 0 };
  const context = { model: request.model, requestId, usage, rawUsage: response.usage };
  const vectors: (number[] | undefined)[] = new Array<number[] | undefined>(request.input.length);
  for (const item of response.data ?? []) {
    if (Number.isInteger(item.index) && item.index >= 0 && item.index < vectors.length) vectors[item.index] = item.embedding;
  }
  const dims = vectors[0]?.length ?? 0;
  const usable = vectors.every(
    (vector) => Array.isArray(vector) && vector.length === dims && dims > 0 && vector.every((value) => typeof value === 'number' && Number.isFinite(value)),
  );
  if (!usable) {
    throw modelError('MODEL_INVALID_OUTPUT', `${request.model} returned ${response.data?.length ?? 0} embeddings for ${request.input.length} texts, or vectors that are not numbers of one length`, {
      ...context,
      retryable: true,
    });
  }
  return { vectors: vectors as number[][], usage, rawUsage: response.usage, requestId, billed: true };
}
