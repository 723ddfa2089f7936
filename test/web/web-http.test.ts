/**
 * The web console over real HTTP on 127.0.0.1: headers, sessions and CSRF
 * (a refused request changes nothing), and the flows a page drives (a
 * simulator message becomes a card; Approve, Edit and Reject through the same
 * desk, the reply arriving once in the simulator's thread).
 */
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startWebConsole } from '../../src/web/server.js';
import { silentLogger } from '../../src/logger.js';
import { tempDir } from '../support/temp-dir.js';
import { Client, botMessageIn, cardIn, startWeb, type Running } from './web-support.js';

const dir = tempDir('triage-web-http');
afterAll(() => dir.cleanup());
const running: Running[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const run of running.splice(0)) await run.close();
});

let counter = 0;
async function start(env: Record<string, string> = {}): Promise<{ run: Running; client: Client }> {
  counter += 1;
  const run = await startWeb(dir.file(`web-${counter}.db`), env);
  running.push(run);
  const client = new Client(run.web.url);
  clients.push(client);
  await client.signIn();
  return { run, client };
}

const ticketCount = async (run: Running): Promise<number> => (await run.core.store.tickets.listByStatus('received')).length + (await run.core.store.tickets.listByStatus('awaiting_review')).length;

/** Sends a message from the simulator and waits for its card to wait for review. */
async function ticketForReview(client: Client, text = 'How do I export my reports to CSV? Order #4411'): Promise<{ ticketId: number; threadId: string }> {
  const said = await client.postJson<{ ticketId: number; threadId: string }>('/api/try/messages', { customer: 'Ana Lima', text });
  expect(said.status).toBe(201);
  await client.waitFor(cardIn(said.body.ticketId, 'review'));
  return said.body;
}

describe('web console: headers and who may do what', () => {
  it('serves pages with a strict CSP, nosniff, no framing, and an HttpOnly SameSite=Strict session cookie', async () => {
    const { run } = await start();
    for (const path of ['', 'try', 'static/queue.js', 'static/app.css']) {
      const response = await fetch(new URL(path, run.web.url));
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      await response.text();
    }
    const page = await fetch(run.web.url);
    expect(page.headers.get('set-cookie')).toMatch(/^triage_session=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Strict$/);
    const html = await page.text();
    // No inline script: every script is a file from this server.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const refused = await fetch(new URL('/api/queue', run.web.url));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('refuses a request without a session, or with a missing or forged CSRF token, with 403 and changes nothing', async () => {
    const { run, client } = await start();
    const message = { customer: 'Mallory', text: 'A message that must never become a ticket' };
    const noSession = await fetch(new URL('/api/try/messages', run.web.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    expect(noSession.status).toBe(403);
    expect(await noSession.json()).toEqual({ error: 'WEB_SESSION_REQUIRED' });
    const forged = await client.post('/api/try/messages', message, { 'x-csrf-token': client.csrf.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({ error: 'WEB_CSRF_INVALID' });
    const missing = await fetch(new URL('/api/try/messages', run.web.url), { method: 'POST', headers: { cookie: client.cookie, 'content-type': 'application/json' }, body: JSON.stringify(message) });
    expect(missing.status).toBe(403);
    // Another session's token is no better than a forged one.
    const other = new Client(run.web.url);
    await other.signIn();
    expect((await client.post('/api/try/messages', message, { 'x-csrf-token': other.csrf })).status).toBe(403);
    // A page of another origin carrying the right token (it cannot read it, but say it could) is refused too.
    expect((await client.post('/api/try/messages', message, { origin: 'https://evil.example' })).status).toBe(403);
    // A rebound DNS name reaching the loopback server is refused before anything else.
    // (node:http, since fetch will not send a Host header of its own choosing.)
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(new URL('/', run.web.url), { headers: { host: 'evil.example:80' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
      request.end();
    });
    expect(rebound).toBe(403);
    expect(await ticketCount(run)).toBe(0);
    expect(run.web.surface.simulatorThreads()).toEqual([]);
  });

  it('a forged CSRF token cannot approve a waiting card: it still waits, and no reply is sent', async () => {
    const { run, client } = await start();
    await client.listen();
    const { ticketId, threadId } = await ticketForReview(client);
    const forged = await client.post(`/api/cards/${ticketId}/action`, { action: 'approve' }, { 'x-csrf-token': 'forged' });
    expect(forged.status).toBe(403);
    expect((await run.core.store.tickets.get(ticketId))?.status).toBe('awaiting_review');
    expect(run.web.surface.simulatorThreads().find((thread) => thread.threadId === threadId)?.messages.filter((m) => m.from === 'bot')).toEqual([]);
  });

  it('will not listen on a non-loopback WEB_HOST without WEB_PUBLIC_URL, where sign-in links must point', async () => {
    const { run } = await start();
    await expect(startWebConsole({ host: '0.0.0.0', port: 0, core: () => run.core, logger: silentLogger() })).rejects.toMatchObject({ code: 'WEB_PUBLIC_URL_REQUIRED' });
  });
});

describe('web console: the simulator and the queue', () => {
  it('a simulator message becomes a card in the queue; Approve sends exactly one reply into the same thread', async () => {
    const { run, client } = await start();
    await client.listen();
    const { ticketId, threadId } = await ticketForReview(client);
    const queue = (await (await client.get('/api/queue')).json()) as { cards: { ticketId: number; state: string; route: string; platform: string; draft: { text: string } | null }[] };
    const card = queue.cards.find((c) => c.ticketId === ticketId);
    expect(card).toMatchObject({ state: 'review', platform: 'web' });
    expect(card?.draft?.text).toBeTruthy();

    const approved = await client.postJson(`/api/cards/${ticketId}/action`, { action: 'approve' });
    expect(approved).toMatchObject({ status: 200, body: { result: 'done' } });
    const reply = await client.waitFor(botMessageIn(threadId));
    expect((reply.data.message as { text: string }).text).toBe(card?.draft?.text);
    await client.waitFor(cardIn(ticketId, 'resolved'));
    // A second click is "already handled" and sends nothing more.
    const again = await client.postJson<{ result: string; message: string }>(`/api/cards/${ticketId}/action`, { action: 'approve' });
    expect(again.body.result).not.toBe('done');
    const thread = run.web.surface.simulatorThreads().find((t) => t.threadId === threadId);
    expect(thread?.messages.filter((m) => m.from === 'bot')).toHaveLength(1);
    expect((await run.core.store.tickets.get(ticketId))?.status).toBe('sent');
  });

  it('Edit opens a form with the draft; the edited text is what the customer gets', async () => {
    const { client } = await start();
    await client.listen();
    const { ticketId, threadId } = await ticketForReview(client);
    const opened = await client.postJson<{ result: string; form: { kind: string; initialText: string } }>(`/api/cards/${ticketId}/action`, { action: 'edit' });
    expect(opened.body.result).toBe('form');
    expect(opened.body.form.kind).toBe('edit');
    expect(opened.body.form.initialText).toBeTruthy();
    const empty = await client.postJson<{ result: string }>(`/api/cards/${ticketId}/form`, { form: 'edit', value: '   ' });
    expect(empty.body.result).toBe('refused');
    const sent = await client.postJson(`/api/cards/${ticketId}/form`, { form: 'edit', value: 'Reports → Export → CSV.' });
    expect(sent.body).toMatchObject({ result: 'done' });
    const reply = await client.waitFor(botMessageIn(threadId));
    expect((reply.data.message as { text: string }).text).toBe('Reports → Export → CSV.');
  });

  it('Reject asks why, sends nothing, and resolves the card', async () => {
    const { run, client } = await start();
    await client.listen();
    const { ticketId, threadId } = await ticketForReview(client);
    const opened = await client.postJson<{ result: string; form: { kind: string } }>(`/api/cards/${ticketId}/action`, { action: 'reject' });
    expect(opened.body).toMatchObject({ result: 'form', form: { kind: 'reject' } });
    const rejected = await client.postJson(`/api/cards/${ticketId}/form`, { form: 'reject', value: 'not our customer' });
    expect(rejected.body).toMatchObject({ result: 'done' });
    const card = await client.waitFor(cardIn(ticketId, 'resolved'));
    expect(JSON.stringify(card.data)).toContain('not our customer');
    expect(run.web.surface.simulatorThreads().find((t) => t.threadId === threadId)?.messages.filter((m) => m.from === 'bot')).toEqual([]);
  });

  it('a follow-up in the same thread joins the ticket; an unknown ticket id is the desk’s "does not exist"', async () => {
    const { client } = await start();
    await client.listen();
    const { ticketId, threadId } = await ticketForReview(client);
    const joined = await client.postJson<{ ticketId: number; threadId: string }>('/api/try/messages', { customer: 'Ana Lima', text: 'Also, is there an API?', threadId });
    expect(joined).toMatchObject({ status: 201, body: { ticketId, threadId } });
    const unknown = await client.postJson<{ result: string; message: string }>('/api/cards/0x1/action', { action: 'approve' });
    expect(unknown.body.result).toBe('refused');
    expect(unknown.body.message).toContain('does not exist');
    expect((await client.postJson('/api/try/messages', { customer: 'Ana', text: '\u200b' })).status).toBe(400);
  });

  it('Escalate goes to the desk like any button: the flagship reviews, and the card waits for a person again', async () => {
    const { run, client } = await start();
    await client.listen();
    const { ticketId } = await ticketForReview(client);
    const escalated = await client.postJson<{ result: string }>(`/api/cards/${ticketId}/action`, { action: 'escalate' });
    expect(escalated.body.result).toBe('done');
    const reviewed = await client.waitFor((event) => cardIn(ticketId, 'review')(event) && (event.data.card as { secondOpinion: unknown }).secondOpinion !== null);
    expect((reviewed.data.card as { actions: { action: string }[] }).actions.map((a) => a.action)).not.toContain('escalate');
    expect((await run.core.store.tickets.get(ticketId))?.status).toBe('awaiting_review');
  });

  it('a card carries its sources and its SLA time left, and the queue filters have the route to filter by', async () => {
    const { client } = await start({ KB_PATH: 'kb', SLA_FIRST_RESPONSE: 'urgent=15m,high=1h,normal=4h,low=1d' });
    await client.listen();
    const { ticketId } = await ticketForReview(client, 'Which payment methods do you accept for my invoice? I need to know before I pay.');
    const queue = (await (await client.get('/api/queue')).json()) as { cards: { ticketId: number; sla: string | null; route: string; sources: { title: string }[] }[] };
    const card = queue.cards.find((c) => c.ticketId === ticketId);
    expect(card?.sla).toMatch(/left|due|overdue/i);
    expect(card?.sources.length).toBeGreaterThan(0);
    expect(['human_review', 'flagship_review', 'human_only']).toContain(card?.route);
  });
});
