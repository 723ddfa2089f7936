/**
 * Words and numbers for the weekly spend report and the budget alert, shared
 * by the plain-text, Block Kit and Discord formatters so all three say the
 * same thing in the same words: money, changes, percentages, token counts,
 * budget levels, cap lines and the headline. Plain text, never markup: each
 * adapter escapes what it takes from here (a model name, a channel id or a
 * time zone can end up in these strings).
 *
 * Every formatter here is total: NaN, Infinity or a missing fraction gives
 * "—", never "NaN", "Infinity" or "null" in a message.
 */
import type { BudgetAlert, BudgetLevel, BudgetStatus, CapStatus, ChannelSpend, SpendLine, WeeklyReport } from '../domain/index.js';

/** The spend chart's attachment name, for `attachment://…` on Discord and the upload on Slack. */
export const CHART_FILE_NAME = 'spend-chart.png';

export { NO_VALUE, formatUsd } from './money.js';
import { NO_VALUE, ZERO_USD, formatUsd } from './money.js';

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole count with thousands separators: `3,210`. */
export function formatCount(value: number): string {
  // `|| 0` turns -0 (from -0.4) into 0, which Intl would print as "-0".
  return Number.isFinite(value) ? GROUPED.format(Math.round(value) || 0) : NO_VALUE;
}

/** `1 ticket`, `3,210 calls`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/**
 * A fraction 0..1 as a whole percentage: `16%`; `<1%` for a small share that
 * is not zero, `>99%` for one just short of all; `—` for null.
 */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_VALUE;
  const abs = Math.abs(fraction);
  const sign = fraction < 0 ? '-' : '';
  if (abs > 0 && abs < 0.005) return `${sign}<1%`;
  if (abs >= 0.995 && abs < 1) return `${sign}>99%`;
  return `${sign}${GROUPED.format(Math.round(abs * 100))}%`;
}

/** `part` as a share of `total`; `—` when the total is zero. */
export function formatShare(part: number, total: number): string {
  return total > 0 ? formatPercent(part / total) : NO_VALUE;
}

/** Token counts: `950`, `12k`, `610k`, `2.9M`, `1.2B`. */
export function formatTokens(value: number): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  const abs = Math.abs(value);
  const sign = value < 0 && Math.round(abs) > 0 ? '-' : '';
  if (Math.round(abs) < 1000) return `${sign}${Math.round(abs)}`;
  const suffixes = ['k', 'M', 'B', 'T'] as const;
  let scaled = abs / 1000;
  for (const [index, suffix] of suffixes.entries()) {
    const rounded = scaled < 9.95 ? Math.round(scaled * 10) / 10 : Math.round(scaled);
    // 999,999 is 1000k rounded: it moves up to 1M.
    if (rounded < 1000 || index === suffixes.length - 1) return `${sign}${rounded}${suffix}`;
    scaled /= 1000;
  }
  return NO_VALUE;
}

/**
 * This week against last: `▼ 16% vs last week ($5.00)`, `▲ 25% vs last week
 * ($4.00)`, `unchanged vs last week ($5.00)`; `no spend last week` when there
 * is nothing to compare with.
 */
export function formatChange(previousWeek: WeeklyReport['previousWeek']): string {
  const { costUsd, changeUsd } = previousWeek;
  if (!Number.isFinite(costUsd) || costUsd <= 0) return 'no spend last week';
  const fraction = previousWeek.changeFraction ?? changeUsd / costUsd;
  const last = `vs last week (${formatUsd(costUsd)})`;
  if (!Number.isFinite(fraction) || Math.abs(changeUsd) < ZERO_USD || fraction === 0) return `unchanged ${last}`;
  return `${fraction > 0 ? '▲' : '▼'} ${formatPercent(Math.abs(fraction))} ${last}`;
}

// ── Budget ───────────────────────────────────────────────────────────────

/** Short names; full records so a new level fails to compile until it has words. */
export const BUDGET_LEVEL_NAMES: Readonly<Record<BudgetLevel, string>> = {
  normal: 'Normal',
  economy: 'Economy',
  triage_only: 'Triage only',
  stopped: 'Stopped',
};

/** What each level does to tickets, in a reviewer's words. */
export const BUDGET_LEVEL_MEANINGS: Readonly<Record<BudgetLevel, string>> = {
  normal: 'every stage on its usual model',
  economy: 'flagship work goes to mini, except for urgent tickets',
  triage_only: 'only the urgent reserve is left; non-urgent tickets go to humans without a draft',
  stopped: 'the budget is spent; tickets go to humans with no model call',
};

/** `Economy — flagship work goes to mini, except for urgent tickets`. */
export function budgetLevelLabel(level: BudgetLevel): string {
  return `${BUDGET_LEVEL_NAMES[level]} — ${BUDGET_LEVEL_MEANINGS[level]}`;
}

const PERIOD_NAMES: Readonly<Record<CapStatus['period'], string>> = { daily: 'Daily', monthly: 'Monthly' };

/** `Daily $0.31 of $2.00 (16%) · $1.69 left`. */
export function capStatusLine(cap: CapStatus): string {
  return `${PERIOD_NAMES[cap.period]} ${formatUsd(cap.spentUsd)} of ${formatUsd(cap.capUsd)} (${formatPercent(cap.usedFraction)}) · ${formatUsd(cap.leftUsd)} left`;
}

/** One line for `/triage today`: the level and each cap, or null without caps. */
export function budgetTodayLine(budget: BudgetStatus | null | undefined): string | null {
  if (!budget) return null;
  const caps = [budget.daily, budget.monthly].flatMap((cap) => (cap ? [capStatusLine(cap)] : []));
  return [`Budget: ${BUDGET_LEVEL_NAMES[budget.level]}`, ...caps].join(' · ');
}

export interface BudgetAlertWords {
  /** `Budget alert: daily spend passed 80% of the cap`. */
  title: string;
  /** The cap line, with its period (`2026-11-24`). */
  cap: string;
  /** `Economy — …`. */
  level: string;
  /** One line for notifications. */
  summary: string;
}

/** The same words for a budget alert on every platform. */
export function budgetAlertWords(alert: BudgetAlert): BudgetAlertWords {
  const period = alert.cap.period === 'daily' ? 'daily' : 'monthly';
  const title =
    alert.kind === 'exhausted'
      ? `Budget nearly spent: only the urgent reserve of the ${period} cap is left; non-urgent tickets get no draft`
      : `Budget alert: ${period} spend passed ${formatPercent(alert.alertThreshold)} of the cap`;
  const cap = `${capStatusLine(alert.cap)} (${alert.cap.periodKey})`;
  return { title, cap, level: budgetLevelLabel(alert.level), summary: `${title} · ${cap} · now ${BUDGET_LEVEL_NAMES[alert.level]}` };
}

// ── Breakdowns ───────────────────────────────────────────────────────────

/** One row of any breakdown, before formatting: a spend line or a channel. */
export interface BreakdownItem {
  /** Plain text; channel rows are `platform channelId`. Escape before use. */
  key: string;
  calls: number;
  costUsd: number;
  estimatedCostUsd: number;
  /** Channels only. */
  tickets: number | null;
  /** Channels only: which one, so a platform can show it as a channel mention. */
  channel?: { platform: string; channelId: string };
}

export function spendItems(lines: readonly SpendLine[]): BreakdownItem[] {
  return lines.map((line) => ({ key: line.key, calls: line.calls, costUsd: line.costUsd, estimatedCostUsd: line.estimatedCostUsd, tickets: null }));
}

export function channelItems(channels: readonly ChannelSpend[]): BreakdownItem[] {
  return channels.map((c) => ({
    key: `${c.platform} ${c.channelId}`,
    calls: c.calls,
    costUsd: c.costUsd,
    estimatedCostUsd: 0,
    tickets: c.tickets,
    channel: { platform: c.platform, channelId: c.channelId },
  }));
}

/** The first `keep - 1` items and one `N others` row summing the rest, when there are more than `keep`. */
export function foldRest(items: readonly BreakdownItem[], keep: number): BreakdownItem[] {
  if (items.length <= keep) return [...items];
  const head = items.slice(0, Math.max(0, keep - 1));
  const rest = items.slice(head.length);
  const sum = (pick: (item: BreakdownItem) => number) => rest.reduce((total, item) => total + pick(item), 0);
  const anyTickets = rest.some((item) => item.tickets !== null);
  return [
    ...head,
    {
      key: `${rest.length} others`,
      calls: sum((item) => item.calls),
      costUsd: sum((item) => item.costUsd),
      estimatedCostUsd: sum((item) => item.estimatedCostUsd),
      tickets: anyTickets ? sum((item) => item.tickets ?? 0) : null,
    },
  ];
}

/** `$0.90 · 21% · 2,100 calls` (plus tickets for a channel, and the offline estimate when there is one). */
export function breakdownFigures(item: BreakdownItem, totalUsd: number): string {
  const parts = [formatUsd(item.costUsd), formatShare(item.costUsd, totalUsd)];
  if (item.tickets !== null) parts.push(plural(item.tickets, 'ticket'));
  parts.push(plural(item.calls, 'call'));
  if (item.estimatedCostUsd > 0) parts.push(`offline est. ${formatUsd(item.estimatedCostUsd)}`);
  return parts.join(' · ');
}

// ── Headline ─────────────────────────────────────────────────────────────

export interface ReportHeadline {
  /** `Weekly spend report · 2026-11-16 – 2026-11-22`. */
  title: string;
  /** `2026-11-16 – 2026-11-22 (Europe/Berlin)`. */
  period: string;
  /** `$4.20`. */
  spend: string;
  /** `▼ 16% vs last week ($5.00)`. */
  change: string;
  /** The label for the saving, always saying it is an estimate. */
  savingLabel: string;
  /** `$12.60 (75%) vs every call on gpt-5.4`, or why there is none. */
  saving: string;
  /** The headline as lines: period, spend and change, the saving estimate. */
  lines: string[];
  /** One line, for notification and fallback texts. */
  summary: string;
}

export const SAVING_LABEL = 'Estimated saving';

/**
 * Outside text for a headline (a time zone, a model name) on one line and at
 * most `max` characters, so a misconfigured value cannot crowd out the
 * figures. Cut before any escaping, never inside a surrogate pair.
 */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = /[\ud800-\udbff]/.test(flat.charAt(max - 2)) ? max - 2 : max - 1;
  return `${flat.slice(0, cut).trimEnd()}…`;
}

/** The saving against running every call on the flagship, in words. */
function savingText(flagship: WeeklyReport['flagshipEquivalent']): string {
  const model = clip(flagship.model, 60);
  if (!(flagship.costUsd > 0)) return 'n/a: no calls to compare';
  if (flagship.savingUsd < 0) return `none: every call on ${model} would have cost ${formatUsd(-flagship.savingUsd)} less`;
  return `${formatUsd(flagship.savingUsd)} (${formatPercent(flagship.savingFraction)}) vs every call on ${model}`;
}

/** The headline every formatter opens with, in the same words. */
export function reportHeadline(report: WeeklyReport): ReportHeadline {
  const start = clip(report.week.start, 20);
  const end = clip(report.week.end, 20);
  const period = `${start} – ${end} (${clip(report.week.timeZone, 60)})`;
  const spend = formatUsd(report.totals.costUsd);
  const change = formatChange(report.previousWeek);
  const saving = savingText(report.flagshipEquivalent);
  return {
    title: `Weekly spend report · ${start} – ${end}`,
    period,
    spend,
    change,
    savingLabel: SAVING_LABEL,
    saving,
    lines: [`Week ${period}`, `Spend ${spend}, ${change}`, `${SAVING_LABEL}: ${saving}`],
    summary: `Weekly spend ${start} – ${end}: ${spend}, ${change} · ${plural(report.tickets.handled, 'ticket')}`,
  };
}

/** The line about offline calls, or null when none ran (`totals.estimatedCostUsd` is 0). */
export function offlineLine(report: WeeklyReport): string | null {
  const estimate = report.totals.estimatedCostUsd;
  if (!(estimate > 0)) return null;
  return `Offline calls were not billed; on the configured models they would have cost ${formatUsd(estimate)} (estimate).`;
}

/** A line is only shortened to fit when at least this much of it can stay. */
const SHORTEN_MIN = 40;

/**
 * Whole lines joined by newlines within `max` characters: a list that does
 * not fit ends with `…and N more` instead of a line cut in half (a cut link
 * or markup token would show as litter). The first line that does not fit
 * whole is passed to `shorten(index, room)` when there is a useful amount of
 * room (or nothing was shown yet); it must return at most `room` characters,
 * cut the platform's way (e.g. without its link), or '' to leave it out.
 */
export function fitLines(lines: readonly string[], max: number, shorten: (index: number, room: number) => string): string {
  const more = (count: number) => `…and ${count} more`;
  const out: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const after = lines.length - index - 1;
    const sep = out.length > 0 ? 1 : 0;
    const noteRoom = after > 0 ? 1 + more(after).length : 0;
    if (used + sep + line.length + noteRoom <= max) {
      out.push(line);
      used += sep + line.length;
      continue;
    }
    const room = max - used - sep - noteRoom;
    const short = room >= SHORTEN_MIN || out.length === 0 ? shorten(index, Math.max(0, room)).slice(0, Math.max(0, room)) : '';
    if (short) {
      out.push(short);
      if (after > 0) out.push(more(after));
    } else {
      // The previous line left room for this note (or nothing is shown yet).
      out.push(more(lines.length - index));
    }
    break;
  }
  return out.join('\n').slice(0, Math.max(0, max));
}

/** `2026-11-23 08:00 UTC`. */
export function utcMinute(at: Date): string {
  return Number.isNaN(at.getTime()) ? NO_VALUE : `${at.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}
