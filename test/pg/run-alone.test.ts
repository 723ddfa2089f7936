/**
 * Scheduled work on one replica at a time (src/queue/run-alone.ts) against a
 * real Postgres: while one pool runs a job another skips it, a different job
 * runs beside it, the lock is free again once the run ends (or fails), and a
 * replica that dies mid-run (its connection gone) frees it too.
 * Skipped with a message where this machine has no Postgres.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisoryRunAlone } from '../../src/queue/run-alone.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { until } from '../support/until.js';

const unavailable = postgresUnavailable();
let cluster: PostgresCluster | null = null;
let url = '';
const pools: pg.Pool[] = [];

beforeAll(async () => {
  if (unavailable) return;
  cluster = await startPostgres();
  url = await cluster.createDatabase();
}, 60_000);
afterAll(async () => {
  for (const pool of pools) await pool.end().catch(() => undefined);
  await cluster?.stop();
});

function replicaPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

/** A run that holds until told to end. */
function heldRun(): { work: () => Promise<string>; started: Promise<void>; end: () => void } {
  let end = (): void => undefined;
  let markStarted = (): void => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const finished = new Promise<void>((resolve) => (end = resolve));
  return { work: async () => (markStarted(), await finished, 'done'), started, end };
}

describe.skipIf(unavailable !== null)(`one replica at a time${unavailable ? `: skipped, ${unavailable}` : ''}`, () => {
  it('skips a job another replica runs, runs other jobs beside it, and runs it once the first run ends or fails', async () => {
    const a = advisoryRunAlone(replicaPool());
    const b = advisoryRunAlone(replicaPool());
    const held = heldRun();
    const first = a('weekly-report', held.work);
    await held.started;
    expect(await b('weekly-report', async () => 'second')).toEqual({ ran: false });
    expect(await b('sla-watcher', async () => 'other job')).toEqual({ ran: true, value: 'other job' });
    held.end();
    expect(await first).toEqual({ ran: true, value: 'done' });
    expect(await b('weekly-report', async () => 'second')).toEqual({ ran: true, value: 'second' });
    // A failed run gives the lock back too.
    await expect(a('weekly-report', () => Promise.reject(new Error('post failed')))).rejects.toThrow('post failed');
    expect(await b('weekly-report', async () => 'after failure')).toEqual({ ran: true, value: 'after failure' });
  });

  it('frees the job when the replica running it dies (its connection ends)', async () => {
    const dying = replicaPool();
    const a = advisoryRunAlone(dying);
    const b = advisoryRunAlone(replicaPool());
    const held = heldRun();
    void a('weekly-report', held.work).catch(() => undefined);
    await held.started;
    expect(await b('weekly-report', async () => 'b')).toEqual({ ran: false });
    // The server ends A's sessions, as it does when A's process is killed and its sockets close.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
    } finally {
      await admin.end();
    }
    await until(async () => (await b('weekly-report', async () => 'b')).ran, 'the lock to be free');
    held.end();
  });
});
