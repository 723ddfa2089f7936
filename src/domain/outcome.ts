import type { SlaState } from '../sla/sla-state.js';
import type { Decision } from './route.js';
import type { Ticket } from './ticket.js';
import type { Classification, Draft, DraftSource, ExtractedFields, Grounding, ModelReview } from './triage.js';

/**
 * Everything a reviewer (or a card on a platform) needs to know about a
 * ticket after the pipeline ran: the triage, the route and why, the draft,
 * the flagship's view, and what it cost so far.
 */
export interface TicketOutcome {
  ticket: Ticket;
  classification: Classification | null;
  fields: ExtractedFields | null;
  decision: Decision;
  /** `sources` and `grounding`: what the draft cites from the knowledge base (absent for drafts written without one). */
  draft: (Draft & { id: number; source: string; sources?: DraftSource[]; grounding?: Grounding | null }) | null;
  secondOpinion: ModelReview | null;
  /** The latest action a person took on the ticket, if any. */
  lastHumanReview: { reviewerId: string; action: ReviewActionKind; reason: string | null; at: Date } | null;
  /** What was billed for the ticket so far. */
  costUsd: number;
  /**
   * What the calls that were not billed (offline ones) would have cost on the
   * configured models: an estimate, never part of spend. 0 when there were none.
   */
  estimatedCostUsd: number;
  /** The ticket's SLA clocks, when SLA targets are configured and it has them. */
  sla?: SlaState | null;
}

export type ReviewActionKind = 'approve' | 'edit' | 'reject' | 'escalate';

export interface ReviewRequest {
  ticketId: number;
  /** The reviewer's platform user id. Adapters check authorization first. */
  reviewerId: string;
  action: ReviewActionKind;
  /** The edited reply, for `edit`. */
  text?: string;
  /** Why, for `reject` (and optionally others). */
  reason?: string;
}

export type ReviewResult =
  | { ok: true; ticket: Ticket; action: ReviewActionKind }
  | { ok: false; code: 'ALREADY_HANDLED' | 'TICKET_NOT_FOUND' | 'INVALID_REQUEST' | 'DELIVERY_FAILED' | 'BUSY'; message: string; ticket: Ticket | null };
