/**
 * Discord's outbound side under generated input: whatever a customer or a
 * model writes, the markdown we put in review cards, command answers and
 * replies forms no user, role or channel mention, no bare `@everyone` /
 * `@here`, and no masked link `[label](url)`; every message carries
 * `allowed_mentions` that ping no one; everything stays within Discord's
 * limits; ids round-trip; and splitting keeps every character, in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_IDS, customId, parseCustomId } from '../../adapters/discord/custom-ids.js';
import { discordCard, embedLength, type DiscordCardMessage } from '../../adapters/discord/format.js';
import { DISCORD_LIMITS as L, splitMessage, truncate } from '../../adapters/discord/limits.js';
import { ZERO_WIDTH_SPACE, escapeDiscordMarkdown, neutraliseMentions, safeText } from '../../adapters/discord/markdown.js';
import { replyPayloads } from '../../adapters/discord/replies.js';
import { discordText } from '../../adapters/discord/rich-text.js';
import { statusText, todayText } from '../../src/desk/desk-texts.js';
import { URGENCIES } from '../../src/domain/index.js';
import { cardFor, type CardSource } from '../../src/present/card.js';
import type { RichText, Span } from '../../src/present/rich-text.js';
import {
  DISCORD_ATTACKS,
  DISCORD_BARE_BROADCAST,
  DISCORD_MENTION_TOKEN,
  PROPERTY,
  customerText,
  discordMaskedLinkAt,
  longText,
  outcomeArbitrary,
} from '../support/arbitraries.js';
import { expectFaithfulSplit } from '../support/split-checks.js';
import { infoCardOf, resolvedCardOf, reviewCardOf } from '../support/card-states.js';
import { texts as rendered } from './fixtures.js';

const CUSTOMER = '1130000000000000001';
const REVIEWER = '1130000000000000009';
const THREAD_URL = 'https://discord.com/channels/1100000000000000001/1213063181107200000';
const TICKET_BASES = [CUSTOM_IDS.approve, CUSTOM_IDS.edit, CUSTOM_IDS.reject, CUSTOM_IDS.escalate, CUSTOM_IDS.editModal, CUSTOM_IDS.rejectModal];

const text = customerText(DISCORD_ATTACKS);
const outcome = outcomeArbitrary(text, { customers: [CUSTOMER, '42', '<@&1150000000000000001>'], reviewers: [REVIEWER, 'bot', '@everyone'] });
const resolution = fc.record(
  {
    actorId: fc.oneof(fc.constantFrom(REVIEWER, 'bot', '<@1130000000000000007>'), text),
    action: fc.constantFrom('approve', 'edit', 'reject', 'escalate', 'auto_send', 'closed', 'failed') as fc.Arbitrary<'approve'>,
    at: fc.date({ noInvalidDate: true }),
    detail: text,
  },
  { requiredKeys: ['actorId', 'action', 'at'] },
);

const sources: fc.Arbitrary<CardSource[]> = fc.array(
  fc.record({ title: text, location: text, url: fc.option(fc.oneof(fc.webUrl(), text), { nil: undefined }) }, { requiredKeys: ['title', 'location'] }),
  { maxLength: 4 },
);

const span: fc.Arbitrary<Span> = fc.oneof(
  text,
  text.map((t) => ({ strong: t })),
  text.map((t) => ({ code: t })),
  fc.constantFrom(...URGENCIES).map((urgency) => ({ urgency })),
  fc.oneof(fc.constantFrom(REVIEWER, 'bot'), text).map((user) => ({ user })),
);
const richText: fc.Arbitrary<RichText> = fc.array(fc.oneof(fc.array(span, { maxLength: 6 }).map((line) => ({ line })), text.map((quote) => ({ quote }))), { maxLength: 8 });

/** Our own tokens: the customer's and the acting reviewer's mention (snowflakes only) and `<t:…:R>`. */
function withoutOurTokens(piece: string, ids: readonly string[]): string {
  let rest = piece;
  for (const id of ids) if (/^\d{17,20}$/.test(id)) rest = rest.replaceAll(`<@${id}>`, '');
  return rest;
}

function expectNoPingsOrDisguises(pieces: readonly string[], ours: readonly string[] = []): void {
  for (const piece of pieces) {
    const rest = withoutOurTokens(piece, ours);
    expect(rest, piece).not.toMatch(DISCORD_MENTION_TOKEN);
    expect(piece).not.toMatch(DISCORD_BARE_BROADCAST);
    expect(discordMaskedLinkAt(piece), piece).toBe(-1);
  }
}

function expectWithinLimits(message: DiscordCardMessage): void {
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
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(L.embedFieldValue);
    }
  }
  expect(message.components.length).toBeLessThanOrEqual(L.actionRowsPerMessage);
  expect(message.allowed_mentions).toEqual({ parse: [] });
}

describe('Discord markdown, properties', () => {
  it('safeText leaves no mention, no bare broadcast and no masked link', () => {
    fc.assert(
      fc.property(text, (written) => expectNoPingsOrDisguises([safeText(written)])),
      PROPERTY.quick(601),
    );
  });

  it('neutraliseMentions breaks every mention and only inserts zero-width spaces', () => {
    fc.assert(
      fc.property(text, (written) => {
        const neutral = neutraliseMentions(written);
        expect(neutral).not.toMatch(DISCORD_MENTION_TOKEN);
        expect(neutral).not.toMatch(DISCORD_BARE_BROADCAST);
        fc.pre(!written.includes(ZERO_WIDTH_SPACE));
        expect(neutral.replaceAll(ZERO_WIDTH_SPACE, '')).toBe(written);
      }),
      PROPERTY.quick(602),
    );
  });

  it('escapeDiscordMarkdown only adds backslashes: removing them gives back the text', () => {
    fc.assert(
      fc.property(text, (written) => {
        fc.pre(!/https?:\/\//.test(written));
        expect(escapeDiscordMarkdown(written).replace(/\\([\s\S])/g, '$1')).toBe(written);
      }),
      PROPERTY.quick(603),
    );
  });
});

describe('Discord messages, properties', () => {
  it('review, resolved and info cards: no pings or disguised links, allowed_mentions empty, within limits, ids round-trip', () => {
    fc.assert(
      fc.property(outcome, resolution, fc.boolean(), sources, (o, r, linked, cited) => {
        // Every outcome's facts as a card waiting for review (with buttons), as `cardFor` sees it, after any resolution, and for information.
        const review = discordCard({ ...reviewCardOf(o), sources: cited }, linked ? { threadUrl: THREAD_URL } : undefined);
        const natural = discordCard({ ...cardFor(o), sources: cited });
        const resolved = discordCard({ ...resolvedCardOf(o, r), sources: cited });
        const info = discordCard({ ...infoCardOf(o), sources: cited });
        const ours = [o.ticket.customerId, o.lastHumanReview?.reviewerId ?? '', r.actorId];
        expect(review.components).toHaveLength(1);
        for (const message of [review, natural, resolved, info]) {
          expectNoPingsOrDisguises(rendered(message), ours);
          expectWithinLimits(message);
        }
        for (const button of review.components.flatMap((row) => row.components)) {
          if (!('custom_id' in button)) continue;
          expect(button.custom_id.length).toBeLessThanOrEqual(L.customId);
          expect(parseCustomId(button.custom_id)?.ticketId).toBe(o.ticket.id);
        }
      }),
      PROPERTY.heavy(604),
    );
  });

  it('/triage answers stay safe and within one message', () => {
    const counts = fc.dictionary(fc.oneof(text, fc.constantFrom('urgent', 'sent')), fc.nat({ max: 10_000 }), { maxKeys: 6 });
    fc.assert(
      fc.property(outcome, counts, counts, text, (o, byUrgency, byStatus, timeZone) => {
        const today = todayText({ since: new Date(0), tickets: 3, byUrgency, byStatus, costUsd: 0.5, timeZone, budget: null });
        for (const answer of [discordText(statusText(o)), discordText(today)]) {
          expect(answer.length).toBeLessThanOrEqual(L.messageContent);
          expectNoPingsOrDisguises([answer]);
        }
      }),
      PROPERTY.heavy(605),
    );
  });

  it('any rich text the desk could say stays safe and within one message, whatever its spans hold', () => {
    fc.assert(
      fc.property(richText, fc.integer({ min: 1, max: L.messageContent }), (said, max) => {
        const answer = discordText(said, max);
        expect(answer.length).toBeLessThanOrEqual(max);
        // Only a user span may become a mention (and only for a real user id).
        const users = said.flatMap((block) => ('line' in block ? block.line : [])).flatMap((piece) => (typeof piece === 'object' && 'user' in piece ? [piece.user] : []));
        expectNoPingsOrDisguises([answer], users);
        expect(answer, 'half an escape').not.toMatch(/(^|[^\\])(\\\\)*\\(…|$)/);
      }),
      PROPERTY.quick(612),
    );
  });

  it('a reply: every chunk within 2,000, pinging no one, no masked link, and the text kept whole', () => {
    fc.assert(
      fc.property(fc.oneof(text, longText(DISCORD_ATTACKS, L.messageContent), longText(DISCORD_ATTACKS, 2 * L.messageContent)), fc.string(), (reply, key) => {
        const payloads = replyPayloads(reply, key);
        for (const payload of payloads) {
          expect(payload.content.length).toBeLessThanOrEqual(L.messageContent);
          expect(payload.allowed_mentions).toEqual({ parse: [], replied_user: false });
          expect(payload.nonce.length).toBeLessThanOrEqual(L.nonce);
          expectNoPingsOrDisguises([payload.content]);
        }
        // Only zero-width spaces are added (to break mentions and links): without them the chunks are the reply.
        fc.pre(!reply.includes(ZERO_WIDTH_SPACE));
        expectFaithfulSplit(reply, payloads.map((p) => p.content.replaceAll(ZERO_WIDTH_SPACE, '')), L.messageContent);
      }),
      PROPERTY.heavy(606),
    );
  });
});

describe('Discord regressions found by the properties', () => {
  it('`_` next to @everyone does not survive escaping as a bare broadcast', () => {
    // Found by "review, resolved and info messages…" (seed 604): a customer named '@everyone_' showed as 'from @everyone\_'.
    // Also "/triage answers…" (seed 605) with the time zone '@everyone__under__', and "escaped text split…" (seed 610) with '_@everyone'.
    for (const written of ['@everyone_', '@everyone__under__', '_@everyone', '__under__@everyone', '@here_x']) {
      expect(safeText(written), written).not.toMatch(DISCORD_BARE_BROADCAST);
      expect(neutraliseMentions(written).replaceAll(ZERO_WIDTH_SPACE, '')).toBe(written);
    }
    expect(safeText('@everyone_')).toBe(`@${ZERO_WIDTH_SPACE}everyone\\_`);
    // Addresses and longer words are still left alone.
    expect(neutraliseMentions('mail me@here.com or @heretic or @everyones')).toBe('mail me@here.com or @heretic or @everyones');
  });

  it('a reply cannot hide a link behind a label', () => {
    // Found by "a reply…" (seed 606): '[bank](<https://evil.example>)' was sent as a masked link.
    for (const reply of ['[bank](<https://evil.example>)', 'Pay here: [your invoice](https://evil.example/pay)', '[](@everyone)']) {
      const [payload] = replyPayloads(reply, 'k');
      expect(discordMaskedLinkAt(payload?.content ?? ''), reply).toBe(-1);
      expect(payload?.content.replaceAll(ZERO_WIDTH_SPACE, '')).toBe(reply);
    }
    expect(replyPayloads('**Done**, see [the docs]', 'k')[0]?.content).toBe('**Done**, see [the docs]');
  });

  it('a reply cut inside a long word never sends a bare @everyone on its own', () => {
    // The chunk-boundary bug the Slack reply property found (text-chunks.ts is shared): 'a' × 2,000 + '@everyone' sent '@everyone' alone.
    for (const reply of ['a'.repeat(L.messageContent) + '@everyone', 'a'.repeat(L.messageContent - 6) + ';@heretic']) {
      const contents = replyPayloads(reply, 'k').map((p) => p.content);
      expect(contents).toHaveLength(2);
      for (const content of contents) expect(content).not.toMatch(DISCORD_BARE_BROADCAST);
    }
  });
});

describe('Discord ids, properties', () => {
  it('parseCustomId inverts customId for every base and ticket id', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TICKET_BASES), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (base, ticketId) => {
        expect(parseCustomId(customId(base, ticketId))).toEqual({ base, ticketId });
      }),
      PROPERTY.quick(607),
    );
  });

  it('parseCustomId accepts nothing but what customId makes', () => {
    const candidate = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.tuple(fc.constantFrom(...TICKET_BASES, 'triage:other', ''), fc.constantFrom(':', '::', ': ', ''), fc.oneof(fc.string({ maxLength: 20 }), fc.bigInt().map(String), fc.double().map(String))).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(candidate, (id) => {
        const parsed = parseCustomId(id);
        if (parsed) expect(customId(parsed.base, parsed.ticketId)).toBe(id);
      }),
      PROPERTY.quick(608),
    );
  });
});

describe('Discord limits, properties', () => {
  it('splitMessage keeps every character in order, every chunk within the limit', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 400 })), fc.integer({ min: 2, max: 60 }), (written, max) => {
        expectFaithfulSplit(written, splitMessage(written, max), max);
      }),
      PROPERTY.quick(609),
    );
  });

  it('escaped text split at any limit: no chunk ends in half an escape or starts a bare broadcast', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 12, max: 60 }), (written, max) => {
        for (const chunk of splitMessage(safeText(written), max)) {
          expect(/\\+$/.exec(chunk)?.[0].length ?? 0, chunk).toSatisfy((n: number) => n % 2 === 0);
          expect(chunk).not.toMatch(DISCORD_BARE_BROADCAST);
          expect(chunk).not.toMatch(DISCORD_MENTION_TOKEN);
        }
      }),
      PROPERTY.quick(610),
    );
  });

  it('truncate returns a prefix within the limit, without half an escape or a surrogate pair', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 50 }), (written, max) => {
        const escaped = safeText(written);
        const cut = truncate(escaped, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        const kept = cut.endsWith('…') && cut !== escaped ? cut.slice(0, -1) : cut;
        expect(escaped.startsWith(kept.trimEnd())).toBe(true);
        expect(kept).not.toMatch(/[\ud800-\udbff]$/);
        expect((/\\+$/.exec(kept.trimEnd())?.[0].length ?? 0) % 2).toBe(0);
      }),
      PROPERTY.quick(611),
    );
  });
});
