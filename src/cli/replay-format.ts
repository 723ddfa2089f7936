/** The replay summary as text for a person at a terminal. */
import { formatUsd as usd } from '../present/money.js';
import { formatJudgment, formatShadow } from './replay-format-judgment.js';
import type { ReplaySummary } from './replay-summary.js';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function counts(title: string, values: Record<string, number>, total: number): string[] {
  const entries = Object.entries(values).sort((a, b) => b[1] - a[1]);
  return [title, ...entries.map(([key, n]) => `  ${key.padEnd(22)} ${String(n).padStart(6)}  ${pct(total ? n / total : 0).padStart(6)}`)];
}

export function formatReplaySummary(s: ReplaySummary, database: string): string {
  const lines: string[] = [];
  lines.push(`Replayed ${s.tickets} tickets with the ${s.provider} provider in ${s.seconds.toFixed(1)} s (${s.tickets_per_second} tickets/s)`);
  lines.push(`Database: ${database}`, '');
  lines.push(...counts('Tickets by urgency', s.by_urgency, s.tickets), '');
  lines.push(...counts('Tickets by route', s.by_route, s.tickets), '');
  lines.push('Calls and cost by tier');
  for (const [tier, t] of Object.entries(s.by_tier)) {
    lines.push(
      `  ${tier.replace(/_shadow$/, ' (shadow)').padEnd(17)} ${t.model.padEnd(16)} ${String(t.calls).padStart(6)} calls  in ${t.input_tokens} (cached ${t.cached_input_tokens})  out ${t.output_tokens}  ${usd(t.cost_usd)}` +
        (t.estimated_cost_usd > 0 ? `  (estimate ${usd(t.estimated_cost_usd)})` : ''),
    );
  }
  const shadowNote = s.shadow ? ` (the shadow ${usd(s.shadow.cost_usd)} of it is not in the per-ticket cost)` : '';
  lines.push(`  total ${usd(s.cost_usd)} · per ticket ${usd(s.cost_per_ticket_usd)}${shadowNote}`);
  if (s.estimated_cost_usd > 0) lines.push(`  offline: the same calls on the configured models would cost about ${usd(s.estimated_cost_usd)}`);
  // Against the all-flagship estimate, the bot's own spend: the shadow is not part of running it.
  const spent = s.cost_usd > 0 ? s.cost_usd - (s.shadow?.cost_usd ?? 0) : s.estimated_cost_usd - (s.shadow?.estimated_cost_usd ?? 0);
  if (s.all_flagship_cost_usd > 0) {
    lines.push(`  all-flagship estimate for the same tokens ${usd(s.all_flagship_cost_usd)} (this run: ${(spent / s.all_flagship_cost_usd).toFixed(2)}×)`);
  }
  lines.push('', `Second opinion rate ${pct(s.second_opinion_rate)}`);
  for (const [reason, n] of Object.entries(s.second_opinion_reasons).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${reason.padEnd(22)} ${n}`);
  }
  lines.push(...formatJudgment(s), ...formatShadow(s));
  return lines.join('\n');
}
