/**
 * What every benchmark gives the runner (`npm run bench`, test/bench/run.ts):
 * named figures, each beside its target when the project has one. Benchmarks
 * print as they go (through `log`) and assert nothing; the runner prints the
 * figures, and with `--json` writes them to bench/results.json.
 */
export interface Figure {
  /** Stable key in bench/results.json, snake_case, unit in the name: `report_1m_calls_ms`. */
  key: string;
  /** What a reader sees beside the number. */
  label: string;
  value: number;
  unit: string;
  /** The target as words, e.g. `≤ 250 ms`; absent: measured, no target. */
  target?: string;
  /** Whether the figure meets its target; absent when there is none. */
  met?: boolean;
}

export interface BenchContext {
  /** `--quick`: smaller inputs so CI runs every bench in a couple of minutes; figures are then indicative only. */
  quick: boolean;
  /** A progress or detail line (the runner prefixes the bench's name). */
  log(line: string): void;
}

export interface Bench {
  /** Short name, e.g. `report`, `saving`, `slack-ack`. */
  name: string;
  run(context: BenchContext): Promise<Figure[]>;
}
