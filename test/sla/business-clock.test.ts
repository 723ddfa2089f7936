/** Business time: weekends, holidays, starts outside hours, and DST changes in Europe/Berlin and America/New_York. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { businessClock, type BusinessCalendar } from '../../src/sla/business-clock.js';
import { parseBusinessHours } from '../../src/sla/sla-parse.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function calendar(hours: string, timeZone: string, holidays: string[] = []): BusinessCalendar {
  const parsed = parseBusinessHours(hours);
  if (!parsed.ok) throw new Error(parsed.message);
  return { businessHours: parsed.value, holidays, timeZone };
}

/** A local time in `zone` as an instant. */
const local = (iso: string, zone: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
/** An instant as local time in `zone`, to the minute. */
const shown = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toFormat("ccc yyyy-LL-dd'T'HH:mm");

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('business hours mon-fri 09:00-18:00 (Berlin)', () => {
  const clock = businessClock(calendar('mon-fri 09:00-18:00', BERLIN, ['2026-12-25']));

  it('counts within a day, and up to the closing time, not past it', () => {
    expect(shown(clock.addBusinessTime(local('2026-11-24T10:00', BERLIN), 15 * MIN), BERLIN)).toBe('Tue 2026-11-24T10:15');
    expect(shown(clock.addBusinessTime(local('2026-11-24T17:00', BERLIN), HOUR), BERLIN)).toBe('Tue 2026-11-24T18:00');
    expect(shown(clock.addBusinessTime(local('2026-11-24T17:00', BERLIN), HOUR + MIN), BERLIN)).toBe('Wed 2026-11-25T09:01');
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(shown(clock.addBusinessTime(local('2026-11-24T07:00', BERLIN), 15 * MIN), BERLIN)).toBe('Tue 2026-11-24T09:15');
    expect(shown(clock.addBusinessTime(local('2026-11-24T19:30', BERLIN), 15 * MIN), BERLIN)).toBe('Wed 2026-11-25T09:15');
    expect(shown(clock.addBusinessTime(local('2026-11-28T10:00', BERLIN), 15 * MIN), BERLIN)).toBe('Mon 2026-11-30T09:15');
  });

  it('skips the weekend: Friday 17:55 + 15 min is Monday 09:10', () => {
    const due = clock.addBusinessTime(local('2026-11-27T17:55', BERLIN), 15 * MIN);
    expect(shown(due, BERLIN)).toBe('Mon 2026-11-30T09:10');
    expect(clock.businessTimeBetween(local('2026-11-27T17:55', BERLIN), local('2026-11-28T12:00', BERLIN))).toBe(5 * MIN);
  });

  it('skips holidays: Thursday 17:00 + 2 h before Christmas Friday is Monday 10:00', () => {
    expect(shown(clock.addBusinessTime(local('2026-12-24T17:00', BERLIN), 2 * HOUR), BERLIN)).toBe('Mon 2026-12-28T10:00');
    expect(clock.businessTimeBetween(local('2026-12-24T00:00', BERLIN), local('2026-12-28T00:00', BERLIN))).toBe(9 * HOUR);
  });

  it('measures backwards as negative, and zero as zero', () => {
    const a = local('2026-11-24T10:00', BERLIN);
    const b = local('2026-11-24T12:30', BERLIN);
    expect(clock.businessTimeBetween(b, a)).toBe(-150 * MIN);
    expect(clock.businessTimeBetween(a, a)).toBe(0);
    expect(clock.addBusinessTime(a, 0)).toEqual(a);
    expect(() => clock.addBusinessTime(a, -1)).toThrow(RangeError);
  });

  it('keeps local opening times across the spring-forward weekend (CET → CEST)', () => {
    // Friday 17:00 CET + 2 h = Monday 10:00 CEST: 64 wall-clock hours later, not 65.
    const start = local('2026-03-27T17:00', BERLIN);
    const due = clock.addBusinessTime(start, 2 * HOUR);
    expect(shown(due, BERLIN)).toBe('Mon 2026-03-30T10:00');
    expect(due.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(due.getTime() - start.getTime()).toBe(64 * HOUR);
  });

  it('keeps local opening times across the fall-back weekend (CEST → CET)', () => {
    const start = local('2026-10-23T17:00', BERLIN);
    const due = clock.addBusinessTime(start, 2 * HOUR);
    expect(shown(due, BERLIN)).toBe('Mon 2026-10-26T10:00');
    expect(due.getTime() - start.getTime()).toBe(66 * HOUR);
  });
});

describe('windows the DST change falls in', () => {
  it('a Sunday open all day in Berlin has 23 business hours in March and 25 in October', () => {
    const clock = businessClock(calendar('sun 00:00-24:00', BERLIN));
    expect(clock.businessTimeBetween(local('2026-03-29T00:00', BERLIN), local('2026-03-30T00:00', BERLIN))).toBe(23 * HOUR);
    expect(clock.businessTimeBetween(local('2026-10-25T00:00', BERLIN), local('2026-10-26T00:00', BERLIN))).toBe(25 * HOUR);
    expect(shown(clock.addBusinessTime(local('2026-03-29T00:00', BERLIN), 23 * HOUR), BERLIN)).toBe('Mon 2026-03-30T00:00');
  });

  it('New York 01:00-03:00 on a DST Sunday is 1 h in March (02:00 skipped) and 3 h in November (01:00 twice)', () => {
    const clock = businessClock(calendar('sun 01:00-03:00', NEW_YORK));
    expect(clock.businessTimeBetween(local('2026-03-08T00:00', NEW_YORK), local('2026-03-09T00:00', NEW_YORK))).toBe(HOUR);
    expect(clock.businessTimeBetween(local('2026-11-01T00:00', NEW_YORK), local('2026-11-02T00:00', NEW_YORK))).toBe(3 * HOUR);
    expect(clock.businessTimeBetween(local('2026-11-08T00:00', NEW_YORK), local('2026-11-09T00:00', NEW_YORK))).toBe(2 * HOUR);
  });

  it('New York mon-thu 08:00-17:00, fri 08:00-12:00: a Friday 11:30 + 1 h over the spring-forward weekend is Monday 08:30 EDT', () => {
    const clock = businessClock(calendar('mon-thu 08:00-17:00,fri 08:00-12:00', NEW_YORK));
    const due = clock.addBusinessTime(local('2026-03-06T11:30', NEW_YORK), HOUR);
    expect(shown(due, NEW_YORK)).toBe('Mon 2026-03-09T08:30');
    expect(due.toISOString()).toBe('2026-03-09T12:30:00.000Z');
  });
});

describe('around the clock', () => {
  it('is wall time without business hours or holidays, DST or not', () => {
    const clock = businessClock({ businessHours: null, holidays: [], timeZone: BERLIN });
    const start = local('2026-03-28T12:00', BERLIN);
    expect(clock.addBusinessTime(start, 24 * HOUR).getTime() - start.getTime()).toBe(24 * HOUR);
    expect(shown(clock.addBusinessTime(start, 24 * HOUR), BERLIN)).toBe('Sun 2026-03-29T13:00');
  });

  it('with holidays only, skips those days whole and counts the rest as wall time', () => {
    const clock = businessClock({ businessHours: null, holidays: ['2026-12-25'], timeZone: BERLIN });
    expect(shown(clock.addBusinessTime(local('2026-12-24T23:00', BERLIN), 2 * HOUR), BERLIN)).toBe('Sat 2026-12-26T01:00');
    // Across the spring-forward night it still counts real time.
    const start = local('2026-03-28T12:00', BERLIN);
    expect(clock.addBusinessTime(start, 24 * HOUR).getTime() - start.getTime()).toBe(24 * HOUR);
  });

  it('refuses to search forever when no day has business time', () => {
    const closed = { businessHours: Array.from({ length: 7 }, () => []), holidays: [], timeZone: 'UTC' };
    expect(() => businessClock(closed).addBusinessTime(new Date('2026-01-01T00:00:00Z'), MIN)).toThrow(/no business time/);
  });
});
