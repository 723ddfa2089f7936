/**
 * The aggregates' time grid: UTC quarter hours. Every time zone's midnight
 * falls on one, so any local day, week or month is a whole number of them.
 */

export const QUARTER_HOUR_MS = 15 * 60_000;

/** A half-open range of epoch milliseconds, bound by name (`:since`, `:until`). */
export interface Span {
  since: number;
  until: number;
}

/**
 * A range as the whole quarter hours inside it (summed from the buckets) and
 * the ragged ends either side (summed from the rows themselves).
 */
export function split(since: Date, until: Date): { whole: Span | null; ends: Span[] } {
  const from = since.getTime();
  const to = Math.max(from, until.getTime());
  const innerSince = Math.ceil(from / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const innerUntil = Math.floor(to / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  if (innerSince >= innerUntil) return { whole: null, ends: from < to ? [{ since: from, until: to }] : [] };
  const ends = [
    { since: from, until: innerSince },
    { since: innerUntil, until: to },
  ].filter((end) => end.since < end.until);
  return { whole: { since: innerSince, until: innerUntil }, ends };
}
