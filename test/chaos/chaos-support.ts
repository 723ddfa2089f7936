/**
 * Shared by the chaos suites: the seed every random choice derives from
 * (CHAOS_SEED overrides it, and a failure prints it so the run can be
 * replayed), the ledger-against-bill reconciliation, and a report printer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { costNanos, DEFAULT_PRICE_TABLE, priceFor } from '../../src/models/pricing.js';
import type { ModelCallRecord } from '../../src/store/types.js';
import type { BilledAttempt } from '../fakes/openai/index.js';
import type { FakeSlack } from '../fakes/slack/index.js';
import { mulberry32 } from '../fakes/openai/index.js';

export function chaosSeed(fallback: number): number {
  const fromEnv = Number(process.env.CHAOS_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

/** A seeded random source with helpers, so a failing run can be replayed with CHAOS_SEED. */
export function seeded(seed: number) {
  const next = mulberry32(seed);
  return {
    seed,
    next,
    between: (low: number, high: number) => Math.round(low + next() * (high - low)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

/** Runs `body`; on failure, the error says which seed to replay. */
export async function withSeed<T>(seed: number, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`chaos run failed with seed ${seed} (replay: CHAOS_SEED=${seed} npm run test:chaos)\n${message}`, { cause: error });
  }
}

export function report(title: string, figures: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(figures).map((key) => key.length));
  const lines = Object.entries(figures).map(([key, value]) => `  ${key.padEnd(width)}  ${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(6) : String(value)}`);
  console.log(`\n${title}\n${lines.join('\n')}`);
}

/** What the fake provider billed for one attempt, at list prices, in nano-dollars. */
export function billedCost(attempt: BilledAttempt): number {
  const usage = attempt.usage;
  return costNanos({ input: usage.input_tokens, cachedInput: usage.cached_tokens, output: usage.output_tokens, reasoning: usage.reasoning_tokens }, priceFor(DEFAULT_PRICE_TABLE, attempt.model));
}

export interface LedgerCheck {
  billedAttempts: number;
  ledgerRows: number;
  /** Billed attempts with no ledger row: must be 0. */
  missing: string[];
  /** Rows priced from reported usage whose cost differs from the bill: must be 0. */
  mispriced: string[];
  /** Rows priced at the worst case below what was billed: must be 0. */
  undercounted: string[];
  /** Rows still in flight: must be 0 once every process has stopped or been taken over. */
  open: number;
  unknownOutcome: number;
  worstCaseRows: number;
  /** Nano-dollars, exact: the ledger's sum and the bill's compare without rounding. */
  billNanos: number;
  ledgerNanos: number;
}

/** Every attempt the provider billed against the ledger, row by row (matched by the attempt id sent as X-Client-Request-Id). */
export function reconcileLedger(rows: (ModelCallRecord & { id: number })[], billed: readonly BilledAttempt[]): LedgerCheck {
  const byAttempt = new Map(rows.filter((row) => row.attemptId).map((row) => [row.attemptId as string, row]));
  const check: LedgerCheck = {
    billedAttempts: billed.length,
    ledgerRows: rows.length,
    missing: [],
    mispriced: [],
    undercounted: [],
    open: rows.filter((row) => row.outcome === 'in_flight').length,
    unknownOutcome: rows.filter((row) => row.outcome === 'unknown_outcome').length,
    worstCaseRows: rows.filter((row) => row.costBasis === 'worst_case').length,
    billNanos: 0,
    ledgerNanos: rows.reduce((sum, row) => sum + row.costNanos, 0),
  };
  for (const attempt of billed) {
    const cost = billedCost(attempt);
    check.billNanos += cost;
    const row = attempt.clientRequestId ? byAttempt.get(attempt.clientRequestId) : undefined;
    if (!row) {
      check.missing.push(`${attempt.clientRequestId ?? '(no id)'} ${attempt.model} ${attempt.delivery}`);
      continue;
    }
    if (row.costBasis === 'usage' && row.costNanos !== cost) check.mispriced.push(`${row.attemptId}: ledger ${row.costNanos} vs bill ${cost} nano-dollars`);
    if (row.costBasis === 'worst_case' && row.costNanos < cost) check.undercounted.push(`${row.attemptId}: ledger ${row.costNanos} < bill ${cost} nano-dollars`);
  }
  return check;
}

const INJECTION_FILE = join(import.meta.dirname, '../../../shared/data/injection/deepset/train.jsonl');

/** The prompt injections (label 1) of the deepset set, or null when ../shared/data is absent. */
export function injectionTexts(): string[] | null {
  if (!existsSync(INJECTION_FILE)) return null;
  return readFileSync(INJECTION_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { text: string; label: number })
    .filter((row) => row.label === 1)
    .map((row) => row.text);
}

export { INJECTION_FILE };

/** What the chaos suites' customers write, in turn: how-tos, a bug, an outage, a double charge, thanks. */
export const CUSTOMER_MESSAGES = [
  'How do I export my reports to CSV?',
  'Can I add a second admin to the workspace?',
  'The mobile app logs me out every few minutes.',
  'Where can I download last month\u2019s invoice?',
  'Webhook deliveries fail with 410 since yesterday.',
  'Our whole team cannot log in since 9am, error 502 everywhere.',
  'I was charged twice for order #4411, please refund $39.',
  'Thanks, that fixed it!',
];

/** A signed POST as Slack sends it; false when the bot did not answer 200 (down, killed mid-request). */
export async function postSigned(fake: FakeSlack, url: string, body: string, contentType: string, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...fake.sign(body), ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.text();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** A TCP port free on loopback now (the bot is started on it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The node flags of package.json's `start` script, so a bot started here runs as `npm start` runs it, memory limits included. */
export const NPM_START_ARGS = ['--enable-source-maps', '--max-old-space-size=256', '--max-semi-space-size=4', 'dist/src/main.js'];

/** What `npm start`'s prestart does: compile once (nothing when dist/ is current), so every start is a plain `node dist/src/main.js`. */
export function compileLikePrestart(): void {
  execFileSync(process.execPath, ['src/cli/compile-if-changed.mjs'], { stdio: 'inherit' });
}
