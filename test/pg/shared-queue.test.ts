/**
 * Replicas sharing tickets through the pg-boss queue on a real Postgres: work
 * queued on one replica is run by whichever replica fetches it, each ticket
 * once; a replica that dies mid-ticket loses it (its lease's time to live
 * runs out) and another resumes it from its last finished stage; a job
 * offered again while its replica still works the ticket does nothing.
 *
 * Two cores in this process stand for two replicas: their workers name
 * different hosts, so each judges the other alive by its heartbeat alone.
 * Skipped with a message where this machine has no Postgres (CI sets
 * REQUIRE_POSTGRES=1, which turns the skip into a failure).
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { PgBossTicketJobs } from '../../src/queue/pg-boss-ticket-jobs.js';
import { openPostgresStore } from '../../src/store/pg/index.js';
import { ControlledProvider, RecordingChannel } from '../support/controlled-provider.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

const unavailable = postgresUnavailable();
const dir = tempDir('shared-queue');
/** Short, so a dead replica is seen dead within seconds (the default is 20 s). */
const TTL_MS = 1_500;

let cluster: PostgresCluster | null = null;
beforeAll(async () => {
  if (!unavailable) cluster = await startPostgres();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  dir.cleanup();
});

interface Replica {
  core: Core;
  jobs: PgBossTicketJobs;
  provider: ControlledProvider;
}
const replicas: Replica[] = [];
afterEach(async () => {
  for (const { core, jobs } of replicas.splice(0)) {
    core.workflow.stopTakingWork();
    await jobs.stop();
    core.close();
  }
});

async function replica(url: string, host: string, provider = new ControlledProvider()): Promise<Replica> {
  const config = loadConfig({ DATABASE_PATH: dir.file(`${host}-kb.db`), MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-shared-queue-000', MODEL_MAX_RETRIES: '0' });
  const store = await openPostgresStore(url, { maxConnections: 4 });
  if (!store.shared) throw new Error('a Postgres store is shared');
  const jobs = await new PgBossTicketJobs(store.shared, { concurrency: 2, logger: silentLogger(), pollingSeconds: 0.5 }).open();
  const core = createCore(config, silentLogger(), {
    store,
    jobs,
    provider,
    channels: () => new RecordingChannel(),
    lease: { ttlMs: TTL_MS, identity: { host } },
    sendSettleMs: 0,
    watchKnowledgeBase: false,
  });
  core.workflow.startHeartbeat();
  const made = { core, jobs, provider };
  replicas.push(made);
  return made;
}

async function receive(core: Core, text: string, thread: string): Promise<number> {
  return (await core.workflow.receive({ thread: { platform: 'console', channelId: 'C1', threadId: thread }, messageId: thread, customer: { id: 'cust' }, text, receivedAt: new Date() })).ticket.id;
}

async function jobStates(url: string, ticketId: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string }>("select state::text from pgboss.job where name = 'ticket-work' and singleton_key = $1 order by created_on", [`t${ticketId}`]);
    return rows.map((row) => row.state);
  } finally {
    await client.end();
  }
}

describe.skipIf(unavailable !== null)(`the shared ticket queue on Postgres${unavailable ? `: skipped, ${unavailable}` : ''}`, () => {
  it('runs tickets received on one replica on both, each ticket once', async () => {
    const url = await cluster!.createDatabase();
    const a = await replica(url, 'replica-a');
    const b = await replica(url, 'replica-b');
    for (const { provider } of [a, b]) provider.delayMs = 60;
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await receive(a.core, `How do I export report ${i} to CSV?`, `t-spread-${i}`));
    await until(async () => (await Promise.all(ids.map((id) => a.core.store.tickets.get(id)))).every((ticket) => ticket?.status === 'awaiting_review'), 'every ticket triaged and drafted', 30_000);

    for (const id of ids) {
      const rows = await a.core.store.modelCalls.forTicket(id);
      // One classification each: no ticket was worked twice.
      expect(rows.filter((row) => row.stage === 'classify').map((row) => row.outcome)).toEqual(['ok']);
      expect(await a.core.store.tickets.leaseOwner(id)).toBeNull();
    }
    await until(async () => (await Promise.all(ids.map((id) => jobStates(url, id)))).every((states) => states.join() === 'completed'), 'one completed job per ticket');
    // Both replicas fetched work, though every message arrived at A.
    expect(a.provider.calls.length).toBeGreaterThan(0);
    expect(b.provider.calls.length).toBeGreaterThan(0);
    expect(await a.core.workflow.queueDepth()).toBe(0);
  }, 60_000);

  it('gives a dead replica\'s ticket to another, which resumes from its last finished stage', async () => {
    const url = await cluster!.createDatabase();
    const first = new ControlledProvider();
    first.hangOn = 'draft';
    const a = await replica(url, 'replica-a', first);
    const id = await receive(a.core, 'How do I export my dashboard to CSV? It only offers PNG.', 't-dies');
    await until(() => first.isHanging, 'A to be drafting');
    expect(await a.core.store.tickets.leaseOwner(id)).toBe(a.core.workflow.workerId);

    // A dies: no more heartbeats, its job still active. B starts and, once A's lease runs out, takes the ticket.
    a.core.workflow.stopTakingWork();
    const b = await replica(url, 'replica-b');
    await until(async () => (await b.core.store.tickets.get(id))?.status === 'awaiting_review', 'B to finish the ticket', 30_000);

    expect(b.provider.calls.map((call) => call.stage)).toContain('draft');
    for (const finished of ['classify', 'extract']) expect(b.provider.calls.map((call) => call.stage)).not.toContain(finished);
    const drafts = (await b.core.store.modelCalls.forTicket(id)).filter((row) => row.stage === 'draft').map((row) => row.outcome).sort();
    // A's cut-off attempt is in the ledger at its worst case, B's is the one that answered.
    expect(drafts).toEqual(['ok', 'unknown_outcome']);
    // The queue holds A's job (active until pg-boss expires it) and the one recovery queued, which B ran.
    // (pg-boss marks a job completed just after its handler returns, so this is waited for.)
    await until(async () => (await jobStates(url, id)).join() === 'active,completed', 'A\'s job still active, the second completed');
  }, 60_000);

  it('does nothing with a job offered again while a live replica still works its ticket', async () => {
    const url = await cluster!.createDatabase();
    const first = new ControlledProvider();
    first.hangOn = 'draft';
    const a = await replica(url, 'replica-a', first);
    const id = await receive(a.core, 'How do I rename a project?', 't-alive');
    await until(() => first.isHanging, 'A to be drafting');
    const b = await replica(url, 'replica-b');
    // The same ticket queued again (as an expired job would be): whoever fetches it leaves it
    // (B finds A's live lease; A's idle worker finds the ticket in A's own hands).
    await b.core.store.transaction(() => b.jobs.enqueue(id));
    await until(async () => (await jobStates(url, id)).includes('completed'), 'the second job to be taken');
    expect(b.provider.calls).toHaveLength(0);
    expect(first.calls.filter((call) => call.stage === 'draft')).toHaveLength(1);
    expect(await b.core.store.tickets.leaseOwner(id)).toBe(a.core.workflow.workerId);
    expect((await b.core.store.tickets.get(id))?.status).toBe('triaged');
  }, 60_000);
});
