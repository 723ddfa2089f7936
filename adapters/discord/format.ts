/**
 * Ticket outcomes as Discord messages: the review message (embeds + buttons),
 * the resolved message (same facts, who did what, no buttons), the info
 * message, the edit and reject modals, the customer reply payloads, the
 * `/triage` command and its texts. Pure functions returning raw API shapes
 * (`snake_case`, as the REST API takes them), built with discord.js's
 * builders where those add a check.
 *
 * Every piece of customer or model text goes through `safeText` (markdown
 * escaped, mentions broken) and is cut to Discord's limits (`limits.ts`);
 * our own markup (`<@reviewer>`, `<t:…>`, bold labels) is added after
 * escaping. Every message carries `allowed_mentions: { parse: [] }` so
 * nothing we send can ping anyone.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
} from 'discord.js';
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  APIEmbedField,
} from 'discord.js';
import { parseTicketId, type TicketOutcome, type Urgency } from '../../src/domain/index.js';
import { RESOLUTION_LABELS, extractedFieldList, noDraftReason, type Resolution } from '../../src/present/outcome-view.js';
import { reasonsText, routeLabel } from '../../src/present/reason-labels.js';

export type { Resolution };
import { DISCORD_LIMITS as L, splitMessage, truncate } from './limits.js';
import { safeText } from './markdown.js';

// ── Ids ──────────────────────────────────────────────────────────────────

/** Bases of our `custom_id`s; buttons and modals carry the ticket id after a colon. */
export const CUSTOM_IDS = {
  approve: 'triage:approve',
  edit: 'triage:edit',
  reject: 'triage:reject',
  escalate: 'triage:escalate',
  editModal: 'triage:edit-modal',
  rejectModal: 'triage:reject-modal',
  /** Text inputs, inside a modal whose own id carries the ticket. */
  draftInput: 'draft',
  reasonInput: 'reason',
} as const;

/** The bases that take a ticket id: buttons and modals. */
const TICKET_BASES: ReadonlySet<string> = new Set([
  CUSTOM_IDS.approve,
  CUSTOM_IDS.edit,
  CUSTOM_IDS.reject,
  CUSTOM_IDS.escalate,
  CUSTOM_IDS.editModal,
  CUSTOM_IDS.rejectModal,
]);

/** `customId('triage:approve', 42)` → `'triage:approve:42'`. Throws a RangeError for an id Discord would refuse. */
export function customId(base: string, ticketId: number): string {
  if (!Number.isSafeInteger(ticketId) || ticketId < 1) throw new RangeError(`customId: ticket id must be a positive integer, got ${ticketId}`);
  if (!/^[\w:-]+$/.test(base)) throw new RangeError(`customId: bad base ${JSON.stringify(base)}`);
  const id = `${base}:${ticketId}`;
  if (id.length > L.customId) throw new RangeError(`customId: ${id.length} characters; Discord allows ${L.customId}`);
  return id;
}

/**
 * The exact inverse of `customId` for our own bases; anything else (other
 * apps' ids, tampering, `#12`, `012`, `1e3`) is null. The ticket id parses
 * as `parseTicketId` says, without the `#` a person may type.
 */
export function parseCustomId(id: string): { base: string; ticketId: number } | null {
  const colon = id.lastIndexOf(':');
  const base = id.slice(0, colon);
  const tail = id.slice(colon + 1);
  if (colon < 0 || !TICKET_BASES.has(base) || tail.startsWith('#')) return null;
  const ticketId = parseTicketId(tail);
  return ticketId === null ? null : { base, ticketId };
}

// ── Words ────────────────────────────────────────────────────────────────



const HUMAN_ACTION_LABELS: Record<NonNullable<TicketOutcome['lastHumanReview']>['action'], string> = {
  approve: 'approved',
  edit: 'edited and sent',
  reject: 'rejected',
  escalate: 'escalated',
};

/** Embed side colours: urgency for cards that wait for someone, outcome for resolved ones. */
const URGENCY_COLOURS: Record<Urgency, number> = { urgent: 0xed4245, high: 0xe67e22, normal: 0x5865f2, low: 0x95a5a6 };
const UNCLASSIFIED_COLOUR = 0x4f545c;
const RESOLUTION_COLOURS: Record<Resolution['action'], number> = {
  approve: 0x57f287,
  edit: 0x57f287,
  auto_send: 0x57f287,
  escalate: 0x9b59b6,
  reject: 0x95a5a6,
  closed: 0x95a5a6,
  failed: 0xed4245,
};
export const URGENCY_MARKS: Record<Urgency, string> = { urgent: '🔴', high: '🟠', normal: '🔵', low: '⚪' };

export function urgencyColour(urgency: Urgency | null): number {
  return urgency ? URGENCY_COLOURS[urgency] : UNCLASSIFIED_COLOUR;
}

export function usd(value: number): string {
  return value < 0.01 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

const isSnowflake = (id: string): boolean => /^\d{17,20}$/.test(id);
/** Our own mention markup, for ids we know are users; anything else is not rendered. */
const mention = (id: string): string => (isSnowflake(id) ? `<@${id}>` : '');
/** Discord renders `<t:…:R>` in each reader's locale and time zone ("3 minutes ago"). */
const relativeTime = (at: Date): string => `<t:${Math.floor(at.getTime() / 1000)}:R>`;

/** Customer or model text for a card: escaped, mentions broken, then cut to `max`. */
export function safe(text: string, max: number): string {
  return truncate(safeText(text), max);
}

/** Only http(s) links without whitespace, within the link-button limit. */
function safeUrl(url: string | undefined): string | null {
  return url && url.length <= L.buttonUrl && /^https?:\/\/[^\s<>]+$/i.test(url) ? url : null;
}

/** A link to a ticket's thread (or a DM channel when `guildId` is null), for `options.threadUrl`. */
export function threadUrl(guildId: string | null, channelId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}`;
}

/** `Ana Lima (1130…)`, the name escaped (and cut to `max`), our parentheses not. */
export function customerLabel(outcome: TicketOutcome, max: number): string {
  const { ticket } = outcome;
  const id = safeText(ticket.customerId);
  return ticket.customerName ? `${safe(ticket.customerName, max)} (${id})` : id;
}

export function urgencyOf(outcome: TicketOutcome): Urgency | null {
  return outcome.classification?.urgency ?? outcome.ticket.urgency;
}

// ── Embeds ───────────────────────────────────────────────────────────────

/** What Discord counts toward the 6,000 characters of all embeds in one message. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Field values Discord refuses when empty; `—` keeps the field. */
const field = (name: string, value: string, inline = false): APIEmbedField => ({
  name: truncate(name, L.embedFieldName),
  value: truncate(value, L.embedFieldValue) || '—',
  inline,
});

function extractedLines(outcome: TicketOutcome): string | null {
  const f = outcome.fields;
  if (!f) return null;
  const list = (items: readonly string[]) => safe(items.join(', '), 120);
  const lines = extractedFieldList(f).map((entry) => `**${entry.label}:** ${list(entry.items)}`);
  return lines.length > 0 ? lines.join('\n') : null;
}


/**
 * The facts every message shows, in reading order: who and what, the route
 * and why, extracted fields, the flagship's view, the last human action.
 * Each piece is capped so the facts stay under ~3,000 characters even for
 * hostile input, leaving at least half of the 6,000 for the draft.
 */
function factsEmbed(
  outcome: TicketOutcome,
  title: string,
  colour: number,
  options: { url?: string | null; footer: string; extra?: APIEmbedField[] },
): APIEmbed {
  const { ticket, classification: c, decision, flagshipReview, lastHumanReview, draft } = outcome;
  const urgency = urgencyOf(outcome);
  const customer = `${safe(ticket.customerName ?? ticket.customerId, 150)}${isSnowflake(ticket.customerId) ? ` · ${mention(ticket.customerId)}` : ''}`;
  const fields: APIEmbedField[] = [
    field('Customer', customer, true),
    field('Urgency', urgency ? `${URGENCY_MARKS[urgency]} ${urgency}` : 'not classified', true),
    field('Category', c?.category ?? ticket.category ?? 'not classified', true),
    field('Language · sentiment', `${safe(c?.language ?? ticket.language ?? '?', 20)} · ${c?.sentiment ?? ticket.sentiment ?? '?'}`, true),
    field('Route', `${routeLabel(decision.route)} (by ${decision.decidedBy})`, true),
    field('Cost so far', usd(outcome.costUsd), true),
  ];
  if (c) {
    const risk = c.riskFlags.length > 0 ? ` · risk: ${c.riskFlags.join(', ').replace(/_/g, ' ')}` : '';
    fields.push(field('Confidence', safe(`${c.confidence.toFixed(2)}${risk}`, 200), true));
  }
  fields.push(field('Why', safe(reasonsText(decision.reasons), 400)));
  const extracted = extractedLines(outcome);
  if (extracted) fields.push(field('Extracted', truncate(extracted, 600)));
  if (flagshipReview) fields.push(field('Flagship', `**${flagshipReview.verdict}** — ${safe(flagshipReview.rationale, 400)}`));
  if (lastHumanReview) {
    const by = mention(lastHumanReview.reviewerId);
    const reason = lastHumanReview.reason ? ` — ${safe(lastHumanReview.reason, 250)}` : '';
    fields.push(field('Last action', `${HUMAN_ACTION_LABELS[lastHumanReview.action]}${by ? ` by ${by}` : ''} ${relativeTime(lastHumanReview.at)}${reason}`));
  }
  if (!draft) fields.push(field('Draft', `*No draft: ${safe(noDraftReason(outcome), 300)}.*`));
  fields.push(...(options.extra ?? []));

  const embed = new EmbedBuilder()
    .setTitle(truncate(title, L.embedTitle))
    .setColor(colour)
    .addFields(fields.slice(0, L.embedFields))
    .setFooter({ text: truncate(options.footer, L.embedFooter) })
    .setTimestamp(ticket.createdAt);
  // `>>> ` quotes everything after it: the summary reads as the customer's matter, not ours.
  if (ticket.summary?.trim()) embed.setDescription(`>>> ${safe(ticket.summary, 700)}`);
  if (options.url) embed.setURL(options.url);
  return embed.toJSON();
}

/**
 * The longest first piece of `raw` whose escaped form fits `max`, and the
 * text after it. Splits the raw text (at paragraph, line, sentence, word
 * boundaries) and escapes the piece, so an escape is never cut in half;
 * escaping at most doubles a text, so halving always fits.
 */
function takeSafe(raw: string, max: number): { piece: string; rest: string } | null {
  if (max < 4 || raw.trim().length === 0) return null;
  let size = max;
  for (;;) {
    const first = splitMessage(raw, size)[0] ?? '';
    const piece = safeText(first);
    if (piece.length <= max) return { piece, rest: raw.slice(raw.indexOf(first) + first.length) };
    size = Math.max(2, Math.min(size - 1, Math.floor((size * max) / piece.length)));
  }
}

const CUT_NOTE = '\n*…cut to fit; Edit shows the first 4,000 characters, and the full draft is stored with the ticket.*';
/** Continuation fields have no heading of their own. */
const CONTINUED = '\u200b';

/**
 * The draft in its own embed, spread over the description (4,096) and then
 * fields (1,024 each), within `budget` characters — what the facts left of
 * the 6,000 per message. A draft that does not fit ends with a note saying so.
 */
function draftEmbed(outcome: TicketOutcome, heading: string, colour: number, budget: number): APIEmbed | null {
  const { draft } = outcome;
  if (!draft) return null;
  const title = truncate(`${heading} · ${safeText(draft.source)} · ${safeText(draft.language)} · confidence ${draft.confidence.toFixed(2)}`, L.embedTitle);
  let room = budget - title.length - CUT_NOTE.length;
  let rest = draft.reply;
  const first = takeSafe(rest, Math.min(L.embedDescription, room));
  if (!first) {
    const why = draft.reply.trim() ? 'too long for this card; open Edit to read it' : 'empty';
    return { title, color: colour, description: `*The draft is ${why}.*` };
  }
  let description = first.piece;
  rest = first.rest;
  room -= description.length;
  const fields: APIEmbedField[] = [];
  while (rest.trim() && fields.length < L.embedFields) {
    const next = takeSafe(rest, Math.min(L.embedFieldValue, room - CONTINUED.length));
    if (!next) break;
    fields.push({ name: CONTINUED, value: next.piece });
    rest = next.rest;
    room -= CONTINUED.length + next.piece.length;
  }
  if (rest.trim()) {
    // Cut the last piece to make room for the note; `truncate` never splits an escape.
    const last = fields.at(-1);
    if (last) last.value = truncate(last.value, L.embedFieldValue - CUT_NOTE.length, '') + CUT_NOTE;
    else description = truncate(description, L.embedDescription - CUT_NOTE.length, '') + CUT_NOTE;
  }
  const embed = new EmbedBuilder().setTitle(title).setColor(colour).setDescription(description);
  if (fields.length > 0) embed.addFields(fields);
  return embed.toJSON();
}

/** Facts, then the draft in whatever room the facts left. */
function embedsFor(outcome: TicketOutcome, facts: APIEmbed, draftHeading: string, colour: number): APIEmbed[] {
  const draft = draftEmbed(outcome, draftHeading, colour, L.embedTotal - embedLength(facts));
  return draft ? [facts, draft] : [facts];
}

/** Notification text: short, escaped, no markup that could ping. */
function headline(prefix: string, outcome: TicketOutcome, suffix = ''): string {
  const { ticket, classification } = outcome;
  const about = [urgencyOf(outcome), classification?.category ?? ticket.category].filter(Boolean).join(' · ');
  const text = `**Ticket #${ticket.id}** ${prefix}${about ? ` · ${about}` : ''} · from ${customerLabel(outcome, 200)}${suffix}`;
  return truncate(text, L.messageContent);
}

function footerFor(outcome: TicketOutcome, extra?: string): string {
  const { ticket, decision } = outcome;
  return [`Ticket #${ticket.id}`, `status ${ticket.status}`, `decided by ${decision.decidedBy}`, extra].filter(Boolean).join(' · ');
}

// ── Messages ─────────────────────────────────────────────────────────────

export interface ReviewMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: [] };
}

export interface SettledMessage {
  content: string;
  embeds: APIEmbed[];
  /** Always empty: sent with an edit, this removes the buttons. */
  components: [];
  allowed_mentions: { parse: [] };
}

function button(label: string, base: string, ticketId: number, style: ButtonStyle.Success | ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary): ButtonBuilder {
  return new ButtonBuilder().setCustomId(customId(base, ticketId)).setLabel(label).setStyle(style);
}

/**
 * The message a reviewer acts on. Approve and Edit need a draft; Escalate
 * is pointless once the flagship has reviewed; Reject opens a modal that
 * asks why (Discord has no confirm dialog, the modal is the confirmation).
 * With `threadUrl` the title links to the customer's thread and a link
 * button opens it.
 */
export function reviewMessage(outcome: TicketOutcome, options?: { threadUrl?: string }): ReviewMessage {
  const { ticket, draft, flagshipReview } = outcome;
  const url = safeUrl(options?.threadUrl);
  const colour = urgencyColour(urgencyOf(outcome));
  const row = new ActionRowBuilder<ButtonBuilder>();
  if (draft) {
    row.addComponents(button('Approve', CUSTOM_IDS.approve, ticket.id, ButtonStyle.Success), button('Edit', CUSTOM_IDS.edit, ticket.id, ButtonStyle.Primary));
  }
  row.addComponents(button('Reject', CUSTOM_IDS.reject, ticket.id, ButtonStyle.Danger));
  if (!flagshipReview) row.addComponents(button('Escalate', CUSTOM_IDS.escalate, ticket.id, ButtonStyle.Secondary));
  if (url) row.addComponents(new ButtonBuilder().setStyle(ButtonStyle.Link).setLabel('Open thread').setURL(url));

  const facts = factsEmbed(outcome, `Ticket #${ticket.id} needs review`, colour, { url, footer: footerFor(outcome) });
  return {
    content: headline('needs review', outcome),
    embeds: embedsFor(outcome, facts, 'Draft reply', colour),
    components: [row.toJSON()],
    allowed_mentions: { parse: [] },
  };
}

/** After a person (or the bot) acted: the same facts, who did what and when, no buttons. */
export function resolvedMessage(outcome: TicketOutcome, resolution: Resolution): SettledMessage {
  const { ticket } = outcome;
  const label = RESOLUTION_LABELS[resolution.action];
  const by = mention(resolution.actorId);
  const who = `${label}${by ? ` by ${by}` : ''} ${relativeTime(resolution.at)}`;
  const detail = resolution.detail?.trim() ? ` — ${safe(resolution.detail, 400)}` : '';
  const colour = RESOLUTION_COLOURS[resolution.action];
  const facts = factsEmbed(outcome, `Ticket #${ticket.id} · ${label.toLowerCase()}`, colour, {
    footer: footerFor(outcome),
    extra: [field('Resolution', `${who}${detail}`)],
  });
  return {
    content: truncate(`**Ticket #${ticket.id}** · ${who}`, L.messageContent),
    embeds: embedsFor(outcome, facts, resolution.action === 'reject' ? 'Rejected draft' : 'Reply', colour),
    components: [],
    allowed_mentions: { parse: [] },
  };
}

/** For tickets nobody needs to act on (auto-sent, closed without reply): facts only. */
export function infoMessage(outcome: TicketOutcome): SettledMessage {
  const { ticket, decision } = outcome;
  const what = ticket.status === 'sent' && decision.route === 'auto_send' ? 'sent automatically' : ticket.status === 'closed' ? 'closed' : ticket.status;
  const colour = urgencyColour(urgencyOf(outcome));
  const facts = factsEmbed(outcome, `Ticket #${ticket.id} · ${what}`, colour, { footer: footerFor(outcome, 'no action needed') });
  return {
    content: headline(what, outcome),
    embeds: embedsFor(outcome, facts, ticket.status === 'sent' ? 'Reply' : 'Draft reply', colour),
    components: [],
    allowed_mentions: { parse: [] },
  };
}
