/**
 * The report's numbers against sums worked out by hand on a seeded ledger.
 * The week is in America/New_York, so its edges (Monday 05:00 UTC in
 * November) differ from UTC midnight: calls an hour either side of the
 * boundary must land in the right week and on the right local day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage, ModelTier, Stage, TicketStatus } from '../../src/domain/index.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { DEFAULT_PRICE_TABLE } from '../../src/models/pricing.js';
import { TierRegistry } from '../../src/models/tiers.js';
import { daysOf, weekContaining, weekOfDate } from '../../src/periods.js';
import { BudgetGuard } from '../../src/policy/budget.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { tempDir } from '../support/temp-dir.js';

const ZONE = 'America/New_York';
const tiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, DEFAULT_PRICE_TABLE);

let dir: ReturnType<typeof tempDir>;
let store: Store;

beforeEach(() => {
  dir = tempDir('weekly-report');
  store = openSqliteStore(dir.file('triage.db'));
});

afterEach(() => {
  store.close();
  dir.cleanup();
});

async function ticket(platform: 'slack' | 'discord', channelId: string, threadId: string, at: string, subject: string, path: TicketStatus[]): Promise<number> {
  const message: InboundMessage = {
    thread: { platform, channelId, threadId },
    messageId: `m-${threadId}`,
    customer: { id: `cust-${threadId}` },
    subject,
    text: `${subject} (body)`,
    receivedAt: new Date(at),
  };
  const { ticket: opened } = await store.tickets.intake(message);
  for (const status of path) await store.tickets.transition(opened.id, status);
  return opened.id;
}

async function call(ticketId: number | null, stage: Stage, tier: ModelTier, tokens: [number, number, number], costUsd: number, at: string, outcome = 'ok'): Promise<void> {
  await store.modelCalls.record({
    ticketId,
    stage,
    tier,
    provider: 'openai',
    model: tiers.get(tier).model,
    requestId: null,
    promptName: stage,
    promptVersion: `${stage}@test`,
    usage: { input: tokens[0], cachedInput: tokens[1], output: tokens[2], reasoning: 0 },
    costNanos: Math.round(costUsd * 1e9),
    estimatedCostNanos: null,
    priceVersion: 'test',
    latencyMs: 10,
    outcome,
    errorMessage: null,
    rawUsage: null,
    createdAt: new Date(at),
  });
}

/**
 * Week of Monday 2026-11-16 in New York: 2026-11-16T05:00Z to 2026-11-23T05:00Z.
 * Costs below are the price formula worked by hand (USD per 1M tokens:
 * nano 0.20 / 0.02 / 1.25, mini 0.75 / 0.075 / 4.50, flagship 2.50 / 0.25 / 15).
 */
async function seed(): Promise<{ a: number; b: number; c: number; d: number }> {
  const a = await ticket('slack', 'C0SUPPORT1', '1763391600.000100', '2026-11-17T15:00:00Z', 'Double charge', ['triaged', 'drafted', 'approved', 'sent']);
  const b = await ticket('discord', '1100000000000000001', '1300000000000000002', '2026-11-18T11:00:00Z', 'Refund for a broken order', [
    'triaged',
    'drafted',
    'flagship_review',
    'awaiting_review',
  ]);
  const c = await ticket('slack', 'C0BILLING2', '1763640000.000300', '2026-11-20T11:00:00Z', 'thanks!', ['closed']);
  // Sunday 23:00 in New York, Monday 04:00 UTC: the previous week.
  const d = await ticket('slack', 'C0SUPPORT1', '1763265600.000400', '2026-11-16T04:00:00Z', 'Old question', []);
  // Decided when b was triaged (saveDecision stamps decisions with the store's clock, so written here as a migration would).
  store.sqlite
    .prepare("insert into routing_decisions (ticket_id, route, reasons, decided_by, prompt_versions, created_at) values (?, 'flagship_review', ?, 'nano', '[]', ?)")
    .run(b, JSON.stringify(['risk_refund', 'low_confidence', 'flagship_deferred']), Date.parse('2026-11-18T12:00:01Z'));

  // 200 uncached × 0.20 + 800 cached × 0.02 + 100 out × 1.25 = 181 µ$
  await call(a, 'classify', 'nano', [1_000, 800, 100], 181e-6, '2026-11-17T16:00:00Z');
  // 976 × 0.75 + 1,024 × 0.075 + 500 × 4.50 = 3,058.8 µ$
  await call(a, 'draft', 'mini', [2_000, 1_024, 500], 3_058.8e-6, '2026-11-17T16:00:05Z');
  // 1,000 × 0.20 + 100 × 1.25 = 325 µ$
  await call(b, 'classify', 'nano', [1_000, 0, 100], 325e-6, '2026-11-18T12:00:00Z');
  // Sunday 23:59 in New York (Monday 04:59 UTC): still this week, on Sunday.
  // 2,000 × 2.50 + 1,000 × 0.25 + 400 × 15 = 11,250 µ$
  await call(b, 'second_opinion', 'flagship', [3_000, 1_000, 400], 11_250e-6, '2026-11-23T04:59:00Z');
  await call(c, 'classify', 'nano', [0, 0, 0], 0, '2026-11-20T12:00:00Z', 'MODEL_TIMEOUT');
  // The previous week (Sunday 23:59 New York): 1,000 × 0.75 + 800 × 4.50 = 4,350 µ$
  await call(d, 'summarize', 'mini', [1_000, 0, 800], 4_350e-6, '2026-11-16T04:59:00Z');
  // The next week (Monday 00:00 New York): excluded.
  await call(b, 'second_opinion', 'flagship', [10_000, 0, 5_000], 0.1, '2026-11-23T05:00:00Z');
  return { a, b, c, d };
}

describe('weekly report numbers', () => {
  it('sums a seeded week in a non-UTC time zone by hand', async () => {
    const { a, b, c } = await seed();
    const week = weekOfDate('2026-11-18', ZONE);
    expect(week.since.toISOString()).toBe('2026-11-16T05:00:00.000Z');
    expect(week.until.toISOString()).toBe('2026-11-23T05:00:00.000Z');

    const report = await buildWeeklyReport({ store, tiers, budget: null, timeZone: ZONE }, week);
    const total = 181e-6 + 3_058.8e-6 + 325e-6 + 11_250e-6; // 14,814.8 µ$

    expect(report.week).toMatchObject({ start: '2026-11-16', end: '2026-11-22', timeZone: ZONE });
    expect(report.totals.calls).toBe(5);
    expect(report.totals.failedCalls).toBe(1);
    expect(report.totals.costUsd).toBeCloseTo(total, 12);
    // Money is summed in whole nano-dollars: the total is exactly 14,814,800.
    expect(report.totals.costNanos).toBe(14_814_800);
    expect(report.totals.estimatedCostUsd).toBe(0);
    expect(report.totals.inputTokens).toBe(7_000);
    expect(report.totals.cachedInputTokens).toBe(2_824);
    expect(report.totals.outputTokens).toBe(1_100);

    expect(report.previousWeek.costUsd).toBeCloseTo(4_350e-6, 12);
    expect(report.previousWeek.changeUsd).toBeCloseTo(total - 4_350e-6, 12);
    expect(report.previousWeek.changeFraction).toBeCloseTo((total - 4_350e-6) / 4_350e-6, 9);

    expect(report.byTier.map((line) => [line.key, line.calls])).toEqual([
      ['nano', 3],
      ['mini', 1],
      ['flagship', 1],
    ]);
    expect(report.byTier[0]?.costUsd).toBeCloseTo(506e-6, 12);
    expect(report.byTier[1]?.costUsd).toBeCloseTo(3_058.8e-6, 12);
    expect(report.byTier[2]?.costUsd).toBeCloseTo(11_250e-6, 12);
    expect(report.byModel.map((line) => line.key)).toEqual(['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano']);
    expect(report.byStage.map((line) => [line.key, line.calls])).toEqual([
      ['classify', 3],
      ['extract', 0],
      ['draft', 1],
      ['summarize', 0],
      ['second_opinion', 1],
    ]);
    expect(report.byPlatform.map((line) => line.key)).toEqual(['discord', 'slack']);
    expect(report.byPlatform[0]?.costUsd).toBeCloseTo(11_575e-6, 12);
    expect(report.byPlatform[1]?.costUsd).toBeCloseTo(3_239.8e-6, 12);
    expect(report.byChannel.map((channel) => [channel.platform, channel.channelId, channel.tickets, channel.calls])).toEqual([
      ['discord', '1100000000000000001', 1, 2],
      ['slack', 'C0SUPPORT1', 1, 2],
      ['slack', 'C0BILLING2', 1, 1],
    ]);

    // Tickets opened this week: a, b, c (d opened Sunday night New York time).
    expect(report.tickets.handled).toBe(3);
    expect(report.tickets.resolved).toBe(2);
    expect(report.tickets.costPerTicketUsd).toBeCloseTo(total / 3, 12);
    expect(report.tickets.costPerResolvedTicketUsd).toBeCloseTo(total / 2, 12);

    expect(report.secondOpinions.tickets).toBe(1);
    expect(report.secondOpinions.rate).toBeCloseTo(1 / 3, 12);
    expect(report.secondOpinions.costUsd).toBeCloseTo(11_250e-6, 12);
    expect(report.secondOpinions.reasons).toEqual([
      { code: 'low_confidence', tickets: 1 },
      { code: 'risk_refund', tickets: 1 },
    ]);

    expect(report.cache.share).toBeCloseTo(2_824 / 7_000, 12);
    // At flagship prices: 2,200 + 10,196 + 4,000 + 11,250 = 27,646 µ$.
    expect(report.flagshipEquivalent.model).toBe('gpt-5.4');
    expect(report.flagshipEquivalent.costUsd).toBeCloseTo(27_646e-6, 12);
    expect(report.flagshipEquivalent.savingUsd).toBeCloseTo(27_646e-6 - total, 12);
    expect(report.flagshipEquivalent.savingFraction).toBeCloseTo((27_646e-6 - total) / 27_646e-6, 9);

    // The week's tickets by what they have cost so far: b's second opinion next week counts too.
    expect(report.topTickets.map((entry) => entry.ticketId)).toEqual([b, a, c]);
    expect(report.topTickets[0]).toMatchObject({ platform: 'discord', threadId: '1300000000000000002', title: 'Refund for a broken order', calls: 3 });
    expect(report.topTickets[0]?.costNanos).toBe(11_575_000 + 100_000_000);

    expect(report.daily.map((day) => day.date)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(report.daily[1]?.byTier.nano).toBeCloseTo(181e-6, 12);
    expect(report.daily[1]?.byTier.mini).toBeCloseTo(3_058.8e-6, 12);
    expect(report.daily[2]?.byTier.nano).toBeCloseTo(325e-6, 12);
    expect(report.daily[6]?.byTier.flagship).toBeCloseTo(11_250e-6, 12);
    const dailyTotal = report.daily.reduce((sum, day) => sum + day.byTier.nano + day.byTier.mini + day.byTier.flagship, 0);
    expect(dailyTotal).toBeCloseTo(total, 12);
    expect(report.budget).toBeNull();
  });

  it('puts the same calls in other weeks when the zone is UTC', async () => {
    await seed();
    const report = await buildWeeklyReport({ store, tiers, budget: null, timeZone: 'UTC' }, weekOfDate('2026-11-18', 'UTC'));
    // In UTC the 04:59 Monday calls belong to the next week and the previous week's summarize to this one.
    expect(report.byStage.find((line) => line.key === 'second_opinion')?.calls).toBe(0);
    expect(report.byStage.find((line) => line.key === 'summarize')?.calls).toBe(1);
    expect(report.tickets.handled).toBe(4);
  });

  it('keeps a daylight-saving week to seven local days', () => {
    // US clocks go back on Sunday 2026-11-01: that week is 7 days and 1 hour long.
    const week = weekOfDate('2026-10-28', ZONE);
    expect(week.until.getTime() - week.since.getTime()).toBe((7 * 24 + 1) * 3_600_000);
    const days = daysOf(week, ZONE);
    expect(days.map((day) => day.key)).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01']);
    expect(days.at(-1)?.until.toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('reports an empty week without dividing by zero', async () => {
    const report = await buildWeeklyReport({ store, tiers, budget: null, timeZone: ZONE }, weekOfDate('2026-11-18', ZONE));
    expect(report.totals.costUsd).toBe(0);
    expect(report.previousWeek.changeFraction).toBeNull();
    expect(report.tickets.costPerTicketUsd).toBeNull();
    expect(report.secondOpinions.rate).toBeNull();
    expect(report.cache.share).toBeNull();
    expect(report.flagshipEquivalent.savingFraction).toBeNull();
    expect(report.topTickets).toEqual([]);
    expect(report.daily).toHaveLength(7);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('counts tickets the budget degraded, and reports the budget now', async () => {
    const now = new Date();
    const id = await ticket('slack', 'C0SUPPORT1', '1.1', now.toISOString(), 'Where is my order?', []);
    await store.triage.saveDecision(id, { route: 'human_only', reasons: ['low_confidence', 'budget_no_draft'], decidedBy: 'nano' }, []);
    await call(id, 'classify', 'nano', [1_000, 0, 0], 0.5, now.toISOString());
    const budget = new BudgetGuard({ dailyUsd: 1, monthlyUsd: null, alertThreshold: 0.8, urgentReserve: 0.1, timeZone: 'UTC' }, store.modelCalls, () => now);
    const report = await buildWeeklyReport({ store, tiers, budget, timeZone: 'UTC' }, weekContaining(now, 'UTC'));
    expect(report.budgetDegraded).toEqual([{ code: 'budget_no_draft', tickets: 1 }]);
    expect(report.budget?.daily).toMatchObject({ capUsd: 1, spentUsd: 0.5, leftUsd: 0.5, usedFraction: 0.5 });
    expect(report.budget?.level).toBe('normal');
  });

  it('lists embeddings after the stages, in the cheap tier, and does not reprice them as the flagship', async () => {
    const id = await ticket('slack', 'C0SUPPORT1', '3.3', '2026-11-17T15:00:00Z', 'Where is my refund?', []);
    // 1,000 × 0.20 + 100 × 1.25 = 325 µ$
    await call(id, 'classify', 'nano', [1_000, 0, 100], 325e-6, '2026-11-17T16:00:00Z');
    for (const [ticketId, tokens] of [
      [null, 40_000],
      [id, 20],
    ] as const) {
      await store.modelCalls.record({
        ticketId,
        stage: 'embed',
        tier: 'nano',
        provider: 'openai',
        model: 'text-embedding-3-small',
        requestId: null,
        promptName: ticketId === null ? 'embed_passages' : 'embed_query',
        promptVersion: 'embed@test',
        usage: { input: tokens, cachedInput: 0, output: 0, reasoning: 0 },
        costNanos: tokens * 20,
        estimatedCostNanos: null,
        priceVersion: 'test',
        latencyMs: 5,
        outcome: 'ok',
        errorMessage: null,
        rawUsage: null,
        createdAt: new Date('2026-11-17T16:00:01Z'),
      });
    }
    const report = await buildWeeklyReport({ store, tiers, budget: null, timeZone: ZONE }, weekOfDate('2026-11-18', ZONE));
    const embeddings = (40_020 * 0.02) / 1_000_000; // 800.4 µ$
    expect(report.byStage.map((line) => line.key)).toEqual(['classify', 'extract', 'draft', 'summarize', 'second_opinion', 'embed']);
    expect(report.byStage.at(-1)).toMatchObject({ key: 'embed', calls: 2, inputTokens: 40_020 });
    expect(report.byStage.at(-1)?.costUsd).toBeCloseTo(embeddings, 12);
    expect(report.byTier.map((line) => [line.key, line.calls])).toEqual([
      ['nano', 3],
      ['mini', 0],
      ['flagship', 0],
    ]);
    expect(report.byModel.map((line) => line.key)).toEqual(['text-embedding-3-small', 'gpt-5.4-nano']);
    expect(report.daily[1]?.byTier.nano).toBeCloseTo(325e-6 + embeddings, 12);
    // Flagship: the classify call at 1,000 × 2.50 + 100 × 15 = 4,000 µ$, the embeddings at what they cost.
    expect(report.flagshipEquivalent.costUsd).toBeCloseTo(4_000e-6 + embeddings, 12);
    expect(report.flagshipEquivalent.savingUsd).toBeCloseTo(4_000e-6 - 325e-6, 12);
  });

  it('compares offline estimates with the flagship estimate', async () => {
    const id = await ticket('slack', 'C0SUPPORT1', '2.2', '2026-11-17T15:00:00Z', 'Offline', []);
    await store.modelCalls.record({
      ticketId: id,
      stage: 'classify',
      tier: 'nano',
      provider: 'offline',
      model: 'gpt-5.4-nano',
      requestId: null,
      promptName: 'classify',
      promptVersion: 'classify@test',
      usage: { input: 1_000, cachedInput: 0, output: 100, reasoning: 0 },
      costNanos: 0,
      estimatedCostNanos: 325_000,
      priceVersion: 'test',
      latencyMs: 1,
      outcome: 'ok',
      errorMessage: null,
      rawUsage: null,
      createdAt: new Date('2026-11-17T16:00:00Z'),
    });
    const report = await buildWeeklyReport({ store, tiers, budget: null, timeZone: ZONE }, weekOfDate('2026-11-18', ZONE));
    expect(report.totals.costUsd).toBe(0);
    expect(report.totals.estimatedCostUsd).toBeCloseTo(325e-6, 12);
    // Flagship: 1,000 × 2.50 + 100 × 15 = 4,000 µ$; saving against the estimate.
    expect(report.flagshipEquivalent.savingUsd).toBeCloseTo(4_000e-6 - 325e-6, 12);
  });
});
