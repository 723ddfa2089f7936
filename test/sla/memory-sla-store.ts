/**
 * TEST DOUBLE of the SLA store port (src/sla/sla-store.ts), in memory. It
 * keeps the port's promises the SQLite store must keep too: a claim is
 * unique per key (first caller wins), release drops only a `posting` claim,
 * `update` applies its change atomically, `due` reads the next-alert index.
 * The watcher tests take a store factory, so the SQLite store runs them too.
 */
import type { SlaState } from '../../src/sla/sla-state.js';
import type { SlaAlertClaim, SlaAlertKey, SlaAlertStatus, SlaStore } from '../../src/sla/sla-store.js';

const keyText = (key: SlaAlertKey): string => [key.ticketId, key.clock, key.period, key.kind, key.destination].join('|');

export class MemorySlaStore implements SlaStore {
  private readonly states = new Map<number, SlaState>();
  private readonly claims = new Map<string, SlaAlertClaim>();

  async due(now: Date, limit: number): Promise<SlaState[]> {
    return [...this.states.values()]
      .filter((state) => state.nextAlertAt !== null && state.nextAlertAt.getTime() <= now.getTime())
      .sort((a, b) => (a.nextAlertAt?.getTime() ?? 0) - (b.nextAlertAt?.getTime() ?? 0) || a.ticketId - b.ticketId)
      .slice(0, limit)
      .map(copy);
  }

  async find(ticketId: number): Promise<SlaState | null> {
    const state = this.states.get(ticketId);
    return state ? copy(state) : null;
  }

  async update(ticketId: number, change: (current: SlaState | null) => SlaState | null): Promise<SlaState | null> {
    const next = change(await this.find(ticketId));
    if (next === null) return this.find(ticketId);
    this.states.set(ticketId, copy({ ...next, ticketId }));
    return this.find(ticketId);
  }

  async claimAlert(key: SlaAlertKey, at: Date): Promise<boolean> {
    const id = keyText(key);
    if (this.claims.has(id)) return false;
    this.claims.set(id, { ...key, status: 'posting', claimedAt: at, settledAt: null });
    return true;
  }

  async findAlert(key: SlaAlertKey): Promise<SlaAlertClaim | null> {
    const claim = this.claims.get(keyText(key));
    return claim ? { ...claim } : null;
  }

  async settleAlert(key: SlaAlertKey, status: Exclude<SlaAlertStatus, 'posting'>, at: Date): Promise<void> {
    const claim = this.claims.get(keyText(key));
    if (claim?.status === 'posting') this.claims.set(keyText(key), { ...claim, status, settledAt: at });
  }

  async releaseAlert(key: SlaAlertKey): Promise<void> {
    if (this.claims.get(keyText(key))?.status === 'posting') this.claims.delete(keyText(key));
  }

  /** Every claim, for assertions. */
  allClaims(): SlaAlertClaim[] {
    return [...this.claims.values()].map((claim) => ({ ...claim }));
  }
}

/** Stored rows do not share Date objects with callers, as a database would not. */
function copy(state: SlaState): SlaState {
  const clone = { ...state };
  for (const [key, value] of Object.entries(clone)) {
    if (value instanceof Date) (clone as Record<string, unknown>)[key] = new Date(value.getTime());
  }
  return clone;
}
