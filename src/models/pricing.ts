/**
 * Prices per 1M tokens and the cost formula. Every call is priced from the
 * `usage` its response reports; an unknown model is an error, never $0.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Nanos, TokenUsage } from '../domain/index.js';
import { ConfigError, PriceMissingError } from '../errors.js';

export interface ModelPrice {
  /** USD per 1M uncached input tokens. */
  input: number;
  /** USD per 1M input tokens served from the provider's prompt cache. */
  cachedInput: number;
  /** USD per 1M output tokens (reasoning tokens are billed as output). */
  output: number;
}

export interface PriceTable {
  version: string;
  prices: Record<string, ModelPrice>;
}

/**
 * OpenAI list prices as of 2026-11-24, USD per 1M tokens. Embedding models
 * bill input tokens only (no cache discount, no output): MODEL_EMBEDDINGS
 * defaults to text-embedding-3-small.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  version: 'openai-list-2026-11-24',
  prices: {
    'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25 },
    'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5 },
    'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15.0 },
    'text-embedding-3-small': { input: 0.02, cachedInput: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, cachedInput: 0.13, output: 0 },
  },
};

const priceFileSchema = z.object({
  version: z.string().min(1).optional(),
  models: z.record(
    z.string().min(1),
    z.object({
      input: z.number().nonnegative(),
      cached_input: z.number().nonnegative().optional(),
      output: z.number().nonnegative(),
    }),
  ),
});

/**
 * Reads a MODEL_PRICES file and lays it over the defaults:
 * `{"version": "...", "models": {"llama3.1": {"input": 0, "cached_input": 0, "output": 0}}}`.
 * Without `cached_input`, cached tokens are priced as input tokens.
 */
export function loadPriceTable(file: string | undefined): PriceTable {
  if (!file) return DEFAULT_PRICE_TABLE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError('MODEL_PRICES', `cannot read price file ${file}`, { cause });
  }
  let parsed: z.infer<typeof priceFileSchema>;
  try {
    parsed = priceFileSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw new ConfigError(
      'MODEL_PRICES',
      `${file} must be JSON like {"version":"2026-11","models":{"MODEL":{"input":0.2,"cached_input":0.02,"output":1.25}}} (USD per 1M tokens)`,
      { cause },
    );
  }
  const prices = { ...DEFAULT_PRICE_TABLE.prices };
  for (const [model, price] of Object.entries(parsed.models)) {
    prices[model] = { input: price.input, cachedInput: price.cached_input ?? price.input, output: price.output };
  }
  const version =
    parsed.version ?? `custom-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  return { version, prices };
}

export function priceFor(table: PriceTable, model: string): ModelPrice {
  // Own properties only: `constructor` is not a model.
  const price = Object.hasOwn(table.prices, model) ? table.prices[model] : undefined;
  if (!price) throw new PriceMissingError(model);
  return price;
}

/**
 * A price per 1M tokens as nano-dollars per token: $0.075 per 1M is 75. Rounded
 * to a thousandth of a nano-dollar, so a price with up to three decimals (every
 * list price) gives a whole number, whatever the binary fraction of the dollars.
 */
function nanosPerToken(usdPerMillion: number): number {
  return Math.round(usdPerMillion * 1_000_000) / 1_000;
}

/**
 * (input − cached) × input price + cached × cached price + output × output price,
 * in whole nano-dollars. Reasoning tokens are already inside `output`: never
 * add them again. With list prices (three decimals at most) every product is
 * an integer and the result exact; a custom price with more decimals is rounded
 * once per call, to the nearest nano-dollar.
 */
export function costNanos(usage: TokenUsage, price: ModelPrice): Nanos {
  const cached = Math.min(usage.cachedInput, usage.input);
  const uncached = usage.input - cached;
  return Math.round(uncached * nanosPerToken(price.input) + cached * nanosPerToken(price.cachedInput) + usage.output * nanosPerToken(price.output));
}
