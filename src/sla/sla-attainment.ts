/**
 * SLA attainment per urgency for a set of tickets (those opened in a day or
 * a week, as the caller selects them in SQL): for each clock, how many met
 * their target, how many breached it, how many are still open and on time;
 * and the median and p90 time to first response.
 *
 * Counting, so `/triage today` and the weekly report say the same:
 * - first response counts periods, not tickets: a ticket whose customer
 *   wrote again after a reply has one period per "awaiting reply" spell;
 *   a period still awaiting a reply past its deadline counts as breached.
 * - resolution counts tickets: closed by the deadline is met, closed after
 *   it or still open past it is breached.
 * - time to first response is the ticket's first reply only, in BUSINESS
 *   time (the time the targets count): a message on Friday evening answered
 *   on Monday at 09:05 took 5 minutes, not 63 hours.
 * Tickets not triaged yet (no urgency) and clocks without a target are left out.
 */
import { URGENCIES, type Urgency } from '../domain/index.js';
import { clockFor } from './sla-clock.js';
import type { SlaSettings } from './sla-config.js';
import { awaitingReply, type SlaState } from './sla-state.js';

export interface ClockAttainment {
  met: number;
  breached: number;
  /** Running and not yet past the deadline. */
  openOnTime: number;
}

export interface UrgencyAttainment {
  urgency: Urgency;
  tickets: number;
  firstResponse: ClockAttainment;
  resolution: ClockAttainment;
  /** Business time from opening to the first reply, over tickets that have one. */
  timeToFirstResponse: { replied: number; medianMs: number | null; p90Ms: number | null };
}

/** Most urgent first; only urgencies that have tickets. */
export function slaAttainment(states: readonly SlaState[], settings: SlaSettings, now: Date): UrgencyAttainment[] {
  const clock = clockFor(settings);
  const rows: UrgencyAttainment[] = [];
  for (const urgency of [...URGENCIES].reverse()) {
    const group = states.filter((state) => state.urgency === urgency);
    if (group.length === 0) continue;
    const firstResponse = emptyCount();
    const resolution = emptyCount();
    const times: number[] = [];
    for (const state of group) {
      firstResponse.met += state.responsesMet;
      firstResponse.breached += state.responsesBreached;
      if (awaitingReply(state) && state.firstResponseDueAt !== null) tally(firstResponse, state.firstResponseDueAt, null, now);
      if (state.resolutionDueAt !== null) tally(resolution, state.resolutionDueAt, state.resolvedAt, now);
      if (state.firstReplyAt !== null) times.push(Math.max(0, clock.businessTimeBetween(state.openedAt, state.firstReplyAt)));
    }
    times.sort((a, b) => a - b);
    rows.push({
      urgency,
      tickets: group.length,
      firstResponse,
      resolution,
      timeToFirstResponse: { replied: times.length, medianMs: percentile(times, 0.5), p90Ms: percentile(times, 0.9) },
    });
  }
  return rows;
}

/** One clock of one ticket: stopped at `stoppedAt` (null: still running at `now`). */
function tally(count: ClockAttainment, dueAt: Date, stoppedAt: Date | null, now: Date): void {
  const end = stoppedAt ?? now;
  if (end.getTime() > dueAt.getTime()) count.breached += 1;
  else if (stoppedAt === null) count.openOnTime += 1;
  else count.met += 1;
}

/**
 * Nearest-rank percentile of sorted values (the value at or below which
 * `fraction` of them fall; no interpolation, so it is always a real
 * ticket's time); null for none.
 */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] ?? null;
}

function emptyCount(): ClockAttainment {
  return { met: 0, breached: 0, openOnTime: 0 };
}
