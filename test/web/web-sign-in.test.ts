/**
 * Signing in to a web console served off loopback: `/triage web` in Slack
 * (the real Bolt against the fake Slack) answers a reviewer alone with a
 * one-time link; opening it only asks; the button signs in once and never
 * again; the session acts as that Slack reviewer through the desk, and no one
 * else gets in. The last test does the same in Chromium.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { slashCommand } from '../fakes/slack/index.js';
import { silentLogger } from '../../src/logger.js';
import { startWebConsole, type WebConsole } from '../../src/web/server.js';
import { SignInLinks } from '../../src/web/sign-in-links.js';
import { freePort } from '../chaos/chaos-support.js';
import { OUTSIDER, REVIEW, REVIEWER, SUPPORT, cardOf, startSlackHarness, until, type SlackHarness } from '../slack/harness.js';
import { eventCallback, messageEvent } from '../fakes/slack/index.js';
import { CHROMIUM, browserKit, browserRequired, type BrowserKit } from './browser-support.js';

let h: SlackHarness | null = null;
let web: WebConsole | null = null;
afterEach(async () => {
  await web?.close();
  await h?.close();
  web = null;
  h = null;
});

/** Slack and a web console on every interface (so: sign-in required), reached at http://localhost:port/. */
async function start(): Promise<{ h: SlackHarness; web: WebConsole; base: string }> {
  const port = await freePort();
  const base = `http://localhost:${port}/`;
  let harness: SlackHarness | null = null;
  web = await startWebConsole({ host: '0.0.0.0', port, publicUrl: base, core: () => (harness as SlackHarness).core, logger: silentLogger() });
  const console = web;
  h = harness = await startSlackHarness('socket', {}, { retries: 0 }, silentLogger(), { webSignIn: (person) => console.deskSignIn(person) });
  await web.surface.start(h.core.desk.attach(web.surface));
  return { h, web, base };
}

async function askForLink(harness: SlackHarness, user: string): Promise<string> {
  const answer = JSON.stringify(await harness.command(slashCommand({ command: '/triage', text: 'web', user, channel: REVIEW, responseUrl: harness.fake.responseUrl() })));
  return /http:\/\/localhost:\d+\/signin\?t=[A-Za-z0-9_.-]+/.exec(answer)?.[0] ?? answer;
}

const token = (link: string): string => new URL(link).searchParams.get('t') ?? '';

/** Presses the confirmation page's button: a form POST from the console's own origin. */
function pressSignIn(base: string, link: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL('/signin', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base.replace(/\/$/, ''), ...headers },
    body: new URLSearchParams({ t: token(link) }).toString(),
  });
}

async function waitingTicket(harness: SlackHarness): Promise<number> {
  const ts = harness.nextTs();
  await harness.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: 'UCUSTOMER', text: 'Please update my company address to 4 Quay Street.', ts })));
  const ticket = await harness.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
  if (!ticket) throw new Error('no ticket');
  await harness.core.workflow.idle();
  await until(() => cardOf(harness.fake, ticket.id), 'review card');
  return ticket.id;
}

describe('web console off loopback: one-time sign-in links from /triage web', () => {
  it('without a session no page and no API answers; an outsider gets no link', async () => {
    const { h, base } = await start();
    const page = await fetch(base);
    expect(page.status).toBe(401);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('data-code="WEB_SIGN_IN_REQUIRED"');
    expect((await fetch(new URL('/api/queue', base))).status).toBe(403);
    // Assets carry nothing private and load without a session (the sign-in pages use the style sheet).
    expect((await fetch(new URL('/static/app.css', base))).status).toBe(200);
    const refused = await askForLink(h, OUTSIDER);
    expect(refused).not.toContain('/signin?t=');
    expect(refused).toMatch(/not one of the reviewers/);
  });

  it('a reviewer’s link signs in once, as that reviewer, and never again', async () => {
    const { h, base } = await start();
    const link = await askForLink(h, REVIEWER);
    expect(link).toMatch(/^http:\/\/localhost:\d+\/signin\?t=/);
    // Opening the link (a previewer, a prefetch) only asks: it can be opened again.
    for (let i = 0; i < 2; i += 1) {
      const confirm = await fetch(link);
      expect(confirm.status).toBe(200);
      expect(await confirm.text()).toContain(REVIEWER);
    }
    const signedIn = await pressSignIn(base, link);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/');
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const session = (await (await fetch(new URL('/api/session', base), { headers: { cookie } })).json()) as { actor: string; csrfToken: string };
    expect(session.actor).toBe(REVIEWER);
    expect((await fetch(base, { headers: { cookie } })).status).toBe(200);

    // The same link again: refused, by the button and by the page.
    const again = await pressSignIn(base, link);
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('data-code="WEB_SIGN_IN_USED"');
    expect(await (await fetch(link)).text()).toContain('data-code="WEB_SIGN_IN_USED"');

    // The session acts as the Slack reviewer, through the desk: the approval is theirs.
    const ticketId = await waitingTicket(h);
    const approved = await fetch(new URL(`/api/cards/${ticketId}/action`, base), {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve' }),
    });
    expect(await approved.json()).toMatchObject({ result: 'done' });
    await h.core.workflow.idle();
    expect((await h.core.store.reviews.forTicket(ticketId)).map((review) => [review.reviewer, review.action])).toEqual([[REVIEWER, 'approve']]);
  });

  it('refuses an altered link, a link from another run, and a sign-in posted from another site', async () => {
    const { h, base } = await start();
    const link = await askForLink(h, REVIEWER);
    const [body = '', signature = ''] = token(link).split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), u: OUTSIDER })).toString('base64url');
    const forged = await pressSignIn(base, `${base}signin?t=${forgedBody}.${signature}`);
    expect(await forged.text()).toContain('data-code="WEB_SIGN_IN_INVALID"');
    const elsewhere = new SignInLinks(base).issue({ platform: 'slack', id: REVIEWER });
    expect(await (await pressSignIn(base, elsewhere)).text()).toContain('data-code="WEB_SIGN_IN_INVALID"');
    const crossSite = await pressSignIn(base, link, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    // None of those used the real link up.
    expect((await pressSignIn(base, link)).status).toBe(303);
  });

  it('a session whose person is no reviewer (any more) can look but not act', async () => {
    const { h, web, base } = await start();
    const signedIn = await pressSignIn(base, web.deskSignIn({ platform: 'slack', id: OUTSIDER }).url);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const session = (await (await fetch(new URL('/api/session', base), { headers: { cookie } })).json()) as { csrfToken: string };
    const ticketId = await waitingTicket(h);
    const refused = await fetch(new URL(`/api/cards/${ticketId}/action`, base), {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve' }),
    });
    expect(await refused.json()).toMatchObject({ result: 'refused' });
    expect((await h.core.store.tickets.get(ticketId))?.status).toBe('awaiting_review');
  });

  it('links die after ten minutes', () => {
    let now = 1_000_000;
    const links = new SignInLinks('http://localhost/', () => now);
    const link = links.issue({ platform: 'discord', id: '42', roles: ['support'] });
    expect(links.check(token(link))).toEqual({ ok: true, person: { platform: 'discord', id: '42', roles: ['support'] } });
    now += 10 * 60_000;
    expect(links.redeem(token(link))).toEqual({ ok: false, code: 'WEB_SIGN_IN_EXPIRED' });
  });
});

const kit = await browserKit();
if (typeof kit === 'string' && !browserRequired) console.warn(`web sign-in browser test skipped: ${kit} (REQUIRE_BROWSER=1 makes this a failure)`);

describe.skipIf(typeof kit === 'string' && !browserRequired)('web sign-in in Chromium', () => {
  it('a one-time link signs in once and never again', async () => {
    if (typeof kit === 'string') throw new Error(`REQUIRE_BROWSER=1 but ${kit}`);
    const { h } = await start();
    const ticketId = await waitingTicket(h);
    const link = await askForLink(h, REVIEWER);
    const browser = await (kit as BrowserKit).chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(link);
      await page.locator('#sign-in').click();
      // Signed in: the queue, live, with the Slack ticket's card.
      await page.locator('body[data-live="true"]').waitFor({ state: 'attached' });
      await page.locator(`.card[data-ticket-id="${ticketId}"]`).waitFor();
      expect(await page.locator('header .who').textContent()).toBe(`Signed in as ${REVIEWER} (Slack)`);
      // The same link in a fresh browser: refused.
      const other = await (await browser.newContext()).newPage();
      await other.goto(link);
      expect(await other.locator('#refusal').getAttribute('data-code')).toBe('WEB_SIGN_IN_USED');
      await other.goto(new URL('/', link).href);
      expect(await other.locator('#refusal').getAttribute('data-code')).toBe('WEB_SIGN_IN_REQUIRED');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
