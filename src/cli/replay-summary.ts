/**
 * The replay's numbers, computed from what the run stored: outcomes per
 * ticket and the spend ledger. Pure: easy to check against hand sums. The
 * judgment figures come from replay-judgment.ts, the shadow's from
 * shadow-metrics.ts.
 */
import { MODEL_TIERS, nanosToUsd, type ModelTier } from '../domain/index.js';
import { costNanos, type ModelPrice } from '../models/pricing.js';
import { totalsBy } from '../store/spend-sums.js';
import type { SpendGroup, SpendTotals } from '../store/spend-types.js';
import { judge, type Judgment, type ReplayResult } from './replay-judgment.js';
import type { ShadowComparison } from './shadow-metrics.js';

export type { ReplayResult } from './replay-judgment.js';

export interface TierSpend {
  model: string;
  calls: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  estimated_cost_usd: number;
}

export interface ReplaySummary extends Judgment {
  provider: string;
  tickets: number;
  seconds: number;
  tickets_per_second: number;
  by_urgency: Record<string, number>;
  by_route: Record<string, number>;
  by_status: Record<string, number>;
  /** Per tier; shadow calls on their own line, keyed `<tier>_shadow`. */
  by_tier: Record<string, TierSpend>;
  /** Everything the run spent, shadow calls included: they cost money. */
  cost_usd: number;
  /** The bot's own cost per ticket, shadow calls left out. */
  cost_per_ticket_usd: number;
  /** Offline runs: what the calls would have cost on the configured models. */
  estimated_cost_usd: number;
  /** The bot's tokens (not the shadow's) at flagship prices: what an all-flagship bot would pay. */
  all_flagship_cost_usd: number;
  second_opinion_rate: number;
  second_opinion_reasons: Record<string, number>;
  /** `--shadow TIER`: the comparison, and what the shadow's calls cost. */
  shadow: (ShadowComparison & { cost_usd: number; estimated_cost_usd: number }) | null;
}

function count<T extends string>(values: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const round = (value: number, digits = 6) => Number(value.toFixed(digits));

/** Every number in a figure, at display precision (the metric modules compute unrounded). */
function roundAll<T>(value: T, digits = 4): T {
  if (typeof value === 'number') return round(value, digits) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => roundAll(item, digits)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundAll(v, digits)])) as T;
  return value;
}

function tierSpend(model: string, row: SpendTotals | undefined): TierSpend {
  return {
    model,
    calls: row?.calls ?? 0,
    input_tokens: row?.inputTokens ?? 0,
    cached_input_tokens: row?.cachedInputTokens ?? 0,
    output_tokens: row?.outputTokens ?? 0,
    cost_usd: round(nanosToUsd(row?.costNanos ?? 0)),
    estimated_cost_usd: round(nanosToUsd(row?.estimatedCostNanos ?? 0)),
  };
}

export function summarizeReplay(input: {
  provider: string;
  results: ReplayResult[];
  /** The run's spend aggregates (the store's `spend.groups`). */
  spend: SpendGroup[];
  models: Record<ModelTier, string>;
  flagshipPrice: ModelPrice;
  seconds: number;
  shadow?: ShadowComparison | null;
}): ReplaySummary {
  const { results } = input;
  const tickets = results.length;
  const byTier: Record<string, TierSpend> = {};
  const own = totalsBy(input.spend.filter((group) => !group.shadow), (group) => group.tier);
  const shadowed = totalsBy(input.spend.filter((group) => group.shadow), (group) => group.tier);
  // Sums in nano-dollars (exact); dollars only in the summary.
  let botCost = 0;
  let botEstimated = 0;
  let allFlagship = 0;
  for (const tier of MODEL_TIERS) {
    const row = own.get(tier);
    byTier[tier] = tierSpend(input.models[tier], row);
    if (row) {
      botCost += row.costNanos;
      botEstimated += row.estimatedCostNanos;
      allFlagship += costNanos({ input: row.inputTokens, cachedInput: row.cachedInputTokens, output: row.outputTokens, reasoning: 0 }, input.flagshipPrice);
    }
  }
  let shadowCost = 0;
  let shadowEstimated = 0;
  for (const [tier, row] of shadowed) {
    byTier[`${tier}_shadow`] = tierSpend(input.models[tier], row);
    shadowCost += row.costNanos;
    shadowEstimated += row.estimatedCostNanos;
  }

  const reviewed = results.filter((r) => r.outcome.decision.route === 'flagship_review');
  const secondOpinionReasons = count(
    reviewed.flatMap((r) => r.outcome.decision.reasons.filter((reason) => !reason.startsWith('flagship_'))),
  );

  return {
    provider: input.provider,
    tickets,
    seconds: round(input.seconds, 3),
    tickets_per_second: round(input.seconds > 0 ? tickets / input.seconds : tickets, 1),
    by_urgency: count(results.map((r) => r.outcome.classification?.urgency ?? 'unclassified')),
    by_route: count(results.map((r) => r.outcome.decision.route)),
    by_status: count(results.map((r) => r.outcome.ticket.status)),
    by_tier: byTier,
    cost_usd: round(nanosToUsd(botCost + shadowCost)),
    cost_per_ticket_usd: round(tickets > 0 ? nanosToUsd(botCost) / tickets : 0, 8),
    estimated_cost_usd: round(nanosToUsd(botEstimated + shadowEstimated)),
    all_flagship_cost_usd: round(nanosToUsd(allFlagship)),
    second_opinion_rate: round(tickets > 0 ? reviewed.length / tickets : 0, 4),
    second_opinion_reasons: secondOpinionReasons,
    ...roundAll(judge(results)),
    shadow: input.shadow ? { ...roundAll(input.shadow), cost_usd: round(nanosToUsd(shadowCost)), estimated_cost_usd: round(nanosToUsd(shadowEstimated)) } : null,
  };
}
