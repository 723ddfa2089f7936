/**
 * Computes the weekly spend report from the ledger's aggregates and the ticket
 * tables: every sum is a GROUP BY in SQLite (src/store/sqlite/spend-repository.ts),
 * so a week of a million calls costs a few thousand aggregate rows here.
 * Money is summed in integer nano-dollars and shown in dollars.
 * Pure reads: building a report never changes the store, so the terminal
 * command, the scheduled post and the tests all get the same numbers.
 */
import {
  MODEL_TIERS,
  STAGES,
  nanosToUsd,
  type ChannelSpend,
  type ModelTier,
  type SpendLine,
  type TicketSpend,
  type WeeklyReport,
} from '../domain/index.js';
import { costNanos } from '../models/pricing.js';
import type { TierRegistry } from '../models/tiers.js';
import { daysOf, previousWeek, type Period } from '../periods.js';
import type { BudgetGuard } from '../policy/budget.js';
import { slaAttainment } from '../sla/sla-attainment.js';
import { slaEnabled, type SlaSettings } from '../sla/sla-config.js';
import { totalOf, totalsBy } from '../store/spend-sums.js';
import type { ReasonCount, SpendGroup, SpendTotals } from '../store/spend-types.js';
import type { Store } from '../store/types.js';

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

export async function buildWeeklyReport(sources: ReportSources, week: Period): Promise<WeeklyReport> {
  const { store, tiers, timeZone } = sources;
  const groups = await store.spend.groups(week.since, week.until);
  const last = previousWeek(week, timeZone);
  const lastWeekNanos = totalOf(await store.spend.groups(last.since, last.until)).costNanos;
  const days = daysOf(week, timeZone);
  const total = totalOf(groups);

  const counts = await store.tickets.countsBetween(week.since, week.until);
  const resolved = RESOLVED_STATUSES.reduce((sum, status) => sum + (counts.byStatus[status] ?? 0), 0);
  const own = totalOf(groups.filter((group) => !group.shadow));
  const secondOpinionNanos = totalOf(groups.filter((group) => group.stage === 'second_opinion')).costNanos;

  const flagship = tiers.get('flagship');
  // Embeddings would be bought whatever model drafted: they count at what they cost, not repriced as the flagship's input.
  let flagshipNanos = 0;
  for (const group of groups) {
    flagshipNanos +=
      group.stage === 'embed'
        ? group.costNanos + group.estimatedCostNanos
        : costNanos({ input: group.inputTokens, cachedInput: group.cachedInputTokens, output: group.outputTokens, reasoning: 0 }, flagship.price);
  }
  // Offline weeks compare estimate with estimate; billed weeks have no estimate.
  const routedNanos = total.costNanos + total.estimatedCostNanos;
  const totalCost = nanosToUsd(total.costNanos);
  const lastWeekCost = nanosToUsd(lastWeekNanos);
  const clock = sources.clock ?? (() => new Date());

  return {
    week: { start: week.key, end: days.at(-1)?.key ?? week.key, timeZone, since: week.since, until: week.until },
    generatedAt: clock(),
    totals: {
      costUsd: totalCost,
      costNanos: total.costNanos,
      estimatedCostUsd: nanosToUsd(total.estimatedCostNanos),
      estimatedCostNanos: total.estimatedCostNanos,
      calls: total.calls,
      failedCalls: total.failedCalls,
      inputTokens: total.inputTokens,
      cachedInputTokens: total.cachedInputTokens,
      outputTokens: total.outputTokens,
    },
    previousWeek: {
      costUsd: lastWeekCost,
      changeUsd: nanosToUsd(total.costNanos - lastWeekNanos),
      changeFraction: lastWeekNanos > 0 ? (total.costNanos - lastWeekNanos) / lastWeekNanos : null,
    },
    byTier: spendLines(groups, (group) => group.tier, MODEL_TIERS),
    byModel: spendLines(groups, (group) => group.model),
    byStage: spendLines(groups, (group) => group.stage, LISTED_STAGES),
    byPlatform: spendLines(groups, (group) => group.platform ?? 'no ticket'),
    byChannel: channelSpend(groups),
    tickets: {
      handled: counts.tickets,
      resolved,
      costPerTicketUsd: counts.tickets > 0 ? totalCost / counts.tickets : null,
      costPerResolvedTicketUsd: resolved > 0 ? totalCost / resolved : null,
    },
    secondOpinions: {
      tickets: own.newSecondOpinions,
      rate: own.newTickets > 0 ? own.newSecondOpinions / own.newTickets : null,
      costUsd: nanosToUsd(secondOpinionNanos),
      // Why this week's decisions sent tickets for one; codes that say how it went, or what the budget did, are not why.
      reasons: ranked((await store.spend.decisionReasons(week.since, week.until, { route: 'flagship_review' })).filter((reason) => !NOT_SECOND_OPINION_CAUSES.has(reason.code))),
    },
    cache: { inputTokens: total.inputTokens, cachedInputTokens: total.cachedInputTokens, share: total.inputTokens > 0 ? total.cachedInputTokens / total.inputTokens : null },
    flagshipEquivalent: {
      model: flagship.model,
      costUsd: nanosToUsd(flagshipNanos),
      savingUsd: nanosToUsd(flagshipNanos - routedNanos),
      savingFraction: flagshipNanos > 0 ? (flagshipNanos - routedNanos) / flagshipNanos : null,
    },
    topTickets: await topTickets(store, week),
    daily: await Promise.all(days.map(async (day) => {
      const byTier = totalsBy(await store.spend.groups(day.since, day.until), (group) => group.tier);
      return { date: day.key, byTier: Object.fromEntries(MODEL_TIERS.map((tier) => [tier, nanosToUsd(byTier.get(tier)?.costNanos ?? 0)])) as Record<ModelTier, number> };
    })),
    budgetDegraded: ranked(await store.spend.decisionReasons(week.since, week.until, { prefix: 'budget_' })),
    budget: sources.budget?.enabled ? await sources.budget.status() : null,
    knowledgeGaps: (sources.knowledgeGaps?.({ since: week.since, until: week.until, limit: TOP_GAPS }) ?? []).map(({ topic, tickets, example }) => ({ topic, tickets, example })),
    sla: sources.sla && slaEnabled(sources.sla) ? slaAttainment(await store.sla.openedBetween(week.since, week.until), sources.sla, clock()) : null,
  };
}

function ranked(counts: readonly ReasonCount[]): ReasonCount[] {
  return [...counts].sort((a, b) => b.tickets - a.tickets || a.code.localeCompare(b.code));
}

function spendLine(key: string, totals: SpendTotals): SpendLine {
  return {
    key,
    calls: totals.calls,
    costUsd: nanosToUsd(totals.costNanos),
    costNanos: totals.costNanos,
    estimatedCostUsd: nanosToUsd(totals.estimatedCostNanos),
    estimatedCostNanos: totals.estimatedCostNanos,
    inputTokens: totals.inputTokens,
    cachedInputTokens: totals.cachedInputTokens,
    outputTokens: totals.outputTokens,
  };
}

/** Lines in `order` first (each shown even at zero), then the rest by cost, highest first. */
function spendLines(groups: readonly SpendGroup[], keyOf: (group: SpendGroup) => string, order: readonly string[] = []): SpendLine[] {
  const totals = totalsBy(groups, keyOf);
  const fixed = order.map((key) => spendLine(key, totals.get(key) ?? totalOf([])));
  const rest = [...totals]
    .filter(([key]) => !order.includes(key))
    .map(([key, line]) => spendLine(key, line))
    .sort((a, b) => b.costNanos - a.costNanos || a.key.localeCompare(b.key));
  return [...fixed, ...rest];
}

/** Calls and spend per channel this week, with the tickets the models started on there. */
function channelSpend(groups: readonly SpendGroup[]): ChannelSpend[] {
  const withTicket = groups.filter((group) => group.platform !== null && group.channelId !== null);
  return [...totalsBy(withTicket, (group) => `${group.platform ?? ''}\u0000${group.channelId ?? ''}`)]
    .map(([id, totals]): ChannelSpend => {
      const [platform = '', channelId = ''] = id.split('\u0000');
      return { platform, channelId, tickets: totals.newTickets, calls: totals.calls, costUsd: nanosToUsd(totals.costNanos), costNanos: totals.costNanos };
    })
    .sort((a, b) => b.costNanos - a.costNanos || b.calls - a.calls);
}

async function topTickets(store: Store, week: Period): Promise<TicketSpend[]> {
  const rows = await Promise.all((await store.spend.topTickets(week.since, week.until, TOP_TICKETS)).map(async (spend) => {
    const ticket = await store.tickets.get(spend.ticketId);
    if (!ticket) return [];
    const firstMessage = (await store.tickets.messages(spend.ticketId)).find((message) => message.direction === 'inbound')?.text ?? '';
    return [
      {
        ticketId: spend.ticketId,
        platform: ticket.platform,
        channelId: ticket.channelId,
        threadId: ticket.threadId,
        // The customer's own words are what reviewers recognise; the summary is the fallback.
        title: shorten(ticket.subject ?? (firstMessage || (ticket.summary ?? ''))),
        urgency: ticket.urgency ?? null,
        status: ticket.status,
        calls: spend.calls,
        costUsd: nanosToUsd(spend.costNanos),
        costNanos: spend.costNanos,
      },
    ];
  }));
  return rows.flat();
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_LENGTH ? line || '(no text)' : `${line.slice(0, TITLE_LENGTH - 1)}…`;
}
