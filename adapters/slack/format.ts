/**
 * The desk's cards as Block Kit (the review card with buttons; once settled,
 * the same facts and who did what, no buttons), the edit and reject modals,
 * and the desk's rich text as mrkdwn. Pure functions.
 *
 * Every piece of customer or model text is escaped (`escapeMrkdwn`) and cut
 * to Slack's limits (`limits.ts`); our own markup (`<@reviewer>`, the thread
 * link, `<!date…>`) is added after escaping. Text objects are `verbatim` so
 * Slack does not link-ify or mention-parse what is left.
 */
import type { types } from '@slack/bolt';
import type { Urgency } from '../../src/domain/index.js';
import { customerText, secondOpinionLabel, type Card, type CardAction } from '../../src/present/card.js';
import { reasonsText } from '../../src/present/reason-labels.js';
import { utcMinute } from '../../src/present/report-numbers.js';
import { renderRichText, renderSpan, type RichText, type RichTextDialect } from '../../src/present/rich-text.js';
import { SLACK_LIMITS, splitMessage, truncate } from './limits.js';
import { escapeMrkdwn, quote } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type View = types.View;
type Button = types.Button;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;

export const ACTION_IDS = { approve: 'triage_approve', edit: 'triage_edit', reject: 'triage_reject', escalate: 'triage_escalate' } as const;
export const CALLBACK_IDS = { edit: 'triage_edit_modal', reject: 'triage_reject_modal' } as const;
export const INPUT_IDS = { editBlock: 'draft_block', editAction: 'draft_input', rejectBlock: 'reason_block', rejectAction: 'reason_input' } as const;

export type SlackCard = { text: string; blocks: KnownBlock[] };

// ── Words ────────────────────────────────────────────────────────────────

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

/** A span of neutral rich text in mrkdwn: plain text escaped, our own markup added after. */
export const SLACK_DIALECT: RichTextDialect = {
  text: escapeMrkdwn,
  strong: (text) => `*${escapeMrkdwn(text)}*`,
  code: (text) => `\`${escapeMrkdwn(text).replace(/`/g, "'")}\``,
  urgency: (urgency) => `:${urgencyReaction(urgency)}: ${urgency}`,
  user: (id) => (isUserId(id) ? `<@${id}>` : escapeMrkdwn(id)),
  link: (url) => `<${escapeMrkdwn(url)}>`,
  quote: (text) => quote(text),
};

/** What the desk says to a person, as one mrkdwn message within Slack's recommended length. */
export function slackText(text: RichText): string {
  return truncate(renderRichText(text, SLACK_DIALECT), SLACK_LIMITS.messageTextRecommended - 100);
}

function factFields(card: Card, customerLabel?: string): MrkdwnElement[] {
  const field = (name: string, value: string) => md(`*${name}*\n${value}`, SLACK_LIMITS.sectionFieldText);
  const fields = [
    field('Customer', escapeMrkdwn(customerLabel ?? customerText(card))),
    ...card.facts.map((fact) => field(fact.label, fact.value.map((span) => renderSpan(span, SLACK_DIALECT)).join(''))),
  ];
  return fields.slice(0, SLACK_LIMITS.sectionFields);
}

function extractedLines(card: Card): string | null {
  const list = (items: readonly string[]) => escapeMrkdwn(truncate(items.join(', '), 500));
  const lines = card.extracted.map((entry) => `*${entry.label}:* ${list(entry.items)}`);
  return lines.length > 0 ? lines.join('\n') : null;
}

function sourceLines(card: Card): string | null {
  if (card.sources.length === 0) return null;
  const lines = card.sources.map((source) => {
    const label = escapeMrkdwn(truncate(source.title, 200));
    return `• ${slackLink(source.url, label) ?? label} · ${escapeMrkdwn(truncate(source.location, 200))}`;
  });
  return truncate(`*Sources*\n${lines.join('\n')}`, SLACK_LIMITS.sectionText);
}

/**
 * The facts every card shows, in reading order: who and what, why this
 * route, extracted fields, summary, the second opinion, then the draft and
 * its sources. `reserve` blocks are left free for the caller's header,
 * context and actions.
 */
function factBlocks(card: Card, reserve: number, customerLabel?: string): KnownBlock[] {
  const { draft, secondOpinion } = card;
  const blocks: KnownBlock[] = [{ type: 'section', fields: factFields(card, customerLabel) }, section(`*Why:* ${escapeMrkdwn(card.why)}`)];
  const extracted = extractedLines(card);
  if (extracted) blocks.push(section(extracted));
  if (card.summary) blocks.push(section(truncate(`*Summary*\n${quote(card.summary)}`, SLACK_LIMITS.sectionText)));
  if (secondOpinion) {
    blocks.push(section(truncate(`*${secondOpinionLabel(secondOpinion)}:* ${secondOpinion.verdict}\n${quote(secondOpinion.rationale)}`, SLACK_LIMITS.sectionText)));
  }
  const sources = sourceLines(card);
  blocks.push({ type: 'divider' });
  if (draft) {
    blocks.push(section(`*${draft.heading}* · ${escapeMrkdwn(draft.source)} · ${escapeMrkdwn(draft.language)} · confidence ${draft.confidence.toFixed(2)}`));
    const room = SLACK_LIMITS.blocksPerMessage - reserve - blocks.length - (sources ? 1 : 0);
    blocks.push(...quotedSections(draft.text, room));
  } else {
    blocks.push(section(`_No draft: ${escapeMrkdwn(card.noDraft ?? 'not drafted yet')}._`));
  }
  if (sources) blocks.push(section(sources));
  return blocks;
}

function ticketContext(card: Card, threadLink: string | undefined): KnownBlock {
  const parts = [`Ticket #${card.ticketId}`, `status ${card.status}`, ...card.notes];
  const link = safeLink(threadLink, "customer's thread");
  if (link) parts.push(link);
  return context(parts.join(' · '));
}

/** Notification / fallback text: short, escaped, no markup that could ping. */
function fallbackText(card: Card, customerLabel?: string): string {
  const prefix = card.state === 'review' ? 'Review ticket' : card.state === 'resolved' ? card.headline : `Ticket ${card.headline}`;
  const about = [card.urgency, card.category].filter(Boolean).join(' ');
  const summary = card.summary ? `: ${truncate(card.summary.replace(/\s+/g, ' '), 300)}` : '';
  const text = `${prefix} #${card.ticketId}${about ? ` (${about})` : ''} from ${customerLabel ?? customerText(card)}${summary}`;
  return truncate(escapeMrkdwn(text), SLACK_LIMITS.messageTextRecommended - 100);
}

// ── Cards ────────────────────────────────────────────────────────────────

function button(action: CardAction, ticketId: number): Button {
  const style = action.style === 'default' ? undefined : action.style;
  return {
    type: 'button',
    text: plain(action.label, SLACK_LIMITS.buttonText),
    action_id: ACTION_IDS[action.action],
    value: truncate(String(ticketId), SLACK_LIMITS.buttonValue),
    ...(style ? { style } : {}),
    ...(action.confirm
      ? {
          confirm: {
            title: plain(action.confirm.title, SLACK_LIMITS.confirmTitle),
            text: plain(action.confirm.text, SLACK_LIMITS.confirmText),
            confirm: plain(action.confirm.confirm, SLACK_LIMITS.confirmButton),
            deny: plain(action.confirm.deny, SLACK_LIMITS.confirmButton),
            ...(action.style === 'danger' ? { style: 'danger' as const } : {}),
          },
        }
      : {}),
  };
}

/**
 * A card as Block Kit: while it waits, the facts, the draft and the buttons
 * the card offers; once settled, the same facts and who did what, no buttons.
 */
export function slackCard(card: Card, options?: { customerLabel?: string; threadLink?: string }): SlackCard {
  const blocks: KnownBlock[] = [header(card.title)];
  if (card.state === 'review') {
    blocks.push(...factBlocks(card, 3, options?.customerLabel), ticketContext(card, options?.threadLink));
    blocks.push({ type: 'actions', elements: card.actions.map((action) => button(action, card.ticketId)) });
    return { text: fallbackText(card, options?.customerLabel), blocks };
  }
  const { resolution } = card;
  blocks.push(...factBlocks(card, resolution ? 3 : 2, options?.customerLabel));
  if (resolution) {
    const by = isUserId(resolution.actorId) ? ` by <@${resolution.actorId}>` : '';
    const detail = resolution.detail ? ` — ${escapeMrkdwn(truncate(resolution.detail, 1_000))}` : '';
    blocks.push(context(`${resolution.label}${by} at ${slackDate(resolution.at)}${detail}`));
  }
  blocks.push(ticketContext(card, resolution ? undefined : options?.threadLink));
  return { text: fallbackText(card, options?.customerLabel), blocks };
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
