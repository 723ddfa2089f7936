/**
 * Slack end to end with the real Bolt against the fake Slack: intake before
 * ack, modals, reviewer groups, slash commands, reactions, escaping, HTTP
 * request verification, rate limits and long replies.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS, CALLBACK_IDS, INPUT_IDS } from '../../adapters/slack/format.js';
import { blockActions, eventCallback, messageEvent, slashCommand } from '../fakes/slack/index.js';
import {
  CUSTOMER,
  GROUP_MEMBER,
  OUTSIDER,
  REVIEW,
  REVIEWER,
  SUPPORT,
  cardOf,
  hasButtons,
  startSlackHarness,
  until,
  viewSubmission,
  type SlackHarness,
} from './harness.js';

const SAMPLE_KB = join(import.meta.dirname, '..', '..', 'kb');

let h: SlackHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function ticketFromCustomer(harness: SlackHarness, text: string): Promise<{ id: number; ts: string }> {
  const ts = harness.nextTs();
  await harness.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text, ts })));
  const ticket = await harness.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
  if (!ticket) throw new Error('ticket was not stored before the ack');
  await harness.core.workflow.idle();
  await until(() => cardOf(harness.fake, ticket.id), 'review card');
  return { id: ticket.id, ts };
}

function click(harness: SlackHarness, ticketId: number, action: keyof typeof ACTION_IDS, user: string) {
  const card = cardOf(harness.fake, ticketId);
  if (!card) throw new Error('no card');
  return harness.interact(
    blockActions({ actionId: ACTION_IDS[action], value: String(ticketId), user, channel: REVIEW, messageTs: card.ts, responseUrl: harness.fake.responseUrl() }),
  );
}

describe('Slack in Socket Mode', () => {
  it('stores the ticket before acking, reacts, and shows a review card with the triage', async () => {
    h = await startSlackHarness('socket');
    const { id, ts } = await ticketFromCustomer(h, 'Refund please: I was charged $480 twice for order #7781 <!channel>');
    const card = cardOf(h.fake, id);
    const blocks = JSON.stringify(card?.blocks);
    expect(hasButtons(card?.blocks)).toBe(true);
    expect(blocks).toContain('7781');
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).toMatch(/refund/i);
    expect(h.fake.reactions).toEqual(expect.arrayContaining([{ channel: SUPPORT, timestamp: ts, name: 'eyes' }]));
    await until(() => h?.fake.reactions.length && h.fake.reactions.length >= 2, 'urgency reaction');
  });

  it('Edit opens a modal with the draft; submitting sends the edited reply and resolves the card', async () => {
    h = await startSlackHarness('socket');
    const { id, ts } = await ticketFromCustomer(h, 'How can I export all invoices as PDF?');
    await click(h, id, 'edit', REVIEWER);
    const opened = await until(() => h?.fake.views.at(-1), 'views.open');
    expect(opened.view.callback_id).toBe(CALLBACK_IDS.edit);
    const draft = (await h.core.store.triage.latestDraft(id))?.text ?? '';
    expect(JSON.stringify(opened.view)).toContain(JSON.stringify(draft.slice(0, 40)).slice(1, -1));

    const edited = 'Go to Billing → Invoices and press "Export all".';
    await h.interact(
      viewSubmission({
        user: REVIEWER,
        callbackId: CALLBACK_IDS.edit,
        privateMetadata: opened.view.private_metadata,
        values: { [INPUT_IDS.editBlock]: { [INPUT_IDS.editAction]: { type: 'plain_text_input', value: edited } } },
      }),
    );
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'sent', 'ticket sent');
    const replies = h.fake.messages.filter((m) => m.thread_ts === ts);
    expect(replies.map((m) => m.text)).toEqual(['Go to Billing → Invoices and press "Export all".']);
    await until(() => h && !hasButtons(cardOf(h.fake, id)?.blocks), 'resolved card');
    expect(JSON.stringify(cardOf(h.fake, id)?.blocks)).toContain(REVIEWER);
    await until(() => h?.fake.reactions.some((r) => r.timestamp === ts && r.name === 'white_check_mark'), 'sent reaction');
  });

  it('an empty edit is refused in the modal and changes nothing', async () => {
    h = await startSlackHarness('socket');
    const { id } = await ticketFromCustomer(h, 'Where do I find the API keys?');
    const result = await h.interact(
      viewSubmission({
        user: REVIEWER,
        callbackId: CALLBACK_IDS.edit,
        privateMetadata: JSON.stringify({ ticketId: id }),
        values: { [INPUT_IDS.editBlock]: { [INPUT_IDS.editAction]: { type: 'plain_text_input', value: '   ' } } },
      }),
    );
    expect(result.ack).toMatchObject({ response_action: 'errors' });
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
  });

  it('Reject asks for a reason and closes the ticket with it', async () => {
    h = await startSlackHarness('socket');
    const { id, ts } = await ticketFromCustomer(h, 'Buy cheap watches at example dot com');
    await click(h, id, 'reject', REVIEWER);
    const opened = await until(() => h?.fake.views.at(-1), 'views.open');
    expect(opened.view.callback_id).toBe(CALLBACK_IDS.reject);
    await h.interact(
      viewSubmission({
        user: REVIEWER,
        callbackId: CALLBACK_IDS.reject,
        privateMetadata: opened.view.private_metadata,
        values: { [INPUT_IDS.rejectBlock]: { [INPUT_IDS.rejectAction]: { type: 'plain_text_input', value: 'spam' } } },
      }),
    );
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'closed', 'ticket closed');
    expect((await h.core.store.tickets.get(id))?.statusReason).toBe(`rejected by ${REVIEWER}: spam`);
    expect(h.fake.messages.filter((m) => m.thread_ts === ts)).toHaveLength(0);
  });

  it('a Reject submitted after another reviewer approved changes nothing and says who handled it', async () => {
    h = await startSlackHarness('socket');
    const { id, ts } = await ticketFromCustomer(h, 'Can I change the billing e-mail?');
    // Reviewer A opens Reject; reviewer B approves; the reply goes out; then A submits the modal.
    await click(h, id, 'reject', REVIEWER);
    const opened = await until(() => h?.fake.views.at(-1), 'views.open');
    await click(h, id, 'approve', GROUP_MEMBER);
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'sent', 'the reply to be sent');
    await h.interact(
      viewSubmission({
        user: REVIEWER,
        callbackId: CALLBACK_IDS.reject,
        privateMetadata: opened.view.private_metadata,
        values: { [INPUT_IDS.rejectBlock]: { [INPUT_IDS.rejectAction]: { type: 'plain_text_input', value: 'not our policy' } } },
      }),
    );
    const answer = await until(() => h?.fake.messages.find((m) => m.ephemeral && m.user === REVIEWER), 'the late reviewer is told');
    expect(answer.text).toContain(`already handled by ${GROUP_MEMBER} (approve)`);
    expect((await h.core.store.tickets.get(id))?.status).toBe('sent');
    expect((await h.core.store.reviews.forTicket(id)).some((review) => review.action === 'reject')).toBe(false);
    expect(JSON.stringify(cardOf(h.fake, id)?.blocks)).not.toMatch(/Rejected/);
    expect(h.fake.messages.filter((m) => m.thread_ts === ts && !m.ephemeral)).toHaveLength(1);
  });

  it('members of a reviewer user group may approve; a double click yields one reply', async () => {
    h = await startSlackHarness('socket');
    const { id, ts } = await ticketFromCustomer(h, 'Is there an annual plan?');
    await Promise.all([click(h, id, 'approve', GROUP_MEMBER), click(h, id, 'approve', REVIEWER)]);
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'sent', 'sent');
    await until(() => h?.fake.messages.some((m) => m.ephemeral), 'refusal for the second click');
    expect(h.fake.messages.filter((m) => m.thread_ts === ts && !m.ephemeral)).toHaveLength(1);
    expect(h.fake.callsTo('usergroups.users.list').length).toBeGreaterThanOrEqual(1);
  });

  it('records edits and deletions of customer messages', async () => {
    h = await startSlackHarness('socket');
    const { id, ts } = await ticketFromCustomer(h, 'My plan is wrong');
    await h.deliver(
      eventCallback({
        type: 'message',
        subtype: 'message_changed',
        channel: SUPPORT,
        ts: h.nextTs(),
        hidden: true,
        message: { type: 'message', user: CUSTOMER, text: 'My plan is wrong: I pay for 10 seats', ts, edited: { user: CUSTOMER, ts: h.nextTs() } },
        previous_message: { type: 'message', user: CUSTOMER, text: 'My plan is wrong', ts },
      }),
    );
    expect((await h.core.store.tickets.messages(id))[0]?.text).toBe('My plan is wrong: I pay for 10 seats');
    await h.deliver(
      eventCallback({ type: 'message', subtype: 'message_deleted', channel: SUPPORT, ts: h.nextTs(), hidden: true, deleted_ts: ts, previous_message: { type: 'message', user: CUSTOMER, text: 'x', ts } }),
    );
    expect((await h.core.store.tickets.messages(id))[0]?.deletedAt).toBeInstanceOf(Date);
  });

  it('/triage status and /triage today answer reviewers only', async () => {
    h = await startSlackHarness('socket');
    const { id } = await ticketFromCustomer(h, 'Please update my company address.');
    const status = await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/triage', text: `status ${id}`, user: REVIEWER, channel: REVIEW, responseUrl: h.fake.responseUrl() }),
    );
    expect(JSON.stringify(status.payload)).toContain(`Ticket #${id}`);
    const today = await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/triage', text: 'today', user: REVIEWER, channel: REVIEW, responseUrl: h.fake.responseUrl() }),
    );
    expect(JSON.stringify(today.payload)).toMatch(/1 ticket/);
    const refused = await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/triage', text: 'today', user: OUTSIDER, channel: REVIEW, responseUrl: h.fake.responseUrl() }),
    );
    expect(JSON.stringify(refused.payload)).toMatch(/not one of the reviewers/);
  });

  it('cites the knowledge-base file that answers on the card; an unanswered question is marked "no grounding" and counted as a gap', async () => {
    h = await startSlackHarness('socket', { KB_PATH: SAMPLE_KB });
    const answered = await ticketFromCustomer(h, 'Which payment methods do you accept? Can we pay with PayPal?');
    const card = JSON.stringify(cardOf(h.fake, answered.id)?.blocks);
    expect(card).toContain('billing-and-invoices.md');
    expect(card).toContain(`/triage source ${answered.id} 1`);
    expect(card).not.toContain('no grounding');

    const unanswered = await ticketFromCustomer(h, 'Do you run an affiliate programme for agencies that resell you?');
    expect(JSON.stringify(cardOf(h.fake, unanswered.id)?.blocks)).toContain('no grounding');
    expect(h.core.knowledge.topGaps().reduce((sum, gap) => sum + gap.tickets, 0)).toBe(1);
  });

  it('posts auto-sent replies directly and an informational card without buttons', async () => {
    h = await startSlackHarness('socket', { AUTO_SEND: 'true', CONFIDENCE_THRESHOLD: '0' });
    const ts = h.nextTs();
    await h.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'How do I change my avatar picture?', ts })));
    await h.core.workflow.idle();
    const ticket = await h.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
    expect(ticket?.status).toBe('sent');
    await until(() => (ticket ? cardOf(h!.fake, ticket.id) : undefined), 'info card');
    expect(hasButtons(cardOf(h.fake, ticket?.id ?? 0)?.blocks)).toBe(false);
    expect(h.fake.messages.filter((m) => m.thread_ts === ts)).toHaveLength(1);
  });

  it('splits a long reply within Slack limits and escapes broadcast mentions', async () => {
    h = await startSlackHarness('socket');
    const long = `<!here> ${'This paragraph explains the export in detail. '.repeat(200)}`;
    await h.adapter.postReply({ platform: 'slack', channelId: SUPPORT, threadId: '1700000000.000001' }, long, 'k');
    const parts = h.fake.messages.filter((m) => m.thread_ts === '1700000000.000001');
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((m) => (m.text ?? '').length <= 4_000)).toBe(true);
    expect(parts.map((m) => m.text).join(' ')).not.toContain('<!here>');
  });

  it('waits out a 429 on the Web API and still posts the card', async () => {
    h = await startSlackHarness('socket', {}, { retries: 2, minTimeout: 10, maxTimeout: 50 });
    h.fake.failNext('chat.postMessage', { rateLimitedSeconds: 1 });
    const ts = h.nextTs();
    await h.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'Can you add SSO to our plan?', ts })));
    await h.core.workflow.idle();
    const ticket = await h.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
    await until(() => (ticket ? cardOf(h!.fake, ticket.id) : undefined), 'card after the rate limit', 8_000);
    expect(h.fake.callsTo('chat.postMessage').some((c) => c.status === 429)).toBe(true);
  });
});

describe('Slack over the HTTP Events API', () => {
  it('answers url_verification, rejects bad signatures and stale timestamps, and dedupes retries', async () => {
    h = await startSlackHarness('http');
    const url = `http://127.0.0.1:${String(h.adapter.port)}/slack/events`;
    const challenge = await h.fake.postSigned(url, { type: 'url_verification', token: 'x', challenge: 'c-123' });
    expect(challenge.status).toBe(200);
    expect(challenge.body).toContain('c-123');

    const body = eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text: 'Signed hello', ts: h.nextTs() }));
    const forged = await h.fake.postSigned(url, body, { secret: 'wrong-secret' });
    expect(forged.status).toBe(401);
    const stale = await h.fake.postSigned(url, body, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(stale.status).toBe(401);
    expect((await h.core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000))).tickets).toBe(0);

    expect((await h.deliver(body)).status).toBe(200);
    expect((await h.deliver(body, { attempt: 1, reason: 'http_timeout' })).status).toBe(200);
    await h.core.workflow.idle();
    expect((await h.core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000))).tickets).toBe(1);
  });
});

describe('Slack mentions outside the support channels', () => {
  it('a mention opens a ticket; a reply in its thread joins it without mentioning the bot again', async () => {
    h = await startSlackHarness('socket');
    const ts = h.nextTs();
    await h.deliver(
      eventCallback({ type: 'app_mention', channel: 'CGENERAL', user: CUSTOMER, text: '<@UBOT> my SSO login loops forever', ts, event_ts: ts }),
    );
    const ticket = await h.core.store.tickets.findByThread({ platform: 'slack', channelId: 'CGENERAL', threadId: ts });
    expect(ticket).not.toBeNull();
    await h.deliver(eventCallback(messageEvent({ channel: 'CGENERAL', user: CUSTOMER, text: 'it started today', ts: h.nextTs(), thread_ts: ts })));
    await h.deliver(eventCallback(messageEvent({ channel: 'CGENERAL', user: CUSTOMER, text: 'unrelated chatter', ts: h.nextTs() })));
    await h.core.workflow.idle();
    expect((await h.core.store.tickets.messages(ticket?.id ?? 0)).map((m) => m.text)).toEqual(['my SSO login loops forever', 'it started today']);
    expect((await h.core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000))).tickets).toBe(1);
  });
});
