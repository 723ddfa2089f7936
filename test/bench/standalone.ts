/**
 * Lets a bench module run on its own (`npx tsx test/bench/sla-bench.ts
 * [--quick]`) as well as through the runner, which stays the entry point:
 * the module calls `runIfEntry(bench, import.meta.filename)`, which does
 * nothing when the module was imported.
 */
import { resolve } from 'node:path';
import { parseCliArgs } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/run-cli.js';
import { figureTable } from './figure-table.js';
import type { Bench } from './figures.js';

export function runIfEntry(bench: Bench, moduleFile: string): void {
  const entry = process.argv[1];
  if (!entry || resolve(entry) !== moduleFile) return;
  runCli(async (argv) => {
    const args = parseCliArgs(argv, { quick: { type: 'boolean' } });
    const figures = await bench.run({ quick: args.quick === true, log: (line) => console.log(line) });
    console.log(`\n${figureTable([{ bench: bench.name, figures }])}`);
    return 0;
  });
}
