/**
 * Rolls the spend aggregates' groups (a few hundred rows for a week) up by
 * one key: by tier, by model, by stage. Integer nano-dollars and token counts,
 * so every rolled-up total is exactly the sum of its parts.
 */
import type { SpendGroup, SpendTotals } from './spend-types.js';

export function zeroTotals(): SpendTotals {
  return { calls: 0, failedCalls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0, costNanos: 0, estimatedCostNanos: 0, newTickets: 0, newSecondOpinions: 0 };
}

function add(into: SpendTotals, from: SpendTotals): void {
  into.calls += from.calls;
  into.failedCalls += from.failedCalls;
  into.inputTokens += from.inputTokens;
  into.cachedInputTokens += from.cachedInputTokens;
  into.outputTokens += from.outputTokens;
  into.reasoningTokens += from.reasoningTokens;
  into.costNanos += from.costNanos;
  into.estimatedCostNanos += from.estimatedCostNanos;
  into.newTickets += from.newTickets;
  into.newSecondOpinions += from.newSecondOpinions;
}

export function totalOf(groups: readonly SpendTotals[]): SpendTotals {
  const total = zeroTotals();
  for (const group of groups) add(total, group);
  return total;
}

/** Totals per key, in the order keys are first met. */
export function totalsBy<K>(groups: readonly SpendGroup[], keyOf: (group: SpendGroup) => K): Map<K, SpendTotals> {
  const totals = new Map<K, SpendTotals>();
  for (const group of groups) {
    const key = keyOf(group);
    const total = totals.get(key) ?? zeroTotals();
    add(total, group);
    totals.set(key, total);
  }
  return totals;
}

/** Every instant a ledger row can have: for "all the spend there is" (a replay's own database). */
export const ALL_TIME = { since: new Date(0), until: new Date(8.64e15) } as const;
