/**
 * A triage result's columns from a TriageRecord, and a routing decision from
 * its row: the same for both stores.
 */
import type { Decision, ReasonCode, Route } from '../domain/index.js';
import type { TriageRecord } from './types.js';

export function triageValues(ticketId: number, record: TriageRecord) {
  const c = record.classification;
  return {
    ticketId,
    classifiedBy: record.classifiedBy,
    urgency: c.urgency,
    category: c.category,
    language: c.language,
    sentiment: c.sentiment,
    riskFlags: c.riskFlags,
    needsReply: c.needsReply,
    confidence: c.confidence,
    fields: record.fields,
    extractionFailed: record.extractionFailed ?? false,
    promptVersions: record.promptVersions,
  };
}

/** A routing decision row (either store's) as the domain's Decision, with its prompt versions and time. */
export function decisionOf(row: { route: string; reasons: unknown; decidedBy: string; promptVersions: string[]; createdAt: Date }): Decision & { promptVersions: string[]; createdAt: Date } {
  return { route: row.route as Route, reasons: row.reasons as ReasonCode[], decidedBy: row.decidedBy as Decision['decidedBy'], promptVersions: row.promptVersions, createdAt: row.createdAt };
}
