import { describe, expect, it } from 'vitest';
import { REDACTED, SECRET_LOG_PATHS, scrubSecrets } from '../src/policy/redaction.js';

describe('scrubSecrets', () => {
  it.each([
    ['an OpenAI project key', 'key=sk-proj-abc123456789 end', 'key=[REDACTED] end'],
    ['a legacy OpenAI key', 'sk-abcdefghijklmnopqrstuvwxyz0123', '[REDACTED]'],
    ['a key with underscores and dashes', 'use sk-svcacct-AB_cd-EF_gh12345 now', 'use [REDACTED] now'],
    ['a Slack bot token', 'token xoxb-1234567890-0987654321-AbCdEfGh', 'token [REDACTED]'],
    ['a Slack user token', 'xoxp-1234567890-0987654321', '[REDACTED]'],
    ['a Slack app-level token', 'xapp-1-A0123456789-1234567890-abcdef', '[REDACTED]'],
    ['a Bearer header', 'Authorization: Bearer abcDEF123.456_ghi-jkl', 'Authorization: [REDACTED]'],
    ['a lowercase bearer header', 'authorization: bearer abcdefghijklmnop==', 'authorization: [REDACTED]'],
    [
      'a Discord bot token',
      'DISCORD_TOKEN=MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB',
      'DISCORD_TOKEN=[REDACTED]',
    ],
  ])('removes %s', (_name, input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });

  it('removes every occurrence of several kinds in one text', () => {
    const text = 'a sk-proj-abc123456789 b xoxb-1234567890-abcdef c sk-proj-zzz987654321 d Bearer 0123456789abcdef';
    expect(scrubSecrets(text)).toBe('a [REDACTED] b [REDACTED] c [REDACTED] d [REDACTED]');
  });

  it('is idempotent', () => {
    const once = scrubSecrets('sk-proj-abc123456789 and xoxb-1234567890-abcdef');
    expect(scrubSecrets(once)).toBe(once);
  });

  it('is stable across calls (global regexes do not keep state)', () => {
    for (let i = 0; i < 3; i += 1) expect(scrubSecrets('x sk-proj-abc123456789')).toBe('x [REDACTED]');
  });

  it.each([
    ['plain prose', 'Hi, I was charged twice for order A-1001. Can you refund $49.99?'],
    ['an empty string', ''],
    ['short sk- words', 'ask-me sk-short task-list risk-free'],
    ['ticket ids and Slack timestamps', 'ticket #42 in slack:C123:1700000000.0001'],
    ['the word bearer with short words', 'the bearer of bad news'],
    ['an email and url', 'write to ada@example.com or https://example.com/help?x=1'],
    ['non-ASCII text', 'Grüße aus München — ça va? 你好'],
  ])('leaves %s unchanged', (_name, text) => {
    expect(scrubSecrets(text)).toBe(text);
  });

  it('does not eat the text around a secret', () => {
    expect(scrubSecrets('(sk-proj-abc123456789)')).toBe(`(${REDACTED})`);
    expect(scrubSecrets('"xoxb-1234567890-abcdef",')).toBe(`"${REDACTED}",`);
  });

  // BUG (src/policy/redaction.ts Discord pattern): bot tokens start with the
  // base64 of the bot's user id. Ids beginning with 8 or 9 encode to "OD…" /
  // "OT…", which `[MN]` does not match, so such tokens are logged in clear.
  it('removes a Discord bot token whose id starts with 8 or 9', () => {
    const idPart = Buffer.from('812345678901234567').toString('base64').replace(/=+$/, '');
    expect(idPart.startsWith('O')).toBe(true);
    const token = `${idPart}.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB`;
    expect(scrubSecrets(`token ${token}`)).toBe(`token ${REDACTED}`);
  });
});

describe('SECRET_LOG_PATHS', () => {
  it('covers the fields the brief names, at the top level and one level down', () => {
    for (const field of ['apiKey', 'token', 'authorization', 'headers.authorization', 'signingSecret', 'OPENAI_API_KEY']) {
      expect(SECRET_LOG_PATHS).toContain(field);
      expect(SECRET_LOG_PATHS).toContain(`*.${field}`);
    }
  });
});
