/** The /triage slash command: its definition, and an invocation as the text the desk reads. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * `/triage status ticket:<id>` and `/triage today`. Guild-only (customers in
 * DMs with the bot cannot run it); who may see what is the desk's check.
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

/**
 * An invocation as the desk's command text: `status 12`, `today`. Discord
 * checks the integer option, but the interaction is input all the same: the
 * desk parses the number strictly, and answers usage for anything else.
 */
export function triageCommandText(subcommand: string | null, ticket: number | null): string {
  if (subcommand === 'status') return ticket === null ? 'status' : `status ${ticket}`;
  return subcommand ?? '';
}
