/**
 * A tiny neutral markup for what the desk says to a person (command answers,
 * refusals) and for card facts: lines of spans. Every surface renders it in
 * its own dialect (Slack mrkdwn, Discord markdown, plain text) and escapes
 * each plain span, so customer or model text can never become markup.
 */
import type { Urgency } from '../domain/index.js';

export type Span =
  /** Plain text: escaped by the surface. */
  | string
  | { strong: string }
  | { code: string }
  /** The surface's urgency mark (an emoji) followed by the word. */
  | { urgency: Urgency }
  /** A platform user, rendered as a mention where the id is one. */
  | { user: string }
  /** A web address of ours (a sign-in link), clickable as it is: never escaped into another address. */
  | { link: string };

/** A line of spans, or a quoted block of plain text (a summary, a reason). */
export type Block = { line: Span[] } | { quote: string };

export type RichText = Block[];

export const line = (...spans: Span[]): Block => ({ line: spans });
export const quote = (text: string): Block => ({ quote: text });

/** A single plain sentence. */
export const plain = (text: string): RichText => [line(text)];

/** How one surface writes each kind of span; `block` joins them. */
export interface RichTextDialect {
  text(text: string): string;
  strong(text: string): string;
  code(text: string): string;
  urgency(urgency: Urgency): string;
  user(id: string): string;
  /** Called only with an address that passes `isPlainLink`; others are shown as text. */
  link(url: string): string;
  quote(text: string): string;
}

/** An http(s) address with nothing in it a chat's markup could read as markup (no spaces, brackets, pipes). */
export const isPlainLink = (url: string): boolean => /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+$/.test(url) && !/[<>|()[\]`*]/.test(url);

export function renderRichText(text: RichText, dialect: RichTextDialect): string {
  return text
    .map((block) => ('quote' in block ? dialect.quote(block.quote) : block.line.map((span) => renderSpan(span, dialect)).join('')))
    .join('\n');
}

export function renderSpan(span: Span, dialect: RichTextDialect): string {
  if (typeof span === 'string') return dialect.text(span);
  if ('strong' in span) return dialect.strong(span.strong);
  if ('code' in span) return dialect.code(span.code);
  if ('urgency' in span) return dialect.urgency(span.urgency);
  if ('link' in span) return isPlainLink(span.link) ? dialect.link(span.link) : dialect.text(span.link);
  return dialect.user(span.user);
}

/** The words alone, for notifications and the console. */
export const PLAIN_DIALECT: RichTextDialect = {
  text: (text) => text,
  strong: (text) => text,
  code: (text) => text,
  urgency: (urgency) => urgency,
  user: (id) => id,
  link: (url) => url,
  quote: (text) =>
    text
      .split('\n')
      .map((row) => `  ${row}`)
      .join('\n'),
};
