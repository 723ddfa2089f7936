import { createHash } from 'node:crypto';
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { CACHE_INCREMENT_TOKENS, CACHE_MIN_PREFIX_TOKENS, estimateTokens, PromptCache } from './tokens.js';

/**
 * How the fake counts tokens, for usage and for the prompt cache.
 *
 * `chars` (the default, what every existing test relies on): ceil(chars / 4),
 * and the cache serves the static prefix (schema + system) once seen whole.
 *
 * `o200k`: the GPT-5 family's real tokenizer (gpt-tokenizer), and the cache
 * as documented: the longest prefix of the whole prompt seen before on the
 * same model, once it is 1,024 tokens or more, counted in 128-token steps.
 * The prompt is read in the order the provider assembles it: the structured
 * output schema first (OpenAI documents it as a prefix of the system
 * message), then instructions and system messages, then user messages, then
 * any other turns. So a per-ticket block placed before a static one keeps the
 * static one out of the cache, as it would on the real API. Not modelled: the
 * cache's expiry after minutes of idleness, and the overflow to uncached
 * machines past about 15 requests a minute on one prefix.
 */
export type TokenizerKind = 'chars' | 'o200k';

/** The parts of a prompt, in the order the provider reads them. */
export interface PromptParts {
  schema: string;
  system: string;
  user: string;
  other: string;
}

export interface TokenCounter {
  readonly kind: TokenizerKind;
  count(text: string): number;
  /** The first `tokens` tokens of `text` (an answer cut at max_output_tokens). */
  truncate(text: string, tokens: number): string;
  /** Input tokens of the prompt, and how many of them the cache serves (remembering this prompt for later calls). */
  prompt(model: string, parts: PromptParts): { inputTokens: number; cachedTokens: number };
  clear(): void;
}

// Customer text may contain "<|endoftext|>": it is text to the API, never a control token.
const AS_TEXT = { disallowedSpecial: new Set<string>() };

function o200k(text: string): number[] {
  return text.length === 0 ? [] : encode(text, AS_TEXT);
}

class CharsCounter implements TokenCounter {
  readonly kind = 'chars';
  readonly #cache = new PromptCache();

  count(text: string): number {
    return estimateTokens(text);
  }

  truncate(text: string, tokens: number): string {
    return text.slice(0, Math.max(0, tokens) * 4);
  }

  prompt(model: string, parts: PromptParts): { inputTokens: number; cachedTokens: number } {
    return {
      inputTokens: estimateTokens(parts.system + parts.user + parts.other + parts.schema),
      cachedTokens: this.#cache.lookupAndStore(model, parts.system + parts.schema),
    };
  }

  clear(): void {
    this.#cache.clear();
  }
}

/**
 * The o200k prompt cache: for every prompt, the hash of each prefix that ends
 * on a cacheable boundary (1,024, 1,152, 1,280 … tokens) is remembered per
 * model. A later prompt is served up to its longest boundary whose prefix was
 * seen. Each hash chains the previous one, so a boundary's hash covers every
 * token before it.
 */
class O200kCounter implements TokenCounter {
  readonly kind = 'o200k';
  readonly #seen = new Map<string, Set<string>>();

  count(text: string): number {
    return o200k(text).length;
  }

  truncate(text: string, tokens: number): string {
    return decode(o200k(text).slice(0, Math.max(0, tokens)));
  }

  prompt(model: string, parts: PromptParts): { inputTokens: number; cachedTokens: number } {
    const ids = o200k([parts.schema, parts.system, parts.user, parts.other].filter((part) => part.length > 0).join('\n'));
    let seen = this.#seen.get(model);
    if (!seen) {
      seen = new Set();
      this.#seen.set(model, seen);
    }
    let cachedTokens = 0;
    let stillCached = true;
    let chain = createHash('sha256').update(Uint32Array.from(ids.slice(0, CACHE_MIN_PREFIX_TOKENS - CACHE_INCREMENT_TOKENS))).digest('hex');
    for (let end = CACHE_MIN_PREFIX_TOKENS; end <= ids.length; end += CACHE_INCREMENT_TOKENS) {
      const block = Uint32Array.from(ids.slice(end - CACHE_INCREMENT_TOKENS, end));
      chain = createHash('sha256').update(chain).update(block).digest('hex');
      if (stillCached && seen.has(chain)) cachedTokens = end;
      else stillCached = false;
      seen.add(chain);
    }
    return { inputTokens: ids.length, cachedTokens };
  }

  clear(): void {
    this.#seen.clear();
  }
}

export function tokenCounter(kind: TokenizerKind = 'chars'): TokenCounter {
  return kind === 'o200k' ? new O200kCounter() : new CharsCounter();
}
