/** Inputs shared by the store contract suites. */
import type { InboundMessage, TicketStatus } from '../../src/domain/index.js';
import type { ModelCallRecord, Store } from '../../src/store/types.js';

export function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    thread: { platform: 'slack', channelId: 'C1', threadId: '1700000000.0001' },
    messageId: '1700000000.0001',
    customer: { id: 'U1', name: 'Ada' },
    subject: 'Cannot log in',
    text: 'I cannot log in since this morning',
    receivedAt: new Date('2026-11-20T10:00:00.000Z'),
    raw: { ts: '1700000000.0001' },
    ...overrides,
  };
}

/** Drives a ticket along allowed transitions. */
export async function moveTo(store: Store, id: number, path: TicketStatus[]): Promise<void> {
  for (const status of path) await store.tickets.transition(id, status, `to ${status}`);
}

export function modelCall(overrides: Partial<ModelCallRecord> = {}): ModelCallRecord {
  return {
    ticketId: null,
    stage: 'classify',
    tier: 'nano',
    provider: 'test',
    model: 'gpt-5.4-nano',
    requestId: null,
    promptName: 'classify',
    promptVersion: 'classify@1',
    usage: { input: 100, cachedInput: 20, output: 10, reasoning: 5 },
    costNanos: 1_000_000,
    estimatedCostNanos: null,
    priceVersion: 'v1',
    latencyMs: 12.6,
    outcome: 'ok',
    errorMessage: null,
    rawUsage: { input_tokens: 100 },
    ...overrides,
  };
}
