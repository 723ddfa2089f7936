/**
 * fast-check generators and oracles shared by the property tests: what a
 * customer (or a model talked into it) could write, and how to tell whether
 * a platform would turn our output into a ping, a channel link or a
 * disguised link.
 *
 * Every property runs with a fixed seed (`PROPERTY`) so a failure replays;
 * fast-check prints the seed and the shrunk counterexample when one fails.
 */
import fc from 'fast-check';
import {
  CATEGORIES,
  MODEL_TIERS,
  REASON_CODES,
  REVIEW_VERDICTS,
  RISK_FLAGS,
  ROUTES,
  SENTIMENTS,
  TICKET_STATUSES,
  URGENCIES,
  type Decision,
  type ReasonCode,
  type ReviewActionKind,
  type Ticket,
  type TicketOutcome,
} from '../../src/domain/index.js';

/** Fixed seeds and run counts: fast enough for the whole suite to stay well under 20 s. */
export const PROPERTY = {
  quick: (seed: number) => ({ seed, numRuns: 300 }),
  heavy: (seed: number) => ({ seed, numRuns: 60 }),
} as const;

/** Characters that render as nothing (see src/domain/visible-text.ts). */
export const INVISIBLES = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u061c', '\u115f', '\u1160', '\u17b4', '\u17b5',
  '\u180b', '\u180e', '\u200e', '\u200f', '\u202a', '\u202e', '\u2061', '\u2064', '\u2066', '\u2069', '\u2800', '\u3164',
  '\ufe00', '\ufe0f', '\uffa0', '\u{e0001}', '\u{e0041}', '\u{e0100}', '\u{e01ef}', '\u{1d173}',
  ' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\u2028', '\u0000', '\u0007', '\u007f',
] as const;

export const invisible = fc.constantFrom(...INVISIBLES);
export const invisibleText = fc.array(invisible, { maxLength: 20 }).map((parts) => parts.join(''));

/** What Slack's wire format and Slack users use to ping, link and disguise. */
export const SLACK_ATTACKS = [
  '<!channel>', '<!here>', '<!everyone>', '<!here|here>', '<@U123>', '<@U123|ana>', '<@W0ADMIN>', '<#C123>', '<#C123|general>',
  '<!subteam^S1>', '<!subteam^S1|@ops>', '<http://evil.example|bank>', '<https://evil.example>', '<mailto:a@evil.example|support>',
  '<!date^1700000000^{date}|today>', '@channel', '@here', '@everyone', '@Channel', '@HERE', '&lt;!channel&gt;', '&amp;', '&', '<', '>', '|',
  '*bold*', '_it_', '~gone~', '`code`', '```block```', '> quote', 'me@here.com', '@heretic',
] as const;

/** What Discord users use to ping, link, disguise and restyle. */
export const DISCORD_ATTACKS = [
  '@everyone', '@here', '@Everyone', '<@123>', '<@!123>', '<@&123>', '<#123>', '<@1130000000000000007>', '<@&1150000000000000001>',
  '</triage status:1180000000000000001>', '<id:customize>', '<id:browse>', '[text](http://evil)', '[bank](<https://evil.example>)',
  '[](@everyone)', '[x](https://evil.example "title")', 'http://ok.example/[a](http://evil.example)', 'https://ok.example/path_(x)',
  '||spoiler||', '**bold**', '__under__', '~~strike~~', '# heading', '-# subtext', '- item', '1. item', '> quote', '>>> quote',
  '```code```', '`tick`', '\\', '\\*', '\\[', '<t:1700000000:R>', '<:emoji:123>', 'me@here.com', '@heretic',
] as const;

const separators = fc.constantFrom(' ', '\n', '', 'x', '_', '.', '(', ')', '[', ']', '!', '-', '*', ':', '\\', 'é', '𝐀', '😀');

/** A fragment with an invisible character slipped between two of its letters (`@e\u200bveryone`). */
function withInvisible(fragments: readonly string[]) {
  return fc.tuple(fc.constantFrom(...fragments), fc.nat(), invisible).map(([fragment, at, zw]) => {
    const cut = fragment.length === 0 ? 0 : at % fragment.length;
    return fragment.slice(0, cut) + zw + fragment.slice(cut);
  });
}

/**
 * Text a customer could write: arbitrary Unicode, and mixes of attack
 * fragments (in any letter case, with invisible characters inside) with
 * separators and ordinary text.
 */
export function customerText(fragments: readonly string[], maxParts = 12): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fragments) },
    { weight: 1, arbitrary: fc.mixedCase(fc.constantFrom(...fragments)) },
    { weight: 1, arbitrary: withInvisible(fragments) },
    { weight: 3, arbitrary: separators },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    { weight: 1, arbitrary: invisible },
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
    { weight: 4, arbitrary: fc.array(part, { maxLength: maxParts }).map((parts) => parts.join('')) },
  );
}

/**
 * Text about `around` code units long, with an attack fragment placed after
 * a long run (with or without spaces), so cuts and chunk boundaries land
 * next to it.
 */
export function longText(fragments: readonly string[], around: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: Math.max(0, around - 16), max: around + 4 }),
      fc.constantFrom('a', 'a', 'é', '𝐀', 'a ', 'ab. ', '😀', '\\', '&', '_', ';'),
      fc.array(fc.oneof(fc.constantFrom(...fragments), separators), { minLength: 1, maxLength: 4 }),
    )
    // The run is cut to length without leaving half a surrogate pair behind.
    .map(([length, unit, tail]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length).replace(/[\ud800-\udbff]$/, '') + tail.join(''));
}

// ── Oracles ──────────────────────────────────────────────────────────────

/**
 * A bare broadcast Slack could turn into a notification: `@here`,
 * `@channel`, `@everyone` not inside a word (the rule the escaping follows;
 * `me@here.com` mentions no one).
 */
export const SLACK_BARE_BROADCAST = /(^|[^\p{L}\p{N}_])@(here|channel|everyone)(?![\p{L}\p{N}_])/iu;

/**
 * The same for Discord's `@everyone` and `@here`, where `_` is no part of a
 * word: Discord's parser stops at it, and escaping turns `@everyone_` into
 * `@everyone\_`.
 */
export const DISCORD_BARE_BROADCAST = /(^|[^\p{L}\p{N}])@(everyone|here)(?![\p{L}\p{N}])/iu;

/** Discord tokens that ping or link: users, roles, channels, slash commands, guild navigation. */
export const DISCORD_MENTION_TOKEN = /<(?:@[!&]?\d|#\d|\/[^\s>]+:\d|id:)/;

/** Discord's autolink (simple-markdown's url rule): bare links show their real target. */
const DISCORD_BARE_URL = /^https?:\/\/[^\s<]+[^<.,:;"')\]\s]/;

/**
 * Where Discord would render a masked link: a `[` that is neither escaped
 * nor inside a bare link, followed later by `](`. Returns the offending
 * index, or -1. A `[` inside an autolinked URL belongs to the URL.
 */
export function discordMaskedLinkAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (char === 'h') {
      const url = DISCORD_BARE_URL.exec(text.slice(i));
      if (url) {
        i += url[0].length - 1;
        continue;
      }
    }
    if (char === '[' && /^\[[^]*?\]\(/.test(text.slice(i))) return i;
  }
  return -1;
}

/** Every string inside a JSON-like value (texts of blocks, embeds, payloads). */
export function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

// ── Ticket outcomes ──────────────────────────────────────────────────────

/**
 * A ticket outcome whose every free-text field (customer name and id,
 * summary, status reason, model language and source, extracted fields, the
 * draft, the flagship's rationale, a reviewer's reason, unknown reason codes)
 * comes from `text`; enums stay within their types. `ids` are the customer
 * and reviewer ids to draw from (platform-shaped or hostile).
 */
export function outcomeArbitrary(text: fc.Arbitrary<string>, ids: { customers: readonly string[]; reviewers: readonly string[] }): fc.Arbitrary<TicketOutcome> {
  const at = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
  const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });
  const urgency = fc.constantFrom(...URGENCIES);
  const category = fc.constantFrom(...CATEGORIES);
  const sentiment = fc.constantFrom(...SENTIMENTS);
  const reasons = fc.array(fc.oneof(fc.constantFrom(...REASON_CODES), text.map((code) => code as ReasonCode)), { maxLength: 4 });
  const list = fc.array(text, { maxLength: 3 });
  const ticket = fc.record({
    id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    platform: fc.constantFrom('slack', 'discord', 'console') as fc.Arbitrary<Ticket['platform']>,
    channelId: fc.constantFrom('C0SUPPORT', '1100000000000000001'),
    threadId: fc.constantFrom('1700000000.000100', '1300000000000000640'),
    customerId: fc.oneof(fc.constantFrom(...ids.customers), text),
    customerName: maybe(text),
    subject: maybe(text),
    status: fc.constantFrom(...TICKET_STATUSES),
    urgency: maybe(urgency),
    category: maybe(category),
    language: maybe(text),
    sentiment: maybe(sentiment),
    summary: maybe(text),
    statusReason: maybe(text),
    round: fc.integer({ min: 1, max: 5 }),
    createdAt: at,
    updatedAt: at,
  });
  return fc.record({
    ticket: ticket.map((t) => t as Ticket),
    classification: maybe(
      fc.record({
        urgency,
        category,
        language: text,
        sentiment,
        riskFlags: fc.uniqueArray(fc.constantFrom(...RISK_FLAGS), { maxLength: 3 }),
        needsReply: fc.boolean(),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    ),
    fields: maybe(
      fc.record({
        orderIds: list,
        accountIds: list,
        emails: list,
        products: list,
        amounts: fc.array(fc.record({ value: fc.double({ min: 0, max: 1e9, noNaN: true }), currency: maybe(text) }), { maxLength: 2 }),
      }),
    ),
    decision: fc.record({ route: fc.constantFrom(...ROUTES), reasons, decidedBy: fc.constantFrom('nano', 'mini', 'flagship', 'policy') as fc.Arbitrary<Decision['decidedBy']> }),
    draft: maybe(fc.record({ id: fc.nat(), reply: text, language: text, confidence: fc.double({ min: 0, max: 1, noNaN: true }), source: text })),
    secondOpinion: maybe(fc.record({ verdict: fc.constantFrom(...REVIEW_VERDICTS), rationale: text, rewrittenReply: maybe(text), tier: fc.constantFrom(...MODEL_TIERS) })),
    lastHumanReview: maybe(
      fc.record({
        reviewerId: fc.oneof(fc.constantFrom(...ids.reviewers), text),
        action: fc.constantFrom('approve', 'edit', 'reject', 'escalate') as fc.Arbitrary<ReviewActionKind>,
        reason: maybe(text),
        at,
      }),
    ),
    // Zero often: a ticket with nothing billed is where the estimate is shown.
    costUsd: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1_000, noNaN: true })),
    estimatedCostUsd: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1_000, noNaN: true })),
  });
}
