/**
 * The Postgres connection pool and its transactions. A repository asks
 * `session.db()` for the handle to run on: inside a transaction (known by
 * AsyncLocalStorage, so every store call `work` awaits finds it) that is the
 * transaction's one client; anywhere else, the pool, where each statement is
 * its own (READ COMMITTED) transaction. A transaction opened inside another
 * joins it, as on SQLite.
 *
 * Transactions are SERIALIZABLE: SQLite's BEGIN IMMEDIATE gives one writer at
 * a time, and the code above the store reads then writes (a ticket's status,
 * an SLA state) relying on that; SERIALIZABLE gives the same outcome as some
 * one-at-a-time order, and fails the loser with 40001 (or 40P01 on a
 * deadlock), which is retried from the start with a fresh snapshot. So `work`
 * may run more than once: it must await nothing but the store (the Store
 * contract says so already).
 *
 * And, as on SQLite, one transaction at a time, across every replica: each
 * takes a session advisory lock (the writer lock) before BEGIN, so its
 * snapshot is taken once the lock is held. Without it, every transaction
 * that settles a model call or moves a ticket updates the same few aggregate
 * rows (the settle counter, this quarter hour's spend and ticket-count
 * buckets), and under SERIALIZABLE concurrent updates of one row fail all but
 * one writer: with three replicas at full load, tickets ran out of retries
 * and failed (test/chaos/replicas.chaos.ts). Waiting in line costs less than
 * aborting and redoing. Single statements outside a transaction do not take
 * it; a transaction they overtake is retried as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { StoreError } from '../../errors.js';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema>;

/** SQLSTATEs after which the whole transaction is tried again. */
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
export const UNIQUE_VIOLATION = '23505';

/** How often a transaction is tried before its failure is reported. */
const ATTEMPTS = 12;
/** The writer lock's two advisory-lock keys (apart from src/queue/run-alone.ts's namespace). */
const WRITER_LOCK = [0x7e1a9e + 1, 1];
/** The longest pause between two tries of a conflicted transaction. */
const BACKOFF_CAP_MS = 1_000;

/** The SQLSTATE of a Postgres error, looked for down the cause chain (drizzle wraps the driver's error in its own). */
export function sqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = cause;
  }
  return undefined;
}

interface Open {
  db: PgDb;
  client: pg.PoolClient;
  /** False once the transaction ended: work it left running no longer counts as inside. */
  open: boolean;
}

export interface TransactionOptions {
  /**
   * Also retry a unique violation: for work that looks before it inserts
   * (intake), where the loser of a race finds the winner's row on its next try.
   */
  retryUniqueViolation?: boolean;
}

export class PgSession {
  private readonly inside = new AsyncLocalStorage<Open>();
  private readonly poolDb: PgDb;

  constructor(readonly pool: pg.Pool) {
    this.poolDb = drizzle(pool, { schema });
  }

  /** The handle a store call runs on now. */
  db(): PgDb {
    const open = this.inside.getStore();
    return open?.open ? open.db : this.poolDb;
  }

  /**
   * Runs one raw statement where a store call would run now: in the open
   * transaction's client, else on the pool. The job queue enqueues through
   * it, so a job commits (or rolls back) with the store change that made it.
   */
  async execute(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
    const open = this.inside.getStore();
    const result = open?.open ? await open.client.query(text, values) : await this.pool.query(text, values);
    return { rows: result.rows as unknown[] };
  }

  inTransaction(): boolean {
    return this.inside.getStore()?.open === true;
  }

  async transaction<T>(work: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.inTransaction()) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        const state = sqlState(error);
        const retryable = state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED || (options.retryUniqueViolation === true && state === UNIQUE_VIOLATION);
        if (!retryable) throw error;
        if (attempt >= ATTEMPTS) throw new StoreError(`a Postgres transaction still conflicted after ${ATTEMPTS} attempts (SQLSTATE ${state})`, { cause: error });
        // Jittered exponential backoff, so losers do not collide again in lock step: under load (several replicas, every
        // ticket transition updating the same spend and ticket-count bucket rows) a linear 5 ms step ran out of attempts
        // within a third of a second and failed tickets (test/chaos/replicas.chaos.ts); this one spreads them over seconds.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(BACKOFF_CAP_MS, 5 * 2 ** attempt)));
      }
    }
  }

  private async once<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const token: Open = { db: drizzle(client, { schema }), client, open: true };
    // A connection dropped between two statements: the next statement fails with it; never an unhandled 'error' event.
    const dropped = (error: Error): void => void (broken = error);
    client.on('error', dropped);
    let locked = false;
    try {
      await client.query('SELECT pg_advisory_lock($1, $2)', WRITER_LOCK);
      locked = true;
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      let result: T;
      try {
        result = await this.inside.run(token, work);
      } catch (error) {
        token.open = false;
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      }
      token.open = false;
      // A serialization failure can also surface at COMMIT; the caller retries it like any other.
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (token.open) {
        token.open = false;
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      }
      throw error;
    } finally {
      // A connection whose unlock failed is discarded below, and the lock ends with its session.
      if (locked) await client.query('SELECT pg_advisory_unlock($1, $2)', WRITER_LOCK).catch((unlockError: Error) => (broken = unlockError));
      // A client whose rollback failed (or whose connection dropped) is discarded, not handed to the next caller mid-transaction.
      client.off('error', dropped);
      client.release(broken);
    }
  }
}
