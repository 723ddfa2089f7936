/**
 * A triage result's columns from a TriageRecord, the same for both stores.
 */
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
