/**
 * A replay that would cost about twice its daily cap, through the real openai
 * SDK against the fake server: the bot must step down (flagship → mini, then
 * no drafts, then no model calls), keep urgent tickets served from the
 * reserve, lose no ticket, and never spend past the cap.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/cli/run-replay.js';
import { loadOutcome } from '../../src/pipeline/outcome.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/index.js';
import { supportModel } from '../support/scripted-support-model.js';
import { tempDir } from '../support/temp-dir.js';
import { mapAsync } from '../support/async-array.js';

const KEY = 'sk-budget-test-000000000000';
const CAP_USD = 0.2;
const TICKETS = 300;

let fake: FakeOpenAI;
const dir = tempDir('budget-replay');

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  fake.script(supportModel);
});

afterAll(async () => {
  await fake.close();
  dir.cleanup();
});

/** Every 4th ticket asks for a refund (flagship review); every 10th is urgent. */
function writeTickets(): string {
  const lines: string[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const marker = i % 10 === 9 ? '[urgent] ' : i % 4 === 0 ? '[refund] ' : '';
    lines.push(JSON.stringify({ subject: `Order ${1000 + i}`, text: `${marker}My order #${1000 + i} arrived damaged, please help.` }));
  }
  const file = dir.file('tickets.jsonl');
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('budget under a replay that would exceed it', () => {
  it('degrades in steps, keeps the reserve for urgent tickets and stays under the cap', async () => {
    const { summary, database } = await runReplay(
      { input: writeTickets(), db: dir.file('replay.db'), review: 'pending', concurrency: 4 },
      {
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: fake.url,
        LOG_LEVEL: 'silent',
        BUDGET_DAILY_USD: String(CAP_USD),
        BUDGET_ALERT_PERCENT: '50',
        BUDGET_URGENT_RESERVE_PERCENT: '10',
      },
    );
    expect(summary.tickets).toBe(TICKETS);

    const store = openSqliteStore(database);
    try {
      const tickets = await mapAsync(Array.from({ length: TICKETS }, (_, index) => index), async (index) => {
        const id = index + 1;
        const ticket = await store.tickets.get(id);
        const decision = await store.triage.latestDecision(id);
        const calls = await store.modelCalls.forTicket(id);
        return { id, ticket, reasons: decision?.reasons ?? [], calls };
      });
      const spent = tickets.reduce((sum, t) => sum + t.calls.reduce((s, call) => s + call.costNanos, 0), 0) / 1e9;
      // Worst-case reservations keep spend under the cap itself.
      expect(spent).toBeLessThanOrEqual(CAP_USD);
      expect(spent).toBeGreaterThan(CAP_USD * 0.85);

      // No ticket lost: every one was decided and handed on.
      for (const t of tickets) {
        expect(t.ticket?.status).not.toBe('received');
        expect(t.reasons.length).toBeGreaterThan(0);
      }

      const withReason = (code: string) => tickets.filter((t) => t.reasons.includes(code as never));
      const toMini = withReason('budget_flagship_to_mini');
      const noDraft = withReason('budget_no_draft');
      // Nothing left even to classify: the only reason is the budget.
      const exhausted = tickets.filter((t) => t.reasons.length === 1 && t.reasons[0] === 'budget_exhausted');
      expect(toMini.length).toBeGreaterThan(0);
      expect(noDraft.length).toBeGreaterThan(0);
      expect(exhausted.length).toBeGreaterThan(0);

      // Step 1: reviews moved to mini, and they return to a human. (Urgent tickets move
      // only when even the reserve cannot cover a flagship call's worst case.)
      expect(toMini.some((t) => t.ticket?.urgency !== 'urgent')).toBe(true);
      for (const t of toMini) {
        // A mini review that did not fit either is recorded as exhausted.
        const reviewTiers = t.calls.filter((call) => call.stage === 'second_opinion').map((call) => call.tier);
        expect(reviewTiers, JSON.stringify(t.reasons)).toEqual(t.reasons.includes('budget_exhausted') ? [] : ['mini']);
        if (!t.reasons.includes('budget_exhausted')) {
          // Recorded as the model's second opinion, by the tier that really gave it.
          expect((await store.reviews.forTicket(t.id)).filter((review) => review.reviewerKind === 'model').map((review) => review.reviewer)).toEqual(['mini']);
          expect((await loadOutcome(store, t.id)).secondOpinion?.tier).toBe('mini');
        }
        expect(t.ticket?.status).toBe('awaiting_review');
      }
      const firstEconomy = Math.min(...toMini.map((t) => t.id));
      const urgentAfter = tickets.filter((t) => t.id > firstEconomy && t.ticket?.urgency === 'urgent');
      expect(urgentAfter.some((t) => t.calls.some((call) => call.stage === 'second_opinion' && call.tier === 'flagship'))).toBe(true);

      // Step 2: classified, handed to a human, no draft; urgent tickets still drafted from the reserve.
      for (const t of noDraft) {
        expect(t.calls.some((call) => call.stage === 'classify')).toBe(true);
        // (A summary may have run alongside a draft the budget refused; it helps the human.)
        expect(t.calls.some((call) => call.stage === 'draft')).toBe(false);
        expect(t.ticket?.status).toBe('awaiting_review');
      }
      const firstTriageOnly = Math.min(...noDraft.map((t) => t.id));
      const urgentDrafted = tickets.filter(
        (t) => t.id > firstTriageOnly && t.ticket?.urgency === 'urgent' && t.calls.some((call) => call.stage === 'draft'),
      );
      expect(urgentDrafted.length).toBeGreaterThan(0);

      // Step 3: stored and handed to humans; no billed call made for them.
      for (const t of exhausted) {
        // Classification was refused; a cheaper extraction running beside it may have fitted.
        expect(t.calls.filter((call) => call.stage !== 'extract')).toEqual([]);
        expect(t.ticket?.status).toBe('awaiting_review');
      }
      // Once not even an extraction fits, tickets get no model call at all.
      expect(tickets.at(-1)?.calls).toEqual([]);
      expect(tickets.at(-1)?.reasons).toEqual(['budget_exhausted']);
      expect(Math.min(...exhausted.map((t) => t.id))).toBeGreaterThan(firstTriageOnly);
    } finally {
      store.close();
    }
  });
});
