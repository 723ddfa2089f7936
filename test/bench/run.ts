/**
 * `npm run bench [-- --quick] [--json] [--only a,b]`: runs every benchmark
 * in order, prints each one's lines prefixed by its name, then one table of
 * every figure beside its target. Benchmarks assert nothing, and neither does
 * this: a bench that throws is reported, the others still run, and the exit
 * code says one failed (CI runs `--quick` only to see that none crashes).
 */
import { join } from 'node:path';
import { parseCliArgs } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/run-cli.js';
import { InputError } from '../../src/errors.js';
import { figureTable, type BenchFigures } from './figure-table.js';
import type { Bench } from './figures.js';
import { kbBench } from './kb-bench.js';
import { memoryBench } from './memory-bench.js';
import { offlineTriageBench } from './offline-triage-bench.js';
import { overheadBench } from './overhead-bench.js';
import { queueRenderBench } from './queue-render-bench.js';
import { replayBench } from './replay-bench.js';
import { reportBench } from './report-bench.js';
import { savingBench } from './saving-bench.js';
import { machine, resultsFile, writeResultsFile } from './results-file.js';
import { slaBench } from './sla-bench.js';
import { slackAckBench } from './slack-ack-bench.js';

const BENCHES: readonly Bench[] = [savingBench, overheadBench, reportBench, slackAckBench, memoryBench, replayBench, slaBench, kbBench, queueRenderBench, offlineTriageBench];
const RESULTS_PATH = join(import.meta.dirname, '../../bench/results.json');

const HELP = `Usage: npm run bench [-- options]

Runs the benchmarks in order (${BENCHES.map((bench) => bench.name).join(', ')}), printing each one's
progress lines prefixed by its name, then a table of every figure beside its
target (✓ met, ✗ missed). Numbers only: nothing is asserted.

Options:
  --quick       smaller inputs (fewer tickets, fewer seeded rows, shorter load): every bench in a
                couple of minutes; the figures are then indicative only
  --json        also write bench/results.json: commit, machine, quick or not, and every figure by key
  --only a,b    run only these benches, by name
  --help        show this help
`;

function selected(only: string | undefined): readonly Bench[] {
  if (only === undefined) return BENCHES;
  const names = only.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (names.length === 0 || unknown.length > 0) {
    throw new InputError(`--only takes bench names from ${BENCHES.map((bench) => bench.name).join(', ')}; got "${only}"`);
  }
  return BENCHES.filter((bench) => names.includes(bench.name));
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, { quick: { type: 'boolean' }, json: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const quick = args.quick === true;
  const benches = selected(args.only);
  const host = machine();
  console.log(`bench: ${benches.map((bench) => bench.name).join(', ')}${quick ? ' (quick)' : ''} on ${host.cpus} × ${host.cpuModel}, node ${host.node}`);

  const results: BenchFigures[] = [];
  const failed: string[] = [];
  const keys = new Set<string>();
  const started = performance.now();
  for (const bench of benches) {
    const prefix = `[${bench.name}]`;
    const log = (line: string) => console.log(`${prefix} ${line}`);
    const benchStarted = performance.now();
    try {
      const figures = await bench.run({ quick, log });
      // results.json has one entry per key: a second figure with the same key would hide the first.
      const repeated = figures.filter((figure) => keys.has(figure.key)).map((figure) => figure.key);
      if (repeated.length > 0) throw new Error(`figure keys already used: ${repeated.join(', ')}`);
      for (const figure of figures) keys.add(figure.key);
      results.push({ bench: bench.name, figures });
      log(`done in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed.push(bench.name);
      log(`FAILED after ${((performance.now() - benchStarted) / 1000).toFixed(1)} s: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  console.log(`\n${figureTable(results)}`);
  console.log(`\n${results.reduce((sum, result) => sum + result.figures.length, 0)} figures from ${results.length} benches in ${((performance.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick: indicative only)' : ''}`);
  if (args.json) {
    writeResultsFile(RESULTS_PATH, resultsFile(results, quick));
    console.log(`wrote ${RESULTS_PATH}`);
  }
  if (failed.length > 0) {
    console.log(`failed: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

runCli(main);
