/**
 * One timeline entry per stored record of a ticket: its messages, state
 * changes, routing decisions, model calls, drafts, reviews and deliveries,
 * each with the raw values (codes, nano-dollars, milliseconds) for a JSON
 * reader and the words a person reads (reason labels, `$0.0042`, `1.2 s`).
 * Every string stays plain text: the page puts it in with textContent.
 */
import { nanosToUsd, type Decision } from '../domain/index.js';
import { REASON_LABELS, ROUTE_LABELS, reasonLabel, reasonsText, routeLabel } from '../present/reason-labels.js';
import { formatCount } from '../present/report-numbers.js';
import { ticketCostText } from '../present/ticket-cost.js';
import type { ModelCallRecord, ReviewRecord, StoredDraft, StoredMessage, TicketEvent } from '../store/types.js';

export type TimelineKind = 'message' | 'state' | 'decision' | 'call' | 'draft' | 'review' | 'delivery';

interface Entry<K extends TimelineKind> {
  /** When it happened (a call: when it started), ISO 8601. */
  at: string;
  kind: K;
}

export interface MessageEntry extends Entry<'message'> {
  messageId: number;
  author: string;
  text: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface StateEntry extends Entry<'state'> {
  from: string | null;
  to: string;
  /** As stored: a reason code, or words (`rejected by U1: duplicate`). */
  reason: string | null;
  reasonText: string | null;
}

export interface DecisionEntry extends Entry<'decision'> {
  route: string;
  routeText: string;
  reasons: string[];
  reasonLabels: string[];
  reasonsText: string;
  decidedBy: string;
  promptVersions: string[];
}

export type CallOutcome = 'ok' | 'failed' | 'in_flight' | 'abandoned';

export interface CallEntry extends Entry<'call'> {
  callId: number;
  stage: string;
  tier: string;
  provider: string;
  model: string;
  prompt: string;
  tokens: { input: number; cachedInput: number; output: number; reasoning: number };
  /** `1,200 in (300 cached) · 85 out`. */
  tokensText: string;
  costNanos: number;
  costUsd: number;
  /** Null when the call was billed (no offline estimate). */
  estimatedCostNanos: number | null;
  estimatedCostUsd: number | null;
  /** usage, worst_case (usage unknown), reserved (still in flight) or estimate (offline). */
  costBasis: string;
  /** `$0.0042`, or `$0.00 (about $0.0023 on the configured models, estimated)`. */
  costText: string;
  latencyMs: number;
  latencyText: string;
  /** As the ledger records it: `ok`, a failure code, `in_flight` or `unknown_outcome`. */
  outcome: string;
  outcomeKind: CallOutcome;
  outcomeText: string;
  errorMessage: string | null;
  /** An evaluation's call: paid, but not part of handling the ticket (left out of its cost). */
  shadow: boolean;
}

export interface DraftEntry extends Entry<'draft'> {
  draftId: number;
  source: string;
  text: string;
  language: string;
  confidence: number | null;
  grounding: string | null;
  sources: string[];
}

export interface ReviewEntry extends Entry<'review'> {
  reviewer: string;
  reviewerKind: ReviewRecord['reviewerKind'];
  action: string;
  /** `approved by web:local`, `second opinion (flagship): rewrote the draft`. */
  actionText: string;
  editedText: string | null;
  reason: string | null;
  reasonText: string | null;
  draftId: number | null;
}

export interface DeliveryEntry extends Entry<'delivery'> {
  messageId: number;
  author: string;
  text: string;
  /** The platform confirmed the send: its id for the message is known. */
  confirmed: boolean;
  platformMessageId: string | null;
  /** `delivered (platform message web-out-…)` or `not confirmed`. */
  deliveryText: string;
}

export type TimelineEntry = MessageEntry | StateEntry | DecisionEntry | CallEntry | DraftEntry | ReviewEntry | DeliveryEntry;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/**
 * A stored reason as words: a reason code or a route gets its label; anything
 * else is already words (`approve by U1`, `delivery_failed: TIMEOUT`) and is
 * shown as stored, since turning its underscores into spaces would garble a code in it.
 */
export function storedReasonText(reason: string | null): string | null {
  if (reason === null || reason === '') return null;
  if (Object.hasOwn(REASON_LABELS, reason)) return reasonLabel(reason);
  if (Object.hasOwn(ROUTE_LABELS, reason)) return routeLabel(reason);
  return reason;
}

/** `340 ms`, `1.2 s`, `1 min 5 s`. */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

export function messageEntry(message: StoredMessage): MessageEntry {
  return {
    at: message.createdAt.toISOString(),
    kind: 'message',
    messageId: message.id,
    author: message.authorId,
    text: message.text,
    editedAt: iso(message.editedAt),
    deletedAt: iso(message.deletedAt),
  };
}

export function deliveryEntry(message: StoredMessage): DeliveryEntry {
  const confirmed = message.platformMessageId !== null;
  return {
    at: message.createdAt.toISOString(),
    kind: 'delivery',
    messageId: message.id,
    author: message.authorId,
    text: message.text,
    confirmed,
    platformMessageId: message.platformMessageId,
    deliveryText: confirmed ? `delivered (platform message ${message.platformMessageId})` : 'not confirmed',
  };
}

export function stateEntry(event: TicketEvent): StateEntry {
  return { at: event.createdAt.toISOString(), kind: 'state', from: event.fromStatus, to: event.toStatus, reason: event.reason, reasonText: storedReasonText(event.reason) };
}

export function decisionEntry(decision: Decision & { promptVersions: string[]; createdAt: Date }): DecisionEntry {
  return {
    at: decision.createdAt.toISOString(),
    kind: 'decision',
    route: decision.route,
    routeText: routeLabel(decision.route),
    reasons: [...decision.reasons],
    reasonLabels: decision.reasons.map(reasonLabel),
    reasonsText: reasonsText(decision.reasons),
    decidedBy: decision.decidedBy,
    promptVersions: decision.promptVersions,
  };
}

function outcomeOf(outcome: string): { kind: CallOutcome; text: string } {
  if (outcome === 'ok') return { kind: 'ok', text: 'ok' };
  if (outcome === 'in_flight') return { kind: 'in_flight', text: 'in flight' };
  if (outcome === 'unknown_outcome') return { kind: 'abandoned', text: 'abandoned: its process died mid-call (may have been billed)' };
  return { kind: 'failed', text: `failed (${outcome})` };
}

const COST_BASIS_NOTES: Readonly<Record<string, string>> = {
  worst_case: ' (worst case: usage unknown)',
  reserved: ' (reserved: still in flight)',
};

export function callEntry(call: ModelCallRecord & { id: number; createdAt: Date }): CallEntry {
  const costUsd = nanosToUsd(call.costNanos);
  const estimatedCostUsd = call.estimatedCostNanos === null ? null : nanosToUsd(call.estimatedCostNanos);
  const costBasis = call.costBasis ?? (call.estimatedCostNanos !== null ? 'estimate' : 'usage');
  const outcome = outcomeOf(call.outcome);
  const { input, cachedInput, output, reasoning } = call.usage;
  const cached = cachedInput > 0 ? ` (${formatCount(cachedInput)} cached)` : '';
  const reasoned = reasoning > 0 ? ` (${formatCount(reasoning)} reasoning)` : '';
  return {
    at: call.createdAt.toISOString(),
    kind: 'call',
    callId: call.id,
    stage: call.stage,
    tier: call.tier,
    provider: call.provider,
    model: call.model,
    // Versions read `classify@3811…` already; an older row may hold the bare version.
    prompt: call.promptVersion.startsWith(`${call.promptName}@`) ? call.promptVersion : `${call.promptName}@${call.promptVersion}`,
    tokens: { input, cachedInput, output, reasoning },
    tokensText: `${formatCount(input)} in${cached} · ${formatCount(output)} out${reasoned}`,
    costNanos: call.costNanos,
    costUsd,
    estimatedCostNanos: call.estimatedCostNanos,
    estimatedCostUsd,
    costBasis,
    costText: ticketCostText({ costUsd, estimatedCostUsd: estimatedCostUsd ?? 0 }) + (COST_BASIS_NOTES[costBasis] ?? ''),
    latencyMs: call.latencyMs,
    latencyText: formatLatency(call.latencyMs),
    outcome: call.outcome,
    outcomeKind: outcome.kind,
    outcomeText: call.shadow ? `${outcome.text}; shadow call, not counted in the ticket's cost` : outcome.text,
    errorMessage: call.errorMessage,
    shadow: call.shadow ?? false,
  };
}

export function draftEntry(draft: StoredDraft): DraftEntry {
  return {
    at: draft.createdAt.toISOString(),
    kind: 'draft',
    draftId: draft.id,
    source: draft.source,
    text: draft.text,
    language: draft.language,
    confidence: draft.confidence,
    grounding: draft.grounding,
    sources: draft.sources.map((cited) => `${cited.title ?? cited.source} › ${cited.heading}`),
  };
}

const REVIEW_ACTION_WORDS: Readonly<Record<string, string>> = {
  approve: 'approved',
  edit: 'edited and sent',
  reject: 'rejected',
  escalate: 'escalated to a second opinion',
  rewrite: 'rewrote the draft',
  defer: 'deferred to a person',
};

export function reviewEntry(review: ReviewRecord & { createdAt: Date }): ReviewEntry {
  const words = REVIEW_ACTION_WORDS[review.action] ?? review.action;
  const actionText =
    review.reviewerKind === 'model' ? `second opinion (${review.reviewer}): ${words}` : review.reviewerKind === 'policy' ? `${words} by policy` : `${words} by ${review.reviewer}`;
  return {
    at: review.createdAt.toISOString(),
    kind: 'review',
    reviewer: review.reviewer,
    reviewerKind: review.reviewerKind,
    action: review.action,
    actionText,
    editedText: review.editedText,
    reason: review.reason,
    reasonText: storedReasonText(review.reason),
    draftId: review.draftId,
  };
}
