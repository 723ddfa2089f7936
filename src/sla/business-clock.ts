/**
 * Business-time arithmetic: how much of a span falls in business hours, and
 * when a given amount of business time runs out. Days are walked in the SLA
 * zone with luxon, and each window's bounds are turned into instants one by
 * one, so a DST change (a 23- or 25-hour day) shortens or stretches only the
 * windows it really touches. A day is skipped whole when it is a holiday.
 *
 * Without business hours and holidays, business time is wall time (the fast
 * path); holidays alone make every other day 00:00–24:00.
 */
import { DateTime } from 'luxon';
import type { SlaSettings, WeeklyHours } from './sla-config.js';

export type BusinessCalendar = Pick<SlaSettings, 'businessHours' | 'holidays' | 'timeZone'>;

export interface BusinessClock {
  /** The instant when `ms` of business time counted from `start` has passed (`start` itself for 0). */
  addBusinessTime(start: Date, ms: number): Date;
  /** Business time from `a` to `b`; negative when `b` is before `a`. */
  businessTimeBetween(a: Date, b: Date): number;
}

const DAY_MINUTES = 24 * 60;
const ALL_DAY: WeeklyHours = Array.from({ length: 7 }, () => [{ startMinute: 0, endMinute: DAY_MINUTES }]);
/** A calendar with no business time at all within this many days is a mistake, not a wait. */
const MAX_DAYS = 5 * 366;
/** Days kept computed; a year of them is a few hundred KB at most. */
const MAX_CACHED_DAYS = 4000;

export class NoBusinessTimeError extends RangeError {
  constructor(from: Date) {
    super(`no business time in the ${MAX_DAYS} days after ${from.toISOString()}: check SLA_BUSINESS_HOURS and SLA_HOLIDAYS`);
    this.name = 'NoBusinessTimeError';
  }
}

export function businessClock(calendar: BusinessCalendar): BusinessClock {
  if (calendar.businessHours === null && calendar.holidays.length === 0) return WALL_CLOCK;
  const hours = calendar.businessHours ?? ALL_DAY;
  const holidays = new Set(calendar.holidays);
  const zone = calendar.timeZone;

  /** Each local day's business intervals in epoch ms and the next day's start, computed once per day (luxon is the slow part). */
  const days = new Map<number, { intervals: [number, number][]; next: number }>();
  function dayPlan(dayStart: number): { intervals: [number, number][]; next: number } {
    let plan = days.get(dayStart);
    if (!plan) {
      const day = DateTime.fromMillis(dayStart, { zone });
      const open = !holidays.has(day.toISODate() ?? '');
      const windows = open ? (hours[day.weekday - 1] ?? []) : [];
      plan = {
        // A window inside a spring-forward gap can come out empty: nothing to count.
        intervals: windows.map((window): [number, number] => [instant(day, window.startMinute), instant(day, window.endMinute)]).filter(([from, to]) => to > from),
        next: day.plus({ days: 1 }).startOf('day').toMillis(),
      };
      if (days.size >= MAX_CACHED_DAYS) days.clear();
      days.set(dayStart, plan);
    }
    return plan;
  }

  /** Business intervals [start, end) in epoch ms that end after `fromMs`, the first one clipped to begin there. */
  function* intervalsFrom(fromMs: number): Generator<[number, number]> {
    let day = DateTime.fromMillis(fromMs, { zone }).startOf('day').toMillis();
    // Counts days in a row without business time: a long span is fine, an endless closed calendar is not.
    for (let closedDays = 0; closedDays < MAX_DAYS; ) {
      const plan = dayPlan(day);
      closedDays += 1;
      for (const [start, end] of plan.intervals) {
        if (end <= fromMs) continue;
        closedDays = 0;
        yield [Math.max(start, fromMs), end];
      }
      day = plan.next;
    }
    throw new NoBusinessTimeError(new Date(fromMs));
  }

  return {
    addBusinessTime(start, ms) {
      if (!(ms >= 0)) throw new RangeError(`business time to add must be zero or more, got ${ms}`);
      if (ms === 0) return new Date(start.getTime());
      let remaining = ms;
      for (const [from, to] of intervalsFrom(start.getTime())) {
        // `<=`: a deadline that uses a window up to its end is at that end, not at the next opening.
        if (remaining <= to - from) return new Date(from + remaining);
        remaining -= to - from;
      }
      throw new NoBusinessTimeError(start);
    },
    businessTimeBetween(a, b) {
      if (b.getTime() < a.getTime()) return -this.businessTimeBetween(b, a);
      const until = b.getTime();
      let total = 0;
      for (const [from, to] of intervalsFrom(a.getTime())) {
        if (from >= until) break;
        total += Math.min(to, until) - from;
      }
      return total;
    },
  };
}

/** A minute of a local day as an instant; 1440 is the next day's start (which a DST change can move). */
function instant(day: DateTime, minute: number): number {
  if (minute >= DAY_MINUTES) return day.plus({ days: 1 }).startOf('day').toMillis();
  // luxon moves a time inside a spring-forward gap forward by the gap, and picks the earlier of a repeated hour.
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 }).toMillis();
}

const WALL_CLOCK: BusinessClock = {
  addBusinessTime(start, ms) {
    if (!(ms >= 0)) throw new RangeError(`business time to add must be zero or more, got ${ms}`);
    return new Date(start.getTime() + ms);
  },
  businessTimeBetween: (a, b) => b.getTime() - a.getTime(),
};
