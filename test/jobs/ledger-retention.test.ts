/**
 * Retention keeps the ledger small without changing a number: the weekly
 * report of a week past the horizon is the same before and after its calls
 * are rolled up and deleted, in a zone that is not UTC.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerStage, ModelTier } from '../../src/domain/index.js';
import { applyLedgerRetention } from '../../src/jobs/ledger-retention.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { DEFAULT_PRICE_TABLE } from '../../src/models/pricing.js';
import { TierRegistry } from '../../src/models/tiers.js';
import { weekOfDate } from '../../src/periods.js';
import { BudgetGuard } from '../../src/policy/budget.js';
import { ALL_TIME, totalOf } from '../../src/store/spend-sums.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { tempDir } from '../support/temp-dir.js';
import { mapAsync } from '../support/async-array.js';

const ZONE = 'America/New_York';
const tiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE);
let dir: ReturnType<typeof tempDir>;
let store: Store;

beforeEach(() => {
  dir = tempDir('retention');
  store = openSqliteStore(dir.file('triage.db'));
});

afterEach(() => {
  store.close();
  dir.cleanup();
});

async function ticketWithCalls(n: number, at: Date, calls: { stage: LedgerStage; tier: ModelTier; costNanos: number; minutes: number }[]): Promise<number> {
  const { ticket } = await store.tickets.intake({
    thread: { platform: n % 2 ? 'slack' : 'discord', channelId: `C${n % 3}`, threadId: `t${n}` },
    messageId: `m${n}`,
    customer: { id: `U${n}` },
    text: `Order ${n} arrived broken`,
    receivedAt: at,
  });
  await store.triage.saveDecision(ticket.id, { route: 'flagship_review', reasons: n % 2 ? ['risk_refund'] : ['budget_flagship_to_mini'], decidedBy: 'nano' }, []);
  for (const call of calls) {
    const id = await store.modelCalls.record({
      ticketId: ticket.id, stage: call.stage, tier: call.tier, provider: 'openai', model: tiers.get(call.tier).model, requestId: null,
      promptName: call.stage, promptVersion: `${call.stage}@test`, usage: { input: 1_000 + n, cachedInput: 512, output: 90, reasoning: 0 },
      costNanos: call.costNanos, estimatedCostNanos: null, priceVersion: 'test', latencyMs: 5, outcome: n % 5 === 0 ? 'MODEL_TIMEOUT' : 'ok',
      errorMessage: null, rawUsage: { input_tokens: 1_000 + n }, createdAt: new Date(at.getTime() + call.minutes * 60_000),
    });
    if (call.stage === 'classify') {
      await store.stageResults.save({ ticketId: ticket.id, key: '1:classify', stage: 'classify', tier: call.tier, promptVersion: 'classify@test', fellBack: false, output: { urgency: 'high' }, modelCallId: id });
    }
  }
  return ticket.id;
}

/** Forty tickets over a week in August (every hour of the day, so local days and UTC days differ), then one today. */
async function seed(now: Date): Promise<{ oldTicket: number; newTicket: number }> {
  let oldTicket = 0;
  for (let n = 0; n < 40; n++) {
    const at = new Date(Date.parse('2026-08-10T04:00:00Z') + n * 4 * 3_600_000 + n * 61_000);
    oldTicket = await ticketWithCalls(n, at, [
      { stage: 'classify', tier: 'nano', costNanos: 123_457 + n, minutes: 0 },
      { stage: 'draft', tier: 'mini', costNanos: 2_345_679 + n * 7, minutes: 3 },
      ...(n % 4 === 0 ? [{ stage: 'second_opinion' as const, tier: 'flagship' as const, costNanos: 11_250_003, minutes: 14 }] : []),
    ]);
  }
  const newTicket = await ticketWithCalls(99, new Date(now.getTime() - 3_600_000), [{ stage: 'classify', tier: 'nano', costNanos: 181_000, minutes: 0 }]);
  return { oldTicket, newTicket };
}

describe('ledger retention', () => {
  it('rolls old calls up into local days and deletes them; every report over those weeks stays exactly the same', async () => {
    const now = new Date('2026-12-01T15:00:00Z');
    const { oldTicket, newTicket } = await seed(now);
    const weeks = ['2026-08-05', '2026-08-12', '2026-08-19'].map((date) => weekOfDate(date, ZONE));
    const reportOf = async (week: (typeof weeks)[number]) => {
      const { generatedAt: _generatedAt, ...rest } = await buildWeeklyReport({ store, tiers, budget: null, timeZone: ZONE, clock: () => now }, week);
      return rest;
    };
    const before = await mapAsync(weeks, reportOf);
    const costBefore = await store.modelCalls.ticketCost(oldTicket);
    const allBefore = totalOf(await store.spend.groups(ALL_TIME.since, ALL_TIME.until));
    const budget = new BudgetGuard({ dailyUsd: 1, monthlyUsd: 10, alertThreshold: 0.8, urgentReserve: 0.1, timeZone: ZONE }, store.modelCalls, () => now);
    const budgetBefore = await budget.status();
    expect(before[1]?.totals.calls).toBeGreaterThan(50);

    const run = await applyLedgerRetention(store.spend, { days: 90, timeZone: ZONE, now });
    expect(run?.cutoff.toISOString()).toBe('2026-09-02T04:00:00.000Z'); // local midnight, 90 days back
    expect(run?.deleted).toBe(before.reduce((sum, report) => sum + report.totals.calls, 0));
    expect(run?.merged).toBeGreaterThan(0);

    expect(await mapAsync(weeks, reportOf)).toEqual(before);
    expect(totalOf(await store.spend.groups(ALL_TIME.since, ALL_TIME.until))).toEqual(allBefore);
    expect(await store.modelCalls.ticketCost(oldTicket)).toEqual(costBefore);
    expect(await new BudgetGuard({ dailyUsd: 1, monthlyUsd: 10, alertThreshold: 0.8, urgentReserve: 0.1, timeZone: ZONE }, store.modelCalls, () => now).status()).toEqual(budgetBefore);
    // The detail is gone; the checkpoint that pointed at it stays (a resumed ticket still does not pay twice).
    expect(await store.modelCalls.forTicket(oldTicket)).toEqual([]);
    expect(await store.stageResults.find(oldTicket, '1:classify')).toMatchObject({ modelCallId: null, output: { urgency: 'high' } });
    expect(await store.modelCalls.forTicket(newTicket)).toHaveLength(1);
    // Old buckets are whole local days now: each starts at midnight New York time.
    const spans = store.sqlite.prepare('select distinct ends_at - starts_at as span from spend_buckets where starts_at < ?').all(run?.cutoff.getTime()) as { span: number }[];
    expect(spans.map((row) => row.span)).toEqual([86_400_000]);

    // A second pass has nothing to do.
    expect(await applyLedgerRetention(store.spend, { days: 90, timeZone: ZONE, now })).toMatchObject({ merged: 0, deleted: 0 });
    expect(await mapAsync(weeks, reportOf)).toEqual(before);
  });

  it('keeps every call when retention is 0', async () => {
    const now = new Date('2026-12-01T15:00:00Z');
    await seed(now);
    expect(await applyLedgerRetention(store.spend, { days: 0, timeZone: ZONE, now })).toBeNull();
    expect(totalOf(await store.spend.groups(ALL_TIME.since, ALL_TIME.until)).calls).toBe(91);
  });
});
