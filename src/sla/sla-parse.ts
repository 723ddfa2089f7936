/**
 * Parsers for the SLA settings, one per setting, each total: a result with
 * the value or a message naming the part that is wrong (the config wraps it
 * with the variable's name). Kept apart from zod so each grammar can be
 * tested on its own and reused (a `/triage` command could read a target).
 */
import { DateTime } from 'luxon';
import { URGENCIES, isUrgency, type Urgency } from '../domain/index.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A target per urgency in milliseconds; an urgency left out has no target. */
export type SlaTargets = Partial<Record<Urgency, number>>;

/** One span of business time within a day, in minutes after local midnight (end may be 1440). */
export interface DayWindow {
  startMinute: number;
  endMinute: number;
}

/** Business hours per weekday, Monday first (luxon's weekday − 1); an empty day is closed. */
export type WeeklyHours = readonly (readonly DayWindow[])[];

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/**
 * `15m`, `1h`, `90m`, `1h30m`, `2d4h`, in that unit order. A day is 24
 * hours of whatever the clock counts: with business hours set, `1d` is 24
 * business hours, not "the next working day" (write `9h` for that).
 */
export function parseDuration(text: string): Parsed<number> {
  const match = DURATION.exec(text.trim().toLowerCase());
  if (!match || text.trim() === '') return fail(`"${text.trim()}" is not a duration such as 15m, 1h, 1h30m or 1d`);
  const [, days = '0', hours = '0', minutes = '0'] = match;
  const ms = Number(days) * DAY_MS + Number(hours) * HOUR_MS + Number(minutes) * MINUTE_MS;
  if (ms <= 0) return fail(`"${text.trim()}" must be longer than zero`);
  return ok(ms);
}

/** `urgent=15m,high=1h,normal=4h,low=1d`; empty: no targets (this clock is off). */
export function parseTargets(text: string): Parsed<SlaTargets> {
  const targets: SlaTargets = {};
  for (const part of splitList(text)) {
    const [key, value, ...rest] = part.split('=').map((piece) => piece.trim());
    if (value === undefined || rest.length > 0 || key === '') return fail(`"${part}" should look like urgent=15m`);
    const urgency = key?.toLowerCase();
    if (!isUrgency(urgency)) return fail(`"${part}": unknown urgency "${key}" (expected ${URGENCIES.join(', ')})`);
    if (targets[urgency] !== undefined) return fail(`"${part}": ${urgency} is given twice`);
    const duration = parseDuration(value);
    if (!duration.ok) return fail(`"${part}": ${duration.message}`);
    targets[urgency] = duration.value;
  }
  return ok(targets);
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const FULL_DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

function dayIndex(name: string): number {
  const lower = name.toLowerCase();
  const short = DAY_NAMES.indexOf(lower as (typeof DAY_NAMES)[number]);
  return short >= 0 ? short : FULL_DAY_NAMES.indexOf(lower as (typeof FULL_DAY_NAMES)[number]);
}

/** `mon`, `sat-sun`, `fri-mon` (wraps over the weekend): the weekday indexes it names. */
function parseDays(text: string): Parsed<number[]> {
  const [from, to, ...rest] = text.split('-');
  const first = dayIndex(from ?? '');
  const last = to === undefined ? first : dayIndex(to);
  if (rest.length > 0 || first < 0 || last < 0) return fail(`"${text}" is not a day or day range such as mon-fri (days: ${DAY_NAMES.join(', ')})`);
  const days: number[] = [];
  for (let day = first; ; day = (day + 1) % 7) {
    days.push(day);
    if (day === last) break;
  }
  return ok(days);
}

/** `09:00`, `9:00`, `24:00` (the end of the day): minutes after midnight. */
function parseClockTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

function parseWindow(text: string): Parsed<DayWindow> {
  const [from, to, ...rest] = text.split('-');
  const startMinute = parseClockTime(from ?? '');
  const endMinute = to === undefined ? null : parseClockTime(to);
  if (rest.length > 0 || startMinute === null || endMinute === null) return fail(`"${text}" is not a time range such as 09:00-18:00`);
  // Overnight shifts are two entries (mon-fri 22:00-24:00 and tue-sat 00:00-06:00): each window stays in one day.
  if (endMinute <= startMinute) return fail(`"${text}" ends before it starts (a window cannot cross midnight: split it at 24:00)`);
  return ok({ startMinute, endMinute });
}

/**
 * `mon-fri 09:00-18:00`, `mon-thu 08:00-17:00,fri 08:00-12:00`, several
 * windows a day with spaces (`mon-fri 09:00-12:00 13:00-18:00`); empty:
 * null, around the clock. Overlapping windows are refused: they are a typo
 * more often than a wish, and a merged window would hide it.
 */
export function parseBusinessHours(text: string): Parsed<WeeklyHours | null> {
  const entries = splitList(text);
  if (entries.length === 0) return ok(null);
  const week: DayWindow[][] = DAY_NAMES.map(() => []);
  for (const entry of entries) {
    const [dayText = '', ...windowTexts] = entry.split(/\s+/);
    if (windowTexts.length === 0) return fail(`"${entry}" should look like mon-fri 09:00-18:00`);
    const days = parseDays(dayText);
    if (!days.ok) return fail(`"${entry}": ${days.message}`);
    for (const windowText of windowTexts) {
      const window = parseWindow(windowText);
      if (!window.ok) return fail(`"${entry}": ${window.message}`);
      for (const day of days.value) {
        const windows = week[day] as DayWindow[];
        const clash = windows.find((other) => window.value.startMinute < other.endMinute && other.startMinute < window.value.endMinute);
        if (clash) return fail(`"${entry}": ${windowText} overlaps another window on ${DAY_NAMES[day]}`);
        windows.push(window.value);
      }
    }
  }
  for (const windows of week) windows.sort((a, b) => a.startMinute - b.startMinute);
  return ok(week);
}

/** `2026-12-25,2027-01-01`: calendar dates in the SLA zone, sorted, without repeats. */
export function parseHolidays(text: string): Parsed<string[]> {
  const dates = new Set<string>();
  for (const part of splitList(text)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(part) || !DateTime.fromISO(part, { zone: 'utc' }).isValid) {
      return fail(`"${part}" is not a date such as 2026-12-25`);
    }
    dates.add(part);
  }
  return ok([...dates].sort());
}

/** A fraction of a target at which the warning goes out: above 0, below 1; empty: 0.75. */
export function parseWarnAt(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return ok(0.75);
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0 || value >= 1) return fail(`expected a fraction above 0 and below 1 such as 0.75, got "${trimmed}"`);
  return ok(value);
}

export interface SlackOncall {
  users: string[];
  /** User groups (`S…`), mentioned as a group. */
  groups: string[];
}

/** Slack user ids (`U…`, `W…`) and user group ids (`S…`), as in SLACK_REVIEWERS. */
export function parseSlackOncall(text: string): Parsed<SlackOncall> {
  const oncall: SlackOncall = { users: [], groups: [] };
  for (const id of splitList(text)) {
    if (/^S[A-Z0-9]{2,}$/.test(id)) oncall.groups.push(id);
    else if (/^[UW][A-Z0-9]{2,}$/.test(id)) oncall.users.push(id);
    else return fail(`expected Slack user ids (U…) or user group ids (S…), got "${id}"`);
  }
  return ok(oncall);
}

export interface DiscordOncall {
  users: string[];
  roles: string[];
}

/**
 * Discord snowflakes. A user id and a role id look alike and are mentioned
 * differently (`<@id>`, `<@&id>`), so roles are written `role:<id>`: the
 * config cannot ask Discord which one an id is.
 */
export function parseDiscordOncall(text: string): Parsed<DiscordOncall> {
  const oncall: DiscordOncall = { users: [], roles: [] };
  for (const item of splitList(text)) {
    const role = /^role:\s*(.*)$/i.exec(item);
    const id = role ? (role[1] ?? '') : item;
    if (!/^\d{17,20}$/.test(id)) return fail(`expected Discord user ids or role:<id> (17–20 digit snowflakes), got "${item}"`);
    (role ? oncall.roles : oncall.users).push(id);
  }
  return ok(oncall);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
