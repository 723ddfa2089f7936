/**
 * `npm run replay -- --input FILE [--limit N] [--db PATH] [--json]
 *  [--review approve|pending] [--concurrency N] [--shadow TIER]`
 */
import { MODEL_TIERS, type ModelTier } from '../domain/index.js';
import { TriageError } from '../errors.js';
import { parseCliArgs } from './args.js';
import { progressBar } from './progress.js';
import { formatReplaySummary } from './replay-format.js';
import { runReplay } from './run-replay.js';
import { runCli } from './run-cli.js';

const HELP = `Usage: npm run replay -- --input FILE [options]

Runs every ticket of a CSV or JSONL file through the pipeline and prints
tickets per urgency and route, calls and cost per tier, cost per ticket, and
the second opinion rate with its reasons. When the file has labels (urgency or
priority, category, risk_flags, needs_reply, fields, language) it also prints
how well they were matched: urgency accuracy, macro-F1, per-class scores and
confusion, calibration (ECE), category, risk flags, needs-reply, extracted
fields, per language, and high-stakes tickets sent without a human.

Options:
  --input FILE         CSV or JSONL with subject/body (or text) columns (required)
  --limit N            only the first N tickets
  --db PATH            SQLite file to record into (default: a new file in the temp folder)
  --json               print one JSON object instead of the text report
  --review MODE        approve | pending: approve every draft that waits for a human, or leave it (default pending)
  --concurrency N      tickets in flight at once (default 8)
  --shadow TIER        nano | mini | flagship: once the pipeline is done, classify every ticket again
                       on TIER with the same prompt (paid, in the ledger marked shadow; routing is
                       unchanged) and print where it agrees with nano and what each confidence
                       threshold would catch
  --help               show this help

The model provider comes from the environment as for npm start (offline without OPENAI_API_KEY).
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, {
    input: { type: 'string' },
    limit: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
    review: { type: 'string' },
    concurrency: { type: 'string' },
    shadow: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!args.input) {
    process.stderr.write(`--input FILE is required\n\n${HELP}`);
    return 2;
  }
  const positiveInt = (name: string, value: string | undefined, fallback: number | undefined) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new TriageError('INPUT_INVALID', `--${name} must be a whole number ≥ 1, got "${value}"`);
    return n;
  };
  const review = args.review ?? 'pending';
  if (review !== 'approve' && review !== 'pending') {
    throw new TriageError('INPUT_INVALID', `--review must be approve or pending, got "${review}"`);
  }
  const shadow = args.shadow;
  if (shadow !== undefined && !(MODEL_TIERS as readonly string[]).includes(shadow)) {
    throw new TriageError('INPUT_INVALID', `--shadow must be one of ${MODEL_TIERS.join(', ')}, got "${shadow}"`);
  }
  const limit = positiveInt('limit', args.limit, undefined);
  let progress: ReturnType<typeof progressBar> | null = null;
  const { summary, database } = await runReplay({
    input: args.input,
    ...(limit !== undefined ? { limit } : {}),
    ...(args.db ? { db: args.db } : {}),
    review,
    ...(shadow !== undefined ? { shadow: shadow as ModelTier } : {}),
    concurrency: positiveInt('concurrency', args.concurrency, 8) ?? 8,
    onProgress: (done, total) => {
      progress ??= progressBar(process.stderr, total);
      progress.tick(done);
      if (done === total) progress.end();
    },
  });
  process.stdout.write(args.json ? `${JSON.stringify({ ...summary, database })}\n` : `${formatReplaySummary(summary, database)}\n`);
  return 0;
}

runCli(main);
