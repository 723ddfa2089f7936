/**
 * The ChatAdapter interface: what the core needs from a chat platform and
 * what a platform gets from the core. Imports only src/domain, so adapters
 * stay swappable and platform shapes never leak into the pipeline.
 */
import type {
  BudgetAlert,
  BudgetStatus,
  InboundMessage,
  ModelAlert,
  Platform,
  ReviewRequest,
  ReviewResult,
  ThreadRef,
  TicketOutcome,
  WeeklyReport,
} from '../domain/index.js';

/** The core as an adapter sees it. */
export interface AdapterCore {
  /**
   * Stores the message (and opens or joins its ticket) before returning, so
   * the adapter may ack the platform right after. Returns `isNew: false` for a
   * redelivery: the adapter must then do nothing else. `triageStarted` says
   * whether an outcome will follow (a message joining a ticket under review
   * is stored without re-running triage).
   */
  receive(message: InboundMessage): { ticketId: number; isNew: boolean; triageStarted: boolean };
  /** Applies a reviewer's action; the adapter has already checked who may act. */
  review(request: ReviewRequest): Promise<ReviewResult>;
  /** A customer edited or deleted a stored message; false when it was never stored. */
  messageEdited(ref: MessageRef, text: string, at: Date): boolean;
  messageDeleted(ref: MessageRef, at: Date): boolean;
  /** Whether a conversation already belongs to a ticket (e.g. a thread opened by a mention). */
  hasTicket(thread: ThreadRef): boolean;
  /** A ticket as a card would show it, or null when there is no such ticket. */
  status(ticketId: number): TicketOutcome | null;
  /** Tickets, urgencies, spend and budget since midnight in REPORT_TIMEZONE. */
  today(now?: Date): DailyStats;
  /**
   * Marks a card about to be posted (before the post), so a crash between the
   * post and `cardPosted` leaves a trace: the next outcome then looks for the
   * card instead of posting a second one. Returns the mark's id.
   */
  cardPosting(card: Omit<CardRef, 'messageId'>): number;
  /** Remembers where the card was posted, so later outcomes update it in place. */
  cardPosted(markId: number, messageId: string): void;
  /** The ticket's newest card on a platform; `messageId` null when its post may have been cut off. */
  latestCard(ticketId: number, platform: Platform): PendingCardRef | null;
}

export interface MessageRef {
  platform: Platform;
  channelId: string;
  platformMessageId: string;
}

export interface CardRef {
  ticketId: number;
  platform: Platform;
  channelId: string;
  messageId: string;
}

export interface PendingCardRef extends Omit<CardRef, 'messageId'> {
  markId: number;
  messageId: string | null;
  /** When the post started: where to start looking for it. */
  since: Date;
}

export interface DailyStats {
  since: Date;
  /** The zone whose midnight `since` is (REPORT_TIMEZONE). */
  timeZone: string;
  tickets: number;
  byUrgency: Record<string, number>;
  byStatus: Record<string, number>;
  costUsd: number;
  /** Null when no cap is set. */
  budget: BudgetStatus | null;
}

export interface ChatAdapter {
  readonly platform: Platform;
  start(core: AdapterCore): Promise<void>;
  stop(): Promise<void>;
  /** Posts the approved reply in the customer's thread, marked with `idempotencyKey`. */
  postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<{ messageId: string }>;
  /**
   * Looks in the thread for a reply the bot posted with this key (since
   * `since`): how a send interrupted by a crash or a slow platform is
   * reconciled instead of sent twice. Null when it is not there.
   */
  findReply?(thread: ThreadRef, reply: { text: string; idempotencyKey: string; since: Date }): Promise<{ messageId: string } | null>;
  /**
   * Shows what the pipeline did: a review card when a human must act, an
   * informational card for auto-sent or closed tickets.
   */
  presentOutcome(outcome: TicketOutcome): Promise<void>;
}

/**
 * What the scheduled jobs need from a platform: post the weekly report (with
 * its chart) and budget alerts to a channel, natively formatted.
 */
export interface ReportPublisher {
  readonly platform: Platform;
  postReport(channelId: string, report: WeeklyReport, chart: Uint8Array): Promise<{ messageId: string }>;
  postBudgetAlert(channelId: string, alert: BudgetAlert): Promise<{ messageId: string }>;
  /** The models stopped working (a revoked key, say): what happened and what to fix. */
  postModelAlert(channelId: string, alert: ModelAlert): Promise<{ messageId: string }>;
}
