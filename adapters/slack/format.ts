/**
 * Ticket outcomes as Block Kit: the review card (with buttons), the resolved
 * card (same facts, no buttons, who did what), the informational card, the
 * edit and reject modals, and the slash-command texts. Pure functions.
 *
 * Every piece of customer or model text is escaped (`escapeMrkdwn`) and cut
 * to Slack's limits (`limits.ts`); our own markup (`<@reviewer>`, the thread
 * link, `<!date…>`) is added after escaping. Text objects are `verbatim` so
 * Slack does not link-ify or mention-parse what is left.
 */
import type { types } from '@slack/bolt';
import { TICKET_STATUSES, URGENCIES } from '../../src/domain/index.js';
import type { BudgetStatus, TicketOutcome, Urgency } from '../../src/domain/index.js';
import { RESOLUTION_LABELS, extractedFieldList, noDraftReason, type Resolution } from '../../src/present/outcome-view.js';
import { countsText, reasonsText, routeLabel } from '../../src/present/reason-labels.js';

export type { Resolution };
import { SLACK_LIMITS, splitMessage, truncate } from './limits.js';
import { budgetTodayLine, utcMinute } from '../../src/present/report-numbers.js';
import { escapeMrkdwn, quote } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type View = types.View;
type Button = types.Button;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;

export const ACTION_IDS = { approve: 'triage_approve', edit: 'triage_edit', reject: 'triage_reject', escalate: 'triage_escalate' } as const;
export const CALLBACK_IDS = { edit: 'triage_edit_modal', reject: 'triage_reject_modal' } as const;
export const INPUT_IDS = { editBlock: 'draft_block', editAction: 'draft_input', rejectBlock: 'reason_block', rejectAction: 'reason_input' } as const;

type Card = { text: string; blocks: KnownBlock[] };


// ── Words ────────────────────────────────────────────────────────────────

/** Typed as a full record so a new reason code fails to compile until it has a label. */


/** Standard Slack emoji names, no colons; `eyes` = received, not triaged yet. */
const URGENCY_EMOJI: Record<Urgency, string> = {
  urgent: 'rotating_light',
  high: 'warning',
  normal: 'large_blue_circle',
  low: 'white_circle',
};

export function urgencyReaction(urgency: Urgency | null): string {
  return urgency ? URGENCY_EMOJI[urgency] : 'eyes';
}

/** Reason codes as words, escaped for mrkdwn; an unknown code (newer data, older code) is shown as itself. */
export function readableReasons(reasons: readonly string[]): string {
  return escapeMrkdwn(reasonsText(reasons));
}

function usd(value: number): string {
  return value < 0.01 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

/** A Slack user or workspace-user id: only these are rendered as mentions. */
const isUserId = (id: string): boolean => /^[UW][A-Z0-9]{2,}$/.test(id);

/** `<!date^…|fallback>` shows the time in each reader's own time zone; the fallback is UTC. */
export function slackDate(at: Date): string {
  if (Number.isNaN(at.getTime())) return utcMinute(at);
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${utcMinute(at)}>`;
}

const URL_MAX = 1_000;

/**
 * Only http(s) links, with the characters that would end a `<url|label>`
 * token encoded. `label` is mrkdwn the caller has already escaped.
 */
export function slackLink(url: string | null | undefined, label: string): string | null {
  if (!url || url.length > URL_MAX || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return `<${url.replace(/[<>|]/g, (char) => encodeURIComponent(char))}|${label}>`;
}

function safeLink(url: string | undefined, label: string): string | null {
  return slackLink(url, escapeMrkdwn(label));
}

// ── Block helpers ────────────────────────────────────────────────────────

/** mrkdwn text object, cut to `max`; Slack rejects empty text, so there is always a character. */
function md(text: string, max: number = SLACK_LIMITS.textObject): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) || '—', verbatim: true };
}

function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || '—', emoji: true };
}

const section = (text: string): KnownBlock => ({ type: 'section', text: md(text, SLACK_LIMITS.sectionText) });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [md(text)] });
const header = (text: string): KnownBlock => ({ type: 'header', text: plain(text, SLACK_LIMITS.headerText) });

/**
 * Long customer or model text as quoted sections of at most `max` each, so a
 * reviewer sees all of a draft rather than the first 3,000 characters. Split
 * after escaping (so `&amp;` counts as five) and quote each piece; a piece
 * whose `>` prefixes push it over is split again at half size, which always
 * fits (a piece of n characters has at most n + 1 lines).
 */
function quotedSections(text: string, maxBlocks: number): KnownBlock[] {
  const max = SLACK_LIMITS.sectionText;
  const pieces: string[] = [];
  for (const piece of splitMessage(escapeMrkdwn(text), max)) {
    const quoted = quoteEscaped(piece);
    if (quoted.length <= max) pieces.push(quoted);
    else for (const half of splitMessage(piece, Math.floor((max - 1) / 2))) pieces.push(quoteEscaped(half));
  }
  if (pieces.length > maxBlocks) {
    const kept = pieces.slice(0, Math.max(1, maxBlocks));
    const last = kept.length - 1;
    const note = '\n_…cut to fit the card; the full text is stored with the ticket._';
    kept[last] = truncate(kept[last] ?? '', max - note.length) + note;
    return kept.map(section);
  }
  return pieces.map(section);
}

/** `quote` for text that is already escaped (so it is not escaped twice). */
function quoteEscaped(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

// ── Card content ─────────────────────────────────────────────────────────

function customerName(outcome: TicketOutcome, label?: string): string {
  const { ticket } = outcome;
  return label ?? (ticket.customerName ? `${ticket.customerName} (${ticket.customerId})` : ticket.customerId);
}

function factFields(outcome: TicketOutcome, customerLabel?: string): MrkdwnElement[] {
  const { ticket, classification: c, decision } = outcome;
  const urgency = c?.urgency ?? ticket.urgency;
  const field = (name: string, value: string) => md(`*${name}*\n${value}`, SLACK_LIMITS.sectionFieldText);
  const fields = [
    field('Customer', escapeMrkdwn(customerName(outcome, customerLabel))),
    field('Urgency', urgency ? `:${urgencyReaction(urgency)}: ${urgency}` : 'not classified'),
    field('Category', c?.category ?? ticket.category ?? 'not classified'),
    field('Language · sentiment', `${escapeMrkdwn(c?.language ?? ticket.language ?? '?')} · ${c?.sentiment ?? ticket.sentiment ?? '?'}`),
    field('Route', `${routeLabel(decision.route)} (by ${decision.decidedBy})`),
    field('Cost so far', usd(outcome.costUsd)),
  ];
  if (c) {
    const risk = c.riskFlags.length > 0 ? ` · risk: ${c.riskFlags.join(', ').replace(/_/g, ' ')}` : '';
    fields.push(field('Confidence', `${c.confidence.toFixed(2)}${risk}`));
  }
  return fields.slice(0, SLACK_LIMITS.sectionFields);
}

function extractedLines(outcome: TicketOutcome): string | null {
  const f = outcome.fields;
  if (!f) return null;
  const list = (items: readonly string[]) => escapeMrkdwn(truncate(items.join(', '), 500));
  const lines = extractedFieldList(f).map((entry) => `*${entry.label}:* ${list(entry.items)}`);
  return lines.length > 0 ? lines.join('\n') : null;
}


/**
 * The facts every card shows, in reading order: who and what, why this
 * route, extracted fields, summary, the flagship's view, then the draft.
 * `reserve` blocks are left free for the caller's header, context and actions.
 */
function factBlocks(outcome: TicketOutcome, reserve: number, customerLabel?: string): KnownBlock[] {
  const { ticket, decision, draft, flagshipReview } = outcome;
  const blocks: KnownBlock[] = [
    { type: 'section', fields: factFields(outcome, customerLabel) },
    section(`*Why:* ${readableReasons(decision.reasons)}`),
  ];
  const extracted = extractedLines(outcome);
  if (extracted) blocks.push(section(extracted));
  if (ticket.summary) blocks.push(section(truncate(`*Summary*\n${quote(ticket.summary)}`, SLACK_LIMITS.sectionText)));
  if (flagshipReview) {
    blocks.push(section(truncate(`*Flagship:* ${flagshipReview.verdict}\n${quote(flagshipReview.rationale)}`, SLACK_LIMITS.sectionText)));
  }
  blocks.push({ type: 'divider' });
  if (draft) {
    blocks.push(section(`*Draft reply* · ${escapeMrkdwn(draft.source)} · ${escapeMrkdwn(draft.language)} · confidence ${draft.confidence.toFixed(2)}`));
    const room = SLACK_LIMITS.blocksPerMessage - reserve - blocks.length;
    blocks.push(...quotedSections(draft.reply, room));
  } else {
    blocks.push(section(`_No draft: ${escapeMrkdwn(noDraftReason(outcome))}._`));
  }
  return blocks;
}

function ticketContext(outcome: TicketOutcome, threadLink: string | undefined, extra: string[] = []): KnownBlock {
  const { ticket } = outcome;
  const parts = [`Ticket #${ticket.id}`, `status ${ticket.status}`, ...extra];
  const link = safeLink(threadLink, "customer's thread");
  if (link) parts.push(link);
  return context(parts.join(' · '));
}

/** Notification / fallback text: short, escaped, no markup that could ping. */
function fallbackText(prefix: string, outcome: TicketOutcome, customerLabel?: string): string {
  const { ticket, classification } = outcome;
  const urgency = classification?.urgency ?? ticket.urgency;
  const about = [urgency, classification?.category ?? ticket.category].filter(Boolean).join(' ');
  const summary = ticket.summary ? `: ${truncate(ticket.summary.replace(/\s+/g, ' '), 300)}` : '';
  const text = `${prefix} #${ticket.id}${about ? ` (${about})` : ''} from ${customerName(outcome, customerLabel)}${summary}`;
  return truncate(escapeMrkdwn(text), SLACK_LIMITS.messageTextRecommended - 100);
}

// ── Cards ────────────────────────────────────────────────────────────────

function button(text: string, actionId: string, ticketId: number, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plain(text, SLACK_LIMITS.buttonText),
    action_id: actionId,
    value: truncate(String(ticketId), SLACK_LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/**
 * The card a reviewer acts on. Approve and Edit need a draft; Escalate is
 * pointless once the flagship has reviewed; Reject asks for confirmation.
 */
export function reviewCard(outcome: TicketOutcome, options?: { customerLabel?: string; threadLink?: string }): Card {
  const { ticket, draft, flagshipReview } = outcome;
  const buttons: Button[] = [];
  if (draft) {
    buttons.push(button('Approve', ACTION_IDS.approve, ticket.id, 'primary'));
    buttons.push(button('Edit', ACTION_IDS.edit, ticket.id));
  }
  buttons.push({
    ...button('Reject', ACTION_IDS.reject, ticket.id, 'danger'),
    confirm: {
      title: plain(`Reject the draft for #${ticket.id}?`, SLACK_LIMITS.confirmTitle),
      text: plain('No reply is sent from this draft. You will be asked why.', SLACK_LIMITS.confirmText),
      confirm: plain('Reject', SLACK_LIMITS.confirmButton),
      deny: plain('Keep it', SLACK_LIMITS.confirmButton),
      style: 'danger',
    },
  });
  if (!flagshipReview) buttons.push(button('Escalate', ACTION_IDS.escalate, ticket.id));

  const reserve = 3; // header, context, actions
  const blocks: KnownBlock[] = [
    header(`Ticket #${ticket.id} needs review`),
    ...factBlocks(outcome, reserve, options?.customerLabel),
    ticketContext(outcome, options?.threadLink),
    { type: 'actions', elements: buttons },
  ];
  return { text: fallbackText('Review ticket', outcome, options?.customerLabel), blocks };
}

/** The card after a person (or the bot) acted: the same facts, who did what and when, no buttons. */
export function resolvedCard(outcome: TicketOutcome, resolution: Resolution): Card {
  const label = RESOLUTION_LABELS[resolution.action];
  const by = isUserId(resolution.actorId) ? ` by <@${resolution.actorId}>` : '';
  const detail = resolution.detail ? ` — ${escapeMrkdwn(truncate(resolution.detail, 1_000))}` : '';
  const blocks: KnownBlock[] = [
    header(`Ticket #${outcome.ticket.id} · ${label.toLowerCase()}`),
    ...factBlocks(outcome, 3),
    context(`${label}${by} at ${slackDate(resolution.at)}${detail}`),
    ticketContext(outcome, undefined),
  ];
  return { text: fallbackText(label, outcome), blocks };
}

/** For tickets nobody needs to act on (auto-sent, closed without reply): facts only. */
export function infoCard(outcome: TicketOutcome): Card {
  const { ticket, decision } = outcome;
  const what = ticket.status === 'sent' && decision.route === 'auto_send' ? 'sent automatically' : ticket.status === 'closed' ? 'closed' : ticket.status;
  const blocks: KnownBlock[] = [
    header(`Ticket #${ticket.id} · ${what}`),
    ...factBlocks(outcome, 2),
    ticketContext(outcome, undefined, ['no action needed']),
  ];
  return { text: fallbackText(`Ticket ${what}`, outcome), blocks };
}

// ── Modals ───────────────────────────────────────────────────────────────

function checkMetadata(metadata: string): string {
  // Cutting JSON would corrupt it; refuse loudly instead.
  if (metadata.length > SLACK_LIMITS.privateMetadata) {
    throw new RangeError(`private_metadata is ${metadata.length} characters; Slack allows ${SLACK_LIMITS.privateMetadata}`);
  }
  return metadata;
}

/**
 * The reviewer edits the reply. Slack's input holds 3,000 characters: a
 * longer draft is cut and the hint says so, because what is submitted is
 * what gets sent.
 */
export function editModal(ticketId: number, draft: string, metadata: string): View {
  const max = SLACK_LIMITS.plainTextInput;
  const initial = truncate(draft, max, '');
  const cut = initial.length < draft.length;
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.edit,
    private_metadata: checkMetadata(metadata),
    title: plain(`Edit reply #${ticketId}`, SLACK_LIMITS.modalTitle),
    submit: plain('Send reply', SLACK_LIMITS.modalButton),
    close: plain('Cancel', SLACK_LIMITS.modalButton),
    blocks: [
      {
        type: 'input',
        block_id: INPUT_IDS.editBlock,
        label: plain('Reply to the customer', SLACK_LIMITS.inputLabel),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_IDS.editAction,
          multiline: true,
          max_length: max,
          ...(initial.trim() ? { initial_value: initial } : {}),
        },
        hint: plain(
          cut
            ? `The draft had ${draft.length} characters; Slack's input holds ${max}, so the end was cut. What you submit is exactly what is sent.`
            : 'What you submit is exactly what is sent, in the customer’s thread.',
          SLACK_LIMITS.inputHint,
        ),
      },
    ],
  };
}

/** The reviewer rejects the draft and must say why (stored with the ticket). */
export function rejectModal(ticketId: number, metadata: string): View {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.reject,
    private_metadata: checkMetadata(metadata),
    title: plain(`Reject draft #${ticketId}`, SLACK_LIMITS.modalTitle),
    submit: plain('Reject', SLACK_LIMITS.modalButton),
    close: plain('Cancel', SLACK_LIMITS.modalButton),
    blocks: [
      {
        type: 'input',
        block_id: INPUT_IDS.rejectBlock,
        optional: false,
        label: plain('Why is this draft wrong?', SLACK_LIMITS.inputLabel),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_IDS.rejectAction,
          multiline: true,
          min_length: 1,
          max_length: SLACK_LIMITS.plainTextInput,
          placeholder: plain('e.g. wrong refund policy, needs the order history', SLACK_LIMITS.inputPlaceholder),
        },
        hint: plain('No reply is sent. The reason is kept with the ticket and counted in reports.', SLACK_LIMITS.inputHint),
      },
    ],
  };
}

// ── Slash command texts ──────────────────────────────────────────────────

/** `/triage status <id>`: one ticket in a few lines of escaped mrkdwn. */
export function statusText(outcome: TicketOutcome): string {
  const { ticket, classification: c, decision, draft } = outcome;
  const urgency = c?.urgency ?? ticket.urgency;
  const lines = [
    `*Ticket #${ticket.id}* · ${ticket.status}${ticket.statusReason ? ` (${escapeMrkdwn(truncate(ticket.statusReason, 300))})` : ''}`,
    `Customer: ${escapeMrkdwn(truncate(customerName(outcome), 200))}`,
    `Urgency: ${urgency ? `:${urgencyReaction(urgency)}: ${urgency}` : 'not classified'} · category: ${c?.category ?? ticket.category ?? '?'}`,
    `Route: ${routeLabel(decision.route)} — why: ${readableReasons(decision.reasons)}`,
    draft ? `Draft: ${escapeMrkdwn(draft.source)}, confidence ${draft.confidence.toFixed(2)}, ${draft.reply.length} characters` : 'Draft: none',
    `Cost so far: ${usd(outcome.costUsd)}`,
  ];
  if (ticket.summary) lines.push(`Summary:\n${quote(truncate(ticket.summary, 1_500))}`);
  return truncate(lines.join('\n'), SLACK_LIMITS.messageTextRecommended - 100);
}


/** `/triage today`: tickets, urgencies, statuses, spend and budget since midnight in REPORT_TIMEZONE. */
export function todayText(stats: { tickets: number; byUrgency: Record<string, number>; byStatus: Record<string, number>; costUsd: number; timeZone?: string; budget?: BudgetStatus | null }): string {
  const lines = [
    `*Today* (since 00:00 ${escapeMrkdwn(stats.timeZone ?? 'UTC')}): ${stats.tickets} ticket${stats.tickets === 1 ? '' : 's'} · spend ${usd(stats.costUsd)}`,
    `Urgency: ${countsText(stats.byUrgency, [...URGENCIES].reverse(), escapeMrkdwn)}`,
    `Status: ${countsText(stats.byStatus, TICKET_STATUSES, escapeMrkdwn)}`,
    ...[budgetTodayLine(stats.budget)].flatMap((line) => (line ? [escapeMrkdwn(line)] : [])),
  ];
  return truncate(lines.join('\n'), SLACK_LIMITS.messageTextRecommended - 100);
}
