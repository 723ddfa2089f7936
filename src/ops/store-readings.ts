/**
 * The one place operations read the store (see OpsReadings in
 * src/ports/ops.ts), whichever store it is (SQLite or Postgres).
 */
import { IN_PROGRESS_STATUSES, type TicketStatus } from '../domain/index.js';
import type { BudgetGuard } from '../policy/budget.js';
import { ALL_TIME } from '../store/spend-sums.js';
import type { Store } from '../store/types.js';
import type { BudgetReading, OpsReadings } from '../ports/ops.js';

/** The work queue as operations read it (TicketWorkflow). */
export interface QueueReading {
  readonly sharedQueue: boolean;
  queueDepth(): Promise<number>;
}

const NO_QUEUE: QueueReading = { sharedQueue: false, queueDepth: () => Promise.resolve(0) };

export function storeReadings(store: Pick<Store, 'tickets'>, budget: Pick<BudgetGuard, 'enabled' | 'status'>, queue: QueueReading = NO_QUEUE): OpsReadings {
  const ticketsByState = async (): Promise<Partial<Record<TicketStatus, number>>> =>
    // The quarter-hour buckets behind countsBetween keep "status now" for every ticket: a few rows, not a table scan.
    (await store.tickets.countsBetween(ALL_TIME.since, ALL_TIME.until)).byStatus as Partial<Record<TicketStatus, number>>;
  return {
    ticketsByState,
    async workInHand() {
      const byState = await ticketsByState();
      return IN_PROGRESS_STATUSES.reduce((sum, status) => sum + (byState[status] ?? 0), 0);
    },
    queueDepth: () => queue.queueDepth(),
    ...(queue.sharedQueue
      ? {
          async queueAlive() {
            await queue.queueDepth();
          },
        }
      : {}),
    async storeAlive() {
      // A primary-key lookup of a ticket that cannot exist: a round trip to the store and nothing more.
      await store.tickets.get(0);
    },
    async budgetLevels() {
      if (!budget.enabled) return [];
      const status = await budget.status();
      return [status.daily, status.monthly].flatMap((cap): BudgetReading[] => (cap ? [{ period: cap.period, usedFraction: cap.usedFraction }] : []));
    },
  };
}
