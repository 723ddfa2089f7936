/**
 * A ticket's timeline, read from the store: what the customer wrote, every
 * state change, routing decision, model call, draft, review and delivery, in
 * the order they happened, under a header with the ticket's facts and cost.
 * Read-only, through the store's interfaces (SQLite or Postgres alike).
 */
import { nanosToUsd, type Platform } from '../domain/index.js';
import { routeLabel } from '../present/reason-labels.js';
import { ticketCostText } from '../present/ticket-cost.js';
import type { Store } from '../store/types.js';
import {
  callEntry,
  decisionEntry,
  deliveryEntry,
  draftEntry,
  messageEntry,
  reviewEntry,
  stateEntry,
  storedReasonText,
  type TimelineEntry,
} from './timeline-entries.js';

/** The part of the store a timeline reads. */
export type TimelineStore = Pick<Store, 'tickets' | 'triage' | 'modelCalls' | 'reviews'>;

export interface TimelineHeader {
  ticketId: number;
  platform: Platform;
  customer: { id: string; name: string | null };
  subject: string | null;
  status: string;
  statusReason: string | null;
  statusReasonText: string | null;
  urgency: string | null;
  category: string | null;
  language: string | null;
  sentiment: string | null;
  summary: string | null;
  /** 1, or more once the customer reopened the ticket. */
  round: number;
  createdAt: string;
  updatedAt: string;
  /** The latest routing decision's route; null before the first. */
  route: string | null;
  routeText: string | null;
  /** What handling it cost (shadow calls left out), and the offline calls' estimate. */
  cost: { costNanos: number; costUsd: number; estimatedCostNanos: number; estimatedCostUsd: number; text: string };
}

export interface TicketTimeline {
  ticket: TimelineHeader;
  entries: TimelineEntry[];
}

/**
 * Entries are gathered kind by kind, each kind in its stored order, in the
 * order things follow one another when they share a millisecond: a message
 * and the ticket's (re)opening before the calls that follow, a call before
 * the decision or draft it yields, a review before the delivery it allows,
 * and any other state change after what caused it.
 * The sort by time is stable, so that order settles ties.
 */
export async function ticketTimeline(store: TimelineStore, ticketId: number): Promise<TicketTimeline | null> {
  const ticket = await store.tickets.get(ticketId);
  if (!ticket) return null;
  const [messages, events, decisions, drafts, calls, reviews, cost] = await Promise.all([
    store.tickets.messages(ticketId),
    store.tickets.events(ticketId),
    store.triage.decisions(ticketId),
    store.triage.drafts(ticketId),
    store.modelCalls.forTicket(ticketId),
    store.reviews.forTicket(ticketId),
    store.modelCalls.ticketCost(ticketId),
  ]);
  // A ticket (re)opens on the customer's message, in the same instant: that state change goes right after it.
  const opening = (event: (typeof events)[number]) => event.toStatus === 'received';
  const gathered: TimelineEntry[] = [
    ...messages.filter((message) => message.direction === 'inbound').map(messageEntry),
    ...events.filter(opening).map(stateEntry),
    ...calls.map(callEntry),
    ...decisions.map(decisionEntry),
    ...drafts.map(draftEntry),
    ...reviews.map(reviewEntry),
    ...messages.filter((message) => message.direction === 'outbound').map(deliveryEntry),
    ...events.filter((event) => !opening(event)).map(stateEntry),
  ];
  const entries = gathered
    .map((entry, index) => ({ entry, time: Date.parse(entry.at), index }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ entry }) => entry);
  const route = decisions.at(-1)?.route ?? null;
  const costUsd = nanosToUsd(cost.costNanos);
  const estimatedCostUsd = nanosToUsd(cost.estimatedCostNanos);
  return {
    ticket: {
      ticketId: ticket.id,
      platform: ticket.platform,
      customer: { id: ticket.customerId, name: ticket.customerName },
      subject: ticket.subject,
      status: ticket.status,
      statusReason: ticket.statusReason,
      statusReasonText: storedReasonText(ticket.statusReason),
      urgency: ticket.urgency,
      category: ticket.category,
      language: ticket.language,
      sentiment: ticket.sentiment,
      summary: ticket.summary?.trim() ? ticket.summary : null,
      round: ticket.round,
      createdAt: ticket.createdAt.toISOString(),
      updatedAt: ticket.updatedAt.toISOString(),
      route,
      routeText: route === null ? null : routeLabel(route),
      cost: { ...cost, costUsd, estimatedCostUsd, text: ticketCostText({ costUsd, estimatedCostUsd }) },
    },
    entries,
  };
}
