/** The stage checkpoints' contract, on every store (backends.ts). */
import { expect, it } from 'vitest';
import { contractSuite } from './backends.js';
import { message } from './fixtures.js';

contractSuite('stage results', (context) => {
  it('keeps the first save of a key and round-trips its output', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    expect(await store.stageResults.find(ticket.id, '1:classify')).toBeNull();
    const output = { urgency: 'high', riskFlags: ['refund'], nested: { amount: 12.5, note: null } };
    await store.stageResults.save({ ticketId: ticket.id, key: '1:classify', stage: 'classify', tier: 'nano', promptVersion: 'classify@1', fellBack: false, output, modelCallId: null });
    await store.stageResults.save({ ticketId: ticket.id, key: '1:classify', stage: 'classify', tier: 'mini', promptVersion: 'classify@2', fellBack: true, output: { other: 1 }, modelCallId: null });
    expect(await store.stageResults.find(ticket.id, '1:classify')).toEqual({ ticketId: ticket.id, key: '1:classify', stage: 'classify', tier: 'nano', promptVersion: 'classify@1', fellBack: false, output, modelCallId: null });
    expect(await store.stageResults.find(ticket.id, '2:classify')).toBeNull();
  });

  it('two saves of one key from two connections at once keep one', async () => {
    const { store } = context;
    const other = await context.another();
    const { ticket } = await store.tickets.intake(message());
    const result = (tier: 'nano' | 'mini') => ({ ticketId: ticket.id, key: '1:extract', stage: 'extract' as const, tier, promptVersion: 'x@1', fellBack: false, output: { tier }, modelCallId: null });
    await Promise.all([store.stageResults.save(result('nano')), other.stageResults.save(result('mini'))]);
    const saved = await store.stageResults.find(ticket.id, '1:extract');
    expect(saved?.output).toEqual({ tier: saved?.tier });
  });
});
