/** Attainment per urgency: met, breached, open and on time per clock; median and p90 time to first response in business time. */
import { describe, expect, it } from 'vitest';
import type { Urgency } from '../../src/domain/index.js';
import { percentile, slaAttainment } from '../../src/sla/sla-attainment.js';
import { applySlaEvent } from '../../src/sla/sla-clock.js';
import { SLA_OFF, type SlaSettings } from '../../src/sla/sla-config.js';
import { parseBusinessHours } from '../../src/sla/sla-parse.js';
import type { SlaEvent, SlaState } from '../../src/sla/sla-state.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SETTINGS: SlaSettings = { ...SLA_OFF, firstResponse: { urgent: 15 * MIN, high: HOUR }, resolution: { urgent: 4 * HOUR, high: 8 * HOUR } };
const at = (time: string): Date => new Date(`2026-11-24T${time}:00Z`);

let nextId = 1;
function ticket(settings: SlaSettings, urgency: Urgency | null, ...steps: [string | Date, SlaEvent['kind']][]): SlaState {
  const id = nextId++;
  let state: SlaState | null = null;
  for (const [time, kind] of steps) {
    const event: SlaEvent = kind === 'opened' ? { kind, ticketId: id, urgency } : kind === 'urgency_changed' ? { kind, urgency } : { kind };
    state = applySlaEvent(state, event, settings, typeof time === 'string' ? at(time) : time);
  }
  return state as SlaState;
}

describe('slaAttainment', () => {
  it('counts periods for first response, tickets for resolution, most urgent first', () => {
    const states = [
      ticket(SETTINGS, 'urgent', ['10:00', 'opened'], ['10:05', 'reply_sent'], ['11:00', 'resolved']),
      ticket(SETTINGS, 'urgent', ['10:00', 'opened'], ['10:30', 'reply_sent'], ['11:00', 'customer_message'], ['11:10', 'reply_sent']),
      ticket(SETTINGS, 'urgent', ['12:50', 'opened']),
      ticket(SETTINGS, 'urgent', ['12:00', 'opened']),
      ticket(SETTINGS, 'high', ['09:00', 'opened'], ['09:20', 'reply_sent']),
      ticket(SETTINGS, null, ['09:00', 'opened']),
    ];
    expect(slaAttainment(states, SETTINGS, at('13:00'))).toEqual([
      {
        urgency: 'urgent',
        tickets: 4,
        firstResponse: { met: 2, breached: 2, openOnTime: 1 },
        resolution: { met: 1, breached: 0, openOnTime: 3 },
        timeToFirstResponse: { replied: 2, medianMs: 5 * MIN, p90Ms: 30 * MIN },
      },
      {
        urgency: 'high',
        tickets: 1,
        firstResponse: { met: 1, breached: 0, openOnTime: 0 },
        resolution: { met: 0, breached: 0, openOnTime: 1 },
        timeToFirstResponse: { replied: 1, medianMs: 20 * MIN, p90Ms: 20 * MIN },
      },
    ]);
  });

  it('counts a resolution closed late, or still open past its deadline, as breached', () => {
    const states = [
      ticket(SETTINGS, 'urgent', ['08:00', 'opened'], ['08:05', 'reply_sent'], ['12:30', 'resolved']),
      ticket(SETTINGS, 'urgent', ['08:00', 'opened'], ['08:05', 'reply_sent']),
    ];
    expect(slaAttainment(states, SETTINGS, at('13:00'))[0]?.resolution).toEqual({ met: 0, breached: 2, openOnTime: 0 });
  });

  it('measures time to first response in business time: Friday 17:55 answered Monday 09:05 took 10 min', () => {
    const hours = parseBusinessHours('mon-fri 09:00-18:00');
    const business: SlaSettings = { ...SETTINGS, timeZone: 'Europe/Berlin', businessHours: hours.ok ? hours.value : null };
    const state = ticket(business, 'urgent', [new Date('2026-11-27T16:55:00Z'), 'opened'], [new Date('2026-11-30T08:05:00Z'), 'reply_sent']);
    const [row] = slaAttainment([state], business, new Date('2026-11-30T12:00:00Z'));
    expect(row?.timeToFirstResponse).toEqual({ replied: 1, medianMs: 10 * MIN, p90Ms: 10 * MIN });
    expect(row?.firstResponse).toEqual({ met: 1, breached: 0, openOnTime: 0 });
  });

  it('is empty for no tickets', () => {
    expect(slaAttainment([], SETTINGS, at('13:00'))).toEqual([]);
  });
});

describe('percentile (nearest rank)', () => {
  it('is always one of the values', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.9)).toBe(9);
    expect(percentile([42], 0.9)).toBe(42);
    expect(percentile([], 0.5)).toBeNull();
  });
});
