/**
 * Builds the real core (real SQLite file, real `openai` SDK) against the fake
 * OpenAI server, with a reply channel that records what would be posted.
 */
import { loadConfig, type Environment } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import type { InboundMessage, ThreadRef, TicketOutcome } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { tempDir } from '../support/temp-dir.js';

export interface Harness {
  core: Core;
  sent: { thread: ThreadRef; text: string; key: string }[];
  outcomes: TicketOutcome[];
  receive(text: string, options?: { thread?: string; messageId?: string; customer?: string; subject?: string }): Promise<number>;
  close(): void;
}

let counter = 0;

export interface HarnessOptions {
  failSend?: () => boolean;
  /** Tickets worked at once (the core's default otherwise). */
  concurrency?: number;
  /** Gateway retry backoff; tests shorten it. */
  retryDelayMs?: { base: number; max: number };
}

export function createHarness(env: Environment, options: HarnessOptions = {}): Harness {
  const dir = tempDir('triage-e2e');
  const config = loadConfig({
    DATABASE_PATH: dir.file('triage.db'),
    MODEL_MAX_RETRIES: '0',
    // No knowledge base unless a test brings one: grounding has its own tests (test/kb), routing here is about the rest.
    KB_PATH: dir.file('no-knowledge-base'),
    ...env,
  });
  const sent: Harness['sent'] = [];
  const outcomes: TicketOutcome[] = [];
  const core = createCore(config, silentLogger(), {
    channels: () => ({
      postReply: async (thread, text, key) => {
        if (options.failSend?.()) throw new Error('platform down');
        sent.push({ thread, text, key });
        return { messageId: `out-${sent.length}` };
      },
    }),
    onOutcome: (outcome) => {
      outcomes.push(outcome);
    },
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    // Tests stage interrupted sends themselves: no need to wait for one to settle.
    sendSettleMs: 0,
    ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
  });
  return {
    core,
    sent,
    outcomes,
    async receive(text, o = {}) {
      counter += 1;
      const message: InboundMessage = {
        thread: { platform: 'console', channelId: 'C1', threadId: o.thread ?? `t-${counter}` },
        messageId: o.messageId ?? `m-${counter}`,
        customer: { id: o.customer ?? 'customer-1' },
        ...(o.subject ? { subject: o.subject } : {}),
        text,
        receivedAt: new Date(),
      };
      return (await core.workflow.receive(message)).ticket.id;
    },
    close() {
      core.close();
      dir.cleanup();
    },
  };
}
