/**
 * `/signin`: where a `/triage web` link lands. Opening it (GET) only shows
 * who it would sign in, checking the link without using it; the button
 * (POST, from this origin) uses it and starts a session that acts as that
 * reviewer, under a new session id. A used, expired or altered link is
 * refused with a page that says which and how to get another.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { BodyError, readForm, sendHtml } from './http-io.js';
import { originAllowed, sessionCookie, type SessionStore } from './security.js';
import type { SignInLinks } from './sign-in-links.js';
import { confirmPage, refusalPage } from './sign-in-pages.js';

export interface SignInDeps {
  links: SignInLinks;
  sessions: SessionStore;
  /** Whether the console is reached over HTTPS (the cookie is then `Secure`). */
  secureCookies: boolean;
  logger: Logger;
}

export async function signInRoute(deps: SignInDeps, method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (method === 'GET' || method === 'HEAD') {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('t') ?? '';
    const checked = deps.links.check(token);
    // `same-origin`: under the console's usual `no-referrer` the browser would post the button's form with
    // `Origin: null`, which cannot be told from another site's.
    if (checked.ok) return sendHtml(response, 200, confirmPage(token, checked.person), { 'referrer-policy': 'same-origin' });
    return sendHtml(response, 403, refusalPage(checked.code));
  }
  if (method !== 'POST') return sendHtml(response, 405, refusalPage('WEB_SIGN_IN_REQUIRED'));
  // Another site's page cannot sign a visitor in (as someone else) with a link it holds.
  if (!originAllowed(request)) return sendHtml(response, 403, refusalPage('WEB_SIGN_IN_INVALID'));
  let token: string;
  try {
    token = (await readForm(request)).get('t') ?? '';
  } catch (error) {
    if (error instanceof BodyError) return sendHtml(response, error.status, refusalPage('WEB_SIGN_IN_INVALID'));
    throw error;
  }
  const redeemed = deps.links.redeem(token);
  if (!redeemed.ok) {
    deps.logger.info({ code: redeemed.code }, 'web sign-in refused');
    return sendHtml(response, 403, refusalPage(redeemed.code));
  }
  const { person } = redeemed;
  const session = deps.sessions.create({ id: person.id, platform: person.platform, ...(person.roles ? { roles: person.roles } : {}) });
  deps.logger.info({ platform: person.platform, userId: person.id }, 'web sign-in');
  response.writeHead(303, { location: '/', 'set-cookie': sessionCookie(session, deps.secureCookies), 'cache-control': 'no-store' });
  response.end();
}
