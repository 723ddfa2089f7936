/**
 * The ledger's aggregates on every store (backends.ts): reports read sums
 * kept by triggers (SQLite) or plpgsql triggers (Postgres), exact to the
 * nano-dollar, before and after retention rolls quarter hours into days and
 * deletes old calls. Cases moved here from test/store.test.ts run on both.
 */
import { expect, it } from 'vitest';
import { ALL_TIME, totalOf, totalsBy } from '../../src/store/spend-sums.js';
import type { Store } from '../../src/store/types.js';
import { contractSuite } from './backends.js';
import { message, modelCall } from './fixtures.js';

async function ticket(store: Store, n: number, receivedAt = new Date('2026-11-20T10:00:00.000Z')): Promise<number> {
  return (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: `t${n}` }, messageId: `m${n}`, receivedAt }))).ticket.id;
}

contractSuite('spend', (context) => {
  it('sums spend per tier, platform and shadow flag, in whole nano-dollars', async () => {
    const { store } = context;
    const a = await ticket(store, 1);
    const b = await ticket(store, 2);
    await store.modelCalls.record(modelCall({ ticketId: a, tier: 'nano', costNanos: 1_000_000, usage: { input: 100, cachedInput: 20, output: 10, reasoning: 0 } }));
    await store.modelCalls.record(modelCall({ ticketId: a, tier: 'nano', costNanos: 2_000_000, usage: { input: 300, cachedInput: 0, output: 30, reasoning: 0 }, outcome: 'MODEL_TIMEOUT' }));
    await store.modelCalls.record(modelCall({ ticketId: a, tier: 'flagship', stage: 'second_opinion', costNanos: 50_000_000, usage: { input: 1000, cachedInput: 500, output: 200, reasoning: 100 } }));
    await store.modelCalls.record(modelCall({ ticketId: b, tier: 'mini', costNanos: 0, estimatedCostNanos: 4_000_000, usage: { input: 50, cachedInput: 0, output: 5, reasoning: 0 } }));
    await store.modelCalls.record(modelCall({ ticketId: null, tier: 'mini', costNanos: 10_000_000, usage: { input: 10, cachedInput: 0, output: 1, reasoning: 0 } }));
    await store.modelCalls.record(modelCall({ ticketId: a, tier: 'flagship', costNanos: 7_000_000, shadow: true }));

    const groups = await store.spend.groups(ALL_TIME.since, ALL_TIME.until);
    const byTier = Object.fromEntries([...totalsBy(groups.filter((group) => !group.shadow), (group) => group.tier)]);
    expect(Object.keys(byTier).sort()).toEqual(['flagship', 'mini', 'nano']);
    expect(byTier.nano).toMatchObject({ calls: 2, failedCalls: 1, inputTokens: 400, cachedInputTokens: 20, outputTokens: 40, costNanos: 3_000_000, estimatedCostNanos: 0 });
    expect(byTier.mini).toMatchObject({ calls: 2, inputTokens: 60, outputTokens: 6, costNanos: 10_000_000, estimatedCostNanos: 4_000_000 });
    expect(byTier.flagship).toMatchObject({ calls: 1, inputTokens: 1000, cachedInputTokens: 500, outputTokens: 200, reasoningTokens: 100, costNanos: 50_000_000, newSecondOpinions: 1 });
    expect(groups.find((group) => group.tier === 'mini' && group.platform === null)).toMatchObject({ channelId: null, costNanos: 10_000_000 });
    expect(groups.find((group) => group.shadow)).toMatchObject({ tier: 'flagship', platform: 'slack', channelId: 'C1', costNanos: 7_000_000 });
    expect(totalOf(groups)).toMatchObject({ costNanos: 70_000_000, newTickets: 2, newSecondOpinions: 1 });
  });

  it('filters spend by time window, on quarter hours and between them', async () => {
    const { store } = context;
    await store.modelCalls.record(modelCall({ createdAt: new Date('2026-11-24T10:07:00Z') }));
    const calls = async (since: string, until: string) => totalOf(await store.spend.groups(new Date(since), new Date(until))).calls;
    expect(await calls('2026-11-24T10:00:00Z', '2026-11-24T10:15:00Z')).toBe(1);
    expect(await calls('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z')).toBe(1);
    expect(await calls('2026-11-24T10:07:00Z', '2026-11-24T10:07:00.001Z')).toBe(1);
    expect(await calls('2026-11-24T10:07:00.001Z', '2026-11-24T12:00:00Z')).toBe(0);
    expect(await calls('2026-11-24T09:00:00Z', '2026-11-24T10:07:00Z')).toBe(0);
    expect(await calls('2026-11-24T10:01:00Z', '2026-11-24T11:00:00Z')).toBe(1);
    expect(await store.spend.groups(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z'))).toEqual([
      expect.objectContaining({ tier: 'nano', stage: 'classify', platform: null, shadow: false, calls: 1, costNanos: 1_000_000, newTickets: 0 }),
    ]);
  });

  it('ranks the costliest tickets opened in a period', async () => {
    const { store } = context;
    const a = await ticket(store, 1);
    const b = await ticket(store, 2);
    const late = await ticket(store, 3, new Date('2026-11-27T10:00:00.000Z'));
    await store.modelCalls.record(modelCall({ ticketId: a, costNanos: 5 }));
    await store.modelCalls.record(modelCall({ ticketId: b, costNanos: 9 }));
    await store.modelCalls.record(modelCall({ ticketId: b, costNanos: 1 }));
    await store.modelCalls.record(modelCall({ ticketId: late, costNanos: 100 }));
    expect(await store.spend.topTickets(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z'), 5)).toEqual([
      { ticketId: b, calls: 2, costNanos: 10, estimatedCostNanos: 0 },
      { ticketId: a, calls: 1, costNanos: 5, estimatedCostNanos: 0 },
    ]);
    expect(await store.spend.topTickets(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z'), 1)).toHaveLength(1);
  });

  it('counts a ticket routed for the same reason twice once', async () => {
    const { store } = context;
    const id = await ticket(store, 1);
    await store.triage.saveDecision(id, { route: 'flagship_review', reasons: ['risk_refund', 'low_confidence'], decidedBy: 'nano' }, []);
    await store.triage.saveDecision(id, { route: 'flagship_review', reasons: ['risk_refund', 'flagship_deferred'], decidedBy: 'policy' }, []);
    await store.triage.saveDecision(id, { route: 'human_only', reasons: ['budget_no_draft'], decidedBy: 'policy' }, []);
    const now = [new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000)] as const;
    const byCode = async (filter: { route?: string; prefix?: string }) => Object.fromEntries((await store.spend.decisionReasons(...now, filter)).map((reason) => [reason.code, reason.tickets]));
    expect(await byCode({ route: 'flagship_review' })).toEqual({ risk_refund: 1, low_confidence: 1, flagship_deferred: 1 });
    expect(await byCode({ prefix: 'budget_' })).toEqual({ budget_no_draft: 1 });
    expect(await byCode({})).toEqual({ risk_refund: 1, low_confidence: 1, flagship_deferred: 1, budget_no_draft: 1 });
  });

  it('counts a reason once when two connections save decisions of one ticket at once', async () => {
    const { store } = context;
    const other = await context.another();
    const id = await ticket(store, 1);
    const decide = (on: Store) => on.triage.saveDecision(id, { route: 'flagship_review', reasons: ['risk_refund'], decidedBy: 'nano' }, []);
    await Promise.all([decide(store), decide(other), decide(store), decide(other)]);
    const now = [new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000)] as const;
    expect(await store.spend.decisionReasons(...now, { route: 'flagship_review' })).toEqual([{ code: 'risk_refund', tickets: 1 }]);
  });

  it('rolls a day of quarter hours into one bucket and deletes old calls, reports unchanged', async () => {
    const { store } = context;
    const id = await ticket(store, 1, new Date('2026-11-20T00:00:00.000Z'));
    const stageCall = await store.modelCalls.record(modelCall({ ticketId: id, costNanos: 3, createdAt: new Date('2026-11-20T10:07:00Z') }));
    await store.stageResults.save({ ticketId: id, key: '1:classify', stage: 'classify', tier: 'nano', promptVersion: 'c@1', fellBack: false, output: {}, modelCallId: stageCall });
    await store.modelCalls.record(modelCall({ ticketId: id, costNanos: 4, createdAt: new Date('2026-11-20T16:30:00Z') }));
    await store.modelCalls.record(modelCall({ ticketId: null, costNanos: 5, createdAt: new Date('2026-11-21T08:00:00Z') }));
    const day = [new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z')] as const;
    const before = await store.spend.groups(...day);
    expect(await store.spend.firstQuarterHourBefore(new Date('2026-11-21T00:00:00Z'))).toEqual(new Date('2026-11-20T10:00:00Z'));
    expect(await store.spend.rollUp(...day)).toBe(2);
    expect(await store.spend.firstQuarterHourBefore(new Date('2026-11-21T00:00:00Z'))).toBeNull();
    expect(await store.spend.deleteCallsBefore(new Date('2026-11-21T00:00:00Z'), 1)).toBe(1);
    expect(await store.spend.deleteCallsBefore(new Date('2026-11-21T00:00:00Z'), 10)).toBe(1);
    expect(await store.modelCalls.forTicket(id)).toEqual([]);
    expect((await store.stageResults.find(id, '1:classify'))?.modelCallId).toBeNull();
    expect(await store.spend.groups(...day)).toEqual(before);
    expect(totalOf(await store.spend.groups(ALL_TIME.since, ALL_TIME.until))).toMatchObject({ calls: 3, costNanos: 12, newTickets: 1 });
    expect(await store.modelCalls.ticketCost(id)).toEqual({ costNanos: 7, estimatedCostNanos: 0 });
  });
});
