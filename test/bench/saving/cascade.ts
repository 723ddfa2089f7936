/**
 * The cascade side: the project's own core (createCore: store, gateway,
 * pipeline, routing, guards, knowledge base, ledger) with the OpenAI
 * provider pointed at the fake, as `npm run replay` runs it. Tickets are fed
 * a few at a time (IN_FLIGHT), like a steady stream of customers rather than
 * a backlog, so a ticket's times are its own work and not a queue.
 *
 * Per ticket: stored → urgency known (the triage is saved with the ticket)
 * → outcome shown (the card, or the close of a message that needs no reply),
 * converted to real speed from that ticket's calls' waits; the cost is the
 * ledger's (`ticketCost`), every attempt included.
 */
import { loadConfig } from '../../../src/config.js';
import { createCore } from '../../../src/core.js';
import type { TicketOutcome } from '../../../src/domain/index.js';
import type { Store, TicketRepository } from '../../../src/store/types.js';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { IN_FLIGHT } from './assumptions.js';
import { KB_PATH } from './baseline.js';
import { inFlight, realSpan } from './real-time.js';
import type { SideOptions, StageSpend, TicketTimes } from './side.js';
import type { BenchTicket } from './tickets.js';
import { mapAsync } from '../../support/async-array.js';

export interface CascadeRun {
  times: TicketTimes[];
  stages: StageSpend[];
  /** Tickets whose outcome was a failure (should be none). */
  failed: number;
  /** Attempts that did not succeed (stage, outcome, error): retries and fallbacks, each in the ledger and the cost. */
  unsuccessful: string[];
}

/** The store, with the moment each ticket's triage is saved noted (the pipeline's "urgency known"). */
function noticingTriage(store: Store, onTriaged: (ticketId: number) => void): Store {
  const inner = store.tickets;
  const tickets = Object.create(inner) as TicketRepository;
  tickets.applyTriage = async (...args: Parameters<TicketRepository['applyTriage']>) => {
    await inner.applyTriage(...args);
    onTriaged(args[0]);
  };
  return { ...store, tickets };
}

export async function runCascade(options: SideOptions & { runId: string }): Promise<CascadeRun> {
  const { fake } = options;
  const config = { ...loadConfig({ OPENAI_API_KEY: options.apiKey, OPENAI_BASE_URL: fake.url, LOG_LEVEL: 'silent', KB_PATH }), databasePath: options.database };
  const triagedAt = new Map<number, number>();
  const shown = new Map<number, (outcome: TicketOutcome) => void>();
  const store = noticingTriage(openSqliteStore(options.database), (ticketId) => triagedAt.set(ticketId, performance.now()));
  let replies = 0;
  const core = createCore(config, options.logger, {
    store,
    concurrency: IN_FLIGHT,
    watchKnowledgeBase: false,
    channels: () => ({
      postReply: async () => ({ messageId: `saving-${options.runId}-out-${++replies}` }),
    }),
    onOutcome: (outcome) => {
      shown.get(outcome.ticket.id)?.(outcome);
      shown.delete(outcome.ticket.id);
    },
  });
  const spans: { id: string; ticketId: number; stored: number; shown: number; outcome: TicketOutcome }[] = [];
  try {
    await core.gateway.checkModels();
    await core.knowledge.syncVectors();
    let received = 0;
    const feed = (tickets: readonly BenchTicket[], record: boolean) =>
      inFlight(tickets, IN_FLIGHT, async (ticket) => {
        const index = received++;
        const { ticket: stored } = await core.workflow.receive({
            thread: { platform: 'replay', channelId: options.runId, threadId: String(index) },
            messageId: String(index),
            customer: { id: `saving-customer-${index}` },
            ...(ticket.subject ? { subject: ticket.subject } : {}),
            text: ticket.text,
            receivedAt: new Date(),
          });
        const storedAt = performance.now();
        // Set before the outcome can come: it needs the fake's answers over HTTP first.
        await new Promise<void>((resolve) => {
          shown.set(stored.id, (outcome) => {
            if (record) spans.push({ id: ticket.id, ticketId: stored.id, stored: storedAt, shown: performance.now(), outcome });
            resolve();
          });
        });
      });
    await feed(options.warmup, false);
    await feed(options.tickets, true);
    await core.workflow.idle();

    const timings = new Map(fake.timings.map((timing) => [timing.clientRequestId, timing]));
    const stages = new Map<string, StageSpend>();
    const unsuccessful: string[] = [];
    const times = await mapAsync(spans, async (span): Promise<TicketTimes> => {
      const calls = (await core.store.modelCalls.forTicket(span.ticketId)).filter((call) => !call.shadow);
      for (const call of calls) if (call.outcome !== 'ok') unsuccessful.push(`${call.stage} ${call.outcome}: ${call.errorMessage ?? ''}`);
      const waits = calls.flatMap((call) => timings.get(call.attemptId ?? null)?.waits ?? []);
      for (const call of calls) {
        const key = `${call.stage}:${call.tier}`;
        const spend = stages.get(key) ?? { stage: call.stage, tier: call.tier, calls: 0, costUsd: 0, inputTokens: 0, cachedTokens: 0, outputTokens: 0 };
        spend.calls += 1;
        spend.costUsd += call.costNanos / 1e9;
        spend.inputTokens += call.usage.input;
        spend.cachedTokens += call.usage.cachedInput;
        spend.outputTokens += call.usage.output;
        stages.set(key, spend);
      }
      const triaged = triagedAt.get(span.ticketId);
      return {
        id: span.id,
        costUsd: (await core.store.modelCalls.ticketCost(span.ticketId)).costNanos / 1e9,
        calls: calls.length,
        urgencySeconds: triaged === undefined ? Number.NaN : realSpan(span.stored, triaged, waits, fake.timeScale) / 1000,
        cardSeconds: realSpan(span.stored, span.shown, waits, fake.timeScale) / 1000,
        escalated: calls.some((call) => call.stage === 'second_opinion'),
      };
    });
    const failed = spans.filter((span) => span.outcome.ticket.status === 'failed').length;

    return { times, stages: [...stages.values()].sort((a, b) => b.costUsd - a.costUsd), failed, unsuccessful };
  } finally {
    await core.workflow.stop();
    core.close();
  }
}
