/**
 * Business-time properties over random starts (weekends, nights, holidays and
 * both DST changes of 2026 included) and random amounts, on calendars in
 * Berlin, New York and around the clock with holidays. Seeded: a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessClock, type BusinessCalendar } from '../../src/sla/business-clock.js';
import { parseBusinessHours } from '../../src/sla/sla-parse.js';
import { PROPERTY } from '../support/arbitraries.js';

const HOUR = 3_600_000;

function calendar(hours: string, timeZone: string, holidays: string[]): BusinessCalendar {
  const parsed = parseBusinessHours(hours);
  if (!parsed.ok) throw new Error(parsed.message);
  return { businessHours: parsed.value, holidays, timeZone };
}

const CALENDARS: [string, BusinessCalendar][] = [
  ['Berlin mon-fri 09:00-18:00 + holidays', calendar('mon-fri 09:00-18:00', 'Europe/Berlin', ['2026-03-30', '2026-10-26', '2026-12-25'])],
  ['New York mon-thu 08:00-17:00, fri 08:00-12:00', calendar('mon-thu 08:00-17:00,fri 08:00-12:00', 'America/New_York', ['2026-11-26'])],
  ['New York with a window over the DST hour', calendar('sun 00:30-03:30 12:00-24:00,mon-sat 09:00-12:00 13:00-17:30', 'America/New_York', [])],
  ['around the clock with holidays', { businessHours: null, holidays: ['2026-03-29', '2026-10-25'], timeZone: 'Europe/Berlin' }],
];

// All of 2026 (both DST changes), to the millisecond.
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));
const amount = fc.oneof(fc.integer({ min: 0, max: 2 * HOUR }), fc.integer({ min: 0, max: 30 * 24 * HOUR }));

describe.each(CALENDARS)('business clock: %s', (_name, cal) => {
  const clock = businessClock(cal);

  it('the business time between a start and start + d is d', () => {
    fc.assert(
      fc.property(instant, amount, (start, d) => {
        expect(clock.businessTimeBetween(start, clock.addBusinessTime(start, d))).toBe(d);
      }),
      PROPERTY.heavy(1201),
    );
  });

  it('adding more business time never ends earlier, and never before the start', () => {
    fc.assert(
      fc.property(instant, amount, amount, (start, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        const early = clock.addBusinessTime(start, less).getTime();
        expect(early).toBeGreaterThanOrEqual(start.getTime());
        expect(clock.addBusinessTime(start, more).getTime()).toBeGreaterThanOrEqual(early);
      }),
      PROPERTY.heavy(1202),
    );
  });

  it('business time adds up over consecutive spans and never exceeds wall time', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const ab = clock.businessTimeBetween(a, b);
        expect(ab + clock.businessTimeBetween(b, c)).toBe(clock.businessTimeBetween(a, c));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime());
      }),
      PROPERTY.heavy(1203),
    );
  });

  it('adding in two steps is adding the sum', () => {
    fc.assert(
      fc.property(instant, amount, amount, (start, a, b) => {
        expect(clock.addBusinessTime(clock.addBusinessTime(start, a), b).getTime()).toBe(clock.addBusinessTime(start, a + b).getTime());
      }),
      PROPERTY.heavy(1204),
    );
  });
});
