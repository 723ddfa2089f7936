import { immediate, openDatabase } from '../db.js';
import type { Store } from '../types.js';
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

/** The SQLite store: one file, WAL, migrations applied on open. */
export function openSqliteStore(path: string): Store {
  const opened = openDatabase(path);
  const transaction = <T>(work: () => T): T => immediate(opened.sqlite, work);
  return {
    tickets: new SqliteTicketRepository(opened.db, transaction, opened.sqlite),
    triage: new SqliteTriageRepository(opened.db),
    modelCalls: new SqliteModelCallRepository(opened.db),
    reviews: new SqliteReviewRepository(opened.db),
    cards: new SqliteReviewCardRepository(opened.db),
    channelPosts: new SqliteChannelPostRepository(opened.db),
    stageResults: new SqliteStageResultRepository(opened.db),
    workers: new SqliteWorkerRepository(opened.db),
    sla: new SqliteSlaRepository(opened.db, transaction),
    spend: new SqliteSpendRepository(opened.sqlite, transaction),
    sqlite: opened.sqlite,
    transaction,
    close: () => opened.close(),
  };
}
