/**
 * The weekly spend report and the budget state, as plain data. Computed in
 * src/jobs from the ledger's aggregates; formatted by each adapter (Block
 * Kit, embeds, plain text). Money in US dollars for display, beside the exact
 * nano-dollar integers it was summed in (`…Nanos`): a total is exactly the sum
 * of its parts in nano-dollars. All shares are fractions 0..1.
 */
import type { UrgencyAttainment } from '../sla/sla-attainment.js';
import type { ModelTier } from './model.js';

/** One row of a spend breakdown (by tier, model, stage or platform). */
export interface SpendLine {
  key: string;
  calls: number;
  /** Billed spend. */
  costUsd: number;
  costNanos: number;
  /** Offline calls: what they would have cost on the configured models (not billed). */
  estimatedCostUsd: number;
  estimatedCostNanos: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

export interface ChannelSpend {
  platform: string;
  channelId: string;
  tickets: number;
  calls: number;
  costUsd: number;
  costNanos: number;
}

/** A ticket in the "most expensive" list; adapters turn the thread into a link. */
export interface TicketSpend {
  ticketId: number;
  platform: string;
  channelId: string;
  threadId: string;
  /** The subject, else the start of the first message, else the summary; short. */
  title: string;
  urgency: string | null;
  status: string;
  calls: number;
  costUsd: number;
  costNanos: number;
}

export interface DailyTierSpend {
  /** Local date in the report's time zone, YYYY-MM-DD. */
  date: string;
  byTier: Record<ModelTier, number>;
}

export const BUDGET_LEVELS = ['normal', 'economy', 'triage_only', 'stopped'] as const;
/**
 * How far the bot has degraded to stay inside its caps:
 * - `normal`: every stage on its usual tier.
 * - `economy`: the alert threshold is crossed; flagship work goes to mini except for urgent tickets.
 * - `triage_only`: only the urgent reserve is left; non-urgent tickets are classified and handed to humans without a draft.
 * - `stopped`: nothing left; tickets are stored and handed to humans with no model call.
 */
export type BudgetLevel = (typeof BUDGET_LEVELS)[number];

export type BudgetPeriod = 'daily' | 'monthly';

export interface CapStatus {
  period: BudgetPeriod;
  /** `2026-11-24` for a day, `2026-11` for a month, in the report time zone. */
  periodKey: string;
  capUsd: number;
  spentUsd: number;
  /** Never below zero. */
  leftUsd: number;
  usedFraction: number;
  /** The level this cap alone puts the bot at; the bot takes the worst of its caps. */
  level: BudgetLevel;
}

export interface BudgetStatus {
  level: BudgetLevel;
  alertThreshold: number;
  /** The share of each cap kept for triage and urgent tickets. */
  urgentReserve: number;
  daily: CapStatus | null;
  monthly: CapStatus | null;
}

/** A soft alert: a cap's threshold was crossed (`threshold`), or only its urgent reserve is left (`exhausted`). */
export interface BudgetAlert {
  kind: 'threshold' | 'exhausted';
  cap: CapStatus;
  level: BudgetLevel;
  alertThreshold: number;
}

export interface WeeklyReport {
  week: {
    /** Monday, local date in `timeZone`, YYYY-MM-DD. */
    start: string;
    /** Sunday, inclusive. */
    end: string;
    timeZone: string;
    since: Date;
    until: Date;
  };
  generatedAt: Date;
  totals: {
    costUsd: number;
    /** Exactly the sum of every line's `costNanos` in each breakdown. */
    costNanos: number;
    estimatedCostUsd: number;
    estimatedCostNanos: number;
    calls: number;
    failedCalls: number;
    inputTokens: number;
    cachedInputTokens: number;
    outputTokens: number;
  };
  previousWeek: {
    costUsd: number;
    changeUsd: number;
    /** Null when last week cost nothing. */
    changeFraction: number | null;
  };
  byTier: SpendLine[];
  byModel: SpendLine[];
  byStage: SpendLine[];
  byPlatform: SpendLine[];
  byChannel: ChannelSpend[];
  tickets: {
    /** Tickets opened this week. */
    handled: number;
    /** Of those, replied to or closed by now. */
    resolved: number;
    costPerTicketUsd: number | null;
    costPerResolvedTicketUsd: number | null;
  };
  /**
   * Second opinions: tickets whose draft a model reviewed this week (ledger
   * stage `second_opinion`; the flagship, or mini when the budget was low),
   * whether routing sent them or a reviewer pressed Escalate.
   */
  secondOpinions: {
    /** Tickets whose first `second_opinion` call was this week. */
    tickets: number;
    /** Of the tickets the models started on this week (first call this week); null when none. */
    rate: number | null;
    /** Spend on `second_opinion` calls made this week. */
    costUsd: number;
    /** Why they needed one (this week's routing decisions that sent tickets for one): reason code → tickets. Most frequent first. */
    reasons: { code: string; tickets: number }[];
  };
  cache: {
    inputTokens: number;
    cachedInputTokens: number;
    /** Null when no input tokens were used. */
    share: number | null;
  };
  /** Every call's recorded tokens priced at the flagship's prices: an estimate. */
  flagshipEquivalent: {
    model: string;
    costUsd: number;
    savingUsd: number;
    /** Null when the flagship equivalent is zero. */
    savingFraction: number | null;
  };
  /** The tickets opened this week that have cost the most so far (their own calls, this week or later). */
  topTickets: TicketSpend[];
  daily: DailyTierSpend[];
  /** Tickets whose routing was changed by the budget this week: reason code → tickets. */
  budgetDegraded: { code: string; tickets: number }[];
  budget: BudgetStatus | null;
  /** SLA attainment of the week's tickets per urgency; null (or absent) when no SLA target is set. */
  sla?: UrgencyAttainment[] | null;
  /** The questions the knowledge base did not answer this week, most frequent topic first (absent: no knowledge base). */
  knowledgeGaps?: { topic: string; tickets: number; example: string }[];
}
