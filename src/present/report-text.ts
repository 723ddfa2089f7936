/**
 * The weekly spend report and the budget alert as plain text: what
 * `npm run report` prints, and the fallback wherever no richer format is
 * available. Sections in a fixed order, tables
 * with aligned columns for a monospaced terminal.
 *
 * "Plain" still means escaped for its medium: ticket titles, channel ids and
 * links come from customers and platforms, and a terminal obeys control
 * characters (ANSI escapes can recolour, hide or rewrite lines), so every
 * such piece goes through `plainText` first.
 */
import { knowledgeGapLines, slaAttainmentLines } from './sla-attainment-text.js';
import type { BudgetAlert, TicketSpend, WeeklyReport } from '../domain/index.js';
import { reasonLabel } from './reason-labels.js';
import {
  budgetAlertWords,
  budgetLevelLabel,
  capStatusLine,
  channelItems,
  clip,
  formatCount,
  formatPercent,
  formatShare,
  formatTokens,
  formatUsd,
  offlineLine,
  plural,
  reportHeadline,
  spendItems,
  utcMinute,
  type BreakdownItem,
} from './report-numbers.js';

export interface ReportTextOptions {
  /** A link to the ticket's thread, or null when there is none (console tickets). */
  ticketLink?: (ticket: TicketSpend) => string | null;
}

/** Longest ticket title shown; the report is a summary, the ticket has the rest. */
const TITLE_MAX = 100;
const INDENT = '  ';

/**
 * Text from outside (titles, ids, links) made safe for a terminal and a
 * single line: control and bidirectional-override characters become spaces,
 * runs of whitespace one space, and the result is cut to `max`.
 */
export function plainText(text: string, max = 200): string {
  return clip(text.replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, ' '), max);
}

type Align = 'left' | 'right';

/** Rows as aligned columns; the first row is the heading. */
function table(rows: readonly string[][], align: readonly Align[]): string[] {
  const widths = align.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    (INDENT + align.map((side, column) => {
      const cell = row[column] ?? '';
      const width = widths[column] ?? 0;
      return side === 'left' ? cell.padEnd(width) : cell.padStart(width);
    }).join('  ')).trimEnd(),
  );
}

function section(title: string, lines: readonly string[]): string {
  return [title, ...lines].join('\n');
}

/** A breakdown as a table: key, (tickets,) calls, cost, share, (offline estimate). */
function breakdown(title: string, keyHeading: string, items: readonly BreakdownItem[], totalUsd: number): string {
  if (items.length === 0) return section(title, [`${INDENT}none`]);
  const withTickets = items.some((item) => item.tickets !== null);
  const withOffline = items.some((item) => item.estimatedCostUsd > 0);
  const heading = [keyHeading, ...(withTickets ? ['tickets'] : []), 'calls', 'cost', 'share', ...(withOffline ? ['offline est.'] : [])];
  const rows = items.map((item) => [
    plainText(item.key, 60),
    ...(withTickets ? [item.tickets === null ? '' : formatCount(item.tickets)] : []),
    formatCount(item.calls),
    formatUsd(item.costUsd),
    formatShare(item.costUsd, totalUsd),
    ...(withOffline ? [item.estimatedCostUsd > 0 ? formatUsd(item.estimatedCostUsd) : ''] : []),
  ]);
  const align: Align[] = heading.map((_, column) => (column === 0 ? 'left' : 'right'));
  return section(title, table([heading, ...rows], align));
}

/** Reason code → tickets, as an aligned two-column list. */
function reasonList(reasons: readonly { code: string; tickets: number }[]): string[] {
  if (reasons.length === 0) return [];
  return table(
    reasons.map((reason) => [plainText(reasonLabel(reason.code), 80), formatCount(reason.tickets)]),
    ['left', 'right'],
  );
}

function headlineSection(report: WeeklyReport): string {
  const h = reportHeadline(report);
  const t = report.totals;
  const failed = t.failedCalls > 0 ? ` (${formatCount(t.failedCalls)} failed)` : '';
  return [
    `${h.title} (${plainText(report.week.timeZone, 60)})`,
    `Spend: ${h.spend}, ${h.change}`,
    `${h.savingLabel}: ${plainText(h.saving)}`,
    `Calls: ${formatCount(t.calls)}${failed} · tokens ${formatTokens(t.inputTokens)} in, ${formatTokens(t.outputTokens)} out`,
  ].join('\n');
}

function ticketsSection(report: WeeklyReport): string {
  const t = report.tickets;
  return section(
    'Tickets',
    table(
      [
        ['Handled', formatCount(t.handled)],
        ['Resolved', `${formatCount(t.resolved)} (${formatShare(t.resolved, t.handled)})`],
        ['Cost per ticket', t.costPerTicketUsd === null ? '—' : formatUsd(t.costPerTicketUsd)],
        ['Per resolved ticket', t.costPerResolvedTicketUsd === null ? '—' : formatUsd(t.costPerResolvedTicketUsd)],
      ],
      ['left', 'left'],
    ),
  );
}

/** Tickets whose draft a model reviewed (stage `second_opinion`), and why they needed it. */
function secondOpinionsSection(report: WeeklyReport): string {
  const s = report.secondOpinions;
  const summary = `${INDENT}${plural(s.tickets, 'ticket')}, ${formatPercent(s.rate)} of tickets worked on, ${formatUsd(s.costUsd)}`;
  return section('Second opinions on drafts', [summary, ...reasonList(s.reasons)]);
}

/** The questions the docs did not answer: what to write next. */
function gapsSection(report: WeeklyReport): string | null {
  const gaps = report.knowledgeGaps ?? [];
  return gaps.length > 0 ? section('Questions the knowledge base did not answer', knowledgeGapLines(gaps).map((text) => `${INDENT}${plainText(text, 300)}`)) : null;
}

/** First-reply and resolution attainment per urgency, when SLA targets are set. */
function slaSection(report: WeeklyReport): string | null {
  return report.sla && report.sla.length > 0 ? section('SLA', slaAttainmentLines(report.sla).map((text) => `${INDENT}${plainText(text, 300)}`)) : null;
}

function cacheSection(report: WeeklyReport): string {
  const c = report.cache;
  return section('Cache', [`${INDENT}${formatPercent(c.share)} of input tokens cached (${formatTokens(c.cachedInputTokens)} of ${formatTokens(c.inputTokens)})`]);
}

/** A link for the text report: one line, no control characters, no spaces. */
function safeLink(link: string | null | undefined): string | null {
  const clean = link ? plainText(link, 2_000) : '';
  return clean && !/\s/.test(clean) ? clean : null;
}

function topTicketsSection(report: WeeklyReport, options: ReportTextOptions): string {
  const shown = report.topTickets.slice(0, 5);
  if (shown.length === 0) return section('Most expensive tickets', [`${INDENT}none this week`]);
  const lines = shown.flatMap((ticket, index) => {
    const facts = [
      `#${ticket.ticketId}`,
      plainText(ticket.urgency ?? 'not classified', 30),
      formatUsd(ticket.costUsd),
      plural(ticket.calls, 'call'),
      plainText(ticket.status.replace(/_/g, ' '), 40),
    ];
    const pad = ' '.repeat(`${index + 1}. `.length);
    const link = safeLink(options.ticketLink?.(ticket));
    return [
      `${INDENT}${index + 1}. ${facts.join(' · ')}`,
      `${INDENT}${pad}${plainText(ticket.title, TITLE_MAX) || '(no title)'}`,
      ...(link ? [`${INDENT}${pad}${link}`] : []),
    ];
  });
  return section(`Top ${shown.length} most expensive tickets`, lines);
}

function budgetSection(report: WeeklyReport): string {
  const b = report.budget;
  const lines: string[] = [];
  let title = 'Budget: no caps configured';
  if (b) {
    title = `Budget: ${budgetLevelLabel(b.level)}`;
    const caps = [b.daily, b.monthly].filter((cap) => cap !== null);
    if (caps.length === 0) lines.push(`${INDENT}no daily or monthly cap`);
    lines.push(...caps.map((cap) => `${INDENT}${capStatusLine(cap)} (${plainText(cap.periodKey, 20)})`));
    lines.push(`${INDENT}Alert at ${formatPercent(b.alertThreshold)} of a cap · ${formatPercent(b.urgentReserve)} kept for urgent tickets`);
  }
  const degraded = report.budgetDegraded;
  if (degraded.length === 0) lines.push(`${INDENT}No ticket was degraded by the budget this week.`);
  else lines.push(`${INDENT}Tickets degraded by the budget this week:`, ...reasonList(degraded).map((line) => INDENT + line));
  return section(title, lines);
}

/** The whole weekly report as plain text, sections separated by blank lines. */
export function weeklyReportText(report: WeeklyReport, options: ReportTextOptions = {}): string {
  const total = report.totals.costUsd;
  const sections = [
    headlineSection(report),
    ticketsSection(report),
    ...[slaSection(report), gapsSection(report)].filter((text): text is string => text !== null),
    secondOpinionsSection(report),
    cacheSection(report),
    breakdown('Spend by tier', 'tier', spendItems(report.byTier), total),
    breakdown('Spend by model', 'model', spendItems(report.byModel), total),
    breakdown('Spend by stage', 'stage', spendItems(report.byStage), total),
    breakdown('Spend by platform', 'platform', spendItems(report.byPlatform), total),
    breakdown('Spend by channel', 'channel', channelItems(report.byChannel), total),
    topTicketsSection(report, options),
    budgetSection(report),
  ];
  const offline = offlineLine(report);
  if (offline) sections.push(offline);
  sections.push(`Generated ${utcMinute(report.generatedAt)}.`);
  return sections.join('\n\n');
}

/** A budget alert as plain text: what happened, the cap, what the bot does now. */
export function budgetAlertText(alert: BudgetAlert): string {
  const words = budgetAlertWords(alert);
  return [words.title, plainText(words.cap), `Level: ${words.level}`].join('\n');
}
