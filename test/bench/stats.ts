/** Order statistics the benches report (nearest rank on a sorted copy). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Rounds to `digits` significant digits, for results.json (full float noise says nothing). */
export function significant(value: number, digits = 6): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));
}
