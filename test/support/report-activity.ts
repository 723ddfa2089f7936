/**
 * Seeds a store with a ticket and billed calls in a given week, so report
 * tests have something to post: one helper for both platforms' tests.
 */
import type { Platform } from '../../src/domain/index.js';
import type { Store } from '../../src/store/types.js';

/** A billed call as the seeded ticket had it. */
export interface SeededCall {
  stage: 'classify' | 'draft' | 'second_opinion';
  tier: 'nano' | 'mini' | 'flagship';
  model: string;
  costNanos: number;
}

const DEFAULT_CALLS: readonly SeededCall[] = [
  { stage: 'classify', tier: 'nano', model: 'gpt-5.4-nano', costNanos: 300_000 },
  { stage: 'draft', tier: 'mini', model: 'gpt-5.4-mini', costNanos: 3_000_000 },
  { stage: 'second_opinion', tier: 'flagship', model: 'gpt-5.4', costNanos: 11_000_000 },
];

export interface SeedOptions {
  calls?: readonly SeededCall[];
  customerId?: string;
  usage?: { input: number; cachedInput: number; output: number; reasoning: number };
  latencyMs?: number;
  /** Stamped on prompt and price versions (`classify@test`). */
  label?: string;
}

export async function seedReportActivity(
  store: Store,
  ticket: { platform: Platform; channelId: string; threadId: string; subject: string },
  at: Date,
  options: SeedOptions = {},
): Promise<number> {
  const label = options.label ?? 'test';
  const { ticket: opened } = await store.tickets.intake({
    thread: { platform: ticket.platform, channelId: ticket.channelId, threadId: ticket.threadId },
    messageId: ticket.threadId,
    customer: { id: options.customerId ?? 'customer-1' },
    subject: ticket.subject,
    text: `${ticket.subject}: please help`,
    receivedAt: at,
  });
  for (const call of options.calls ?? DEFAULT_CALLS) {
    await store.modelCalls.record({
      ticketId: opened.id,
      ...call,
      provider: 'openai',
      requestId: null,
      promptName: call.stage,
      promptVersion: `${call.stage}@${label}`,
      usage: options.usage ?? { input: 1_200, cachedInput: 1_024, output: 300, reasoning: 0 },
      estimatedCostNanos: null,
      priceVersion: label,
      latencyMs: options.latencyMs ?? 40,
      outcome: 'ok',
      errorMessage: null,
      rawUsage: null,
      createdAt: at,
    });
  }
  return opened.id;
}
