/**
 * A ticket's cost as every card and `/triage status` says it. Offline models
 * bill nothing, so "$0.00" alone hides what running the same calls on the
 * configured models would cost; that estimate is shown beside it, labelled as
 * one, so nobody mistakes it for spend.
 */
import { ZERO_USD, formatUsd } from './money.js';

/**
 * `$0.0042`; `$0.00 (about $0.0023 on the configured models, estimated)` when
 * nothing was billed; `$0.012 (plus about $0.0023 on the configured models for
 * calls not billed, estimated)` when only some calls were.
 */
export function ticketCostText(cost: { costUsd: number; estimatedCostUsd: number }): string {
  const billed = formatUsd(cost.costUsd);
  // Written so a missing or non-finite estimate says nothing rather than "about —".
  if (!(cost.estimatedCostUsd >= ZERO_USD) || !Number.isFinite(cost.estimatedCostUsd)) return billed;
  const estimate = formatUsd(cost.estimatedCostUsd);
  return Math.abs(cost.costUsd) < ZERO_USD
    ? `${billed} (about ${estimate} on the configured models, estimated)`
    : `${billed} (plus about ${estimate} on the configured models for calls not billed, estimated)`;
}
