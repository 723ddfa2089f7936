/**
 * The saving bench on its own, for working on it (`npm run bench` runs it
 * through test/bench/run.ts):
 *
 *   npx tsx test/bench/saving/main.ts [--quick] [--labelled | --csv FILE] [--scale 0.05] [--check-scale] [--reasoning low=128,medium=512]
 *
 * `--reasoning` replaces the reasoning tokens assumed per effort (saving/assumptions.ts), e.g. `low=0,medium=0`.
 * `--check-scale` runs one seeded sample of 48 tickets at real speed and at
 * the scale, and prints both, to show the conversion back to real time holds.
 */
import { parseArgs } from 'node:util';
import type { BenchContext, Figure } from '../figures.js';
import { runSavingBench, SAVING_SEED } from '../saving-bench.js';
import { REASONING_TOKENS } from './assumptions.js';
import { benchTickets, labelledTickets, LABELLED_DIR, sample, type TicketSet } from './tickets.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    labelled: { type: 'boolean', default: false },
    csv: { type: 'string' },
    scale: { type: 'string' },
    'check-scale': { type: 'boolean', default: false },
    reasoning: { type: 'string' },
  },
});

const reasoning = values.reasoning
  ? { ...REASONING_TOKENS, ...Object.fromEntries(values.reasoning.split(',').map((pair) => pair.split('=')).map(([effort, n]) => [effort ?? '', Number(n)])) }
  : undefined;

const log = (line: string): void => console.log(`[saving] ${line}`);
const print = (figures: Figure[]): void => {
  for (const f of figures) console.log(`${f.key.padEnd(40)} ${String(f.value).padStart(10)} ${f.unit.padEnd(6)} ${f.target ? `${f.target} ${f.met ? 'met' : 'NOT met'}` : ''}`);
};

const tickets: TicketSet = values.labelled ? { source: `${LABELLED_DIR}/*.jsonl`, tickets: labelledTickets() } : benchTickets(values.csv ? { csv: values.csv } : {});
const context: BenchContext = { quick: values.quick, log };

if (values['check-scale']) {
  const few = { source: tickets.source, tickets: sample(tickets.tickets, 48, SAVING_SEED + 1) };
  const scale = Number(values.scale ?? '0.05');
  for (const timeScale of [1, scale]) {
    log(`--- time scale ${timeScale}`);
    print((await runSavingBench({ quick: false, log }, { tickets: few, timeScale, ...(reasoning ? { reasoning } : {}) })).figures);
  }
} else {
  print((await runSavingBench(context, { tickets, ...(values.scale ? { timeScale: Number(values.scale) } : {}), ...(reasoning ? { reasoning } : {}) })).figures);
}
