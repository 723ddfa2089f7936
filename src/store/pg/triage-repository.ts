import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { decisionOf, triageValues } from '../triage-row.js';
import type { Category, Classification, Decision, ExtractedFields, ModelTier, ReasonCode, RiskFlag, Route, Sentiment, Urgency } from '../../domain/index.js';
import type { StoredDraft, TriageRecord, TriageRepository } from '../types.js';
import { drafts, routingDecisions, triageResults } from './schema.js';
import type { PgSession } from './session.js';

type DraftInput = Parameters<TriageRepository['saveDraft']>[1];

/** Triage results, routing decisions and drafts (see the SQLite repository). */
export class PgTriageRepository implements TriageRepository {
  constructor(private readonly session: PgSession) {}

  async saveTriage(ticketId: number, record: TriageRecord): Promise<void> {
    await this.session.db().insert(triageResults).values(triageValues(ticketId, record));
  }

  async latestTriage(ticketId: number): Promise<TriageRecord | null> {
    const [row] = await this.session.db().select().from(triageResults).where(eq(triageResults.ticketId, ticketId)).orderBy(desc(triageResults.id)).limit(1);
    if (!row) return null;
    const classification: Classification = {
      urgency: row.urgency as Urgency,
      category: row.category as Category,
      language: row.language,
      sentiment: row.sentiment as Sentiment,
      riskFlags: row.riskFlags as RiskFlag[],
      needsReply: row.needsReply,
      confidence: row.confidence,
    };
    return { classification, classifiedBy: row.classifiedBy as ModelTier, fields: row.fields as ExtractedFields, extractionFailed: row.extractionFailed, promptVersions: row.promptVersions };
  }

  async saveDecision(ticketId: number, decision: Decision, promptVersions: string[]): Promise<void> {
    await this.session.db().insert(routingDecisions).values({ ticketId, route: decision.route, reasons: decision.reasons, decidedBy: decision.decidedBy, promptVersions });
  }

  async latestDecision(ticketId: number): Promise<(Decision & { promptVersions: string[]; createdAt: Date }) | null> {
    const [row] = await this.session.db().select().from(routingDecisions).where(eq(routingDecisions.ticketId, ticketId)).orderBy(desc(routingDecisions.id)).limit(1);
    if (!row) return null;
    return decisionOf(row);
  }

  async saveDraft(ticketId: number, draft: DraftInput): Promise<StoredDraft> {
    const [row] = await this.session.db().insert(drafts).values({ ticketId, ...draft }).returning();
    if (!row) throw new Error('the draft was not written');
    return row;
  }

  async latestDraft(ticketId: number): Promise<StoredDraft | null> {
    const [row] = await this.session.db().select().from(drafts).where(eq(drafts.ticketId, ticketId)).orderBy(desc(drafts.id)).limit(1);
    return row ?? null;
  }

  async decisions(ticketId: number): Promise<(Decision & { promptVersions: string[]; createdAt: Date })[]> {
    const rows = await this.session.db().select().from(routingDecisions).where(eq(routingDecisions.ticketId, ticketId)).orderBy(asc(routingDecisions.id));
    return rows.map(decisionOf);
  }

  async drafts(ticketId: number): Promise<StoredDraft[]> {
    return this.session.db().select().from(drafts).where(eq(drafts.ticketId, ticketId)).orderBy(asc(drafts.id));
  }

  async decisionsBetween(since: Date, until: Date): Promise<(Decision & { ticketId: number; createdAt: Date })[]> {
    const rows = await this.session
      .db()
      .select()
      .from(routingDecisions)
      .where(and(gte(routingDecisions.createdAt, since), lt(routingDecisions.createdAt, until)))
      .orderBy(asc(routingDecisions.id));
    return rows.map((row) => ({ ticketId: row.ticketId, route: row.route as Route, reasons: row.reasons as ReasonCode[], decidedBy: row.decidedBy as Decision['decidedBy'], createdAt: row.createdAt }));
  }

  async latestDecisions(ticketIds: readonly number[]): Promise<Map<number, Decision>> {
    const latest = new Map<number, Decision>();
    // Chunked like SQLite's: one statement's parameters stay bounded (Postgres allows 65,535).
    for (let start = 0; start < ticketIds.length; start += 5_000) {
      const rows = await this.session
        .db()
        .select({ ticketId: routingDecisions.ticketId, route: routingDecisions.route, reasons: routingDecisions.reasons, decidedBy: routingDecisions.decidedBy })
        .from(routingDecisions)
        .where(inArray(routingDecisions.ticketId, ticketIds.slice(start, start + 5_000)))
        .orderBy(asc(routingDecisions.id));
      for (const row of rows) latest.set(row.ticketId, { route: row.route as Route, reasons: row.reasons as ReasonCode[], decidedBy: row.decidedBy as Decision['decidedBy'] });
    }
    return latest;
  }
}
