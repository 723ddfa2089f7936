/**
 * `npm run kb:index -- [--json]`: brings the knowledge base index in
 * DATABASE_PATH in step with the KB_PATH folder, as the bot does at start-up
 * and on every change. Only files whose content changed are re-split.
 */
import { loadConfig } from '../config.js';
import { KnowledgeBaseError } from '../errors.js';
import { reindexFolder, PassageStore, type IndexSummary } from '../kb/index.js';
import { openDatabase } from '../store/db.js';
import { parseCliArgs } from './args.js';
import { runCli } from './run-cli.js';

const HELP = `Usage: npm run kb:index -- [options]

Indexes the Markdown and text files under KB_PATH (default ./kb) into
DATABASE_PATH: files whose content changed are split into passages again,
removed files lose theirs, unchanged files are left alone. The bot does the
same at start-up and whenever a file changes.

Options:
  --json   print the summary as JSON
  --help   show this help
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  const opened = openDatabase(config.databasePath);
  try {
    let summary: IndexSummary;
    try {
      summary = reindexFolder(new PassageStore(opened.sqlite), config.knowledgeBase.path);
    } catch (cause) {
      throw new KnowledgeBaseError(config.knowledgeBase.path, 'cannot index the knowledge base', { cause });
    }
    process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summaryText(config.knowledgeBase.path, summary)}\n`);
  } finally {
    opened.close();
  }
  return 0;
}

function summaryText(path: string, summary: IndexSummary): string {
  if (!summary.folderFound) return `No folder at ${path} (KB_PATH): the knowledge base is empty.`;
  const lines = [
    `Indexed ${path}: ${summary.files} files, ${summary.passages} passages in ${summary.durationMs} ms`,
    `  ${summary.added.length} added, ${summary.changed.length} changed, ${summary.removed.length} removed, ${summary.unchanged} unchanged`,
  ];
  for (const [label, sources] of [['added', summary.added], ['changed', summary.changed], ['removed', summary.removed]] as const) {
    for (const source of sources) lines.push(`  ${label.padEnd(7)} ${source}`);
  }
  return lines.join('\n');
}

runCli(main);
