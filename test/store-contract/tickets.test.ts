/**
 * The ticket repository's contract, on every store (backends.ts): intake,
 * transitions, messages, leases and counts; and the races a shared database
 * makes real, run from two connections.
 */
import { expect, it } from 'vitest';
import type { TicketStatus } from '../../src/domain/index.js';
import { InvalidTransitionError, TicketNotFoundError } from '../../src/errors.js';
import { contractSuite } from './backends.js';
import { message, moveTo } from './fixtures.js';

contractSuite('tickets', (context) => {
  it('opens a ticket, stores the message and its first event, with exact times', async () => {
    const { store } = context;
    const result = await store.tickets.intake(message(), 'worker-1');
    expect(result).toMatchObject({ isNew: true, openedTicket: true, reopened: false });
    expect(result.ticket).toMatchObject({ platform: 'slack', channelId: 'C1', threadId: '1700000000.0001', customerId: 'U1', customerName: 'Ada', subject: 'Cannot log in', status: 'received', urgency: null, summary: null, round: 1 });
    expect(result.ticket.createdAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(await store.tickets.get(result.ticket.id)).toEqual(result.ticket);
    expect(await store.tickets.leaseOwner(result.ticket.id)).toBe('worker-1');
    const [stored] = await store.tickets.messages(result.ticket.id);
    expect(stored).toMatchObject({ ticketId: result.ticket.id, direction: 'inbound', authorId: 'U1', text: 'I cannot log in since this morning', platformMessageId: '1700000000.0001', editedAt: null, deletedAt: null });
    expect(await store.tickets.events(result.ticket.id)).toEqual([{ fromStatus: null, toStatus: 'received', reason: null, createdAt: new Date('2026-11-20T10:00:00.000Z') }]);
    expect(await store.tickets.findByThread(message().thread)).toEqual(result.ticket);
  });

  it('ignores a redelivery, and treats the same id in another channel as another message', async () => {
    const { store } = context;
    const first = await store.tickets.intake(message());
    const again = await store.tickets.intake(message({ text: 'redelivered copy' }));
    expect(again).toMatchObject({ isNew: false, openedTicket: false, reopened: false });
    expect(again.ticket.id).toBe(first.ticket.id);
    expect((await store.tickets.messages(first.ticket.id)).map((m) => m.text)).toEqual(['I cannot log in since this morning']);
    const other = await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C2', threadId: '1700000000.0001' } }));
    expect(other.isNew).toBe(true);
    expect(other.ticket.id).not.toBe(first.ticket.id);
  });

  it('joins a thread without changing a ticket in progress, and reopens a closed one', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    await moveTo(store, ticket.id, ['triaged', 'drafted', 'awaiting_review']);
    const joined = await store.tickets.intake(message({ messageId: 'm-2', text: 'still broken' }));
    expect(joined).toMatchObject({ isNew: true, openedTicket: false, reopened: false });
    expect(joined.ticket.status).toBe('awaiting_review');

    await moveTo(store, ticket.id, ['approved', 'sent']);
    const at = new Date('2026-11-21T09:00:00.000Z');
    const reopened = await store.tickets.intake(message({ messageId: 'again', text: 'one more thing', receivedAt: at }), 'worker-2');
    expect(reopened).toMatchObject({ isNew: true, reopened: true, openedTicket: false });
    expect(reopened.ticket).toMatchObject({ id: ticket.id, status: 'received', statusReason: 'customer_wrote_again', round: 2 });
    expect(await store.tickets.leaseOwner(ticket.id)).toBe('worker-2');
    expect((await store.tickets.events(ticket.id)).at(-1)).toEqual({ fromStatus: 'sent', toStatus: 'received', reason: 'customer_wrote_again', createdAt: at });
    expect(await store.tickets.messages(ticket.id)).toHaveLength(3);
  });

  it('rolls an intake back with its failed store transaction', async () => {
    const { store } = context;
    await expect(
      store.transaction(async () => {
        await store.tickets.intake(message());
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.tickets.listByStatus('received')).toEqual([]);
    expect((await store.tickets.intake(message())).isNew).toBe(true);
  });

  it('moves along the state machine, refuses forbidden moves, and knows unknown tickets', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    expect(await store.tickets.transition(ticket.id, 'triaged', 'classified')).toMatchObject({ status: 'triaged', statusReason: 'classified' });
    await expect(store.tickets.transition(ticket.id, 'sent', 'skip ahead')).rejects.toThrow(InvalidTransitionError);
    expect((await store.tickets.events(ticket.id)).map(({ fromStatus, toStatus, reason }) => ({ fromStatus, toStatus, reason }))).toEqual([
      { fromStatus: null, toStatus: 'received', reason: null },
      { fromStatus: 'received', toStatus: 'triaged', reason: 'classified' },
    ]);
    await expect(store.tickets.transition(404, 'triaged')).rejects.toThrow(TicketNotFoundError);
    expect(await store.tickets.get(404)).toBeNull();
  });

  it('lists by status oldest first, applies triage and a summary', async () => {
    const { store } = context;
    const a = (await store.tickets.intake(message())).ticket;
    const b = (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 't-b' }, messageId: 'b' }))).ticket;
    const c = (await store.tickets.intake(message({ thread: { platform: 'discord', channelId: 'D1', threadId: 't-c' }, messageId: 'c' }))).ticket;
    await store.tickets.transition(b.id, 'triaged');
    expect((await store.tickets.listByStatus('received')).map((t) => t.id)).toEqual([a.id, c.id]);
    expect((await store.tickets.listByStatus('received', 1)).map((t) => t.id)).toEqual([a.id]);
    await store.tickets.applyTriage(a.id, { urgency: 'high', category: 'account', language: 'de', sentiment: 'negative', riskFlags: [], needsReply: true, confidence: 0.8 });
    await store.tickets.setSummary(a.id, 'Login broken since morning');
    expect(await store.tickets.get(a.id)).toMatchObject({ urgency: 'high', category: 'account', language: 'de', sentiment: 'negative', summary: 'Login broken since morning' });
  });

  it('edits, deletes and records messages; confirms and discards outbound ones', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    const ref = { platform: 'slack', channelId: 'C1', platformMessageId: '1700000000.0001' };
    const editedAt = new Date('2026-11-20T10:01:00.123Z');
    expect(await store.tickets.editMessage(ref, 'edited', editedAt)).toBe(true);
    expect(await store.tickets.deleteMessage(ref, new Date('2026-11-20T10:02:00.000Z'))).toBe(true);
    expect(await store.tickets.editMessage({ ...ref, platformMessageId: 'nope' }, 'x', new Date())).toBe(false);
    expect((await store.tickets.messages(ticket.id))[0]).toMatchObject({ text: 'edited', editedAt, deletedAt: new Date('2026-11-20T10:02:00.000Z') });

    const first = await store.tickets.recordOutbound(ticket.id, { channelId: 'C1', authorId: 'B1', text: 'On it!', platformMessageId: null });
    const second = await store.tickets.recordOutbound(ticket.id, { channelId: 'C1', authorId: 'B1', text: 'Fixed.', platformMessageId: null });
    await store.tickets.confirmOutbound(first, '1700000100.0003');
    await store.tickets.discardOutbound(second);
    const outbound = (await store.tickets.messages(ticket.id)).filter((m) => m.direction === 'outbound');
    expect(outbound.map((m) => [m.text, m.platformMessageId])).toEqual([['On it!', '1700000100.0003']]);
    expect((await store.tickets.intake(message({ messageId: '1700000100.0003', customer: { id: 'B1' } }))).isNew).toBe(false);
    await expect(store.tickets.recordOutbound(404, { channelId: 'C1', authorId: 'B1', text: 'x', platformMessageId: null })).rejects.toThrow(TicketNotFoundError);
  });

  it('leases a ticket to one worker at a time, and lists what is worked', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message(), 'w1');
    expect(await store.tickets.claim(ticket.id, 'w2')).toBe(false);
    expect(await store.tickets.claim(ticket.id, 'w1')).toBe(true);
    expect(await store.tickets.claim(ticket.id, 'w2', ['w1'])).toBe(true);
    expect(await store.tickets.leaseOwner(ticket.id)).toBe('w2');
    await store.tickets.release(ticket.id, 'w1');
    expect(await store.tickets.leaseOwner(ticket.id)).toBe('w2');
    expect(await store.tickets.listWorked()).toEqual([{ id: ticket.id, status: 'received', owner: 'w2', platform: ticket.platform }]);
    await store.tickets.release(ticket.id, 'w2');
    expect(await store.tickets.leaseOwner(ticket.id)).toBeNull();
    await store.tickets.transition(ticket.id, 'triaged');
    await store.tickets.transition(ticket.id, 'closed');
    expect(await store.tickets.listWorked()).toEqual([]);
  });

  it('counts the tickets opened in a period by status and urgency now, whole quarter hours and ragged ends', async () => {
    const { store } = context;
    const at = (iso: string) => new Date(iso);
    const a = (await store.tickets.intake(message({ receivedAt: at('2026-11-20T10:00:00.000Z') }))).ticket;
    await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 't2' }, messageId: 'm2', receivedAt: at('2026-11-20T10:20:00.000Z') }));
    await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 't3' }, messageId: 'm3', receivedAt: at('2026-11-20T11:00:00.000Z') }));
    await store.tickets.applyTriage(a.id, { urgency: 'urgent', category: 'account', language: 'en', sentiment: 'negative', riskFlags: [], needsReply: true, confidence: 0.9 });
    await store.tickets.transition(a.id, 'triaged');
    expect(await store.tickets.countsBetween(at('2026-11-20T10:00:00.000Z'), at('2026-11-20T11:00:00.000Z'))).toEqual({
      tickets: 2,
      byUrgency: { urgent: 1, untriaged: 1 },
      byStatus: { triaged: 1, received: 1 },
    });
    // Ragged ends: 10:10 to 11:00:00.001 counts the 10:20 ticket and the 11:00 one from the rows.
    expect((await store.tickets.countsBetween(at('2026-11-20T10:10:00.000Z'), at('2026-11-20T11:00:00.001Z'))).tickets).toBe(2);
  });

  it('of two intakes of one message from two connections at once, exactly one stores it', async () => {
    const { store } = context;
    const other = await context.another();
    const results = await Promise.all([store.tickets.intake(message(), 'w1'), other.tickets.intake(message(), 'w2')]);
    expect(results.filter((result) => result.isNew)).toHaveLength(1);
    expect(results[0].ticket.id).toBe(results[1].ticket.id);
    expect(await store.tickets.messages(results[0].ticket.id)).toHaveLength(1);
    expect(await store.tickets.listByStatus('received')).toHaveLength(1);
  });

  it('of many claims of one ticket from two connections at once, exactly one wins', async () => {
    const { store } = context;
    const other = await context.another();
    const { ticket } = await store.tickets.intake(message());
    for (let round = 0; round < 5; round++) {
      await store.tickets.release(ticket.id, `a${round - 1}`);
      await store.tickets.release(ticket.id, `b${round - 1}`);
      const wins = await Promise.all([store.tickets.claim(ticket.id, `a${round}`), other.tickets.claim(ticket.id, `b${round}`)]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.tickets.leaseOwner(ticket.id)).toBe(wins[0] ? `a${round}` : `b${round}`);
    }
  });

  it.each<[TicketStatus, TicketStatus[]]>([
    ['closed', ['triaged', 'closed']],
    ['failed', ['failed']],
  ])('reopens a %s ticket when the customer writes again', async (status, path) => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    await moveTo(store, ticket.id, path);
    expect((await store.tickets.get(ticket.id))?.status).toBe(status);
    expect((await store.tickets.intake(message({ messageId: 'again' }))).reopened).toBe(true);
  });
});
