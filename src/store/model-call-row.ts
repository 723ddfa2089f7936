/**
 * A settled ledger row's columns from a ModelCallRecord, the same for both
 * stores (each adds its own settle number, which only its dialect can draw).
 */
import type { LedgerStage, ModelTier } from '../domain/index.js';
import type { CostBasis, ModelCallRecord } from './types.js';

export function settledCallValues(call: ModelCallRecord) {
  const costBasis: CostBasis = call.costBasis ?? (call.estimatedCostNanos !== null ? 'estimate' : 'usage');
  return {
    attemptId: call.attemptId ?? null,
    worstCaseNanos: call.worstCaseNanos ?? null,
    costBasis,
    ticketId: call.ticketId,
    stage: call.stage,
    tier: call.tier,
    provider: call.provider,
    model: call.model,
    requestId: call.requestId,
    promptName: call.promptName,
    promptVersion: call.promptVersion,
    inputTokens: call.usage.input,
    cachedInputTokens: call.usage.cachedInput,
    outputTokens: call.usage.output,
    reasoningTokens: call.usage.reasoning,
    costNanos: call.costNanos,
    estimatedCostNanos: call.estimatedCostNanos,
    priceVersion: call.priceVersion,
    latencyMs: Math.round(call.latencyMs),
    outcome: call.outcome,
    errorMessage: call.errorMessage,
    rawUsage: call.rawUsage ?? null,
    shadow: call.shadow ?? false,
    ...(call.createdAt ? { createdAt: call.createdAt } : {}),
  };
}

/** A ledger row as both stores read it (same column names and types). */
export interface ModelCallRow {
  id: number;
  ticketId: number | null;
  stage: string;
  tier: string;
  provider: string;
  model: string;
  requestId: string | null;
  promptName: string;
  promptVersion: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costNanos: number;
  estimatedCostNanos: number | null;
  priceVersion: string;
  latencyMs: number;
  outcome: string;
  errorMessage: string | null;
  rawUsage: unknown;
  costBasis: string;
  worstCaseNanos: number | null;
  attemptId: string | null;
  shadow: boolean;
  createdAt: Date;
}

/** A ledger row as the rest of the bot reads it. */
export function toModelCallRecord(row: ModelCallRow): ModelCallRecord & { id: number; createdAt: Date } {
  return {
    id: row.id,
    ticketId: row.ticketId,
    stage: row.stage as LedgerStage,
    tier: row.tier as ModelTier,
    provider: row.provider,
    model: row.model,
    requestId: row.requestId,
    promptName: row.promptName,
    promptVersion: row.promptVersion,
    usage: { input: row.inputTokens, cachedInput: row.cachedInputTokens, output: row.outputTokens, reasoning: row.reasoningTokens },
    costNanos: row.costNanos,
    estimatedCostNanos: row.estimatedCostNanos,
    priceVersion: row.priceVersion,
    latencyMs: row.latencyMs,
    outcome: row.outcome as ModelCallRecord['outcome'],
    errorMessage: row.errorMessage,
    rawUsage: row.rawUsage,
    costBasis: row.costBasis as CostBasis,
    worstCaseNanos: row.worstCaseNanos,
    attemptId: row.attemptId,
    shadow: row.shadow,
    createdAt: row.createdAt,
  };
}
