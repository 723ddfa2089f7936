/**
 * The web console's settings (README "Web console"), as the configuration
 * schema in src/config.ts reads them: WEB_PORT and WEB_HOST. No environment
 * is read here.
 */
import { z } from 'zod';

/** The web console's port when WEB_PORT is empty and no platform is configured. */
export const DEFAULT_WEB_PORT = 8080;
export const DEFAULT_WEB_HOST = '127.0.0.1';

/** WEB_PORT: empty (the default rule), `off`, or a TCP port (0: any free port). */
export const webPort = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.union([z.literal(''), z.literal('off'), z.string().regex(/^\d{1,5}$/).refine((text) => Number(text) <= 65_535)], {
    error: 'expected a TCP port from 0 to 65535 (0: any free port), "off", or empty (on 8080 when no platform is configured)',
  }).optional(),
);

export interface WebConfig {
  /** 0: any free port (the address is printed). */
  port: number;
  /** The interface it listens on (WEB_HOST); only loopback is served until sign-in links exist. */
  host: string;
}

/**
 * The web console runs when WEB_PORT names a port, and by default (on
 * DEFAULT_WEB_PORT) when no platform is configured, so a first `npm start`
 * opens a page. `off` turns it off whatever runs (tests that expect the bot
 * to exit when its input closes set it: the page would keep the process up).
 */
export function webSettings(port: string | undefined, host: string, platformConfigured: boolean): WebConfig | null {
  if (port === 'off') return null;
  if (port === undefined || port === '') return platformConfigured ? null : { port: DEFAULT_WEB_PORT, host };
  return { port: Number(port), host };
}
