/**
 * The SLA store port in Postgres (see the SQLite repository): clocks in
 * `ticket_sla`, alert claims in `sla_alerts`, whose unique key makes the
 * first claimer the only poster. `update` reads, applies the pure `change`
 * and writes in one SERIALIZABLE transaction; on a conflict it runs again
 * from a fresh read, which the port allows (`change` is pure).
 */
import { and, asc, eq, gte, isNotNull, lt, lte } from 'drizzle-orm';
import type { SlaState } from '../../sla/sla-state.js';
import type { SlaAlertClaim, SlaAlertKey, SlaAlertStatus, SlaRepository } from '../../sla/sla-store.js';
import { slaAlerts, ticketSla } from './schema.js';
import type { PgSession } from './session.js';

const keyIs = (key: SlaAlertKey) =>
  and(eq(slaAlerts.ticketId, key.ticketId), eq(slaAlerts.clock, key.clock), eq(slaAlerts.period, key.period), eq(slaAlerts.kind, key.kind), eq(slaAlerts.destination, key.destination));

export class PgSlaRepository implements SlaRepository {
  constructor(private readonly session: PgSession) {}

  due(now: Date, limit: number): Promise<SlaState[]> {
    return this.session
      .db()
      .select()
      .from(ticketSla)
      .where(and(isNotNull(ticketSla.nextAlertAt), lte(ticketSla.nextAlertAt, now)))
      .orderBy(asc(ticketSla.nextAlertAt), asc(ticketSla.ticketId))
      .limit(limit);
  }

  async find(ticketId: number): Promise<SlaState | null> {
    const [row] = await this.session.db().select().from(ticketSla).where(eq(ticketSla.ticketId, ticketId));
    return row ?? null;
  }

  openedBetween(from: Date, to: Date): Promise<SlaState[]> {
    return this.session
      .db()
      .select()
      .from(ticketSla)
      .where(and(gte(ticketSla.openedAt, from), lt(ticketSla.openedAt, to)));
  }

  update(ticketId: number, change: (current: SlaState | null) => SlaState | null): Promise<SlaState | null> {
    return this.session.transaction(async () => {
      const next = change(await this.find(ticketId));
      if (next === null) return this.find(ticketId);
      const row = { ...next, ticketId };
      await this.session.db().insert(ticketSla).values(row).onConflictDoUpdate({ target: ticketSla.ticketId, set: row });
      return this.find(ticketId);
    });
  }

  async claimAlert(key: SlaAlertKey, at: Date): Promise<boolean> {
    const inserted = await this.session
      .db()
      .insert(slaAlerts)
      .values({ ...key, status: 'posting', claimedAt: at, settledAt: null })
      .onConflictDoNothing()
      .returning({ id: slaAlerts.id });
    return inserted.length > 0;
  }

  async findAlert(key: SlaAlertKey): Promise<SlaAlertClaim | null> {
    const [row] = await this.session.db().select().from(slaAlerts).where(keyIs(key));
    if (!row) return null;
    return { ticketId: row.ticketId, clock: row.clock, period: row.period, kind: row.kind, destination: row.destination, status: row.status, claimedAt: row.claimedAt, settledAt: row.settledAt };
  }

  async settleAlert(key: SlaAlertKey, status: Exclude<SlaAlertStatus, 'posting'>, at: Date): Promise<void> {
    await this.session.db().update(slaAlerts).set({ status, settledAt: at }).where(and(keyIs(key), eq(slaAlerts.status, 'posting')));
  }

  async releaseAlert(key: SlaAlertKey): Promise<void> {
    await this.session.db().delete(slaAlerts).where(and(keyIs(key), eq(slaAlerts.status, 'posting')));
  }
}
