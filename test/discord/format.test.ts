/**
 * Review cards as Discord messages: escaping (no pings, no formatting, no
 * masked links from customer or model text), Discord's size limits on every
 * part of a message (including the 6,000 characters of all embeds
 * together), which buttons a review card offers, and how resolved and info
 * cards read. Cards come from `cardFor` (src/present/card.ts), as the desk
 * builds them.
 */
import type { RESTPatchAPIChannelMessageJSONBody, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { discordCard, embedLength, threadUrl, urgencyColour, type DiscordCardMessage } from '../../adapters/discord/format.js';
import { DISCORD_LIMITS } from '../../adapters/discord/limits.js';
import { ZERO_WIDTH_SPACE } from '../../adapters/discord/markdown.js';
import { REASON_CODES, type TicketOutcome } from '../../src/domain/index.js';
import { cardFor } from '../../src/present/card.js';
import type { Resolution } from '../../src/present/outcome-view.js';
import { infoCardOf, resolvedCardOf, reviewCardOf } from '../support/card-states.js';
import {
  ATTACK,
  BARE_EVERYONE,
  CUSTOMER,
  LONE_SURROGATE,
  MENTION_TOKEN,
  REVIEWER,
  THREAD_URL,
  allText,
  buttonsOf,
  outcome,
  shownDraft,
  texts,
  unescape,
} from './fixtures.js';

const L = DISCORD_LIMITS;

/** The same facts as a card in each state, rendered: waiting for review, after any resolution, or for information only. */
const reviewMessage = (o: TicketOutcome, options?: { threadUrl?: string }): DiscordCardMessage => discordCard(reviewCardOf(o), options);
const resolvedMessage = (o: TicketOutcome, resolution: Resolution): DiscordCardMessage => discordCard(resolvedCardOf(o, resolution));
const infoMessage = (o: TicketOutcome): DiscordCardMessage => discordCard(infoCardOf(o));

// Compile-time: what format.ts returns is what Discord's REST API takes.
const _postReview: RESTPostAPIChannelMessageJSONBody = reviewMessage(outcome());
const _patchResolved: RESTPatchAPIChannelMessageJSONBody = resolvedMessage(outcome(), { actorId: REVIEWER, action: 'approve', at: new Date() });

describe('review card', () => {
  it('escapes customer and model text everywhere: no pings, no formatting, no masked links', () => {
    const hostile = outcome(
      {
        draft: { id: 1, reply: ATTACK, language: 'en', confidence: 0.5, source: '**mini**' },
        fields: { orderIds: ['<@&1150000000000000001>'], accountIds: ['@everyone'], emails: ['[x](https://evil.example)'], products: ['||p||'], amounts: [] },
        secondOpinion: { verdict: 'human', rationale: ATTACK, rewrittenReply: null, tier: 'flagship' },
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
        secondOpinion: { verdict: 'rewrite', rationale: draft, rewrittenReply: draft, tier: 'flagship' },
        fields: { orderIds: Array.from({ length: 500 }, (_, i) => `ORDER-${i}`), accountIds: [draft], emails: [draft], products: [draft], amounts: [{ value: 1e21, currency: draft }] },
        lastHumanReview: { reviewerId: REVIEWER, action: 'reject', reason: draft, at: new Date() },
        decision: { route: 'human_review', reasons: [...REASON_CODES, ...REASON_CODES], decidedBy: 'nano' },
      },
      { id: 2 ** 53 - 1, summary: draft, customerName: 'N'.repeat(5_000), statusReason: draft },
    );
    const messages: DiscordCardMessage[] = [
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
    const review = messages[0] as DiscordCardMessage;
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
      secondOpinion: { verdict: 'approve', rationale: 'Policy allows a refund under 50 EUR.', rewrittenReply: null, tier: 'flagship' },
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
    // As Discord shows it (the facts are plain text, escaped like any other).
    for (const expected of ['Ana Lima', `<@${CUSTOMER}>`, '🟠 high', 'refund', 'A-5521', 'ana@example.com', '49.9 EUR', 'human review (by nano)', 'refund requested, low model confidence', '$0.0042', 'Sorry about the double charge', '0.82 · risk: refund']) {
      expect(unescape(text)).toContain(expected);
    }
    expect(message.embeds[0]?.fields?.find((f) => f.name === 'Route')?.value).toBe('human review \\(by nano\\)');
    expect(message.embeds[0]?.fields?.find((f) => f.name === 'Cost so far')?.value).toBe('$0.0042');
    expect(message.content).toBe('**Ticket #42** needs review · high · refund · from Ana Lima (1130000000000000001)');
    expect(message.embeds[0]?.description).toBe('>>> Customer was charged twice for order A\\-5521 and wants a refund.'.replace('\\-', '-'));
    expect(message.embeds[0]?.timestamp).toBe('2024-03-01T10:00:00.000Z');
  });

  it('shows what offline calls would cost on the configured models, labelled as an estimate, when nothing was billed', () => {
    const message = reviewMessage(outcome({ costUsd: 0, estimatedCostUsd: 0.00231 }));
    expect(message.embeds[0]?.fields?.find((f) => f.name === 'Cost so far')?.value).toBe('$0.00 \\(about $0.0023 on the configured models, estimated\\)');
  });

  it('colours by urgency', () => {
    expect(reviewMessage(outcome()).embeds[0]?.color).toBe(urgencyColour('high'));
    const urgent = outcome({ classification: { ...outcome().classification!, urgency: 'urgent' } });
    expect(reviewMessage(urgent).embeds[0]?.color).toBe(0xed4245);
    const colours = new Set((['urgent', 'high', 'normal', 'low', null] as const).map(urgencyColour));
    expect(colours.size).toBe(5);
  });
});

describe('resolved and info cards', () => {
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
    const card = cardFor(sent);
    expect(card.state).toBe('info');
    const message = discordCard(card);
    expect(message.components).toEqual([]);
    expect(message.content).toContain('sent automatically');
    expect(message.embeds[0]?.footer?.text).toContain('no action needed');
  });
});


describe('cards as cardFor builds them', () => {
  const at = new Date('2024-03-01T10:05:00Z');

  it('an approved ticket: green, who and when, the reply under its own heading, no buttons', () => {
    const approved = outcome({ lastHumanReview: { reviewerId: REVIEWER, action: 'approve', reason: null, at } }, { status: 'sent' });
    const message = discordCard(cardFor(approved));
    expect(message.content).toBe(`**Ticket #42** · Approved by <@${REVIEWER}> <t:1709287500:R>`);
    expect(message.components).toEqual([]);
    expect(message.embeds[0]?.color).toBe(0x57f287);
    expect(message.embeds[0]?.title).toBe('Ticket #42 · approved');
    expect(message.embeds[0]?.fields?.find((f) => f.name === 'Resolution')?.value).toBe(`Approved by <@${REVIEWER}> <t:1709287500:R>`);
    expect(message.embeds[1]?.title).toBe('Reply · mini · en · confidence 0.80');
    expect(message.embeds[0]?.footer?.text).toBe('Ticket #42 · status sent · decided by nano');
  });

  it('a failed ticket: red, the reason escaped, nobody mentioned', () => {
    const failed = outcome({}, { status: 'failed', statusReason: 'delivery_failed: discord 50001 **@here**' });
    const message = discordCard(cardFor(failed));
    expect(message.embeds[0]?.color).toBe(0xed4245);
    expect(message.content).toMatch(/^\*\*Ticket #42\*\* · Failed <t:\d+:R>$/);
    expect(allText(message)).toContain(`delivery\\_failed: discord 50001 \\*\\*@${ZERO_WIDTH_SPACE}here\\*\\*`);
    // The customer's own mention is ours; nothing else may mention anyone.
    expect(allText(message).replaceAll(`<@${CUSTOMER}>`, '')).not.toMatch(MENTION_TOKEN);
  });

  it('a rejected ticket shows the draft as the rejected one', () => {
    const rejected = outcome({ lastHumanReview: { reviewerId: REVIEWER, action: 'reject', reason: 'spam', at } }, { status: 'closed' });
    const message = discordCard(cardFor(rejected));
    expect(message.embeds[0]?.color).toBe(0x95a5a6);
    expect(message.embeds[1]?.title).toMatch(/^Rejected draft · /);
    expect(message.content).toContain('Rejected by');
    expect(allText(message)).toContain(' — spam');
  });

  it('a ticket still waiting after an escalation shows the last action and the second opinion', () => {
    const waiting = outcome({
      lastHumanReview: { reviewerId: REVIEWER, action: 'escalate', reason: 'check **policy**', at },
      secondOpinion: { verdict: 'human', rationale: 'Refunds over 40 EUR need a person @everyone.', rewrittenReply: null, tier: 'flagship' },
    });
    const card = cardFor(waiting);
    expect(card.state).toBe('review');
    const message = discordCard(card);
    const fields = message.embeds[0]?.fields ?? [];
    expect(fields.find((f) => f.name === 'Last action')?.value).toBe(`escalated by <@${REVIEWER}> <t:1709287500:R> — check \\*\\*policy\\*\\*`);
    expect(fields.find((f) => f.name === 'Second opinion (flagship)')?.value).toBe(`**human** — Refunds over 40 EUR need a person @${ZERO_WIDTH_SPACE}everyone.`);
    // The flagship has had its say: no Escalate.
    expect(buttonsOf(message).map((b) => ('custom_id' in b ? b.custom_id : null))).toEqual(['triage:approve:42', 'triage:edit:42', 'triage:reject:42']);
  });

  it('lists the sources a draft was written from, escaped, keeping only http(s) links', () => {
    const card = {
      ...cardFor(outcome()),
      sources: [
        { title: 'Refunds **policy** @everyone', location: 'kb/refunds.md#double-charges', url: 'https://docs.example/refunds' },
        { title: '[click](https://evil.example)', location: '<@&1150000000000000001>', url: 'javascript:alert(1)' },
      ],
    };
    const sources = discordCard(card).embeds[0]?.fields?.find((f) => f.name === 'Sources')?.value ?? '';
    expect(sources.split('\n')).toEqual([
      `Refunds \\*\\*policy\\*\\* @${ZERO_WIDTH_SPACE}everyone · kb/refunds.md\\#double-charges · https://docs.example/refunds`,
      `\\[click\\]\\(https://evil.example\\) · <${ZERO_WIDTH_SPACE}@&1150000000000000001\\>`,
    ]);
    expect(JSON.stringify(discordCard(card))).not.toContain('javascript');
    expect(discordCard(cardFor(outcome())).embeds[0]?.fields?.some((f) => f.name === 'Sources')).toBe(false);
  });

  it('every fact of the card is a field, in the card’s order, after the customer', () => {
    const card = cardFor(outcome());
    const names = (discordCard(card).embeds[0]?.fields ?? []).map((f) => f.name);
    expect(names.slice(0, card.facts.length + 1)).toEqual(['Customer', ...card.facts.map((fact) => fact.label)]);
    expect(names).toEqual(['Customer', 'Urgency', 'Category', 'Language · sentiment', 'Route', 'Cost so far', 'Confidence', 'Why', 'Extracted']);
  });
});
