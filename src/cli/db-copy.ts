/**
 * `npm run db:copy -- --from ./data/triage.db --to postgres://…`: moves a
 * SQLite store into an empty Postgres one (src/store/copy-to-postgres.ts),
 * then checks the copy: every table's row count, and the ledger's all-time
 * spend, calls and tokens read back through both stores' own queries.
 * Exits 1 when anything differs.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { COPIED_TABLES, copySqliteToPostgres } from '../store/copy-to-postgres.js';
import { postgresStoreOn } from '../store/pg/index.js';
import { openPool, redactUrl } from '../store/pg/open.js';
import { ALL_TIME, totalOf } from '../store/spend-sums.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';
import { parseCliArgs } from './args.js';
import { runCli } from './run-cli.js';

const HELP = `Usage: npm run db:copy -- --from FILE --to postgres://user:password@host:5432/db [--json]

Copies a SQLite store (the bot's DATABASE_PATH) into an empty Postgres
database, to move a bot to replicas (README: "Running several replicas").
Stop the bot first. Tickets, messages, triage, drafts, the model-call
ledger, reviews, cards, posted reports, SLA clocks and the spend aggregates
are copied as they are, in one transaction; the knowledge-base index is not
(each process builds its own from KB_PATH). Then every table's row count and
the all-time spend are compared between the two; any difference exits 1.

Options:
  --from FILE   the SQLite file (its migrations are applied first, as npm start would)
  --to URL      the Postgres database (migrated first; must hold no tickets)
  --json        print the checks as JSON
  --help        show this help
`;

interface Check {
  what: string;
  sqlite: number;
  postgres: number;
}

async function spendChecks(from: Store, to: Store): Promise<Check[]> {
  const before = totalOf(await from.spend.groups(ALL_TIME.since, ALL_TIME.until));
  const after = totalOf(await to.spend.groups(ALL_TIME.since, ALL_TIME.until));
  return [
    { what: 'spend, nano-dollars (all time)', sqlite: before.costNanos, postgres: after.costNanos },
    { what: 'estimated spend, nano-dollars', sqlite: before.estimatedCostNanos, postgres: after.estimatedCostNanos },
    { what: 'model calls (all time)', sqlite: before.calls, postgres: after.calls },
    { what: 'input tokens', sqlite: before.inputTokens, postgres: after.inputTokens },
    { what: 'output tokens', sqlite: before.outputTokens, postgres: after.outputTokens },
  ];
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!args.from) throw new InputError('--from FILE is required: the SQLite store to copy (the bot\'s DATABASE_PATH)');
  if (!existsSync(args.from)) throw new InputError(`no SQLite store at ${args.from} (--from)`);
  if (!args.to || !/^postgres(ql)?:\/\/\S+$/.test(args.to)) throw new InputError('--to expects a Postgres URL such as postgres://user:password@host:5432/triage');

  const from = openSqliteStore(args.from);
  // One pool, migrated once: the copy runs on it, and the checks read it through the store.
  const pool = await openPool(args.to, { max: 2 });
  const to = postgresStoreOn(pool);
  try {
    const copied = await copySqliteToPostgres(from.sqlite, pool);
    const checks: Check[] = [];
    for (const { table, rows } of copied) {
      const counted = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`);
      checks.push({ what: `rows in ${table}`, sqlite: rows, postgres: Number(counted.rows[0]?.n ?? 0) });
    }
    checks.push(...(await spendChecks(from, to)));
    const differing = checks.filter((check) => check.sqlite !== check.postgres);
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ from: args.from, to: redactUrl(args.to), tables: COPIED_TABLES.length, checks, ok: differing.length === 0 }, null, 2)}\n`);
    } else {
      const width = Math.max(...checks.map((check) => check.what.length));
      process.stdout.write(`Copied ${args.from} into ${redactUrl(args.to)}\n\n`);
      for (const check of checks) {
        const mark = check.sqlite === check.postgres ? '✓' : '✗';
        process.stdout.write(`  ${check.what.padEnd(width)}  ${String(check.sqlite).padStart(14)}  ${String(check.postgres).padStart(14)}  ${mark}\n`);
      }
      process.stdout.write(differing.length === 0 ? '\nEvery count and total matches.\n' : `\n${differing.length} checks differ (✗).\n`);
    }
    return differing.length === 0 ? 0 : 1;
  } finally {
    from.close();
    to.close();
  }
}

runCli(main);
