/**
 * Discord text in and out. Discord renders a markdown dialect in message
 * content and in embed titles, descriptions and field values: `**bold**`,
 * `__underline__`, `~~strike~~`, `||spoiler||`, code, `> quotes`, `# headings`,
 * `-# subtext`, lists, and masked links `[label](https://…)` that hide where
 * a link goes. It also turns `<@id>`, `<@&role>`, `<#channel>` and bare
 * `@everyone` / `@here` into mentions.
 *
 * Customer and model text shown in our cards must never be able to do any of
 * that: `escapeDiscordMarkdown` makes it literal and `neutraliseMentions`
 * breaks every mention, on top of `allowed_mentions: { parse: [] }` on every
 * message we send (belt and braces: embeds never ping, content might).
 * `discordToPlainText` goes the other way, so no Discord syntax reaches the
 * pipeline.
 */

/** Invisible, and breaks Discord's mention and token parsing where it is inserted. */
export const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Bare links stay clickable and readable (a reviewer should see where a link
 * really goes), so they are left unescaped. This is the shape Discord's
 * autolinker takes: it ends before trailing punctuation and closing brackets,
 * which therefore get escaped like any other text.
 */
const BARE_URL = /https?:\/\/[^\s<]+[^<.,:;"'!?)\]\s*_~`|>]/g;

/** Characters that start or end Discord markdown anywhere on a line. */
const INLINE_SPECIAL = /[\\*_~`|>[\]()#]/g;

/**
 * Escapes `text` so Discord shows it literally. Every markdown character gets
 * a backslash (`\` itself first, so a typed `\*` stays a backslash and a
 * star), and the line-start constructs that use ordinary characters are
 * broken too: `- item` / `-# subtext` (a leading `-`), `1. item` (the dot)
 * and `+ item`. Masked links cannot form because `[`, `]`, `(` and `)` are
 * escaped; bare `http(s)://` links are kept as they are, so they stay
 * readable and show their real target. Emoji codes and `<t:…>` timestamps
 * are left to render: they cannot hide or fake anything. Mentions are
 * `neutraliseMentions`' job.
 */
export function escapeDiscordMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(BARE_URL)) {
    out += escapeSegment(text.slice(last, match.index), last === 0 || text[last - 1] === '\n') + match[0];
    last = match.index + match[0].length;
  }
  out += escapeSegment(text.slice(last), last === 0 || text[last - 1] === '\n');
  return out;
}

function escapeSegment(segment: string, startsLine: boolean): string {
  const escaped = segment.replace(INLINE_SPECIAL, (char) => `\\${char}`);
  // `^` is each line start within the segment; the first line only counts when the segment starts a line.
  return escaped.replace(/(^|\n)([ \t]*)(-|\+|\d+(?=\.[ \t]))/g, (whole, newline: string, indent: string, marker: string, offset: number) => {
    if (offset === 0 && newline === '' && !startsLine) return whole;
    return marker === '-' || marker === '+' ? `${newline}${indent}\\${marker}` : `${newline}${indent}${marker}\\`;
  });
}

/**
 * Breaks every mention Discord could render or ping, leaving the text
 * readable: a zero-width space after the `@` of a bare `@everyone` / `@here`,
 * and after the `<` of user (`<@id>`, `<@!id>`), role (`<@&id>`), channel
 * (`<#id>`), slash-command (`</name:id>`) and guild-navigation (`<id:…>`)
 * tokens. Addresses (`me@here.com`) and words that merely start the same
 * (`@heretic`) are left alone. An `_` is no part of a word here: Discord's
 * parser stops at it, and escaping turns `@everyone_` into `@everyone\_`.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/(^|[^\p{L}\p{N}])@(everyone|here)(?![\p{L}\p{N}])/giu, `$1@${ZERO_WIDTH_SPACE}$2`)
    .replace(/<(?=@[!&]?\d|#\d|\/[^\s>]|id:)/g, `<${ZERO_WIDTH_SPACE}`);
}

/**
 * Breaks masked links in text that keeps its markdown (a reply): a zero-width
 * space between `]` and `(`, so `[your bank](https://evil.example)` reads the
 * same but shows its real target instead of hiding it behind the label.
 */
export function breakMaskedLinks(text: string): string {
  return text.replace(/\]\(/g, `]${ZERO_WIDTH_SPACE}(`);
}

/** Both, in the order that keeps each effective: what every piece of customer or model text in a card goes through. */
export function safeText(text: string): string {
  return escapeDiscordMarkdown(neutraliseMentions(text));
}

/** A user as a message's `mentions` array lists them, as far as naming goes. */
export interface MentionedUser {
  id: string;
  username?: string | undefined;
  global_name?: string | null | undefined;
  member?: { nick?: string | null | undefined } | undefined;
}

/**
 * Discord's wire text as a person would read it: `<@123>` / `<@!123>` →
 * `@name` (from the message's `mentions`, else `@123`), `<@&123>` → `@role`,
 * `<#123>` → `#channel`, `</cmd sub:123>` → `/cmd sub`, `<:name:123>` →
 * `:name:`, `<t:1700000000:R>` → an ISO date. Markdown is kept: it is what
 * the customer typed.
 */
export function discordToPlainText(text: string, mentions: readonly MentionedUser[] = []): string {
  const names = new Map(mentions.map((user) => [user.id, user.member?.nick || user.global_name || user.username || user.id]));
  return text
    .replace(/<@!?(\d{1,20})>/g, (_token, id: string) => `@${names.get(id) ?? id}`)
    .replace(/<@&\d{1,20}>/g, '@role')
    .replace(/<#\d{1,20}>/g, '#channel')
    .replace(/<\/([\w -]{1,32}):\d{1,20}>/g, '/$1')
    .replace(/<a?:(\w{1,32}):\d{1,20}>/g, ':$1:')
    .replace(/<t:(-?\d{1,13})(?::[tTdDfFR])?>/g, (token, seconds: string) => {
      const date = new Date(Number(seconds) * 1000);
      return Number.isNaN(date.getTime()) ? token : date.toISOString().replace('.000Z', 'Z');
    });
}
