/** The replay CLI's core: reading files, running the real pipeline offline, the summary's numbers. */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
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
    expect(tickets[0]).toMatchObject({ subject: 'Login broken', labels: { urgency: 'high', language: 'en', category: null, riskFlags: null } });
    expect(tickets[0]?.text).toContain('error 500.\nPlease help.');
    expect(tickets.map((t) => t.labels.urgency)).toEqual(['high', 'low', 'high', 'urgent', 'low', 'low', 'urgent', 'normal', 'high', 'low']);
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
    // Classify + extract per ticket; beyond those, nano only drafts (simple tickets it is sure of), and the
    // summary counts exactly what the ledger holds.
    const ledger = new Database(db, { readonly: true });
    const nanoByStage = Object.fromEntries(
      (ledger.prepare("SELECT stage, COUNT(*) AS n FROM model_calls WHERE tier = 'nano' GROUP BY stage").all() as { stage: string; n: number }[]).map((row) => [row.stage, row.n]),
    );
    ledger.close();
    const { classify, extract, draft = 0, ...other } = nanoByStage;
    expect({ classify, extract, other }).toEqual({ classify: 10, extract: 10, other: {} });
    expect(summary.by_tier.nano?.calls).toBe(20 + draft);
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

/** A few lines in the labelled set's format (test/fixtures/labelled/*.jsonl). */
function labelledFile(): string {
  const none = { order_ids: [], emails: [], amounts: [], account_ids: [] };
  const lines = [
    { id: 'en-001', language: 'en', text: 'I was charged 49.90 EUR twice for my plan, please refund one.', urgency: 'high', category: 'refund', risk_flags: ['refund'], needs_reply: true, fields: { ...none, amounts: [{ value: 49.9, currency: 'EUR' }] }, hard_case: null },
    { id: 'en-002', language: 'en', text: 'Everything is down, nobody in our company can log in!', urgency: 'urgent', category: 'outage', risk_flags: ['outage'], needs_reply: true, fields: none, hard_case: null },
    { id: 'en-003', language: 'en', text: 'thanks, that worked', urgency: 'low', category: 'general', risk_flags: [], needs_reply: false, fields: none, hard_case: null },
    { id: 'de-001', language: 'de', text: 'Wie ändere ich meine E-Mail-Adresse ana@example.com?', urgency: 'normal', category: 'account', risk_flags: [], needs_reply: true, fields: { ...none, emails: ['ana@example.com'] }, hard_case: 'x' },
  ];
  const path = dir.file('labelled.jsonl');
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
}

describe('replay on a labelled file', () => {
  it('prints every judgment figure, and sends no high-stakes ticket without a human under AUTO_SEND', async () => {
    const { summary } = await runReplay({ input: labelledFile(), db: dir.file('labelled.db'), review: 'pending', concurrency: 2 }, { ...OFFLINE, AUTO_SEND: 'true' });
    expect(summary.labelled).toBe(4);
    for (const key of ['urgency_macro_f1', 'per_class', 'confusion', 'ece', 'reliability', 'category_accuracy', 'risk_flags', 'needs_reply_accuracy', 'extraction', 'per_language'] as const) {
      expect(summary[key], key).not.toBeNull();
    }
    expect(summary.per_class?.urgent.support).toBe(1);
    expect(Object.keys(summary.per_language ?? {})).toEqual(['de', 'en']);
    expect(summary.per_language?.en?.n).toBe(3);
    expect(summary.reliability?.reduce((n, bin) => n + bin.n, 0)).toBe(4);
    expect(summary.extraction?.emails.expected).toBe(1);
    expect(summary.high_stakes_sent_without_human).toBe(0);
    expect(summary.shadow).toBeNull();
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

  it('prints the judgment figures and a shadow comparison as text', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/replay.ts', '--input', labelledFile(), '--shadow', 'mini', '--db', dir.file('cli-shadow.db')],
      { encoding: 'utf8', env: { ...process.env, MODEL_PROVIDER: 'offline', OPENAI_API_KEY: '' } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const text of ['macro-F1', 'Calibration: ECE', 'Risk flags', 'Extracted fields', 'Per language', 'sent without a human: 0', 'Shadow: mini classified the same 4 tickets', 'mini (shadow)']) {
      expect(result.stdout).toContain(text);
    }
  });

  it('rejects an unknown shadow tier', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', '--input', 'x.csv', '--shadow', 'gpt'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/INPUT_INVALID.*--shadow must be one of nano, mini, flagship/);
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
    // Its priority column is not a judgement of urgency anyone can predict from the text (issue 11): only
    // throughput and completeness are checked here; urgency is measured on test/fixtures/labelled/.
    expect(Object.values(summary.by_urgency).reduce((sum, n) => sum + n, 0)).toBe(150);
    expect(summary.second_opinion_reasons.classification_failed ?? 0).toBe(0);
    expect(summary.by_route.flagship_review ?? 0).toBeLessThan(150);
    // Generous: a loaded 2-core machine runs these 150 offline tickets in 10 to 25 s.
  }, 90_000);
});
if (!existsSync(SHARED_TICKETS)) console.log(`skipping shared-data replay: ${SHARED_TICKETS} not present`);
