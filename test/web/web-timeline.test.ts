/**
 * A ticket's timeline over real HTTP: a simulator message triaged, approved
 * and delivered reads back as one ordered list (the message, state changes,
 * the decision with its reasons in words, the model calls with tokens, cost
 * and latency, the review and the delivery); unknown and malformed ids and
 * requests without a session are refused with their codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASON_LABELS } from '../../src/present/reason-labels.js';
import type { TicketTimeline } from '../../src/web/ticket-timeline.js';
import type { CallEntry, DecisionEntry, DeliveryEntry, ReviewEntry, StateEntry, TimelineEntry } from '../../src/web/timeline-entries.js';
import { tempDir } from '../support/temp-dir.js';
import { Client, botMessageIn, cardIn, startWeb, type Running } from './web-support.js';

const dir = tempDir('triage-web-timeline');
let run: Running;
let client: Client;

beforeAll(async () => {
  run = await startWeb(dir.file('timeline.db'));
  client = new Client(run.web.url);
  await client.signIn();
  await client.listen();
});
afterAll(async () => {
  client?.close();
  await run?.close();
  dir.cleanup();
});

async function timeline(id: number | string): Promise<{ status: number; body: TicketTimeline & { error?: string } }> {
  const response = await client.get(`/api/tickets/${id}/timeline`);
  return { status: response.status, body: (await response.json()) as TicketTimeline & { error?: string } };
}

const ofKind = <K extends TimelineEntry['kind']>(entries: TimelineEntry[], kind: K) => entries.filter((entry): entry is Extract<TimelineEntry, { kind: K }> => entry.kind === kind);

describe('ticket timeline API', () => {
  it('lists the message, state changes, decision with reasons, model calls with tokens, cost and latency, the review and the delivery, in order', async () => {
    const text = 'How do I export my reports to CSV? Order #4411';
    const said = await client.postJson<{ ticketId: number; threadId: string }>('/api/try/messages', { customer: 'Ana Lima', text });
    const { ticketId, threadId } = said.body;
    await client.waitFor(cardIn(ticketId, 'review'));
    expect((await client.postJson(`/api/cards/${ticketId}/action`, { action: 'approve' })).body).toMatchObject({ result: 'done' });
    const reply = await client.waitFor(botMessageIn(threadId));
    await client.waitFor(cardIn(ticketId, 'resolved'));

    const { status, body } = await timeline(ticketId);
    expect(status).toBe(200);
    const { ticket, entries } = body;
    expect(ticket).toMatchObject({ ticketId, platform: 'web', status: 'sent', customer: { name: 'Ana Lima' } });

    // In time order, the customer's message first.
    const times = entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(entries[0]).toMatchObject({ kind: 'message', text });

    const states = ofKind(entries, 'state') as StateEntry[];
    expect(states[0]).toMatchObject({ from: null, to: 'received' });
    expect(states.map((state) => state.to)).toEqual(expect.arrayContaining(['received', 'triaged', 'awaiting_review', 'approved', 'sent']));
    expect(states.at(-1)?.to).toBe('sent');
    // Each state change starts where the previous one ended.
    for (const [index, state] of states.entries()) if (index > 0) expect(state.from).toBe(states[index - 1]?.to);

    const [decision] = ofKind(entries, 'decision') as DecisionEntry[];
    expect(decision?.reasons.length).toBeGreaterThan(0);
    expect(decision?.reasonLabels).toEqual(decision?.reasons.map((code) => REASON_LABELS[code as keyof typeof REASON_LABELS]));
    expect(ticket.route).toBe(decision?.route);

    const calls = ofKind(entries, 'call') as CallEntry[];
    expect(calls.map((call) => call.stage)).toEqual(expect.arrayContaining(['classify', 'draft']));
    for (const call of calls) {
      expect(call.tier).toMatch(/^(nano|mini|flagship)$/);
      expect(call.model).toBeTruthy();
      expect(call.tokens.input).toBeGreaterThan(0);
      expect(call.tokens.output).toBeGreaterThan(0);
      expect(call.tokensText).toMatch(/ in .* out/);
      expect(Number.isInteger(call.costNanos)).toBe(true);
      expect(call.costText).toMatch(/^\$/);
      expect(call.latencyMs).toBeGreaterThanOrEqual(0);
      expect(call.latencyText).toMatch(/ (ms|s)$/);
      expect(call.outcomeKind).toBe('ok');
    }
    // Offline models bill nothing: each call carries the estimate, and the header's total sums them.
    const estimates = calls.reduce((sum, call) => sum + (call.estimatedCostNanos ?? 0), 0);
    expect(ticket.cost.estimatedCostNanos).toBe(estimates);
    expect(ticket.cost.costNanos).toBe(calls.reduce((sum, call) => sum + call.costNanos, 0));
    if (estimates > 0) expect(ticket.cost.text).toContain('estimated');

    const reviews = ofKind(entries, 'review') as ReviewEntry[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ reviewerKind: 'human', action: 'approve', actionText: expect.stringMatching(/^approved by /) });

    const deliveries = ofKind(entries, 'delivery') as DeliveryEntry[];
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ confirmed: true, text: (reply.data.message as { text: string }).text, platformMessageId: (reply.data.message as { id: string }).id });

    // Cause before effect: message, calls, decision, review, delivery, then `sent`.
    const at = (entry: TimelineEntry | undefined) => entries.indexOf(entry as TimelineEntry);
    const order = [at(entries[0]), at(calls[0]), at(decision), at(reviews[0]), at(deliveries[0]), at(states.at(-1))];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
  });

  it('answers 404 WEB_TICKET_NOT_FOUND for an unknown ticket and 400 for a malformed id', async () => {
    expect(await timeline(999_999)).toMatchObject({ status: 404, body: { error: 'WEB_TICKET_NOT_FOUND' } });
    for (const bad of ['abc', '0x1', '012', '1.0', '-1', '%E0%A4%A', '']) {
      expect(await timeline(bad)).toMatchObject({ status: 400, body: { error: 'WEB_TICKET_ID_INVALID' } });
    }
  });

  it('refuses a request without a session with 403', async () => {
    const response = await fetch(new URL('/api/tickets/1/timeline', run.web.url));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'WEB_SESSION_REQUIRED' });
  });

  it('serves the timeline page like the others: strict CSP, no inline script', async () => {
    const response = await fetch(new URL('/ticket?id=1', run.web.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
