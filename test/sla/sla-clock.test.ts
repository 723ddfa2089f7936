/** The clock rules, as a support lead expects them, on pure state: events in, state and due alerts out. */
import { describe, expect, it } from 'vitest';
import type { Urgency } from '../../src/domain/index.js';
import { applySlaEvent, dueAlerts, markAlerted, nextAlertAt } from '../../src/sla/sla-clock.js';
import { SLA_OFF, type SlaSettings } from '../../src/sla/sla-config.js';
import { parseBusinessHours } from '../../src/sla/sla-parse.js';
import type { SlaEvent, SlaState } from '../../src/sla/sla-state.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

const SETTINGS: SlaSettings = {
  ...SLA_OFF,
  firstResponse: { urgent: 15 * MIN, high: HOUR, normal: 4 * HOUR },
  resolution: { urgent: 4 * HOUR, high: 8 * HOUR, normal: 24 * HOUR },
};

const BUSINESS: SlaSettings = {
  ...SETTINGS,
  businessHours: (parseBusinessHours('mon-fri 09:00-18:00') as { ok: true; value: SlaSettings['businessHours'] }).value,
  timeZone: 'Europe/Berlin',
};

/** Tuesday 2026-11-24, UTC. */
const at = (time: string): Date => new Date(`2026-11-24T${time}:00Z`);

/** Plays events on a fresh ticket: [time, event] pairs, the first being `opened`. */
function play(settings: SlaSettings, ...steps: [string, SlaEvent][]): SlaState {
  let state: SlaState | null = null;
  for (const [time, event] of steps) state = applySlaEvent(state, event, settings, at(time));
  if (!state) throw new Error('no state');
  return state;
}

const opened = (urgency: Urgency | null = 'urgent'): SlaEvent => ({ kind: 'opened', ticketId: 7, urgency });
const urgency = (value: Urgency | null): SlaEvent => ({ kind: 'urgency_changed', urgency: value });
const REPLY: SlaEvent = { kind: 'reply_sent' };
const CLOSE: SlaEvent = { kind: 'resolved' };
const CUSTOMER: SlaEvent = { kind: 'customer_message' };

const kinds = (state: SlaState, time: string, settings = SETTINGS) => dueAlerts(state, settings, at(time)).map((alert) => `${alert.clock}:${alert.kind}`);

describe('opening and triage', () => {
  it('starts both clocks at the opening; deadlines wait for the urgency, then count from the opening', () => {
    const untriaged = play(SETTINGS, ['10:00', opened(null)]);
    expect(untriaged).toMatchObject({ openedAt: at('10:00'), responseStartedAt: at('10:00'), responsePeriod: 1, firstResponseDueAt: null, resolutionDueAt: null, nextAlertAt: null });
    const triaged = play(SETTINGS, ['10:00', opened(null)], ['10:02', urgency('urgent')]);
    expect(triaged.firstResponseDueAt).toEqual(at('10:15'));
    expect(triaged.firstResponseWarnAt).toEqual(new Date(at('10:00').getTime() + 11.25 * MIN));
    expect(triaged.resolutionDueAt).toEqual(at('14:00'));
    expect(triaged.resolutionWarnAt).toEqual(at('13:00'));
    expect(triaged.nextAlertAt).toEqual(triaged.firstResponseWarnAt);
  });

  it('a second `opened` (a redelivery) changes nothing; other events on no state give no state', () => {
    const state = play(SETTINGS, ['10:00', opened()]);
    expect(applySlaEvent(state, opened('low'), SETTINGS, at('10:05'))).toBe(state);
    expect(applySlaEvent(null, REPLY, SETTINGS, at('10:05'))).toBeNull();
  });

  it('an urgency without a target has no deadline on that clock, and SLA off has none at all', () => {
    const low = play(SETTINGS, ['10:00', opened('low')]);
    expect(low).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, nextAlertAt: null });
    expect(play(SLA_OFF, ['10:00', opened('urgent')]).nextAlertAt).toBeNull();
    expect(kinds(low, '23:00')).toEqual([]);
  });
});

describe('warnings and breaches', () => {
  it('warns at 75% and breaches at 100% of each clock, each once', () => {
    let state = play(SETTINGS, ['10:00', opened()]);
    expect(kinds(state, '10:11')).toEqual([]);
    expect(kinds(state, '10:12')).toEqual(['first_response:warning']);
    state = markAlerted(state, { clock: 'first_response', kind: 'warning', period: 1 });
    expect(kinds(state, '10:14')).toEqual([]);
    expect(state.nextAlertAt).toEqual(at('10:15'));
    const [breach] = dueAlerts(state, SETTINGS, at('10:23'));
    expect(breach).toMatchObject({ ticketId: 7, urgency: 'urgent', kind: 'breach', clock: 'first_response', period: 1, dueAt: at('10:15'), targetMs: 15 * MIN, msLeft: -8 * MIN });
    state = markAlerted(state, { clock: 'first_response', kind: 'breach', period: 1 });
    expect(kinds(state, '12:00')).toEqual([]);
    expect(kinds(state, '13:00')).toEqual(['resolution:warning']);
    expect(state.nextAlertAt).toEqual(at('13:00'));
  });

  it('a breach found late stands for its warning too: one alert, both flags', () => {
    let state = play(SETTINGS, ['10:00', opened()]);
    expect(kinds(state, '10:30')).toEqual(['first_response:breach']);
    state = markAlerted(state, { clock: 'first_response', kind: 'breach', period: 1 });
    expect(state).toMatchObject({ warnedFirst: true, breachedFirst: true });
    expect(kinds(state, '10:45')).toEqual([]);
  });

  it('an alert of an earlier period marks nothing', () => {
    const state = play(SETTINGS, ['10:00', opened()], ['10:05', REPLY], ['10:20', CUSTOMER]);
    expect(markAlerted(state, { clock: 'first_response', kind: 'warning', period: 1 })).toBe(state);
  });
});

describe('a reply', () => {
  it('stops the first-response clock as met; the resolution clock runs on', () => {
    const state = play(SETTINGS, ['10:00', opened()], ['10:04', REPLY]);
    expect(state).toMatchObject({ firstRespondedAt: at('10:04'), firstReplyAt: at('10:04'), responsesMet: 1, responsesBreached: 0 });
    expect(kinds(state, '10:30')).toEqual([]);
    expect(kinds(state, '14:30')).toEqual(['resolution:breach']);
  });

  it('after the deadline is recorded as breached', () => {
    expect(play(SETTINGS, ['10:00', opened()], ['10:40', REPLY])).toMatchObject({ responsesMet: 0, responsesBreached: 1 });
  });

  it('a second reply in the same period changes nothing', () => {
    const state = play(SETTINGS, ['10:00', opened()], ['10:04', REPLY]);
    expect(applySlaEvent(state, REPLY, SETTINGS, at('10:30'))).toBe(state);
  });
});

describe('the customer writes again', () => {
  it('after a reply: a new awaiting-reply period with its own deadline and fresh flags; resolution continues', () => {
    let state = play(SETTINGS, ['10:00', opened()], ['10:30', REPLY]);
    state = markAlerted(markAlerted(state, { clock: 'first_response', kind: 'breach', period: 1 }), { clock: 'resolution', kind: 'warning', period: 1 });
    state = applySlaEvent(state, CUSTOMER, SETTINGS, at('11:00')) as SlaState;
    expect(state).toMatchObject({
      responsePeriod: 2,
      responseStartedAt: at('11:00'),
      firstRespondedAt: null,
      firstResponseDueAt: at('11:15'),
      warnedFirst: false,
      breachedFirst: false,
      firstReplyAt: at('10:30'),
      resolutionDueAt: at('14:00'),
      warnedResolution: true,
    });
    expect(kinds(state, '11:12')).toEqual(['first_response:warning']);
    expect(dueAlerts(state, SETTINGS, at('11:12'))[0]?.period).toBe(2);
  });

  it('while a reply is still awaited: nothing changes, the oldest message sets the clock', () => {
    const state = play(SETTINGS, ['10:00', opened()]);
    expect(applySlaEvent(state, CUSTOMER, SETTINGS, at('10:10'))).toBe(state);
  });

  it('after a close: the ticket reopens, the resolution deadline moves by the time it was closed', () => {
    const state = play(SETTINGS, ['10:00', opened()], ['10:05', REPLY], ['11:00', CLOSE], ['12:30', CUSTOMER]);
    expect(state).toMatchObject({ resolvedAt: null, resolutionPausedMs: 90 * MIN, resolutionDueAt: at('15:30'), resolutionWarnAt: at('14:30') });
    expect(state).toMatchObject({ responsePeriod: 2, responseStartedAt: at('12:30'), firstResponseDueAt: at('12:45') });
    expect(kinds(state, '15:31')).toEqual(['first_response:breach', 'resolution:breach']);
  });

  it('after a close over a weekend with business hours: only business time closed is added', () => {
    // Opened Friday 2026-11-27 10:00 Berlin (09:00Z), closed at 12:00 with 2 of its 4 hours left, reopened Monday 10:00:
    // 6 business hours on Friday and 1 on Monday were closed; the 2 hours left run to Monday 12:00.
    let state = applySlaEvent(null, opened('urgent'), BUSINESS, new Date('2026-11-27T09:00:00Z')) as SlaState;
    state = applySlaEvent(state, CLOSE, BUSINESS, new Date('2026-11-27T11:00:00Z')) as SlaState;
    state = applySlaEvent(state, CUSTOMER, BUSINESS, new Date('2026-11-30T09:00:00Z')) as SlaState;
    expect(state.resolutionPausedMs).toBe(7 * HOUR);
    expect(state.resolutionDueAt).toEqual(new Date('2026-11-30T11:00:00Z'));
  });
});

describe('a close', () => {
  it('stops the resolution clock (and a running first-response clock): no alerts after', () => {
    const state = play(SETTINGS, ['10:00', opened()], ['10:04', REPLY], ['11:00', CLOSE]);
    expect(state.resolvedAt).toEqual(at('11:00'));
    expect(state.nextAlertAt).toBeNull();
    expect(kinds(state, '23:00')).toEqual([]);
    expect(applySlaEvent(state, CLOSE, SETTINGS, at('12:00'))).toBe(state);
  });

  it('unanswered before the deadline is not counted; after it, a breach', () => {
    expect(play(SETTINGS, ['10:00', opened()], ['10:05', CLOSE])).toMatchObject({ responsesMet: 0, responsesBreached: 0 });
    expect(play(SETTINGS, ['10:00', opened()], ['10:20', CLOSE])).toMatchObject({ responsesMet: 0, responsesBreached: 1 });
  });
});

describe('an urgency change', () => {
  it('recomputes deadlines from the original start: an escalation past its new deadline is breached at once', () => {
    let state = play(SETTINGS, ['10:00', opened('normal')]);
    expect(state.firstResponseDueAt).toEqual(at('14:00'));
    state = applySlaEvent(state, urgency('urgent'), SETTINGS, at('10:30')) as SlaState;
    expect(state).toMatchObject({ urgency: 'urgent', firstResponseDueAt: at('10:15'), resolutionDueAt: at('14:00') });
    expect(state.nextAlertAt).toEqual(state.firstResponseWarnAt);
    expect(kinds(state, '10:30')).toEqual(['first_response:breach']);
  });

  it('keeps the flags: a downgrade after a warning does not warn again in the same period', () => {
    let state = play(SETTINGS, ['10:00', opened('urgent')]);
    state = markAlerted(state, { clock: 'first_response', kind: 'warning', period: 1 });
    state = applySlaEvent(state, urgency('normal'), SETTINGS, at('10:13')) as SlaState;
    expect(state.firstResponseDueAt).toEqual(at('14:00'));
    expect(kinds(state, '13:30')).toEqual([]);
    expect(kinds(state, '14:00')).toEqual(['first_response:breach']);
  });

  it('of the running period only: a finished period keeps the deadline it was judged by', () => {
    let state = play(SETTINGS, ['10:00', opened('urgent')], ['10:10', REPLY]);
    state = applySlaEvent(state, urgency('normal'), SETTINGS, at('10:30')) as SlaState;
    expect(state.firstResponseDueAt).toEqual(at('10:15'));
    expect(state.resolutionDueAt).toEqual(new Date('2026-11-25T10:00:00Z'));
  });

  it('to one without a target stops that clock; the same urgency again changes nothing', () => {
    const state = play(SETTINGS, ['10:00', opened('urgent')]);
    expect(applySlaEvent(state, urgency('urgent'), SETTINGS, at('10:05'))).toBe(state);
    const low = applySlaEvent(state, urgency('low'), SETTINGS, at('10:05')) as SlaState;
    expect(low).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, nextAlertAt: null });
  });
});

describe('business hours', () => {
  it('a ticket opened Friday 17:55 (Berlin) with 15 min is due Monday 09:10, and warned Monday 09:06:15', () => {
    const state = applySlaEvent(null, opened('urgent'), BUSINESS, new Date('2026-11-27T16:55:00Z')) as SlaState;
    expect(state.firstResponseDueAt).toEqual(new Date('2026-11-30T08:10:00Z'));
    expect(state.firstResponseWarnAt).toEqual(new Date('2026-11-30T08:06:15Z'));
    expect(dueAlerts(state, BUSINESS, new Date('2026-11-27T17:30:00Z'))).toEqual([]);
    expect(dueAlerts(state, BUSINESS, new Date('2026-11-28T12:00:00Z'))).toEqual([]);
  });
});

describe('nextAlertAt', () => {
  it('is the earliest unsent moment over the running clocks', () => {
    let state = play(SETTINGS, ['10:00', opened('urgent')]);
    expect(nextAlertAt(state)).toEqual(state.firstResponseWarnAt);
    state = applySlaEvent(state, REPLY, SETTINGS, at('10:01')) as SlaState;
    expect(nextAlertAt(state)).toEqual(at('13:00'));
    state = markAlerted(state, { clock: 'resolution', kind: 'warning', period: 1 });
    expect(nextAlertAt(state)).toEqual(at('14:00'));
    state = markAlerted(state, { clock: 'resolution', kind: 'breach', period: 1 });
    expect(nextAlertAt(state)).toBeNull();
  });
});
