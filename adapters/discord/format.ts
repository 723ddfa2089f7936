/**
 * Review cards (src/present/card.ts) as Discord messages: the review card
 * (embeds + buttons), the resolved card (same facts, who did what, no
 * buttons) and the info card. Pure functions returning raw API shapes
 * (`snake_case`, as the REST API takes them), built with discord.js's
 * builders where those add a check. The card decides what is shown; this
 * only decides how.
 *
 * Every piece of customer or model text goes through `safeText` (markdown
 * escaped, mentions broken) and is cut to Discord's limits (`limits.ts`);
 * our own markup (`<@reviewer>`, `<t:…>`, bold labels) is added after
 * escaping. Every message carries `allowed_mentions: { parse: [] }` so
 * nothing we send can ping anyone.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import type { ReviewActionKind, Urgency } from '../../src/domain/index.js';
import { secondOpinionLabel, type Card, type CardSource } from '../../src/present/card.js';
import type { Resolution } from '../../src/present/outcome-view.js';
import { CUSTOM_IDS, customId } from './custom-ids.js';
import { draftEmbed } from './draft-embed.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';
import { safeText } from './markdown.js';
import { discordSpans, isSnowflake, mention } from './rich-text.js';

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

/** Button look per action: the weight of what it does. */
const ACTION_BUTTONS: Record<ReviewActionKind, { base: string; style: ButtonStyle.Success | ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary }> = {
  approve: { base: CUSTOM_IDS.approve, style: ButtonStyle.Success },
  edit: { base: CUSTOM_IDS.edit, style: ButtonStyle.Primary },
  reject: { base: CUSTOM_IDS.reject, style: ButtonStyle.Danger },
  escalate: { base: CUSTOM_IDS.escalate, style: ButtonStyle.Secondary },
};

/** A short fact (urgency, category, route…) never takes more than this. */
const FACT_MAX = 200;

export function urgencyColour(urgency: Urgency | null): number {
  return urgency ? URGENCY_COLOURS[urgency] : UNCLASSIFIED_COLOUR;
}

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
function customerLabel(card: Card, max: number): string {
  const id = safeText(card.customer.id);
  return card.customer.name ? `${safe(card.customer.name, max)} (${id})` : id;
}

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

/** A passage the draft was written from: title, where it lives, and its link when it is a plain http(s) one. */
function sourceLine(source: CardSource): string {
  const url = safeUrl(source.url);
  return `${safe(source.title, 100)} · ${safe(source.location, 150)}${url ? ` · ${safeText(url)}` : ''}`;
}

/** `Approved by <@id> <t:…:R>`: who (when a user) and when. */
function whoAndWhen(label: string, actorId: string, at: Date): string {
  const by = mention(actorId);
  return `${label}${by ? ` by ${by}` : ''} ${relativeTime(at)}`;
}

/**
 * The facts every card shows, in reading order: who and what, the route and
 * why, extracted fields, the second opinion, the last human action. Each
 * piece is capped so the facts stay near 3,000 characters even for hostile
 * input, leaving the rest of the 6,000 for the draft.
 */
function factFields(card: Card): APIEmbedField[] {
  const customer = `${safe(card.customer.name ?? card.customer.id, 150)}${isSnowflake(card.customer.id) ? ` · ${mention(card.customer.id)}` : ''}`;
  const fields: APIEmbedField[] = [field('Customer', customer, true), ...card.facts.map((fact) => field(fact.label, truncate(discordSpans(fact.value), FACT_MAX), true))];
  fields.push(field('Why', safe(card.why, 400)));
  const extracted = card.extracted.map((entry) => `**${safeText(entry.label)}:** ${safe(entry.items.join(', '), 120)}`);
  if (extracted.length > 0) fields.push(field('Extracted', truncate(extracted.join('\n'), 600)));
  if (card.secondOpinion) fields.push(field(secondOpinionLabel(card.secondOpinion), `**${safe(card.secondOpinion.verdict, 40)}** — ${safe(card.secondOpinion.rationale, 400)}`));
  if (card.lastAction) {
    const { label, reviewerId, at, reason } = card.lastAction;
    fields.push(field('Last action', `${whoAndWhen(label, reviewerId, at)}${reason ? ` — ${safe(reason, 250)}` : ''}`));
  }
  if (!card.draft) fields.push(field('Draft', `*No draft: ${safe(card.noDraft ?? 'none', 300)}.*`));
  if (card.sources.length > 0) fields.push(field('Sources', truncate(card.sources.map(sourceLine).join('\n'), 600)));
  return fields;
}

function factsEmbed(card: Card, colour: number, options: { url: string | null; extra: APIEmbedField[] }): APIEmbed {
  const footer = [`Ticket #${card.ticketId}`, `status ${card.status}`, `decided by ${card.decidedBy}`, ...card.notes].join(' · ');
  const embed = new EmbedBuilder()
    .setTitle(truncate(card.title, L.embedTitle))
    .setColor(colour)
    .addFields([...factFields(card), ...options.extra].slice(0, L.embedFields))
    .setFooter({ text: truncate(footer, L.embedFooter) })
    .setTimestamp(card.receivedAt);
  // `>>> ` quotes everything after it: the summary reads as the customer's matter, not ours.
  if (card.summary?.trim()) embed.setDescription(`>>> ${safe(card.summary, 700)}`);
  if (options.url) embed.setURL(options.url);
  return embed.toJSON();
}

/** Notification text: short, escaped, no markup that could ping. */
function headline(card: Card): string {
  const about = [card.urgency, card.category === null ? null : safeText(card.category)].filter(Boolean).join(' · ');
  return truncate(`**Ticket #${card.ticketId}** ${card.headline}${about ? ` · ${about}` : ''} · from ${customerLabel(card, 200)}`, L.messageContent);
}

/**
 * The card's actions as buttons carrying the ticket id. Reject opens a modal
 * that asks why (Discord has no confirm dialog: the modal is the
 * confirmation). With a thread link, a link button opens the thread.
 */
function buttonRow(card: Card, url: string | null): APIActionRowComponent<APIButtonComponent>[] {
  const row = new ActionRowBuilder<ButtonBuilder>();
  for (const action of card.actions) {
    const { base, style } = ACTION_BUTTONS[action.action];
    row.addComponents(new ButtonBuilder().setCustomId(customId(base, card.ticketId)).setLabel(truncate(action.label, L.buttonLabel)).setStyle(style));
  }
  if (url) row.addComponents(new ButtonBuilder().setStyle(ButtonStyle.Link).setLabel('Open thread').setURL(url));
  return row.components.length > 0 ? [row.toJSON()] : [];
}

export interface DiscordCardMessage {
  content: string;
  embeds: APIEmbed[];
  /** Empty unless the card waits for a reviewer: sent with an edit, that removes the buttons. */
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: [] };
}

/**
 * A card as a Discord message: facts, then the draft in whatever room the
 * facts left. A card waiting for review gets its buttons (and, with
 * `threadUrl`, a title linking the customer's thread and an Open thread
 * button); a resolved card says who did what and when; an info card is facts
 * only.
 */
export function discordCard(card: Card, options: { threadUrl?: string } = {}): DiscordCardMessage {
  const resolution = card.state === 'resolved' ? card.resolution : null;
  const colour = resolution ? RESOLUTION_COLOURS[resolution.action] : urgencyColour(card.urgency);
  const url = card.state === 'review' ? safeUrl(options.threadUrl) : null;
  const who = resolution ? whoAndWhen(resolution.label, resolution.actorId, resolution.at) : '';
  const detail = resolution?.detail?.trim() ? ` — ${safe(resolution.detail, 400)}` : '';
  const facts = factsEmbed(card, colour, { url, extra: resolution ? [field('Resolution', `${who}${detail}`)] : [] });
  const draft = card.draft ? draftEmbed(card.draft, colour, L.embedTotal - embedLength(facts)) : null;
  return {
    content: resolution ? truncate(`**Ticket #${card.ticketId}** · ${who}`, L.messageContent) : headline(card),
    embeds: draft ? [facts, draft] : [facts],
    components: card.state === 'review' ? buttonRow(card, url) : [],
    allowed_mentions: { parse: [] },
  };
}
