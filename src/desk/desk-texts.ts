/**
 * What the desk says to a reviewer, on every surface: refusals, "already
 * handled", usage, and the `/triage status` and `/triage today` answers, as
 * neutral rich text each surface renders in its own markup.
 */
import type { UrgencyAttainment } from '../sla/sla-attainment.js';
import { slaAttainmentLines } from '../present/sla-attainment-text.js';
import { TICKET_STATUSES, URGENCIES, type BudgetStatus, type TicketOutcome } from '../domain/index.js';
import { formatUsd } from '../present/money.js';
import { countsText, reasonsText, routeLabel } from '../present/reason-labels.js';
import { budgetTodayLine } from '../present/report-numbers.js';
import { isHighSurrogate } from '../present/text-chunks.js';
import { line, plain, quote, type RichText } from '../present/rich-text.js';
import { ticketCostText } from '../present/ticket-cost.js';

export const REFUSAL = 'You are not one of the reviewers for support replies, so nothing was changed.';
export const EMPTY_INPUT = 'This cannot be empty; nothing was changed.';

/** At most `max` characters, never splitting a surrogate pair (customer text and clicked ids may hold emoji). */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/** A ticket id as a person typed it, short and without its `#`, for an answer. */
const shownId = (raw: string): string => cut(raw.replace(/^#/, ''), 30);

/** An id that names no ticket (`0x1`, `1e3`, junk) on a button or form. */
export const noSuchTicket = (raw: string): RichText => plain(`Ticket #${shownId(raw)} does not exist.`);

export const alreadyHandled = (ticketId: number): RichText => plain(`Ticket #${ticketId} was already handled.`);

export const usage = (): RichText => [
  line(
    'Usage: ', { code: '/triage status <ticket number>' }, ', ', { code: '/triage today' }, ', ', { code: '/triage source <ticket number> <n>' },
    ' or ', { code: '/triage web' }, ' for a sign-in link to the web console',
  ),
];

/** `/triage web`: the link, for this reviewer's eyes only. */
export const webSignInText = (link: string, minutes: number): RichText => [
  line('Your sign-in link to the web console: ', { link }),
  line(`It signs you in once, within ${minutes} minutes, as you: do not share it.`),
];

export const webConsoleOff = (): RichText => plain('The web console is not running (WEB_PORT), so there is nothing to sign in to.');

export const statusUsage = (): RichText => [line('Usage: ', { code: '/triage status <ticket number>' })];

export const noTicket = (raw: string): RichText => plain(`No ticket #${shownId(raw)}.`);

export const completed = (ticketId: number, status: string): string => `Done: ticket #${ticketId} is now ${status}.`;

/** `/triage status <id>`: one ticket in a few lines. */
export function statusText(outcome: TicketOutcome): RichText {
  const { ticket, classification: c, decision, draft } = outcome;
  const urgency = c?.urgency ?? ticket.urgency;
  const customer = ticket.customerName ? `${ticket.customerName} (${ticket.customerId})` : ticket.customerId;
  const text: RichText = [
    line({ strong: `Ticket #${ticket.id}` }, ` · ${ticket.status}${ticket.statusReason ? ` (${cut(ticket.statusReason, 300)})` : ''}`),
    line(`Customer: ${cut(customer, 200)}`),
    line('Urgency: ', urgency ? { urgency } : 'not classified', ` · category: ${c?.category ?? ticket.category ?? '?'}`),
    line(`Route: ${routeLabel(decision.route)} — why: ${cut(reasonsText(decision.reasons), 400)}`),
    line(draft ? `Draft: ${cut(draft.source, 40)}, confidence ${draft.confidence.toFixed(2)}, ${draft.reply.length} characters` : 'Draft: none'),
    line(`Cost so far: ${ticketCostText(outcome)}`),
  ];
  if (ticket.summary?.trim()) text.push(line('Summary:'), quote(cut(ticket.summary, 1_500)));
  return text;
}

export interface DailyStats {
  since: Date;
  /** The zone whose midnight `since` is (REPORT_TIMEZONE). */
  timeZone: string;
  tickets: number;
  byUrgency: Record<string, number>;
  byStatus: Record<string, number>;
  costUsd: number;
  /** Null when no cap is set. */
  budget: BudgetStatus | null;
  /** SLA attainment of today's tickets per urgency; null when no SLA target is set. */
  sla?: UrgencyAttainment[] | null;
}

/** `/triage today`: tickets, urgencies, statuses, spend and budget since midnight in REPORT_TIMEZONE. */
export function todayText(stats: DailyStats): RichText {
  const same = (key: string) => key;
  const budget = budgetTodayLine(stats.budget);
  return [
    line({ strong: 'Today' }, ` (since 00:00 ${cut(stats.timeZone, 60)}): ${stats.tickets} ticket${stats.tickets === 1 ? '' : 's'} · spend ${formatUsd(stats.costUsd)}`),
    line(`Urgency: ${countsText(stats.byUrgency, [...URGENCIES].reverse(), same)}`),
    line(`Status: ${countsText(stats.byStatus, TICKET_STATUSES, same)}`),
    ...(budget ? [line(budget)] : []),
    ...(stats.sla && stats.sla.length > 0 ? [line({ strong: 'SLA' }), ...slaAttainmentLines(stats.sla).map((text) => line(text))] : []),
  ];
}
