/**
 * `npm run kb:search -- "text" [--limit N] [--json]`: what a ticket with this
 * text would retrieve from the knowledge base, best first, and whether the
 * best passages are relevant enough to ground a draft. The index is brought
 * up to date first, so an edit to a KB file shows at once.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { InputError, KnowledgeBaseError } from '../errors.js';
import { createRetriever, isGrounded, MIN_COVERAGE, PassageStore, reindexFolder, type SearchHit } from '../kb/index.js';
import { truncate } from '../models/offline/text.js';
import { openDatabase } from '../store/db.js';
import { runCli } from './run-cli.js';

const HELP = `Usage: npm run kb:search -- "customer text" [options]

Searches the knowledge base (KB_PATH, indexed into DATABASE_PATH) the way
the pipeline does for a ticket: BM25 over the words of the text and their
synonyms in English, German, Spanish, French and Portuguese. A hit is
"relevant" when it mentions at least ${MIN_COVERAGE * 100}% of the text's (weighted) concepts.

Options:
  --limit N          how many passages (default 5)
  --language CODE    the ticket's language (default: detected)
  --category NAME    the ticket's category (billing, refund, outage …), as triage would give it
  --json             print [{source, heading, score, text}]
  --help             show this help
`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        limit: { type: 'string' },
        language: { type: 'string' },
        category: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (cause) {
    throw new InputError(`${(cause as Error).message}. Run with --help for usage.`, { cause });
  }
}

async function main(argv: string[]): Promise<number> {
  const { values: args, positionals } = parse(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const text = positionals.join(' ').trim();
  if (text === '') throw new InputError('give the text to search for: npm run kb:search -- "how do I get a refund?"');
  const limit = args.limit === undefined ? 5 : Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new InputError(`--limit expects a whole number from 1 to 50, got "${args.limit}"`);
  const config = loadConfig();
  const opened = openDatabase(config.databasePath);
  try {
    const store = new PassageStore(opened.sqlite);
    try {
      reindexFolder(store, config.knowledgeBase.path);
    } catch (cause) {
      throw new KnowledgeBaseError(config.knowledgeBase.path, 'cannot index the knowledge base', { cause });
    }
    const query: { text: string; language?: string; category?: string } = { text };
    if (args.language) query.language = args.language;
    if (args.category) query.category = args.category;
    const hits = createRetriever(store).searchOffline(query, limit);
    process.stdout.write(args.json ? `${JSON.stringify(hits.map(({ source, heading, score, text: passage }) => ({ source, heading, score, text: passage })), null, 2)}\n` : hitsText(hits));
  } finally {
    opened.close();
  }
  return 0;
}

function hitsText(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'Nothing found: a draft for this text would cite nothing (and the ticket would count as a knowledge gap).\n';
  const lines = hits.map(
    (hit, index) =>
      `${index + 1}. ${hit.source} › ${hit.heading}  [${hit.language}] score ${hit.score.toFixed(2)}, coverage ${Math.round(hit.coverage * 100)}%${hit.relevant ? ', relevant' : ''}\n` +
      `   ${truncate(hit.text, 220)}`,
  );
  const verdict = isGrounded(hits) ? 'A draft can be grounded in the relevant passages.' : 'Nothing relevant: a draft would be marked "no grounding" and the ticket counted as a knowledge gap.';
  return `${lines.join('\n')}\n\n${verdict}\n`;
}

runCli(main);
