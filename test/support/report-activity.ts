/**
 * Seeds a store with a ticket and billed calls in a given week, so report
 * tests have something to post: one helper for both platforms' tests.
 */
import type { Platform } from '../../src/domain/index.js';
import type { Store } from '../../src/store/types.js';

export async function seedReportActivity(store: Store, ticket: { platform: Platform; channelId: string; threadId: string; subject: string }, at: Date): Promise<number> {
  const { ticket: opened } = await store.tickets.intake({
    thread: { platform: ticket.platform, channelId: ticket.channelId, threadId: ticket.threadId },
    messageId: ticket.threadId,
    customer: { id: 'customer-1' },
    subject: ticket.subject,
    text: `${ticket.subject}: please help`,
    receivedAt: at,
  });
  const calls = [
    { stage: 'classify', tier: 'nano', model: 'gpt-5.4-nano', costNanos: 300_000 },
    { stage: 'draft', tier: 'mini', model: 'gpt-5.4-mini', costNanos: 3_000_000 },
    { stage: 'second_opinion', tier: 'flagship', model: 'gpt-5.4', costNanos: 11_000_000 },
  ] as const;
  for (const call of calls) {
    await store.modelCalls.record({
      ticketId: opened.id,
      ...call,
      provider: 'openai',
      requestId: null,
      promptName: call.stage,
      promptVersion: `${call.stage}@test`,
      usage: { input: 1_200, cachedInput: 1_024, output: 300, reasoning: 0 },
      estimatedCostNanos: null,
      priceVersion: 'test',
      latencyMs: 40,
      outcome: 'ok',
      errorMessage: null,
      rawUsage: null,
      createdAt: at,
    });
  }
  return opened.id;
}
