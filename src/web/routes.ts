/**
 * The web console's routes. Pages open a session (the local reviewer's, on
 * loopback; off loopback only a sign-in link does, see sign-in-routes.ts);
 * every /api route needs that session, and every POST its CSRF
 * token too: without them the answer is 403 and nothing is touched. Actions
 * are handed to the desk through the web surface, never decided here; a
 * ticket's timeline is only read, from the store.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTicketId, type ReviewActionKind } from '../domain/index.js';
import type { WeeklyReports } from '../jobs/weekly-reports.js';
import type { Logger } from '../logger.js';
import type { Actor } from '../ports/surface.js';
import type { EventStream } from './event-stream.js';
import { BodyError, readJson, refuse, sendHtml, sendJson, sendStatic, type StaticFile } from './http-io.js';
import { SECURITY_HEADERS, csrfMatches, hostAllowed, originAllowed, sessionCookie, type SessionStore, type WebSession } from './security.js';
import { signInRoute, type SignInDeps } from './sign-in-routes.js';
import { refusalPage } from './sign-in-pages.js';
import { ticketTimeline, type TimelineStore } from './ticket-timeline.js';
import { spendAnswer } from './spend-api.js';
import { LIMITS, NotStartedError, acceptableText, type WebSurface } from './web-surface.js';

export interface RouteDeps {
  surface: WebSurface;
  events: EventStream;
  sessions: SessionStore;
  files: Map<string, StaticFile>;
  /** The store, read once the surface has started (the server listens before the core exists). */
  store: () => TimelineStore;
  /** The weekly spend report (read once the surface has started: the core exists by then). */
  reports: () => WeeklyReports;
  /** Who a page opened without a session acts as: the local reviewer on loopback; null off it (a sign-in link is needed). */
  newSessionActor(): Actor | null;
  signIn: SignInDeps;
  /** WEB_PUBLIC_URL's host (`name:port`, lower case), accepted in Host headers beside loopback names. */
  publicHost: string | null;
  logger: Logger;
}

const REVIEW_ACTIONS: readonly ReviewActionKind[] = ['approve', 'edit', 'reject', 'escalate'];

const CARD_ACTION = /^\/api\/cards\/([^/]{1,40})\/(action|form)$/;
const TICKET_TIMELINE = /^\/api\/tickets\/([^/]*)\/timeline$/;

export function webHandler(deps: RouteDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(deps, request, response).catch((error: unknown) => {
      if (error instanceof NotStartedError && !response.headersSent) return refuse(response, 503, 'WEB_NOT_READY');
      deps.logger.error({ err: error, path: request.url?.split('?')[0] }, 'web console request failed');
      if (!response.headersSent) refuse(response, 500, 'WEB_REQUEST_FAILED');
      else response.end();
    });
  };
}

async function handle(deps: RouteDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (!hostAllowed(request, deps.publicHost)) return refuse(response, 403, 'WEB_HOST_REFUSED');
  if (path === '/signin') return signInRoute(deps.signIn, method, request, response);

  const file = deps.files.get(path);
  if (file && (method === 'GET' || method === 'HEAD')) {
    // Assets need no session; a page opens one on loopback, and off it needs a sign-in link.
    if (!file.type.startsWith('text/html') || deps.sessions.of(request)) return sendStatic(response, file);
    const actor = deps.newSessionActor();
    if (!actor) return sendHtml(response, 401, refusalPage('WEB_SIGN_IN_REQUIRED'));
    return sendStatic(response, file, { 'set-cookie': sessionCookie(deps.sessions.create(actor), deps.signIn.secureCookies) });
  }
  if (!path.startsWith('/api/')) return refuse(response, 404, 'WEB_NOT_FOUND');

  const session = deps.sessions.of(request);
  if (!session) return refuse(response, 403, 'WEB_SESSION_REQUIRED');
  if (method === 'GET' && path === '/api/spend') return spend(deps, url.searchParams.get('week'), response);
  if (method === 'GET') return get(deps, session, path, response);
  if (method !== 'POST') return refuse(response, 405, 'WEB_METHOD_NOT_ALLOWED');
  if (!csrfMatches(request, session) || !originAllowed(request)) return refuse(response, 403, 'WEB_CSRF_INVALID');
  let body: Record<string, unknown>;
  try {
    body = await readJson(request);
  } catch (error) {
    if (error instanceof BodyError) return refuse(response, error.status, 'WEB_BODY_INVALID');
    throw error;
  }
  return post(deps, session, path, body, response);
}

async function get(deps: RouteDeps, session: WebSession, path: string, response: ServerResponse): Promise<void> {
  const timeline = TICKET_TIMELINE.exec(path);
  if (timeline) return sendTimeline(deps, timeline[1] ?? '', response);
  switch (path) {
    case '/api/session':
      // Readable by this origin's scripts only (no CORS): how the page learns its CSRF token.
      return sendJson(response, 200, { csrfToken: session.csrfToken, actor: session.actor.id, platform: session.actor.platform ?? null });
    case '/api/queue':
      return sendJson(response, 200, { cards: deps.surface.queue() });
    case '/api/threads':
      return sendJson(response, 200, { threads: deps.surface.simulatorThreads() });
    case '/api/events':
      return deps.events.open(response, SECURITY_HEADERS);
    default:
      return refuse(response, 404, 'WEB_NOT_FOUND');
  }
}

async function sendTimeline(deps: RouteDeps, rawId: string, response: ServerResponse): Promise<void> {
  let id: number | null;
  try {
    id = parseTicketId(decodeURIComponent(rawId));
  } catch {
    id = null;
  }
  if (id === null) return refuse(response, 400, 'WEB_TICKET_ID_INVALID');
  if (!deps.surface.started) throw new NotStartedError();
  const timeline = await ticketTimeline(deps.store(), id);
  if (!timeline) return refuse(response, 404, 'WEB_TICKET_NOT_FOUND');
  return sendJson(response, 200, timeline);
}

async function spend(deps: RouteDeps, week: string | null, response: ServerResponse): Promise<void> {
  if (!deps.surface.started) throw new NotStartedError();
  const answer = await spendAnswer(deps.reports(), week);
  if (!answer) return refuse(response, 400, 'WEB_WEEK_INVALID');
  return sendJson(response, 200, answer);
}

async function post(deps: RouteDeps, session: WebSession, path: string, body: Record<string, unknown>, response: ServerResponse): Promise<void> {
  if (path === '/api/try/messages') {
    const { customer, text, threadId } = body;
    if (!acceptableText(customer, LIMITS.name) || !acceptableText(text, LIMITS.text) || (threadId !== undefined && typeof threadId !== 'string')) {
      return refuse(response, 400, 'WEB_MESSAGE_INVALID');
    }
    const said = await deps.surface.say(customer.trim(), text, threadId);
    if (!said) return refuse(response, 404, 'WEB_THREAD_NOT_FOUND');
    return sendJson(response, 201, said);
  }
  if (path === '/api/commands') {
    if (!acceptableText(body.text, LIMITS.text)) return refuse(response, 400, 'WEB_COMMAND_INVALID');
    return sendJson(response, 200, await deps.surface.command(session.actor, body.text));
  }
  const match = CARD_ACTION.exec(path);
  if (!match) return refuse(response, 404, 'WEB_NOT_FOUND');
  // The id goes to the desk as typed: it parses ticket ids, and answers "does not exist" itself.
  const ticket = decodeURIComponent(match[1] ?? '');
  if (match[2] === 'action') {
    const action = body.action;
    if (typeof action !== 'string' || !REVIEW_ACTIONS.includes(action as ReviewActionKind)) return refuse(response, 400, 'WEB_ACTION_INVALID');
    const answer = await deps.surface.act(session.actor, (interaction) => ({ kind: 'button', interaction, action: action as ReviewActionKind, ticket }));
    return sendJson(response, 200, answer);
  }
  const { form, value } = body;
  if ((form !== 'edit' && form !== 'reject') || typeof value !== 'string' || value.length > LIMITS.text) return refuse(response, 400, 'WEB_FORM_INVALID');
  const answer = await deps.surface.act(session.actor, (interaction) => ({ kind: 'form', interaction, form, ticket, value }));
  return sendJson(response, 200, answer);
}
