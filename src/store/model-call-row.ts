/**
 * A settled ledger row's columns from a ModelCallRecord, the same for both
 * stores (each adds its own settle number, which only its dialect can draw).
 */
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
