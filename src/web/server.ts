/**
 * The web console's server (node:http): the "Try it" simulator, the review
 * queue, the ticket timeline and the spend dashboard, served by the bot itself on WEB_HOST:WEB_PORT. On
 * loopback whoever opens a page sits at the bot's machine and reviews; on
 * any other interface every page needs a sign-in, which only a one-time link
 * from `/triage web` in Slack or Discord gives (sign-in-links.ts).
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
import { SIGN_IN_LINK_TTL_MS, SignInLinks, type SignInPerson } from './sign-in-links.js';
import type { TimelineStore } from './ticket-timeline.js';
import { WebSurface, type DeskCards } from './web-surface.js';

export interface WebConsoleOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The address people open (WEB_PUBLIC_URL, ending in `/`), where sign-in links point; null: the address it listens on. */
  publicUrl?: string | null;
  /**
   * The core's parts the pages read, asked for once the desk has started the
   * surface (the server listens before the core exists).
   */
  core: () => WebCoreParts;
  logger: Logger;
}

/** What the web console reads of the core: the desk's cards, the store for timelines, the weekly report for the dashboard. */
export interface WebCoreParts {
  desk: DeskCards;
  store: TimelineStore;
  reports: WeeklyReports;
}

export interface WebConsole {
  /** The surface to attach to the desk (`desk.attach(surface)`), like any other. */
  readonly surface: WebSurface;
  /** Where the console is, e.g. http://127.0.0.1:8080/ (printed at start). */
  readonly url: string;
  readonly port: number;
  /** A one-time sign-in link for a reviewer (`/triage web`), good once on this process, and how many minutes it works. */
  deskSignIn(person: SignInPerson): { url: string; validMinutes: number };
  /** Stops listening, ends the event streams and drops idle connections. */
  close(): Promise<void>;
}

/** Listens at once; the surface takes customer messages once the desk has started it. */
export async function startWebConsole(options: WebConsoleOptions): Promise<WebConsole> {
  const loopback = isLoopbackHost(options.host);
  if (!loopback && !options.publicUrl) {
    throw new WebConsoleError('WEB_PUBLIC_URL_REQUIRED', `WEB_HOST=${options.host} is not a loopback address: set WEB_PUBLIC_URL to the address reviewers open, which sign-in links point to`);
  }
  const logger = options.logger.child({ component: 'web' });
  const events = new EventStream();
  const surface = new WebSurface(() => options.core().desk, events);
  const sessions = new SessionStore();
  // The links' base is known once listening (port 0); they are issued only after that.
  let links: SignInLinks | null = null;
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : null;
  const signIn = {
    get links(): SignInLinks {
      if (!links) throw new Error('sign-in links before the web console listens');
      return links;
    },
    sessions,
    secureCookies: publicUrl?.protocol === 'https:',
    logger,
  };
  const server: Server = createServer(
    webHandler({
      surface,
      events,
      sessions,
      files: loadStaticFiles(),
      // Off loopback nobody is anybody until a link says who.
      newSessionActor: () => (loopback ? { id: WEB_LOCAL_REVIEWER } : null),
      store: () => options.core().store,
      reports: () => options.core().reports,
      signIn,
      publicHost: publicUrl ? publicUrl.host.toLowerCase() : null,
      logger,
    }),
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
  const url = publicUrl ? publicUrl.toString() : `http://${shownHost}:${port}/`;
  links = new SignInLinks(url);
  const issuer = links;
  return {
    surface,
    url,
    port,
    deskSignIn: (person) => ({ url: issuer.issue(person), validMinutes: SIGN_IN_LINK_TTL_MS / 60_000 }),
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
