/**
 * `npm run discord:commands -- [--guild ID | --global]`: registers the
 * /triage slash command. A guild registration shows up at once; a global one
 * can take up to an hour to reach every server.
 */
import { REST, Routes } from 'discord.js';
import { TRIAGE_COMMAND } from '../../adapters/discord/commands.js';
import { loadConfig } from '../config.js';
import { ConfigError, TriageError } from '../errors.js';
import { parseCliArgs } from './args.js';
import { runCli } from './run-cli.js';

const HELP = `Usage: npm run discord:commands -- --guild GUILD_ID | --global

Registers /triage (status <ticket>, today) for the application in
DISCORD_APPLICATION_ID with the bot token in DISCORD_TOKEN.
`;

export async function registerCommands(options: { guild?: string; global?: boolean }): Promise<{ route: string; count: number }> {
  const { discord } = loadConfig();
  if (!discord) throw new ConfigError('DISCORD_TOKEN', 'required to register commands');
  if (!discord.applicationId) throw new ConfigError('DISCORD_APPLICATION_ID', 'required to register commands');
  if (!options.guild === !options.global) throw new TriageError('INPUT_INVALID', 'pass exactly one of --guild ID or --global');
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
  const route = options.guild
    ? Routes.applicationGuildCommands(discord.applicationId, options.guild)
    : Routes.applicationCommands(discord.applicationId);
  const registered = (await rest.put(route, { body: [TRIAGE_COMMAND] })) as unknown[];
  return { route, count: registered.length };
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, { guild: { type: 'string' }, global: { type: 'boolean' }, help: { type: 'boolean' } });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const result = await registerCommands({ ...(args.guild ? { guild: args.guild } : {}), ...(args.global ? { global: true } : {}) });
  process.stdout.write(`registered ${result.count} command(s) at ${result.route}\n`);
  return 0;
}

runCli(main);
