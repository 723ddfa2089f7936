import { openDatabase } from '../db.js';
import type { Store } from '../types.js';
import { SqliteModelCallRepository } from './model-call-repository.js';
import { SqlitePostedReportRepository } from './posted-report-repository.js';
import { SqliteReviewCardRepository } from './review-card-repository.js';
import { SqliteReviewRepository } from './review-repository.js';
import { SqliteTicketRepository } from './ticket-repository.js';
import { SqliteTriageRepository } from './triage-repository.js';

/** The SQLite store: one file, WAL, migrations applied on open. */
export function openSqliteStore(path: string): Store {
  const opened = openDatabase(path);
  return {
    tickets: new SqliteTicketRepository(opened.db),
    triage: new SqliteTriageRepository(opened.db),
    modelCalls: new SqliteModelCallRepository(opened.db),
    reviews: new SqliteReviewRepository(opened.db),
    cards: new SqliteReviewCardRepository(opened.db),
    posts: new SqlitePostedReportRepository(opened.db),
    transaction: <T>(work: () => T): T => opened.sqlite.transaction(work)(),
    close: () => opened.close(),
  };
}
