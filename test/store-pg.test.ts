/**
 * What the Postgres store promises without a server: its schema keeps the
 * SQLite schema's tables and columns (the repositories and reports name
 * them alike), and a database it cannot reach fails with a StoreError whose
 * message never shows the URL's password.
 */
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../src/errors.js';
import * as pgSchema from '../src/store/pg/schema.js';
import { openPostgresStore } from '../src/store/pg/index.js';
import { redactUrl } from '../src/store/pg/open.js';
import * as sqliteSchema from '../src/store/schema.js';

/** Table name → its column names, sorted. */
function columns<T>(schema: Record<string, unknown>, isTable: (value: unknown) => value is T, config: (table: T) => { name: string; columns: { name: string }[] }) {
  const tables = new Map<string, string[]>();
  for (const value of Object.values(schema)) {
    if (!isTable(value)) continue;
    const { name, columns: cols } = config(value);
    tables.set(name, cols.map((column) => column.name).sort());
  }
  return tables;
}

describe('the Postgres schema', () => {
  it('has every SQLite table drizzle declares, with the same column names', () => {
    const sqlite = columns(sqliteSchema, (value): value is SQLiteTable => value instanceof SQLiteTable, sqliteTableConfig);
    const pg = columns(pgSchema, (value): value is PgTable => value instanceof PgTable, pgTableConfig);
    expect(sqlite.size).toBeGreaterThan(10);
    for (const [name, cols] of sqlite) expect({ name, cols: pg.get(name) }).toEqual({ name, cols });
    // And the aggregates SQLite declares in raw SQL (WITHOUT ROWID), plus the settle counter.
    expect([...pg.keys()].filter((name) => !sqlite.has(name)).sort()).toEqual(['decision_reason_buckets', 'model_call_settle_counter', 'spend_buckets', 'spend_keys', 'ticket_count_buckets']);
  });
});

describe('opening a Postgres store', () => {
  it('fails with a StoreError that names DATABASE_URL without its password', async () => {
    // Port 1 on loopback: refused at once.
    const opening = openPostgresStore('postgres://bot:hunter2-secret@127.0.0.1:1/triage');
    await expect(opening).rejects.toThrow(StoreError);
    const error = (await opening.catch((caught: unknown) => caught)) as StoreError;
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).not.toContain('hunter2');
    expect(error.cause).toBeDefined();
  });

  it('masks the password of a URL it logs', () => {
    expect(redactUrl('postgres://bot:pw@db.internal:5432/triage')).toBe('postgres://bot:***@db.internal:5432/triage');
    expect(redactUrl('postgres://bot@db/triage')).toBe('postgres://bot@db/triage');
    expect(redactUrl('not a url')).not.toContain('not a url');
  });
});
