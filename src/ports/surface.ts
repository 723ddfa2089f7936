/**
 * The surface port: what the core needs from a chat platform (Slack,
 * Discord, the console) and what a platform hands the core. Shaped like a
 * chat SDK's adapter: a surface verifies, parses and renders; every decision
 * (which card, who may act, what to answer) is the review desk's
 * (src/desk/). Imports only src/domain and neutral presentation types, so
 * platform shapes never leak into the pipeline.
 */
import type {
  BudgetAlert,
  InboundMessage,
  ModelAlert,
  Platform,
  ReviewActionKind,
  ThreadRef,
  Urgency,
  WeeklyReport,
} from '../domain/index.js';
import type { Card } from '../present/card.js';
import type { RichText } from '../present/rich-text.js';

// ── Inbound: neutral events ─────────────────────────────────────────────

export interface MessageRef {
  platform: Platform;
  channelId: string;
  platformMessageId: string;
}

/** Who clicked, submitted or typed. `roles` when the platform sends them with the event (Discord). */
export interface Actor {
  id: string;
  roles?: readonly string[];
  /**
   * The platform that vouches for this person when it is not the surface's
   * own: a web console session signed in with `/triage web` from Slack or
   * Discord acts as that Slack or Discord reviewer.
   */
  platform?: Platform;
}

/** The two forms a reviewer fills in. */
export type FormKind = 'edit' | 'reject';

export interface FormRequest {
  kind: FormKind;
  ticketId: number;
  /** The draft to start from (edit). */
  initialText?: string;
}

/**
 * One person's click, form or command, and the ways to answer that person.
 * The desk gives exactly one first answer (`acknowledge`, `answerPrivately`,
 * `openForm` or `refuseInput`); `answerPrivately` may follow any of them.
 */
export interface Interaction {
  readonly actor: Actor;
  /** Nothing to show now: the card changes when the ticket's outcome arrives. */
  acknowledge(): Promise<void>;
  /** A text only this person sees (an ephemeral message). */
  answerPrivately(text: RichText): Promise<void>;
  openForm(form: FormRequest): Promise<void>;
  /** A submitted form is refused as it stands (an empty field); nothing was changed. */
  refuseInput(text: string): Promise<void>;
  /**
   * The action worked. A surface that left the person with a pending answer
   * (Discord's deferred reply to a form opened by a command) closes it with
   * this text; others need not show anything, the card says it.
   */
  completed?(text: string): Promise<void>;
}

/** A customer's message, edit or deletion: stored before the platform is acked. */
export type MessageEvent =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'edit'; ref: MessageRef; text: string; at: Date }
  | { kind: 'delete'; ref: MessageRef; at: Date };

/** A reviewer's button, form submission or `/triage` command. Ticket ids arrive raw: the desk parses them. */
export type InteractionEvent =
  | { kind: 'button'; interaction: Interaction; action: ReviewActionKind; ticket: string }
  | { kind: 'form'; interaction: Interaction; form: FormKind; ticket: string; value: string }
  | { kind: 'command'; interaction: Interaction; text: string };

export interface Received {
  ticketId: number;
  /** False for a redelivery: the surface then does nothing else. */
  isNew: boolean;
  /** Whether an outcome will follow (a message joining a ticket under review is only stored). */
  triageStarted: boolean;
}

/** The desk as a surface sees it. */
export interface SurfaceInbox {
  /** Stores a message before returning, so the surface may ack right after. */
  receive(message: InboundMessage): Promise<Received>;
  /** A customer edited or deleted a stored message; false when it was never stored. */
  edited(ref: MessageRef, text: string, at: Date): Promise<boolean>;
  deleted(ref: MessageRef, at: Date): Promise<boolean>;
  /** Whether a conversation already belongs to a ticket (e.g. a thread opened by a mention). */
  hasTicket(thread: ThreadRef): Promise<boolean>;
  /** A click, a form or a command: the desk decides and answers through the interaction. */
  interact(event: InteractionEvent): Promise<void>;
}

// ── Outbound: primitives ────────────────────────────────────────────────

/** A message the bot posted: where it is. */
export interface Posted {
  messageId: string;
}

export interface Surface {
  readonly platform: Platform;
  /** Where review cards go on this surface. */
  readonly cardChannel: string;
  start(inbox: SurfaceInbox): Promise<void>;
  stop(): Promise<void>;
  /**
   * Why the platform connection is not up (for readiness), or null when it
   * is: Slack's HTTP receiver listening or its socket connected, Discord's
   * gateway ready. A surface without one (the console) leaves it out.
   */
  connectionProblem?(): string | null;

  /** Posts a card (its id travels with it, so `findCard` can find it again). */
  postCard(channelId: string, card: Card): Promise<Posted>;
  updateCard(channelId: string, messageId: string, card: Card): Promise<void>;
  /** A card for this ticket posted since `since` (a post a crash cut off may have landed). */
  findCard?(channelId: string, ticketId: number, since: Date): Promise<string | null>;

  /** Posts the approved reply in the customer's thread, marked with `idempotencyKey`. */
  postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<Posted>;
  /**
   * Looks in the thread for a reply the bot posted with this key (since
   * `since`): how a send interrupted by a crash or a slow platform is
   * reconciled instead of sent twice. Null when it is not there.
   */
  findReply?(thread: ThreadRef, reply: { text: string; idempotencyKey: string; since: Date }): Promise<Posted | null>;

  /** Marks a customer's message (received, its urgency, answered); a hint, never fatal. */
  mark?(thread: ThreadRef, messageId: string, mark: MessageMark): Promise<void>;

  /** Which of `among` (group or role ids) this user holds, for surfaces whose events do not say. */
  rolesOf?(userId: string, among: readonly string[]): Promise<string[]>;

  /** A notice to the team in a channel (an SLA warning), mentioning who is on call first. */
  postNotice?(channelId: string, text: RichText, mention: Mention | null): Promise<Posted>;
}

/** Who a notice mentions: user ids, and group ids (Slack user groups, Discord roles). */
export interface Mention {
  users: readonly string[];
  groups: readonly string[];
}

/** What a reaction on the customer's message says. */
export type MessageMark =
  | { kind: 'received' }
  | { kind: 'urgency'; urgency: Urgency }
  | { kind: 'answered' }
  /** Closed without a reply and without a card (a "thanks!"): nothing to review. */
  | { kind: 'closed' };

/**
 * What the scheduled jobs need from a platform: post the weekly report (with
 * its chart) and budget alerts to a channel, natively formatted.
 */
export interface ReportPublisher {
  readonly platform: Platform;
  postReport(channelId: string, report: WeeklyReport, chart: Uint8Array): Promise<Posted>;
  postBudgetAlert(channelId: string, alert: BudgetAlert): Promise<Posted>;
  /** The models stopped working (a revoked key, say): what happened and what to fix. */
  postModelAlert(channelId: string, alert: ModelAlert): Promise<Posted>;
}
