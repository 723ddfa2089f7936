/** The words: durations, the alert (with the caller's mention first), and the card's SLA badge. */
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/present/duration.js';
import { PLAIN_DIALECT, renderRichText } from '../../src/present/rich-text.js';
import { slaBadge } from '../../src/present/sla-badge.js';
import { slaAlertMessage, slaAlertText } from '../../src/present/sla-text.js';
import { businessClock } from '../../src/sla/business-clock.js';
import { applySlaEvent } from '../../src/sla/sla-clock.js';
import { SLA_OFF, type SlaSettings } from '../../src/sla/sla-config.js';
import { parseBusinessHours } from '../../src/sla/sla-parse.js';
import type { SlaAlert, SlaEvent, SlaState } from '../../src/sla/sla-state.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (time: string): Date => new Date(`2026-11-24T${time}:00Z`);

describe('formatDuration', () => {
  it.each([
    [0, 'under 1 min'],
    [59_999, 'under 1 min'],
    [12 * MIN + 59_000, '12 min'],
    [-8 * MIN, '8 min'],
    [HOUR, '1 h'],
    [HOUR + 5 * MIN, '1 h 5 min'],
    [24 * HOUR, '1 d'],
    [52 * HOUR + 30 * MIN, '2 d 4 h'],
    [Number.NaN, '—'],
  ])('%d ms is %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

const alert = (overrides: Partial<SlaAlert> = {}): SlaAlert => ({
  ticketId: 12,
  urgency: 'urgent',
  kind: 'breach',
  clock: 'first_response',
  period: 1,
  dueAt: at('10:15'),
  targetMs: 15 * MIN,
  msLeft: -8 * MIN,
  ...overrides,
});

describe('slaAlertText', () => {
  it('says which ticket, its urgency, which clock, how overdue, the target and the deadline', () => {
    const text = slaAlertText(alert(), { timeZone: 'UTC', businessHours: false, now: at('10:23') });
    expect(renderRichText(text, PLAIN_DIALECT)).toBe('SLA breach: ticket #12 urgent, first reply 8 min overdue\nTarget 15 min; due 10:15 (UTC).');
    expect(text[0]).toEqual({ line: [{ strong: 'SLA breach' }, ': ticket ', { strong: '#12' }, ' ', { urgency: 'urgent' }, ', first reply 8 min overdue'] });
  });

  it('a warning says the time left; business time and another day are said so', () => {
    const warning = alert({ kind: 'warning', clock: 'resolution', msLeft: 3 * MIN, dueAt: new Date('2026-11-30T08:10:00Z'), targetMs: 4 * HOUR });
    const text = slaAlertText(warning, { timeZone: 'Europe/Berlin', businessHours: true, now: new Date('2026-11-27T17:00:00Z') });
    expect(renderRichText(text, PLAIN_DIALECT)).toBe('SLA warning: ticket #12 urgent, resolution due in 3 min\nTarget 4 h of business time; due Mon 30 Nov 09:10 (Europe/Berlin).');
  });

  it('without a target any more (settings changed) still gives the deadline', () => {
    const text = slaAlertText(alert({ targetMs: null }), { timeZone: 'UTC', businessHours: false, now: at('10:23') });
    expect(renderRichText(text, PLAIN_DIALECT).split('\n')[1]).toBe('Due 10:15 (UTC).');
  });

  it('puts the caller’s platform mention first, untouched by the dialect', () => {
    const text = slaAlertText(alert(), { timeZone: 'UTC', businessHours: false, now: at('10:23') });
    expect(slaAlertMessage(text, PLAIN_DIALECT, '<!subteam^S0ONCALL>')).toMatch(/^<!subteam\^S0ONCALL> SLA breach: ticket #12/);
    expect(slaAlertMessage(text, PLAIN_DIALECT, null)).toMatch(/^SLA breach/);
  });
});

describe('slaBadge', () => {
  const settings: SlaSettings = { ...SLA_OFF, firstResponse: { urgent: 15 * MIN }, resolution: { urgent: 4 * HOUR } };
  function state(...steps: [string, SlaEvent][]): SlaState {
    let current: SlaState | null = null;
    for (const [time, event] of steps) current = applySlaEvent(current, event, settings, at(time));
    return current as SlaState;
  }
  const OPEN: SlaEvent = { kind: 'opened', ticketId: 3, urgency: 'urgent' };

  it('shows the time left, turning to a warning and then overdue', () => {
    const open = state(['10:00', OPEN]);
    expect(slaBadge(open, at('10:03'))).toEqual({ text: 'first reply due in 12 min · resolution due in 3 h 57 min', tone: 'ok' });
    expect(slaBadge(open, at('10:12'))?.tone).toBe('warning');
    expect(slaBadge(open, at('10:23'))).toEqual({ text: 'first reply 8 min overdue · resolution due in 3 h 37 min', tone: 'overdue' });
  });

  it('shows how the reply went once sent, and the close', () => {
    const replied = state(['10:00', OPEN], ['10:04', { kind: 'reply_sent' }]);
    expect(slaBadge(replied, at('10:30'))).toEqual({ text: 'replied in 4 min · resolution due in 3 h 30 min', tone: 'ok' });
    const late = state(['10:00', OPEN], ['10:20', { kind: 'reply_sent' }], ['15:00', { kind: 'resolved' }]);
    expect(slaBadge(late, at('16:00'))).toEqual({ text: 'replied in 20 min (late) · resolved 1 h late', tone: 'ok' });
  });

  it('measures "replied in" in business time when given the clock', () => {
    const hours = parseBusinessHours('mon-fri 09:00-18:00');
    const business: SlaSettings = { ...settings, timeZone: 'Europe/Berlin', businessHours: hours.ok ? hours.value : null };
    let current = applySlaEvent(null, OPEN, business, new Date('2026-11-27T16:55:00Z')) as SlaState;
    current = applySlaEvent(current, { kind: 'reply_sent' }, business, new Date('2026-11-30T08:05:00Z')) as SlaState;
    expect(slaBadge(current, new Date('2026-11-30T08:06:00Z'), businessClock(business))?.text).toMatch(/^replied in 10 min · /);
  });

  it('is absent without a target', () => {
    expect(slaBadge(state(['10:00', { kind: 'opened', ticketId: 3, urgency: null }]), at('10:05'))).toBeNull();
  });
});
