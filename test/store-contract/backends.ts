/**
 * The stores the contract suites run against: SQLite (a real file, always)
 * and Postgres (a throwaway cluster per test file, a fresh database per
 * test; skipped with a message where this machine has no Postgres, failed
 * instead under REQUIRE_POSTGRES=1). `another()` opens a second store on the
 * same database (another connection, as a second process would), for races.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openPostgresStore } from '../../src/store/pg/index.js';
import { openPool } from '../../src/store/pg/open.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend's suites skip here; null when they run. */
  unavailable: string | null;
  /** Called once per file before the first test. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A new, empty database, and a way to open more stores on it. */
  fresh(): Promise<{ open(): Promise<Store>; cleanup(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'sqlite',
  unavailable: null,
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  fresh: () => {
    const dir = tempDir('store-contract');
    return Promise.resolve({
      open: () => Promise.resolve(openSqliteStore(dir.file('triage.db'))),
      cleanup: () => Promise.resolve(dir.cleanup()),
    });
  },
};

/**
 * One cluster per test file, shared by its suites (counted, stopped after the
 * last), and one database in it, migrated once and emptied before each test:
 * creating and migrating a database per test cost ~0.5 s a test, TRUNCATE a
 * few milliseconds.
 */
let cluster: Promise<{ running: PostgresCluster; url: string; admin: pg.Client }> | null = null;
let users = 0;

async function startCluster(): Promise<{ running: PostgresCluster; url: string; admin: pg.Client }> {
  const running = await startPostgres();
  const url = await running.createDatabase();
  const pool = await openPool(url, { max: 1 });
  await pool.end();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  return { running, url, admin };
}

const postgres: Backend = {
  name: 'postgres',
  unavailable: postgresUnavailable(),
  async start() {
    users++;
    cluster ??= startCluster();
    await cluster;
  },
  async stop() {
    if (--users > 0 || !cluster) return;
    const { running, admin } = await cluster;
    cluster = null;
    await admin.end();
    await running.stop();
  },
  async fresh() {
    if (!cluster) throw new Error('the Postgres cluster is not started');
    const { url, admin } = await cluster;
    const { rows } = await admin.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`);
    // Identities restart too, so ids are as small as on a fresh SQLite file.
    await admin.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE`);
    return { open: () => openPostgresStore(url, { maxConnections: 4 }), cleanup: () => Promise.resolve() };
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];

if (postgres.unavailable) console.warn(postgres.unavailable);

export interface StoreContext {
  backend: Backend['name'];
  /** The store under test, fresh for each test. */
  store: Store;
  /** A second store on the same database (closed after the test). */
  another(): Promise<Store>;
}

/**
 * Declares `name`'s tests once per backend (describe.each), each test with a
 * fresh database; a backend this machine lacks is skipped with its message.
 */
export function contractSuite(name: string, body: (context: StoreContext) => void): void {
  describe.each(BACKENDS)(`${name} ($name)`, (backend) => {
    describe.skipIf(backend.unavailable !== null)(backend.unavailable ?? 'store', () => {
      const opened: Store[] = [];
      let database: Awaited<ReturnType<Backend['fresh']>> | null = null;
      const context = {
        backend: backend.name,
        store: undefined as unknown as Store,
        async another() {
          if (!database) throw new Error('no database open');
          const store = await database.open();
          opened.push(store);
          return store;
        },
      };
      beforeAll(() => backend.start());
      afterAll(() => backend.stop());
      beforeEach(async () => {
        database = await backend.fresh();
        context.store = await context.another();
      });
      afterEach(async () => {
        for (const store of opened.splice(0)) store.close();
        await database?.cleanup();
      });
      body(context);
    });
  });
}
