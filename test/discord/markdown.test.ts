/**
 * Discord text in and out, and its size limits: escaping (no pings, no
 * formatting, no masked links from customer or model text), Discord's wire
 * text as plain text, and the splitting and truncating helpers that keep
 * every piece within a limit without cutting an escape, a mention or an emoji.
 */
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, splitMessage, truncate } from '../../adapters/discord/limits.js';
import { ZERO_WIDTH_SPACE, discordToPlainText, escapeDiscordMarkdown, neutraliseMentions, safeText } from '../../adapters/discord/markdown.js';
import { expectFaithfulSplit, random } from '../support/split-checks.js';
import { ATTACK, BARE_EVERYONE, LONE_SURROGATE, MENTION_TOKEN, unescape, unescapedSpecials } from './fixtures.js';

const L = DISCORD_LIMITS;

describe('escapeDiscordMarkdown', () => {
  it('escapes inline markdown so it shows literally', () => {
    expect(escapeDiscordMarkdown('**bold** __u__ ~~s~~ ||spoiler|| `code`')).toBe('\\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`');
    expect(escapeDiscordMarkdown('a \\* b')).toBe('a \\\\\\* b');
  });

  it('makes masked links impossible but keeps bare links readable and intact', () => {
    expect(escapeDiscordMarkdown('[your invoice](https://evil.example/pay)')).toBe('\\[your invoice\\]\\(https://evil.example/pay\\)');
    expect(escapeDiscordMarkdown('see https://example.com/a_b_c?x=1&y=*2 now')).toBe('see https://example.com/a_b_c?x=1&y=*2 now');
    // A link never ends in markup: a trailing star is escaped like text.
    expect(escapeDiscordMarkdown('https://example.com/*2*')).toBe('https://example.com/*2\\*');
    // Trailing punctuation is not part of a link (as Discord's autolinker sees it), so it is escaped as text.
    expect(escapeDiscordMarkdown('(https://example.com/a)')).toBe('\\(https://example.com/a\\)');
    expect(escapeDiscordMarkdown('[x](<https://evil.example>)')).toBe('\\[x\\]\\(<https://evil.example\\>\\)');
  });

  it('breaks line-start constructs: headings, subtext, quotes, lists', () => {
    expect(escapeDiscordMarkdown('# H\n## H2\n-# small\n> q\n>>> all\n- item\n  - nested\n* star\n+ plus\n1. one\n10. ten')).toBe(
      '\\# H\n\\#\\# H2\n\\-\\# small\n\\> q\n\\>\\>\\> all\n\\- item\n  \\- nested\n\\* star\n\\+ plus\n1\\. one\n10\\. ten',
    );
    // Not at a line start, or not a list: left alone.
    expect(escapeDiscordMarkdown('a - b, 3.14, 2024. Done')).toBe('a - b, 3.14, 2024. Done');
  });

  it('leaves no unescaped markdown in random text, and reads back as the original', () => {
    const next = random(11);
    const alphabet = ['a', ' ', '\n', '*', '_', '~', '`', '|', '>', '[', ']', '(', ')', '#', '-', '+', '1. ', '\\', '😀', 'word', ':', '<', '@'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = Math.floor(next() * 80);
      while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
      const escaped = escapeDiscordMarkdown(text);
      expect(unescapedSpecials(escaped), JSON.stringify(text)).toEqual([]);
      expect(escaped, JSON.stringify(text)).not.toMatch(/(^|\n)[ \t]*([-+]|\d+\.[ \t])/);
      expect(unescape(escaped)).toBe(text);
    }
  });
});

describe('neutraliseMentions', () => {
  it('breaks @everyone and @here with a zero-width space, but not addresses or longer words', () => {
    for (const word of ['@everyone', '@here', '@EVERYONE', '(@here)', 'hi @everyone!']) {
      const out = neutraliseMentions(word);
      expect(out, word).not.toMatch(BARE_EVERYONE);
      expect(out.replaceAll(ZERO_WIDTH_SPACE, ''), word).toBe(word);
    }
    expect(neutraliseMentions('mail me@here.com or @heretic or @everyones')).toBe('mail me@here.com or @heretic or @everyones');
  });

  it('breaks user, role, channel and command mentions', () => {
    const input = '<@123456789012345678> <@!123456789012345678> <@&123456789012345678> <#123456789012345678> </triage status:123> <id:customize>';
    const out = neutraliseMentions(input);
    expect(out).not.toMatch(MENTION_TOKEN);
    expect(out).not.toContain('<id:');
    expect(out.replaceAll(ZERO_WIDTH_SPACE, '')).toBe(input);
    // Emoji and timestamps cannot ping or hide anything: left to render.
    expect(neutraliseMentions('<:ok:123> <t:1700000000:R>')).toBe('<:ok:123> <t:1700000000:R>');
  });

  it('safeText does both, and escaping does not undo the mention breaking', () => {
    const out = safeText(ATTACK);
    expect(out).not.toMatch(MENTION_TOKEN);
    expect(out).not.toMatch(BARE_EVERYONE);
    expect(unescapedSpecials(out)).toEqual([]);
    expect(unescape(out)).toBe(ATTACK);
  });
});

describe('discordToPlainText', () => {
  it('resolves mentions from the message and names the rest', () => {
    const mentions = [{ id: '1', username: 'sam', global_name: 'Sam', member: { nick: 'Sammy' } }, { id: '2', username: 'kim' }];
    expect(discordToPlainText('<@1> <@!2> <@3> <@&4> <#5> <a:party:6> <t:0:F> <t:x>', mentions)).toBe('@Sammy @kim @3 @role #channel :party: 1970-01-01T00:00:00Z <t:x>');
  });
});

// ── limits.ts ────────────────────────────────────────────────────────────

describe('splitMessage', () => {
  it('returns short text whole and blank text as no chunks', () => {
    expect(splitMessage('hello')).toEqual(['hello']);
    expect(splitMessage('')).toEqual([]);
    expect(splitMessage(' \n\n \t')).toEqual([]);
  });

  it('prefers paragraphs, then lines, then sentences, then words', () => {
    const a = 'A'.repeat(80);
    const b = 'B'.repeat(80);
    expect(splitMessage(`${a}\n\n${b}`, 120)).toEqual([a, b]);
    expect(splitMessage(`${a}\n${b}`, 120)).toEqual([a, b]);
    expect(splitMessage(`${a}. ${b}.`, 120)).toEqual([`${a}.`, `${b}.`]);
    expect(splitMessage(`**${a}.** ${b}.`, 120)).toEqual([`**${a}.**`, `${b}.`]);
    expect(splitMessage(`${a} ${b}`, 120)).toEqual([a, b]);
    // A paragraph break early in the window loses to a line break that fills the chunk.
    expect(splitMessage(`x\n\n${a}\n${b}`, 120)).toEqual([`x\n\n${a}`, b]);
  });

  it('cuts a run without whitespace, keeping surrogate pairs, escapes and mention tokens whole', () => {
    const emoji = '😀'.repeat(100);
    const chunks = splitMessage(emoji, 51);
    expectFaithfulSplit(emoji, chunks, 51);
    expect(chunks.join('')).toBe(emoji);
    const escaped = '\\*'.repeat(50);
    const pieces = splitMessage(escaped, 11);
    expect(pieces.every((piece) => /^(\\\*)+$/.test(piece))).toBe(true);
    expect(pieces.join('')).toBe(escaped);
    const mentions = '<@123456789012345678>'.repeat(5);
    const parts = splitMessage(mentions, 30);
    expect(parts.every((part) => /^(<@\d{18}>)+$/.test(part))).toBe(true);
    expect(parts.join('')).toBe(mentions);
  });

  it('is faithful, bounded and never empty on many random texts', () => {
    const next = random(7);
    const alphabet = ['a', 'b', 'c', ' ', ' ', '\n', '\n\n', '. ', '! ', '😀', '\\*', '<@12345678901234567>', 'Ω', '\t', 'word ', 'longerword', '**', '> '];
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(next() * 600);
      let text = '';
      while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
      const max = 2 + Math.floor(next() * 80);
      expectFaithfulSplit(text, splitMessage(text, max), max);
    }
  });

  it('defaults to one message’s content', () => {
    const text = 'word '.repeat(2_000);
    const chunks = splitMessage(text);
    expect(chunks.length).toBe(5);
    expectFaithfulSplit(text, chunks, L.messageContent);
  });

  it('rejects a max that cannot hold a character', () => {
    expect(() => splitMessage('abc', 1)).toThrow(RangeError);
    expect(() => splitMessage('abc', 2.5)).toThrow(RangeError);
  });
});

describe('truncate', () => {
  it('leaves short text alone and marks a cut', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a long sentence here', 10)).toBe('a long se…');
    expect(truncate('a long sentence here', 10, ' [more]')).toBe('a l [more]');
    expect(truncate('abcdef', 3, '')).toBe('abc');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never leaves half a surrogate pair, half an escape or half a mention', () => {
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    expect(truncate('ab\\*cd', 4)).toBe('ab…');
    expect(truncate('hi <@123456789012345678> there', 12)).toBe('hi…');
    for (let max = 1; max < 60; max++) {
      const cut = truncate('😀 \\*x\\\\ <@123456789012345678> 😀😀 \\_\\_ end', max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(LONE_SURROGATE);
      expect(cut).not.toMatch(/(^|[^\\])(\\\\)*\\(…|$)/);
      expect(cut).not.toMatch(/<@\d*(…|$)/);
    }
  });
});
