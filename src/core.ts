/**
 * Builds the platform-independent core from validated config: store, price
 * table and tiers (fail fast on a missing price), provider, gateway,
 * pipeline, reviews, delivery, workflow. main.ts and the replay CLI both use it;
 * adapters are attached by the caller.
 */
import { configuredSecrets, type Config } from './config.js';
import type { Logger } from './logger.js';
import { createProvider } from './models/create-provider.js';
import { ModelGateway } from './models/model-gateway.js';
import { ModelHealth } from './models/model-health.js';
import { loadPriceTable } from './models/pricing.js';
import type { ModelProvider } from './models/provider.js';
import type { ModelCallObserver } from './ports/ops.js';
import { TierRegistry } from './models/tiers.js';
import { dayContaining } from './periods.js';
import { ReviewDesk, type DeskDeps } from './desk/review-desk.js';
import { reviewerPolicies } from './desk/reviewer-policy.js';
import { BudgetGuard } from './policy/budget.js';
import { runOutputGuards } from './policy/output-guard.js';
import { createRedactor } from './policy/redaction.js';
import { WorkerLease, type WorkerLeaseOptions } from './pipeline/leases.js';
import { DeliveryService, type ReplyChannelLookup } from './pipeline/delivery.js';
import { TriagePipeline, type DraftGuard } from './pipeline/orchestrator.js';
import { loadOutcome } from './pipeline/outcome.js';
import { PromptLibrary } from './pipeline/prompt-library.js';
import { ReviewService } from './pipeline/review-service.js';
import { TicketWorkflow, type OutcomeListener } from './pipeline/workflow.js';
import type { TicketJobs } from './pipeline/ticket-jobs.js';
import { slaAttainment } from './sla/sla-attainment.js';
import { slaEnabled } from './sla/sla-config.js';
import { withSlaClocks } from './sla/sla-ticket-clocks.js';
import { gatewayEmbedder, startKnowledgeBase, type KnowledgeBase } from './kb/index.js';
import { openSqliteStore } from './store/sqlite/index.js';
import type { Store } from './store/types.js';
import { nanosToUsd } from './domain/index.js';
import { totalOf } from './store/spend-sums.js';
import { weeklyReports, type WeeklyReports } from './jobs/weekly-reports.js';

export interface CoreOptions {
  /** Where replies go for platforms no surface is attached for (the replay CLI's counting channel). */
  channels?: ReplyChannelLookup;
  /** Told after the desk has shown each outcome (the budget alert check, say). */
  onOutcome?: OutcomeListener;
  concurrency?: number;
  /** A shared ticket queue (replicas on Postgres: src/queue/pg-boss-ticket-jobs.ts); the in-process one by default. */
  jobs?: TicketJobs;
  /** Tests and the replay CLI may bring their own. */
  provider?: ModelProvider;
  /** One-time sign-in links to the web console (`/triage web`), when it runs. */
  webSignIn?: DeskDeps['webSignIn'];
  store?: Store;
  /** Wall clock for the ledger and budget periods (tests move it). */
  clock?: () => Date;
  /** Worker liveness settings (tests shorten the time to live or fake the process check). */
  lease?: WorkerLeaseOptions;
  /** Gateway retry backoff (tests shorten it). */
  retryDelayMs?: { base: number; max: number };
  /** How long an interrupted send must be past before its absence proves it never happened (tests shorten it). */
  sendSettleMs?: number;
  /** Re-index the knowledge base when its files change (default true; a one-shot replay has no need). */
  watchKnowledgeBase?: boolean;
  /** Told about every model attempt once the ledger has it (the metrics endpoint). */
  modelCallObserver?: ModelCallObserver;
}

export interface Core {
  config: Config;
  store: Store;
  tiers: TierRegistry;
  gateway: ModelGateway;
  /** The prompts the stages use (the replay's shadow classifies with the very same one). */
  prompts: PromptLibrary;
  /** Whether the models can be used at all (a revoked key makes them unavailable until a call works). */
  health: ModelHealth;
  budget: BudgetGuard;
  pipeline: TriagePipeline;
  workflow: TicketWorkflow;
  /** The review flow: surfaces attach here; outcomes become cards. */
  desk: ReviewDesk;
  /** The team's docs drafts are grounded in (KB_PATH). */
  knowledge: KnowledgeBase;
  /** The weekly spend report for any week, as `npm run report` builds it (the web console's spend dashboard). */
  reports: WeeklyReports;
  close(): void;
}

export function createCore(config: Config, logger: Logger, options: CoreOptions = {}): Core {
  const tiers = new TierRegistry(
    { nano: config.models.nano, mini: config.models.mini, flagship: config.models.flagship },
    loadPriceTable(config.models.pricesFile),
    config.models.embeddings,
  );
  const prompts = new PromptLibrary();
  const clock = options.clock ?? (() => new Date());
  // SLA clocks move with the ticket, in the same transactions (no SLA_* targets: the store as it is).
  const store = withSlaClocks(options.store ?? openSqliteStore(config.databasePath), config.sla, clock);
  const provider = options.provider ?? createProvider(config.models, { logger: logger.child({ component: 'openai-sdk' }), level: config.logLevel });
  const secrets = configuredSecrets(config);
  const redactor = createRedactor(secrets);
  const lease = new WorkerLease(store.workers, { clock, ...options.lease });
  const budget = new BudgetGuard({ ...config.budget, timeZone: config.timeZone }, store.modelCalls, clock);
  const health = new ModelHealth(clock);
  const gateway = new ModelGateway(provider, tiers, store, logger.child({ component: 'models' }), {
    budget,
    health,
    clock,
    workerId: lease.id,
    ...(options.modelCallObserver ? { observer: options.modelCallObserver } : {}),
    redact: (text) => redactor.scrub(text),
    retry: {
      maxRetries: config.models.maxRetries,
      ...(options.retryDelayMs ? { baseDelayMs: options.retryDelayMs.base, maxDelayMs: options.retryDelayMs.max } : {}),
    },
  });
  const guardContext = { canaries: prompts.canaries(), systemPrompts: prompts.systemPrompts(), secrets, linkDomains: config.policy.replyLinkDomains };
  const guard: DraftGuard = (draft, context) => runOutputGuards(draft, { ...guardContext, ...context }).tripped.map((trip) => trip.reason);
  // The team's docs, indexed into the same database at start-up and whenever a file changes.
  // With an embeddings model, passages and queries are also embedded through the gateway (each call in the ledger).
  const embedder = gatewayEmbedder(gateway);
  const knowledge = startKnowledgeBase({ sqlite: store.sqlite, path: config.knowledgeBase.path, logger, watch: options.watchKnowledgeBase ?? true, ...(embedder ? { embedder } : {}) });
  const pipeline = new TriagePipeline({
    gateway,
    prompts,
    productNames: config.productNames,
    store,
    policy: { ...config.policy, flagshipSecondOpinion: provider.capabilities.judgesDrafts },
    logger: logger.child({ component: 'pipeline' }),
    budget,
    guard,
    health,
    knowledge,
    // Offline there is no model to translate with: the synonym list does it.
    translateQueries: config.models.provider !== 'offline',
    // The urgency reaction goes up when the triage is saved, seconds before the card.
    onTriaged: (ticket, urgency) => desk?.markTriaged(ticket, urgency),
  });
  // Late-bound: the desk needs the workflow, the workflow shows outcomes through the desk.
  let desk: ReviewDesk | null = null;
  const delivery = new DeliveryService(store, (platform) => desk?.surface(platform) ?? options.channels?.(platform), logger.child({ component: 'delivery' }), {
    clock,
    ...(options.sendSettleMs !== undefined ? { settleMs: options.sendSettleMs } : {}),
  });
  const reviews = new ReviewService(store, pipeline, delivery, lease.id);
  const workflow = new TicketWorkflow({
    store,
    pipeline,
    delivery,
    reviews,
    logger,
    lease,
    budget,
    clock,
    health,
    probeModels: () => gateway.probe(),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    onOutcome: async (outcome) => {
      await desk?.show(outcome);
      await options.onOutcome?.(outcome);
    },
  });
  desk = new ReviewDesk({
    store,
    receive: async (message) => {
      const result = await workflow.receive(message);
      return { ticketId: result.ticket.id, isNew: result.isNew, triageStarted: result.isNew && result.ticket.status === 'received' };
    },
    review: (request) => workflow.review(request),
    outcome: async (ticketId) => (await store.tickets.get(ticketId) ? await loadOutcome(store, ticketId) : null),
    today: async () => {
      const { since, until } = dayContaining(clock(), config.timeZone);
      const counts = await store.tickets.countsBetween(since, until);
      const costUsd = nanosToUsd(totalOf(await store.spend.groups(since, until)).costNanos);
      const sla = slaEnabled(config.sla) ? slaAttainment(await store.sla.openedBetween(since, until), config.sla, clock()) : null;
      return { since, timeZone: config.timeZone, ...counts, costUsd, budget: budget.enabled ? await budget.status() : null, sla };
    },
    passage: (passageId) => knowledge.retriever.passage(passageId),
    policies: reviewerPolicies(config),
    ...(options.webSignIn ? { webSignIn: options.webSignIn } : {}),
    logger,
  });
  return {
    config,
    store,
    tiers,
    gateway,
    prompts,
    health,
    budget,
    pipeline,
    workflow,
    desk,
    knowledge,
    reports: weeklyReports({ config, store, tiers, budget, clock }),
    close: () => {
      knowledge.stop();
      store.close();
    },
  };
}
