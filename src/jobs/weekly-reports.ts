/**
 * The weekly report for a given week, wired once: `npm run report`, the
 * scheduled post and the web console's spend dashboard all take their
 * report's sources from here, so they show the same numbers from the same
 * queries by construction rather than by care.
 */
import type { Config } from '../config.js';
import type { WeeklyReport } from '../domain/index.js';
import { KnowledgeGaps } from '../kb/index.js';
import { loadPriceTable } from '../models/pricing.js';
import { TierRegistry } from '../models/tiers.js';
import type { Period } from '../periods.js';
import { BudgetGuard } from '../policy/budget.js';
import type { Store } from '../store/types.js';
import { buildWeeklyReport, type ReportSources } from './weekly-report.js';

export interface ReportParts {
  config: Pick<Config, 'timeZone' | 'sla' | 'budget' | 'models'>;
  store: Store;
  /** A running bot's own (its price table and budget guard); a one-off command builds them from `config`. */
  tiers?: TierRegistry;
  budget?: BudgetGuard;
  clock?: () => Date;
}

/** What a report's reader needs: the week's zone, the time now, and the report for a week. */
export interface WeeklyReports {
  readonly timeZone: string;
  now(): Date;
  forWeek(week: Period): Promise<WeeklyReport>;
}

/** The sources every weekly report is built from. */
export function reportSources(parts: ReportParts): ReportSources {
  const { config, store } = parts;
  const clock = parts.clock ?? (() => new Date());
  const tiers =
    parts.tiers ??
    new TierRegistry({ nano: config.models.nano, mini: config.models.mini, flagship: config.models.flagship }, loadPriceTable(config.models.pricesFile), config.models.embeddings);
  const budget = parts.budget ?? new BudgetGuard({ ...config.budget, timeZone: config.timeZone }, store.modelCalls, clock);
  // The knowledge base keeps its gaps in the store's SQLite file (the index file beside Postgres), whoever reads them.
  let gaps: KnowledgeGaps | null = null;
  return {
    store,
    tiers,
    budget,
    timeZone: config.timeZone,
    clock,
    sla: config.sla,
    knowledgeGaps: (range) => (gaps ??= new KnowledgeGaps(store.sqlite)).top(range),
  };
}

/** The one way to the weekly report for week W. */
export function weeklyReports(parts: ReportParts): WeeklyReports {
  const sources = reportSources(parts);
  const clock = sources.clock ?? (() => new Date());
  return { timeZone: sources.timeZone, now: clock, forWeek: (week) => buildWeeklyReport(sources, week) };
}
