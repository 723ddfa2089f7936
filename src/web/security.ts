/**
 * What every web console response carries and every request is checked for:
 * strict headers (no inline script, no framing, no sniffing), sessions held
 * in an HttpOnly SameSite=Strict cookie, a synchronizer CSRF token on every
 * POST, and a Host check so a DNS-rebinding page cannot reach the loopback
 * server under its own name.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Actor } from '../ports/surface.js';

/** Scripts and styles from this server only; nothing inline, no frames, no plugins, forms post home. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export const SESSION_COOKIE = 'triage_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface WebSession {
  readonly id: string;
  readonly csrfToken: string;
  /** Who acts through this session: the local reviewer on loopback, or the reviewer a sign-in link was for. */
  readonly actor: Actor;
  readonly createdAt: number;
}

const token = (): string => randomBytes(32).toString('base64url');

/** How long a session lasts: a working day; then a new sign-in link (or, on loopback, a page reload). */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/** Sessions in memory: a restart signs everyone out, which on loopback costs a page reload. */
export class SessionStore {
  private readonly sessions = new Map<string, WebSession>();

  constructor(
    private readonly maxSessions = 1_000,
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  create(actor: Actor): WebSession {
    const session: WebSession = { id: token(), csrfToken: token(), actor, createdAt: this.clock() };
    this.sessions.set(session.id, session);
    // Oldest first out: a page reloaded in a loop must not grow memory without end.
    if (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value as string);
    return session;
  }

  /** The session the request's cookie names, or null. */
  of(request: IncomingMessage): WebSession | null {
    const id = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const session = id ? this.sessions.get(id) : undefined;
    if (!session) return null;
    if (this.clock() - session.createdAt >= this.ttlMs) {
      this.sessions.delete(session.id);
      return null;
    }
    return session;
  }

  /** Ends a session (signing out). */
  end(session: WebSession): void {
    this.sessions.delete(session.id);
  }
}

/**
 * `HttpOnly`: scripts never see it; `SameSite=Strict`: no other site's page
 * sends it; `Secure` when the console is reached over HTTPS (WEB_PUBLIC_URL).
 */
export function sessionCookie(session: WebSession, secure = false): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** Whether the request carries the session's CSRF token (compared in constant time). */
export function csrfMatches(request: IncomingMessage, session: WebSession): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Loopback interfaces: where whoever opens the page sits at the bot's machine, and needs no sign-in. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether the Host header names this machine, or the public address
 * (WEB_PUBLIC_URL's host, lower case) when there is one. A page on another
 * site that rebinds its own name to 127.0.0.1 sends its name here, and is
 * refused.
 */
export function hostAllowed(request: IncomingMessage, publicHost: string | null = null): boolean {
  const host = request.headers.host;
  if (!host) return false;
  if (publicHost !== null && host.toLowerCase() === publicHost) return true;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return LOOPBACK_NAMES.has(name.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** A POST from a page of another origin (when the browser says where it comes from) is refused too. */
export function originAllowed(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
