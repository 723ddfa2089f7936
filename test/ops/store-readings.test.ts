/** The store reads behind the gauges and the readiness ping, on a real SQLite store. */
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetGuard } from '../../src/policy/budget.js';
import { storeReadings } from '../../src/ops/store-readings.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('ops-readings');
afterAll(() => dir.cleanup());

function message(id: string, receivedAt: Date) {
  return { thread: { platform: 'console' as const, channelId: 'C1', threadId: id }, messageId: id, customer: { id: 'cust' }, text: `question ${id}`, receivedAt };
}

describe('store readings', () => {
  it('counts tickets by state now, over all time, and the work in hand', async () => {
    const store = openSqliteStore(dir.file('counts.db'));
    const budget = new BudgetGuard({ dailyUsd: null, monthlyUsd: null, alertThreshold: 0.8, urgentReserve: 0.1, timeZone: 'UTC' }, store.modelCalls);
    try {
      const readings = storeReadings(store, budget);
      // One ticket from long ago, two from now; one of them moves on.
      await store.tickets.intake(message('old', new Date('2020-01-01T00:00:00Z')), 'w1');
      const a = (await store.tickets.intake(message('a', new Date()), 'w1')).ticket.id;
      await store.tickets.intake(message('b', new Date()), 'w1');
      await store.tickets.transition(a, 'awaiting_review', 'test');
      expect(await readings.ticketsByState()).toEqual({ received: 2, awaiting_review: 1 });
      expect(await readings.workInHand()).toBe(2);
      expect(await readings.budgetLevels()).toEqual([]);
      await expect(readings.storeAlive()).resolves.toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('reads each cap’s share used, and the ping fails once the store is closed', async () => {
    const store = openSqliteStore(dir.file('caps.db'));
    const budget = new BudgetGuard({ dailyUsd: 1, monthlyUsd: 20, alertThreshold: 0.8, urgentReserve: 0.1, timeZone: 'UTC' }, store.modelCalls);
    const readings = storeReadings(store, budget);
    expect(await readings.budgetLevels()).toEqual([
      { period: 'daily', usedFraction: 0 },
      { period: 'monthly', usedFraction: 0 },
    ]);
    store.close();
    await expect(readings.storeAlive()).rejects.toThrow(/not open|closed/i);
  });
});
