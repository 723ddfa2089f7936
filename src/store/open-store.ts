/**
 * The store the configuration names: Postgres when DATABASE_URL is set (the
 * store replicas share; DATABASE_PATH then keeps only this process's
 * knowledge-base index, so its embeddings survive a restart), else the
 * SQLite file at DATABASE_PATH.
 */
import type { Config } from '../config.js';
import { openPostgresStore } from './pg/index.js';
import { redactUrl } from './pg/open.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

export type StoreSettings = Pick<Config, 'databasePath' | 'databaseUrl'>;

export async function openStore(settings: StoreSettings): Promise<Store> {
  if (settings.databaseUrl) return openPostgresStore(settings.databaseUrl, { knowledgeBasePath: settings.databasePath });
  return openSqliteStore(settings.databasePath);
}

/** Where the store is, as a log line or a message may show it (a URL's password masked). */
export function storeLocation(settings: StoreSettings): string {
  return settings.databaseUrl ? redactUrl(settings.databaseUrl) : settings.databasePath;
}
