/**
 * The replay's numbers, computed from what the run stored: outcomes per
 * ticket and the spend ledger. Pure: easy to check against hand sums.
 */
import { MODEL_TIERS, URGENCIES, type ModelTier, type TicketOutcome, type Urgency } from '../domain/index.js';
import { costUsd, type ModelPrice } from '../models/pricing.js';
import type { SpendByTier } from '../store/types.js';

export interface TierSpend {
  model: string;
  calls: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  estimated_cost_usd: number;
}

export interface ReplaySummary {
  provider: string;
  tickets: number;
  seconds: number;
  tickets_per_second: number;
  by_urgency: Record<string, number>;
  by_route: Record<string, number>;
  by_status: Record<string, number>;
  by_tier: Record<string, TierSpend>;
  cost_usd: number;
  cost_per_ticket_usd: number;
  /** Offline runs: what the calls would have cost on the configured models. */
  estimated_cost_usd: number;
  /** The same tokens at flagship prices: what an all-flagship bot would pay. */
  all_flagship_cost_usd: number;
  second_opinion_rate: number;
  second_opinion_reasons: Record<string, number>;
  labelled: number;
  accuracy: number | null;
  /** confusion[label][predicted] = count */
  confusion: Record<string, Record<string, number>> | null;
}

export interface ReplayResult {
  outcome: TicketOutcome;
  label: Urgency | null;
}

function count<T extends string>(values: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const round = (value: number, digits = 6) => Number(value.toFixed(digits));

export function summarizeReplay(input: {
  provider: string;
  results: ReplayResult[];
  spend: SpendByTier[];
  models: Record<ModelTier, string>;
  flagshipPrice: ModelPrice;
  seconds: number;
}): ReplaySummary {
  const { results, spend } = input;
  const tickets = results.length;
  const byTier: Record<string, TierSpend> = {};
  let cost = 0;
  let estimated = 0;
  let allFlagship = 0;
  for (const tier of MODEL_TIERS) {
    const row = spend.find((s) => s.tier === tier);
    byTier[tier] = {
      model: input.models[tier],
      calls: row?.calls ?? 0,
      input_tokens: row?.inputTokens ?? 0,
      cached_input_tokens: row?.cachedInputTokens ?? 0,
      output_tokens: row?.outputTokens ?? 0,
      cost_usd: round(row?.costUsd ?? 0),
      estimated_cost_usd: round(row?.estimatedCostUsd ?? 0),
    };
    if (row) {
      cost += row.costUsd;
      estimated += row.estimatedCostUsd;
      allFlagship += costUsd(
        { input: row.inputTokens, cachedInput: row.cachedInputTokens, output: row.outputTokens, reasoning: 0 },
        input.flagshipPrice,
      );
    }
  }

  const reviewed = results.filter((r) => r.outcome.decision.route === 'flagship_review');
  const secondOpinionReasons = count(
    reviewed.flatMap((r) => r.outcome.decision.reasons.filter((reason) => !reason.startsWith('flagship_'))),
  );

  const labelled = results.filter((r) => r.label !== null && r.outcome.classification !== null);
  let confusion: ReplaySummary['confusion'] = null;
  let accuracy: number | null = null;
  if (labelled.length > 0) {
    confusion = {};
    for (const label of URGENCIES) confusion[label] = Object.fromEntries(URGENCIES.map((u) => [u, 0]));
    let correct = 0;
    for (const r of labelled) {
      const predicted = r.outcome.classification?.urgency as Urgency;
      const row = confusion[r.label as Urgency] as Record<string, number>;
      row[predicted] = (row[predicted] ?? 0) + 1;
      if (predicted === r.label) correct += 1;
    }
    accuracy = round(correct / labelled.length, 4);
  }

  return {
    provider: input.provider,
    tickets,
    seconds: round(input.seconds, 3),
    tickets_per_second: round(input.seconds > 0 ? tickets / input.seconds : tickets, 1),
    by_urgency: count(results.map((r) => r.outcome.classification?.urgency ?? 'unclassified')),
    by_route: count(results.map((r) => r.outcome.decision.route)),
    by_status: count(results.map((r) => r.outcome.ticket.status)),
    by_tier: byTier,
    cost_usd: round(cost),
    cost_per_ticket_usd: round(tickets > 0 ? cost / tickets : 0, 8),
    estimated_cost_usd: round(estimated),
    all_flagship_cost_usd: round(allFlagship),
    second_opinion_rate: round(tickets > 0 ? reviewed.length / tickets : 0, 4),
    second_opinion_reasons: secondOpinionReasons,
    labelled: labelled.length,
    accuracy,
    confusion,
  };
}
