/**
 * The Prometheus metrics, on a registry of their own (never prom-client's
 * global one: tests and a second bot in one process must not share series).
 * Counters are fed through the observer ports (src/ports/ops.ts); gauges
 * are read from the store at scrape time through OpsReadings, so every
 * replica reports the shared database's state as it is, not as it saw it.
 *
 * Spend is kept per tier in whole nano-dollars, as the ledger keeps it,
 * and turned into dollars only when scraped: a float summed call by call
 * would drift from the ledger.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MODEL_TIERS, NANOS_PER_USD, TICKET_STATUSES, type ModelTier } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { ModelAttemptEnded, ModelCallObserver, OpsReadings, SlaAlertObserver, SlaAlertSettled } from '../ports/ops.js';

/** Every series this module defines, by name: the README's list and the tests read this. */
export const METRIC_NAMES = {
  tickets: 'triage_tickets',
  workInHand: 'triage_work_in_hand',
  queueDepth: 'triage_queue_depth',
  modelCalls: 'triage_model_calls_total',
  modelLatency: 'triage_model_call_duration_seconds',
  spend: 'triage_model_spend_usd_total',
  budgetUsed: 'triage_budget_used_ratio',
  slaBreaches: 'triage_sla_breaches_total',
} as const;

/** From a quick nano classification to a flagship review that waits on retries. */
const LATENCY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120];

export class OpsMetrics implements ModelCallObserver, SlaAlertObserver {
  readonly registry = new Registry();
  private readings: OpsReadings | null = null;
  private readonly spentNanos = new Map<ModelTier, number>();
  private readonly modelCalls: Counter<'tier' | 'model' | 'stage' | 'outcome'>;
  private readonly modelLatency: Histogram<'tier'>;
  private readonly slaBreaches: Counter<'clock' | 'urgency'>;

  constructor(private readonly log: Logger) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.modelCalls = new Counter({
      name: METRIC_NAMES.modelCalls,
      help: 'Model attempts, as the ledger records them (a retry is an attempt of its own), by tier, model, stage and outcome (ok or the error code).',
      labelNames: ['tier', 'model', 'stage', 'outcome'],
      registers,
    });
    this.modelLatency = new Histogram({
      name: METRIC_NAMES.modelLatency,
      help: 'Time from sending a model attempt to its answer or failure, by tier.',
      labelNames: ['tier'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.slaBreaches = new Counter({
      name: METRIC_NAMES.slaBreaches,
      help: 'SLA breaches this process alerted on, by clock (first_response, resolution) and urgency.',
      labelNames: ['clock', 'urgency'],
      registers,
    });
    const spent = this.spentNanos;
    new Counter({
      name: METRIC_NAMES.spend,
      help: 'Model spend recorded in the ledger by this process, in USD, by tier (offline calls cost 0).',
      labelNames: ['tier'],
      registers,
      collect() {
        this.reset();
        for (const tier of MODEL_TIERS) this.inc({ tier }, (spent.get(tier) ?? 0) / NANOS_PER_USD);
      },
    });
    const read = <T>(what: string, reading: (readings: OpsReadings) => Promise<T>) => this.read(what, reading);
    new Gauge({
      name: METRIC_NAMES.tickets,
      help: 'Tickets in the store by their state now (every process sharing the database).',
      labelNames: ['state'],
      registers,
      async collect() {
        const byState = await read('tickets by state', (readings) => readings.ticketsByState());
        this.reset();
        if (byState === null) return;
        // Every state, zeros included: a series that vanishes at zero breaks rate() and alerts.
        for (const state of TICKET_STATUSES) this.set({ state }, byState[state] ?? 0);
      },
    });
    new Gauge({
      name: METRIC_NAMES.workInHand,
      help: 'Tickets received and not finished (received, triaged, drafted, in flagship review or approved and not yet sent), in every process.',
      registers,
      async collect() {
        const inHand = await read('work in hand', (readings) => readings.workInHand());
        this.reset();
        if (inHand !== null) this.set(inHand);
      },
    });
    new Gauge({
      name: METRIC_NAMES.queueDepth,
      help: 'Tickets waiting in the work queue for a worker (with replicas on Postgres: the shared queue, every replica\'s).',
      registers,
      async collect() {
        const depth = await read('queue depth', (readings) => readings.queueDepth());
        this.reset();
        if (depth !== null) this.set(depth);
      },
    });
    new Gauge({
      name: METRIC_NAMES.budgetUsed,
      help: 'Share of each configured spend cap used (1 = the whole cap), by period; absent without caps.',
      labelNames: ['period'],
      registers,
      async collect() {
        const levels = await read('budget levels', (readings) => readings.budgetLevels());
        this.reset();
        for (const level of levels ?? []) this.set({ period: level.period }, level.usedFraction);
      },
    });
  }

  /** Where the gauges read from; until then (start-up) they are empty. */
  readFrom(readings: OpsReadings): void {
    this.readings = readings;
  }

  attemptEnded(attempt: ModelAttemptEnded): void {
    this.modelCalls.inc({ tier: attempt.tier, model: attempt.model, stage: attempt.stage, outcome: attempt.outcome });
    this.modelLatency.observe({ tier: attempt.tier }, attempt.latencyMs / 1000);
    this.spentNanos.set(attempt.tier, (this.spentNanos.get(attempt.tier) ?? 0) + attempt.costNanos);
  }

  alertSettled(alert: SlaAlertSettled): void {
    if (alert.kind === 'breach') this.slaBreaches.inc({ clock: alert.clock, urgency: alert.urgency });
  }

  /** The text exposition of every series (what /metrics answers). */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** A store that cannot answer leaves its gauges empty for this scrape (and says so), rather than failing the whole scrape. */
  private async read<T>(what: string, reading: (readings: OpsReadings) => Promise<T>): Promise<T | null> {
    if (!this.readings) return null;
    try {
      return await reading(this.readings);
    } catch (error) {
      this.log.warn({ err: error, reading: what }, 'a metrics reading failed; its gauge is empty in this scrape');
      return null;
    }
  }
}
