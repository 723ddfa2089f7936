/**
 * The store behind small interfaces, so a second backend (Postgres, say) can
 * be added without touching the pipeline. Implementations: store/sqlite/.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { SlaRepository } from '../sla/sla-store.js';
import type { Classification, Platform, Decision, DraftSource, ExtractedFields, Grounding, InboundMessage, LedgerStage, ModelTier, Nanos, Stage, Ticket, TicketStatus, ThreadRef, TokenUsage } from '../domain/index.js';
import type { AsyncOf } from './async-of.js';
import type { SpendRepository } from './spend-types.js';

export interface IntakeResult {
  ticket: Ticket;
  /** False when the message was already stored (a redelivery): do nothing. */
  isNew: boolean;
  /** True when this message opened the ticket (rather than joining one). */
  openedTicket: boolean;
  /** True when the message reopened a sent / closed / failed ticket. */
  reopened: boolean;
}

export interface StoredMessage {
  id: number;
  ticketId: number;
  direction: 'inbound' | 'outbound';
  authorId: string;
  text: string;
  platformMessageId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface TicketEvent {
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  reason: string | null;
  createdAt: Date;
}

export type TicketRepository = AsyncOf<TicketRepositorySync>;

export interface TicketRepositorySync {
  /**
   * Stores the message and its ticket (new or existing) in one transaction.
   * A ticket that starts (or restarts) triage is leased to `owner`, the
   * worker that will work it.
   */
  intake(message: InboundMessage, owner?: string): IntakeResult;
  get(id: number): Ticket | null;
  findByThread(thread: ThreadRef): Ticket | null;
  /** Moves the ticket along the state machine; throws InvalidTransitionError. */
  transition(id: number, to: TicketStatus, reason?: string): Ticket;
  applyTriage(id: number, classification: Classification): void;
  setSummary(id: number, summary: string): void;
  messages(id: number): StoredMessage[];
  events(id: number): TicketEvent[];
  recordOutbound(id: number, message: { channelId: string; authorId: string; text: string; platformMessageId: string | null }): number;
  /** Sets the platform id of an outbound message once the platform confirmed it. */
  confirmOutbound(messageId: number, platformMessageId: string): void;
  /** Removes an outbound message whose send never reached the platform (looked for, not there). */
  discardOutbound(messageId: number): void;
  editMessage(ref: { platform: string; channelId: string; platformMessageId: string }, text: string, at: Date): boolean;
  deleteMessage(ref: { platform: string; channelId: string; platformMessageId: string }, at: Date): boolean;
  /** Tickets in a status, oldest first (for restart recovery). */
  listByStatus(status: TicketStatus, limit?: number): Ticket[];
  /**
   * Takes the ticket's lease for `owner` when it is free, already ours, or
   * held by one of `takeOverFrom` (dead workers). False when a live worker holds it.
   */
  claim(id: number, owner: string, takeOverFrom?: readonly string[]): boolean;
  /** Gives the lease back (only when `owner` holds it). */
  release(id: number, owner: string): void;
  /** Who holds the ticket's lease, or null. */
  leaseOwner(id: number): string | null;
  /** Tickets someone holds or should (a lease owner, or a status in progress), with their owners, oldest first. */
  listWorked(limit?: number): { id: number; status: TicketStatus; owner: string | null; platform: Platform }[];
  /** Tickets created in [since, until): how many, by urgency and by status. */
  countsBetween(since: Date, until: Date): TicketCounts;
}

export interface TicketCounts {
  tickets: number;
  byUrgency: Record<string, number>;
  byStatus: Record<string, number>;
}

export interface ReviewCard {
  ticketId: number;
  platform: string;
  channelId: string;
  messageId: string;
}

/** A card as stored: `messageId` is null while its post is under way, or when a crash cut it off. */
export interface StoredReviewCard extends Omit<ReviewCard, 'messageId'> {
  id: number;
  messageId: string | null;
  createdAt: Date;
}

export type ReviewCardRepository = AsyncOf<ReviewCardRepositorySync>;

export interface ReviewCardRepositorySync {
  save(card: ReviewCard): void;
  /** Marks a card about to be posted; returns its row id for `confirm`. */
  begin(card: Omit<ReviewCard, 'messageId'>): number;
  confirm(id: number, messageId: string): void;
  /** The newest card of a ticket on a platform. */
  latest(ticketId: number, platform: string): StoredReviewCard | null;
}

export interface TriageRecord {
  classification: Classification;
  classifiedBy: ModelTier;
  /** The cheap classifier failed and a pricier tier answered. */
  classifierFellBack?: boolean;
  fields: ExtractedFields;
  /** Extraction failed: `fields` is empty because nothing could be read. */
  extractionFailed?: boolean;
  promptVersions: string[];
}

export interface StoredDraft {
  id: number;
  ticketId: number;
  source: string;
  text: string;
  language: string;
  confidence: number | null;
  promptVersion: string | null;
  /** Knowledge-base passages the draft cites. */
  sources: DraftSource[];
  /** Null: written without a knowledge base to ground it in (or before there was one). */
  grounding: Grounding | null;
  createdAt: Date;
}

export type TriageRepository = AsyncOf<TriageRepositorySync>;

export interface TriageRepositorySync {
  saveTriage(ticketId: number, record: TriageRecord): void;
  latestTriage(ticketId: number): TriageRecord | null;
  saveDecision(ticketId: number, decision: Decision, promptVersions: string[]): void;
  latestDecision(ticketId: number): (Decision & { promptVersions: string[]; createdAt: Date }) | null;
  saveDraft(ticketId: number, draft: Omit<StoredDraft, 'id' | 'ticketId' | 'createdAt' | 'sources' | 'grounding'> & Partial<Pick<StoredDraft, 'sources' | 'grounding'>>): StoredDraft;
  latestDraft(ticketId: number): StoredDraft | null;
  /** Every routing decision of the ticket (one per triage round, more when re-routed), oldest first: its timeline. */
  decisions(ticketId: number): (Decision & { promptVersions: string[]; createdAt: Date })[];
  /** Every draft of the ticket (rewrites and later rounds included), oldest first: its timeline. */
  drafts(ticketId: number): StoredDraft[];
  /** The latest decision of each of these tickets (tickets without one are absent). */
  latestDecisions(ticketIds: readonly number[]): Map<number, Decision>;
  /** Routing decisions made in [since, until), oldest first. */
  decisionsBetween(since: Date, until: Date): (Decision & { ticketId: number; createdAt: Date })[];
}

/** A billed attempt as it starts: its row is the budget's reservation until it ends. */
export interface OpenAttempt {
  attemptId: string;
  owner: string;
  ticketId: number | null;
  stage: LedgerStage;
  tier: ModelTier;
  provider: string;
  model: string;
  promptName: string;
  promptVersion: string;
  priceVersion: string;
  worstCaseNanos: Nanos;
  /** A shadow call (see ModelCallRecord.shadow); false when absent. */
  shadow?: boolean;
  /** When the attempt started; the store's clock when absent. */
  createdAt?: Date;
}

/** How an attempt ended. */
export interface AttemptResult {
  usage: TokenUsage;
  rawUsage: unknown;
  requestId: string | null;
  costNanos: Nanos;
  costBasis: CostBasis;
  estimatedCostNanos: Nanos | null;
  latencyMs: number;
  outcome: string;
  errorMessage: string | null;
}

/**
 * Where a ledger row's cost comes from: the provider's reported `usage`, the
 * attempt's `worst_case` (usage unknown: a timeout, a cut body, a crash),
 * `reserved` (still in flight), or `estimate` (offline, not billed).
 */
export type CostBasis = 'usage' | 'worst_case' | 'reserved' | 'estimate';

export interface ModelCallRecord {
  ticketId: number | null;
  stage: LedgerStage;
  tier: ModelTier;
  provider: string;
  model: string;
  requestId: string | null;
  promptName: string;
  promptVersion: string;
  usage: TokenUsage;
  costNanos: Nanos;
  estimatedCostNanos: Nanos | null;
  priceVersion: string;
  latencyMs: number;
  outcome: string;
  errorMessage: string | null;
  rawUsage: unknown;
  /** Absent: `usage` (or `estimate` when estimatedCostNanos is set). */
  costBasis?: CostBasis;
  worstCaseNanos?: Nanos | null;
  attemptId?: string | null;
  /**
   * An evaluation's call (the replay's `--shadow`): paid and counted in spend
   * and budgets like any call, but not part of handling its ticket. False when absent.
   */
  shadow?: boolean;
  /** When the call started; the store's clock when absent. */
  createdAt?: Date;
}

export type ModelCallRepository = AsyncOf<ModelCallRepositorySync>;

export interface ModelCallRepositorySync {
  /** One settled row for a call that needed no reservation (an offline call); returns its id. */
  record(call: ModelCallRecord): number;
  /** Writes an attempt's row before it is sent: `in_flight`, priced at its worst case. */
  open(attempt: OpenAttempt): number;
  /** Completes an open row with what the attempt cost; settles it. */
  close(id: number, result: AttemptResult): void;
  /**
   * Closes the open rows of these (dead) owners as `unknown_outcome`, priced
   * at their worst case: the provider may have billed them. Returns how many.
   */
  closeAbandoned(owners: readonly string[]): number;
  /** Owners of open rows. */
  openOwners(): string[];
  /** Worst-case spend reserved by attempts in flight (any process) started at or after `since`. */
  inFlightSince(since: Date): Nanos;
  /** A ticket's calls; null: the calls of no ticket (knowledge-base embeddings). */
  forTicket(ticketId: number | null): (ModelCallRecord & { id: number; createdAt: Date })[];
  /**
   * What handling the ticket cost (its settled calls, shadow calls left out),
   * and what its unbilled (offline) calls would have cost on the models they
   * stood in for (0 when every call was billed). Kept by the ledger's
   * aggregates, so it stays known after retention deletes the calls.
   */
  ticketCost(ticketId: number): { costNanos: Nanos; estimatedCostNanos: Nanos };
  /**
   * Settled spend of calls started at or after `since` and settled after
   * `afterSeq` (0: all), and the last settle sequence seen, so a running total
   * reads only newly settled rows. What budgets are measured against.
   */
  spentSinceAfter(since: Date, afterSeq: number): { costNanos: Nanos; lastSeq: number };
}

export type ReviewAction = 'approve' | 'edit' | 'reject' | 'escalate' | 'rewrite' | 'defer';

export interface ReviewRecord {
  ticketId: number;
  draftId: number | null;
  /** A person's platform id, the model tier of a second opinion, or `policy`. */
  reviewer: string;
  /** `model`: a second opinion on the draft, by the tier in `reviewer`. */
  reviewerKind: 'human' | 'model' | 'policy';
  action: ReviewAction;
  editedText: string | null;
  reason: string | null;
}

export type ReviewRepository = AsyncOf<ReviewRepositorySync>;

export interface ReviewRepositorySync {
  /** Returns the review's id. */
  record(review: ReviewRecord): number;
  forTicket(ticketId: number): (ReviewRecord & { id: number; createdAt: Date })[];
}

export type PostKind = 'weekly_report' | 'budget_threshold' | 'budget_exhausted' | 'models_unavailable';

export interface PostKey {
  kind: PostKind;
  periodKey: string;
  platform: string;
  channelId: string;
}

/** A post as stored. */
export interface ChannelPost extends PostKey {
  status: 'posting' | 'posted';
  messageId: string | null;
  createdAt: Date;
  postedAt: Date | null;
}

/**
 * Every post the scheduled jobs make to a channel (weekly reports, budget
 * alerts, model alerts), claimed before posting so each is posted at most once.
 */
export type ChannelPostRepository = AsyncOf<ChannelPostRepositorySync>;

export interface ChannelPostRepositorySync {
  /** True when this caller now owns the post; false when it was claimed before (by anyone, ever). */
  claim(key: PostKey): boolean;
  markPosted(key: PostKey, messageId: string, at: Date): void;
  /** Gives a claim back after a failed post, so the next run tries again. */
  release(key: PostKey): void;
  find(key: PostKey): ChannelPost | null;
}

/** A finished stage's output as stored, kept so a resumed ticket never pays for it again. */
export interface StoredStageResult {
  ticketId: number;
  key: string;
  stage: Stage;
  tier: ModelTier;
  promptVersion: string;
  fellBack: boolean;
  output: unknown;
  modelCallId: number | null;
}

export type StageResultRepository = AsyncOf<StageResultRepositorySync>;

export interface StageResultRepositorySync {
  find(ticketId: number, key: string): StoredStageResult | null;
  /** Idempotent: a second save of the same key keeps the first. */
  save(result: StoredStageResult): void;
}

export interface WorkerRecord {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
}

/** Bot processes sharing the database, for leases. */
export type WorkerRepository = AsyncOf<WorkerRepositorySync>;

export interface WorkerRepositorySync {
  register(worker: Omit<WorkerRecord, 'stoppedAt'>): void;
  beat(id: string, at: Date): void;
  stop(id: string, at: Date): void;
  list(): WorkerRecord[];
  /** Forgets workers stopped or silent since before `before` that hold nothing. */
  prune(before: Date): void;
}

export interface Store {
  tickets: TicketRepository;
  triage: TriageRepository;
  modelCalls: ModelCallRepository;
  reviews: ReviewRepository;
  cards: ReviewCardRepository;
  channelPosts: ChannelPostRepository;
  stageResults: StageResultRepository;
  workers: WorkerRepository;
  sla: SlaRepository;
  /** The ledger's aggregates: what reports and `/triage today` read, and retention. */
  spend: SpendRepository;
  /** The SQLite handle, for the knowledge base's full-text tables (FTS5, which drizzle cannot express). */
  sqlite: Database.Database;
  /**
   * Runs `work` in one transaction, holding the write lock from the start, so
   * read-then-write is safe across processes. The repository calls `work`
   * awaits run in it (a transaction inside it joins it); `work` must await
   * nothing but the store, since the lock is held meanwhile. A failure rolls
   * all of it back.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Present on a store replicas share (Postgres): what the job queue and the run-alone locks are built on. */
  shared?: SharedDatabase;
  close(): void;
}

/** The raw side of a shared (Postgres) store. */
export interface SharedDatabase {
  /** One statement, inside the store transaction open now if there is one (see PgSession.execute). */
  execute(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** The store's pool: a run-alone lock holds one of its clients while its work runs. */
  pool: pg.Pool;
  /** The connection string, for libraries that open their own pool (the job queue). */
  url: string;
}
