/**
 * The web console's settings (README "Web console"), as the configuration
 * schema in src/config.ts reads them: WEB_PORT, WEB_HOST and WEB_PUBLIC_URL.
 * No environment is read here.
 */
import { z } from 'zod';
import { url, withDefault } from '../config-fields.js';
import { isLoopbackHost } from './security.js';

/** The web console's port when WEB_PORT is empty and no platform is configured. */
export const DEFAULT_WEB_PORT = 8080;
export const DEFAULT_WEB_HOST = '127.0.0.1';

/** WEB_PORT: empty (the default rule), `off`, or a TCP port (0: any free port). */
const webPort = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.union([z.literal(''), z.literal('off'), z.string().regex(/^\d{1,5}$/).refine((text) => Number(text) <= 65_535)], {
    error: 'expected a TCP port from 0 to 65535 (0: any free port), "off", or empty (on 8080 when no platform is configured)',
  }).optional(),
);

/** The schema's entries for the web console (spread into the configuration schema). */
export const WEB_ENVIRONMENT = {
  WEB_PORT: webPort,
  WEB_HOST: withDefault(DEFAULT_WEB_HOST),
  WEB_PUBLIC_URL: url,
};

type WebEnvironment = { WEB_PORT?: string | undefined; WEB_HOST: string; WEB_PUBLIC_URL?: string | undefined };

export interface WebConfig {
  /** 0: any free port (the address is printed). */
  port: number;
  /** The interface it listens on (WEB_HOST). */
  host: string;
  /**
   * The address people open (WEB_PUBLIC_URL), the base of sign-in links;
   * null: the address it listens on. Required off loopback.
   */
  publicUrl: string | null;
}

/**
 * The web console runs when WEB_PORT names a port, and by default (on
 * DEFAULT_WEB_PORT) when no platform is configured, so a first `npm start`
 * opens a page. `off` turns it off whatever runs (tests that expect the bot
 * to exit when its input closes set it: the page would keep the process up).
 */
export function webSettings(v: WebEnvironment, platformConfigured: boolean): WebConfig | null {
  const port = v.WEB_PORT;
  const publicUrl = v.WEB_PUBLIC_URL ? v.WEB_PUBLIC_URL.replace(/\/*$/, '/') : null;
  if (port === 'off') return null;
  if (port === undefined || port === '') return platformConfigured ? null : { port: DEFAULT_WEB_PORT, host: v.WEB_HOST, publicUrl };
  return { port: Number(port), host: v.WEB_HOST, publicUrl };
}

/** What is wrong with the web console's settings together with the others (ports taken twice, a missing public address). */
export function webProblems(env: Record<string, string | undefined>): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  const webPortText = env.WEB_PORT?.trim();
  const healthPort = env.HEALTH_PORT?.trim();
  const slackHttp = Boolean(env.SLACK_BOT_TOKEN?.trim()) && !env.SLACK_APP_TOKEN?.trim();
  if (webPortText && webPortText !== '0' && /^\d+$/.test(webPortText)) {
    const clash = healthPort && Number(healthPort) === Number(webPortText) ? 'HEALTH_PORT' : slackHttp && Number(env.PORT?.trim() || 3000) === Number(webPortText) ? 'PORT' : null;
    if (clash) problems.push({ variable: 'WEB_PORT', message: `is ${clash} too: give the web console a port of its own` });
  }
  const host = env.WEB_HOST?.trim() || DEFAULT_WEB_HOST;
  if (webPortText?.toLowerCase() !== 'off' && !isLoopbackHost(host) && !env.WEB_PUBLIC_URL?.trim()) {
    problems.push({
      variable: 'WEB_PUBLIC_URL',
      message: `required when WEB_HOST (${host}) is not loopback: the address reviewers open (https://triage.example.com/), which sign-in links point to`,
    });
  }
  return problems;
}

