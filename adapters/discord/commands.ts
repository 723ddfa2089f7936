/** The /triage slash command: its definition and the texts it answers with. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { TICKET_STATUSES, URGENCIES, type BudgetStatus, type TicketOutcome } from '../../src/domain/index.js';
import { budgetTodayLine } from '../../src/present/report-numbers.js';
import { countsText, reasonsText, routeLabel } from '../../src/present/reason-labels.js';
import { URGENCY_MARKS, customerLabel, safe, urgencyOf, usd } from './format.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';

/**
 * `/triage status ticket:<id>` and `/triage today`. Guild-only (customers in
 * DMs with the bot cannot run it); who may see what is the adapter's check.
 */
export const TRIAGE_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = new SlashCommandBuilder()
  .setName('triage')
  .setDescription('Support triage: look up a ticket, or today’s numbers')
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((status) =>
    status
      .setName('status')
      .setDescription('One ticket: triage, route and why, draft, cost')
      .addIntegerOption((option) => option.setName('ticket').setDescription('Ticket number, e.g. 42').setRequired(true).setMinValue(1)),
  )
  .addSubcommand((today) => today.setName('today').setDescription('Tickets, urgencies, spend and budget today'))
  .toJSON();

/** `/triage status`: one ticket in a few lines of escaped markdown, within one message. */
export function statusText(outcome: TicketOutcome): string {
  const { ticket, classification: c, decision, draft } = outcome;
  const urgency = urgencyOf(outcome);
  const lines = [
    `**Ticket #${ticket.id}** · ${ticket.status}${ticket.statusReason ? ` (${safe(ticket.statusReason, 300)})` : ''}`,
    `Customer: ${customerLabel(outcome, 200)}`,
    `Urgency: ${urgency ? `${URGENCY_MARKS[urgency]} ${urgency}` : 'not classified'} · category: ${c?.category ?? ticket.category ?? '?'}`,
    `Route: ${routeLabel(decision.route)} — why: ${safe(reasonsText(decision.reasons), 400)}`,
    draft ? `Draft: ${safe(draft.source, 40)}, confidence ${draft.confidence.toFixed(2)}, ${draft.reply.length} characters` : 'Draft: none',
    `Cost so far: ${usd(outcome.costUsd)}`,
  ];
  const head = lines.join('\n');
  if (!ticket.summary?.trim()) return truncate(head, L.messageContent);
  const room = L.messageContent - head.length - '\nSummary:\n>>> '.length;
  return room > 20 ? `${head}\nSummary:\n>>> ${safe(ticket.summary, room)}` : truncate(head, L.messageContent);
}


/** `/triage today`: tickets, urgencies, statuses, spend and budget since midnight in REPORT_TIMEZONE. */
export function todayText(stats: { tickets: number; byUrgency: Record<string, number>; byStatus: Record<string, number>; costUsd: number; timeZone?: string; budget?: BudgetStatus | null }): string {
  const lines = [
    `**Today** (since 00:00 ${safe(stats.timeZone ?? 'UTC', 60)}): ${stats.tickets} ticket${stats.tickets === 1 ? '' : 's'} · spend ${usd(stats.costUsd)}`,
    `Urgency: ${countsText(stats.byUrgency, [...URGENCIES].reverse(), (key) => safe(key, 40))}`,
    `Status: ${countsText(stats.byStatus, TICKET_STATUSES, (key) => safe(key, 40))}`,
    ...[budgetTodayLine(stats.budget)].flatMap((line) => (line ? [safe(line, 300)] : [])),
  ];
  return truncate(lines.join('\n'), L.messageContent);
}
