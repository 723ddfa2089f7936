/**
 * The one place operations read the store (see OpsReadings in
 * src/ports/ops.ts). Each reading is an async function even where today's
 * repository answers at once: when the repositories return promises, only
 * this file changes.
 */
import { IN_PROGRESS_STATUSES, type TicketStatus } from '../domain/index.js';
import type { BudgetGuard } from '../policy/budget.js';
import type { Store } from '../store/types.js';
import type { BudgetReading, OpsReadings } from '../ports/ops.js';

/** Far enough past now that every ticket's creation time falls before it, whatever the clock did. */
const ALL_TIME_UNTIL_MS = 8_640_000_000_000_000;

export function storeReadings(store: Pick<Store, 'tickets'>, budget: Pick<BudgetGuard, 'enabled' | 'status'>): OpsReadings {
  const ticketsByState = async (): Promise<Partial<Record<TicketStatus, number>>> =>
    // The quarter-hour buckets behind countsBetween keep "status now" for every ticket: a few rows, not a table scan.
    (await store.tickets.countsBetween(new Date(0), new Date(ALL_TIME_UNTIL_MS))).byStatus as Partial<Record<TicketStatus, number>>;
  return {
    ticketsByState,
    async workInHand() {
      const byState = await ticketsByState();
      return IN_PROGRESS_STATUSES.reduce((sum, status) => sum + (byState[status] ?? 0), 0);
    },
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
