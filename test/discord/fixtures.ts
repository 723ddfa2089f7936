/**
 * Shared by the Discord formatting tests and the contract driver: a ticket
 * outcome to start from, hostile text, what Discord displays for escaped
 * text, and the oracles for pings and escapes. Cards in a forced state come
 * from test/support/card-states.ts.
 */
import type { APIEmbed } from 'discord.js';
import type { DiscordCardMessage } from '../../adapters/discord/format.js';
import { ZERO_WIDTH_SPACE } from '../../adapters/discord/markdown.js';
import { sampleOutcome } from '../support/sample-outcome.js';

export const CUSTOMER = '1130000000000000001';
export const REVIEWER = '1130000000000000009';
export const THREAD_URL = 'https://discord.com/channels/1100000000000000001/1213063181107200000';

export const ATTACK = [
  'Hey @everyone @here <@1130000000000000007> <@!1130000000000000007> <@&1150000000000000001> see <#1110000000000000004> </triage status:1180000000000000001>',
  '**bold** __under__ ~~gone~~ ||spoiler|| `code` and [your invoice](https://evil.example/pay) now',
  '# Heading',
  '-# small print',
  '> quoted',
  '- item',
  '1. first',
  '```js',
  'alert(1)',
  '```',
].join('\n');

export const outcome = sampleOutcome({ platform: 'discord', channelId: '1110000000000000001', threadId: '1213063181107200000', customerId: CUSTOMER, customerName: 'Ana Lima' });

/** Every text Discord renders from a message: content, embed title, description, field names and values, footer. */
export function texts(message: { content: string; embeds?: APIEmbed[] }): string[] {
  const fromEmbed = (embed: APIEmbed) => [embed.title, embed.description, embed.footer?.text, embed.author?.name, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])];
  return [message.content, ...(message.embeds ?? []).flatMap(fromEmbed)].filter((text): text is string => typeof text === 'string');
}
export const allText = (message: DiscordCardMessage): string => texts(message).join('\n');

/** What Discord shows for escaped text: a backslash before punctuation disappears; zero-width spaces are invisible. */
export const unescape = (text: string): string => text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1').replaceAll(ZERO_WIDTH_SPACE, '');

/** The draft as shown in the draft embed (description, then continuation fields). */
export function shownDraft(message: DiscordCardMessage): string {
  const embed = message.embeds[1];
  if (!embed) return '';
  return [embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)].join('\n');
}

export const buttonsOf = (message: DiscordCardMessage) => message.components.flatMap((row) => row.components);

/** A user, role, channel or command mention Discord would render (and, in content, could ping). */
export const MENTION_TOKEN = /<(@[!&]?\d+|#\d+|\/[^>:]+:\d+)>/;
/** A bare @everyone / @here. */
export const BARE_EVERYONE = /(^|[^\p{L}\p{N}_])@(everyone|here)(?![\p{L}\p{N}_])/iu;
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Markdown characters that are NOT escaped by a backslash. */
export function unescapedSpecials(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '\\') {
      i++;
      continue;
    }
    if ('*_~`|[]()#>'.includes(char)) found.push(char);
  }
  return found;
}
