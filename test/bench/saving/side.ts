/**
 * What each side of the comparison (the cascade, the baseline) reports per
 * ticket, and the summary the figures are built from.
 */
import type { Logger } from '../../../src/logger.js';
import type { FakeOpenAI } from '../../fakes/openai/index.js';
import { mean, percentile } from './real-time.js';
import type { BenchTicket } from './tickets.js';

/** Calls, spend and tokens of one stage on one tier, over a run. */
/** What each side (cascade, baseline) runs on. */
export interface SideOptions {
  tickets: readonly BenchTicket[];
  /** Run first and left out of the figures: the first calls pay for loading the tokenizer, compiling schemas and the like. */
  warmup: readonly BenchTicket[];
  fake: FakeOpenAI;
  apiKey: string;
  database: string;
  logger: Logger;
}

export interface StageSpend {
  stage: string;
  tier: string;
  calls: number;
  costUsd: number;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
}

export interface TicketTimes {
  id: string;
  costUsd: number;
  calls: number;
  /** Ticket stored → its urgency known, at real speed. */
  urgencySeconds: number;
  /** Ticket stored → its card (the outcome) shown, at real speed. */
  cardSeconds: number;
  /** Whether a model reviewed its draft (the cascade's second opinion). */
  escalated: boolean;
}

export interface SideSummary {
  tickets: number;
  costPerTicketUsd: number;
  callsPerTicket: number;
  escalatedShare: number;
  urgency: { p50: number; p95: number };
  card: { p50: number; p95: number };
}

export function summarize(times: readonly TicketTimes[]): SideSummary {
  const urgency = times.map((t) => t.urgencySeconds).filter(Number.isFinite);
  const card = times.map((t) => t.cardSeconds).filter(Number.isFinite);
  return {
    tickets: times.length,
    costPerTicketUsd: mean(times.map((t) => t.costUsd)),
    callsPerTicket: mean(times.map((t) => t.calls)),
    escalatedShare: mean(times.map((t) => (t.escalated ? 1 : 0))),
    urgency: { p50: percentile(urgency, 50), p95: percentile(urgency, 95) },
    card: { p50: percentile(card, 50), p95: percentile(card, 95) },
  };
}
