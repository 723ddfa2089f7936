/**
 * Discord end to end with the real discord.js against the fake Discord:
 * ticket threads, modals, refusals, forum posts, DMs, safe replies, 429s,
 * slash commands and their registration.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOM_IDS, customId } from '../../adapters/discord/custom-ids.js';
import { until } from '../support/until.js';
import { unescape } from './fixtures.js';
import { CUSTOMER, FORUM, OUTSIDER, REVIEW, REVIEWER, SUPPORT, hasButtons, reviewMessageOf, startDiscordHarness, type DiscordHarness } from './harness.js';

let h: DiscordHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function ticketFromCustomer(harness: DiscordHarness, content: string): Promise<{ id: number; messageId: string }> {
  const message = await harness.fake.messageCreate({ channelId: SUPPORT, authorId: CUSTOMER, content });
  const messageId = String(message.id);
  const ticket = await until(
    async () => await harness.core.store.tickets.findByThread({ platform: 'discord', channelId: SUPPORT, threadId: messageId }),
    'ticket',
  );
  await harness.core.workflow.idle();
  await until(() => hasButtons(reviewMessageOf(harness.fake, ticket.id)), 'review message');
  return { id: ticket.id, messageId };
}

const SAMPLE_KB = join(import.meta.dirname, '..', '..', 'kb');

describe('Discord', () => {
  it('opens a thread per ticket and posts a review embed with buttons and no pings', async () => {
    h = await startDiscordHarness();
    const { id, messageId } = await ticketFromCustomer(h, 'Refund please: charged $480 twice for order #7781 @everyone');
    const thread = h.fake.threads.find((t) => t.id === messageId);
    expect(thread?.parent_id).toBe(SUPPORT);
    expect(thread?.name).toContain(`Ticket #${id}`);
    const review = reviewMessageOf(h.fake, id);
    expect(review?.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(review?.embeds)).toContain('7781');
    expect(JSON.stringify(review?.embeds)).not.toMatch(/(?<!\u200b)@everyone/);
  });

  it('lists the knowledge-base file the draft cites in the review embed; an unanswered question is marked "no grounding" and counted as a gap', async () => {
    h = await startDiscordHarness({ KB_PATH: SAMPLE_KB });
    const answered = await ticketFromCustomer(h, 'Which payment methods do you accept? Can we pay with PayPal?');
    const embeds = JSON.stringify(reviewMessageOf(h.fake, answered.id)?.embeds);
    expect(embeds).toContain('billing-and-invoices.md');
    expect(embeds).not.toContain('no grounding');

    const unanswered = await ticketFromCustomer(h, 'Do you run an affiliate programme for agencies that resell you?');
    expect(JSON.stringify(reviewMessageOf(h.fake, unanswered.id)?.embeds)).toContain('no grounding');
    expect(h.core.knowledge.topGaps().reduce((sum, gap) => sum + gap.tickets, 0)).toBe(1);
  });

  it('Edit opens a modal; submitting it sends the edited reply in the thread with safe mentions and a nonce', async () => {
    h = await startDiscordHarness();
    const { id, messageId } = await ticketFromCustomer(h, 'How can I export all invoices as PDF?');
    const review = reviewMessageOf(h.fake, id);
    const { callback } = await h.fake.interactionCreate(
      h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS.edit, id), userId: REVIEWER, channelId: REVIEW, messageId: review?.id ?? '' }),
    );
    expect(callback.body.type).toBe(9); // MODAL
    const draftStart = JSON.stringify((await h.core.store.triage.latestDraft(id))?.text.slice(0, 30) ?? 'missing').slice(1, -1);
    expect(JSON.stringify(callback.body.data)).toContain(draftStart);

    const edited = 'Go to Billing → Invoices and press "Export all". @here';
    await h.fake.interactionCreate(
      h.fake.modalSubmitInteraction({
        customId: customId(CUSTOM_IDS.editModal, id),
        userId: REVIEWER,
        channelId: REVIEW,
        messageId: review?.id ?? '',
        values: { [CUSTOM_IDS.draftInput]: edited },
      }),
    );
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'sent', 'sent');
    const replies = h.fake.messages.filter((m) => m.channel_id === messageId && m.nonce !== undefined);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.allowed_mentions).toMatchObject({ parse: [] });
    expect(replies[0]?.content).toContain('Export all');
    expect(replies[0]?.content).not.toMatch(/(?<!\u200b)@here/);
    await until(() => h && !hasButtons(reviewMessageOf(h.fake, id)), 'buttons removed');
    expect(JSON.stringify(reviewMessageOf(h.fake, id)?.embeds)).toContain(REVIEWER);
  });

  it('Reject asks for a reason and closes the ticket', async () => {
    h = await startDiscordHarness();
    const { id, messageId } = await ticketFromCustomer(h, 'Buy cheap watches at example dot com');
    const review = reviewMessageOf(h.fake, id);
    const { callback } = await h.fake.interactionCreate(
      h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS.reject, id), userId: REVIEWER, channelId: REVIEW, messageId: review?.id ?? '' }),
    );
    expect(callback.body.type).toBe(9);
    await h.fake.interactionCreate(
      h.fake.modalSubmitInteraction({ customId: customId(CUSTOM_IDS.rejectModal, id), userId: REVIEWER, channelId: REVIEW, messageId: review?.id ?? '', values: { [CUSTOM_IDS.reasonInput]: 'spam' } }),
    );
    await until(async () => (await h?.core.store.tickets.get(id))?.status === 'closed', 'closed');
    expect((await h.core.store.tickets.get(id))?.statusReason).toBe(`rejected by ${REVIEWER}: spam`);
    expect(h.fake.messages.filter((m) => m.channel_id === messageId && m.nonce !== undefined)).toHaveLength(0);
  });

  it('refuses people without the reviewer role, ephemerally, and changes nothing', async () => {
    h = await startDiscordHarness();
    const { id } = await ticketFromCustomer(h, 'Where is my invoice?');
    const review = reviewMessageOf(h.fake, id);
    const { callback } = await h.fake.interactionCreate(
      h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS.approve, id), userId: OUTSIDER, channelId: REVIEW, messageId: review?.id ?? '' }),
    );
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.content).toMatch(/not one of the reviewers/);
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
  });

  it('concurrent approvals yield one reply', async () => {
    h = await startDiscordHarness();
    const { id, messageId } = await ticketFromCustomer(h, 'Is there an annual plan?');
    const review = reviewMessageOf(h.fake, id);
    const clicks = [1, 2].map(() => h!.fake.buttonInteraction({ customId: customId(CUSTOM_IDS.approve, id), userId: REVIEWER, channelId: REVIEW, messageId: review?.id ?? '' }));
    await Promise.all(clicks.map((click) => h!.fake.interactionCreate(click)));
    // Both clicks handled to the end (the desk acted on each, and answered the loser), not a pause.
    await until(() => clicks.every((click) => h?.log.entries().some((e) => e.msg === 'discord interaction handled' && e.interactionId === click.id)), 'both clicks handled');
    await h.core.workflow.idle();
    expect((await h.core.store.tickets.get(id))?.status).toBe('sent');
    expect(h.fake.messages.filter((m) => m.channel_id === messageId && m.nonce !== undefined)).toHaveLength(1);
    expect((await h.core.store.reviews.forTicket(id)).filter((r) => r.reviewerKind === 'human')).toHaveLength(1);
  });

  it('a forum post is a ticket; messages in the post join it; a DM is a ticket too', async () => {
    const postId = '850000000000000001';
    h = await startDiscordHarness({}, [{ id: postId, name: 'Login loop on SSO', type: 11, parent_id: FORUM }]);
    await h.fake.messageCreate({ channelId: postId, authorId: CUSTOMER, content: 'SSO login keeps looping back to the start page.', id: postId });
    await h.fake.messageCreate({ channelId: postId, authorId: CUSTOMER, content: 'Started this morning.' });
    const ticket = await until(async () => await h?.core.store.tickets.findByThread({ platform: 'discord', channelId: FORUM, threadId: postId }), 'forum ticket');
    await until(async () => ((await h?.core.store.tickets.messages(ticket.id))?.length ?? 0) >= 2, 'second message');
    expect(ticket.subject).toBe('Login loop on SSO');

    const dm = await h.fake.messageCreate({ channelId: '860000000000000001', authorId: CUSTOMER, content: 'Hi, can you help with my account?', guild: false });
    await until(async () => await h?.core.store.tickets.findByThread({ platform: 'discord', channelId: '860000000000000001', threadId: '860000000000000001' }), `dm ticket ${String(dm.id)}`);
  });

  it('waits out a 429 on the review post and still posts it', async () => {
    h = await startDiscordHarness();
    h.fake.failNext('POST', new RegExp(`/channels/${REVIEW}/messages$`), { status: 429, retryAfter: 0.3 });
    const message = await h.fake.messageCreate({ channelId: SUPPORT, authorId: CUSTOMER, content: 'Can you add SSO to our plan?' });
    const ticket = await until(async () => await h?.core.store.tickets.findByThread({ platform: 'discord', channelId: SUPPORT, threadId: String(message.id) }), 'ticket');
    await h.core.workflow.idle();
    await until(() => reviewMessageOf(h!.fake, ticket.id), 'review message after 429', 8_000);
    expect(h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${REVIEW}/messages`).length).toBeGreaterThanOrEqual(2);
  });

  it('records edits and deletions of customer messages', async () => {
    h = await startDiscordHarness();
    const { id, messageId } = await ticketFromCustomer(h, 'My plan is wrong');
    await h.fake.dispatch('MESSAGE_UPDATE', {
      id: messageId, channel_id: SUPPORT, guild_id: h.fake.guildId, content: 'My plan is wrong: 10 seats',
      edited_timestamp: new Date().toISOString(), author: { id: CUSTOMER, username: 'customer', discriminator: '0', global_name: null, avatar: null },
    });
    await until(async () => (await h?.core.store.tickets.messages(id))?.[0]?.text === 'My plan is wrong: 10 seats', 'edit stored');
    await h.fake.dispatch('MESSAGE_DELETE', { id: messageId, channel_id: SUPPORT, guild_id: h.fake.guildId });
    await until(async () => (await h?.core.store.tickets.messages(id))?.[0]?.deletedAt, 'delete stored');
  });

  it('/triage status and today answer reviewers ephemerally and refuse others', async () => {
    h = await startDiscordHarness();
    const { id } = await ticketFromCustomer(h, 'Please update my company address.');
    const status = await h.fake.interactionCreate(
      h.fake.commandInteraction({ name: 'triage', userId: REVIEWER, channelId: REVIEW, options: [{ type: 1, name: 'status', options: [{ type: 4, name: 'ticket', value: id }] }] }),
    );
    expect(status.callback.body.data.flags & 64).toBe(64);
    expect(status.callback.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(unescape(status.callback.body.data.content)).toContain(`Ticket #${id}** · awaiting_review`);
    const today = await h.fake.interactionCreate(
      h.fake.commandInteraction({ name: 'triage', userId: REVIEWER, channelId: REVIEW, options: [{ type: 1, name: 'today' }] }),
    );
    expect(today.callback.body.data.content).toMatch(/1 ticket/);
    const refused = await h.fake.interactionCreate(
      h.fake.commandInteraction({ name: 'triage', userId: OUTSIDER, channelId: REVIEW, options: [{ type: 1, name: 'today' }] }),
    );
    expect(refused.callback.body.data.content).toMatch(/not one of the reviewers/);
    const unknown = await h.fake.interactionCreate(
      h.fake.commandInteraction({ name: 'triage', userId: REVIEWER, channelId: REVIEW, options: [{ type: 1, name: 'status', options: [{ type: 4, name: 'ticket', value: 987_654 }] }] }),
    );
    expect(unescape(unknown.callback.body.data.content)).toBe('No ticket #987654.');
  });

  it('a form submitted away from its card gets a private "thinking…", then says what happened', async () => {
    h = await startDiscordHarness();
    const { id, messageId } = await ticketFromCustomer(h, 'Can I pay by bank transfer?');
    const payload = h.fake.modalSubmitInteraction({ customId: customId(CUSTOM_IDS.editModal, id), userId: REVIEWER, channelId: REVIEW, values: { [CUSTOM_IDS.draftInput]: 'Yes: Billing → Payment method.' } });
    const { callback } = await h.fake.interactionCreate(payload);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await until(() => h?.fake.messages.find((m) => m.interaction_id === payload.id && m.content !== ''), 'the deferred answer');
    expect(answer.flags & 64).toBe(64);
    expect(unescape(answer.content)).toBe(`Done: ticket #${id} is now sent.`);
    expect(h.fake.messages.filter((m) => m.channel_id === messageId && m.nonce !== undefined).map((m) => m.content)).toEqual(['Yes: Billing → Payment method.']);
  });

  it('Edit on a ticket already handled says so privately and opens no form', async () => {
    h = await startDiscordHarness();
    const { id } = await ticketFromCustomer(h, 'Do you have a student discount?');
    await h.core.workflow.review({ ticketId: id, reviewerId: REVIEWER, action: 'approve' });
    const { callback } = await h.fake.interactionCreate(
      h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS.edit, id), userId: REVIEWER, channelId: REVIEW, messageId: reviewMessageOf(h.fake, id)?.id ?? '' }),
    );
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    expect(unescape(callback.body.data.content)).toBe(`Ticket #${id} was already handled.`);
  });

  it('leaves buttons and modals that are not ours unanswered', async () => {
    h = await startDiscordHarness();
    const { id } = await ticketFromCustomer(h, 'Where do I find my API key?');
    const card = reviewMessageOf(h.fake, id)?.id ?? '';
    const foreign = [
      h.fake.buttonInteraction({ customId: `other-app:approve:${id}`, userId: REVIEWER, channelId: REVIEW, messageId: card }),
      h.fake.buttonInteraction({ customId: customId(CUSTOM_IDS.editModal, id), userId: REVIEWER, channelId: REVIEW, messageId: card }),
      h.fake.modalSubmitInteraction({ customId: customId(CUSTOM_IDS.approve, id), userId: REVIEWER, channelId: REVIEW, values: { [CUSTOM_IDS.draftInput]: 'x' } }),
    ];
    for (const payload of foreign) {
      await h.fake.dispatch('INTERACTION_CREATE', payload);
      await until(() => h?.log.entries().some((e) => e.msg === 'discord interaction ignored' && e.interactionId === payload.id), `interaction ${String(payload.id)} ignored`);
    }
    const answered = new Set(foreign.map((payload) => `/interactions/${String(payload.id)}/${String(payload.token)}/callback`));
    expect(h.fake.requests.filter((r) => answered.has(r.path))).toEqual([]);
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
  });
});

describe('npm run discord:commands', () => {
  it('registers /triage in a guild through the REST API', async () => {
    const { startFakeDiscord } = await import('../fakes/discord/index.js');
    const fake = await startFakeDiscord();
    try {
      // Async spawn: the fake runs in this process and must keep answering.
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/discord-commands.ts', '--guild', fake.guildId], {
        env: {
          PATH: process.env.PATH,
          DISCORD_TOKEN: 'fake-bot-token',
          DISCORD_APPLICATION_ID: fake.applicationId,
          DISCORD_API_URL: fake.restUrl,
          DISCORD_REVIEW_CHANNEL: REVIEW,
          DISCORD_REVIEWERS: REVIEWER,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/registered 1 command/);
      expect(fake.commands.map((c: { name: string }) => c.name)).toEqual(['triage']);
    } finally {
      await fake.close();
    }
  });
});
