/**
 * Runs replay tickets through the real pipeline (the configured provider, a
 * real SQLite file), then the shadow classification if asked for, and returns
 * the summary. The CLI in replay.ts prints it.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configuredSecrets, loadConfig, type Environment } from '../config.js';
import { createCore } from '../core.js';
import type { ModelTier, TicketOutcome } from '../domain/index.js';
import { createLogger } from '../logger.js';
import type { ModelProvider } from '../models/provider.js';
import { ALL_TIME } from '../store/spend-sums.js';
import { readReplayTickets, type ReplayTicket } from './replay-input.js';
import type { ReplayResult } from './replay-judgment.js';
import { summarizeReplay, type ReplaySummary } from './replay-summary.js';
import { compareShadow, type ShadowComparison, type ShadowPair } from './shadow-metrics.js';
import { runShadow } from './shadow-run.js';

export interface ReplayOptions {
  input: string;
  limit?: number;
  db?: string;
  review: 'approve' | 'pending';
  concurrency: number;
  /** Classify every ticket once more on this tier, in the shadow, and compare (see shadow-run.ts). */
  shadow?: ModelTier;
  onProgress?: (done: number, total: number) => void;
  /** A model provider in place of the configured one (benchmarks measuring the pipeline alone). */
  provider?: ModelProvider;
}

export async function runReplay(options: ReplayOptions, env?: Environment): Promise<{ summary: ReplaySummary; database: string }> {
  const rows = readReplayTickets(options.input);
  const tickets: ReplayTicket[] = options.limit !== undefined ? rows.slice(0, options.limit) : rows;
  const runId = randomUUID().slice(0, 8);
  const base = env ? loadConfig(env) : loadConfig();
  const database = options.db ?? join(tmpdir(), `triage-replay-${runId}.db`);
  const config = { ...base, databasePath: database };
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: process.stderr, secrets: configuredSecrets(config) });

  const latest = new Map<number, ReplayResult>();
  const labels = new Map<number, ReplayTicket['labels']>();
  const reviews: Promise<unknown>[] = [];
  let done = 0;
  let sent = 0;
  const core = createCore(config, logger, {
    concurrency: options.concurrency,
    watchKnowledgeBase: false,
    ...(options.provider ? { provider: options.provider } : {}),
    channels: () => ({
      postReply: async () => {
        sent += 1;
        return { messageId: `replay-${runId}-out-${sent}` };
      },
    }),
    onOutcome: (outcome: TicketOutcome) => {
      if (!latest.has(outcome.ticket.id)) {
        done += 1;
        options.onProgress?.(done, tickets.length);
      }
      latest.set(outcome.ticket.id, { outcome, labels: labels.get(outcome.ticket.id) ?? null });
      if (options.review === 'approve' && outcome.ticket.status === 'awaiting_review' && outcome.draft) {
        reviews.push(core.workflow.review({ ticketId: outcome.ticket.id, reviewerId: 'replay', action: 'approve' }));
      }
    },
  });
  const started = performance.now();
  try {
    await core.gateway.checkModels();
    // A shared database (--db) may hold tickets a stopped process left: they are taken over, not left behind.
    await core.workflow.recover();
    core.workflow.startHeartbeat();
    for (const ticket of tickets) {
      const { ticket: stored } = await core.workflow.receive({
        thread: { platform: 'replay', channelId: runId, threadId: String(ticket.row) },
        messageId: String(ticket.row),
        customer: { id: `replay-customer-${ticket.row}` },
        ...(ticket.subject ? { subject: ticket.subject } : {}),
        text: ticket.text,
        receivedAt: new Date(),
      });
      labels.set(stored.id, ticket.labels);
    }
    await core.workflow.idle();
    await Promise.all(reviews);
    // Throughput is the pipeline's: the shadow runs after it, and is not timed.
    const seconds = (performance.now() - started) / 1000;
    let shadow: ShadowComparison | null = null;
    if (options.shadow) {
      const classified = [...latest.values()].filter((r) => r.outcome.classification !== null);
      const answers = await runShadow(core, options.shadow, classified.map((r) => r.outcome.ticket.id), options.concurrency, logger);
      const pairs = classified.flatMap((r, i): ShadowPair[] => {
        const answer = answers[i];
        return answer && r.outcome.classification ? [{ nano: r.outcome.classification, shadow: answer }] : [];
      });
      shadow = compareShadow(options.shadow, pairs, classified.length - pairs.length);
    }
    const flagship = core.tiers.get('flagship');
    const summary = summarizeReplay({
      provider: core.gateway.providerName,
      results: [...latest.values()],
      spend: await core.store.spend.groups(ALL_TIME.since, ALL_TIME.until),
      models: { nano: config.models.nano, mini: config.models.mini, flagship: config.models.flagship },
      flagshipPrice: flagship.price,
      seconds,
      shadow,
    });
    return { summary, database };
  } finally {
    await core.workflow.stop();
    core.close();
  }
}

