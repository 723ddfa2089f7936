import type { ServerResponse } from 'node:http';
import { DEFAULT_EMBEDDING_DIMS, embedText } from './embedding-model.js';
import * as errors from './errors.js';
import { sendCutJson, sendError, sendRaw, wait } from './http.js';
import { estimateTokens } from './tokens.js';
import type { BilledAttempt, Fault } from './types.js';

/**
 * POST /v1/embeddings in the documented shape:
 * `{object: 'list', data: [{object: 'embedding', index, embedding}], model, usage: {prompt_tokens, total_tokens}}`.
 * `embedding` is an array of numbers, or with `encoding_format: 'base64'`
 * (what the SDK asks for unless told otherwise, decoding it itself) the
 * little-endian float32 bytes in base64. `dimensions` shortens the vectors
 * as text-embedding-3 models do; the default is DEFAULT_EMBEDDING_DIMS.
 * Vectors come from embedding-model.ts (deterministic, see why there).
 *
 * Faults are the generation endpoints' (queued with `failNext`, or random):
 * 429 and 500 bill nothing; `timeout` holds before the model runs;
 * `malformed_json`, `lost_response` and `cut_body` bill and then break the
 * answer; `invalid_output` bills and returns one vector too few; `refusal`
 * and `incomplete` mean nothing here and are answered normally. Scripts
 * (`fake.script`) decide generations only and are not asked.
 */

type Json = Record<string, unknown>;

export interface EmbeddingsContext {
  latencyMs: number;
  fault: Fault | undefined;
  signal: AbortSignal;
  bill(usage: BilledAttempt['usage'], delivery: BilledAttempt['delivery']): void;
}

/** The inputs as texts, or an error answer for a body the real API refuses. */
export function readEmbeddingInputs(body: Json): string[] | errors.ApiErrorResponse {
  const input = body.input;
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((item) => typeof item === 'string') ? (input as string[]) : null;
  if (texts === null) {
    if (input === undefined) return errors.missingParameter('input');
    return errors.invalidParameter('input', "'$.input' is invalid: the fake takes a string or an array of strings (token arrays are not supported here).");
  }
  if (texts.length === 0 || texts.length > 2048) return errors.invalidParameter('input', `'$.input' must hold 1 to 2048 texts, got ${texts.length}.`);
  if (texts.some((text) => text === '')) return errors.invalidParameter('input', "'$.input' is invalid. Please check the API reference: an input must not be an empty string.");
  const format = body.encoding_format;
  if (format !== undefined && format !== 'float' && format !== 'base64') return errors.invalidParameter('encoding_format', `'${String(format)}' is not one of ['float', 'base64'].`);
  const dims = body.dimensions;
  if (dims !== undefined && !(typeof dims === 'number' && Number.isInteger(dims) && dims >= 1 && dims <= 3072)) return errors.invalidParameter('dimensions', 'dimensions must be an integer from 1 to 3072.');
  return texts;
}

function encode(vector: number[], format: unknown): number[] | string {
  if (format !== 'base64') return vector;
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

export async function answerEmbeddings(res: ServerResponse, startedAt: number, body: Json, texts: string[], context: EmbeddingsContext): Promise<void> {
  const model = String(body.model);
  const { signal } = context;
  if (!(await wait(context.latencyMs, signal))) return;
  let fault = context.fault;
  if (fault?.kind === 'timeout') {
    if (!(await wait(fault.ms ?? null, signal))) return;
    fault = undefined;
  }
  if (signal.aborted) return;
  if (fault?.kind === 'rate_limit') return sendError(res, startedAt, errors.rateLimited(model, fault.retryAfterSeconds ?? 1));
  if (fault?.kind === 'server_error') return sendError(res, startedAt, errors.serverError());

  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  const usage = { input_tokens: tokens, cached_tokens: 0, output_tokens: 0, reasoning_tokens: 0 };
  const dims = typeof body.dimensions === 'number' ? body.dimensions : DEFAULT_EMBEDDING_DIMS;
  const returned = fault?.kind === 'invalid_output' ? texts.slice(0, -1) : texts;
  const answer = {
    object: 'list',
    data: returned.map((text, index) => ({ object: 'embedding', index, embedding: encode(embedText(text, dims), body.encoding_format) })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };

  if (fault?.kind === 'malformed_json') {
    context.bill(usage, 'malformed');
    return sendRaw(res, startedAt, 200, '{"object": "list", "data": [{"object": "embedding", "index": 0, "embedd');
  }
  if (fault?.kind === 'lost_response') {
    context.bill(usage, 'lost');
    await wait(null, signal);
    return;
  }
  const cut = fault?.kind === 'cut_body';
  context.bill(usage, cut ? 'cut' : 'complete');
  const text = JSON.stringify(answer);
  return cut ? sendCutJson(res, startedAt, text) : sendRaw(res, startedAt, 200, text);
}
