/**
 * Opens the SQLite file, sets the pragmas the bot relies on, and applies the
 * generated migrations. WAL lets the report job read while the pipeline
 * writes; the busy timeout rides out a concurrent writer instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StoreError } from '../errors.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function openDatabase(path: string): OpenedDatabase {
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    sqlite = new Database(path);
  } catch (cause) {
    throw new StoreError(`Cannot open the database at ${path} (DATABASE_PATH)`, { cause });
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (cause) {
    sqlite.close();
    throw new StoreError(`Cannot apply migrations to ${path}`, { cause });
  }
  return { db, sqlite, close: () => sqlite.close() };
}
