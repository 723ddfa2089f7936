/**
 * Faults: the fake OpenAI answers 85% of model requests with a fault (429,
 * 500, an answer that never arrives, a body cut mid-way, a broken envelope,
 * output outside the schema, a refusal, an incomplete answer), through the
 * real `openai` SDK, with a small daily cap and a burst of tickets worked 8 at
 * a time. Every ticket must end in a defined state with a reason; the ledger
 * must hold every attempt the provider billed, row for row; and the provider's
 * bill must stay under the cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_PROGRESS_STATUSES } from '../../src/domain/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/index.js';
import { createHarness } from '../e2e/harness.js';
import { heuristicModel } from '../support/heuristic-model.js';
import { chaosSeed, reconcileLedger, report, withSeed } from './chaos-support.js';
import { filterAsync, flatMapAsync, mapAsync } from '../support/async-array.js';

const KEY = 'sk-test-chaos-faults-0000';
const TICKETS = 120;
const CAP_USD = 1;

const MESSAGES = [
  'Our whole team cannot log in since 9am, the dashboard shows error 502.',
  'How do I export my reports to CSV?',
  'I was charged twice for order #4411, please refund $39.',
  'Feature request: dark mode for the mobile app would be great.',
  'Die Rechnung 2291 ist falsch, bitte korrigieren.',
  'Webhook deliveries fail with 410 since yesterday.',
  'Thanks, that fixed it!',
  'Can I add a second admin to the workspace?',
];

describe('faults: 85% of model requests fail, a small cap, a burst of tickets', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: KEY });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('leaves every ticket in a defined state, records every billed attempt, and keeps the bill under the cap', async () => {
    const seed = chaosSeed(90_210);
    await withSeed(seed, async () => {
      fake.script(heuristicModel);
      fake.randomFaults({ rate: 0.85, seed });
      const h = createHarness(
        { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, MODEL_MAX_RETRIES: '2', MODEL_TIMEOUT_MS: '400', AUTO_SEND: 'true', BUDGET_DAILY_USD: String(CAP_USD), BUDGET_URGENT_RESERVE_PERCENT: '0' },
        { concurrency: 8, retryDelayMs: { base: 5, max: 40 } },
      );
      try {
        const ids = await mapAsync(Array.from({ length: TICKETS }, (_, index) => index), async (index) => await h.receive(`${MESSAGES[index % MESSAGES.length]} (case ${index})`));
        await h.core.workflow.idle();

        const { store } = h.core;
        const undefinedState: string[] = [];
        const statuses: Record<string, number> = {};
        const reasons: Record<string, number> = {};
        for (const id of ids) {
          const ticket = await store.tickets.get(id);
          const decision = await store.triage.latestDecision(id);
          const status = ticket?.status ?? 'missing';
          statuses[status] = (statuses[status] ?? 0) + 1;
          const why = decision?.reasons ?? [];
          for (const reason of why) reasons[reason] = (reasons[reason] ?? 0) + 1;
          if (!ticket || IN_PROGRESS_STATUSES.includes(ticket.status) || (why.length === 0 && !ticket.statusReason)) undefinedState.push(`#${id} ${status}`);
        }
        const rows = [...await flatMapAsync(ids, async (id) => await store.modelCalls.forTicket(id)), ...await store.modelCalls.forTicket(null)];
        const ledger = reconcileLedger(rows, fake.billed);
        const faults: Record<string, number> = {};
        for (const entry of fake.faultLog) faults[entry.kind] = (faults[entry.kind] ?? 0) + 1;
        const handedOverForBudget = (await filterAsync(ids, async (id) => (await store.triage.latestDecision(id))?.reasons.includes('budget_exhausted'))).length;
        const spent = (await h.core.budget.status()).daily?.spentUsd ?? 0;

        report(`fault chaos · seed ${seed}`, {
          tickets: TICKETS,
          'model requests (fake)': fake.requests.length,
          faults: Object.entries(faults).map(([kind, n]) => `${kind} ${n}`).join(', '),
          'fault rate': `${(((fake.faultLog.length - (faults.none ?? 0)) / fake.faultLog.length) * 100).toFixed(1)}%`,
          statuses: Object.entries(statuses).map(([status, n]) => `${status} ${n}`).join(', '),
          'top reasons': Object.entries(reasons).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([reason, n]) => `${reason} ${n}`).join(', '),
          'billed attempts (fake)': ledger.billedAttempts,
          'ledger rows': ledger.ledgerRows,
          'billed attempts missing from the ledger': ledger.missing.length,
          'rows priced from usage that differ from the bill': ledger.mispriced.length,
          'rows at worst case (usage unknown)': ledger.worstCaseRows,
          'provider bill USD': ledger.billNanos / 1e9,
          'ledger USD': ledger.ledgerNanos / 1e9,
          'cap USD': CAP_USD,
          'bill / cap': `${((ledger.billNanos / 1e9 / CAP_USD) * 100).toFixed(1)}%`,
          'handed over for budget': handedOverForBudget,
        });
        expect(undefinedState).toEqual([]);
        expect(ledger.missing).toEqual([]);
        expect(ledger.mispriced).toEqual([]);
        expect(ledger.undercounted).toEqual([]);
        expect(ledger.open).toBe(0);
        expect(ledger.billNanos).toBeLessThanOrEqual(CAP_USD * 1e9);
        expect(ledger.ledgerNanos).toBeGreaterThanOrEqual(ledger.billNanos);
        // Tickets are handed over for the budget only once it is really spent (worst cases of unknown outcomes included).
        if (handedOverForBudget > 0) expect(spent).toBeGreaterThan(CAP_USD * 0.9);
      } finally {
        h.close();
      }
    });
  });

  it('makes a burst wait for budget room instead of handing tickets to humans while the cap is mostly unused', async () => {
    // The reproduction: BUDGET_DAILY_USD=0.10, 8 at a time, 300 tickets; 274 were handed over at $0.038.
    const cap = 0.1;
    fake.reset();
    fake.script(heuristicModel);
    for (const model of ['gpt-5.4-nano', 'gpt-5.4-mini', 'gpt-5.4']) fake.setLatency(model, 15);
    const h = createHarness(
      { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, BUDGET_DAILY_USD: String(cap) },
      { concurrency: 8, retryDelayMs: { base: 5, max: 40 } },
    );
    try {
      const ids = await mapAsync(Array.from({ length: 300 }, (_, index) => index), async (index) => await h.receive(`${MESSAGES[index % MESSAGES.length]} (burst ${index})`));
      await h.core.workflow.idle();
      const { store } = h.core;
      const overBudget = (await filterAsync(ids, async (id) => (await store.triage.latestDecision(id))?.reasons.some((reason) => reason === 'budget_exhausted' || reason === 'budget_no_draft'))).length;
      const spent = (await h.core.budget.status()).daily?.spentUsd ?? 0;
      const rows = [...await flatMapAsync(ids, async (id) => await store.modelCalls.forTicket(id)), ...await store.modelCalls.forTicket(null)];
      const ledger = reconcileLedger(rows, fake.billed);
      report('burst under a small cap', {
        tickets: ids.length,
        'handed over for the budget': overBudget,
        'spent USD': spent,
        'cap USD': cap,
        'cap used': `${((spent / cap) * 100).toFixed(1)}%`,
        'provider bill USD': ledger.billNanos / 1e9,
      });
      expect(ledger.missing).toEqual([]);
      expect(ledger.billNanos).toBeLessThanOrEqual(cap * 1e9);
      // Handed over only once the cap is nearly used: what is left is less than a call's worst case.
      if (overBudget > 0) expect(spent).toBeGreaterThan(cap * 0.9);
      expect(overBudget).toBeLessThan(ids.length);
    } finally {
      for (const model of ['gpt-5.4-nano', 'gpt-5.4-mini', 'gpt-5.4']) fake.setLatency(model, 0);
      h.close();
    }
  });
});
