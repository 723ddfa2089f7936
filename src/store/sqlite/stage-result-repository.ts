import { and, eq, sql } from 'drizzle-orm';
import { toStoredStageResult } from '../stage-result-row.js';
import type { Db } from '../db.js';
import { stageResults } from '../schema.js';
import type { StageResultRepositorySync, StoredStageResult } from '../types.js';

export class SqliteStageResultRepository implements StageResultRepositorySync {
  /** Prepared once: every model stage looks here first. */
  private readonly findQuery;

  constructor(private readonly db: Db) {
    this.findQuery = db
      .select()
      .from(stageResults)
      .where(and(eq(stageResults.ticketId, sql.placeholder('ticketId')), eq(stageResults.key, sql.placeholder('key'))))
      .prepare();
  }

  find(ticketId: number, key: string): StoredStageResult | null {
    const row = this.findQuery.get({ ticketId, key });
    if (!row) return null;
    return toStoredStageResult(row);
  }

  save(result: StoredStageResult): void {
    this.db
      .insert(stageResults)
      .values({
        ticketId: result.ticketId,
        key: result.key,
        stage: result.stage,
        tier: result.tier,
        promptVersion: result.promptVersion,
        fellBack: result.fellBack,
        output: result.output,
        modelCallId: result.modelCallId,
      })
      .onConflictDoNothing()
      .run();
  }
}
