/**
 * The metrics' names and labels, fed through the observer ports and read
 * from the store at scrape time; then the real gateway feeding them as a
 * ticket goes through the pipeline (offline models, real SQLite).
 */
import { readFileSync } from 'node:fs';
import { register as globalRegistry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { METRIC_NAMES, OpsMetrics } from '../../src/ops/metrics.js';
import { storeReadings } from '../../src/ops/store-readings.js';
import type { ModelAttemptEnded, OpsReadings } from '../../src/ports/ops.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('ops-metrics');
afterAll(() => dir.cleanup());

const readings: OpsReadings = {
  ticketsByState: async () => ({ received: 2, awaiting_review: 5, sent: 1 }),
  workInHand: async () => 2,
  queueDepth: async () => 3,
  storeAlive: async () => undefined,
  budgetLevels: async () => [{ period: 'daily', usedFraction: 0.42 }],
};

function attempt(fields: Partial<ModelAttemptEnded> = {}): ModelAttemptEnded {
  return { tier: 'nano', model: 'gpt-5.4-nano', stage: 'classify', outcome: 'ok', latencyMs: 420, costNanos: 123_456, ...fields };
}

/** One sample's value from the text exposition, by its full series (name and labels as written). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('counts model attempts by tier, model, stage and outcome, and their latency by tier', async () => {
    const metrics = new OpsMetrics(silentLogger());
    metrics.attemptEnded(attempt());
    metrics.attemptEnded(attempt());
    metrics.attemptEnded(attempt({ tier: 'flagship', model: 'gpt-5.4', stage: 'second_opinion', outcome: 'MODEL_TIMEOUT', latencyMs: 30_000 }));
    const { contentType, body } = await metrics.exposition();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'triage_model_calls_total{tier="nano",model="gpt-5.4-nano",stage="classify",outcome="ok"}')).toBe(2);
    expect(sample(body, 'triage_model_calls_total{tier="flagship",model="gpt-5.4",stage="second_opinion",outcome="MODEL_TIMEOUT"}')).toBe(1);
    expect(sample(body, 'triage_model_call_duration_seconds_count{tier="nano"}')).toBe(2);
    expect(sample(body, 'triage_model_call_duration_seconds_sum{tier="nano"}')).toBeCloseTo(0.84);
    expect(sample(body, 'triage_model_call_duration_seconds_bucket{le="0.5",tier="nano"}')).toBe(2);
    expect(sample(body, 'triage_model_call_duration_seconds_bucket{le="20",tier="flagship"}')).toBe(0);
  });

  it('sums spend per tier in nano-dollars and shows it in USD, exact', async () => {
    const metrics = new OpsMetrics(silentLogger());
    // 0.1 + 0.2 in floats is 0.30000000000000004; summed as integers it is 0.3.
    metrics.attemptEnded(attempt({ costNanos: 100_000_000 }));
    metrics.attemptEnded(attempt({ costNanos: 200_000_000 }));
    const { body } = await metrics.exposition();
    expect(sample(body, 'triage_model_spend_usd_total{tier="nano"}')).toBe(0.3);
    expect(sample(body, 'triage_model_spend_usd_total{tier="mini"}')).toBe(0);
    expect(sample(body, 'triage_model_spend_usd_total{tier="flagship"}')).toBe(0);
  });

  it('counts SLA breaches by clock and urgency, and not warnings', async () => {
    const metrics = new OpsMetrics(silentLogger());
    metrics.alertSettled({ kind: 'warning', clock: 'first_response', urgency: 'urgent' });
    metrics.alertSettled({ kind: 'breach', clock: 'first_response', urgency: 'urgent' });
    metrics.alertSettled({ kind: 'breach', clock: 'resolution', urgency: 'low' });
    const { body } = await metrics.exposition();
    expect(sample(body, 'triage_sla_breaches_total{clock="first_response",urgency="urgent"}')).toBe(1);
    expect(sample(body, 'triage_sla_breaches_total{clock="resolution",urgency="low"}')).toBe(1);
  });

  it('reads tickets by state (every state, zeros included), work in hand and budget use at scrape time', async () => {
    const metrics = new OpsMetrics(silentLogger());
    expect(sample((await metrics.exposition()).body, 'triage_tickets{state="received"}')).toBeUndefined(); // nothing to read from yet
    metrics.readFrom(readings);
    const { body } = await metrics.exposition();
    expect(sample(body, 'triage_tickets{state="received"}')).toBe(2);
    expect(sample(body, 'triage_tickets{state="awaiting_review"}')).toBe(5);
    expect(sample(body, 'triage_tickets{state="failed"}')).toBe(0);
    expect(sample(body, 'triage_work_in_hand')).toBe(2);
    expect(sample(body, 'triage_queue_depth')).toBe(3);
    expect(sample(body, 'triage_budget_used_ratio{period="daily"}')).toBe(0.42);
    expect(sample(body, 'triage_budget_used_ratio{period="monthly"}')).toBeUndefined();
  });

  it('still answers when the store does not: the failed reading leaves its gauge empty', async () => {
    const metrics = new OpsMetrics(silentLogger());
    metrics.readFrom({ ...readings, ticketsByState: () => Promise.reject(new Error('database is locked')), workInHand: () => Promise.reject(new Error('database is locked')) });
    const { body } = await metrics.exposition();
    expect(body).not.toMatch(/^triage_tickets\{/m);
    expect(sample(body, 'triage_budget_used_ratio{period="daily"}')).toBe(0.42);
  });

  it('uses a registry of its own, with the default process metrics, and every documented name', async () => {
    const metrics = new OpsMetrics(silentLogger());
    new OpsMetrics(silentLogger()); // a second one in the same process does not clash
    const { body } = await metrics.exposition();
    for (const name of Object.values(METRIC_NAMES)) expect(body).toContain(`# TYPE ${name} `);
    expect(body).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(body).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(await globalRegistry.metrics()).not.toContain('triage_');
  });

  it('are each documented in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(Object.values(METRIC_NAMES).filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
  });
});

describe('metrics fed by the real gateway and store', () => {
  it('counts each attempt the ledger records, with the same cost, and reads ticket states from the store', async () => {
    const config = loadConfig({ DATABASE_PATH: dir.file('fed.db'), BUDGET_DAILY_USD: '5' });
    const metrics = new OpsMetrics(silentLogger());
    const core = createCore(config, silentLogger(), { modelCallObserver: metrics, watchKnowledgeBase: false });
    try {
      metrics.readFrom(storeReadings(core.store, core.budget));
      const { ticket } = await core.workflow.receive({
        thread: { platform: 'console', channelId: 'console', threadId: 't-1' },
        messageId: 'm-1',
        customer: { id: 'cust' },
        text: 'How do I export my dashboard to CSV?',
        receivedAt: new Date(),
      });
      await core.workflow.idle();
      const rows = await core.store.modelCalls.forTicket(ticket.id);
      expect(rows.length).toBeGreaterThan(0);
      const { body } = await metrics.exposition();
      const counted = body
        .split('\n')
        .filter((line) => line.startsWith('triage_model_calls_total{'))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
      // Knowledge-base embeddings are off offline: every attempt is the ticket's.
      expect(counted).toBe(rows.length);
      expect(sample(body, `triage_model_calls_total{tier="nano",model="${config.models.nano}",stage="classify",outcome="ok"}`)).toBe(1);
      // Offline calls bill nothing: spend is what the ledger says, 0.
      expect(sample(body, 'triage_model_spend_usd_total{tier="nano"}')).toBe(rows.filter((row) => row.tier === 'nano').reduce((sum, row) => sum + row.costNanos, 0) / 1e9);
      const status = (await core.store.tickets.get(ticket.id))?.status ?? 'unknown';
      expect(sample(body, `triage_tickets{state="${status}"}`)).toBe(1);
      expect(sample(body, 'triage_work_in_hand')).toBe(0);
      expect(sample(body, 'triage_budget_used_ratio{period="daily"}')).toBe(0);
    } finally {
      core.close();
    }
  });
});
