/**
 * One-time sign-in links for the web console, asked for with `/triage web`
 * in Slack or Discord. A link carries who it is for (the reviewer's platform
 * and id, and on Discord the roles the event came with), when it stops
 * working and a nonce, signed with HMAC-SHA256 under a key this process
 * draws at start. So a link is good only on the process that issued it,
 * which is also the one place that can remember it was used: once redeemed
 * it never signs in again, and an unused one dies after its time to live.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Platform } from '../domain/index.js';

/** Long enough to click from a chat message; short enough that a forwarded link is likely dead. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60_000;

/** The person a link signs in: a reviewer as their chat platform knows them. */
export interface SignInPerson {
  platform: Platform;
  id: string;
  /** Roles the platform sent with the command (Discord); absent: asked of the platform when needed (Slack). */
  roles?: readonly string[];
}

export type RedeemRefusal = 'WEB_SIGN_IN_INVALID' | 'WEB_SIGN_IN_EXPIRED' | 'WEB_SIGN_IN_USED';
export type Redeemed = { ok: true; person: SignInPerson } | { ok: false; code: RedeemRefusal };

interface Payload {
  p: Platform;
  u: string;
  r?: string[];
  /** Expiry, ms since the epoch. */
  e: number;
  n: string;
}

/** Only base64url in both halves: a token is safe to put in a page attribute once it matches. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,2048}\.[A-Za-z0-9_-]{43}$/;

export class SignInLinks {
  private readonly key = randomBytes(32);
  /** Nonces redeemed, with their expiry: kept until the link would have died anyway. */
  private readonly used = new Map<string, number>();

  constructor(
    /** Where the console is reached (WEB_PUBLIC_URL, or the address it listens on), ending in `/`. */
    private readonly baseUrl: string,
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = SIGN_IN_LINK_TTL_MS,
  ) {}

  /** A link for this person, good once within the time to live. */
  issue(person: SignInPerson): string {
    const payload: Payload = { p: person.platform, u: person.id, e: this.clock() + this.ttlMs, n: randomBytes(16).toString('base64url') };
    if (person.roles) payload.r = [...person.roles];
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${this.baseUrl}signin?t=${body}.${this.sign(body)}`;
  }

  /** Whether a token would sign in now, without using it (the confirmation page asks this). */
  check(token: string): Redeemed {
    const payload = this.verify(token);
    if (!payload) return { ok: false, code: 'WEB_SIGN_IN_INVALID' };
    if (this.used.has(payload.n)) return { ok: false, code: 'WEB_SIGN_IN_USED' };
    if (payload.e <= this.clock()) return { ok: false, code: 'WEB_SIGN_IN_EXPIRED' };
    return { ok: true, person: { platform: payload.p, id: payload.u, ...(payload.r ? { roles: payload.r } : {}) } };
  }

  /** Uses the token: the first redemption of a good token signs in, every later one is refused. */
  redeem(token: string): Redeemed {
    const checked = this.check(token);
    if (!checked.ok) return checked;
    const payload = this.verify(token) as Payload;
    this.forgetExpired();
    this.used.set(payload.n, payload.e);
    return checked;
  }

  private verify(token: string): Payload | null {
    if (!TOKEN_SHAPE.test(token)) return null;
    const [body = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
      const shaped =
        typeof payload.u === 'string' && typeof payload.p === 'string' && typeof payload.e === 'number' && typeof payload.n === 'string' &&
        (payload.r === undefined || (Array.isArray(payload.r) && payload.r.every((role) => typeof role === 'string')));
      return shaped ? payload : null;
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private forgetExpired(): void {
    const now = this.clock();
    for (const [nonce, expiry] of this.used) if (expiry <= now) this.used.delete(nonce);
  }
}
