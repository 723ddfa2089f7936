/**
 * Converting what the benchmark measured at the fake's time scale back to
 * real speed, and the percentiles it reports.
 *
 * At a time scale of 1/20 a model call that takes 10 s sleeps 0.5 s, but the
 * bot's own work (SQLite, guards, tokenizer, the event loop) takes what it
 * takes. Dividing a measured time by the scale would multiply that work by
 * 20 as well. So only the model's waits are stretched: for one ticket and
 * one span (stored → urgency known, say), the waits of that ticket's calls
 * are merged where they overlap (classify and extract run side by side),
 * clipped to the span, and that much time is counted 1/scale times; the rest
 * of the span counts once. A timer that fires late counts once too: only each
 * wait's planned length is stretched. What this cannot restore is the load:
 * at 1/20 the same work is squeezed into a twentieth of the time, so tickets
 * are fed a few at a time (assumptions.ts, IN_FLIGHT) to keep the CPU from
 * queueing them, and `--check-scale` compares against a run at real speed.
 */
import type { ModelTiming } from '../../fakes/openai/index.js';

export type Wait = ModelTiming['waits'][number];

/** The length of [from, to] at real speed, given the (scaled) waits of the calls made for it. */
export function realSpan(from: number, to: number, waits: readonly Wait[], scale: number): number {
  const clipped = waits
    .map((wait) => [Math.max(from, wait.startedAt), Math.min(to, wait.startedAt + wait.ms)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let waited = 0;
  let open: [number, number] | null = null;
  for (const [start, end] of clipped) {
    if (open && start <= open[1]) open[1] = Math.max(open[1], end);
    else {
      if (open) waited += open[1] - open[0];
      open = [start, end];
    }
  }
  if (open) waited += open[1] - open[0];
  return to - from + waited * (1 / scale - 1);
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Runs `work` over the items with at most `limit` in flight, in order of the items. */
export async function inFlight<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
