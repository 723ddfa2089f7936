/**
 * The weekly spend report and the budget alert as Block Kit: a header, the
 * headline numbers as section fields, each breakdown as `fields` pairs (name
 * left, figures right), the most expensive tickets as links to their threads,
 * and the budget. Pure functions; the words come from `report-numbers.ts`,
 * so Slack says what the text report and Discord say.
 *
 * Everything not written by us (ticket titles, channel ids, model names, the
 * time zone, unknown reason codes) goes through `reportText`: `escapeMrkdwn`
 * (no entities, pings or fake links), and Slack's formatting characters
 * swapped for look-alikes, because mrkdwn has no escape for `*bold*` and a
 * title should not restyle the report. Lists are fitted whole line by line
 * (`fitLines`), so no `<url|label>` token is ever cut in half, and every text
 * is cut to Slack's limits (`limits.ts`).
 */
import { knowledgeGapLines, slaAttainmentLines } from '../../src/present/sla-attainment-text.js';
import type { types } from '@slack/bolt';
import { isUrgency } from '../../src/domain/index.js';
import type { BudgetAlert, BudgetLevel, ModelAlert, TicketSpend, WeeklyReport } from '../../src/domain/index.js';
import { modelAlertWords } from '../../src/present/model-alert-words.js';
import { reasonLabel } from '../../src/present/reason-labels.js';
import {
  BUDGET_LEVEL_MEANINGS,
  BUDGET_LEVEL_NAMES,
  breakdownFigures,
  budgetAlertWords,
  capStatusLine,
  channelItems,
  fitLines,
  foldRest,
  formatCount,
  formatPercent,
  formatTokens,
  formatUsd,
  offlineLine,
  plural,
  reportHeadline,
  spendItems,
  type BreakdownItem,
} from '../../src/present/report-numbers.js';
import { slackDate, slackLink, urgencyReaction } from './format.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import { escapeMrkdwn } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;

export interface SlackReportMessage {
  /** Notification and fallback text: one escaped line. */
  text: string;
  blocks: KnownBlock[];
}

export interface SlackReportOptions {
  /** A link to the ticket's thread, or null when there is none (console tickets). */
  ticketLink: (ticket: TicketSpend) => string | null;
}

/** Standard Slack emoji names, no colons. */
const LEVEL_EMOJI: Readonly<Record<BudgetLevel, string>> = {
  normal: 'large_green_circle',
  economy: 'large_yellow_circle',
  triage_only: 'large_orange_circle',
  stopped: 'red_circle',
};

/** Rows per breakdown: five `fields` pairs fill a section's ten fields. */
const BREAKDOWN_ROWS = SLACK_LIMITS.sectionFields / 2;
const TITLE_MAX = 100;
/** Room the top-tickets and budget sections leave for their heading line. */
const HEADING_ROOM = 100;

// ── Text ─────────────────────────────────────────────────────────────────

/** mrkdwn's formatting characters and visually close characters that format nothing. */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '*': '\u2217', '~': '\u223c', '`': '\u02cb', _: '\u02cd' };

/**
 * Text from outside for a mrkdwn field: escaped (`escapeMrkdwn`) and with
 * `*`, `~`, `` ` `` and a word-edge `_` replaced by look-alikes (∗ ∼ ˋ ˍ), so
 * `*projects*` cannot turn bold. An `_` inside a word (`snake_case`) formats
 * nothing in Slack and is kept.
 */
export function reportText(text: string): string {
  return escapeMrkdwn(text)
    .replace(/[*~`]/g, (char) => LOOK_ALIKES[char] ?? char)
    .replace(/_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_/gu, LOOK_ALIKES._ ?? '_');
}

/** Outside text cut to `max` characters before escaping, so no entity is cut in half. */
const outside = (text: string, max: number): string => reportText(truncate(text.replace(/\s+/g, ' ').trim(), max));


// ── Block helpers ────────────────────────────────────────────────────────

/** mrkdwn text object, cut to `max`; Slack rejects empty text, so there is always a character. */
function md(text: string, max: number = SLACK_LIMITS.textObject): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) || '—', verbatim: true };
}

function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || '—', emoji: true };
}

const header = (text: string): KnownBlock => ({ type: 'header', text: plain(text, SLACK_LIMITS.headerText) });
const section = (text: string): KnownBlock => ({ type: 'section', text: md(text, SLACK_LIMITS.sectionText) });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [md(text)] });
const divider: KnownBlock = { type: 'divider' };
const field = (name: string, value: string): MrkdwnElement => md(`*${name}*\n${value}`, SLACK_LIMITS.sectionFieldText);

/** A breakdown: a heading, then one `fields` pair per row (the rest folded into `N others`). */
/** A Slack channel row as `<#C…>`, which Slack shows as the channel's current name; other rows as text. */
function rowLabel(item: BreakdownItem): string {
  const channel = item.channel;
  if (channel?.platform === 'slack' && /^[CG][A-Z0-9]{2,}$/.test(channel.channelId)) return `<#${channel.channelId}>`;
  return outside(item.key, 150);
}

function breakdownBlock(title: string, items: readonly BreakdownItem[], totalUsd: number): KnownBlock {
  if (items.length === 0) return section(`*${title}*\nnone`);
  const fields = foldRest(items, BREAKDOWN_ROWS).flatMap((item) => [
    md(`*${rowLabel(item)}*`, SLACK_LIMITS.sectionFieldText),
    md(breakdownFigures(item, totalUsd), SLACK_LIMITS.sectionFieldText),
  ]);
  return { type: 'section', text: md(`*${title}*`), fields: fields.slice(0, SLACK_LIMITS.sectionFields) };
}

/** `refund requested 48 · low model confidence 31`, escaped. */
function reasonCounts(reasons: readonly { code: string; tickets: number }[]): string {
  return reasons.map((reason) => `${outside(reasonLabel(reason.code), 100)} ${formatCount(reason.tickets)}`).join(' · ');
}

function headlineFields(report: WeeklyReport): MrkdwnElement[] {
  const h = reportHeadline(report);
  const { tickets: t, secondOpinions: e, totals } = report;
  const failed = totals.failedCalls > 0 ? ` (${formatCount(totals.failedCalls)} failed)` : '';
  const perTicket = t.costPerTicketUsd === null ? '—' : formatUsd(t.costPerTicketUsd);
  const perResolved = t.costPerResolvedTicketUsd === null ? '—' : formatUsd(t.costPerResolvedTicketUsd);
  return [
    field('Spend', h.spend),
    field('Change', h.change),
    field(h.savingLabel, reportText(h.saving)),
    field('Tickets', `${formatCount(t.handled)} handled · ${formatCount(t.resolved)} resolved`),
    field('Cost per ticket', `${perTicket} · ${perResolved} per resolved`),
    field('Second opinions', `${formatPercent(e.rate)} · ${plural(e.tickets, 'ticket')} · ${formatUsd(e.costUsd)}`),
    field('Cache share', `${formatPercent(report.cache.share)} of input tokens`),
    field('Calls', `${formatCount(totals.calls)}${failed} · ${formatTokens(totals.inputTokens)} in, ${formatTokens(totals.outputTokens)} out`),
  ].slice(0, SLACK_LIMITS.sectionFields);
}

function topTicketsBlock(report: WeeklyReport, options: SlackReportOptions): KnownBlock {
  const shown = report.topTickets.slice(0, 5);
  if (shown.length === 0) return section('*Most expensive tickets*\nnone this week');
  const facts = (ticket: TicketSpend) => {
    const urgency = isUrgency(ticket.urgency) ? `:${urgencyReaction(ticket.urgency)}: ${ticket.urgency}` : outside(ticket.urgency ?? 'not classified', 30);
    return `*#${ticket.ticketId}* · ${urgency} · ${formatUsd(ticket.costUsd)} · ${plural(ticket.calls, 'call')}`;
  };
  const titleOf = (ticket: TicketSpend) => outside(ticket.title, TITLE_MAX) || '(no title)';
  const lines = shown.map((ticket) => `${facts(ticket)} · ${slackLink(options.ticketLink(ticket), titleOf(ticket)) ?? titleOf(ticket)}`);
  const plainLine = (index: number, room: number) => {
    const ticket = shown[index];
    return ticket ? truncate(`${facts(ticket)} · ${titleOf(ticket)}`, room) : '';
  };
  const heading = `*Top ${shown.length} most expensive tickets*`;
  return section(`${heading}\n${fitLines(lines, SLACK_LIMITS.sectionText - HEADING_ROOM, plainLine)}`);
}

function budgetBlock(report: WeeklyReport): KnownBlock {
  const b = report.budget;
  const lines: string[] = [];
  if (b) {
    const caps = [b.daily, b.monthly].filter((cap) => cap !== null);
    lines.push(...caps.map((cap) => `${reportText(capStatusLine(cap))} (${outside(cap.periodKey, 20)})`));
    if (caps.length === 0) lines.push('No daily or monthly cap.');
    lines.push(`Alert at ${formatPercent(b.alertThreshold)} of a cap · ${formatPercent(b.urgentReserve)} kept for urgent tickets`);
  }
  if (report.budgetDegraded.length > 0) {
    lines.push('Tickets degraded by the budget this week:');
    lines.push(...report.budgetDegraded.map((reason) => `• ${outside(reasonLabel(reason.code), 100)} · ${plural(reason.tickets, 'ticket')}`));
  } else {
    lines.push('No ticket was degraded by the budget this week.');
  }
  const heading = b
    ? `*Budget:* :${LEVEL_EMOJI[b.level]}: *${BUDGET_LEVEL_NAMES[b.level]}* — ${BUDGET_LEVEL_MEANINGS[b.level]}`
    : '*Budget:* no caps configured';
  return section(`${heading}\n${fitLines(lines, SLACK_LIMITS.sectionText - HEADING_ROOM - heading.length, (index, room) => truncate(lines[index] ?? '', room))}`);
}

// ── Messages ─────────────────────────────────────────────────────────────

/** The weekly report as one Block Kit message. */
export function weeklyReportBlocks(report: WeeklyReport, options: SlackReportOptions): SlackReportMessage {
  const h = reportHeadline(report);
  const total = report.totals.costUsd;
  const blocks: KnownBlock[] = [
    header(h.title),
    context(`Week ${reportText(h.period)} · generated ${slackDate(report.generatedAt)}`),
    { type: 'section', fields: headlineFields(report) },
  ];
  if (report.secondOpinions.reasons.length > 0) {
    blocks.push(section(`*Second opinion because:* ${truncate(reasonCounts(report.secondOpinions.reasons), SLACK_LIMITS.sectionText - 100)}`));
  }
  if (report.knowledgeGaps && report.knowledgeGaps.length > 0) {
    blocks.push(section(truncate(`*Questions the knowledge base did not answer*\n${knowledgeGapLines(report.knowledgeGaps).map((text) => `• ${reportText(text)}`).join('\n')}`, SLACK_LIMITS.sectionText)));
  }
  if (report.sla && report.sla.length > 0) {
    blocks.push(section(truncate(`*SLA*\n${slaAttainmentLines(report.sla).map((text) => reportText(text)).join('\n')}`, SLACK_LIMITS.sectionText)));
  }
  blocks.push(
    divider,
    breakdownBlock('Spend by tier', spendItems(report.byTier), total),
    breakdownBlock('Spend by model', spendItems(report.byModel), total),
    breakdownBlock('Spend by stage', spendItems(report.byStage), total),
    breakdownBlock('Spend by platform', spendItems(report.byPlatform), total),
    breakdownBlock('Spend by channel', channelItems(report.byChannel), total),
    divider,
    topTicketsBlock(report, options),
    budgetBlock(report),
  );
  const offline = offlineLine(report);
  if (offline) blocks.push(context(`:electric_plug: ${offline}`));
  return {
    text: truncate(reportText(h.summary), SLACK_LIMITS.messageTextRecommended - 100),
    blocks: blocks.slice(0, SLACK_LIMITS.blocksPerMessage),
  };
}

/** A budget alert: what happened, the cap, what the bot does now. */
export function budgetAlertBlocks(alert: BudgetAlert): SlackReportMessage {
  const words = budgetAlertWords(alert);
  const blocks: KnownBlock[] = [
    header(words.title),
    {
      type: 'section',
      fields: [
        field('Cap', reportText(words.cap)),
        field('Level now', `:${LEVEL_EMOJI[alert.level]}: ${BUDGET_LEVEL_NAMES[alert.level]}`),
      ],
    },
    context(`${BUDGET_LEVEL_NAMES[alert.level]}: ${BUDGET_LEVEL_MEANINGS[alert.level]}.`),
  ];
  return { text: truncate(reportText(words.summary), SLACK_LIMITS.messageTextRecommended - 100), blocks };
}

/** The models stopped working: a header, what the provider said, what reviewers see meanwhile, what to fix. */
export function modelAlertBlocks(alert: ModelAlert): SlackReportMessage {
  const words = modelAlertWords(alert);
  const blocks: KnownBlock[] = [
    header(words.title),
    { type: 'section', text: { type: 'mrkdwn', text: truncate(reportText(words.detail), SLACK_LIMITS.sectionText) } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(reportText(`${words.meanwhile} ${words.fix}`), SLACK_LIMITS.sectionText) } },
  ];
  return { text: truncate(reportText(words.summary), SLACK_LIMITS.messageTextRecommended - 100), blocks };
}
