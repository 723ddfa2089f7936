/**
 * Moving up: a SQLite store copied into an empty Postgres one (`npm run
 * db:copy`), row for row, so ids, times and money stay exactly as they were.
 *
 * - Tables go in the order their foreign keys need; each column the Postgres
 *   table has is read from the SQLite column of the same name (the schemas
 *   keep the same names: test/store-pg.test.ts), and SQLite's 0/1 flags
 *   become booleans.
 * - The running aggregates (spend, ticket counts, reasons) are copied as
 *   they are, with Postgres's triggers off during the copy: rebuilding them
 *   from the ledger would lose what retention already rolled up.
 * - Afterwards each identity sequence continues after the largest id copied,
 *   and the settle counter after the largest settle number.
 * - All of it is one transaction: a failure leaves the target empty.
 * The knowledge base (kb_* tables) is not copied: each process indexes
 * KB_PATH itself.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { InputError } from '../errors.js';

/** Parents before children. */
export const COPIED_TABLES = [
  'workers',
  'tickets',
  'messages',
  'ticket_events',
  'triage_results',
  'routing_decisions',
  'drafts',
  'model_calls',
  'stage_results',
  'reviews',
  'review_cards',
  'posted_reports',
  'ticket_sla',
  'sla_alerts',
  'spend_keys',
  'spend_buckets',
  'ticket_spend',
  'ticket_count_buckets',
  'decision_reason_buckets',
] as const;

/** The tables whose triggers keep the aggregates: off while their rows (and the aggregates themselves) are copied. */
const TRIGGERED_TABLES = ['model_calls', 'tickets', 'routing_decisions'];

/** Postgres allows 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;

export interface CopiedTable {
  table: string;
  rows: number;
}

interface PgColumn {
  name: string;
  type: string;
}

async function columnsOf(client: pg.PoolClient, table: string): Promise<PgColumn[]> {
  const result = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return result.rows.map((row) => ({ name: row.column_name, type: row.data_type }));
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function toPg(value: unknown, column: PgColumn): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === 'boolean') return value === 1 || value === true || value === '1';
  // SQLite keeps JSON as text; Postgres parses that text into jsonb.
  return value;
}

async function copyTable(source: Database.Database, client: pg.PoolClient, table: string): Promise<number> {
  const columns = await columnsOf(client, table);
  if (columns.length === 0) throw new Error(`the Postgres store has no table ${table}: are its migrations applied?`);
  const list = columns.map((column) => quote(column.name)).join(', ');
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  // Ids are copied as they are, so the order rows come in does not matter (some tables are WITHOUT ROWID).
  const rows = source.prepare(`SELECT ${list} FROM ${quote(table)}`).raw(true).iterate() as IterableIterator<unknown[]>;
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value, index) => {
      values.push(toPg(value, columns[index] as PgColumn));
      return `$${values.length}`;
    }).join(', ')})`);
    await client.query(`INSERT INTO ${quote(table)} (${list}) VALUES ${tuples.join(', ')}`, values);
    copied += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return copied;
}

/** Fails unless the target holds no tickets and no ledger rows: the copy fills an empty store, it does not merge two. */
async function requireEmpty(client: pg.PoolClient): Promise<void> {
  const result = await client.query<{ tickets: string; calls: string }>('SELECT (SELECT count(*) FROM tickets)::text AS tickets, (SELECT count(*) FROM model_calls)::text AS calls');
  const row = result.rows[0];
  if (row && (row.tickets !== '0' || row.calls !== '0')) {
    throw new InputError(`the target database already holds ${row.tickets} tickets and ${row.calls} model calls: db:copy fills an empty database (create a new one, or drop these first)`);
  }
}

/** Sequences continue after the copied ids; the settle counter after the copied settle numbers. */
async function continueNumbering(client: pg.PoolClient): Promise<void> {
  const identities = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of identities.rows) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${quote(column)}) FROM ${quote(table)}), 1), (SELECT max(${quote(column)}) FROM ${quote(table)}) IS NOT NULL)`,
      [table, column],
    );
  }
  await client.query(
    `INSERT INTO model_call_settle_counter (id, last) VALUES (1, COALESCE((SELECT max(settled_seq) FROM model_calls), 0)) ON CONFLICT (id) DO UPDATE SET last = EXCLUDED.last`,
  );
}

export async function copySqliteToPostgres(source: Database.Database, pool: pg.Pool): Promise<CopiedTable[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await requireEmpty(client);
      for (const table of TRIGGERED_TABLES) await client.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
      const copied: CopiedTable[] = [];
      for (const table of COPIED_TABLES) copied.push({ table, rows: await copyTable(source, client, table) });
      for (const table of TRIGGERED_TABLES) await client.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
      await continueNumbering(client);
      await client.query('COMMIT');
      return copied;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}
