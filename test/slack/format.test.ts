/**
 * Slack formatting: escaping (no pings, no fake links from customer or model
 * text), Slack's size limits on every field, which buttons a card offers,
 * the modals, and the splitting and truncating helpers.
 */
import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  CALLBACK_IDS,
  INPUT_IDS,
  editModal,
  rejectModal,
  slackCard,
  slackText,
  urgencyReaction,
} from '../../adapters/slack/format.js';
import { SLACK_LIMITS, splitMessage, truncate } from '../../adapters/slack/limits.js';
import { escapeMrkdwn, quote, slackToPlainText } from '../../adapters/slack/mrkdwn.js';
import { statusText, todayText } from '../../src/desk/desk-texts.js';
import { infoCardOf, resolvedCardOf, reviewCardOf } from '../support/card-states.js';
import { expectFaithfulSplit, random } from '../support/split-checks.js';
import { sampleOutcome } from '../support/sample-outcome.js';

type KnownBlock = types.KnownBlock;

const ATTACK = 'Hey <!channel> <!here> <!everyone> @here @channel ping <@U0ADMIN> see <#C0SECRET> and <https://evil.example|your invoice> & more';

const outcome = sampleOutcome({ platform: 'slack', channelId: 'C0SUPPORT', threadId: '1700000000.000100', customerId: 'U0CUST1', customerName: 'Ana Lima' });

/** Every text object in a block tree, with the key it sits under, so limits can be checked per kind. */
function textObjects(node: unknown, key = '', found: { key: string; type: string; text: string }[] = []) {
  if (Array.isArray(node)) {
    for (const item of node) textObjects(item, key, found);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') {
      found.push({ key, type: record.type, text: record.text });
    }
    for (const [child, value] of Object.entries(record)) textObjects(value, child, found);
  }
  return found;
}

const allText = (blocks: KnownBlock[]) => textObjects(blocks).map((t) => t.text).join('\n');
const buttonsOf = (blocks: KnownBlock[]) =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])) as types.Button[];

/** A bare @here/@channel/@everyone Slack could turn into a notification. */
const BARE_MENTION = /(^|[^\p{L}\p{N}_])@(here|channel|everyone)(?![\p{L}\p{N}_])/iu;

describe('escapeMrkdwn', () => {
  it('escapes the three control characters as Slack documents', () => {
    expect(escapeMrkdwn('<!channel>')).toBe('&lt;!channel&gt;');
    expect(escapeMrkdwn('<@U1>')).toBe('&lt;@U1&gt;');
    expect(escapeMrkdwn('<https://x|y>')).toBe('&lt;https://x|y&gt;');
    expect(escapeMrkdwn('Tom & Jerry')).toBe('Tom &amp; Jerry');
    // Already-encoded text stays literal instead of decoding into markup.
    expect(escapeMrkdwn('&lt;!here&gt;')).toBe('&amp;lt;!here&amp;gt;');
  });

  it('neutralises bare @here, @channel and @everyone, but not addresses', () => {
    for (const word of ['@here', '@channel', '@everyone', '@HERE', '(@here)', 'hi @channel!']) {
      const escaped = escapeMrkdwn(word);
      expect(escaped, word).not.toMatch(BARE_MENTION);
      expect(escaped.replace(/\u2060/g, ''), word).toBe(word);
    }
    expect(escapeMrkdwn('mail me@here.com or @heretic')).toBe('mail me@here.com or @heretic');
  });

  it('quotes every line of escaped text', () => {
    expect(quote('a <b>\nc\n')).toBe('>a &lt;b&gt;\n>c');
  });

  it('is undone by slackToPlainText for the entities (round trip of what a customer typed)', () => {
    const typed = 'a < b & c > d &amp; done';
    expect(slackToPlainText(escapeMrkdwn(typed))).toBe(typed);
  });
});

describe('review card', () => {
  it('escapes customer and model text everywhere: no pings, no links, no channel links', () => {
    const hostile = outcome(
      {
        draft: { id: 1, reply: ATTACK, language: 'en', confidence: 0.5, source: 'mini' },
        fields: { orderIds: ['<!channel>'], accountIds: ['<@U0ADMIN>'], emails: [], products: ['<https://evil.example|x>'], amounts: [] },
        secondOpinion: { verdict: 'human', rationale: ATTACK, rewrittenReply: null, tier: 'flagship' },
      },
      { summary: ATTACK, customerName: '<!everyone> @here', statusReason: ATTACK },
    );
    for (const card of [slackCard(reviewCardOf(hostile)), slackCard(resolvedCardOf(hostile, { actorId: 'U0REVIEWER', action: 'reject', at: new Date(), detail: ATTACK })), slackCard(infoCardOf(hostile))]) {
      const serialized = JSON.stringify(card);
      // Only our own tokens may contain "<": the reviewer mention and the date.
      const ours = serialized.replace(/<@U0REVIEWER>/g, '').replace(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>]*>/g, '');
      expect(ours).not.toContain('<');
      expect(ours).not.toContain('>@'); // a quote line never starts a raw mention
      for (const text of [...textObjects(card.blocks).map((t) => t.text), card.text]) expect(text).not.toMatch(BARE_MENTION);
      expect(serialized).toContain('&lt;!channel&gt;');
      expect(serialized).toContain('&lt;https://evil.example|your invoice&gt;');
      expect(serialized).toContain('&amp; more');
    }
  });

  it('keeps every field within Slack limits for a 10,000-character draft and summary', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence ${i} about refunds & <tags> 😀.`).join(' ') + ' ' + 'x'.repeat(2_000);
    const draft = long.slice(0, 10_000);
    const big = outcome(
      {
        draft: { id: 2, reply: draft, language: 'en', confidence: 0.7, source: 'mini' },
        secondOpinion: { verdict: 'rewrite', rationale: draft, rewrittenReply: draft, tier: 'flagship' },
        fields: { orderIds: Array.from({ length: 500 }, (_, i) => `ORDER-${i}`), accountIds: [], emails: [], products: [], amounts: [] },
      },
      { summary: draft, customerName: 'N'.repeat(5_000), statusReason: draft },
    );
    const cards = [
      slackCard(reviewCardOf(big), { customerLabel: 'L'.repeat(5_000), threadLink: 'https://example.slack.com/archives/C0SUPPORT/p1700000000000100' }),
      slackCard(resolvedCardOf(big, { actorId: 'U0REVIEWER', action: 'approve', at: new Date(), detail: draft })),
      slackCard(infoCardOf(big)),
    ];
    for (const card of cards) {
      expect(card.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(card.text.length).toBeGreaterThan(0);
      expect(card.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageTextRecommended);
      for (const block of card.blocks) {
        if (block.type === 'section') {
          if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
          expect(block.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionFields);
          for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionFieldText);
        }
        if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
        if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      }
      for (const text of textObjects(card.blocks)) {
        expect(text.text.trim().length, text.key).toBeGreaterThan(0);
        expect(text.text.length, text.key).toBeLessThanOrEqual(SLACK_LIMITS.textObject);
        // No half of a surrogate pair left at a cut.
        expect(text.text, text.key).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }
      for (const b of buttonsOf(card.blocks)) {
        expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
        expect((b.value ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
      }
    }
    // The reviewer sees the whole draft, spread over sections, not just its first 3,000 characters.
    const shown = slackToPlainText(
      cards[0]!.blocks
        .filter((block) => block.type === 'section' && block.text?.text.startsWith('>'))
        .map((block) => (block.type === 'section' ? (block.text?.text ?? '') : ''))
        .join('\n')
        .replace(/^>/gm, ''),
    );
    expect(shown.replace(/\s+/g, '')).toContain(draft.replace(/\s+/g, ''));
  });

  it('offers Approve, Edit, Reject and Escalate for a draft the flagship has not seen', () => {
    const buttons = buttonsOf(slackCard(reviewCardOf(outcome())).blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([ACTION_IDS.approve, ACTION_IDS.edit, ACTION_IDS.reject, ACTION_IDS.escalate]);
    expect(buttons.every((b) => b.value === '42')).toBe(true);
    expect(buttons.find((b) => b.action_id === ACTION_IDS.approve)?.style).toBe('primary');
    const reject = buttons.find((b) => b.action_id === ACTION_IDS.reject);
    expect(reject?.style).toBe('danger');
    expect(reject?.confirm).toMatchObject({ style: 'danger', confirm: { type: 'plain_text' }, deny: { type: 'plain_text' } });
  });

  it('offers no Approve or Edit without a draft, and says why there is none', () => {
    const humanOnly = outcome({ draft: null, decision: { route: 'human_only', reasons: ['draft_failed'], decidedBy: 'policy' } });
    const card = slackCard(reviewCardOf(humanOnly));
    expect(buttonsOf(card.blocks).map((b) => b.action_id)).toEqual([ACTION_IDS.reject, ACTION_IDS.escalate]);
    expect(allText(card.blocks)).toContain('No draft: drafting failed');
  });

  it('says which output guard held a draft back from auto-send, and a send that may already have happened', () => {
    const held = outcome({ decision: { route: 'human_review', reasons: ['low_risk_confident', 'guard_money_promise', 'guard_prompt_leak', 'delivery_uncertain'], decidedBy: 'nano' } });
    const text = allText(slackCard(reviewCardOf(held)).blocks);
    expect(text).toContain('draft may promise money, a deadline or a legal position');
    expect(text).toContain('draft repeats our internal instructions');
    expect(text).toContain('check the thread before sending');
  });

  it('offers no Escalate once the flagship reviewed', () => {
    const reviewed = outcome({
      secondOpinion: { verdict: 'approve', rationale: 'Policy allows a refund under 50 EUR.', rewrittenReply: null, tier: 'flagship' },
      decision: { route: 'flagship_review', reasons: ['risk_refund', 'flagship_approved'], decidedBy: 'nano' },
    });
    const ids = buttonsOf(slackCard(reviewCardOf(reviewed)).blocks).map((b) => b.action_id);
    expect(ids).not.toContain(ACTION_IDS.escalate);
    expect(ids).toContain(ACTION_IDS.approve);
  });

  it('shows the facts a reviewer needs: customer, urgency, category, fields, route and why, cost, draft', () => {
    const text = allText(slackCard(reviewCardOf(outcome()), { threadLink: 'https://example.slack.com/archives/C0SUPPORT/p1' }).blocks);
    for (const expected of ['Ana Lima (U0CUST1)', ':warning: high', 'refund', 'A-5521', 'ana@example.com', '49.9 EUR', 'human review', 'low model confidence', '*Cost so far*\n$0.0042', 'Sorry about the double charge']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('<https://example.slack.com/archives/C0SUPPORT/p1|customer\'s thread>');
  });

  it('shows what offline calls would cost on the configured models, labelled as an estimate, when nothing was billed', () => {
    const text = allText(slackCard(reviewCardOf(outcome({ costUsd: 0, estimatedCostUsd: 0.00231 }))).blocks);
    expect(text).toContain('*Cost so far*\n$0.00 (about $0.0023 on the configured models, estimated)');
    expect(slackText(statusText(outcome({ costUsd: 0, estimatedCostUsd: 0.00231 })))).toContain('Cost so far: $0.00 (about $0.0023 on the configured models, estimated)\n');
  });

  it('drops a thread link that is not http(s) instead of rendering it', () => {
    const text = allText(slackCard(reviewCardOf(outcome()), { threadLink: 'javascript:alert(1)' }).blocks);
    expect(text).not.toContain('javascript');
  });
});

describe('resolved and info cards', () => {
  const actions = ['approve', 'edit', 'reject', 'escalate', 'auto_send', 'closed', 'failed'] as const;

  it.each(actions)('a %s card has no buttons', (action) => {
    const card = slackCard(resolvedCardOf(outcome(), { actorId: 'U0REVIEWER', action, at: new Date('2024-03-01T10:05:00Z') }));
    expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('says who acted and when, with the reviewer as a mention and a local-time date', () => {
    const card = slackCard(resolvedCardOf(outcome(), { actorId: 'U0REVIEWER', action: 'approve', at: new Date('2024-03-01T10:05:00Z') }));
    const text = allText(card.blocks);
    expect(text).toContain('Approved by <@U0REVIEWER> at <!date^1709287500^');
    expect(text).toContain('|2024-03-01 10:05 UTC>');
    expect(text).toContain('Sorry about the double charge');
  });

  it('does not mention a non-user actor, and escapes the detail', () => {
    const card = slackCard(resolvedCardOf(outcome({}, { status: 'failed' }), { actorId: 'bot', action: 'failed', at: new Date(), detail: 'delivery failed <!channel>' }));
    const text = allText(card.blocks);
    expect(text).not.toContain('<@bot>');
    expect(text).toContain('Failed at');
    expect(text).toContain('delivery failed &lt;!channel&gt;');
  });

  it('an info card is informational only', () => {
    const sent = outcome({ decision: { route: 'auto_send', reasons: ['low_risk_confident'], decidedBy: 'nano' } }, { status: 'sent' });
    const card = slackCard(infoCardOf(sent));
    expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(allText(card.blocks)).toContain('sent automatically');
  });
});

describe('modals', () => {
  it('the edit modal holds the draft in a multiline input with our ids and metadata', () => {
    const view = editModal(42, 'Dear Ana, refunded.', '{"ticketId":42}') as types.ModalView;
    expect(view).toMatchObject({ type: 'modal', callback_id: CALLBACK_IDS.edit, private_metadata: '{"ticketId":42}', submit: { type: 'plain_text' } });
    expect(view.title.text.length).toBeLessThanOrEqual(SLACK_LIMITS.modalTitle);
    const input = view.blocks[0] as types.InputBlock;
    expect(input).toMatchObject({
      type: 'input',
      block_id: INPUT_IDS.editBlock,
      element: { type: 'plain_text_input', action_id: INPUT_IDS.editAction, multiline: true, initial_value: 'Dear Ana, refunded.' },
    });
  });

  it('cuts a long draft to the input limit and says so', () => {
    const draft = '😀'.repeat(5_000);
    const view = editModal(123456789, draft, '{}') as types.ModalView;
    const input = view.blocks[0] as types.InputBlock;
    const element = input.element as types.PlainTextInput;
    expect(element.initial_value?.length).toBeLessThanOrEqual(SLACK_LIMITS.plainTextInput);
    expect(draft.startsWith(element.initial_value ?? 'missing')).toBe(true);
    expect(element.initial_value?.length ?? 0).toBeGreaterThan(2_900);
    expect(input.hint?.text).toContain('cut');
    expect(view.title.text.length).toBeLessThanOrEqual(SLACK_LIMITS.modalTitle);
  });

  it('refuses metadata Slack would reject rather than corrupting it', () => {
    expect(() => editModal(1, 'x', 'm'.repeat(SLACK_LIMITS.privateMetadata + 1))).toThrow(RangeError);
    expect(() => rejectModal(1, 'm'.repeat(SLACK_LIMITS.privateMetadata + 1))).toThrow(RangeError);
  });

  it('the reject modal requires a reason', () => {
    const view = rejectModal(42, '{"ticketId":42}') as types.ModalView;
    expect(view).toMatchObject({ type: 'modal', callback_id: CALLBACK_IDS.reject, private_metadata: '{"ticketId":42}' });
    const input = view.blocks[0] as types.InputBlock;
    expect(input).toMatchObject({ type: 'input', block_id: INPUT_IDS.rejectBlock, element: { type: 'plain_text_input', action_id: INPUT_IDS.rejectAction } });
    expect(input.optional).not.toBe(true);
  });
});

describe('reactions and command texts', () => {
  it('maps urgency to standard emoji names without colons', () => {
    expect(urgencyReaction(null)).toBe('eyes');
    expect(urgencyReaction('urgent')).toBe('rotating_light');
    expect(urgencyReaction('high')).toBe('warning');
    expect(urgencyReaction('normal')).toBe('large_blue_circle');
    expect(urgencyReaction('low')).toBe('white_circle');
  });

  it('status text is escaped and complete', () => {
    const text = slackText(statusText(outcome({}, { summary: ATTACK, customerName: '<@U0ADMIN>' })));
    expect(text).toContain('*Ticket #42* · awaiting_review');
    expect(text).toContain('why: refund requested, low model confidence');
    expect(text).toContain('Cost so far: $0.0042');
    expect(text).not.toContain('<');
    expect(text).not.toMatch(BARE_MENTION);
  });

  it('today text lists urgencies and statuses in order and the spend', () => {
    const text = slackText(todayText({ since: new Date(), timeZone: 'UTC', budget: null, tickets: 12, byUrgency: { low: 2, urgent: 1, high: 3, normal: 6 }, byStatus: { sent: 5, awaiting_review: 4, weird: 1, closed: 0 }, costUsd: 0.0421 }));
    expect(text).toContain('12 tickets · spend $0.042');
    expect(text).toContain('Urgency: urgent 1 · high 3 · normal 6 · low 2');
    expect(text).toContain('Status: awaiting_review 4 · sent 5 · weird 1');
    expect(text).not.toContain('closed');
  });

  it('today text names the zone and, with caps set, the budget level and caps', () => {
    const text = slackText(todayText({ since: new Date(), tickets: 3, byUrgency: {}, byStatus: {}, costUsd: 1.7, timeZone: 'Europe/Berlin', budget: { level: 'economy', alertThreshold: 0.8, urgentReserve: 0.1, daily: { period: 'daily', periodKey: '2026-11-24', capUsd: 2, spentUsd: 1.7, leftUsd: 0.3, usedFraction: 0.85, level: 'economy' }, monthly: null } }));
    expect(text).toContain('since 00:00 Europe/Berlin');
    expect(text).toContain('Budget: Economy · Daily $1.70 of $2.00 (85%) · $0.30 left');
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
    expect(splitMessage(`${a} ${b}`, 120)).toEqual([a, b]);
    // A paragraph break early in the window loses to a line break that fills the chunk.
    expect(splitMessage(`x\n\n${a}\n${b}`, 120)).toEqual([`x\n\n${a}`, b]);
  });

  it('cuts a run without whitespace, keeping surrogate pairs and entities whole', () => {
    const emoji = '😀'.repeat(100);
    const chunks = splitMessage(emoji, 51);
    expectFaithfulSplit(emoji, chunks, 51);
    expect(chunks.join('')).toBe(emoji);
    const escaped = '&amp;'.repeat(50);
    const pieces = splitMessage(escaped, 12);
    expect(pieces.every((piece) => /^(&amp;)+$/.test(piece))).toBe(true);
    expect(pieces.join('')).toBe(escaped);
  });

  it('is faithful, bounded and never empty on many random texts', () => {
    const next = random(7);
    const alphabet = ['a', 'b', 'c', ' ', ' ', '\n', '\n\n', '. ', '! ', '😀', '&amp;', 'Ω', '\t', 'word ', 'longerword'];
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(next() * 600);
      let text = '';
      while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
      const max = 2 + Math.floor(next() * 80);
      expectFaithfulSplit(text, splitMessage(text, max), max);
    }
  });

  it('keeps the default chunk under what Slack recommends per message', () => {
    const text = 'word '.repeat(5_000);
    const chunks = splitMessage(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(SLACK_LIMITS.messageTextRecommended);
    expectFaithfulSplit(text, chunks, 3_900);
  });

  it('rejects a max that cannot hold a character', () => {
    expect(() => splitMessage('abc', 1)).toThrow(RangeError);
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

  it('never leaves half a surrogate pair or half an entity', () => {
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    expect(truncate('ab&amp;cd', 6)).toBe('ab…');
    for (let max = 1; max < 40; max++) {
      const cut = truncate('😀 &lt;x&gt; 😀😀 &amp;&amp; end', max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(cut).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?(?:…|$)/);
    }
  });
});
