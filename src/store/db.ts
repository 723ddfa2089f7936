/**
 * Opens the SQLite file, sets the pragmas the bot relies on, and applies the
 * generated migrations. WAL lets the report job read while the pipeline
 * writes; the busy timeout rides out a concurrent writer instead of failing.
 *
 * Several processes may share the file. A deferred transaction that reads and
 * then writes can fail with SQLITE_BUSY at the write, where busy_timeout does
 * not help (waiting could deadlock); so every read-then-write transaction
 * begins IMMEDIATE (takes the write lock first, waiting under busy_timeout),
 * and a BUSY that still escapes is retried a few times.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StoreError } from '../errors.js';
import { PROJECT_ROOT } from '../project-root.js';
import * as schema from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS_FOLDER = join(PROJECT_ROOT, 'migrations');

/** How often a transaction is retried when another process holds the write lock past busy_timeout. */
const BUSY_RETRIES = 5;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction, retrying on SQLITE_BUSY.
 * Inside a transaction already, `work` simply joins it: nothing here catches
 * an error and carries on, so a failure rolls the whole outer transaction
 * back, and a savepoint per nested call would only cost two statements.
 * `work` must be synchronous and free of side effects outside the database,
 * since it may run more than once.
 */
export function immediate<T>(sqlite: Database.Database, work: () => T): T {
  if (sqlite.inTransaction) return work();
  const transaction = sqlite.transaction(work);
  for (let attempt = 0; ; attempt++) {
    try {
      return transaction.immediate();
    } catch (error) {
      if (!isBusy(error) || attempt >= BUSY_RETRIES) throw error;
      // Synchronous by design (better-sqlite3 is): a short pause before trying again.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * (attempt + 1));
    }
  }
}

/** How often migrating is tried when another process is migrating the same file. */
const MIGRATION_ATTEMPTS = 20;

/**
 * Applies the migrations when several processes may open a new file at once
 * (three replays and `npm start` on one database): the migrator's deferred
 * transaction then fails in all but one of them (SQLITE_BUSY, or a table the
 * winner just made). Trying again after a pause finds the winner's work
 * recorded and applies only what is still missing; a real migration error
 * still surfaces after the last attempt.
 */
function migrateShared(db: Db): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      return;
    } catch (error) {
      if (attempt >= MIGRATION_ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * attempt);
    }
  }
}

export function openDatabase(path: string): OpenedDatabase {
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    sqlite = new Database(path);
  } catch (cause) {
    throw new StoreError(`Cannot open the database at ${path} (DATABASE_PATH)`, { cause });
  }
  sqlite.pragma('busy_timeout = 5000');
  // Switching a new file to WAL needs a lock that another process opening it at the
  // same moment may hold, and SQLite answers that at once (no busy wait): try again.
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma('journal_mode = WAL');
      break;
    } catch (error) {
      if (!isBusy(error) || attempt >= MIGRATION_ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * attempt);
    }
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(withStatementCache(sqlite).handle, { schema });
  try {
    migrateShared(db);
  } catch (cause) {
    sqlite.close();
    throw new StoreError(`Cannot apply migrations to ${path}`, { cause });
  }
  return { db, sqlite, close: () => sqlite.close() };
}
