/**
 * How the gateway treats a failed attempt: whether to try again, after how
 * long, and what the attempt cost when the provider did not say.
 */
import { ZERO_USAGE } from '../domain/index.js';
import { ModelError, ModelTransientError } from '../errors.js';
import type { AttemptResult } from '../store/types.js';
import { costNanos, type ModelPrice } from './pricing.js';

export interface RetryPolicy {
  /** Retries after the first attempt, for rate limits, server errors, timeouts and broken connections. */
  maxRetries: number;
  /** First backoff; doubles each retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000 };
/** A provider's retry-after is honoured up to this long; beyond it, the attempt fails. */
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Failures worth another attempt on the same model: the network or the
 * provider's load. A model's unusable answer is not (run-stage tries a
 * pricier tier), nor a configuration problem (a person must fix it).
 */
export function isTransient(failure: ModelError): boolean {
  return ModelTransientError.isInstance(failure) && failure.retryable;
}

/**
 * A provider turns what its SDK throws into ModelErrors; anything else that
 * reaches here is unexpected. The request may have been sent, so it is
 * priced at its worst case and not retried.
 */
export function unexpected(error: unknown, model: string): ModelError {
  if (ModelError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ModelTransientError('MODEL_API_ERROR', `${model} call failed: ${message}`, { model, retryable: false, billing: 'unknown', cause: error });
}

/** What a failed attempt cost: its reported usage, nothing, or (usage unknown) its worst case. */
export function failureCost(failure: ModelError, price: ModelPrice, worstCaseNanos: number): Pick<AttemptResult, 'usage' | 'costNanos' | 'costBasis'> {
  const usage = failure.details.usage;
  if (usage) return { usage, costNanos: costNanos(usage, price), costBasis: 'usage' };
  if (failure.details.billing === 'none') return { usage: ZERO_USAGE, costNanos: 0, costBasis: 'usage' };
  return { usage: ZERO_USAGE, costNanos: worstCaseNanos, costBasis: 'worst_case' };
}

/** Exponential backoff with full jitter, or the provider's retry-after; null when that is too long to wait. */
export function backoffMs(retry: RetryPolicy, attempt: number, retryAfterMs: number | null, random: () => number): number | null {
  if (retryAfterMs !== null) return retryAfterMs > MAX_RETRY_AFTER_MS ? null : retryAfterMs;
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
