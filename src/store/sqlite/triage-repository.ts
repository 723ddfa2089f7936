import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { decisionOf, triageValues } from '../triage-row.js';
import type { Category, Classification, Decision, ExtractedFields, ModelTier, RiskFlag, Route, ReasonCode, Sentiment, Urgency } from '../../domain/index.js';
import type { Db } from '../db.js';
import { drafts, routingDecisions, triageResults } from '../schema.js';
import type { StoredDraft, TriageRecord, TriageRepositorySync } from '../types.js';

export class SqliteTriageRepository implements TriageRepositorySync {
  constructor(private readonly db: Db) {}

  saveTriage(ticketId: number, record: TriageRecord): void {
    this.db.insert(triageResults).values(triageValues(ticketId, record)).run();
  }

  latestTriage(ticketId: number): TriageRecord | null {
    const row = this.db
      .select()
      .from(triageResults)
      .where(eq(triageResults.ticketId, ticketId))
      .orderBy(desc(triageResults.id))
      .limit(1)
      .get();
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
    return {
      classification,
      classifiedBy: row.classifiedBy as ModelTier,
      fields: row.fields as ExtractedFields,
      extractionFailed: row.extractionFailed,
      promptVersions: row.promptVersions,
    };
  }

  saveDecision(ticketId: number, decision: Decision, promptVersions: string[]): void {
    this.db
      .insert(routingDecisions)
      .values({ ticketId, route: decision.route, reasons: decision.reasons, decidedBy: decision.decidedBy, promptVersions })
      .run();
  }

  latestDecision(ticketId: number): (Decision & { promptVersions: string[]; createdAt: Date }) | null {
    const row = this.db
      .select()
      .from(routingDecisions)
      .where(eq(routingDecisions.ticketId, ticketId))
      .orderBy(desc(routingDecisions.id))
      .limit(1)
      .get();
    return row ? decisionOf(row) : null;
  }

  saveDraft(ticketId: number, draft: Omit<StoredDraft, 'id' | 'ticketId' | 'createdAt'>): StoredDraft {
    return this.db.insert(drafts).values({ ticketId, ...draft }).returning().get();
  }

  latestDraft(ticketId: number): StoredDraft | null {
    return (
      this.db.select().from(drafts).where(eq(drafts.ticketId, ticketId)).orderBy(desc(drafts.id)).limit(1).get() ?? null
    );
  }

  decisions(ticketId: number): (Decision & { promptVersions: string[]; createdAt: Date })[] {
    return this.db
      .select()
      .from(routingDecisions)
      .where(eq(routingDecisions.ticketId, ticketId))
      .orderBy(asc(routingDecisions.id))
      .all()
      .map(decisionOf);
  }

  drafts(ticketId: number): StoredDraft[] {
    return this.db.select().from(drafts).where(eq(drafts.ticketId, ticketId)).orderBy(asc(drafts.id)).all();
  }

  decisionsBetween(since: Date, until: Date): (Decision & { ticketId: number; createdAt: Date })[] {
    return this.db
      .select()
      .from(routingDecisions)
      .where(and(gte(routingDecisions.createdAt, since), lt(routingDecisions.createdAt, until)))
      .orderBy(asc(routingDecisions.id))
      .all()
      .map((row) => ({
        ticketId: row.ticketId,
        route: row.route as Route,
        reasons: row.reasons as ReasonCode[],
        decidedBy: row.decidedBy as Decision['decidedBy'],
        createdAt: row.createdAt,
      }));
  }

  latestDecisions(ticketIds: readonly number[]): Map<number, Decision> {
    const latest = new Map<number, Decision>();
    // Chunked: SQLite limits the number of bound parameters per statement.
    for (let start = 0; start < ticketIds.length; start += 500) {
      const rows = this.db
        .select({ ticketId: routingDecisions.ticketId, route: routingDecisions.route, reasons: routingDecisions.reasons, decidedBy: routingDecisions.decidedBy })
        .from(routingDecisions)
        .where(inArray(routingDecisions.ticketId, ticketIds.slice(start, start + 500)))
        .orderBy(asc(routingDecisions.id))
        .all();
      for (const row of rows) {
        latest.set(row.ticketId, { route: row.route as Route, reasons: row.reasons as ReasonCode[], decidedBy: row.decidedBy as Decision['decidedBy'] });
      }
    }
    return latest;
  }
}
