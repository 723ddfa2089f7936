import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TokenUsage } from '../src/domain/index.js';
import { ConfigError, ModelError, modelError, PriceMissingError, StoreError, TriageError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import { ModelGateway, type GatewayCall } from '../src/models/model-gateway.js';
import {
  DEFAULT_PRICE_TABLE,
  costNanos,
  loadPriceTable,
  priceFor,
  type ModelPrice,
  type PriceTable,
} from '../src/models/pricing.js';
import type { ModelProvider, ModelRequest, ModelResult } from '../src/models/provider.js';
import { TierRegistry } from '../src/models/tiers.js';
import { ALL_TIME } from '../src/store/spend-sums.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { ModelCallRepository, Store } from '../src/store/types.js';

const DEFAULT_MODELS = { nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' } as const;

function usage(input: number, cachedInput: number, output: number, reasoning = 0): TokenUsage {
  return { input, cachedInput, output, reasoning };
}

describe('costNanos', () => {
  const price: ModelPrice = { input: 2, cachedInput: 0.5, output: 10 };

  it('prices uncached input, cached input and output per 1M tokens, in whole nano-dollars', () => {
    // (1000 − 400) × 2,000 + 400 × 500 + 300 × 10,000 = 1,200,000 + 200,000 + 3,000,000 nano-dollars
    expect(costNanos(usage(1000, 400, 300), price)).toBe(4_400_000);
  });

  it('is the formula (input − cached) × in + cached × cached + output × out, exactly', () => {
    const cases: [number, number, number][] = [
      [0, 0, 0],
      [1_000_000, 0, 0],
      [0, 0, 1_000_000],
      [1_000_000, 1_000_000, 0],
      [12_345, 6_789, 4_321],
      [2_000, 1_024, 17],
    ];
    for (const [input, cached, output] of cases) {
      const expected = (input - cached) * 2_000 + cached * 500 + output * 10_000;
      expect(costNanos(usage(input, cached, output), price)).toBe(expected);
    }
  });

  it('charges one million uncached input tokens exactly the input price', () => {
    expect(costNanos(usage(1_000_000, 0, 0), price)).toBe(2e9);
    expect(costNanos(usage(1_000_000, 1_000_000, 0), price)).toBe(0.5e9);
    expect(costNanos(usage(0, 0, 1_000_000), price)).toBe(10e9);
  });

  it('does not add reasoning tokens again (they are inside output)', () => {
    const without = costNanos(usage(5_000, 1_000, 800, 0), price);
    const withReasoning = costNanos(usage(5_000, 1_000, 800, 600), price);
    expect(withReasoning).toBe(without);
  });

  it('never prices cached tokens beyond the input count', () => {
    // A provider reporting more cached than input tokens must not produce a negative uncached count.
    expect(costNanos(usage(100, 150, 0), price)).toBe(100 * 500);
  });

  it('uses the default prices from DESIGN.md', () => {
    const nano = priceFor(DEFAULT_PRICE_TABLE, 'gpt-5.4-nano');
    // 1M input of which 500k cached + 1M output on nano: $0.10 + $0.01 + $1.25
    expect(costNanos(usage(1_000_000, 500_000, 1_000_000), nano)).toBe(1_360_000_000);
  });

  it('keeps every list price a whole number per token, so sums of calls are exact', () => {
    // gpt-5.4-mini's cached input, $0.075 per 1M, is 75 nano-dollars a token; 0.075 is not exact in binary.
    const mini = priceFor(DEFAULT_PRICE_TABLE, 'gpt-5.4-mini');
    expect(costNanos(usage(1, 1, 0), mini)).toBe(75);
    let total = 0;
    for (let i = 0; i < 10_000; i++) total += costNanos(usage(1_537, 1_024, 211), mini);
    expect(total).toBe(10_000 * (513 * 750 + 1_024 * 75 + 211 * 4_500));
    expect(Number.isSafeInteger(total)).toBe(true);
  });

  it('rounds a custom price with more than three decimals once per call, to the nearest nano-dollar', () => {
    expect(costNanos(usage(3, 0, 0), { input: 0.0001, cachedInput: 0, output: 0 })).toBe(0);
    expect(costNanos(usage(7, 0, 0), { input: 0.0001, cachedInput: 0, output: 0 })).toBe(1);
  });
});

describe('price table', () => {
  it('has the documented default prices', () => {
    expect(DEFAULT_PRICE_TABLE.prices['gpt-5.4-nano']).toEqual({ input: 0.2, cachedInput: 0.02, output: 1.25 });
    expect(DEFAULT_PRICE_TABLE.prices['gpt-5.4-mini']).toEqual({ input: 0.75, cachedInput: 0.075, output: 4.5 });
    expect(DEFAULT_PRICE_TABLE.prices['gpt-5.4']).toEqual({ input: 2.5, cachedInput: 0.25, output: 15 });
    expect(DEFAULT_PRICE_TABLE.version.length).toBeGreaterThan(0);
  });

  it('priceFor an unknown model throws PriceMissingError', () => {
    let caught: unknown;
    try {
      priceFor(DEFAULT_PRICE_TABLE, 'gpt-9-ultra');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PriceMissingError);
    const error = caught as PriceMissingError;
    expect(error.code).toBe('PRICE_MISSING');
    expect(error.model).toBe('gpt-9-ultra');
    expect(error.message).toContain('gpt-9-ultra');
    expect(error.message).toContain('MODEL_PRICES');
    expect(TriageError.isInstance(error)).toBe(true);
  });

  it('does not match a model name loosely', () => {
    expect(() => priceFor(DEFAULT_PRICE_TABLE, 'gpt-5.4-nano ')).toThrow(PriceMissingError);
    expect(() => priceFor(DEFAULT_PRICE_TABLE, 'GPT-5.4')).toThrow(PriceMissingError);
  });

  // BUG (src/models/pricing.ts priceFor): `table.prices[model]` reads inherited
  // keys, so MODEL_NANO=constructor "has a price" (a function) and costs NaN.
  it('does not treat Object.prototype keys as prices', () => {
    expect(() => priceFor(DEFAULT_PRICE_TABLE, 'constructor')).toThrow(PriceMissingError);
    expect(() => priceFor(DEFAULT_PRICE_TABLE, 'toString')).toThrow(PriceMissingError);
  });
});

describe('loadPriceTable', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'triage-prices-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: string): string {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  }

  function configError(file: string): ConfigError {
    try {
      loadPriceTable(file);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error(`loadPriceTable accepted ${file}`);
  }

  it('returns the default table without a file', () => {
    expect(loadPriceTable(undefined)).toBe(DEFAULT_PRICE_TABLE);
    expect(loadPriceTable('')).toBe(DEFAULT_PRICE_TABLE);
  });

  it('overrides and extends the defaults', () => {
    const file = write(
      'prices.json',
      JSON.stringify({
        version: 'team-2026-12',
        models: {
          'gpt-5.4-nano': { input: 0.1, cached_input: 0.01, output: 1 },
          'llama3.1': { input: 0, cached_input: 0, output: 0 },
        },
      }),
    );
    const table = loadPriceTable(file);
    expect(table.version).toBe('team-2026-12');
    expect(table.prices['gpt-5.4-nano']).toEqual({ input: 0.1, cachedInput: 0.01, output: 1 });
    expect(table.prices['llama3.1']).toEqual({ input: 0, cachedInput: 0, output: 0 });
    // Untouched defaults remain.
    expect(table.prices['gpt-5.4']).toEqual(DEFAULT_PRICE_TABLE.prices['gpt-5.4']);
    // The default table itself is not mutated.
    expect(DEFAULT_PRICE_TABLE.prices['gpt-5.4-nano']).toEqual({ input: 0.2, cachedInput: 0.02, output: 1.25 });
    expect(DEFAULT_PRICE_TABLE.prices['llama3.1']).toBeUndefined();
  });

  it('prices cached input as input when cached_input is absent', () => {
    const file = write('prices.json', JSON.stringify({ version: 'v1', models: { local: { input: 0.3, output: 0.9 } } }));
    expect(loadPriceTable(file).prices.local).toEqual({ input: 0.3, cachedInput: 0.3, output: 0.9 });
  });

  it('derives a stable version from the content when none is given', () => {
    const a = write('a.json', JSON.stringify({ models: { local: { input: 1, output: 2 } } }));
    const b = write('b.json', JSON.stringify({ models: { local: { input: 1, output: 2 } } }));
    const c = write('c.json', JSON.stringify({ models: { local: { input: 1, output: 3 } } }));
    const versionA = loadPriceTable(a).version;
    expect(versionA).toMatch(/^custom-[0-9a-f]{12}$/);
    expect(loadPriceTable(b).version).toBe(versionA);
    expect(loadPriceTable(c).version).not.toBe(versionA);
    expect(versionA).not.toBe(DEFAULT_PRICE_TABLE.version);
  });

  it('rejects a file that is not JSON', () => {
    const error = configError(write('bad.json', '{ "models": '));
    expect(error.variable).toBe('MODEL_PRICES');
    expect(error.message).toMatch(/^MODEL_PRICES: .*must be JSON like/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ['no models', { version: 'x' }],
    ['a negative price', { models: { m: { input: -1, output: 1 } } }],
    ['a price given as a string', { models: { m: { input: '0.2', output: 1 } } }],
    ['a missing output price', { models: { m: { input: 0.2 } } }],
    ['an array root', [1, 2]],
  ])('rejects a file with %s', (_name, content) => {
    const error = configError(write('shape.json', JSON.stringify(content)));
    expect(error.variable).toBe('MODEL_PRICES');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('USD per 1M tokens');
  });

  it('rejects a missing file, naming MODEL_PRICES and the path', () => {
    const missing = join(dir, 'nope.json');
    const error = configError(missing);
    expect(error.variable).toBe('MODEL_PRICES');
    expect(error.message).toContain(missing);
    expect(error.cause).toBeDefined();
  });
});

describe('TierRegistry', () => {
  it('maps each tier to its model and price', () => {
    const registry = new TierRegistry({ ...DEFAULT_MODELS }, DEFAULT_PRICE_TABLE);
    expect(registry.get('nano')).toEqual({ tier: 'nano', model: 'gpt-5.4-nano', price: DEFAULT_PRICE_TABLE.prices['gpt-5.4-nano'] });
    expect(registry.get('flagship').model).toBe('gpt-5.4');
    expect(registry.all().map((entry) => entry.tier)).toEqual(['nano', 'mini', 'flagship']);
    expect(registry.priceTable).toBe(DEFAULT_PRICE_TABLE);
  });

  it('throws at construction for a model without a price', () => {
    expect(() => new TierRegistry({ ...DEFAULT_MODELS, mini: 'mystery-model' }, DEFAULT_PRICE_TABLE)).toThrow(PriceMissingError);
    expect(() => new TierRegistry({ ...DEFAULT_MODELS, mini: 'mystery-model' }, DEFAULT_PRICE_TABLE)).toThrow(/mystery-model/);
  });

  it('accepts a model priced by a custom table', () => {
    const table: PriceTable = {
      version: 'local',
      prices: { ...DEFAULT_PRICE_TABLE.prices, 'llama3.1': { input: 0, cachedInput: 0, output: 0 } },
    };
    expect(new TierRegistry({ ...DEFAULT_MODELS, nano: 'llama3.1' }, table).get('nano').model).toBe('llama3.1');
  });
});

// ---------------------------------------------------------------------------
// ModelGateway: every call priced and recorded, failures too.

type Behaviour = (request: ModelRequest<unknown>) => Promise<ModelResult<unknown>>;

/** A hand-written provider (our own interface): answers with whatever the test scripts. */
class ScriptedProvider implements ModelProvider {
  readonly name = 'scripted';
  readonly capabilities = { bills: true, judgesDrafts: true };
  readonly requests: ModelRequest<unknown>[] = [];
  constructor(private readonly behaviour: Behaviour) {}
  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    this.requests.push(request as ModelRequest<unknown>);
    return (await this.behaviour(request as ModelRequest<unknown>)) as ModelResult<T>;
  }
}

const Answer = z.object({ answer: z.string() });

function gatewayCall(ticketId: number | null, overrides: Partial<GatewayCall<{ answer: string }>> = {}): GatewayCall<{ answer: string }> {
  return {
    ticketId,
    stage: 'classify',
    tier: 'nano',
    prompt: { name: 'classify', version: 'classify@abc123', system: 'You classify.', user: '<<<hi>>>' },
    schema: Answer,
    schemaName: 'answer',
    maxOutputTokens: 200,
    reasoningEffort: 'low',
    ...overrides,
  };
}

/** A clock that advances 7 ms on every read, so latency is deterministic. */
function steppingClock(step = 7): () => number {
  let t = 1_000;
  return () => {
    t += step;
    return t;
  };
}

describe('ModelGateway', () => {
  let dir: string;
  let store: Store;
  let ticketId: number;
  const tiers = new TierRegistry({ ...DEFAULT_MODELS }, DEFAULT_PRICE_TABLE);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triage-gateway-'));
    store = openSqliteStore(join(dir, 'triage.db'));
    ticketId = (await store.tickets.intake({
      thread: { platform: 'console', channelId: 'c1', threadId: 't1' },
      messageId: 'm1',
      customer: { id: 'u1' },
      text: 'hello',
      receivedAt: new Date(),
    })).ticket.id;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records one ledger row for a successful call, priced from its usage', async () => {
    const reported = usage(3_000, 1_024, 250, 100);
    const provider = new ScriptedProvider(async () => ({
      output: { answer: 'ok' },
      usage: reported,
      rawUsage: { input_tokens: 3_000, output_tokens: 250 },
      requestId: 'req_1',
      billed: true,
    }));
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { now: steppingClock() });
    const result = await gateway.call(gatewayCall(ticketId, { tier: 'mini', stage: 'draft' }));

    const expectedCost = costNanos(reported, DEFAULT_PRICE_TABLE.prices['gpt-5.4-mini'] as ModelPrice);
    expect(expectedCost).toBeGreaterThan(0);
    expect(result.output).toEqual({ answer: 'ok' });
    expect(result.model).toBe('gpt-5.4-mini');
    expect(result.tier).toBe('mini');
    expect(result.costNanos).toBe(expectedCost);
    expect(result.latencyMs).toBe(7);

    // The provider saw the resolved model and the call's settings.
    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0]?.model).toBe('gpt-5.4-mini');
    expect(provider.requests[0]?.maxOutputTokens).toBe(200);

    const rows = await store.modelCalls.forTicket(ticketId);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      ticketId,
      stage: 'draft',
      tier: 'mini',
      provider: 'scripted',
      model: 'gpt-5.4-mini',
      requestId: 'req_1',
      promptName: 'classify',
      promptVersion: 'classify@abc123',
      priceVersion: DEFAULT_PRICE_TABLE.version,
      usage: reported,
      estimatedCostNanos: null,
      outcome: 'ok',
      errorMessage: null,
      rawUsage: { input_tokens: 3_000, output_tokens: 250 },
    });
    expect(row?.costNanos).toBe(expectedCost);
    expect(row?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(row?.latencyMs).toBe(7);
    expect((await store.modelCalls.ticketCost(ticketId)).costNanos).toBe(expectedCost);
  });

  it('measures a non-negative latency with the real clock', async () => {
    const provider = new ScriptedProvider(async () => ({
      output: { answer: 'ok' },
      usage: usage(10, 0, 1),
      rawUsage: null,
      requestId: null,
      billed: true,
    }));
    const gateway = new ModelGateway(provider, tiers, store, silentLogger());
    const result = await gateway.call(gatewayCall(ticketId));
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect((await store.modelCalls.forTicket(ticketId))[0]?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('records an unbilled (offline) call at $0 with the would-be cost as an estimate', async () => {
    const reported = usage(2_000, 0, 400);
    const provider = new ScriptedProvider(async () => ({
      output: { answer: 'offline' },
      usage: reported,
      rawUsage: null,
      requestId: null,
      billed: false,
    }));
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { now: steppingClock() });
    const result = await gateway.call(gatewayCall(ticketId, { tier: 'flagship', stage: 'second_opinion' }));
    const wouldCost = costNanos(reported, DEFAULT_PRICE_TABLE.prices['gpt-5.4'] as ModelPrice);
    expect(wouldCost).toBeGreaterThan(0);

    expect(result.costNanos).toBe(0);
    const row = (await store.modelCalls.forTicket(ticketId))[0];
    expect(row?.costNanos).toBe(0);
    expect(row?.estimatedCostNanos).toBe(wouldCost);
    expect(row?.outcome).toBe('ok');
    expect(await store.modelCalls.ticketCost(ticketId)).toEqual({ costNanos: 0, estimatedCostNanos: wouldCost });
    const flagship = (await store.spend.groups(ALL_TIME.since, ALL_TIME.until)).find((entry) => entry.tier === 'flagship');
    expect(flagship?.costNanos).toBe(0);
    expect(flagship?.estimatedCostNanos).toBe(wouldCost);
  });

  it('records a billed ModelError with its cost and code, then rethrows it', async () => {
    const billed = usage(1_500, 500, 300, 120);
    const failure = modelError('MODEL_INVALID_OUTPUT', 'output did not match the schema', {
      model: 'gpt-5.4-nano',
      retryable: true,
      requestId: 'req_bad',
      usage: billed,
      rawUsage: { input_tokens: 1_500 },
    });
    const provider = new ScriptedProvider(async () => {
      throw failure;
    });
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { now: steppingClock() });

    await expect(gateway.call(gatewayCall(ticketId))).rejects.toBe(failure);

    const expectedCost = costNanos(billed, DEFAULT_PRICE_TABLE.prices['gpt-5.4-nano'] as ModelPrice);
    expect(expectedCost).toBeGreaterThan(0);
    const rows = await store.modelCalls.forTicket(ticketId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'MODEL_INVALID_OUTPUT',
      errorMessage: 'output did not match the schema',
      requestId: 'req_bad',
      usage: billed,
      rawUsage: { input_tokens: 1_500 },
      estimatedCostNanos: null,
      priceVersion: DEFAULT_PRICE_TABLE.version,
      promptVersion: 'classify@abc123',
      latencyMs: 7,
    });
    expect(rows[0]?.costNanos).toBe(expectedCost);
    expect((await store.modelCalls.ticketCost(ticketId)).costNanos).toBe(expectedCost);
  });

  it('wraps an arbitrary error as a ModelError and records it at its worst case: the model may have run', async () => {
    const provider = new ScriptedProvider(async () => {
      throw new Error('socket exploded');
    });
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { now: steppingClock(), retry: { maxRetries: 0 } });

    let caught: unknown;
    try {
      await gateway.call(gatewayCall(ticketId, { stage: 'extract' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelError);
    const error = caught as ModelError;
    expect(error.code).toBe('MODEL_API_ERROR');
    expect(error.message).toContain('socket exploded');
    expect(error.details.model).toBe('gpt-5.4-nano');
    expect((error.cause as Error).message).toBe('socket exploded');

    const rows = await store.modelCalls.forTicket(ticketId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      stage: 'extract',
      outcome: 'MODEL_API_ERROR',
      usage: { input: 0, cachedInput: 0, output: 0, reasoning: 0 },
      costBasis: 'worst_case',
      requestId: null,
    });
    expect(rows[0]?.costNanos).toBeGreaterThan(0);
    expect(rows[0]?.costNanos).toBe(rows[0]?.worstCaseNanos);
    expect(rows[0]?.errorMessage).toContain('socket exploded');
  });

  it('records calls that belong to no ticket', async () => {
    const provider = new ScriptedProvider(async () => ({
      output: { answer: 'ok' },
      usage: usage(100, 0, 10),
      rawUsage: null,
      requestId: null,
      billed: true,
    }));
    const gateway = new ModelGateway(provider, tiers, store, silentLogger());
    await gateway.call(gatewayCall(null, { stage: 'summarize' }));
    const nano = (await store.spend.groups(ALL_TIME.since, ALL_TIME.until)).find((entry) => entry.tier === 'nano');
    expect(nano?.calls).toBe(1);
    expect(nano?.inputTokens).toBe(100);
    expect(await store.modelCalls.forTicket(ticketId)).toHaveLength(0);
  });

  // A ledger failure after a successful call must not look like a model
  // failure: no row may say the (billed) call failed at $0, and the caller
  // must not retry and pay twice.
  it('does not turn a ledger failure after a successful call into a model failure', async () => {
    let failNext = true;
    // The real repository, with `close` failing once.
    const flakyLedger = Object.assign(Object.create(store.modelCalls) as ModelCallRepository, {
      close: async (id: number, result: Parameters<ModelCallRepository['close']>[1]) => {
        if (failNext) {
          failNext = false;
          throw new StoreError('database is locked');
        }
        await store.modelCalls.close(id, result);
      },
    });
    const provider = new ScriptedProvider(async () => ({
      output: { answer: 'ok' },
      usage: usage(1_000, 0, 100),
      rawUsage: null,
      requestId: 'req_ok',
      billed: true,
    }));
    const gateway = new ModelGateway(provider, tiers, { modelCalls: flakyLedger, transaction: store.transaction }, silentLogger());

    const outcome = await gateway.call(gatewayCall(ticketId)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(StoreError);
    expect(provider.requests).toHaveLength(1);
    // The attempt stays reserved at its worst case (never a $0 failure) until it is settled.
    expect((await store.modelCalls.forTicket(ticketId)).map((row) => row.outcome)).toEqual(['in_flight']);
  });
});
