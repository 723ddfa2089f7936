/**
 * The store behind small interfaces, so a second backend (Postgres, say) can
 * be added without touching the pipeline. Implementations: store/sqlite/.
 */
import type {
  Classification,
  Decision,
  ExtractedFields,
  InboundMessage,
  ModelTier,
  Stage,
  Ticket,
  TicketStatus,
  ThreadRef,
  TokenUsage,
} from '../domain/index.js';

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

export interface TicketRepository {
  /** Stores the message and its ticket (new or existing) in one transaction. */
  intake(message: InboundMessage): IntakeResult;
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
  editMessage(ref: { platform: string; channelId: string; platformMessageId: string }, text: string, at: Date): boolean;
  deleteMessage(ref: { platform: string; channelId: string; platformMessageId: string }, at: Date): boolean;
  /** Tickets in a status, oldest first (for restart recovery). */
  listByStatus(status: TicketStatus, limit?: number): Ticket[];
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

export interface ReviewCardRepository {
  save(card: ReviewCard): void;
  /** The newest card of a ticket on a platform. */
  latest(ticketId: number, platform: string): ReviewCard | null;
}

export interface TriageRecord {
  classification: Classification;
  classifiedBy: ModelTier;
  fields: ExtractedFields;
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
  createdAt: Date;
}

export interface TriageRepository {
  saveTriage(ticketId: number, record: TriageRecord): void;
  latestTriage(ticketId: number): TriageRecord | null;
  saveDecision(ticketId: number, decision: Decision, promptVersions: string[]): void;
  latestDecision(ticketId: number): (Decision & { promptVersions: string[]; createdAt: Date }) | null;
  saveDraft(ticketId: number, draft: Omit<StoredDraft, 'id' | 'ticketId' | 'createdAt'>): StoredDraft;
  latestDraft(ticketId: number): StoredDraft | null;
  /** The latest decision of each of these tickets (tickets without one are absent). */
  latestDecisions(ticketIds: readonly number[]): Map<number, Decision>;
  /** Routing decisions made in [since, until), oldest first. */
  decisionsBetween(since: Date, until: Date): (Decision & { ticketId: number; createdAt: Date })[];
}

export interface ModelCallRecord {
  ticketId: number | null;
  stage: Stage;
  tier: ModelTier;
  provider: string;
  model: string;
  requestId: string | null;
  promptName: string;
  promptVersion: string;
  usage: TokenUsage;
  costUsd: number;
  estimatedCostUsd: number | null;
  priceVersion: string;
  latencyMs: number;
  outcome: string;
  errorMessage: string | null;
  rawUsage: unknown;
  /** When the call finished; the store's clock when absent. */
  createdAt?: Date;
}

/** One ledger row with where its ticket came from, for reports. */
export interface LedgerRow {
  ticketId: number | null;
  /** Null for calls without a ticket. */
  platform: string | null;
  channelId: string | null;
  stage: Stage;
  tier: ModelTier;
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  estimatedCostUsd: number;
  outcome: string;
  createdAt: Date;
}

export interface SpendByTier {
  tier: ModelTier;
  calls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  estimatedCostUsd: number;
}

export interface ModelCallRepository {
  record(call: ModelCallRecord): void;
  forTicket(ticketId: number): (ModelCallRecord & { id: number; createdAt: Date })[];
  ticketCost(ticketId: number): number;
  spendByTier(since?: Date, until?: Date): SpendByTier[];
  /**
   * Billed spend of calls made at or after `since` whose id is above `afterId`
   * (0: all), and the highest id seen, so a running total reads only new rows.
   * What budgets are measured against.
   */
  spentSinceAfter(since: Date, afterId: number): { costUsd: number; lastId: number };
  /** Every call in [since, until), oldest first, with its ticket's platform and channel. */
  callsBetween(since: Date, until: Date): LedgerRow[];
}

export type ReviewAction = 'approve' | 'edit' | 'reject' | 'escalate' | 'rewrite' | 'defer';

export interface ReviewRecord {
  ticketId: number;
  draftId: number | null;
  reviewer: string;
  reviewerKind: 'human' | 'flagship' | 'policy';
  action: ReviewAction;
  editedText: string | null;
  reason: string | null;
}

export interface ReviewRepository {
  record(review: ReviewRecord): void;
  forTicket(ticketId: number): (ReviewRecord & { id: number; createdAt: Date })[];
}

export type PostKind = 'weekly_report' | 'budget_threshold' | 'budget_exhausted';

export interface PostKey {
  kind: PostKind;
  periodKey: string;
  platform: string;
  channelId: string;
}

export interface PostedReport extends PostKey {
  status: 'posting' | 'posted';
  messageId: string | null;
  createdAt: Date;
  postedAt: Date | null;
}

/** Scheduled posts, claimed before posting so each is posted at most once. */
export interface PostedReportRepository {
  /** True when this caller now owns the post; false when it was claimed before (by anyone, ever). */
  claim(key: PostKey): boolean;
  markPosted(key: PostKey, messageId: string, at: Date): void;
  /** Gives a claim back after a failed post, so the next run tries again. */
  release(key: PostKey): void;
  find(key: PostKey): PostedReport | null;
}

export interface Store {
  tickets: TicketRepository;
  triage: TriageRepository;
  modelCalls: ModelCallRepository;
  reviews: ReviewRepository;
  cards: ReviewCardRepository;
  posts: PostedReportRepository;
  /** Runs `work` in one transaction (synchronous, as better-sqlite3 is). */
  transaction<T>(work: () => T): T;
  close(): void;
}
