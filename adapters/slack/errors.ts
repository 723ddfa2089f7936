/**
 * Slack's failures as PlatformErrors that keep Slack's own code: the
 * `error` string of an `ok: false` answer (`channel_not_found`,
 * `not_in_channel`, …), or the Web API client's code for a rate limit or a
 * request that never got an answer.
 */
import { PlatformError } from '../../src/errors.js';

interface WebApiFailure {
  code?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

export function slackError(error: unknown, what: string): PlatformError {
  if (PlatformError.isInstance(error)) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as WebApiFailure;
  const slackCode = typeof failure.data?.error === 'string' ? failure.data.error : null;
  const clientCode = typeof failure.code === 'string' ? failure.code : null;
  // Rate limits and requests that got no answer may work later; an `ok: false` answer will not.
  const retryable = clientCode === 'slack_webapi_rate_limited_error' || clientCode === 'slack_webapi_request_error';
  const detail = typeof failure.message === 'string' ? failure.message : String(error);
  return new PlatformError('slack', slackCode ?? clientCode, `${what}: ${detail}`, { cause: error, retryable });
}
