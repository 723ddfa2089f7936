/**
 * A finished stage's row as both stores read and write it (same column
 * names and types in SQLite and Postgres).
 */
import type { ModelTier, Stage } from '../domain/index.js';
import type { StoredStageResult } from './types.js';

export interface StageResultRow {
  ticketId: number;
  key: string;
  stage: string;
  tier: string;
  promptVersion: string;
  fellBack: boolean;
  output: unknown;
  modelCallId: number | null;
}

export function toStoredStageResult(row: StageResultRow): StoredStageResult {
  return {
    ticketId: row.ticketId,
    key: row.key,
    stage: row.stage as Stage,
    tier: row.tier as ModelTier,
    promptVersion: row.promptVersion,
    fellBack: row.fellBack,
    output: row.output,
    modelCallId: row.modelCallId,
  };
}
