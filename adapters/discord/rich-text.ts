/**
 * The desk's neutral rich text (src/present/rich-text.ts) in Discord
 * markdown: command answers, refusals and card facts. Every plain span goes
 * through `safeText` (markdown escaped, mentions broken), so customer or
 * model text inside an answer can never format, hide a link or ping; our own
 * markup (`**bold**`, backticks, `> ` quotes, `<@id>` for real user ids) is
 * added around the escaped text.
 */
import type { Urgency } from '../../src/domain/index.js';
import type { RichText, RichTextDialect, Span } from '../../src/present/rich-text.js';
import { renderSpan } from '../../src/present/rich-text.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';
import { neutraliseMentions, safeText } from './markdown.js';

export const URGENCY_MARKS: Record<Urgency, string> = { urgent: '🔴', high: '🟠', normal: '🔵', low: '⚪' };

/** A Discord user id (a snowflake): only those become mentions. */
export const isSnowflake = (id: string): boolean => /^\d{17,20}$/.test(id);

/** Our own mention markup for a user id; empty for anything that is not one. */
export const mention = (id: string): string => (isSnowflake(id) ? `<@${id}>` : '');

/** Each line quoted with `> `, its text escaped (a `>` of its own shows as text). */
function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((row) => `> ${safeText(row)}`)
    .join('\n');
}

export const DISCORD_DIALECT: RichTextDialect = {
  text: safeText,
  strong: (text) => (text.trim() ? `**${safeText(text)}**` : safeText(text)),
  // Backslashes do not escape inside a code span: text that could end or stretch it (a backtick, a line break)
  // or start a link label (brackets) is shown as escaped plain text instead. Our own code spans have none.
  code: (text) => (text.trim() && !/[`\n[\]]/.test(text) ? `\`${neutraliseMentions(text)}\`` : safeText(text)),
  urgency: (urgency) => `${URGENCY_MARKS[urgency]} ${urgency}`,
  user: (id) => mention(id) || safeText(id),
  // In angle brackets: clickable, with no preview fetched (a preview would open a sign-in link).
  link: (url) => `<${url}>`,
  quote: quoteLines,
};

/** Spans as one piece of Discord markdown (a card fact, say). */
export function discordSpans(spans: readonly Span[]): string {
  return spans.map((span) => renderSpan(span, DISCORD_DIALECT)).join('');
}

/** A quote shorter than this is not worth showing cut. */
const MIN_QUOTE = 24;

/**
 * Rich text as one Discord message: within `max` (2,000 by default). Lines
 * are ours and short; quoted blocks (a summary) share the room the lines
 * leave and are cut first, so an answer keeps all its lines; what still does
 * not fit is cut at the end. Cuts never split an escape, a mention or an
 * emoji (`truncate`).
 */
export function discordText(text: RichText, max: number = L.messageContent): string {
  const lines = text.map((block) => ('line' in block ? discordSpans(block.line) : null));
  const quotes = text.length - lines.filter((line) => line !== null).length;
  const fixed = lines.reduce((sum, line) => sum + (line?.length ?? 0), 0) + Math.max(0, text.length - 1);
  const room = quotes > 0 ? Math.floor((max - fixed) / quotes) : 0;
  const rendered = text.flatMap((block, index) => {
    if ('line' in block) return [lines[index] ?? ''];
    if (room < MIN_QUOTE) return [];
    return [truncate(quoteLines(block.quote), room)];
  });
  return truncate(rendered.join('\n'), max);
}
