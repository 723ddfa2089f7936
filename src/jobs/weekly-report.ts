/**
 * Computes the weekly spend report from the ledger and the ticket tables.
 * Pure reads: building a report never changes the store, so the terminal
 * command, the scheduled post and the tests all get the same numbers.
 */
import {
  MODEL_TIERS,
  STAGES,
  type ChannelSpend,
  type ModelTier,
  type SpendLine,
  type TicketSpend,
  type WeeklyReport,
} from '../domain/index.js';
import { costUsd } from '../models/pricing.js';
import type { TierRegistry } from '../models/tiers.js';
import { daysOf, previousWeek, type Period } from '../periods.js';
import type { BudgetGuard } from '../policy/budget.js';
import { slaAttainment } from '../sla/sla-attainment.js';
import { slaEnabled, type SlaSettings } from '../sla/sla-config.js';
import type { LedgerRow, Store } from '../store/types.js';

export interface ReportSources {
  store: Store;
  tiers: TierRegistry;
  /** Null or without caps: the report says no budget is set. */
  budget: BudgetGuard | null;
  timeZone: string;
  clock?: () => Date;
  /** SLA targets: with any, the report gives attainment per urgency. */
  sla?: SlaSettings;
  /** The knowledge base's unanswered topics in a period (its `topGaps`). */
  knowledgeGaps?: (range: { since: Date; until: Date; limit: number }) => { topic: string; tickets: number; example: string }[];
}

/** Reasons that describe the second opinion's outcome or the budget, not why a ticket needed one. */
const NOT_SECOND_OPINION_CAUSES: ReadonlySet<string> = new Set([
  'flagship_approved',
  'flagship_rewrote',
  'flagship_deferred',
  'review_failed',
  'budget_flagship_to_mini',
  'budget_no_draft',
  'budget_exhausted',
  'models_unavailable',
]);

const RESOLVED_STATUSES = ['sent', 'closed'] as const;
const TOP_TICKETS = 5;
/** Stages listed even in a week without calls; query translation (a model-only extra) and embeddings only when used. */
const LISTED_STAGES = STAGES.filter((stage) => stage !== 'translate');
/** Unanswered topics the report lists. */
const TOP_GAPS = 5;
const TITLE_LENGTH = 80;

export function buildWeeklyReport(sources: ReportSources, week: Period): WeeklyReport {
  const { store, tiers, timeZone } = sources;
  const calls = store.modelCalls.callsBetween(week.since, week.until);
  const last = previousWeek(week, timeZone);
  const lastWeekCost = sum(store.modelCalls.spendByTier(last.since, last.until), (tier) => tier.costUsd);
  const days = daysOf(week, timeZone);

  const totalCost = sum(calls, (row) => row.costUsd);
  const estimated = sum(calls, (row) => row.estimatedCostUsd);
  const inputTokens = sum(calls, (row) => row.inputTokens);
  const cachedInputTokens = sum(calls, (row) => row.cachedInputTokens);

  const counts = store.tickets.countsBetween(week.since, week.until);
  const resolved = RESOLVED_STATUSES.reduce((total, status) => total + (counts.byStatus[status] ?? 0), 0);

  const workedOn = new Set(calls.flatMap((row) => (row.ticketId === null ? [] : [row.ticketId])));
  // Tickets a model reviewed the draft of (routed there, or a reviewer pressed Escalate), whichever tier answered.
  const secondOpinionCalls = calls.filter((row) => row.stage === 'second_opinion');
  const secondOpinionTickets = new Set(secondOpinionCalls.flatMap((row) => (row.ticketId === null ? [] : [row.ticketId])));
  const secondOpinionReasons = new Map<string, number>();
  for (const decision of store.triage.latestDecisions([...secondOpinionTickets]).values()) {
    for (const code of new Set(decision.reasons)) {
      if (!NOT_SECOND_OPINION_CAUSES.has(code)) secondOpinionReasons.set(code, (secondOpinionReasons.get(code) ?? 0) + 1);
    }
  }

  const degraded = new Map<string, Set<number>>();
  for (const decision of store.triage.decisionsBetween(week.since, week.until)) {
    for (const code of decision.reasons.filter((reason) => reason.startsWith('budget_'))) {
      const tickets = degraded.get(code) ?? new Set<number>();
      tickets.add(decision.ticketId);
      degraded.set(code, tickets);
    }
  }

  const flagship = tiers.get('flagship');
  // Embeddings would be bought whatever model drafted: they count at what they cost, not repriced as the flagship's input.
  const flagshipCost = sum(calls, (row) =>
    row.stage === 'embed'
      ? row.costUsd + row.estimatedCostUsd
      : costUsd({ input: row.inputTokens, cachedInput: row.cachedInputTokens, output: row.outputTokens, reasoning: 0 }, flagship.price),
  );
  // Offline weeks compare estimate with estimate; billed weeks have no estimate.
  const routedCost = totalCost + estimated;

  return {
    week: { start: week.key, end: days.at(-1)?.key ?? week.key, timeZone, since: week.since, until: week.until },
    generatedAt: (sources.clock ?? (() => new Date()))(),
    totals: {
      costUsd: totalCost,
      estimatedCostUsd: estimated,
      calls: calls.length,
      failedCalls: calls.filter((row) => row.outcome !== 'ok').length,
      inputTokens,
      cachedInputTokens,
      outputTokens: sum(calls, (row) => row.outputTokens),
    },
    previousWeek: {
      costUsd: lastWeekCost,
      changeUsd: totalCost - lastWeekCost,
      changeFraction: lastWeekCost > 0 ? (totalCost - lastWeekCost) / lastWeekCost : null,
    },
    byTier: spendLines(calls, (row) => row.tier, MODEL_TIERS),
    byModel: spendLines(calls, (row) => row.model),
    byStage: spendLines(calls, (row) => row.stage, LISTED_STAGES),
    byPlatform: spendLines(calls, (row) => row.platform ?? 'no ticket'),
    byChannel: channelSpend(calls),
    tickets: {
      handled: counts.tickets,
      resolved,
      costPerTicketUsd: counts.tickets > 0 ? totalCost / counts.tickets : null,
      costPerResolvedTicketUsd: resolved > 0 ? totalCost / resolved : null,
    },
    secondOpinions: {
      tickets: secondOpinionTickets.size,
      rate: workedOn.size > 0 ? secondOpinionTickets.size / workedOn.size : null,
      costUsd: sum(secondOpinionCalls, (row) => row.costUsd),
      reasons: ranked(secondOpinionReasons),
    },
    cache: { inputTokens, cachedInputTokens, share: inputTokens > 0 ? cachedInputTokens / inputTokens : null },
    flagshipEquivalent: {
      model: flagship.model,
      costUsd: flagshipCost,
      savingUsd: flagshipCost - routedCost,
      savingFraction: flagshipCost > 0 ? (flagshipCost - routedCost) / flagshipCost : null,
    },
    topTickets: topTickets(store, calls),
    daily: days.map((day) => {
      const byTier = Object.fromEntries(MODEL_TIERS.map((tier) => [tier, 0])) as Record<ModelTier, number>;
      for (const row of calls) {
        if (row.createdAt >= day.since && row.createdAt < day.until) byTier[row.tier] += row.costUsd;
      }
      return { date: day.key, byTier };
    }),
    budgetDegraded: ranked(new Map([...degraded].map(([code, tickets]) => [code, tickets.size]))),
    budget: sources.budget?.enabled ? sources.budget.status() : null,
    knowledgeGaps: (sources.knowledgeGaps?.({ since: week.since, until: week.until, limit: TOP_GAPS }) ?? []).map(({ topic, tickets, example }) => ({ topic, tickets, example })),
    sla: sources.sla && slaEnabled(sources.sla) ? slaAttainment(store.sla.openedBetween(week.since, week.until), sources.sla, (sources.clock ?? (() => new Date()))()) : null,
  };
}

function sum<T>(rows: readonly T[], value: (row: T) => number): number {
  let total = 0;
  for (const row of rows) total += value(row);
  return total;
}

function ranked(counts: Map<string, number>): { code: string; tickets: number }[] {
  return [...counts]
    .map(([code, tickets]) => ({ code, tickets }))
    .sort((a, b) => b.tickets - a.tickets || a.code.localeCompare(b.code));
}

/** Lines in `order` first (each shown even at zero), then the rest by cost, highest first. */
function spendLines(rows: readonly LedgerRow[], keyOf: (row: LedgerRow) => string, order: readonly string[] = []): SpendLine[] {
  const lines = new Map<string, SpendLine>(
    order.map((key) => [key, { key, calls: 0, costUsd: 0, estimatedCostUsd: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 }]),
  );
  for (const row of rows) {
    const key = keyOf(row);
    const line = lines.get(key) ?? { key, calls: 0, costUsd: 0, estimatedCostUsd: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
    line.calls += 1;
    line.costUsd += row.costUsd;
    line.estimatedCostUsd += row.estimatedCostUsd;
    line.inputTokens += row.inputTokens;
    line.cachedInputTokens += row.cachedInputTokens;
    line.outputTokens += row.outputTokens;
    lines.set(key, line);
  }
  const fixed = order.flatMap((key) => lines.get(key) ?? []);
  const rest = [...lines.values()].filter((line) => !order.includes(line.key)).sort((a, b) => b.costUsd - a.costUsd || a.key.localeCompare(b.key));
  return [...fixed, ...rest];
}

function channelSpend(rows: readonly LedgerRow[]): ChannelSpend[] {
  const channels = new Map<string, ChannelSpend & { ticketIds: Set<number> }>();
  for (const row of rows) {
    if (row.ticketId === null || row.platform === null || row.channelId === null) continue;
    const key = `${row.platform}\u0000${row.channelId}`;
    const channel = channels.get(key) ?? { platform: row.platform, channelId: row.channelId, tickets: 0, calls: 0, costUsd: 0, ticketIds: new Set<number>() };
    channel.calls += 1;
    channel.costUsd += row.costUsd;
    channel.ticketIds.add(row.ticketId);
    channels.set(key, channel);
  }
  return [...channels.values()]
    .map(({ ticketIds, ...channel }) => ({ ...channel, tickets: ticketIds.size }))
    .sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls);
}

function topTickets(store: Store, rows: readonly LedgerRow[]): TicketSpend[] {
  const perTicket = new Map<number, { calls: number; costUsd: number; estimatedCostUsd: number }>();
  for (const row of rows) {
    if (row.ticketId === null) continue;
    const entry = perTicket.get(row.ticketId) ?? { calls: 0, costUsd: 0, estimatedCostUsd: 0 };
    entry.calls += 1;
    entry.costUsd += row.costUsd;
    entry.estimatedCostUsd += row.estimatedCostUsd;
    perTicket.set(row.ticketId, entry);
  }
  return [...perTicket]
    .sort(([idA, a], [idB, b]) => b.costUsd - a.costUsd || b.estimatedCostUsd - a.estimatedCostUsd || idA - idB)
    .slice(0, TOP_TICKETS)
    .flatMap(([ticketId, spend]) => {
      const ticket = store.tickets.get(ticketId);
      if (!ticket) return [];
      const firstMessage = store.tickets.messages(ticketId).find((message) => message.direction === 'inbound')?.text ?? '';
      return [
        {
          ticketId,
          platform: ticket.platform,
          channelId: ticket.channelId,
          threadId: ticket.threadId,
          // The customer's own words are what reviewers recognise; the summary is the fallback.
          title: shorten(ticket.subject ?? (firstMessage || (ticket.summary ?? ''))),
          urgency: ticket.urgency ?? null,
          status: ticket.status,
          calls: spend.calls,
          costUsd: spend.costUsd,
        },
      ];
    });
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_LENGTH ? line || '(no text)' : `${line.slice(0, TITLE_LENGTH - 1)}…`;
}
