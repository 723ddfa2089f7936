/**
 * The review card as data: what a reviewer sees about a ticket on any
 * surface, built once from the ticket's outcome. Slack renders it as Block
 * Kit, Discord as embeds and components, the console as text; none of them
 * decides what is on it. Every string here is plain (customer and model text
 * included): each renderer escapes it for its own markup.
 */
import { slaBadge, type SlaTone } from './sla-badge.js';
import type { ModelTier, ReviewActionKind, Route, TicketOutcome, TicketStatus, Urgency } from '../domain/index.js';
import { RESOLUTION_LABELS, extractedFieldList, noDraftReason, outcomeView, type Resolution } from './outcome-view.js';
import { reasonsText, routeLabel } from './reason-labels.js';
import type { Span } from './rich-text.js';
import { ticketCostText } from './ticket-cost.js';

export type CardState = 'review' | 'resolved' | 'info';

export interface CardAction {
  action: ReviewActionKind;
  label: string;
  style: 'primary' | 'danger' | 'default';
  /** Asked before the action is taken, where the surface can ask. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export interface CardFact {
  label: string;
  value: Span[];
}

/** `Second opinion (flagship)`: which model reviewed the draft. */
export function secondOpinionLabel(opinion: NonNullable<Card['secondOpinion']>): string {
  return `Second opinion (${opinion.tier})`;
}

/** A passage the draft was written from (filled by the knowledge base; empty until then). */
export interface CardSource {
  title: string;
  /** Where it lives: a file path and heading, say. */
  location: string;
  url?: string;
}

export interface CardDraft {
  /** 'Draft reply', 'Reply' (it was sent) or 'Rejected draft'. */
  heading: string;
  text: string;
  source: string;
  language: string;
  confidence: number;
}

export interface Card {
  ticketId: number;
  state: CardState;
  /** `Ticket #12 needs review`, `Ticket #12 · approved`, `Ticket #12 · sent automatically`. */
  title: string;
  /** What happened, in a few words, for notifications: `needs review`, `Approved`, `closed`. */
  headline: string;
  urgency: Urgency | null;
  category: string | null;
  customer: { id: string; name: string | null };
  status: TicketStatus;
  statusReason: string | null;
  /** Short facts shown side by side, after the customer. */
  facts: CardFact[];
  /** The route the policy chose (a queue filters by it; the words are in `facts`). */
  route: Route;
  /** Why the ticket took this route, in words. */
  why: string;
  decidedBy: string;
  extracted: { label: string; items: string[] }[];
  summary: string | null;
  /** A model's review of the draft (the flagship's, or mini's when the budget said so). */
  secondOpinion: { tier: ModelTier; verdict: string; rationale: string } | null;
  /** The latest thing a person did on the ticket (an escalation while the card still waits, or what settled it). */
  lastAction: { action: ReviewActionKind; label: string; reviewerId: string; at: Date; reason: string | null } | null;
  draft: CardDraft | null;
  /** Why there is no draft, when there is none. */
  noDraft: string | null;
  sources: CardSource[];
  actions: CardAction[];
  /** Who settled the ticket and how, once someone (or the bot) did. */
  resolution: (Resolution & { label: string }) | null;
  /** Extra words for the card's footer (`no action needed`). */
  notes: string[];
  receivedAt: Date;
}

/** On a card whose draft cites nothing relevant from the knowledge base. */
export const NO_GROUNDING_NOTE = 'no grounding: the draft cites nothing from the knowledge base; check its claims';

/** How pressing the SLA line is, at a glance. */
const SLA_TONE_MARKS: Readonly<Record<SlaTone, string>> = { ok: '', warning: '⚠️ ', overdue: '🔴 ' };

const HUMAN_ACTION_LABELS: Readonly<Record<ReviewActionKind, string>> = {
  approve: 'approved',
  edit: 'edited and sent',
  reject: 'rejected',
  escalate: 'escalated',
};

/**
 * The card a reviewer acts on. Approve and Edit need a draft; Escalate is
 * pointless once a model has reviewed; Reject asks for confirmation.
 */
function reviewActions(outcome: TicketOutcome): CardAction[] {
  const { ticket, draft, secondOpinion } = outcome;
  const actions: CardAction[] = [];
  if (draft) {
    actions.push({ action: 'approve', label: 'Approve', style: 'primary' });
    actions.push({ action: 'edit', label: 'Edit', style: 'default' });
  }
  actions.push({
    action: 'reject',
    label: 'Reject',
    style: 'danger',
    confirm: { title: `Reject the draft for #${ticket.id}?`, text: 'No reply is sent from this draft. You will be asked why.', confirm: 'Reject', deny: 'Keep it' },
  });
  if (!secondOpinion) actions.push({ action: 'escalate', label: 'Escalate', style: 'default' });
  return actions;
}

function facts(outcome: TicketOutcome, now: Date): CardFact[] {
  const { ticket, classification: c, decision } = outcome;
  const urgency = c?.urgency ?? ticket.urgency;
  const list: CardFact[] = [
    { label: 'Urgency', value: [urgency ? { urgency } : 'not classified'] },
    { label: 'Category', value: [c?.category ?? ticket.category ?? 'not classified'] },
    { label: 'Language · sentiment', value: [`${c?.language ?? ticket.language ?? '?'} · ${c?.sentiment ?? ticket.sentiment ?? '?'}`] },
    { label: 'Route', value: [`${routeLabel(decision.route)} (by ${decision.decidedBy})`] },
    { label: 'Cost so far', value: [ticketCostText(outcome)] },
  ];
  if (c) {
    const risk = c.riskFlags.length > 0 ? ` · risk: ${c.riskFlags.join(', ').replace(/_/g, ' ')}` : '';
    list.push({ label: 'Confidence', value: [`${c.confidence.toFixed(2)}${risk}`] });
  }
  // Time left as of this rendering of the card (it is drawn again on every change, and the watcher warns before the deadline).
  const sla = outcome.sla ? slaBadge(outcome.sla, now) : null;
  if (sla) list.push({ label: 'SLA', value: [`${SLA_TONE_MARKS[sla.tone]}${sla.text}`] });
  return list;
}

function draftHeading(outcome: TicketOutcome, state: CardState, resolution: Resolution | null): string {
  if (state === 'review') return 'Draft reply';
  if (resolution) return resolution.action === 'reject' ? 'Rejected draft' : 'Reply';
  return outcome.ticket.status === 'sent' ? 'Reply' : 'Draft reply';
}

/** What an info card says happened. */
function infoWhat(outcome: TicketOutcome): string {
  const { ticket, decision } = outcome;
  if (ticket.status === 'sent' && decision.route === 'auto_send') return 'sent automatically';
  return ticket.status === 'closed' ? 'closed' : ticket.status;
}

/** The card for a ticket as it stands. */
export function cardFor(outcome: TicketOutcome, now: Date = new Date()): Card {
  const { ticket, classification: c, decision, draft, secondOpinion, lastHumanReview } = outcome;
  const view = outcomeView(outcome);
  const state: CardState = view.kind;
  const resolution = view.kind === 'resolved' ? { ...view.resolution, label: RESOLUTION_LABELS[view.resolution.action] } : null;
  const what = infoWhat(outcome);
  const title =
    state === 'review' ? `Ticket #${ticket.id} needs review` : resolution ? `Ticket #${ticket.id} · ${resolution.label.toLowerCase()}` : `Ticket #${ticket.id} · ${what}`;
  return {
    ticketId: ticket.id,
    state,
    title,
    headline: state === 'review' ? 'needs review' : resolution ? resolution.label : what,
    urgency: c?.urgency ?? ticket.urgency,
    category: c?.category ?? ticket.category,
    customer: { id: ticket.customerId, name: ticket.customerName },
    status: ticket.status,
    statusReason: ticket.statusReason,
    facts: facts(outcome, now),
    route: decision.route,
    why: reasonsText(decision.reasons),
    decidedBy: decision.decidedBy,
    extracted: outcome.fields ? extractedFieldList(outcome.fields) : [],
    summary: ticket.summary?.trim() ? ticket.summary : null,
    secondOpinion: secondOpinion ? { tier: secondOpinion.tier, verdict: secondOpinion.verdict, rationale: secondOpinion.rationale } : null,
    lastAction: lastHumanReview
      ? { action: lastHumanReview.action, label: HUMAN_ACTION_LABELS[lastHumanReview.action], reviewerId: lastHumanReview.reviewerId, at: lastHumanReview.at, reason: lastHumanReview.reason }
      : null,
    draft: draft
      ? { heading: draftHeading(outcome, state, resolution), text: draft.reply, source: draft.source, language: draft.language, confidence: draft.confidence }
      : null,
    noDraft: draft ? null : noDraftReason(outcome),
    sources: (draft?.sources ?? []).map((cited, index) => ({
      title: cited.title ?? cited.source,
      // `/triage source <ticket> <n>` shows the passage itself.
      location: `${cited.source} › ${cited.heading} · /triage source ${ticket.id} ${index + 1}`,
      ...(cited.url ? { url: cited.url } : {}),
    })),
    actions: state === 'review' ? reviewActions(outcome) : [],
    resolution,
    notes: [...(state === 'info' ? ['no action needed'] : []), ...(draft?.grounding === 'no_grounding' ? [NO_GROUNDING_NOTE] : [])],
    receivedAt: ticket.createdAt,
  };
}

/** `Ana Lima (U123)`, or the id alone: plain text. */
export function customerText(card: Pick<Card, 'customer'>): string {
  return card.customer.name ? `${card.customer.name} (${card.customer.id})` : card.customer.id;
}
