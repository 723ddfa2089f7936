/**
 * `npm run replay -- --shadow flagship` end to end: the real `openai` SDK
 * against the fake OpenAI server, two scripted models that disagree in known
 * ways, a real SQLite file. The shadow's figures are exact, its calls are in
 * the ledger marked shadow, and routing and statuses are those of a run
 * without it.
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/cli/run-replay.js';
import type { Urgency } from '../../src/domain/index.js';
import { startFakeOpenAI, type FakeOpenAI, type ModelRequest, type ScriptedAnswer } from '../fakes/openai/index.js';
import { supportModel } from '../support/scripted-support-model.js';
import { tempDir } from '../support/temp-dir.js';

const KEY = 'sk-test-shadow-key-123456';

interface Says {
  urgency: Urgency;
  confidence?: number;
  category?: string;
  needsReply?: boolean;
  riskFlags?: string[];
}

/** Per case: what nano says, what the flagship says (and the label, the flagship's urgency). */
const CASES: Record<string, { nano: Says; flagship: Says }> = {
  c1: { nano: { urgency: 'normal', confidence: 0.6 }, flagship: { urgency: 'urgent' } },
  c2: { nano: { urgency: 'normal', confidence: 0.6 }, flagship: { urgency: 'urgent' } },
  c3: { nano: { urgency: 'high', confidence: 0.8 }, flagship: { urgency: 'urgent' } },
  c4: { nano: { urgency: 'normal', confidence: 0.9 }, flagship: { urgency: 'normal' } },
  c5: { nano: { urgency: 'low', confidence: 0.95, category: 'general' }, flagship: { urgency: 'low', category: 'feedback' } },
  c6: { nano: { urgency: 'normal', confidence: 0.52 }, flagship: { urgency: 'normal', needsReply: false } },
  c7: { nano: { urgency: 'high', confidence: 0.7 }, flagship: { urgency: 'high', riskFlags: ['refund'] } },
  c8: { nano: { urgency: 'urgent', confidence: 0.99 }, flagship: { urgency: 'urgent' } },
};

/** Classification by model and case; every other stage as the usual scripted support model. */
function twoModels(request: ModelRequest): ScriptedAnswer {
  if (request.schemaName !== 'classification') return supportModel(request);
  const id = /case (c\d)/.exec(request.user)?.[1] ?? 'c4';
  const says = request.model === 'gpt-5.4' ? CASES[id]?.flagship : CASES[id]?.nano;
  return {
    output: {
      urgency: says?.urgency ?? 'normal',
      category: says?.category ?? 'technical',
      language: 'en',
      sentiment: 'neutral',
      riskFlags: says?.riskFlags ?? [],
      needsReply: says?.needsReply ?? true,
      confidence: says?.confidence ?? 0.9,
    },
  };
}

let fake: FakeOpenAI;
const dir = tempDir('replay-shadow');
let input: string;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  fake.script(twoModels);
  const lines = Object.entries(CASES).map(([id, { flagship }]) =>
    JSON.stringify({ id, language: 'en', text: `case ${id}: the export page shows a blank screen.`, urgency: flagship.urgency }),
  );
  input = dir.file('tickets.jsonl');
  writeFileSync(input, `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await fake.close();
  dir.cleanup();
});

const env = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, LOG_LEVEL: 'silent', MODEL_MAX_RETRIES: '0', AUTO_SEND: 'true', KB_PATH: dir.file('no-knowledge-base') });

/** Route and status per case, read back from the run's database. */
function routing(database: string): Record<string, string> {
  const db = new Database(database, { readonly: true });
  try {
    const rows = db
      .prepare(
        `select m.text, t.status, d.route from tickets t
           join messages m on m.ticket_id = t.id and m.direction = 'inbound'
           join routing_decisions d on d.ticket_id = t.id
          order by t.id`,
      )
      .all() as { text: string; status: string; route: string }[];
    return Object.fromEntries(rows.map((row) => [/case (c\d)/.exec(row.text)?.[1] ?? row.text, `${row.route}/${row.status}`]));
  } finally {
    db.close();
  }
}

describe('replay --shadow flagship against the fake OpenAI API', () => {
  it('compares nano with the flagship exactly, records the shadow calls, and changes no ticket', async () => {
    const plain = await runReplay({ input, db: dir.file('plain.db'), review: 'pending', concurrency: 4 }, env());
    const shadowed = await runReplay({ input, db: dir.file('shadow.db'), review: 'pending', concurrency: 4, shadow: 'flagship' }, env());

    const shadow = shadowed.summary.shadow;
    expect(shadow).toMatchObject({ tier: 'flagship', compared: 8, failed: 0, urgency_disagreements: 3 });
    expect(shadow?.agreement).toEqual({ urgency: 0.625, category: 0.875, needs_reply: 0.875, risk_flags: 0.875 });
    expect(shadow?.confusion).toEqual({
      low: { low: 1, normal: 0, high: 0, urgent: 0 },
      normal: { low: 0, normal: 2, high: 0, urgent: 2 },
      high: { low: 0, normal: 0, high: 1, urgent: 1 },
      urgent: { low: 0, normal: 0, high: 0, urgent: 1 },
    });
    // nano confidences 0.6 0.6 0.8 | 0.9 0.95 0.52 0.7 0.99; the disagreements are the first three.
    expect(shadow?.thresholds).toEqual([
      { threshold: 0.5, escalated_share: 0, disagreements_caught: 0 },
      { threshold: 0.55, escalated_share: 0.125, disagreements_caught: 0 },
      { threshold: 0.6, escalated_share: 0.125, disagreements_caught: 0 },
      { threshold: 0.65, escalated_share: 0.375, disagreements_caught: 0.6667 },
      { threshold: 0.7, escalated_share: 0.375, disagreements_caught: 0.6667 },
      { threshold: 0.75, escalated_share: 0.5, disagreements_caught: 0.6667 },
      { threshold: 0.8, escalated_share: 0.5, disagreements_caught: 0.6667 },
      { threshold: 0.85, escalated_share: 0.625, disagreements_caught: 1 },
      { threshold: 0.9, escalated_share: 0.625, disagreements_caught: 1 },
      { threshold: 0.95, escalated_share: 0.75, disagreements_caught: 1 },
    ]);
    expect(plain.summary.shadow).toBeNull();

    // The shadow's calls: one per ticket, on the flagship, marked, paid, and on their own line.
    const db = new Database(shadowed.database, { readonly: true });
    try {
      const rows = db.prepare('select stage, tier, model, shadow, cost_nanos, ticket_id from model_calls where shadow = 1').all() as {
        stage: string; tier: string; model: string; shadow: number; cost_nanos: number; ticket_id: number;
      }[];
      expect(rows).toHaveLength(8);
      for (const row of rows) expect(row).toMatchObject({ stage: 'classify', tier: 'flagship', model: 'gpt-5.4', shadow: 1 });
      expect(rows.every((row) => row.cost_nanos > 0)).toBe(true);
      expect(new Set(rows.map((row) => row.ticket_id)).size).toBe(8);
      // The bot's own calls are not marked; it never classified on the flagship itself.
      expect(db.prepare("select count(*) as n from model_calls where shadow = 0 and stage = 'classify' and tier = 'flagship'").get()).toEqual({ n: 0 });
      // Both answers are kept: the shadow's under its own checkpoint key.
      expect(db.prepare("select count(*) as n from stage_results where key = '1:shadow_classify:flagship'").get()).toEqual({ n: 8 });
      const shadowCost = rows.reduce((sum, row) => sum + row.cost_nanos, 0) / 1e9;
      expect(shadowed.summary.by_tier.flagship_shadow).toMatchObject({ model: 'gpt-5.4', calls: 8 });
      expect(shadowed.summary.shadow?.cost_usd).toBeCloseTo(shadowCost, 6);
      const byTier = Object.values(shadowed.summary.by_tier).reduce((sum, tier) => sum + tier.cost_usd, 0);
      // Each tier's cost and the total are rounded to 6 digits apart: the sum of the rounded may be a few millionths off.
      expect(shadowed.summary.cost_usd).toBeCloseTo(byTier, 5);
      // Per ticket is the bot's own cost: the shadow's calls are left out.
      const own = db.prepare("select sum(cost_nanos) / 1e9 as usd from model_calls where shadow = 0 and outcome != 'in_flight'").get() as { usd: number };
      expect(shadowed.summary.cost_per_ticket_usd).toBeCloseTo(own.usd / 8, 8);
    } finally {
      db.close();
    }

    // Routing and statuses, ticket by ticket, as without the shadow.
    expect(routing(shadowed.database)).toEqual(routing(plain.database));
    expect(shadowed.summary.by_route).toEqual(plain.summary.by_route);
    expect(shadowed.summary.by_status).toEqual(plain.summary.by_status);
    expect(plain.summary.by_tier.flagship_shadow).toBeUndefined();

    // The figure that must be 0 catches this nano: c1 and c2 (only low confidence: the flagship
    // approved the draft) are labelled urgent and went out with AUTO_SEND. c3, confidently 'high',
    // went to a person: high urgency is never auto-sent.
    expect(shadowed.summary.high_stakes_sent_without_human).toBe(2);
    expect(routing(shadowed.database)).toMatchObject({ c1: 'flagship_review/sent', c2: 'flagship_review/sent', c3: 'human_review/awaiting_review', c8: 'flagship_review/awaiting_review' });
    expect(shadowed.summary.labelled).toBe(8);
    // nano got 5 of 8 urgencies right (c1–c3 wrong).
    expect(shadowed.summary.accuracy).toBe(0.625);
  });
});
