/** The /triage slash command: its definition, and an invocation as the text the desk reads. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * `/triage status ticket:<id>`, `/triage today`, `/triage source ticket:<id> [n]` and `/triage web`. Guild-only (customers in
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
  .addSubcommand((web) => web.setName('web').setDescription('A one-time link that signs you in to the web console'))
  .addSubcommand((source) =>
    source
      .setName('source')
      .setDescription('The knowledge-base passage a ticket’s draft cites')
      .addIntegerOption((option) => option.setName('ticket').setDescription('Ticket number, e.g. 42').setRequired(true).setMinValue(1))
      .addIntegerOption((option) => option.setName('n').setDescription('Which of the draft’s sources (default 1)').setMinValue(1)),
  )
  .toJSON();

/**
 * An invocation as the desk's command text: `status 12`, `today`. Discord
 * checks the integer option, but the interaction is input all the same: the
 * desk parses the number strictly, and answers usage for anything else.
 */
export function triageCommandText(subcommand: string | null, ticket: number | null, nth: number | null = null): string {
  if (subcommand === 'status') return ticket === null ? 'status' : `status ${ticket}`;
  if (subcommand === 'source') return ticket === null ? 'source' : nth === null ? `source ${ticket}` : `source ${ticket} ${nth}`;
  return subcommand ?? '';
}
