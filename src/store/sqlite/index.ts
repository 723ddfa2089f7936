import { immediate, openDatabase } from '../db.js';
import type { Store } from '../types.js';
import { AsyncGate, throughGate } from './async-gate.js';
import { SqliteChannelPostRepository } from './channel-post-repository.js';
import { SqliteModelCallRepository } from './model-call-repository.js';
import { SqliteReviewCardRepository } from './review-card-repository.js';
import { SqliteReviewRepository } from './review-repository.js';
import { SqliteSlaRepository } from './sla-repository.js';
import { SqliteSpendRepository } from './spend-repository.js';
import { SqliteStageResultRepository } from './stage-result-repository.js';
import { SqliteTicketRepository } from './ticket-repository.js';
import { SqliteTriageRepository } from './triage-repository.js';
import { SqliteWorkerRepository } from './worker-repository.js';

/**
 * The SQLite store: one file, WAL, migrations applied on open. The
 * repositories are synchronous (better-sqlite3 is) and keep their own
 * multi-statement writes in synchronous transactions; the bot sees them
 * through the gate, as the async interfaces a Postgres store also serves.
 */
export function openSqliteStore(path: string): Store {
  const opened = openDatabase(path);
  const gate = new AsyncGate(opened.sqlite);
  // A repository's own transaction: inside the gate's open one it joins it (SQLite has no nesting).
  const local = <T>(work: () => T): T => immediate(opened.sqlite, work);
  return {
    tickets: throughGate(gate, new SqliteTicketRepository(opened.db, local, opened.sqlite)),
    triage: throughGate(gate, new SqliteTriageRepository(opened.db)),
    modelCalls: throughGate(gate, new SqliteModelCallRepository(opened.db)),
    reviews: throughGate(gate, new SqliteReviewRepository(opened.db)),
    cards: throughGate(gate, new SqliteReviewCardRepository(opened.db)),
    channelPosts: throughGate(gate, new SqliteChannelPostRepository(opened.db)),
    stageResults: throughGate(gate, new SqliteStageResultRepository(opened.db)),
    workers: throughGate(gate, new SqliteWorkerRepository(opened.db)),
    sla: throughGate(gate, new SqliteSlaRepository(opened.db, local)),
    spend: throughGate(gate, new SqliteSpendRepository(opened.sqlite, local)),
    sqlite: opened.sqlite,
    transaction: (work) => gate.transaction(work),
    close: () => opened.close(),
  };
}
