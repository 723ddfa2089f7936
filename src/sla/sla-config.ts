/**
 * The SLA settings: a zod fragment that src/config.ts spreads into its
 * environment schema (so a bad value is reported with every other problem,
 * naming its variable), and the `SlaSettings` the rest of the bot reads.
 * The zone is REPORT_TIMEZONE, passed in: one zone for reports, budgets and SLAs.
 */
import { z } from 'zod';
import {
  parseBusinessHours,
  parseDiscordOncall,
  parseHolidays,
  parseSlackOncall,
  parseTargets,
  parseWarnAt,
  type DiscordOncall,
  type Parsed,
  type SlackOncall,
  type SlaTargets,
  type WeeklyHours,
} from './sla-parse.js';

export type { DayWindow, DiscordOncall, SlackOncall, SlaTargets, WeeklyHours } from './sla-parse.js';

export interface SlaSettings {
  /** Milliseconds per urgency until the first reply; empty: the first-response clock is off. */
  firstResponse: SlaTargets;
  /** Milliseconds per urgency until the ticket is resolved; empty: the resolution clock is off. */
  resolution: SlaTargets;
  /** Null: targets count around the clock. */
  businessHours: WeeklyHours | null;
  /** ISO dates (in `timeZone`) that count as closed all day. */
  holidays: readonly string[];
  /** IANA zone of the business hours and holidays (REPORT_TIMEZONE). */
  timeZone: string;
  /** Fraction of a target at which the warning goes out. */
  warnAt: number;
  /** Who the watcher's alerts mention, per platform. */
  oncall: { slack: SlackOncall; discord: DiscordOncall };
}

/** An optional string setting read with one of the parsers; its message becomes the issue. */
const parsedSetting = <T>(parse: (text: string) => Parsed<T>) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const result = parse(value ?? '');
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.value;
    });

/** The SLA variables, for `z.object({ ...slaEnvShape })` in src/config.ts. */
export const slaEnvShape = {
  SLA_FIRST_RESPONSE: parsedSetting(parseTargets),
  SLA_RESOLUTION: parsedSetting(parseTargets),
  SLA_BUSINESS_HOURS: parsedSetting(parseBusinessHours),
  SLA_HOLIDAYS: parsedSetting(parseHolidays),
  SLA_WARN_AT: parsedSetting(parseWarnAt),
  SLA_ONCALL_SLACK: parsedSetting(parseSlackOncall),
  SLA_ONCALL_DISCORD: parsedSetting(parseDiscordOncall),
};

export type SlaEnvironment = { [K in keyof typeof slaEnvShape]: z.output<(typeof slaEnvShape)[K]> };

export function slaSettingsFrom(env: SlaEnvironment, timeZone: string): SlaSettings {
  return {
    firstResponse: env.SLA_FIRST_RESPONSE,
    resolution: env.SLA_RESOLUTION,
    businessHours: env.SLA_BUSINESS_HOURS,
    holidays: env.SLA_HOLIDAYS,
    timeZone,
    warnAt: env.SLA_WARN_AT,
    oncall: { slack: env.SLA_ONCALL_SLACK, discord: env.SLA_ONCALL_DISCORD },
  };
}

/** Whether any clock has a target: without one the watcher has nothing to watch. */
export function slaEnabled(settings: Pick<SlaSettings, 'firstResponse' | 'resolution'>): boolean {
  return Object.keys(settings.firstResponse).length > 0 || Object.keys(settings.resolution).length > 0;
}

/** Settings with no targets: what a bot without SLA_* variables runs with (tests start from it). */
export const SLA_OFF: SlaSettings = {
  firstResponse: {},
  resolution: {},
  businessHours: null,
  holidays: [],
  timeZone: 'UTC',
  warnAt: 0.75,
  oncall: { slack: { users: [], groups: [] }, discord: { users: [], roles: [] } },
};
