/**
 * The SQLite store behind async interfaces shares one connection between
 * every ticket in flight. These tests pin what the gate promises: a
 * transaction's own awaited calls run inside it, anyone else's wait until it
 * ends (so they are neither rolled back with it nor see its half-done
 * writes), a failure rolls all of it back, and work a transaction started
 * but did not await no longer counts as inside once it has ended.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../src/domain/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/types.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('triage-async-gate');
let store: Store;
let opened = 0;

beforeEach(() => {
  store = openSqliteStore(dir.file(`gate-${++opened}.db`));
});
afterEach(() => store.close());

function message(n: number): InboundMessage {
  const ts = `1700000000.${String(n).padStart(4, '0')}`;
  return {
    thread: { platform: 'slack', channelId: 'C1', threadId: ts },
    messageId: ts,
    customer: { id: 'U1' },
    text: `message ${n}`,
    receivedAt: new Date('2026-11-20T10:00:00.000Z'),
  };
}

/** Resolves after `turns` trips through the event loop, so other async work gets its chance. */
async function yieldTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('the async gate over one SQLite connection', () => {
  it('runs a transaction’s awaited calls inside it and keeps others out until it commits', async () => {
    const order: string[] = [];
    const inside = store.transaction(async () => {
      const first = await store.tickets.intake(message(1));
      order.push('tx: first intake');
      await yieldTurns(5); // an outside call had every chance to slip in here
      await store.tickets.transition(first.ticket.id, 'triaged');
      order.push('tx: transition');
      return first.ticket.id;
    });
    // Started while the transaction is open: must wait for it, then see its whole result.
    const outside = (async () => {
      await yieldTurns(1);
      const list = await store.tickets.listByStatus('triaged');
      order.push(`outside: ${list.length} triaged`);
      return list;
    })();
    const id = await inside;
    const seen = await outside;
    expect(order).toEqual(['tx: first intake', 'tx: transition', 'outside: 1 triaged']);
    expect(seen.map((ticket) => ticket.id)).toEqual([id]);
  });

  it('rolls back every write of a failed transaction, and an outside write made meanwhile survives', async () => {
    const failing = store.transaction(async () => {
      await store.tickets.intake(message(1));
      await yieldTurns(5);
      throw new Error('abort');
    });
    const outside = (async () => {
      await yieldTurns(1);
      return store.tickets.intake(message(2));
    })();
    await expect(failing).rejects.toThrow('abort');
    const kept = await outside;
    expect(kept.isNew).toBe(true);
    const all = [...(await store.tickets.listByStatus('received'))].map((ticket) => ticket.threadId);
    expect(all).toEqual([message(2).thread.threadId]);
  });

  it('joins a transaction opened inside another, and runs transactions one after another', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        store.transaction(async () => {
          const { ticket } = await store.tickets.intake(message(n));
          await store.transaction(async () => {
            await store.tickets.transition(ticket.id, 'triaged');
          });
          await yieldTurns(2);
          return (await store.tickets.get(ticket.id))?.status;
        }),
      ),
    );
    expect(results).toEqual(['triaged', 'triaged', 'triaged']);
  });

  it('does not count work a transaction left running as inside it once it has ended', async () => {
    let leftBehind: Promise<unknown> = Promise.resolve();
    await store.transaction(async () => {
      await store.tickets.intake(message(1));
      // Started inside, not awaited: it runs after the commit.
      leftBehind = (async () => {
        await yieldTurns(3);
        return store.tickets.intake(message(2));
      })();
    });
    // Another transaction opens while the left-behind call is still waiting to run, and fails.
    const failing = store.transaction(async () => {
      await store.tickets.intake(message(3));
      await yieldTurns(10);
      throw new Error('abort');
    });
    await expect(failing).rejects.toThrow('abort');
    await leftBehind;
    // Had the left-behind intake joined the failing transaction, it would have been rolled back with it.
    const threads = (await store.tickets.listByStatus('received')).map((ticket) => ticket.threadId).sort();
    expect(threads).toEqual([message(1).thread.threadId, message(2).thread.threadId]);
  });
});
