/**
 * Opens a Postgres database for the store: a pool, and the migrations of
 * migrations/pg/ applied by drizzle's migrator. Several processes may open
 * one database at once (replicas starting together), so migrating holds a
 * session advisory lock: the others wait, then find every migration recorded.
 * Errors name the database without its password.
 */
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { StoreError } from '../../errors.js';
import { PROJECT_ROOT } from '../../project-root.js';
import * as schema from './schema.js';

const MIGRATIONS_FOLDER = join(PROJECT_ROOT, 'migrations', 'pg');
/** Any fixed number: the advisory lock's key while migrating ("triage" in ASCII). */
const MIGRATION_LOCK = 0x747269616765;

/** The URL as it may be logged: the password masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable DATABASE_URL)';
  }
}

export async function openPool(url: string, options: { max?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its server emits here; without a listener that would crash the process.
  // The next query on the pool fails with a real error instead, where a caller handles it.
  pool.on('error', () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`Cannot connect to the database at ${redactUrl(url)} (DATABASE_URL)`, { cause });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (cause) {
    client.release(true);
    await pool.end().catch(() => undefined);
    throw new StoreError(`Cannot apply migrations to ${redactUrl(url)}`, { cause });
  }
  client.release();
  return pool;
}
