/**
 * Maps the SDK's errors onto our ModelError codes, keeping the cause. A
 * configuration problem (bad key) is kept apart from model misbehaviour.
 * Each failure also says whether the provider may have billed it: an HTTP
 * error answer or a refused connection was not billed; a timeout or a
 * connection lost mid-answer may have been (the model may have run).
 */
import OpenAI from 'openai';
import { ModelError, modelError, TriageError } from '../../errors.js';
import { scrubSecrets } from '../../policy/redaction.js';

function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const seconds = headers?.get('retry-after');
  if (seconds && Number.isFinite(Number(seconds))) return Number(seconds) * 1000;
  return null;
}

/** Socket errors that mean the request never reached the provider. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Walks the cause chain for a socket error code saying the request was never sent. */
function neverSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NEVER_SENT.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function toModelError(error: unknown, model: string): ModelError {
  if (ModelError.isInstance(error)) return error;
  if (TriageError.isInstance(error)) {
    return modelError('MODEL_API_ERROR', error.message, { model, retryable: false, billing: 'none', cause: error });
  }
  const message = scrubSecrets(error instanceof Error ? error.message : String(error));
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) {
    return modelError('MODEL_TIMEOUT', `${model} did not answer in time`, { model, retryable: true, billing: 'unknown', cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return modelError('MODEL_CONNECTION_FAILED', `cannot reach the model API: ${message}`, {
      model,
      retryable: true,
      billing: neverSent(error) ? 'none' : 'unknown',
      cause: error,
    });
  }
  if (error instanceof OpenAI.RateLimitError) {
    return modelError('MODEL_RATE_LIMITED', `${model} is rate limited: ${message}`, {
      model,
      retryable: true,
      requestId: error.requestID ?? null,
      retryAfterMs: retryAfterMs(error.headers),
      billing: 'none',
      cause: error,
    });
  }
  if (error instanceof OpenAI.NotFoundError && (error.code === 'model_not_found' || /model/i.test(message))) {
    return modelError('MODEL_NOT_FOUND', `the model API does not know the model "${model}": ${message}`, {
      model,
      retryable: false,
      requestId: error.requestID ?? null,
      billing: 'none',
      cause: error,
    });
  }
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return modelError('MODEL_AUTH_FAILED', `the model API refused our credentials (check OPENAI_API_KEY): ${message}`, {
      model,
      retryable: false,
      requestId: error.requestID ?? null,
      billing: 'none',
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError) {
    return modelError('MODEL_API_ERROR', `${model} failed with HTTP ${String(error.status ?? '?')}: ${message}`, {
      model,
      retryable: typeof error.status === 'number' && error.status >= 500,
      requestId: error.requestID ?? null,
      // An HTTP error answer was not billed; an APIError without a status is a broken connection.
      billing: typeof error.status === 'number' ? 'none' : 'unknown',
      cause: error,
    });
  }
  // A 200 whose body is not JSON surfaces as a SyntaxError from the SDK.
  if (error instanceof SyntaxError) {
    return modelError('MODEL_BAD_RESPONSE', `${model} returned a body that is not JSON`, {
      model,
      retryable: true,
      billing: 'unknown',
      cause: error,
    });
  }
  // Anything else (a body that stopped mid-read, say): the model may have run.
  return modelError('MODEL_BAD_RESPONSE', `${model} call failed: ${message}`, { model, retryable: true, billing: 'unknown', cause: error });
}
