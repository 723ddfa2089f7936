/**
 * Calendar periods in the configured time zone: the report's week (Monday to
 * Sunday), the budget's day and month. Computed with luxon so a week that
 * spans a daylight-saving change still starts at local midnight.
 */
import { DateTime } from 'luxon';

export interface Period {
  /** The period's key: `2026-11-16` for a week or day (its first day), `2026-11` for a month. */
  key: string;
  since: Date;
  until: Date;
}

function at(instant: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone: timeZone });
}

function period(start: DateTime, unit: 'week' | 'day' | 'month'): Period {
  return {
    key: unit === 'month' ? start.toFormat('yyyy-MM') : start.toFormat('yyyy-MM-dd'),
    since: start.toJSDate(),
    until: start.plus({ [unit]: 1 }).toJSDate(),
  };
}

/** The Monday-to-Sunday week containing `instant`. */
export function weekContaining(instant: Date, timeZone: string): Period {
  return period(at(instant, timeZone).startOf('week'), 'week');
}

/** The week that starts on a local date `YYYY-MM-DD` (any day of it selects the week). */
export function weekOfDate(date: string, timeZone: string): Period {
  const local = DateTime.fromISO(date, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`not a date: "${date}" (expected YYYY-MM-DD)`);
  return period(local.startOf('week'), 'week');
}

/** A week asked for by a person (`--week`, `?week=`): a local date YYYY-MM-DD that exists, else null. */
export function weekOfTypedDate(text: string, timeZone: string): Period | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const local = DateTime.fromISO(text, { zone: timeZone });
  return local.isValid ? period(local.startOf('week'), 'week') : null;
}

export function previousWeek(week: Period, timeZone: string): Period {
  return period(at(week.since, timeZone).minus({ weeks: 1 }), 'week');
}

export function nextWeek(week: Period, timeZone: string): Period {
  return period(at(week.since, timeZone).plus({ weeks: 1 }), 'week');
}

export function dayContaining(instant: Date, timeZone: string): Period {
  return period(at(instant, timeZone).startOf('day'), 'day');
}

export function monthContaining(instant: Date, timeZone: string): Period {
  return period(at(instant, timeZone).startOf('month'), 'month');
}

/** The local days of a period, each as a Period (7 for a week; 23 or 25 hours on DST days). */
export function daysOf(range: Period, timeZone: string): Period[] {
  const days: Period[] = [];
  for (let day = at(range.since, timeZone).startOf('day'); day.toJSDate() < range.until; day = day.plus({ days: 1 })) {
    days.push(period(day, 'day'));
  }
  return days;
}
