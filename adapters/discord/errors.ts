/**
 * Discord's failures as PlatformErrors that keep Discord's own code: the
 * numeric JSON error code of an API error (10003 Unknown Channel, 50001
 * Missing Access, …), or the HTTP status when there is none.
 */
import { PlatformError } from '../../src/errors.js';

interface RestFailure {
  code?: unknown;
  status?: unknown;
  message?: unknown;
}

export function discordError(error: unknown, what: string): PlatformError {
  if (PlatformError.isInstance(error)) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as RestFailure;
  const code = typeof failure.code === 'number' ? failure.code : typeof failure.status === 'number' ? failure.status : null;
  const status = typeof failure.status === 'number' ? failure.status : null;
  // Rate limits and server errors may work later; a refusal (4xx) will not.
  const retryable = status === null || status === 429 || status >= 500;
  const detail = typeof failure.message === 'string' ? failure.message : String(error);
  return new PlatformError('discord', code, `${what}: ${detail}`, { cause: error, retryable });
}
