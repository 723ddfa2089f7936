/**
 * The SLA store port (src/sla/sla-store.ts) in SQLite: a ticket's clocks in
 * `ticket_sla`, alert claims in `sla_alerts` whose unique key makes the
 * first claimer the only poster, across processes.
 */
import { and, asc, eq, gte, isNotNull, lt, lte } from 'drizzle-orm';
import type { SlaState } from '../../sla/sla-state.js';
import type { SlaAlertClaim, SlaAlertKey, SlaAlertStatus, SlaRepositorySync } from '../../sla/sla-store.js';
import type { Db } from '../db.js';
import { slaAlerts, ticketSla } from '../schema.js';

type Row = typeof ticketSla.$inferSelect;

const keyIs = (key: SlaAlertKey) =>
  and(
    eq(slaAlerts.ticketId, key.ticketId),
    eq(slaAlerts.clock, key.clock),
    eq(slaAlerts.period, key.period),
    eq(slaAlerts.kind, key.kind),
    eq(slaAlerts.destination, key.destination),
  );

export class SqliteSlaRepository implements SlaRepositorySync {
  constructor(
    private readonly db: Db,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  due(now: Date, limit: number): SlaState[] {
    return this.db
      .select()
      .from(ticketSla)
      .where(and(isNotNull(ticketSla.nextAlertAt), lte(ticketSla.nextAlertAt, now)))
      .orderBy(asc(ticketSla.nextAlertAt), asc(ticketSla.ticketId))
      .limit(limit)
      .all()
      .map(toState);
  }

  find(ticketId: number): SlaState | null {
    const row = this.db.select().from(ticketSla).where(eq(ticketSla.ticketId, ticketId)).get();
    return row ? toState(row) : null;
  }

  /** All states opened in [from, to): what attainment is computed from. */
  openedBetween(from: Date, to: Date): SlaState[] {
    return this.db
      .select()
      .from(ticketSla)
      .where(and(gte(ticketSla.openedAt, from), lt(ticketSla.openedAt, to)))
      .all()
      .map(toState);
  }

  update(ticketId: number, change: (current: SlaState | null) => SlaState | null): SlaState | null {
    return this.transaction(() => {
      const next = change(this.find(ticketId));
      if (next === null) return this.find(ticketId);
      const row = { ...next, ticketId };
      this.db.insert(ticketSla).values(row).onConflictDoUpdate({ target: ticketSla.ticketId, set: row }).run();
      return this.find(ticketId);
    });
  }

  claimAlert(key: SlaAlertKey, at: Date): boolean {
    const inserted = this.db
      .insert(slaAlerts)
      .values({ ...key, status: 'posting', claimedAt: at, settledAt: null })
      .onConflictDoNothing()
      .returning({ id: slaAlerts.id })
      .all();
    return inserted.length > 0;
  }

  findAlert(key: SlaAlertKey): SlaAlertClaim | null {
    const row = this.db.select().from(slaAlerts).where(keyIs(key)).get();
    if (!row) return null;
    return { ticketId: row.ticketId, clock: row.clock, period: row.period, kind: row.kind, destination: row.destination, status: row.status, claimedAt: row.claimedAt, settledAt: row.settledAt };
  }

  settleAlert(key: SlaAlertKey, status: Exclude<SlaAlertStatus, 'posting'>, at: Date): void {
    this.db.update(slaAlerts).set({ status, settledAt: at }).where(and(keyIs(key), eq(slaAlerts.status, 'posting'))).run();
  }

  releaseAlert(key: SlaAlertKey): void {
    this.db.delete(slaAlerts).where(and(keyIs(key), eq(slaAlerts.status, 'posting'))).run();
  }
}

function toState(row: Row): SlaState {
  return { ...row };
}
