/** The replay CLI's core: reading files, running the real pipeline offline, the summary's numbers. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readReplayTickets } from '../src/cli/replay-input.js';
import { runReplay } from '../src/cli/run-replay.js';
import { InputError } from '../src/errors.js';
import { tempDir } from './support/temp-dir.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const dir = tempDir('triage-replay');
afterAll(() => dir.cleanup());

const OFFLINE = { MODEL_PROVIDER: 'offline', LOG_LEVEL: 'silent' };

describe('replay input', () => {
  it('reads CSV with quoted multi-line bodies, escapes, labels and extra columns', () => {
    const tickets = readReplayTickets(join(fixtures, 'tickets-sample.csv'));
    expect(tickets).toHaveLength(10);
    expect(tickets[0]).toMatchObject({ subject: 'Login broken', label: 'high', language: 'en' });
    expect(tickets[0]?.text).toContain('error 500.\nPlease help.');
    expect(tickets.map((t) => t.label)).toEqual(['high', 'low', 'high', 'urgent', 'low', 'low', 'urgent', 'normal', 'high', 'low']);
    expect(tickets[9]).toMatchObject({ text: 'Thanks!' });
    expect(tickets[9]?.subject).toBeUndefined();
  });

  it('reads JSONL with body or text, skipping blank lines', () => {
    const tickets = readReplayTickets(join(fixtures, 'tickets-sample.jsonl'));
    expect(tickets.map((t) => t.text)).toEqual([
      'The mobile app takes 30 seconds to load the inbox.',
      'ok thanks',
      'My card was declined but the bank says everything is fine. Order 99812.',
    ]);
    expect(tickets.map((t) => t.row)).toEqual([1, 2, 4]);
  });

  it('fails clearly on a missing body column, broken JSON and a missing file', () => {
    expect(() => readReplayTickets(join(fixtures, 'no-body-column.csv'))).toThrow(/no "body" or "text" column/);
    expect(() => readReplayTickets(join(fixtures, 'broken.jsonl'))).toThrow(/broken\.jsonl:2: not valid JSON/);
    expect(() => readReplayTickets(join(fixtures, 'nope.csv'))).toThrow(InputError);
  });
});

describe('replay run (offline, real SQLite)', () => {
  it('runs every ticket through the pipeline and sums the ledger', async () => {
    const db = dir.file('replay.db');
    const { summary, database } = await runReplay(
      { input: join(fixtures, 'tickets-sample.csv'), db, review: 'pending', concurrency: 4 },
      OFFLINE,
    );
    expect(database).toBe(db);
    expect(summary.provider).toBe('offline');
    expect(summary.tickets).toBe(10);
    expect(Object.values(summary.by_route).reduce((a, b) => a + b, 0)).toBe(10);
    expect(Object.values(summary.by_urgency).reduce((a, b) => a + b, 0)).toBe(10);
    // Offline: nothing billed, but what it would cost is estimated from local token counts.
    expect(summary.cost_usd).toBe(0);
    expect(summary.estimated_cost_usd).toBeGreaterThan(0);
    expect(summary.by_tier.nano?.calls).toBe(20); // classify + extract per ticket
    expect(summary.all_flagship_cost_usd).toBeGreaterThan(summary.estimated_cost_usd);
    // The thank-you messages are closed without a draft; the outage and security ones get a second opinion.
    expect(summary.by_route.no_reply).toBeGreaterThanOrEqual(1);
    expect(summary.second_opinion_rate).toBeGreaterThan(0);
    expect(summary.second_opinion_reasons.risk_security ?? 0).toBeGreaterThanOrEqual(1);
    expect(summary.labelled).toBe(10);
    expect(summary.accuracy).not.toBeNull();
    const confusionTotal = Object.values(summary.confusion ?? {}).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0);
    expect(confusionTotal).toBe(10);
    expect(summary.by_status.awaiting_review).toBeGreaterThan(0);
  });

  it('approves every pending draft with --review approve', async () => {
    const { summary } = await runReplay(
      { input: join(fixtures, 'tickets-sample.jsonl'), db: dir.file('approve.db'), review: 'approve', concurrency: 2 },
      OFFLINE,
    );
    expect(summary.tickets).toBe(3);
    expect(summary.by_status.awaiting_review ?? 0).toBe(0);
    expect((summary.by_status.sent ?? 0) + (summary.by_status.closed ?? 0)).toBe(3);
  });

  it('respects --limit', async () => {
    const { summary } = await runReplay(
      { input: join(fixtures, 'tickets-sample.csv'), limit: 3, db: dir.file('limit.db'), review: 'pending', concurrency: 1 },
      OFFLINE,
    );
    expect(summary.tickets).toBe(3);
  });
});

describe('replay CLI', () => {
  it('prints one JSON object with --json and exits 0', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/replay.ts', '--input', join(fixtures, 'tickets-sample.jsonl'), '--json', '--db', dir.file('cli.db')],
      { encoding: 'utf8', env: { ...process.env, MODEL_PROVIDER: 'offline', OPENAI_API_KEY: '' } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    for (const key of ['tickets', 'by_urgency', 'by_route', 'by_tier', 'cost_usd', 'cost_per_ticket_usd', 'second_opinion_rate', 'accuracy']) {
      expect(parsed).toHaveProperty(key);
    }
    expect(parsed.tickets).toBe(3);
  });

  it('rejects an unknown flag with a clear error', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', '--inptu', 'x'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/INPUT_INVALID.*--inptu/);
  });
});

const SHARED_TICKETS = join(import.meta.dirname, '../../shared/data/tickets/tickets-en-de.csv');
describe.skipIf(!existsSync(SHARED_TICKETS))('replay on ../shared/data tickets', () => {
  it('processes a slice of the third-party ticket set offline', async () => {
    const { summary } = await runReplay({ input: SHARED_TICKETS, limit: 150, db: dir.file('shared.db'), review: 'pending', concurrency: 8 }, OFFLINE);
    expect(summary.tickets).toBe(150);
    expect(summary.labelled).toBe(150);
    expect(summary.accuracy).toBeGreaterThan(0.3);
    expect(summary.by_route.flagship_review ?? 0).toBeLessThan(150);
  });
});
if (!existsSync(SHARED_TICKETS)) console.log(`skipping shared-data replay: ${SHARED_TICKETS} not present`);
