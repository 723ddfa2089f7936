import { bucketHash } from './ids.js';

/**
 * Rate-limit headers as Discord documents them: every response carries its bucket's state, and a
 * 429 adds Retry-After (whole seconds, rounded up, as in Discord's examples) and X-RateLimit-Scope
 * (+ X-RateLimit-Global for the global limit), with `{ message, retry_after, global }` as the body.
 */

const ROOMY_LIMIT = 50;

function seconds(value: number): string {
  return value.toFixed(3);
}

/** Headers for an answered request: a roomy bucket that never runs out on its own. */
export function bucketHeaders(method: string, route: string): Record<string, string> {
  return {
    'x-ratelimit-limit': String(ROOMY_LIMIT),
    'x-ratelimit-remaining': String(ROOMY_LIMIT - 1),
    'x-ratelimit-reset': seconds(Date.now() / 1000 + 1),
    'x-ratelimit-reset-after': '1.000',
    'x-ratelimit-bucket': bucketHash(method, route),
  };
}

export interface RateLimitResponse {
  headers: Record<string, string>;
  body: { message: string; retry_after: number; global: boolean };
}

export function rateLimited(method: string, route: string, retryAfter: number, global: boolean, scope: 'user' | 'shared'): RateLimitResponse {
  const retryHeader = String(Math.max(Math.ceil(retryAfter), 0));
  if (global) {
    return {
      headers: { 'retry-after': retryHeader, 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true },
    };
  }
  const shared = scope === 'shared';
  return {
    headers: {
      'retry-after': retryHeader,
      'x-ratelimit-limit': String(ROOMY_LIMIT),
      // A shared (per-resource) limit is not the bucket running out, so the bucket still has room.
      'x-ratelimit-remaining': shared ? String(ROOMY_LIMIT - 1) : '0',
      'x-ratelimit-reset': seconds(Date.now() / 1000 + retryAfter),
      'x-ratelimit-reset-after': seconds(retryAfter),
      'x-ratelimit-bucket': bucketHash(method, route),
      'x-ratelimit-scope': scope,
    },
    body: { message: shared ? 'The resource is being rate limited.' : 'You are being rate limited.', retry_after: retryAfter, global: false },
  };
}
