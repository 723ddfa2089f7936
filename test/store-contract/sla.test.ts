/**
 * The SLA repository's contract on every store (backends.ts): states
 * round-trip with exact times, `update` is read-change-write in one
 * transaction (also under concurrent updates from two connections), and an
 * alert claim has one winner.
 */
import { expect, it } from 'vitest';
import type { SlaState } from '../../src/sla/sla-state.js';
import type { SlaAlertKey } from '../../src/sla/sla-store.js';
import type { Store } from '../../src/store/types.js';
import { contractSuite } from './backends.js';
import { message } from './fixtures.js';

function state(ticketId: number, overrides: Partial<SlaState> = {}): SlaState {
  const openedAt = new Date('2026-11-24T09:00:00.125Z');
  return {
    ticketId,
    urgency: 'high',
    openedAt,
    responsePeriod: 1,
    responseStartedAt: openedAt,
    firstResponseWarnAt: new Date('2026-11-24T09:45:00.000Z'),
    firstResponseDueAt: new Date('2026-11-24T10:00:00.000Z'),
    firstRespondedAt: null,
    warnedFirst: false,
    breachedFirst: false,
    firstReplyAt: null,
    responsesMet: 0,
    responsesBreached: 0,
    resolutionWarnAt: null,
    resolutionDueAt: new Date('2026-11-25T09:00:00.000Z'),
    resolvedAt: null,
    // More than 2^31 ms: a ticket paused for a month.
    resolutionPausedMs: 2_600_000_000,
    warnedResolution: false,
    breachedResolution: false,
    nextAlertAt: new Date('2026-11-24T09:45:00.000Z'),
    ...overrides,
  };
}

async function ticket(store: Store, n: number): Promise<number> {
  return (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: `t${n}` }, messageId: `m${n}` }))).ticket.id;
}

contractSuite('sla', (context) => {
  it('writes through update, reads states back exactly, due ones earliest first', async () => {
    const { store } = context;
    const a = await ticket(store, 1);
    const b = await ticket(store, 2);
    expect(await store.sla.find(a)).toBeNull();
    expect(await store.sla.update(a, (current) => (current ? null : state(a)))).toEqual(state(a));
    await store.sla.update(b, () => state(b, { nextAlertAt: new Date('2026-11-24T09:30:00.000Z'), openedAt: new Date('2026-11-25T00:00:00.000Z') }));
    // null from change: nothing written, the stored state returned.
    expect(await store.sla.update(a, () => null)).toEqual(state(a));
    expect((await store.sla.due(new Date('2026-11-24T09:50:00.000Z'), 10)).map((s) => s.ticketId)).toEqual([b, a]);
    expect((await store.sla.due(new Date('2026-11-24T09:50:00.000Z'), 1)).map((s) => s.ticketId)).toEqual([b]);
    expect(await store.sla.due(new Date('2026-11-24T09:00:00.000Z'), 10)).toEqual([]);
    expect((await store.sla.openedBetween(new Date('2026-11-24T00:00:00.000Z'), new Date('2026-11-25T00:00:00.000Z'))).map((s) => s.ticketId)).toEqual([a]);
    await store.sla.update(a, (current) => (current ? { ...current, warnedFirst: true, nextAlertAt: null } : null));
    expect(await store.sla.find(a)).toEqual(state(a, { warnedFirst: true, nextAlertAt: null }));
  });

  it('applies concurrent updates from two connections one after the other', async () => {
    const { store } = context;
    const other = await context.another();
    const id = await ticket(store, 1);
    await store.sla.update(id, () => state(id, { responsesMet: 0 }));
    const bump = (on: Store) => on.sla.update(id, (current) => (current ? { ...current, responsesMet: current.responsesMet + 1 } : null));
    await Promise.all(Array.from({ length: 10 }, (_, n) => bump(n % 2 ? other : store)));
    expect((await store.sla.find(id))?.responsesMet).toBe(10);
  });

  it('claims an alert once per destination, settles and releases only a claim in posting', async () => {
    const { store } = context;
    const other = await context.another();
    const id = await ticket(store, 1);
    const key: SlaAlertKey = { ticketId: id, clock: 'first_response', period: 1, kind: 'warning', destination: 'slack:C9' };
    const at = new Date('2026-11-24T09:45:00.010Z');
    const wins = await Promise.all([store.sla.claimAlert(key, at), other.sla.claimAlert(key, at)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.sla.claimAlert({ ...key, destination: 'discord:1' }, at)).toBe(true);
    expect(await store.sla.findAlert(key)).toEqual({ ...key, status: 'posting', claimedAt: at, settledAt: null });
    await store.sla.releaseAlert(key);
    expect(await store.sla.findAlert(key)).toBeNull();
    expect(await store.sla.claimAlert(key, at)).toBe(true);
    const settledAt = new Date('2026-11-24T09:45:01.000Z');
    await store.sla.settleAlert(key, 'posted', settledAt);
    await store.sla.settleAlert(key, 'abandoned', new Date());
    await store.sla.releaseAlert(key);
    expect(await store.sla.findAlert(key)).toEqual({ ...key, status: 'posted', claimedAt: at, settledAt });
  });
});
