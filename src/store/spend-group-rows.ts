/**
 * The spend aggregates' columns and how both stores turn their rows into
 * spend groups: whole quarter-hour buckets and a range's ragged ends (read
 * from the calls) come back per key, and a key present in both is merged
 * here, in integers.
 */
import type { LedgerStage, ModelTier } from '../domain/index.js';
import type { SpendGroup } from './spend-types.js';

export const SPEND_SUMS = ['calls', 'failed_calls', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_tokens', 'cost_nanos', 'estimated_cost_nanos', 'new_tickets', 'new_second_opinions'] as const;
export const SPEND_KEYS = ['tier', 'model', 'stage', 'platform', 'channel_id', 'shadow'] as const;

export type SpendSums = Record<(typeof SPEND_SUMS)[number], number>;
/** One grouped row, as either store reads it (platform and channel '' for calls of no ticket). */
export type SpendGroupRow = Record<Exclude<(typeof SPEND_KEYS)[number], 'shadow'>, string> & SpendSums & { shadow: boolean };

export function mergeSpendGroups(rows: readonly SpendGroupRow[]): SpendGroup[] {
  const merged = new Map<string, SpendGroupRow>();
  for (const row of rows) {
    const key = SPEND_KEYS.map((column) => String(row[column])).join('\u0000');
    const into = merged.get(key);
    if (!into) merged.set(key, { ...row });
    else for (const column of SPEND_SUMS) into[column] += row[column];
  }
  return [...merged.values()].map((row) => ({
    tier: row.tier as ModelTier,
    model: row.model,
    stage: row.stage as LedgerStage,
    platform: row.platform === '' ? null : row.platform,
    channelId: row.channel_id === '' ? null : row.channel_id,
    shadow: row.shadow,
    calls: row.calls,
    failedCalls: row.failed_calls,
    inputTokens: row.input_tokens,
    cachedInputTokens: row.cached_input_tokens,
    outputTokens: row.output_tokens,
    reasoningTokens: row.reasoning_tokens,
    costNanos: row.cost_nanos,
    estimatedCostNanos: row.estimated_cost_nanos,
    newTickets: row.new_tickets,
    newSecondOpinions: row.new_second_opinions,
  }));
}
