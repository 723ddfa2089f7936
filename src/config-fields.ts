/**
 * The kinds of setting the configuration schema is made of (src/config.ts):
 * each one says what "empty" means and names what it expected when a value
 * is wrong. No environment is read here.
 */
import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { z } from 'zod';

export const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A string setting where empty means "use the default", as everywhere else. */
export const withDefault = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? fallback : value.trim()));

export const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false, got "${value}"` });
      return z.NEVER;
    });

/** A number setting where empty means "not set": null (no cap, say). */
export const optionalNumber = (check: (n: number) => boolean, expected: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return null;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || !check(parsed)) {
        ctx.addIssue({ code: 'custom', message: `expected ${expected}, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

/** A number setting where empty means "use the default". */
export const number = (fallback: number, check: (n: number) => boolean, expected: string) =>
  optionalNumber(check, expected).transform((value) => value ?? fallback);

export const cronExpression = withDefault('0 9 * * 1').superRefine((value, ctx) => {
  try {
    new Cron(value, { paused: true });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `expected a cron expression such as "0 9 * * 1" (Monday 09:00), got "${value}": ${(error as Error).message}` });
  }
});

export const timeZone = withDefault('UTC').superRefine((value, ctx) => {
  if (!IANAZone.isValidZone(value)) {
    ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as Europe/Berlin or UTC, got "${value}"` });
  }
});

export const idList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

export const url = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return undefined;
    try {
      return new URL(value).toString().replace(/\/$/, '');
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected a URL such as http://localhost:11434/v1, got "${value}"` });
      return z.NEVER;
    }
  });
