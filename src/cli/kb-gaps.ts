/**
 * `npm run kb:gaps -- [--days N] [--limit N] [--json]`: the questions the
 * knowledge base did not answer, by topic, most frequent first. Reading it
 * never changes the store.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { InputError } from '../errors.js';
import { KnowledgeGaps, type GapTopic } from '../kb/index.js';
import { truncate } from '../models/offline/text.js';
import { openDatabase } from '../store/db.js';
import { parseCliArgs } from './args.js';
import { runCli } from './run-cli.js';

const HELP = `Usage: npm run kb:gaps -- [options]

Prints the top topics of tickets whose knowledge-base search found nothing
relevant (their drafts were marked "no grounding"), from DATABASE_PATH. A
topic is the ticket's category and its two concepts rarest in the docs.

Options:
  --days N    look back N days (default 7)
  --limit N   how many topics (default 10)
  --json      print [{topic, tickets, example, languages, lastSeen}]
  --help      show this help
`;

const DAY_MS = 24 * 60 * 60 * 1000;

function wholeNumber(value: string | undefined, fallback: number, flag: string, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new InputError(`${flag} expects a whole number from 1 to ${max}, got "${value}"`);
  return parsed;
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, { days: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const days = wholeNumber(args.days, 7, '--days', 3650);
  const limit = wholeNumber(args.limit, 10, '--limit', 100);
  const config = loadConfig();
  if (!existsSync(config.databasePath)) {
    throw new InputError(`no database at ${config.databasePath} (DATABASE_PATH): run the bot or a replay first`);
  }
  const opened = openDatabase(config.databasePath);
  try {
    const until = new Date();
    const topics = new KnowledgeGaps(opened.sqlite).top({ since: new Date(until.getTime() - days * DAY_MS), until, limit });
    process.stdout.write(args.json ? `${JSON.stringify(topics, null, 2)}\n` : gapsText(topics, days));
  } finally {
    opened.close();
  }
  return 0;
}

function gapsText(topics: readonly GapTopic[], days: number): string {
  if (topics.length === 0) return `No knowledge gaps in the last ${days} days: every ticket found a relevant passage.\n`;
  const width = String(Math.max(...topics.map((topic) => topic.tickets))).length;
  const lines = topics.map(
    (topic) =>
      `${String(topic.tickets).padStart(width)}  ${topic.topic}  (${topic.languages.join(', ')})\n${' '.repeat(width)}  e.g. "${truncate(topic.example, 100)}"`,
  );
  return `Questions the knowledge base did not answer, last ${days} days (tickets, topic):\n${lines.join('\n')}\n`;
}

runCli(main);
