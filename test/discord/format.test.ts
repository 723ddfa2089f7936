/**
 * Discord formatting: escaping (no pings, no formatting, no masked links from
 * customer or model text), Discord's size limits on every part of a message
 * (including the 6,000 characters of all embeds together), which buttons a
 * review message offers, the modals, custom ids, reply nonces, the /triage
 * command, and the splitting and truncating helpers.
 */
import { describe, expect, it } from 'vitest';
import type {
  APIEmbed,
  APILabelComponent,
  APITextInputComponent,
  RESTPatchAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import { CUSTOM_IDS, customId, embedLength, infoMessage, parseCustomId, resolvedMessage, reviewMessage, threadUrl, urgencyColour } from '../../adapters/discord/format.js';
import { TRIAGE_COMMAND, statusText, todayText } from '../../adapters/discord/commands.js';
import { REJECT_REASON_MAX, editModal, rejectModal } from '../../adapters/discord/modals.js';
import { replyNonce, replyPayloads } from '../../adapters/discord/replies.js';
import type { Resolution, ReviewMessage, SettledMessage } from '../../adapters/discord/format.js';
import { DISCORD_LIMITS, splitMessage, truncate } from '../../adapters/discord/limits.js';
import { ZERO_WIDTH_SPACE, discordToPlainText, escapeDiscordMarkdown, neutraliseMentions, safeText } from '../../adapters/discord/markdown.js';
import { REASON_LABELS, ROUTE_LABELS, reasonLabel, reasonsText, routeLabel } from '../../src/present/reason-labels.js';
import { REASON_CODES, ROUTES } from '../../src/domain/index.js';
import type { TicketOutcome } from '../../src/domain/index.js';
import { expectFaithfulSplit, random } from '../support/split-checks.js';

const L = DISCORD_LIMITS;
const CUSTOMER = '1130000000000000001';
const REVIEWER = '1130000000000000009';
const THREAD_URL = 'https://discord.com/channels/1100000000000000001/1213063181107200000';

const ATTACK = [
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

function outcome(overrides: Partial<TicketOutcome> = {}, ticket: Partial<TicketOutcome['ticket']> = {}): TicketOutcome {
  const at = new Date('2024-03-01T10:00:00Z');
  return {
    ticket: {
      id: 42,
      platform: 'discord',
      channelId: '1110000000000000001',
      threadId: '1213063181107200000',
      customerId: CUSTOMER,
      customerName: 'Ana Lima',
      subject: null,
      status: 'awaiting_review',
      urgency: 'high',
      category: 'refund',
      language: 'en',
      sentiment: 'negative',
      summary: 'Customer was charged twice for order A-5521 and wants a refund.',
      statusReason: null,
      round: 1,
      createdAt: at,
      updatedAt: at,
      ...ticket,
    },
    classification: { urgency: 'high', category: 'refund', language: 'en', sentiment: 'negative', riskFlags: ['refund'], needsReply: true, confidence: 0.82 },
    fields: { orderIds: ['A-5521'], accountIds: [], emails: ['ana@example.com'], products: [], amounts: [{ value: 49.9, currency: 'EUR' }] },
    decision: { route: 'human_review', reasons: ['risk_refund', 'low_confidence'], decidedBy: 'nano' },
    draft: { id: 7, reply: 'Sorry about the double charge, Ana. We have refunded order A-5521.', language: 'en', confidence: 0.8, source: 'mini' },
    flagshipReview: null,
    lastHumanReview: null,
    costUsd: 0.00421,
    ...overrides,
  };
}

// Compile-time: what format.ts returns is what Discord's REST API takes.
const _postReview: RESTPostAPIChannelMessageJSONBody = reviewMessage(outcome());
const _patchResolved: RESTPatchAPIChannelMessageJSONBody = resolvedMessage(outcome(), { actorId: REVIEWER, action: 'approve', at: new Date() });
const _postReply: RESTPostAPIChannelMessageJSONBody | undefined = replyPayloads('hi', 'k')[0];

/** Every text Discord renders from a message: content, embed texts, button labels. */
function texts(message: ReviewMessage | SettledMessage): string[] {
  const fromEmbed = (embed: APIEmbed) => [embed.title, embed.description, embed.footer?.text, embed.author?.name, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])];
  return [message.content, ...message.embeds.flatMap(fromEmbed)].filter((text): text is string => typeof text === 'string');
}
const allText = (message: ReviewMessage | SettledMessage) => texts(message).join('\n');

/** What Discord shows for escaped text: a backslash before punctuation disappears; zero-width spaces are invisible. */
const unescape = (text: string) => text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1').replaceAll(ZERO_WIDTH_SPACE, '');

/** The draft as shown in the draft embed (description, then continuation fields). */
function shownDraft(message: ReviewMessage | SettledMessage): string {
  const embed = message.embeds[1];
  if (!embed) return '';
  return [embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)].join('\n');
}

const buttonsOf = (message: ReviewMessage) => message.components.flatMap((row) => row.components);

/** A user, role, channel or command mention Discord would render (and, in content, could ping). */
const MENTION_TOKEN = /<(@[!&]?\d+|#\d+|\/[^>:]+:\d+)>/;
/** A bare @everyone / @here. */
const BARE_EVERYONE = /(^|[^\p{L}\p{N}_])@(everyone|here)(?![\p{L}\p{N}_])/iu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Positions of markdown characters that are NOT escaped by a backslash. */
function unescapedSpecials(text: string): string[] {
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

describe('review message', () => {
  it('escapes customer and model text everywhere: no pings, no formatting, no masked links', () => {
    const hostile = outcome(
      {
        draft: { id: 1, reply: ATTACK, language: 'en', confidence: 0.5, source: '**mini**' },
        fields: { orderIds: ['<@&1150000000000000001>'], accountIds: ['@everyone'], emails: ['[x](https://evil.example)'], products: ['||p||'], amounts: [] },
        flagshipReview: { verdict: 'human', rationale: ATTACK, rewrittenReply: null, tier: 'flagship' },
        lastHumanReview: { reviewerId: REVIEWER, action: 'reject', reason: ATTACK, at: new Date('2024-03-01T10:05:00Z') },
      },
      { summary: ATTACK, customerName: '@everyone [admin](https://evil.example)', statusReason: ATTACK },
    );
    const messages = [
      reviewMessage(hostile, { threadUrl: THREAD_URL }),
      resolvedMessage(hostile, { actorId: REVIEWER, action: 'reject', at: new Date('2024-03-01T10:06:00Z'), detail: ATTACK }),
      infoMessage(hostile),
    ];
    for (const message of messages) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      for (const text of texts(message)) {
        // Only our own tokens may render: the reviewer, the customer and relative times.
        const ours = text.replaceAll(`<@${REVIEWER}>`, '').replaceAll(`<@${CUSTOMER}>`, '').replace(/<t:\d+:R>/g, '');
        expect(ours, text).not.toMatch(MENTION_TOKEN);
        expect(ours, text).not.toMatch(BARE_EVERYONE);
        expect(ours, text).not.toMatch(/(?<!\\)\[[^\]\n]*(?<!\\)\]\((?!\\)/); // a masked link
        expect(ours, text).not.toMatch(/(?<!\\)\|\|/); // a spoiler
        expect(ours, text).not.toMatch(/(?<!\\)```/); // a code block
      }
      const serialized = JSON.stringify(message);
      expect(serialized).toContain('\\\\*\\\\*bold\\\\*\\\\*');
      expect(serialized).toContain('\\\\[your invoice\\\\]\\\\(https://evil.example/pay\\\\)');
    }
  });

  it('stays within every Discord limit for a 10,000-character draft and summary, the 6,000 total included', () => {
    const sentence = (i: number) => `Line ${i}: **refunds** & <tags> _under_ 😀 [link](https://x.example/${i}). `;
    let long = '';
    for (let i = 0; long.length < 8_000; i++) long += sentence(i) + (i % 7 === 0 ? '\n\n' : '');
    const draft = (long + '\\'.repeat(300) + 'x'.repeat(1_700)).slice(0, 10_000);
    expect(draft.length).toBe(10_000);
    const big = outcome(
      {
        draft: { id: 2, reply: draft, language: 'e'.repeat(300), confidence: 0.7, source: 's'.repeat(300) },
        flagshipReview: { verdict: 'rewrite', rationale: draft, rewrittenReply: draft, tier: 'flagship' },
        fields: { orderIds: Array.from({ length: 500 }, (_, i) => `ORDER-${i}`), accountIds: [draft], emails: [draft], products: [draft], amounts: [{ value: 1e21, currency: draft }] },
        lastHumanReview: { reviewerId: REVIEWER, action: 'reject', reason: draft, at: new Date() },
        decision: { route: 'human_review', reasons: [...REASON_CODES, ...REASON_CODES], decidedBy: 'nano' },
      },
      { id: 2 ** 53 - 1, summary: draft, customerName: 'N'.repeat(5_000), statusReason: draft },
    );
    const messages: (ReviewMessage | SettledMessage)[] = [
      reviewMessage(big, { threadUrl: THREAD_URL }),
      resolvedMessage(big, { actorId: REVIEWER, action: 'approve', at: new Date(), detail: draft }),
      resolvedMessage(big, { actorId: 'bot', action: 'failed', at: new Date(), detail: draft }),
      infoMessage(big),
      reviewMessage({ ...big, draft: null }),
    ];
    for (const message of messages) {
      expect(message.content.length).toBeGreaterThan(0);
      expect(message.content.length).toBeLessThanOrEqual(L.messageContent);
      expect(message.embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
      expect(message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(L.embedTotal);
      for (const embed of message.embeds) {
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(L.embedTitle);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(L.embedDescription);
        expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(L.embedFooter);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(L.embedFields);
        for (const field of embed.fields ?? []) {
          expect(field.name.length).toBeGreaterThan(0);
          expect(field.name.length).toBeLessThanOrEqual(L.embedFieldName);
          expect(field.value.trim().length).toBeGreaterThan(0);
          expect(field.value.length).toBeLessThanOrEqual(L.embedFieldValue);
        }
      }
      for (const text of texts(message)) {
        expect(text).not.toMatch(LONE_SURROGATE);
        // An odd run of backslashes at the end would be half an escape.
        expect(text).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
      }
      expect(message.components.length).toBeLessThanOrEqual(L.actionRowsPerMessage);
    }
    const review = messages[0] as ReviewMessage;
    for (const row of review.components) {
      expect(row.components.length).toBeLessThanOrEqual(L.buttonsPerRow);
      for (const b of row.components) {
        expect(('label' in b ? b.label : '')?.length ?? 0).toBeLessThanOrEqual(L.buttonLabel);
        if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(L.customId);
      }
    }
    // The draft gets the room the facts leave: a good part of it is shown, then a note says it was cut.
    const shown = shownDraft(review);
    expect(unescape(shown).length).toBeGreaterThan(1_500);
    expect(shown).toContain('cut to fit');
    expect(draft.replace(/\s+/g, '')).toContain(unescape(shown.slice(0, shown.indexOf('\n*…cut'))).replace(/\s+/g, ''));
  });

  it('shows a long but fitting draft whole, spread over description and fields', () => {
    const paragraph = (i: number) => `Paragraph ${i}. We checked order A-${i} and **refunded** it; see step ${i}.\n- keep this list item\n`;
    let draft = '';
    for (let i = 0; draft.length < 4_300; i++) draft += `${paragraph(i)}\n`;
    const message = reviewMessage(outcome({ draft: { id: 3, reply: draft, language: 'en', confidence: 0.9, source: 'mini' } }));
    const embed = message.embeds[1];
    expect(embed?.description?.length).toBeGreaterThan(1_000);
    expect(embed?.fields?.length).toBeGreaterThan(0);
    const shown = shownDraft(message);
    expect(shown).not.toContain('cut to fit');
    expect(unescape(shown).replace(/\s+/g, '')).toBe(draft.replace(/\s+/g, ''));
    // Each piece starts a line in Discord: list markers are escaped there too.
    for (const piece of [embed?.description ?? '', ...(embed?.fields ?? []).map((f) => f.value)]) expect(piece).not.toMatch(/^[ \t]*[-+*]\s/m);
  });

  it('offers Approve, Edit, Reject and Escalate with the ticket in each custom id, styled by weight', () => {
    const buttons = buttonsOf(reviewMessage(outcome()));
    expect(buttons.map((b) => ('custom_id' in b ? b.custom_id : null))).toEqual(['triage:approve:42', 'triage:edit:42', 'triage:reject:42', 'triage:escalate:42']);
    expect(buttons.map((b) => ('label' in b ? b.label : null))).toEqual(['Approve', 'Edit', 'Reject', 'Escalate']);
    // ButtonStyle: Primary 1, Secondary 2, Success 3, Danger 4.
    expect(buttons.map((b) => b.style)).toEqual([3, 1, 4, 2]);
  });

  it('offers no Approve or Edit without a draft, and says why there is none', () => {
    const humanOnly = outcome({ draft: null, decision: { route: 'human_only', reasons: ['draft_failed'], decidedBy: 'policy' } });
    const message = reviewMessage(humanOnly);
    expect(buttonsOf(message).map((b) => ('custom_id' in b ? b.custom_id : null))).toEqual(['triage:reject:42', 'triage:escalate:42']);
    expect(allText(message)).toContain('No draft: drafting failed');
    expect(message.embeds).toHaveLength(1);
  });

  it('offers no Escalate once the flagship reviewed', () => {
    const reviewed = outcome({
      flagshipReview: { verdict: 'approve', rationale: 'Policy allows a refund under 50 EUR.', rewrittenReply: null, tier: 'flagship' },
      decision: { route: 'flagship_review', reasons: ['risk_refund', 'flagship_approved'], decidedBy: 'nano' },
    });
    const ids = buttonsOf(reviewMessage(reviewed)).map((b) => ('custom_id' in b ? b.custom_id : null));
    expect(ids).toEqual(['triage:approve:42', 'triage:edit:42', 'triage:reject:42']);
    expect(allText(reviewMessage(reviewed))).toContain('flagship approved the draft');
  });

  it('links the customer’s thread from the title and a link button, and drops a link that is not http(s)', () => {
    const linked = reviewMessage(outcome(), { threadUrl: THREAD_URL });
    expect(linked.embeds[0]?.url).toBe(THREAD_URL);
    const link = buttonsOf(linked).at(-1);
    expect(link).toMatchObject({ style: 5, url: THREAD_URL });
    expect(buttonsOf(linked)).toHaveLength(5);
    const hostile = reviewMessage(outcome(), { threadUrl: 'javascript:alert(1)' });
    expect(JSON.stringify(hostile)).not.toContain('javascript');
    expect(buttonsOf(hostile)).toHaveLength(4);
    expect(threadUrl('1100000000000000001', '1213063181107200000')).toBe(THREAD_URL);
    expect(threadUrl(null, '1110000000000000005')).toBe('https://discord.com/channels/@me/1110000000000000005');
  });

  it('shows the facts a reviewer needs: customer, urgency, category, fields, route and why, cost, draft', () => {
    const message = reviewMessage(outcome());
    const text = allText(message);
    for (const expected of ['Ana Lima', `<@${CUSTOMER}>`, '🟠 high', 'refund', 'A-5521', 'ana@example.com', '49.9 EUR', 'human review (by nano)', 'refund requested, low model confidence', '$0.004210', 'Sorry about the double charge', '0.82 · risk: refund']) {
      expect(text).toContain(expected);
    }
    expect(message.content).toBe('**Ticket #42** needs review · high · refund · from Ana Lima (1130000000000000001)');
    expect(message.embeds[0]?.description).toBe('>>> Customer was charged twice for order A\\-5521 and wants a refund.'.replace('\\-', '-'));
    expect(message.embeds[0]?.timestamp).toBe('2024-03-01T10:00:00.000Z');
  });

  it('colours by urgency', () => {
    expect(reviewMessage(outcome()).embeds[0]?.color).toBe(urgencyColour('high'));
    const urgent = outcome({ classification: { ...outcome().classification!, urgency: 'urgent' } });
    expect(reviewMessage(urgent).embeds[0]?.color).toBe(0xed4245);
    const colours = new Set((['urgent', 'high', 'normal', 'low', null] as const).map(urgencyColour));
    expect(colours.size).toBe(5);
  });
});

describe('resolved and info messages', () => {
  const actions: Resolution['action'][] = ['approve', 'edit', 'reject', 'escalate', 'auto_send', 'closed', 'failed'];

  it.each(actions)('a %s message has no components and pings no one', (action) => {
    const message = resolvedMessage(outcome(), { actorId: REVIEWER, action, at: new Date('2024-03-01T10:05:00Z') });
    expect(message.components).toEqual([]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('says who acted and when, with the reviewer as a mention and a relative time', () => {
    const message = resolvedMessage(outcome(), { actorId: REVIEWER, action: 'approve', at: new Date('2024-03-01T10:05:00Z') });
    expect(message.content).toBe(`**Ticket #42** · Approved by <@${REVIEWER}> <t:1709287500:R>`);
    expect(allText(message)).toContain('Sorry about the double charge');
    expect(message.embeds[0]?.title).toBe('Ticket #42 · approved');
  });

  it('does not mention a non-user actor, and escapes the detail', () => {
    const message = resolvedMessage(outcome({}, { status: 'failed' }), { actorId: 'bot', action: 'failed', at: new Date(), detail: 'delivery failed @everyone **now**' });
    const text = allText(message);
    expect(text).not.toContain('<@bot>');
    expect(message.content).toMatch(/^\*\*Ticket #42\*\* · Failed <t:\d+:R>$/);
    expect(text).toContain(`delivery failed @${ZERO_WIDTH_SPACE}everyone \\*\\*now\\*\\*`);
  });

  it('an info message is informational only', () => {
    const sent = outcome({ decision: { route: 'auto_send', reasons: ['low_risk_confident'], decidedBy: 'nano' } }, { status: 'sent' });
    const message = infoMessage(sent);
    expect(message.components).toEqual([]);
    expect(message.content).toContain('sent automatically');
    expect(message.embeds[0]?.footer?.text).toContain('no action needed');
  });
});

describe('modals', () => {
  const labelOf = (modal: ReturnType<typeof editModal>) => modal.components[0] as APILabelComponent;

  it('the edit modal holds the draft in a paragraph input inside a label, with our ids', () => {
    const modal = editModal(42, 'Dear Ana, refunded.');
    expect(modal.custom_id).toBe('triage:edit-modal:42');
    expect(parseCustomId(modal.custom_id)).toEqual({ base: CUSTOM_IDS.editModal, ticketId: 42 });
    expect(modal.title.length).toBeLessThanOrEqual(L.modalTitle);
    expect(modal.components).toHaveLength(1);
    const label = labelOf(modal);
    expect(label.type).toBe(18);
    expect(label.label.length).toBeLessThanOrEqual(L.labelText);
    expect(label.description?.length ?? 0).toBeLessThanOrEqual(L.labelDescription);
    expect(label.component).toMatchObject({ type: 4, custom_id: CUSTOM_IDS.draftInput, style: 2, value: 'Dear Ana, refunded.', required: true, max_length: L.textInputValue });
  });

  it('cuts a long draft to the input limit, whole characters only, and says so', () => {
    const draft = '😀'.repeat(5_000);
    const modal = editModal(123_456_789, draft);
    const input = labelOf(modal).component as APITextInputComponent;
    expect(input.value?.length).toBeLessThanOrEqual(L.textInputValue);
    expect(input.value?.length).toBeGreaterThan(3_990);
    expect(draft.startsWith(input.value ?? 'missing')).toBe(true);
    expect(input.value).not.toMatch(LONE_SURROGATE);
    expect(labelOf(modal).description).toContain('only the first 4000');
    expect(modal.title.length).toBeLessThanOrEqual(L.modalTitle);
  });

  it('leaves an empty draft out rather than sending an empty value', () => {
    const input = labelOf(editModal(1, '   ')).component as APITextInputComponent;
    expect(input.value).toBeUndefined();
  });

  it('the reject modal requires a reason', () => {
    const modal = rejectModal(42);
    expect(modal.custom_id).toBe('triage:reject-modal:42');
    const label = labelOf(modal);
    expect(label.component).toMatchObject({ type: 4, custom_id: CUSTOM_IDS.reasonInput, style: 2, required: true, min_length: 1, max_length: REJECT_REASON_MAX });
    expect((label.component as APITextInputComponent).placeholder?.length ?? 0).toBeLessThanOrEqual(L.textInputPlaceholder);
  });
});

describe('custom ids', () => {
  const bases = [CUSTOM_IDS.approve, CUSTOM_IDS.edit, CUSTOM_IDS.reject, CUSTOM_IDS.escalate, CUSTOM_IDS.editModal, CUSTOM_IDS.rejectModal];

  it('round-trips every base with small and huge ticket ids, within 100 characters', () => {
    for (const base of bases) {
      for (const ticketId of [1, 42, 2 ** 53 - 1]) {
        const id = customId(base, ticketId);
        expect(id.length).toBeLessThanOrEqual(L.customId);
        expect(parseCustomId(id)).toEqual({ base, ticketId });
      }
    }
    expect(customId(CUSTOM_IDS.approve, 42)).toBe('triage:approve:42');
  });

  it('rejects ids that are not ours or not a ticket', () => {
    for (const bad of ['', 'triage:approve', 'triage:approve:', 'triage:approve:0', 'triage:approve:-1', 'triage:approve:042', 'triage:approve:4.2', 'triage:approve:abc', 'triage:approve:42:1', 'triage:other:42', 'draft:42', 'reason', 'triage:approve:9007199254740993', ' triage:approve:42']) {
      expect(parseCustomId(bad), bad).toBeNull();
    }
  });

  it('refuses to build an id Discord would reject', () => {
    expect(() => customId(CUSTOM_IDS.approve, 0)).toThrow(RangeError);
    expect(() => customId(CUSTOM_IDS.approve, 1.5)).toThrow(RangeError);
    expect(() => customId(CUSTOM_IDS.approve, Number.NaN)).toThrow(RangeError);
    expect(() => customId('has space', 1)).toThrow(RangeError);
    expect(() => customId('x'.repeat(99), 1)).toThrow(RangeError);
  });
});

describe('reply payloads', () => {
  it('splits within 2,000 characters, pings no one and breaks mentions', () => {
    const text = `Hi @everyone <@1130000000000000007>!\n\n${'All good now. '.repeat(400)}`;
    const payloads = replyPayloads(text, 'ticket-42:draft-7');
    expect(payloads.length).toBeGreaterThan(2);
    for (const payload of payloads) {
      expect(payload.content.length).toBeGreaterThan(0);
      expect(payload.content.length).toBeLessThanOrEqual(L.messageContent);
      expect(payload.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(payload.enforce_nonce).toBe(true);
      expect(payload.content).not.toMatch(MENTION_TOKEN);
      expect(payload.content).not.toMatch(BARE_EVERYONE);
    }
    expect(payloads.map((p) => p.content).join(' ').replaceAll(ZERO_WIDTH_SPACE, '').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    // Markdown in the reply is kept: the customer reads it formatted.
    expect(replyPayloads('**Done**', 'k')[0]?.content).toBe('**Done**');
  });

  it('gives each chunk a nonce of at most 25 characters, stable per key and chunk, distinct otherwise', () => {
    const text = 'word '.repeat(1_000);
    const first = replyPayloads(text, 'ticket-42:draft-7').map((p) => p.nonce);
    const again = replyPayloads(text, 'ticket-42:draft-7').map((p) => p.nonce);
    const other = replyPayloads(text, 'ticket-42:draft-8').map((p) => p.nonce);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    for (const nonce of [...first, ...other]) expect(nonce.length).toBeLessThanOrEqual(L.nonce);
    for (const nonce of other) expect(first).not.toContain(nonce);
    expect(replyNonce('x'.repeat(10_000), 0)).toHaveLength(25);
    expect(replyNonce('k', 0)).not.toBe(replyNonce('k', 1));
    // The key and index are kept apart: ('a1', 0) is not ('a', 10).
    expect(replyNonce('a1', 0)).not.toBe(replyNonce('a', 10));
  });

  it('sends nothing for blank text', () => {
    expect(replyPayloads(' \n ', 'k')).toEqual([]);
  });
});

describe('/triage', () => {
  it('defines status (required integer ticket) and today, guild-only, within command limits', () => {
    expect(TRIAGE_COMMAND).toMatchObject({
      name: 'triage',
      contexts: [0],
      options: [
        { type: 1, name: 'status', options: [{ type: 4, name: 'ticket', required: true, min_value: 1 }] },
        { type: 1, name: 'today' },
      ],
    });
    const check = (node: { name: string; description: string; options?: unknown[] }) => {
      expect(node.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(node.description.length).toBeGreaterThan(0);
      expect(node.description.length).toBeLessThanOrEqual(L.commandDescription);
      expect(node.options?.length ?? 0).toBeLessThanOrEqual(L.commandOptions);
      for (const option of (node.options ?? []) as { name: string; description: string }[]) check(option);
    };
    check(TRIAGE_COMMAND);
  });

  it('status text is escaped, complete and fits one message', () => {
    const text = statusText(outcome({}, { summary: ATTACK, customerName: '<@1130000000000000007> **boss**' }));
    expect(text).toContain('**Ticket #42** · awaiting_review');
    expect(text).toContain('why: refund requested, low model confidence');
    expect(text).toContain('$0.004210');
    expect(text).toContain('\\*\\*boss\\*\\*');
    expect(text).not.toMatch(MENTION_TOKEN);
    expect(text).not.toMatch(BARE_EVERYONE);
    const huge = statusText(outcome({}, { summary: 'x '.repeat(5_000), statusReason: 'y'.repeat(5_000), customerName: 'z'.repeat(5_000) }));
    expect(huge.length).toBeLessThanOrEqual(L.messageContent);
    expect(huge).toContain('Summary:');
  });

  it('today text lists urgencies and statuses in order and the spend', () => {
    const text = todayText({ tickets: 12, byUrgency: { low: 2, urgent: 1, high: 3, normal: 6 }, byStatus: { sent: 5, awaiting_review: 4, weird_status: 1, closed: 0 }, costUsd: 0.0421 });
    expect(text).toContain('12 tickets · spend $0.0421');
    expect(text).toContain('Urgency: urgent 1 · high 3 · normal 6 · low 2');
    expect(text).toContain('Status: awaiting\\_review 4 · sent 5 · weird\\_status 1');
    expect(text).not.toContain('closed');
    expect(todayText({ tickets: 1, byUrgency: {}, byStatus: {}, costUsd: 0 })).toContain('1 ticket · spend $0.000000');
  });

  it('today text names the zone and, with caps set, the budget level and caps', () => {
    const text = todayText({ tickets: 3, byUrgency: {}, byStatus: {}, costUsd: 1.7, timeZone: 'Europe/Berlin', budget: { level: 'economy', alertThreshold: 0.8, urgentReserve: 0.1, daily: { period: 'daily', periodKey: '2026-11-24', capUsd: 2, spentUsd: 1.7, leftUsd: 0.3, usedFraction: 0.85, level: 'economy' }, monthly: null } });
    expect(text).toContain('since 00:00 Europe/Berlin');
    // Discord markdown: parentheses escaped.
    expect(text).toContain('Budget: Economy · Daily $1.70 of $2.00 \\(85%\\) · $0.30 left');
    expect(todayText({ tickets: 3, byUrgency: {}, byStatus: {}, costUsd: 1.7, budget: null })).not.toContain('Budget');
  });
});

describe('reason labels shared by the adapters', () => {
  it('has words for every reason code and route, and a readable fallback', () => {
    for (const code of REASON_CODES) expect(REASON_LABELS[code].length).toBeGreaterThan(0);
    for (const route of ROUTES) expect(ROUTE_LABELS[route].length).toBeGreaterThan(0);
    expect(reasonLabel('risk_refund')).toBe('refund requested');
    expect(reasonLabel('brand_new_reason')).toBe('brand new reason');
    expect(reasonLabel('constructor')).toBe('constructor');
    expect(reasonsText([])).toBe('no reason recorded');
    expect(routeLabel('flagship_review')).toBe('flagship review, then human');
    expect(routeLabel('teleport')).toBe('teleport');
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
