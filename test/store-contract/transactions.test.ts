/**
 * Store.transaction on every store (backends.ts): the store calls its work
 * awaits run inside it (all of them roll back together), a transaction inside
 * it joins it, calls from outside never see its uncommitted writes, and
 * read-then-write transactions from two connections both take effect.
 */
import { expect, it } from 'vitest';
import { contractSuite } from './backends.js';
import { message, modelCall } from './fixtures.js';

contractSuite('transactions', (context) => {
  it('commits the calls of its work together, a nested transaction joining it', async () => {
    const { store } = context;
    const id = await store.transaction(async () => {
      const { ticket } = await store.tickets.intake(message());
      await store.transaction(async () => {
        await store.tickets.transition(ticket.id, 'triaged', 'nested');
        await store.modelCalls.record(modelCall({ ticketId: ticket.id }));
      });
      return ticket.id;
    });
    expect((await store.tickets.get(id))?.status).toBe('triaged');
    expect(await store.modelCalls.forTicket(id)).toHaveLength(1);
  });

  it('rolls back every repository its work touched, nested transactions too', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    await expect(
      store.transaction(async () => {
        await store.tickets.transition(ticket.id, 'triaged');
        await store.transaction(() => store.modelCalls.record(modelCall({ ticketId: ticket.id })));
        await store.stageResults.save({ ticketId: ticket.id, key: '1:classify', stage: 'classify', tier: 'nano', promptVersion: 'c@1', fellBack: false, output: {}, modelCallId: null });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await store.tickets.get(ticket.id))?.status).toBe('received');
    expect(await store.modelCalls.forTicket(ticket.id)).toEqual([]);
    expect(await store.modelCalls.ticketCost(ticket.id)).toEqual({ costNanos: 0, estimatedCostNanos: 0 });
    expect(await store.stageResults.find(ticket.id, '1:classify')).toBeNull();
  });

  it('keeps its writes from calls made outside it until it commits', async () => {
    const { store } = context;
    const other = await context.another();
    const { ticket } = await store.tickets.intake(message());
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written = (): void => undefined;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const transaction = store.transaction(async () => {
      await store.tickets.setSummary(ticket.id, 'inside');
      written();
      await held;
    });
    await wrote;
    // Another connection reads the committed state (SQLite: WAL's last commit; Postgres: READ COMMITTED).
    expect((await other.tickets.get(ticket.id))?.summary).toBeNull();
    release();
    await transaction;
    expect((await other.tickets.get(ticket.id))?.summary).toBe('inside');
  });

  it('applies read-then-write transactions from two connections one after the other', async () => {
    const { store } = context;
    // SQLite: one store. Two SQLite connections in one process stall each other here (a BEGIN IMMEDIATE
    // waits synchronously, blocking the event loop the lock holder needs to commit, for busy_timeout's
    // 5 s); processes sharing a file are the chaos suite's shared-database case.
    const other = context.backend === 'postgres' ? await context.another() : store;
    const { ticket } = await store.tickets.intake(message());
    const append = async (on: typeof store, mark: string) =>
      on.transaction(async () => {
        const current = (await on.tickets.get(ticket.id))?.summary ?? '';
        await on.tickets.setSummary(ticket.id, `${current}${mark}`);
      });
    await Promise.all(Array.from({ length: 8 }, (_, n) => append(n % 2 ? other : store, String(n))));
    expect([...((await store.tickets.get(ticket.id))?.summary ?? '')].sort().join('')).toBe('01234567');
  });
});
