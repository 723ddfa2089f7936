/**
 * Migrations on databases written before them.
 * 0005: the model's review stage was called `escalate` in the ledger and the
 * stage checkpoints, and a model's review was recorded as reviewer kind
 * `flagship`. After opening the store they read `second_opinion` and `model`;
 * a reviewer's Escalate (a human review) and the other stages are left as they were.
 * 0010–0014: costs kept as REAL dollars become whole nano-dollars, and the
 * spend aggregates are filled from the rows already settled.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOutcome } from '../src/pipeline/outcome.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { tempDir } from './support/temp-dir.js';

const MIGRATIONS = join(import.meta.dirname, '..', 'migrations');
const RENAMING = '0005_second_opinion_model_reviews';
const NANOS = '0010_ledger_nanos_columns';

const dir = tempDir('store-migration');
afterAll(() => dir.cleanup());

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A copy of migrations/ that stops just before `tag`: the schema as an older release left it. */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal;
  const stop = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(stop).toBeGreaterThan(0);
  const folder = join(dir.path, `before-${tag}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const earlier = journal.entries.slice(0, stop);
  for (const entry of earlier) copyFileSync(join(MIGRATIONS, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: earlier }));
  return folder;
}

/** Rows as the release before 0005 wrote them; returns the ticket's id. */
function writeOldRows(sqlite: Database.Database): number {
  const ticketId = Number(
    sqlite
      .prepare("insert into tickets (platform, channel_id, thread_id, customer_id, status) values ('slack', 'C1', '1700000000.0001', 'U1', 'awaiting_review')")
      .run().lastInsertRowid,
  );
  const call = sqlite.prepare(
    `insert into model_calls (ticket_id, stage, tier, provider, model, prompt_name, prompt_version, input_tokens, cached_input_tokens,
       output_tokens, reasoning_tokens, cost_usd, settled_seq, price_version, latency_ms, outcome)
     values (?, ?, ?, 'openai', ?, ?, ?, 100, 0, 10, 0, 0.001, ?, 'v1', 5, 'ok')`,
  );
  call.run(ticketId, 'classify', 'nano', 'gpt-5.4-nano', 'classify', 'classify@1', 1);
  const review = Number(call.run(ticketId, 'escalate', 'mini', 'gpt-5.4-mini', 'review', 'review@1', 2).lastInsertRowid);
  call.run(ticketId, 'escalate', 'flagship', 'gpt-5.4', 'review', 'review@1', 3);
  sqlite
    .prepare('insert into stage_results (ticket_id, key, stage, tier, prompt_version, fell_back, output, model_call_id) values (?, ?, ?, ?, ?, 0, ?, ?)')
    .run(ticketId, '1:review:1:mini', 'escalate', 'mini', 'review@1', JSON.stringify({ verdict: 'human', rationale: 'Check the refund.', rewrittenReply: null }), review);
  const draftId = Number(
    sqlite.prepare("insert into drafts (ticket_id, source, text, language) values (?, 'mini', 'Hello, we are on it.', 'en')").run(ticketId).lastInsertRowid,
  );
  const reviewRow = sqlite.prepare('insert into reviews (ticket_id, draft_id, reviewer, reviewer_kind, action, reason) values (?, ?, ?, ?, ?, ?)');
  reviewRow.run(ticketId, draftId, 'flagship', 'flagship', 'approve', 'Fine.');
  reviewRow.run(ticketId, draftId, 'U42', 'human', 'escalate', null);
  reviewRow.run(ticketId, draftId, 'mini', 'flagship', 'defer', 'Check the refund.');
  return ticketId;
}

describe(`migration ${RENAMING}`, () => {
  it('renames the review stage to second_opinion and model reviews to reviewer kind model, and nothing else', async () => {
    const path = dir.file('old.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: migrationsBefore(RENAMING) });
    const ticketId = writeOldRows(old);
    old.close();

    const store = openSqliteStore(path);
    try {
      expect((await store.modelCalls.forTicket(ticketId)).map((call) => `${call.stage}:${call.tier}`)).toEqual([
        'classify:nano',
        'second_opinion:mini',
        'second_opinion:flagship',
      ]);
      expect(await store.stageResults.find(ticketId, '1:review:1:mini')).toMatchObject({ stage: 'second_opinion', tier: 'mini' });
      expect((await store.reviews.forTicket(ticketId)).map((review) => `${review.reviewerKind}:${review.reviewer}:${review.action}`)).toEqual([
        'model:flagship:approve',
        // A reviewer's Escalate is the human's button: unchanged.
        'human:U42:escalate',
        'model:mini:defer',
      ]);
      // The latest second opinion, with the tier that gave it.
      expect((await loadOutcome(store, ticketId)).secondOpinion).toEqual({ verdict: 'human', rationale: 'Check the refund.', rewrittenReply: null, tier: 'mini' });
    } finally {
      store.close();
    }

    const raw = new Database(path, { readonly: true });
    try {
      const left = raw.prepare("select (select count(*) from model_calls where stage = 'escalate') + (select count(*) from stage_results where stage = 'escalate') + (select count(*) from reviews where reviewer_kind = 'flagship') as n").get() as { n: number };
      expect(left.n).toBe(0);
    } finally {
      raw.close();
    }
  });
});

describe(`migrations ${NANOS} to 0014`, () => {
  it('converts dollars to whole nano-dollars and fills the spend aggregates from the settled rows, once', async () => {
    const path = dir.file('dollars.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: migrationsBefore(NANOS) });
    const ticketId = Number(
      old.prepare("insert into tickets (platform, channel_id, thread_id, customer_id, status, created_at) values ('slack', 'C1', '1.1', 'U1', 'sent', 1763373600000)").run().lastInsertRowid,
    );
    const call = old.prepare(
      `insert into model_calls (attempt_id, ticket_id, stage, tier, provider, model, prompt_name, prompt_version, input_tokens, cached_input_tokens,
         output_tokens, reasoning_tokens, cost_usd, estimated_cost_usd, worst_case_usd, cost_basis, settled_seq, price_version, latency_ms, outcome, shadow, created_at)
       values (?, ?, ?, ?, 'openai', ?, 'p', 'p@1', 1000, 100, 10, 0, ?, ?, ?, ?, ?, 'v1', 5, ?, ?, ?)`,
    );
    // 0.1 + 0.2 in doubles is 0.30000000000000004: the nearest nano-dollar is what each call cost.
    call.run('a1', ticketId, 'classify', 'nano', 'gpt-5.4-nano', 0.000181, null, 0.0004, 'usage', 1, 'ok', 0, 1763373600000);
    call.run('a2', ticketId, 'draft', 'mini', 'gpt-5.4-mini', 0.0030588, null, 0.009, 'usage', 2, 'ok', 0, 1763373660000);
    call.run('a3', ticketId, 'second_opinion', 'flagship', 'gpt-5.4', 0.1 + 0.2, null, 0.3, 'worst_case', 3, 'MODEL_TIMEOUT', 0, 1763373700000);
    call.run('a4', ticketId, 'classify', 'flagship', 'gpt-5.4', 0.00725, null, null, 'usage', 4, 'ok', 1, 1763373700000);
    call.run('a5', null, 'embed', 'nano', 'text-embedding-3-small', 0, 0.0000008, null, 'estimate', 5, 'ok', 0, 1763373800000);
    call.run('a6', ticketId, 'summarize', 'mini', 'gpt-5.4-mini', 0.002, null, 0.002, 'reserved', null, 'in_flight', 0, 1763373900000);
    old.close();

    const store = openSqliteStore(path);
    try {
      expect((await store.modelCalls.forTicket(ticketId)).map((row) => [row.costNanos, row.worstCaseNanos])).toEqual([
        [181_000, 400_000],
        [3_058_800, 9_000_000],
        [300_000_000, 300_000_000],
        [7_250_000, null],
        [2_000_000, 2_000_000],
      ]);
      expect((await store.modelCalls.forTicket(null))[0]).toMatchObject({ costNanos: 0, estimatedCostNanos: 800 });
      // The ticket's own settled calls: the shadow and the one in flight are not its cost.
      expect(await store.modelCalls.ticketCost(ticketId)).toEqual({ costNanos: 181_000 + 3_058_800 + 300_000_000, estimatedCostNanos: 0 });
      const groups = await store.spend.groups(new Date(0), new Date('2030-01-01T00:00:00Z'));
      expect(groups.reduce((sum, group) => sum + group.costNanos, 0)).toBe(181_000 + 3_058_800 + 300_000_000 + 7_250_000);
      expect(groups.reduce((sum, group) => sum + group.calls, 0)).toBe(5);
      expect(groups.find((group) => group.stage === 'second_opinion')).toMatchObject({ failedCalls: 1, platform: 'slack', channelId: 'C1' });
      expect(groups.find((group) => group.stage === 'embed')).toMatchObject({ platform: null, channelId: null, estimatedCostNanos: 800 });
      // Settling the row that was in flight counts it once, through the trigger.
      const open = (await store.modelCalls.forTicket(ticketId)).find((row) => row.outcome === 'in_flight');
      await store.modelCalls.close(open?.id ?? 0, { usage: { input: 10, cachedInput: 0, output: 1, reasoning: 0 }, rawUsage: null, requestId: null, costNanos: 12_000, costBasis: 'usage', estimatedCostNanos: null, latencyMs: 1, outcome: 'ok', errorMessage: null });
      expect((await store.modelCalls.ticketCost(ticketId)).costNanos).toBe(181_000 + 3_058_800 + 300_000_000 + 12_000);
    } finally {
      store.close();
    }
  });
});
