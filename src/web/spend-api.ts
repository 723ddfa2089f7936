/**
 * `GET /api/spend?week=YYYY-MM-DD`: the weekly spend report for the week
 * containing that date, exactly as `npm run report -- --json` prints it (the
 * same function builds both), the week's place for navigation, and the words
 * the report text uses for its codes (so the page does not keep a second
 * copy of them). Without a date, the current week so far: a newcomer sees
 * today's spend, not last week's.
 */
import type { WeeklyReport } from '../domain/index.js';
import type { WeeklyReports } from '../jobs/weekly-reports.js';
import { BUDGET_LEVEL_MEANINGS, BUDGET_LEVEL_NAMES } from '../present/report-numbers.js';
import { reasonLabel } from '../present/reason-labels.js';
import { knowledgeGapLines, slaAttainmentLines } from '../present/sla-attainment-text.js';
import { nextWeek, previousWeek, weekContaining, weekOfTypedDate } from '../periods.js';

export interface SpendAnswer {
  week: {
    /** Monday and Sunday, local dates in `timeZone`. */
    start: string;
    end: string;
    timeZone: string;
    /** The week under way (its numbers are so far). */
    current: boolean;
    /** A date in the week before, and after (null when that week has not begun). */
    previous: string;
    next: string | null;
  };
  report: WeeklyReport;
  words: {
    /** Reason code → the report's words, for every code in the report. */
    reasons: Record<string, string>;
    /** `Economy` and what it does (`flagship work goes to mini…`); null without caps. */
    budgetLevel: { name: string; meaning: string } | null;
    sla: string[];
    knowledgeGaps: string[];
  };
}

/** The answer for `week` (the query's value, or null when absent); null when the date is malformed. */
export async function spendAnswer(reports: WeeklyReports, asked: string | null): Promise<SpendAnswer | null> {
  const { timeZone } = reports;
  const now = reports.now();
  const thisWeek = weekContaining(now, timeZone);
  const week = asked === null ? thisWeek : weekOfTypedDate(asked, timeZone);
  if (!week) return null;
  const report = await reports.forWeek(week);
  const following = nextWeek(week, timeZone);
  const codes = [...report.secondOpinions.reasons, ...report.budgetDegraded].map((reason) => reason.code);
  return {
    week: {
      start: report.week.start,
      end: report.week.end,
      timeZone,
      current: week.key === thisWeek.key,
      previous: previousWeek(week, timeZone).key,
      next: following.since <= now ? following.key : null,
    },
    report,
    words: {
      reasons: Object.fromEntries(codes.map((code) => [code, reasonLabel(code)])),
      budgetLevel: report.budget ? { name: BUDGET_LEVEL_NAMES[report.budget.level], meaning: BUDGET_LEVEL_MEANINGS[report.budget.level] } : null,
      sla: slaAttainmentLines(report.sla ?? []),
      knowledgeGaps: knowledgeGapLines(report.knowledgeGaps ?? []),
    },
  };
}
