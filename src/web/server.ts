/**
 * The web console's server (node:http): the "Try it" simulator, the
 * review queue and the spend dashboard, served by the bot itself on WEB_HOST:WEB_PORT. Only loopback
 * is served for now: a page on another machine would need to know who is
 * acting, and the one-time sign-in links that will tell it are not built, so
 * a non-loopback WEB_HOST stops start-up (WEB_SIGN_IN_UNAVAILABLE) rather
 * than serve reviewers' buttons to a network unauthenticated.
 */
import { createServer, type Server } from 'node:http';
import { WEB_LOCAL_REVIEWER } from '../desk/reviewer-policy.js';
import { WebConsoleError } from '../errors.js';
import type { WeeklyReports } from '../jobs/weekly-reports.js';
import type { Logger } from '../logger.js';
import { EventStream } from './event-stream.js';
import { loadStaticFiles } from './http-io.js';
import { webHandler } from './routes.js';
import { SessionStore, isLoopbackHost } from './security.js';
import { WebSurface, type DeskCards } from './web-surface.js';

export interface WebConsoleOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The desk's cards, read when the surface starts (the server listens before the core exists). */
  desk: () => DeskCards;
  /** The weekly spend report for the spend dashboard, read likewise once the surface has started. */
  reports: () => WeeklyReports;
  logger: Logger;
}

export interface WebConsole {
  /** The surface to attach to the desk (`desk.attach(surface)`), like any other. */
  readonly surface: WebSurface;
  /** Where the console is, e.g. http://127.0.0.1:8080/ (printed at start). */
  readonly url: string;
  readonly port: number;
  /** Stops listening, ends the event streams and drops idle connections. */
  close(): Promise<void>;
}

/** Listens at once; the surface takes customer messages once the desk has started it. */
export async function startWebConsole(options: WebConsoleOptions): Promise<WebConsole> {
  if (!isLoopbackHost(options.host)) {
    throw new WebConsoleError(
      'WEB_SIGN_IN_UNAVAILABLE',
      `WEB_HOST=${options.host} is not a loopback address: off this machine every page needs a sign-in, and sign-in links are not built yet. Use WEB_HOST=127.0.0.1 (and an SSH tunnel to reach it), or WEB_PORT=off`,
    );
  }
  const logger = options.logger.child({ component: 'web' });
  const events = new EventStream();
  const surface = new WebSurface(options.desk, events);
  const sessions = new SessionStore();
  const server: Server = createServer(
    webHandler({ surface, events, sessions, files: loadStaticFiles(), reports: options.reports, newSessionActor: () => ({ id: WEB_LOCAL_REVIEWER }), logger }),
  );
  // Event streams stay open for as long as a page does; other requests are small.
  server.requestTimeout = 0;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new WebConsoleError('WEB_SERVER_FAILED', `the web console cannot listen on ${options.host}:${options.port} (WEB_HOST, WEB_PORT): ${error.message}`, { cause: error })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    surface,
    url: `http://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
