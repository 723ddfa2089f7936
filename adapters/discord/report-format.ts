/**
 * The weekly spend report and the budget alert as Discord embeds: a title,
 * the headline as the description, the key numbers as inline fields, each
 * breakdown and the most expensive tickets (masked links to their threads)
 * as fields, the budget, and the spend chart as the embed image when the
 * caller attaches it. Pure functions returning raw API shapes; the words come
 * from `report-numbers.ts`, so Discord says what Slack and the text say.
 *
 * Everything not written by us (ticket titles, channel ids, model names, the
 * time zone, unknown reason codes) goes through `safeText` (markdown
 * escaped, mentions broken). Lists are fitted whole line by line
 * (`fitLines`), so no masked link is cut in half, and the list fields share
 * what the fixed parts leave of Discord's 6,000 characters per message, the
 * shortest first, so one huge list cannot starve the others.
 */
import { knowledgeGapLines, slaAttainmentLines } from '../../src/present/sla-attainment-text.js';
import type { APIEmbed, APIEmbedField } from 'discord.js';
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
import { embedLength } from './format.js';
import { URGENCY_MARKS } from './rich-text.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';
import { safeText } from './markdown.js';

export interface DiscordReportMessage {
  /** A short headline, escaped. */
  content: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: [] };
}

export interface DiscordReportOptions {
  /** A link to the ticket's thread, or null when there is none (console tickets). */
  ticketLink: (ticket: TicketSpend) => string | null;
  /** Shows the attachment of this name (upload it with the message) as the embed image. */
  chartFileName?: string;
}

/** Embed side colours by budget level; the report without a budget is blurple. */
export const BUDGET_LEVEL_COLOURS: Readonly<Record<BudgetLevel, number>> = {
  normal: 0x57f287,
  economy: 0xfee75c,
  triage_only: 0xe67e22,
  stopped: 0xed4245,
};
const NO_BUDGET_COLOUR = 0x5865f2;

const BUDGET_LEVEL_MARKS: Readonly<Record<BudgetLevel, string>> = { normal: '🟢', economy: '🟡', triage_only: '🟠', stopped: '🔴' };

/** Rows per breakdown before the rest is folded into `N others`. */
const BREAKDOWN_ROWS = 10;
const TITLE_MAX = 100;
const URL_MAX = 512;
/** Caps for the fixed parts, so the lists always keep most of the 6,000. */
const DESCRIPTION_MAX = 1_000;
const INLINE_VALUE_MAX = 200;
const FOOTER_MAX = 200;

// ── Text ─────────────────────────────────────────────────────────────────

/** Outside text on one line, cut before escaping (so no escape is cut in half), then escaped. */
const outside = (text: string, max: number): string => safeText(truncate(text.replace(/\s+/g, ' ').trim(), max));

/**
 * Only http(s) links without whitespace; the characters that would end or
 * confuse a masked link (`(`, `)`, `[`, `]`, `<`, `>`) percent-encoded.
 */
function maskedLink(url: string | null, label: string): string | null {
  if (!url || url.length > URL_MAX || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return `[${label}](${url.replace(/[()[\]<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}


/** Field values Discord refuses when empty; `—` keeps the field. */
const field = (name: string, value: string, inline = false): APIEmbedField => ({
  name: truncate(name, L.embedFieldName),
  value: truncate(value, L.embedFieldValue) || '—',
  inline,
});

/** A list field before it is fitted: whole lines, and a way to shorten one that does not fit alone. */
interface ListField {
  name: string;
  lines: string[];
  shorten?: (index: number, room: number) => string;
}

/**
 * The list fields within `room` characters (names included): the shortest
 * list first, each taking at most an even share of what is left (and at most
 * Discord's 1,024), so what a short list does not use goes to the longer ones.
 */
function fitListFields(lists: readonly ListField[], room: number): APIEmbedField[] {
  let left = room - lists.reduce((sum, list) => sum + truncate(list.name, L.embedFieldName).length, 0);
  const need = (list: ListField) => list.lines.join('\n').length;
  const order = lists.map((list, index) => ({ index, need: need(list) })).sort((a, b) => a.need - b.need);
  const values: string[] = [];
  let remaining = lists.length;
  for (const { index } of order) {
    const list = lists[index];
    if (!list) continue;
    const share = Math.max(1, Math.min(L.embedFieldValue, Math.floor(left / remaining)));
    const shorten = list.shorten ?? ((line: number, max: number) => truncate(list.lines[line] ?? '', max));
    const value = fitLines(list.lines, share, shorten) || '—';
    values[index] = value;
    left -= value.length;
    remaining -= 1;
  }
  return lists.map((list, index) => field(list.name, values[index] ?? '—'));
}

// ── Report parts ─────────────────────────────────────────────────────────

/** A Discord channel row as `<#id>`, which Discord shows as the channel's name (it pings no one); other rows as text. */
function rowLabel(item: BreakdownItem): string {
  const channel = item.channel;
  if (channel?.platform === 'discord' && /^\d{17,20}$/.test(channel.channelId)) return `<#${channel.channelId}>`;
  return outside(item.key, 150);
}

function breakdownList(name: string, items: readonly BreakdownItem[], totalUsd: number): ListField {
  const rows = foldRest(items, BREAKDOWN_ROWS).map((item) => `**${rowLabel(item)}** · ${breakdownFigures(item, totalUsd)}`);
  return { name, lines: rows.length > 0 ? rows : ['none'] };
}

function reasonLines(reasons: readonly { code: string; tickets: number }[]): string[] {
  return reasons.map((reason) => `${outside(reasonLabel(reason.code), 100)} · ${plural(reason.tickets, 'ticket')}`);
}

function topTicketsList(report: WeeklyReport, options: DiscordReportOptions): ListField {
  const shown = report.topTickets.slice(0, 5);
  if (shown.length === 0) return { name: 'Most expensive tickets', lines: ['none this week'] };
  const facts = (ticket: TicketSpend) => {
    const urgency = isUrgency(ticket.urgency) ? `${URGENCY_MARKS[ticket.urgency]} ${ticket.urgency}` : outside(ticket.urgency ?? 'not classified', 30);
    return `**#${ticket.ticketId}** · ${urgency} · ${formatUsd(ticket.costUsd)} · ${plural(ticket.calls, 'call')}`;
  };
  const titleOf = (ticket: TicketSpend) => outside(ticket.title, TITLE_MAX) || '(no title)';
  return {
    name: `Top ${shown.length} most expensive tickets`,
    lines: shown.map((ticket) => `${facts(ticket)} · ${maskedLink(options.ticketLink(ticket), titleOf(ticket)) ?? titleOf(ticket)}`),
    // Too long with its link: the same line without it, cut where an escape stays whole.
    shorten: (index, room) => {
      const ticket = shown[index];
      return ticket ? truncate(`${facts(ticket)} · ${titleOf(ticket)}`, room) : '';
    },
  };
}

function budgetList(report: WeeklyReport): ListField {
  const b = report.budget;
  const lines: string[] = [];
  if (b) {
    lines.push(`${BUDGET_LEVEL_MARKS[b.level]} **${BUDGET_LEVEL_NAMES[b.level]}** — ${BUDGET_LEVEL_MEANINGS[b.level]}`);
    const caps = [b.daily, b.monthly].filter((cap) => cap !== null);
    lines.push(...caps.map((cap) => `${capStatusLine(cap)} (${outside(cap.periodKey, 20)})`));
    if (caps.length === 0) lines.push('No daily or monthly cap.');
    lines.push(`Alert at ${formatPercent(b.alertThreshold)} of a cap · ${formatPercent(b.urgentReserve)} kept for urgent tickets`);
  } else {
    lines.push('No caps configured.');
  }
  const degraded = reasonLines(report.budgetDegraded);
  if (degraded.length > 0) lines.push('Tickets degraded by the budget this week:', ...degraded.map((line) => `• ${line}`));
  else lines.push('No ticket was degraded by the budget this week.');
  return { name: 'Budget', lines };
}

function inlineFields(report: WeeklyReport): APIEmbedField[] {
  const h = reportHeadline(report);
  const { tickets: t, secondOpinions: e } = report;
  const perTicket = t.costPerTicketUsd === null ? '—' : formatUsd(t.costPerTicketUsd);
  const perResolved = t.costPerResolvedTicketUsd === null ? '—' : formatUsd(t.costPerResolvedTicketUsd);
  const inline = (name: string, value: string) => field(name, truncate(value, INLINE_VALUE_MAX), true);
  return [
    inline('Spend', h.spend),
    inline('Change', h.change),
    inline(h.savingLabel, safeText(h.saving)),
    inline('Tickets', `${formatCount(t.handled)} handled · ${formatCount(t.resolved)} resolved`),
    inline('Cost per ticket', `${perTicket} · ${perResolved} per resolved`),
    inline('Second opinions', `${formatPercent(e.rate)} · ${plural(e.tickets, 'ticket')} · ${formatUsd(e.costUsd)}`),
    inline('Cache share', `${formatPercent(report.cache.share)} of input tokens`),
  ];
}

function chartUrl(fileName: string): string {
  // Discord matches `attachment://` to the uploaded file's name; anything else would show no image.
  if (!/^[\w.-]{1,100}$/.test(fileName)) throw new RangeError(`chartFileName: use letters, digits, '.', '_' and '-', got ${JSON.stringify(fileName)}`);
  return `attachment://${fileName}`;
}

// ── Messages ─────────────────────────────────────────────────────────────

/** The weekly report as one message with one embed, within every embed limit. */
export function weeklyReportEmbeds(report: WeeklyReport, options: DiscordReportOptions): DiscordReportMessage {
  const h = reportHeadline(report);
  const { totals } = report;
  const failed = totals.failedCalls > 0 ? ` (${formatCount(totals.failedCalls)} failed)` : '';
  const description = truncate(
    [`**Spend ${h.spend}**, ${h.change}`, `${h.savingLabel}: ${safeText(h.saving)}`, `Week ${safeText(h.period)}`].join('\n'),
    DESCRIPTION_MAX,
  );
  const embed: APIEmbed = {
    title: truncate(safeText(h.title), L.embedTitle),
    description,
    color: report.budget ? BUDGET_LEVEL_COLOURS[report.budget.level] : NO_BUDGET_COLOUR,
    fields: inlineFields(report),
    footer: {
      text: truncate(`${plural(totals.calls, 'call')}${failed} · ${formatTokens(totals.inputTokens)} input tokens, ${formatTokens(totals.outputTokens)} output`, FOOTER_MAX),
    },
  };
  if (!Number.isNaN(report.generatedAt.getTime())) embed.timestamp = report.generatedAt.toISOString();
  if (options.chartFileName !== undefined) embed.image = { url: chartUrl(options.chartFileName) };

  const total = totals.costUsd;
  const lists: ListField[] = [
    breakdownList('Spend by tier', spendItems(report.byTier), total),
    breakdownList('Spend by model', spendItems(report.byModel), total),
    breakdownList('Spend by stage', spendItems(report.byStage), total),
    breakdownList('Spend by platform', spendItems(report.byPlatform), total),
    breakdownList('Spend by channel', channelItems(report.byChannel), total),
  ];
  const reasons = reasonLines(report.secondOpinions.reasons);
  if (reasons.length > 0) lists.push({ name: 'Second opinion because', lines: reasons });
  if (report.knowledgeGaps && report.knowledgeGaps.length > 0) lists.push({ name: 'Not in the knowledge base', lines: knowledgeGapLines(report.knowledgeGaps).map((text) => safeText(text)) });
  if (report.sla && report.sla.length > 0) lists.push({ name: 'SLA', lines: slaAttainmentLines(report.sla).map((text) => safeText(text)) });
  lists.push(topTicketsList(report, options), budgetList(report));
  const offline = offlineLine(report);
  if (offline) lists.push({ name: 'Offline (not billed)', lines: [offline] });

  const fixedFields = embed.fields ?? [];
  const room = L.embedTotal - embedLength(embed);
  embed.fields = [...fixedFields, ...fitListFields(lists, room)].slice(0, L.embedFields);
  // Belt and braces: the shares above already fit; never send a message Discord would refuse.
  while (embedLength(embed) > L.embedTotal && (embed.fields?.length ?? 0) > 0) embed.fields?.pop();

  return {
    content: truncate(safeText(h.summary), L.messageContent),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  };
}

/** A budget alert: what happened, the cap, what the bot does now. */
export function budgetAlertEmbeds(alert: BudgetAlert): DiscordReportMessage {
  const words = budgetAlertWords(alert);
  const embed: APIEmbed = {
    title: truncate(words.title, L.embedTitle),
    description: `${BUDGET_LEVEL_MARKS[alert.level]} **${BUDGET_LEVEL_NAMES[alert.level]}** — ${BUDGET_LEVEL_MEANINGS[alert.level]}.`,
    color: BUDGET_LEVEL_COLOURS[alert.level],
    fields: [
      field('Cap', safeText(words.cap), true),
      field('Alert threshold', formatPercent(alert.alertThreshold), true),
    ],
  };
  return { content: truncate(safeText(words.summary), L.messageContent), embeds: [embed], allowed_mentions: { parse: [] } };
}

/** The models stopped working: what the provider said, what reviewers see meanwhile, what to fix. */
export function modelAlertEmbeds(alert: ModelAlert): DiscordReportMessage {
  const words = modelAlertWords(alert);
  const embed: APIEmbed = {
    title: truncate(words.title, L.embedTitle),
    description: truncate(safeText(`${words.detail}\n\n${words.meanwhile}`), L.embedDescription),
    color: BUDGET_LEVEL_COLOURS.stopped,
    fields: [field('To fix', safeText(words.fix), false)],
  };
  return { content: truncate(safeText(words.summary), L.messageContent), embeds: [embed], allowed_mentions: { parse: [] } };
}
