/** What the desk says never splits an emoji in half, however long the clicked id or customer text. */
import { describe, expect, it } from 'vitest';
import { noSuchTicket, webSignInText } from '../../src/desk/desk-texts.js';
import { slackText } from '../../adapters/slack/format.js';
import { discordText } from '../../adapters/discord/rich-text.js';
import { PLAIN_DIALECT, renderRichText } from '../../src/present/rich-text.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('desk texts', () => {
  it('cuts a long id at a whole character', () => {
    for (const pad of ['', 'x']) {
      const text = renderRichText(noSuchTicket(`${pad}${'😀'.repeat(40)}`), PLAIN_DIALECT);
      expect(text).not.toMatch(LONE_SURROGATE);
      expect(text).toMatch(/… does not exist\.$/);
    }
  });
});

describe('the /triage web answer', () => {
  const link = 'https://triage.example.com/signin?t=eyJwIjoic2xhY2sifQ_-x.abc-_12';
  it('is a clickable link on every surface, never escaped into another address', () => {
    expect(renderRichText(webSignInText(link, 10), PLAIN_DIALECT)).toContain(link);
    expect(slackText(webSignInText(link, 10))).toContain(`<${link}>`);
    expect(discordText(webSignInText(link, 10))).toContain(`<${link}>`);
  });
  it('shows an address with markup in it as plain text', () => {
    const hostile = 'https://x.example/<!channel>|click';
    expect(slackText(webSignInText(hostile, 10))).not.toContain('<!channel>');
    expect(discordText(webSignInText('https://x.example/a>b', 10))).not.toContain('<https://x.example/a>b>');
  });
});
