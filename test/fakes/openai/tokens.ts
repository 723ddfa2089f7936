/**
 * Token estimates and the simulated provider prompt cache of the default
 * `chars` counting (token-counting.ts has the o200k one).
 *
 * Tokens are estimated as ceil(chars / 4). The prompt cache follows the documented behaviour:
 * a prefix of at least 1024 tokens seen before (per model) is served from cache, in
 * increments of 128 tokens.
 */

export const CACHE_MIN_PREFIX_TOKENS = 1024;
export const CACHE_INCREMENT_TOKENS = 128;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export class PromptCache {
  readonly #seen = new Map<string, Set<string>>();

  /**
   * Returns the cached token count for this prefix and remembers it for later calls.
   * Prefixes shorter than 1024 tokens are never cached.
   */
  lookupAndStore(model: string, prefix: string): number {
    const prefixTokens = estimateTokens(prefix);
    if (prefixTokens < CACHE_MIN_PREFIX_TOKENS) return 0;
    let prefixes = this.#seen.get(model);
    if (!prefixes) {
      prefixes = new Set();
      this.#seen.set(model, prefixes);
    }
    const hit = prefixes.has(prefix);
    prefixes.add(prefix);
    return hit ? Math.floor(prefixTokens / CACHE_INCREMENT_TOKENS) * CACHE_INCREMENT_TOKENS : 0;
  }

  clear(): void {
    this.#seen.clear();
  }
}
