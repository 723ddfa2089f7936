/**
 * The saving, measured in one run (issue 13): the same tickets through the
 * cascade and through a single-model baseline (one flagship call a ticket
 * that classifies, extracts and drafts), on the fake OpenAI server with o200k
 * token counts, the documented prompt cache and published model speeds, the
 * escalation mix taken from the labels. Cost per ticket, time to urgency and
 * time to a card (p50, p95), each as cascade ÷ baseline. The assumptions it
 * rests on are in saving/assumptions.ts and printed with every run.
 *
 * Tickets: ../shared/data/tickets/tickets-en-de.csv when present, else the
 * project's labelled chat messages (test/fixtures/labelled). `quick` takes a
 * seeded sample of 60. Prints numbers; asserts nothing.
 */
import { runIfEntry } from './standalone.js';
import type { Bench, BenchContext, Figure } from './figures.js';
import { IN_FLIGHT, TIME_SCALE } from './saving/assumptions.js';
import { describeAssumptions, runSaving, type SavingRun } from './saving/run.js';
import { benchTickets, sample, type TicketSet } from './saving/tickets.js';

export const SAVING_SEED = 20_261_113;
const QUICK_TICKETS = 60;

const ratio = (cascade: number, baseline: number): number => (baseline > 0 ? cascade / baseline : Number.NaN);
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

function figure(key: string, label: string, value: number, unit: string, target?: { words: string; met: (v: number) => boolean }): Figure {
  return { key, label, value, unit, ...(target ? { target: target.words, met: target.met(value) } : {}) };
}

export function savingFigures(run: SavingRun): Figure[] {
  const { cascade: c, baseline: b } = run;
  const times = (name: 'urgency' | 'card', words: string): Figure[] => [
    figure(`saving_time_to_${name}_p50_cascade_s`, `time to ${words} p50, cascade`, round(c[name].p50, 2), 's'),
    figure(`saving_time_to_${name}_p95_cascade_s`, `time to ${words} p95, cascade`, round(c[name].p95, 2), 's'),
    figure(`saving_time_to_${name}_p50_baseline_s`, `time to ${words} p50, baseline`, round(b[name].p50, 2), 's'),
    figure(`saving_time_to_${name}_p95_baseline_s`, `time to ${words} p95, baseline`, round(b[name].p95, 2), 's'),
  ];
  return [
    figure('saving_cost_ratio', 'cost per ticket, cascade ÷ baseline', round(ratio(c.costPerTicketUsd, b.costPerTicketUsd), 3), '×', { words: '≤ 0.4', met: (v) => v <= 0.4 }),
    figure('saving_time_to_urgency_p95_ratio', 'time to urgency p95, cascade ÷ baseline', round(ratio(c.urgency.p95, b.urgency.p95), 3), '×', { words: '≤ 0.3', met: (v) => v <= 0.3 }),
    figure('saving_time_to_urgency_p50_ratio', 'time to urgency p50, cascade ÷ baseline', round(ratio(c.urgency.p50, b.urgency.p50), 3), '×'),
    figure('saving_time_to_card_p50_ratio', 'time to a card p50, cascade ÷ baseline', round(ratio(c.card.p50, b.card.p50), 3), '×'),
    figure('saving_time_to_card_p95_ratio', 'time to a card p95, cascade ÷ baseline', round(ratio(c.card.p95, b.card.p95), 3), '×'),
    figure('saving_cost_per_ticket_cascade_usd', 'cost per ticket, cascade', round(c.costPerTicketUsd, 6), 'USD'),
    figure('saving_cost_per_ticket_baseline_usd', 'cost per ticket, baseline', round(b.costPerTicketUsd, 6), 'USD'),
    ...times('urgency', 'urgency'),
    ...times('card', 'a card'),
    figure('saving_calls_per_ticket_cascade', 'model calls per ticket, cascade', round(c.callsPerTicket, 2), 'calls'),
    figure('saving_second_opinion_share', 'tickets whose draft a model reviewed, cascade', round(c.escalatedShare, 3), 'share'),
    figure('saving_tickets', 'tickets per side', c.tickets, 'tickets'),
  ];
}

export function logStages(run: SavingRun, log: (line: string) => void): void {
  const total = run.stages.reduce((sum, stage) => sum + stage.costUsd, 0);
  log('spend by stage (the baseline, then the cascade):');
  for (const s of [run.baselineSpend, ...run.stages]) {
    const cached = s.inputTokens > 0 ? ((s.cachedTokens / s.inputTokens) * 100).toFixed(0) : '0';
    log(
      `  ${`${s.stage} (${s.tier})`.padEnd(26)} ${String(s.calls).padStart(5)} calls  $${(s.costUsd / run.cascade.tickets).toFixed(6)}/ticket  ${s.stage === 'single_model' ? '    ' : `${((s.costUsd / total) * 100).toFixed(0).padStart(3)}%`}  ` +
        `in ${Math.round(s.inputTokens / s.calls)} (cached ${cached}%)  out ${Math.round(s.outputTokens / s.calls)} tokens/call`,
    );
  }
}

export async function runSavingBench(
  context: BenchContext,
  /** Other tickets, time scale or reasoning tokens than the defaults (saving/main.ts, to test what the figures rest on). */
  options: { tickets?: TicketSet; timeScale?: number; reasoning?: Readonly<Record<string, number>> } = {},
): Promise<{ run: SavingRun; figures: Figure[] }> {
  const set = options.tickets ?? benchTickets();
  // A few tickets go through each side first, unmeasured: the first calls load the tokenizer, compile schemas, warm the JIT.
  const drawn = sample(set.tickets, context.quick ? QUICK_TICKETS + IN_FLIGHT : IN_FLIGHT, SAVING_SEED);
  const warmup = drawn.slice(0, IN_FLIGHT);
  const tickets = context.quick ? drawn.slice(IN_FLIGHT) : set.tickets;
  const timeScale = options.timeScale ?? (context.quick ? TIME_SCALE.quick : TIME_SCALE.full);
  context.log(`tickets: ${tickets.length} of ${set.tickets.length} from ${set.source}, after ${warmup.length} unmeasured; seed ${SAVING_SEED}`);
  describeAssumptions(context.log, timeScale, options.reasoning);
  const run = await runSaving(tickets, { seed: SAVING_SEED, timeScale, log: context.log, warmup, ...(options.reasoning ? { reasoning: options.reasoning } : {}) });
  logStages(run, context.log);
  if (run.misses > 0 || run.failed > 0) context.log(`WARNING: ${run.misses} prompts not recognised by the scripted model, ${run.failed} cascade tickets failed`);
  for (const attempt of run.unsuccessful.slice(0, 5)) context.log(`attempt that did not succeed (in the cost): ${attempt}`);
  context.log(`done in ${run.seconds.toFixed(1)} s`);
  return { run, figures: savingFigures(run) };
}

export const savingBench: Bench = {
  name: 'saving',
  async run(context) {
    return (await runSavingBench(context)).figures;
  },
};

runIfEntry(savingBench, import.meta.filename);
