import { and, eq } from 'drizzle-orm';
import { toStoredStageResult } from '../stage-result-row.js';
import type { StageResultRepository, StoredStageResult } from '../types.js';
import { stageResults } from './schema.js';
import type { PgSession } from './session.js';

/** Finished stages' outputs (see the SQLite repository); the unique (ticket, key) keeps the first save. */
export class PgStageResultRepository implements StageResultRepository {
  constructor(private readonly session: PgSession) {}

  async find(ticketId: number, key: string): Promise<StoredStageResult | null> {
    const [row] = await this.session.db().select().from(stageResults).where(and(eq(stageResults.ticketId, ticketId), eq(stageResults.key, key)));
    if (!row) return null;
    return toStoredStageResult(row);
  }

  async save(result: StoredStageResult): Promise<void> {
    await this.session
      .db()
      .insert(stageResults)
      .values({
        ticketId: result.ticketId,
        key: result.key,
        stage: result.stage,
        tier: result.tier,
        promptVersion: result.promptVersion,
        fellBack: result.fellBack,
        // jsonb: a JSON null output is stored as the JSON value, not SQL NULL (the column is NOT NULL).
        output: result.output ?? null,
        modelCallId: result.modelCallId,
      })
      .onConflictDoNothing();
  }
}
