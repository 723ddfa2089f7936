/**
 * What a crash mid-post leaves behind on Slack, found again through the real
 * Web API client against the fake: a reply whose send was cut off is found
 * in the thread by its metadata (never posted twice), and a card whose post
 * was cut off is found in the review channel (never duplicated).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eventCallback, messageEvent } from '../fakes/slack/index.js';
import { CUSTOMER, REVIEW, REVIEWER, SUPPORT, cardOf, hasButtons, startSlackHarness, until, type SlackHarness } from './harness.js';
import { ACTION_IDS } from '../../adapters/slack/format.js';
import { blockActions } from '../fakes/slack/index.js';

let h: SlackHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function ticket(harness: SlackHarness, text: string): Promise<{ id: number; ts: string }> {
  const ts = harness.nextTs();
  await harness.deliver(eventCallback(messageEvent({ channel: SUPPORT, user: CUSTOMER, text, ts })));
  const stored = await harness.core.store.tickets.findByThread({ platform: 'slack', channelId: SUPPORT, threadId: ts });
  if (!stored) throw new Error('not stored');
  await harness.core.workflow.idle();
  await until(() => cardOf(harness.fake, stored.id), 'review card');
  return { id: stored.id, ts };
}

describe('Slack after a crash mid-post', () => {
  it('finds a reply whose send was cut off by its metadata, and marks the ticket sent without posting again', async () => {
    h = await startSlackHarness('http');
    const { id, ts } = await ticket(h, 'How do I download last month\u2019s invoice as PDF?');
    const { store } = h.core;
    const draft = await store.triage.latestDraft(id);
    if (!draft) throw new Error('no draft');
    // The process approved, recorded the outbound message, posted, and died before hearing back.
    await store.tickets.transition(id, 'approved', 'approve by UREVIEWER');
    await store.tickets.recordOutbound(id, { channelId: SUPPORT, authorId: 'bot', text: draft.text, platformMessageId: null });
    await h.adapter.postReply({ platform: 'slack', channelId: SUPPORT, threadId: ts }, draft.text, `ticket-${id}-draft-${draft.id}`);
    const replies = () => h?.fake.messages.filter((m) => m.channel === SUPPORT && m.thread_ts === ts && !m.ephemeral) ?? [];
    expect(replies()).toHaveLength(1);

    const counts = await h.core.workflow.recover();
    expect(counts.reconciled).toBe(1);
    expect((await store.tickets.get(id))?.status).toBe('sent');
    expect(replies()).toHaveLength(1);
    expect(h.fake.callsTo('conversations.replies').at(-1)?.args).toMatchObject({ channel: SUPPORT, ts, include_all_metadata: 'true' });
  });

  it('finds a card whose post was cut off and updates it, instead of posting a second card', async () => {
    h = await startSlackHarness('http');
    const { id } = await ticket(h, 'Can I add a second admin to our workspace?');
    const card = cardOf(h.fake, id);
    if (!card) throw new Error('no card');
    // The crash fell between the post and remembering it: the mark has no message id.
    const db = new Database(h.core.config.databasePath);
    db.prepare('UPDATE review_cards SET message_id = NULL WHERE ticket_id = ?').run(id);
    db.close();

    await h.interact(blockActions({ actionId: ACTION_IDS.approve, value: String(id), user: REVIEWER, channel: REVIEW, messageTs: card.ts, responseUrl: h.fake.responseUrl() }));
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'sent', 'the reply to be sent');
    await until(() => !hasButtons(cardOf(h!.fake, id)?.blocks), 'the card to be resolved');
    const cards = h.fake.messages.filter((m) => m.channel === REVIEW && !m.ephemeral && JSON.stringify(m.blocks ?? []).includes(`Ticket #${id}`));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.ts).toBe(card.ts);
    expect((await h.core.store.cards.latest(id, 'slack'))?.messageId).toBe(card.ts);
  });
});

describe('Slack refusing a reply', () => {
  it('records Slack\u2019s own error code in the ticket\u2019s reason', async () => {
    h = await startSlackHarness('http');
    const { id, ts } = await ticket(h, 'Where do I change my password?');
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const result = await h.core.workflow.review({ ticketId: id, reviewerId: REVIEWER, action: 'approve' });
    expect(result).toMatchObject({ ok: false, code: 'DELIVERY_FAILED' });
    expect(await h.core.store.tickets.get(id)).toMatchObject({ status: 'failed', statusReason: 'delivery_failed: slack not_in_channel' });
    expect(h.fake.messages.filter((m) => m.thread_ts === ts && !m.ephemeral)).toHaveLength(0);
  });
});
