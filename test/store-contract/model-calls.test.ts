/**
 * The spend ledger's contract on every store (backends.ts): rows round-trip,
 * reservations count until they settle, each settled row gets its own
 * settle number (also when two connections settle at once), and a ticket's
 * cost is kept by the aggregates.
 */
import { expect, it } from 'vitest';
import type { AttemptResult, OpenAttempt, Store } from '../../src/store/types.js';
import { contractSuite } from './backends.js';
import { message, modelCall } from './fixtures.js';

const attempt = (overrides: Partial<OpenAttempt> = {}): OpenAttempt => ({
  attemptId: 'a-1',
  owner: 'w',
  ticketId: null,
  stage: 'draft',
  tier: 'mini',
  provider: 'openai',
  model: 'gpt-5.4-mini',
  promptName: 'draft',
  promptVersion: 'draft@1',
  priceVersion: 'v1',
  worstCaseNanos: 9_000_000,
  ...overrides,
});

const result = (costNanos: number): AttemptResult => ({
  usage: { input: 10, cachedInput: 0, output: 2, reasoning: 0 },
  rawUsage: { input_tokens: 10, output_tokens_details: { reasoning_tokens: 0 } },
  requestId: 'req_9',
  costNanos,
  costBasis: 'usage',
  estimatedCostNanos: null,
  latencyMs: 3.4,
  outcome: 'ok',
  errorMessage: null,
});

async function ticketId(store: Store, n = 1): Promise<number> {
  return (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: `t${n}` }, messageId: `m${n}` }))).ticket.id;
}

contractSuite('model calls', (context) => {
  it('round-trips a recorded call, big nano-dollar amounts and exact times included', async () => {
    const { store } = context;
    const id = await ticketId(store);
    const createdAt = new Date('2026-11-24T10:07:00.123Z');
    await store.modelCalls.record(modelCall({ ticketId: id, requestId: 'req_1', outcome: 'MODEL_TIMEOUT', errorMessage: 'slow', costNanos: 9_007_199_254_740, createdAt }));
    const [row] = await store.modelCalls.forTicket(id);
    expect(row).toMatchObject({
      ticketId: id, stage: 'classify', tier: 'nano', provider: 'test', model: 'gpt-5.4-nano', requestId: 'req_1', promptName: 'classify', promptVersion: 'classify@1',
      usage: { input: 100, cachedInput: 20, output: 10, reasoning: 5 }, costNanos: 9_007_199_254_740, estimatedCostNanos: null, priceVersion: 'v1', latencyMs: 13,
      outcome: 'MODEL_TIMEOUT', errorMessage: 'slow', rawUsage: { input_tokens: 100 }, costBasis: 'usage', shadow: false, createdAt,
    });
    await store.modelCalls.record(modelCall({ ticketId: null, stage: 'embed' }));
    expect((await store.modelCalls.forTicket(null)).map((call) => call.stage)).toEqual(['embed']);
    await expect(store.modelCalls.record(modelCall({ ticketId: 9_999 }))).rejects.toThrow();
  });

  it('reserves the worst case while in flight, then settles once at the real cost', async () => {
    const { store } = context;
    const id = await ticketId(store);
    const since = new Date(Date.now() - 60_000);
    const row = await store.modelCalls.open(attempt({ ticketId: id }));
    expect(await store.modelCalls.inFlightSince(since)).toBe(9_000_000);
    expect(await store.modelCalls.openOwners()).toEqual(['w']);
    expect(await store.modelCalls.spentSinceAfter(since, 0)).toEqual({ costNanos: 0, lastSeq: 0 });
    expect(await store.modelCalls.ticketCost(id)).toEqual({ costNanos: 0, estimatedCostNanos: 0 });
    await store.modelCalls.close(row, result(16_500));
    await store.modelCalls.close(row, result(99_999));
    expect(await store.modelCalls.inFlightSince(since)).toBe(0);
    expect(await store.modelCalls.openOwners()).toEqual([]);
    const spent = await store.modelCalls.spentSinceAfter(since, 0);
    expect(spent.costNanos).toBe(16_500);
    expect(await store.modelCalls.spentSinceAfter(since, spent.lastSeq)).toEqual({ costNanos: 0, lastSeq: spent.lastSeq });
    expect(await store.modelCalls.ticketCost(id)).toEqual({ costNanos: 16_500, estimatedCostNanos: 0 });
    const [call] = await store.modelCalls.forTicket(id);
    expect(call).toMatchObject({ attemptId: 'a-1', costBasis: 'usage', worstCaseNanos: 9_000_000, requestId: 'req_9', latencyMs: 3, rawUsage: result(0).rawUsage });
  });

  it('closes the open rows of dead owners at their worst case, each with its own settle number', async () => {
    const { store } = context;
    const since = new Date(Date.now() - 60_000);
    await store.modelCalls.open(attempt({ attemptId: 'd-1', owner: 'dead', worstCaseNanos: 1_000 }));
    await store.modelCalls.open(attempt({ attemptId: 'd-2', owner: 'dead', worstCaseNanos: 2_000 }));
    await store.modelCalls.open(attempt({ attemptId: 'l-1', owner: 'live', worstCaseNanos: 4_000 }));
    expect(await store.modelCalls.closeAbandoned([])).toBe(0);
    expect(await store.modelCalls.closeAbandoned(['dead'])).toBe(2);
    expect(await store.modelCalls.openOwners()).toEqual(['live']);
    const first = await store.modelCalls.spentSinceAfter(since, 0);
    expect(first.costNanos).toBe(3_000);
    expect((await store.modelCalls.spentSinceAfter(since, first.lastSeq - 1)).costNanos).toBeGreaterThan(0);
    const calls = await store.modelCalls.forTicket(null);
    expect(calls.filter((call) => call.outcome === 'unknown_outcome').map((call) => call.costBasis)).toEqual(['worst_case', 'worst_case']);
  });

  it('keeps a ticket cost without its shadow calls, and offline estimates apart', async () => {
    const { store } = context;
    const a = await ticketId(store, 1);
    const b = await ticketId(store, 2);
    await store.modelCalls.record(modelCall({ ticketId: a, costNanos: 1_000_000 }));
    await store.modelCalls.record(modelCall({ ticketId: a, tier: 'flagship', costNanos: 50_000_000 }));
    await store.modelCalls.record(modelCall({ ticketId: a, tier: 'flagship', costNanos: 7_000_000, shadow: true }));
    await store.modelCalls.record(modelCall({ ticketId: b, tier: 'mini', costNanos: 0, estimatedCostNanos: 4_000_000 }));
    expect(await store.modelCalls.ticketCost(a)).toEqual({ costNanos: 51_000_000, estimatedCostNanos: 0 });
    expect(await store.modelCalls.ticketCost(b)).toEqual({ costNanos: 0, estimatedCostNanos: 4_000_000 });
    expect(await store.modelCalls.ticketCost(9_999)).toEqual({ costNanos: 0, estimatedCostNanos: 0 });
  });

  it('settles from two connections at once with distinct settle numbers and exact totals', async () => {
    const { store } = context;
    const other = await context.another();
    const id = await ticketId(store);
    const since = new Date(Date.now() - 60_000);
    const rows = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? other : store).modelCalls.open(attempt({ attemptId: `p-${n}`, ticketId: id }))));
    await Promise.all(rows.map((row, n) => (n % 2 ? store : other).modelCalls.close(row, result(1_000 + n))));
    expect(await store.modelCalls.spentSinceAfter(since, 0)).toEqual({ costNanos: 20 * 1_000 + 190, lastSeq: expect.any(Number) as number });
    expect(await store.modelCalls.ticketCost(id)).toEqual({ costNanos: 20 * 1_000 + 190, estimatedCostNanos: 0 });
    // Each row was numbered once: reading after any number sees exactly the rows above it.
    const { lastSeq } = await store.modelCalls.spentSinceAfter(since, 0);
    expect((await store.modelCalls.spentSinceAfter(since, lastSeq)).costNanos).toBe(0);
  });
});
