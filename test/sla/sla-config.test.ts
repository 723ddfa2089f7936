/** SLA settings: each grammar on its own, and through loadConfig, where a bad value names its variable and the bad part. */
import { describe, expect, it } from 'vitest';
import { loadConfig, type Environment } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { slaEnabled } from '../../src/sla/sla-config.js';
import { parseBusinessHours, parseDiscordOncall, parseDuration, parseHolidays, parseSlackOncall, parseTargets, parseWarnAt } from '../../src/sla/sla-parse.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function configError(env: Environment): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('durations', () => {
  it.each([
    ['15m', 15 * MIN],
    ['1h', HOUR],
    ['90m', 90 * MIN],
    ['1h30m', 90 * MIN],
    ['1d', 24 * HOUR],
    ['2d4h', 52 * HOUR],
    [' 1H ', HOUR],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: ms });
  });

  it.each(['', '15', 'm', '1.5h', '30m1h', '15x', '-5m', '0m', '1 h'])('%j is refused', (text) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
  });
});

describe('targets', () => {
  it('reads one target per urgency; an urgency left out has none; empty is off', () => {
    expect(parseTargets('urgent=15m,high=1h,normal=4h,low=1d')).toEqual({ ok: true, value: { urgent: 15 * MIN, high: HOUR, normal: 4 * HOUR, low: 24 * HOUR } });
    expect(parseTargets(' urgent = 15m , high=1h30m ')).toEqual({ ok: true, value: { urgent: 15 * MIN, high: 90 * MIN } });
    expect(parseTargets('')).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['crit=15m', /"crit=15m": unknown urgency "crit" \(expected low, normal, high, urgent\)/],
    ['urgent=15x', /"urgent=15x": "15x" is not a duration such as 15m/],
    ['urgent=15m,urgent=1h', /"urgent=1h": urgent is given twice/],
    ['urgent', /"urgent" should look like urgent=15m/],
    ['urgent=1=2', /"urgent=1=2" should look like urgent=15m/],
    ['urgent=0m', /"urgent=0m": "0m" must be longer than zero/],
  ])('%j is refused naming the bad part', (text, message) => {
    const result = parseTargets(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('business hours', () => {
  it('reads day ranges, several entries and several windows a day; empty is around the clock', () => {
    const week = parseBusinessHours('mon-thu 08:00-17:00,fri 08:00-12:00');
    expect(week.ok && week.value?.map((day) => day.map((w) => [w.startMinute, w.endMinute]))).toEqual([
      [[480, 1020]],
      [[480, 1020]],
      [[480, 1020]],
      [[480, 1020]],
      [[480, 720]],
      [],
      [],
    ]);
    const split = parseBusinessHours('mon-fri 09:00-12:00 13:00-18:00');
    expect(split.ok && split.value?.[0]).toEqual([
      { startMinute: 540, endMinute: 720 },
      { startMinute: 780, endMinute: 1080 },
    ]);
    const wrap = parseBusinessHours('sat-mon 10:00-24:00');
    expect(wrap.ok && wrap.value?.map((day) => day.length)).toEqual([1, 0, 0, 0, 0, 1, 1]);
    expect(parseBusinessHours('  ')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['mon-fri', /"mon-fri" should look like mon-fri 09:00-18:00/],
    ['mon-fry 09:00-18:00', /"mon-fry 09:00-18:00": "mon-fry" is not a day or day range/],
    ['mon-fri 9-18', /"9-18" is not a time range such as 09:00-18:00/],
    ['mon-fri 18:00-09:00', /ends before it starts.*split it at 24:00/],
    ['mon-fri 09:00-25:00', /"09:00-25:00" is not a time range/],
    ['mon-fri 09:00-18:00,fri 08:00-12:00', /"fri 08:00-12:00": 08:00-12:00 overlaps another window on fri/],
  ])('%j is refused naming the bad part', (text, message) => {
    const result = parseBusinessHours(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('holidays, warning share and on-call ids', () => {
  it('reads dates, sorted without repeats, and refuses what is not a date', () => {
    expect(parseHolidays('2027-01-01, 2026-12-25,2027-01-01')).toEqual({ ok: true, value: ['2026-12-25', '2027-01-01'] });
    expect(parseHolidays('2026-02-30')).toEqual({ ok: false, message: '"2026-02-30" is not a date such as 2026-12-25' });
    expect(parseHolidays('25.12.2026')).toMatchObject({ ok: false });
  });

  it('warns at 0.75 by default, and refuses a share outside (0, 1)', () => {
    expect(parseWarnAt('')).toEqual({ ok: true, value: 0.75 });
    expect(parseWarnAt('0.5')).toEqual({ ok: true, value: 0.5 });
    for (const bad of ['0', '1', '75', 'soon']) expect(parseWarnAt(bad).ok).toBe(false);
  });

  it('sorts Slack users from user groups and Discord users from roles', () => {
    expect(parseSlackOncall('U0ONCALL, S0SUPPORT,W0ENTERPRISE')).toEqual({ ok: true, value: { users: ['U0ONCALL', 'W0ENTERPRISE'], groups: ['S0SUPPORT'] } });
    expect(parseSlackOncall('@oncall')).toEqual({ ok: false, message: 'expected Slack user ids (U…) or user group ids (S…), got "@oncall"' });
    expect(parseDiscordOncall('810000000000000001,role:810000000000000002')).toEqual({
      ok: true,
      value: { users: ['810000000000000001'], roles: ['810000000000000002'] },
    });
    expect(parseDiscordOncall('role:oncall')).toMatchObject({ ok: false, message: expect.stringContaining('"role:oncall"') });
  });
});

describe('SLA settings in loadConfig', () => {
  it('is off with nothing set, in REPORT_TIMEZONE, warning at 75%', () => {
    const { sla } = loadConfig({});
    expect(slaEnabled(sla)).toBe(false);
    expect(sla).toMatchObject({ firstResponse: {}, resolution: {}, businessHours: null, holidays: [], timeZone: 'UTC', warnAt: 0.75 });
  });

  it('reads every SLA variable', () => {
    const { sla } = loadConfig({
      REPORT_TIMEZONE: 'Europe/Berlin',
      SLA_FIRST_RESPONSE: 'urgent=15m,high=1h',
      SLA_RESOLUTION: 'urgent=4h',
      SLA_BUSINESS_HOURS: 'mon-fri 09:00-18:00',
      SLA_HOLIDAYS: '2026-12-25',
      SLA_WARN_AT: '0.8',
      SLA_ONCALL_SLACK: 'S0ONCALL',
      SLA_ONCALL_DISCORD: 'role:810000000000000002',
    });
    expect(slaEnabled(sla)).toBe(true);
    expect(sla).toMatchObject({
      firstResponse: { urgent: 15 * MIN, high: HOUR },
      resolution: { urgent: 4 * HOUR },
      holidays: ['2026-12-25'],
      timeZone: 'Europe/Berlin',
      warnAt: 0.8,
      oncall: { slack: { users: [], groups: ['S0ONCALL'] }, discord: { users: [], roles: ['810000000000000002'] } },
    });
    expect(sla.businessHours?.[4]).toEqual([{ startMinute: 540, endMinute: 1080 }]);
  });

  it.each([
    ['SLA_FIRST_RESPONSE', 'urgent=15m,crit=1h', /^SLA_FIRST_RESPONSE: "crit=1h": unknown urgency "crit"/],
    ['SLA_RESOLUTION', 'low=forever', /^SLA_RESOLUTION: "low=forever": "forever" is not a duration/],
    ['SLA_BUSINESS_HOURS', 'weekdays 9 to 5', /^SLA_BUSINESS_HOURS: "weekdays 9 to 5": "weekdays" is not a day/],
    ['SLA_HOLIDAYS', 'christmas', /^SLA_HOLIDAYS: "christmas" is not a date/],
    ['SLA_WARN_AT', '75%', /^SLA_WARN_AT: expected a fraction above 0 and below 1 such as 0.75, got "75%"/],
    ['SLA_ONCALL_SLACK', 'oncall', /^SLA_ONCALL_SLACK: expected Slack user ids/],
    ['SLA_ONCALL_DISCORD', '123', /^SLA_ONCALL_DISCORD: expected Discord user ids or role:<id>/],
  ])('%s=%j is a ConfigError naming the variable and the bad part', (variable, value, message) => {
    const error = configError({ [variable]: value });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });
});
