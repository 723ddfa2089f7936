/**
 * Scheduled work that must run on one replica at a time (the weekly report
 * check, the SLA watcher's pass, ledger retention). With one process it just
 * runs. With replicas on Postgres each run first tries a session advisory
 * lock named after the job, on a connection of its own held for the run: the
 * replica that gets it runs, the others skip this turn (the next turn comes
 * round on its own schedule). A replica that dies mid-run loses its
 * connection, and with it the lock. What a run posts is still claimed in the
 * store (channel_posts, SLA alert claims), so even two runs in a row post
 * each report or alert once.
 */
import type pg from 'pg';

export type RunAloneResult<T> = { ran: true; value: T } | { ran: false };

/** Runs `work` unless another replica is running the job of that name now. */
export type RunAlone = <T>(job: string, work: () => Promise<T>) => Promise<RunAloneResult<T>>;

/** One process: nobody else to wait for. */
export const runHere: RunAlone = async (_job, work) => ({ ran: true, value: await work() });

/** The advisory locks' first key: this application's namespace, apart from any other user of the database's locks. */
const LOCK_NAMESPACE = 0x7e1a9e;

export function advisoryRunAlone(pool: pg.Pool): RunAlone {
  return (job, work) => underSessionLock(pool, job, { wait: false }, work);
}

/**
 * Runs `work` holding the session advisory lock named `name`, on a
 * connection of its own: with `wait`, after whoever holds it now; without,
 * not at all when someone does (`{ ran: false }`).
 */
export async function underSessionLock<T>(pool: pg.Pool, name: string, options: { wait: boolean }, work: () => Promise<T>): Promise<RunAloneResult<T>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The connection may drop while the run holds it idle: noted (the unlock then fails, and the lock went with the connection), never an unhandled 'error'.
  const dropped = (error: Error): void => void (broken = error);
  client.on('error', dropped);
  try {
    if (options.wait) await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, name]);
    else {
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS got', [LOCK_NAMESPACE, name]);
      if (rows[0]?.got !== true) return { ran: false };
    }
    try {
      return { ran: true, value: await work() };
    } finally {
      // A connection whose unlock failed is discarded: its lock goes with it instead of staying with the pool.
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, name]).catch((error: Error) => (broken = error));
    }
  } finally {
    client.off('error', dropped);
    client.release(broken);
  }
}
