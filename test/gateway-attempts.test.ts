/**
 * The gateway's ledger sees every attempt a provider may bill: a row opens
 * (in flight, at its worst case) before the attempt is sent and closes when
 * it ends; retries are the gateway's, each with its own row and id; usage
 * that cannot be known is priced at the worst case; a burst waits for budget
 * room instead of failing over to humans.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TokenUsage } from '../src/domain/index.js';
import { BudgetExceededError, modelError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import { ModelGateway, type GatewayCall } from '../src/models/model-gateway.js';
import { DEFAULT_PRICE_TABLE } from '../src/models/pricing.js';
import type { EmbeddingRequest, EmbeddingResult, ModelProvider, ModelRequest, ModelResult } from '../src/models/provider.js';
import { TierRegistry } from '../src/models/tiers.js';
import { worstCaseCostNanos } from '../src/models/worst-case.js';
import { BudgetGuard } from '../src/policy/budget.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/types.js';
import { tempDir } from './support/temp-dir.js';

const Answer = z.object({ answer: z.string() });
const tiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE);
const USAGE: TokenUsage = { input: 1_000, cachedInput: 0, output: 100, reasoning: 0 };

type Step = (request: ModelRequest<unknown>) => Promise<ModelResult<unknown>>;

/** Plays one scripted step per attempt, recording what each attempt was sent. */
class StepProvider implements ModelProvider {
  readonly name = 'scripted';
  readonly capabilities = { bills: true, judgesDrafts: true };
  readonly requests: ModelRequest<unknown>[] = [];
  constructor(private readonly steps: Step[]) {}
  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    this.requests.push(request as ModelRequest<unknown>);
    const step = this.steps.shift();
    if (!step) throw new Error('no step left');
    return (await step(request as ModelRequest<unknown>)) as ModelResult<T>;
  }
}

const ok: Step = async () => ({ output: { answer: 'ok' }, usage: USAGE, rawUsage: { input_tokens: 1_000 }, requestId: 'req', billed: true });
const failWith =
  (code: 'MODEL_RATE_LIMITED' | 'MODEL_TIMEOUT' | 'MODEL_API_ERROR', billing: 'none' | 'unknown', retryable = true): Step =>
  async () => {
    throw modelError(code, `${code} for the test`, { model: 'gpt-5.4-nano', retryable, billing, retryAfterMs: code === 'MODEL_RATE_LIMITED' ? 1 : null });
  };

function call(ticketId: number | null, overrides: Partial<GatewayCall<{ answer: string }>> = {}): GatewayCall<{ answer: string }> {
  return {
    ticketId,
    stage: 'classify',
    tier: 'nano',
    prompt: { name: 'classify', version: 'classify@t', system: 'You classify support tickets.', user: '<customer_message>hi</customer_message>' },
    schema: Answer,
    schemaName: 'answer',
    maxOutputTokens: 400,
    reasoningEffort: 'low',
    ...overrides,
  };
}

let dir: ReturnType<typeof tempDir>;
let store: Store;
let ticketId: number;

beforeEach(async () => {
  dir = tempDir('gateway-attempts');
  store = openSqliteStore(dir.file('triage.db'));
  ticketId = (await store.tickets.intake({ thread: { platform: 'console', channelId: 'c', threadId: 't' }, messageId: 'm', customer: { id: 'u' }, text: 'hi', receivedAt: new Date() })).ticket.id;
});
afterEach(() => {
  store.close();
  dir.cleanup();
});

const noWait = { sleep: async () => undefined, random: () => 0.5 };
const worstCase = worstCaseCostNanos(call(null), tiers.get('nano').price);

describe('embeddings take the same path', () => {
  const embeddingTiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE, 'text-embedding-3-small');

  /** A provider whose embeddings play one step per attempt, recording what was open in the ledger when each was sent. */
  class EmbeddingProvider extends StepProvider {
    readonly inFlight: { outcome: string; costBasis: string | undefined; costNanos: number }[][] = [];
    constructor(private readonly embedSteps: (() => Promise<EmbeddingResult>)[]) {
      super([]);
    }
    async embed(request: EmbeddingRequest): Promise<EmbeddingResult> {
      expect(request.attemptId).toBeTruthy();
      this.inFlight.push((await store.modelCalls.forTicket(ticketId)).map((row) => ({ outcome: row.outcome, costBasis: row.costBasis, costNanos: row.costNanos })));
      const step = this.embedSteps.shift();
      if (!step) throw new Error('no step left');
      return step();
    }
  }
  const vectors: () => Promise<EmbeddingResult> = async () => ({
    vectors: [[0.6, 0.8]],
    usage: { input: 7, cachedInput: 0, output: 0, reasoning: 0 },
    rawUsage: { prompt_tokens: 7, total_tokens: 7 },
    requestId: 'req_e',
    billed: true,
  });

  it('reserves the worst case before sending, retries with a row per attempt, and prices a timeout at the worst case', async () => {
    const provider = new EmbeddingProvider([
      async () => {
        throw modelError('MODEL_TIMEOUT', 'timed out for the test', { model: 'text-embedding-3-small', retryable: true, billing: 'unknown' });
      },
      vectors,
    ]);
    const gateway = new ModelGateway(provider, embeddingTiers, store, silentLogger(), { retry: { maxRetries: 1 }, ...noWait });
    expect(gateway.embeddingModel).toBe('text-embedding-3-small');
    const result = await gateway.embed({ texts: ['Wo ist meine Rückerstattung?'], purpose: 'query', ticketId });
    expect(result.vectors).toEqual([[0.6, 0.8]]);
    // Input tokens only, at $0.02 per 1M; counted locally with a margin, so the reservation bounds the bill.
    const worst = provider.inFlight[0]?.[0]?.costNanos ?? 0;
    expect(provider.inFlight[0]).toEqual([{ outcome: 'in_flight', costBasis: 'reserved', costNanos: worst }]);
    expect(worst).toBeGreaterThan(7 * 20);
    const rows = await store.modelCalls.forTicket(ticketId);
    expect(rows.map((row) => [row.stage, row.tier, row.model, row.promptName, row.outcome, row.costBasis])).toEqual([
      ['embed', 'nano', 'text-embedding-3-small', 'embed_query', 'MODEL_TIMEOUT', 'worst_case'],
      ['embed', 'nano', 'text-embedding-3-small', 'embed_query', 'ok', 'usage'],
    ]);
    expect(rows[0]?.costNanos).toBe(worst);
    expect(rows[1]?.costNanos).toBe(7 * 20);
    expect(rows[1]?.promptVersion).toMatch(/^embed_query@[0-9a-f]{12}$/);
    expect(result.costNanos).toBe(rows[1]?.costNanos);
  });

  it('is refused by the budget before anything is sent', async () => {
    const provider = new EmbeddingProvider([vectors]);
    const budget = new BudgetGuard({ dailyUsd: 1e-12, monthlyUsd: null, alertThreshold: 0.8, urgentReserve: 0, timeZone: 'UTC' }, store.modelCalls);
    const gateway = new ModelGateway(provider, embeddingTiers, store, silentLogger(), { budget, ...noWait });
    await expect(gateway.embed({ texts: ['refund'], purpose: 'index', ticketId: null })).rejects.toBeInstanceOf(BudgetExceededError);
    expect(provider.inFlight).toEqual([]);
  });

  it('has no embeddings model without one configured or without an endpoint', async () => {
    expect(new ModelGateway(new EmbeddingProvider([]), tiers, store, silentLogger()).embeddingModel).toBeNull();
    const noEndpoint = new ModelGateway(new StepProvider([]), embeddingTiers, store, silentLogger());
    expect(noEndpoint.embeddingModel).toBeNull();
    await expect(noEndpoint.embed({ texts: ['x'], purpose: 'query', ticketId: null })).rejects.toThrow(/no embeddings model/);
  });
});

describe('a ledger row per attempt', () => {
  it('opens the row before the attempt is sent, visible to another process, at the worst case', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let seenInFlight: unknown[] = [];
    const provider = new StepProvider([
      async (request) => {
        // Read through a second connection, as another process would.
        const other = openSqliteStore(dir.file('triage.db'));
        seenInFlight = (await other.modelCalls.forTicket(ticketId)).map((row) => ({ outcome: row.outcome, costNanos: row.costNanos, costBasis: row.costBasis, attemptId: row.attemptId }));
        other.close();
        expect(request.attemptId).toBeTruthy();
        await gate;
        return ok(request);
      },
    ]);
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { workerId: 'w1' });
    const pending = gateway.call(call(ticketId));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await pending;
    expect(seenInFlight).toEqual([{ outcome: 'in_flight', costNanos: worstCase, costBasis: 'reserved', attemptId: provider.requests[0]?.attemptId }]);
    const [row] = await store.modelCalls.forTicket(ticketId);
    expect(row).toMatchObject({ outcome: 'ok', costBasis: 'usage', attemptId: provider.requests[0]?.attemptId, worstCaseNanos: worstCase });
    expect(row?.costNanos).toBeLessThan(worstCase);
  });

  it('retries transient failures itself, each attempt with its own id and row', async () => {
    const provider = new StepProvider([failWith('MODEL_RATE_LIMITED', 'none'), failWith('MODEL_API_ERROR', 'none'), ok]);
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { retry: { maxRetries: 2 }, ...noWait });
    const result = await gateway.call(call(ticketId));
    expect(result.output).toEqual({ answer: 'ok' });
    const rows = await store.modelCalls.forTicket(ticketId);
    expect(rows.map((row) => [row.outcome, row.costNanos])).toEqual([
      ['MODEL_RATE_LIMITED', 0],
      ['MODEL_API_ERROR', 0],
      ['ok', result.costNanos],
    ]);
    const ids = provider.requests.map((request) => request.attemptId);
    expect(new Set(ids).size).toBe(3);
    expect(rows.map((row) => row.attemptId)).toEqual(ids);
  });

  it('prices an attempt whose usage cannot be known (a timeout) at its worst case, never $0', async () => {
    const provider = new StepProvider([failWith('MODEL_TIMEOUT', 'unknown'), ok]);
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { retry: { maxRetries: 1 }, ...noWait });
    await gateway.call(call(ticketId));
    const [timedOut] = await store.modelCalls.forTicket(ticketId);
    expect(timedOut).toMatchObject({ outcome: 'MODEL_TIMEOUT', costBasis: 'worst_case', costNanos: worstCase });
  });

  it('does not retry what another attempt would not fix, and gives up after the last retry', async () => {
    const invalid = new StepProvider([
      async () => {
        throw modelError('MODEL_INVALID_OUTPUT', 'bad JSON', { model: 'gpt-5.4-nano', retryable: true, usage: USAGE });
      },
    ]);
    await expect(new ModelGateway(invalid, tiers, store, silentLogger(), noWait).call(call(ticketId))).rejects.toMatchObject({ code: 'MODEL_INVALID_OUTPUT' });
    expect(invalid.requests).toHaveLength(1);

    const limited = new StepProvider([failWith('MODEL_RATE_LIMITED', 'none'), failWith('MODEL_RATE_LIMITED', 'none')]);
    await expect(new ModelGateway(limited, tiers, store, silentLogger(), { retry: { maxRetries: 1 }, ...noWait }).call(call(ticketId))).rejects.toMatchObject({ code: 'MODEL_RATE_LIMITED' });
    expect(limited.requests).toHaveLength(2);
  });

  it('stores what the caller keeps of the output in the same transaction as the ledger row', async () => {
    const provider = new StepProvider([ok]);
    const gateway = new ModelGateway(provider, tiers, store, silentLogger());
    await gateway.call({
      ...call(ticketId),
      onSettled: async ({ output, modelCallId }) =>
        await store.stageResults.save({ ticketId, key: '1:classify', stage: 'classify', tier: 'nano', promptVersion: 'classify@t', fellBack: false, output, modelCallId }),
    });
    const saved = await store.stageResults.find(ticketId, '1:classify');
    expect(saved).toMatchObject({ output: { answer: 'ok' }, modelCallId: (await store.modelCalls.forTicket(ticketId))[0]?.id });
  });
});

describe('budget reservations in the ledger', () => {
  const clock = () => new Date('2026-11-24T12:00:00Z');

  it('makes a burst wait for room, one attempt at a time, instead of refusing it', async () => {
    // Room for one worst case at a time, and for a few calls' real cost in all.
    const budget = new BudgetGuard({ dailyUsd: (worstCase * 1.5) / 1e9, monthlyUsd: null, alertThreshold: 1, urgentReserve: 0, timeZone: 'UTC' }, store.modelCalls, clock);
    let concurrent = 0;
    let most = 0;
    const slowOk: Step = async (request) => {
      concurrent += 1;
      most = Math.max(most, concurrent);
      await new Promise((resolve) => setTimeout(resolve, 20));
      concurrent -= 1;
      return { ...(await ok(request)), usage: { input: 10, cachedInput: 0, output: 1, reasoning: 0 } };
    };
    const provider = new StepProvider([slowOk, slowOk, slowOk]);
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { budget, clock });
    const results = await Promise.allSettled([gateway.call(call(ticketId)), gateway.call(call(ticketId)), gateway.call(call(ticketId))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(most).toBe(1);
    expect(await budget.level()).not.toBe('stopped');
  });

  it('still refuses an attempt that cannot fit beside what was really spent', async () => {
    const budget = new BudgetGuard({ dailyUsd: worstCase / 2 / 1e9, monthlyUsd: null, alertThreshold: 1, urgentReserve: 0, timeZone: 'UTC' }, store.modelCalls, clock);
    const provider = new StepProvider([ok]);
    const gateway = new ModelGateway(provider, tiers, store, silentLogger(), { budget, clock });
    await expect(gateway.call(call(ticketId))).rejects.toBeInstanceOf(BudgetExceededError);
    expect(provider.requests).toHaveLength(0);
    expect(await store.modelCalls.forTicket(ticketId)).toHaveLength(0);
  });
});
