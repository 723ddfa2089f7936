/**
 * Budget caps: levels measured from the ledger, worst-case reservations, the
 * urgent reserve, periods in the configured time zone, and state that a new
 * process reads back from the same database.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usdToNanos, type Stage } from '../src/domain/index.js';
import { z } from 'zod';
import { BudgetExceededError } from '../src/errors.js';
import { countTokens } from '../src/models/tokenizer.js';
import { worstCaseCostNanos, worstCaseInputTokens } from '../src/models/worst-case.js';
import { BudgetGuard, type BudgetSettings } from '../src/policy/budget.js';
import { ALL_TIME } from '../src/store/spend-sums.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/types.js';
import { tempDir } from './support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let store: Store;
let now = new Date('2026-11-24T12:00:00Z');
const clock = () => now;

const settings = (overrides: Partial<BudgetSettings> = {}): BudgetSettings => ({
  dailyUsd: 1,
  monthlyUsd: null,
  alertThreshold: 0.8,
  urgentReserve: 0.1,
  timeZone: 'UTC',
  ...overrides,
});

async function spend(costUsd: number, at: Date = now, stage: Stage = 'draft'): Promise<void> {
  await store.modelCalls.record({
    ticketId: null,
    stage,
    tier: 'mini',
    provider: 'openai',
    model: 'gpt-5.4-mini',
    requestId: null,
    promptName: stage,
    promptVersion: `${stage}@test`,
    usage: { input: 0, cachedInput: 0, output: 0, reasoning: 0 },
    costNanos: usdToNanos(costUsd),
    estimatedCostNanos: null,
    priceVersion: 'test',
    latencyMs: 1,
    outcome: 'ok',
    errorMessage: null,
    rawUsage: null,
    createdAt: at,
  });
}

beforeEach(() => {
  dir = tempDir('budget');
  store = openSqliteStore(dir.file('triage.db'));
  now = new Date('2026-11-24T12:00:00Z');
});

afterEach(() => {
  store.close();
  dir.cleanup();
});

describe('budget levels', () => {
  it('steps from normal to economy, triage only and stopped as the ledger fills', async () => {
    const budget = new BudgetGuard(settings(), store.modelCalls, clock);
    expect(await budget.level()).toBe('normal');
    await spend(0.79);
    expect(await budget.level()).toBe('normal');
    await spend(0.01); // 80%: the alert threshold
    expect(await budget.level()).toBe('economy');
    await spend(0.1); // 90%: only the 10% reserve is left
    expect(await budget.level()).toBe('triage_only');
    await spend(0.1);
    expect(await budget.level()).toBe('stopped');
    expect((await budget.status()).daily).toMatchObject({ periodKey: '2026-11-24', capUsd: 1, leftUsd: 0 });
  });

  it('is off without caps: always normal, every call allowed', async () => {
    const budget = new BudgetGuard(settings({ dailyUsd: null }), store.modelCalls, clock);
    await spend(1_000);
    expect(budget.enabled).toBe(false);
    expect(await budget.level()).toBe('normal');
    expect(await budget.admit(usdToNanos(1_000), { stage: 'second_opinion', urgent: false })).toBe('admit');
  });

  it('takes the tightest of the daily and monthly caps', async () => {
    await spend(8, new Date('2026-11-03T10:00:00Z'));
    const budget = new BudgetGuard(settings({ dailyUsd: 5, monthlyUsd: 10 }), store.modelCalls, clock);
    const status = await budget.status();
    expect(status.daily).toMatchObject({ spentUsd: 0, usedFraction: 0 });
    expect(status.monthly).toMatchObject({ periodKey: '2026-11', spentUsd: 8, leftUsd: 2 });
    expect(status.level).toBe('economy');
  });

  it('starts the day at local midnight in the configured zone', async () => {
    // 23:30 UTC on the 23rd is 08:30 on the 24th in Tokyo: today's spend there.
    await spend(0.5, new Date('2026-11-23T23:30:00Z'));
    now = new Date('2026-11-24T02:00:00Z');
    expect((await new BudgetGuard(settings({ timeZone: 'Asia/Tokyo' }), store.modelCalls, clock).status()).daily?.spentUsd).toBe(0.5);
    expect((await new BudgetGuard(settings({ timeZone: 'UTC' }), store.modelCalls, clock).status()).daily?.spentUsd).toBe(0);
  });

  it('keeps counting as the ledger grows, including rows another process writes', async () => {
    const budget = new BudgetGuard(settings(), store.modelCalls, clock);
    await spend(0.3);
    expect((await budget.status()).daily?.spentUsd).toBeCloseTo(0.3, 12);
    const other = openSqliteStore(dir.file('triage.db'));
    try {
      const mine = store;
      store = other;
      await spend(0.45);
      await spend(5, new Date('2026-11-23T12:00:00Z')); // yesterday: not today's spend
      store = mine;
    } finally {
      other.close();
    }
    await spend(0.05);
    expect((await budget.status()).daily?.spentUsd).toBeCloseTo(0.8, 12);
    expect(await budget.level()).toBe('economy');
  });

  it('reads its state back after a restart, from the ledger alone', async () => {
    await spend(0.85);
    store.close();
    store = openSqliteStore(dir.file('triage.db'));
    expect(await new BudgetGuard(settings(), store.modelCalls, clock).level()).toBe('economy');
  });
});

/** An attempt in flight: its open ledger row is the reservation every process sees. */
async function inFlight(worstCaseUsd: number, stage: Stage = 'draft'): Promise<number> {
  return await store.modelCalls.open({
    attemptId: `attempt-${Math.random()}`,
    owner: 'worker-a',
    ticketId: null,
    stage,
    tier: 'mini',
    provider: 'openai',
    model: 'gpt-5.4-mini',
    promptName: stage,
    promptVersion: `${stage}@test`,
    priceVersion: 'test',
    worstCaseNanos: usdToNanos(worstCaseUsd),
    createdAt: now,
  });
}

async function settle(id: number, costUsd: number): Promise<void> {
  await store.modelCalls.close(id, {
    usage: { input: 0, cachedInput: 0, output: 0, reasoning: 0 },
    rawUsage: null,
    requestId: null,
    costNanos: usdToNanos(costUsd),
    costBasis: 'usage',
    estimatedCostNanos: null,
    latencyMs: 1,
    outcome: 'ok',
    errorMessage: null,
  });
}

describe('reservations', () => {
  it('refuses a call whose worst case does not fit, naming the cap', async () => {
    const budget = new BudgetGuard(settings(), store.modelCalls, clock);
    await spend(0.5);
    // Non-urgent drafting may use 1 − 0.5 − 0.1 reserve = 0.4.
    expect(await budget.admit(usdToNanos(0.39), { stage: 'draft', urgent: false })).toBe('admit');
    const refused = await (async () => {
      try {
        await budget.admit(usdToNanos(0.41), { stage: 'draft', urgent: false });
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect(refused).toMatchObject({ code: 'BUDGET_EXHAUSTED', period: 'daily' });
  });

  it('lets triage and urgent tickets spend the reserve, and nothing else', async () => {
    const budget = new BudgetGuard(settings(), store.modelCalls, clock);
    await spend(0.95);
    await expect(budget.admit(usdToNanos(0.01), { stage: 'draft', urgent: false })).rejects.toThrow(BudgetExceededError);
    await expect(budget.admit(usdToNanos(0.01), { stage: 'summarize', urgent: false })).rejects.toThrow(BudgetExceededError);
    expect(await budget.admit(usdToNanos(0.01), { stage: 'classify', urgent: false })).toBe('admit');
    expect(await budget.admit(usdToNanos(0.01), { stage: 'extract', urgent: false })).toBe('admit');
    expect(await budget.admit(usdToNanos(0.01), { stage: 'second_opinion', urgent: true })).toBe('admit');
    await expect(budget.admit(usdToNanos(0.06), { stage: 'second_opinion', urgent: true })).rejects.toThrow(BudgetExceededError);
  });

  it('counts shadow calls as spend, but never lets them spend the reserve or stop triage', async () => {
    const budget = new BudgetGuard(settings(), store.modelCalls, clock);
    await spend(0.5);
    await store.modelCalls.record({
      ticketId: null, stage: 'classify', tier: 'flagship', provider: 'openai', model: 'gpt-5.4', requestId: null, promptName: 'classify',
      promptVersion: 'classify@test', usage: { input: 0, cachedInput: 0, output: 0, reasoning: 0 }, costNanos: 450_000_000, estimatedCostNanos: null,
      priceVersion: 'test', latencyMs: 1, outcome: 'ok', errorMessage: null, rawUsage: null, createdAt: now, shadow: true,
    });
    expect((await budget.status()).daily?.spentUsd).toBeCloseTo(0.95, 12);
    expect((await store.spend.groups(ALL_TIME.since, ALL_TIME.until)).find((row) => row.shadow)).toMatchObject({ tier: 'flagship', calls: 1, costNanos: 450_000_000 });
    await expect(budget.admit(usdToNanos(0.08), { stage: 'classify', urgent: false, shadow: true })).rejects.toThrow(BudgetExceededError);
    // Refused, a real classification this size would stop the bot (less than it is left); a shadow's says nothing about triage.
    expect(await budget.level()).not.toBe('stopped');
    expect(await budget.admit(usdToNanos(0.01), { stage: 'classify', urgent: false })).toBe('admit');
  });

  it('makes a call wait, not fail, while attempts in flight (of any process) hold the room it needs', async () => {
    const budget = new BudgetGuard(settings({ urgentReserve: 0 }), store.modelCalls, clock);
    const first = await inFlight(0.6);
    // Settled spend is 0: the call fits once the first attempt ends, so it waits.
    expect(await budget.admit(usdToNanos(0.6), { stage: 'draft', urgent: false })).toBe('wait');
    // In flight is not spent: the level stays normal (a burst must not read as "stopped").
    expect(await budget.level()).toBe('normal');
    await settle(first, 0.05);
    expect(await budget.admit(usdToNanos(0.6), { stage: 'draft', urgent: false })).toBe('admit');
    expect((await budget.status()).daily?.spentUsd).toBeCloseTo(0.05, 12);
  });

  it('counts an attempt cut off by a crash at its worst case once it is closed', async () => {
    const budget = new BudgetGuard(settings({ urgentReserve: 0 }), store.modelCalls, clock);
    await inFlight(0.3);
    expect((await budget.status()).daily?.spentUsd).toBe(0);
    expect(await store.modelCalls.closeAbandoned(['worker-a'])).toBe(1);
    expect((await budget.status()).daily?.spentUsd).toBeCloseTo(0.3, 12);
    expect((await store.spend.groups(ALL_TIME.since, ALL_TIME.until))[0]).toMatchObject({ calls: 1, costNanos: 300_000_000 });
  });

  it('wakes waiters when an attempt ends, without waiting for the poll', async () => {
    // Fake timers: the poll that would also wake it never fires, so only attemptEnded can.
    vi.useFakeTimers();
    try {
      const budget = new BudgetGuard(settings(), store.modelCalls, clock);
      let woken = false;
      const waiting = budget.waitForRoom().then(() => (woken = true));
      await Promise.resolve();
      expect(woken).toBe(false);
      budget.attemptEnded();
      await waiting;
      expect(woken).toBe(true);
      expect(vi.getTimerCount()).toBe(0); // its poll was cleared
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('stopping', () => {
  it('stops once not even a triage call fits, and starts again in the next period', async () => {
    const budget = new BudgetGuard(settings(), store.modelCalls, clock);
    await spend(0.995);
    expect(await budget.level()).toBe('triage_only');
    await expect(budget.admit(usdToNanos(0.008), { stage: 'classify', urgent: false })).rejects.toThrow(BudgetExceededError);
    // $0.005 left is less than the classification that was just refused: no more calls.
    expect(await budget.level()).toBe('stopped');
    now = new Date('2026-11-25T00:00:01Z');
    expect(await budget.level()).toBe('normal');
  });
});

describe('worst-case cost of a call', () => {
  it('prices every input token as uncached and the whole output allowance', () => {
    const schema = z.object({ verdict: z.enum(['approve', 'rewrite']), rationale: z.string() });
    const prompt = { name: 'review', version: 'review@test1', system: 'You review support replies. '.repeat(50), user: '<draft>Thanks, refund issued.</draft>' };
    const input = worstCaseInputTokens({ prompt, schema });
    // The schema and the framing come on top of the two texts.
    expect(input).toBeGreaterThan(countTokens(prompt.system) + countTokens(prompt.user) + 64);
    const price = { input: 2.5, cachedInput: 0.25, output: 15 };
    // Whole nano-dollars: $2.50 per 1M is 2,500 per token, $15 per 1M is 15,000.
    expect(worstCaseCostNanos({ prompt, schema, maxOutputTokens: 2_500 }, price)).toBe(input * 2_500 + 2_500 * 15_000);
    // Counted once per prompt version: a second call gives the same answer.
    expect(worstCaseInputTokens({ prompt, schema })).toBe(input);
  });
});
