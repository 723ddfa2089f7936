/**
 * What a crash mid-post leaves behind on Discord, found again through the
 * real discord.js REST client against the fake: a reply whose send was cut
 * off is found in the ticket thread (never posted twice), and a card whose
 * post was cut off is found in the review channel (never duplicated).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOM_IDS, customId } from '../../adapters/discord/custom-ids.js';
import { until } from '../support/until.js';
import { CUSTOMER, REVIEW, REVIEWER, SUPPORT, hasButtons, reviewMessageOf, startDiscordHarness, type DiscordHarness } from './harness.js';

let h: DiscordHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function ticket(harness: DiscordHarness, text: string): Promise<{ id: number; threadId: string }> {
  const data = await harness.fake.messageCreate({ channelId: SUPPORT, authorId: CUSTOMER, content: text });
  const threadId = String(data.id);
  const stored = await until(async () => await harness.core.store.tickets.findByThread({ platform: 'discord', channelId: SUPPORT, threadId }), 'ticket stored');
  await until(() => harness.fake.threads.find((t) => t.id === threadId), 'ticket thread');
  await harness.core.workflow.idle();
  await until(() => reviewMessageOf(harness.fake, stored.id), 'review card');
  return { id: stored.id, threadId };
}

describe('Discord after a crash mid-post', () => {
  it('finds a reply whose send was cut off in the thread, and marks the ticket sent without posting again', async () => {
    h = await startDiscordHarness();
    const { id, threadId } = await ticket(h, 'How do I download last month\u2019s invoice as PDF?');
    const { store } = h.core;
    const draft = await store.triage.latestDraft(id);
    if (!draft) throw new Error('no draft');
    await store.tickets.transition(id, 'approved', `approve by ${REVIEWER}`);
    await store.tickets.recordOutbound(id, { channelId: SUPPORT, authorId: 'bot', text: draft.text, platformMessageId: null });
    await h.adapter.postReply({ platform: 'discord', channelId: SUPPORT, threadId }, draft.text, `ticket-${id}-draft-${draft.id}`);
    const replies = () => h?.fake.messages.filter((m) => m.channel_id === threadId) ?? [];
    expect(replies()).toHaveLength(1);

    const counts = await h.core.workflow.recover();
    expect(counts.reconciled).toBe(1);
    expect((await store.tickets.get(id))?.status).toBe('sent');
    expect(replies()).toHaveLength(1);
    expect((await store.tickets.messages(id)).find((m) => m.direction === 'outbound')?.platformMessageId).toBe(replies()[0]?.id);
  });

  it('finds a card whose post was cut off and edits it, instead of posting a second card', async () => {
    h = await startDiscordHarness();
    const { id } = await ticket(h, 'Can I add a second admin to our workspace?');
    const card = reviewMessageOf(h.fake, id);
    if (!card) throw new Error('no card');
    const db = new Database(h.core.config.databasePath);
    db.prepare('UPDATE review_cards SET message_id = NULL WHERE ticket_id = ?').run(id);
    db.close();

    await h.fake.interactionCreate(h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS.approve, id), userId: REVIEWER, channelId: REVIEW, messageId: card.id }));
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'sent', 'the reply to be sent');
    await until(() => !hasButtons(reviewMessageOf(h!.fake, id)), 'the card to be resolved');
    const cards = new Set(h.fake.messages.filter((m) => m.channel_id === REVIEW && new RegExp(`#${id}(?!\\d)`).test(JSON.stringify(m.embeds))).map((m) => m.id));
    expect([...cards]).toEqual([card.id]);
    expect((await h.core.store.cards.latest(id, 'discord'))?.messageId).toBe(card.id);
  });
});

describe('Discord refusing a reply', () => {
  it('records Discord\u2019s own error code in the ticket\u2019s reason', async () => {
    h = await startDiscordHarness();
    const { id, threadId } = await ticket(h, 'Where do I change my password?');
    h.fake.failNext('POST', new RegExp(`/channels/${threadId}/messages$`), { status: 403, code: 50001, message: 'Missing Access' });
    const result = await h.core.workflow.review({ ticketId: id, reviewerId: REVIEWER, action: 'approve' });
    expect(result).toMatchObject({ ok: false, code: 'DELIVERY_FAILED' });
    expect(await h.core.store.tickets.get(id)).toMatchObject({ status: 'failed', statusReason: 'delivery_failed: discord 50001' });
    expect(h.fake.messages.filter((m) => m.channel_id === threadId)).toHaveLength(0);
  });
});
