/** The worker registry's contract, on every store (backends.ts). */
import { expect, it } from 'vitest';
import { contractSuite } from './backends.js';
import { message } from './fixtures.js';

contractSuite('workers', (context) => {
  it('registers, beats and stops workers, with exact times', async () => {
    const { store } = context;
    const startedAt = new Date('2026-11-20T10:00:00.001Z');
    await store.workers.register({ id: 'w1', host: 'h', pid: 10, startedAt, heartbeatAt: startedAt });
    await store.workers.register({ id: 'w2', host: 'h', pid: 11, startedAt, heartbeatAt: startedAt });
    await store.workers.beat('w1', new Date('2026-11-20T10:00:05.002Z'));
    await store.workers.stop('w2', new Date('2026-11-20T10:00:06.003Z'));
    const byId = new Map((await store.workers.list()).map((worker) => [worker.id, worker]));
    expect(byId.get('w1')).toEqual({ id: 'w1', host: 'h', pid: 10, startedAt, heartbeatAt: new Date('2026-11-20T10:00:05.002Z'), stoppedAt: null });
    expect(byId.get('w2')).toMatchObject({ heartbeatAt: new Date('2026-11-20T10:00:06.003Z'), stoppedAt: new Date('2026-11-20T10:00:06.003Z') });
    await expect(store.workers.register({ id: 'w1', host: 'h', pid: 12, startedAt, heartbeatAt: startedAt })).rejects.toThrow();
  });

  it('prunes silent workers that hold nothing, and keeps one that holds a lease', async () => {
    const { store } = context;
    const old = new Date('2026-11-20T09:00:00.000Z');
    await store.workers.register({ id: 'idle', host: 'h', pid: 1, startedAt: old, heartbeatAt: old });
    await store.workers.register({ id: 'holder', host: 'h', pid: 2, startedAt: old, heartbeatAt: old });
    await store.workers.register({ id: 'alive', host: 'h', pid: 3, startedAt: old, heartbeatAt: new Date('2026-11-20T10:30:00.000Z') });
    await store.tickets.intake(message(), 'holder');
    await store.workers.prune(new Date('2026-11-20T10:00:00.000Z'));
    expect((await store.workers.list()).map((worker) => worker.id).sort()).toEqual(['alive', 'holder']);
  });
});
