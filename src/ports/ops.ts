/**
 * What operations (health, readiness, metrics) need from the core, and what
 * the core tells them, as small interfaces: the gateway, the SLA watcher and
 * the workflow know these ports, never prom-client or HTTP. The composition
 * root plugs src/ops/ in behind them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LedgerStage, ModelTier, TicketStatus, Urgency } from '../domain/index.js';

/** One model attempt as its ledger row ends (a retry is an attempt of its own, like its row). */
export interface ModelAttemptEnded {
  tier: ModelTier;
  model: string;
  stage: LedgerStage;
  /** `ok`, or the error code the ledger row records (MODEL_TIMEOUT, MODEL_RATE_LIMITED, …). */
  outcome: string;
  latencyMs: number;
  /** What the ledger records as spent, in nano-dollars (0 for offline calls: they bill nothing). */
  costNanos: number;
}

/** Told after each model attempt's ledger row is written (never inside its transaction: a rollback would count a ghost). */
export interface ModelCallObserver {
  attemptEnded(attempt: ModelAttemptEnded): void;
}

/** An SLA warning or breach this process settled (posted, or found nowhere to post): counted once per alert. */
export interface SlaAlertSettled {
  kind: 'warning' | 'breach';
  clock: 'first_response' | 'resolution';
  urgency: Urgency;
}

export interface SlaAlertObserver {
  alertSettled(alert: SlaAlertSettled): void;
}

/** A cap's share used, for the budget gauge. */
export interface BudgetReading {
  period: 'daily' | 'monthly';
  /** Settled spend over the cap (1 = the whole cap). */
  usedFraction: number;
}

/**
 * The store reads operations make, each async: the store's repositories are
 * becoming async, and a scrape or a probe must never care which store it is.
 * Implemented once, in src/ops/store-readings.ts.
 */
export interface OpsReadings {
  /** Every ticket counted by its status now. */
  ticketsByState(): Promise<Partial<Record<TicketStatus, number>>>;
  /** Tickets received and not finished: in a status a worker is working (received … approved), in any process. */
  workInHand(): Promise<number>;
  /** Tickets waiting in the work queue for a worker (every replica's, with the shared queue). */
  queueDepth(): Promise<number>;
  /** With the shared queue (replicas): resolves when it answers; rejects with why not. Absent with the in-process queue. */
  queueAlive?(): Promise<void>;
  /** Resolves when the store answers a trivial query; rejects with why not. */
  storeAlive(): Promise<void>;
  /** Each configured cap's share used; empty without caps. */
  budgetLevels(): Promise<BudgetReading[]>;
}

/**
 * One HTTP route of the operations endpoints, in the shape Bolt's
 * HTTPReceiver takes as `customRoutes`, so the Slack adapter can serve them
 * beside /slack/events without knowing what they are.
 */
export interface HttpRoute {
  path: string;
  method: string[];
  handler: (request: IncomingMessage, response: ServerResponse) => void;
}
