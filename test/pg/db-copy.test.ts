/**
 * `npm run db:copy`: a SQLite store with real pipeline output (an offline
 * replay with SLA targets), billed calls, a review, a posted-report claim and
 * a ledger partly rolled up by retention, copied into an empty Postgres.
 * Every count and the all-time spend match, the weekly reports read from
 * both stores are the same, numbering continues after the copied ids, and a
 * second copy into the now non-empty database is refused. Skipped with a
 * message where this machine has no Postgres (CI: REQUIRE_POSTGRES=1).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/cli/run-replay.js';
import { applyLedgerRetention } from '../../src/jobs/ledger-retention.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { loadPriceTable } from '../../src/models/pricing.js';
import { TierRegistry } from '../../src/models/tiers.js';
import { weekContaining } from '../../src/periods.js';
import { openPostgresStore } from '../../src/store/pg/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { seedReportActivity } from '../support/report-activity.js';
import { tempDir } from '../support/temp-dir.js';

const unavailable = postgresUnavailable();
const dir = tempDir('db-copy');
const LABELLED = join(import.meta.dirname, '..', 'fixtures', 'labelled', 'tune.jsonl');
const NOW = new Date();
const LONG_AGO = new Date(NOW.getTime() - 120 * 24 * 3_600_000);

let cluster: PostgresCluster | null = null;

beforeAll(async () => {
  if (!unavailable) cluster = await startPostgres();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  dir.cleanup();
});

async function seedSqlite(path: string): Promise<void> {
  await runReplay(
    { input: LABELLED, limit: 40, db: path, review: 'pending', concurrency: 4 },
    { MODEL_PROVIDER: 'offline', DATABASE_PATH: dir.file('unused.db'), LOG_LEVEL: 'silent', KB_PATH: dir.file('no-kb'), SLA_FIRST_RESPONSE: 'urgent=15m,high=1h,normal=4h,low=1d' },
  );
  const store = openSqliteStore(path);
  try {
    // Billed calls now and long ago; the old ones are then rolled up by retention (their rows deleted, their sums kept).
    await seedReportActivity(store, { platform: 'slack', channelId: 'CSUPPORT', threadId: '1700000000.000001', subject: 'Old invoice' }, LONG_AGO);
    const recent = await seedReportActivity(store, { platform: 'discord', channelId: '810000000000000001', threadId: '860000000000000001', subject: 'Export' }, NOW);
    const rolled = await applyLedgerRetention(store.spend, { days: 90, timeZone: 'UTC', now: NOW });
    expect(rolled?.deleted).toBeGreaterThan(0);
    await store.reviews.record({ ticketId: recent, draftId: null, reviewer: 'UREVIEWER', reviewerKind: 'human', action: 'reject', editedText: null, reason: 'duplicate' });
    expect(await store.channelPosts.claim({ kind: 'weekly_report', periodKey: '2026-W47', platform: 'slack', channelId: 'CREPORTS' })).toBe(true);
  } finally {
    store.close();
  }
}

async function reportsOf(store: Store): Promise<unknown[]> {
  const tiers = new TierRegistry({ nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' }, loadPriceTable(undefined));
  const weeks = [weekContaining(NOW, 'UTC'), weekContaining(LONG_AGO, 'UTC')];
  const reports: unknown[] = [];
  for (const week of weeks) reports.push(await buildWeeklyReport({ store, tiers, budget: null, timeZone: 'UTC', clock: () => NOW }, week));
  return reports;
}

function dbCopy(from: string, to: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/db-copy.ts', '--from', from, '--to', to, '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(unavailable !== null)(`db:copy from SQLite to Postgres${unavailable ? `: skipped, ${unavailable}` : ''}`, () => {
  it('copies every table, keeps every count and total, reports the same, continues numbering, and refuses a non-empty target', async () => {
    if (!cluster) throw new Error('no cluster');
    const source = dir.file('source.db');
    await seedSqlite(source);
    const url = await cluster.createDatabase();

    const copied = dbCopy(source, url);
    expect(copied.status, copied.stderr).toBe(0);
    const result = JSON.parse(copied.stdout) as { ok: boolean; checks: { what: string; sqlite: number; postgres: number }[] };
    expect(result.ok).toBe(true);
    const rowsOf = (table: string) => result.checks.find((check) => check.what === `rows in ${table}`)?.sqlite ?? 0;
    for (const table of ['tickets', 'messages', 'triage_results', 'routing_decisions', 'drafts', 'model_calls', 'reviews', 'posted_reports', 'ticket_sla', 'spend_buckets', 'ticket_spend']) {
      expect(rowsOf(table), table).toBeGreaterThan(0);
    }
    expect(result.checks.find((check) => check.what.startsWith('spend, nano-dollars'))?.postgres).toBeGreaterThan(0);

    const from = openSqliteStore(source);
    const to = await openPostgresStore(url);
    try {
      // The same weekly reports, this week's and the rolled-up one's, from both stores.
      expect(await reportsOf(to)).toEqual(await reportsOf(from));
      // Numbering goes on after the copied rows.
      const before = (await from.tickets.listByStatus('awaiting_review', 1_000)).length;
      const opened = await to.tickets.intake({
        thread: { platform: 'slack', channelId: 'CSUPPORT', threadId: '1800000000.000001' },
        messageId: '1800000000.000001',
        customer: { id: 'U1' },
        text: 'a new ticket after the move',
        receivedAt: new Date(),
      });
      expect(opened.isNew).toBe(true);
      expect(opened.ticket.id).toBe(rowsOf('tickets') + 1);
      expect((await to.tickets.listByStatus('awaiting_review', 1_000)).length).toBe(before);
    } finally {
      from.close();
      to.close();
    }

    // The target is no longer empty: a second copy changes nothing and says why.
    const again = dbCopy(source, url);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/already holds \d+ tickets/);
  }, 180_000);
});
