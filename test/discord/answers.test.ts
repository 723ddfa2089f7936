/**
 * What Discord shows a reviewer besides cards: the edit and reject modals,
 * our custom ids, the customer reply payloads, the /triage command and the
 * desk's answers in Discord markdown (escaped, within one message), and the
 * reason labels shared by the adapters.
 */
import type { APILabelComponent, APITextInputComponent, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { TRIAGE_COMMAND, triageCommandText } from '../../adapters/discord/commands.js';
import { CUSTOM_IDS, customId, parseCustomId } from '../../adapters/discord/custom-ids.js';
import { DISCORD_LIMITS } from '../../adapters/discord/limits.js';
import { ZERO_WIDTH_SPACE } from '../../adapters/discord/markdown.js';
import { REJECT_REASON_MAX, editModal, rejectModal } from '../../adapters/discord/modals.js';
import { replyNonce, replyPayloads } from '../../adapters/discord/replies.js';
import { DISCORD_DIALECT, discordText } from '../../adapters/discord/rich-text.js';
import { REFUSAL, alreadyHandled, noTicket, statusText, todayText, usage, type DailyStats } from '../../src/desk/desk-texts.js';
import { REASON_CODES, ROUTES } from '../../src/domain/index.js';
import { REASON_LABELS, ROUTE_LABELS, reasonLabel, reasonsText, routeLabel } from '../../src/present/reason-labels.js';
import { line, quote } from '../../src/present/rich-text.js';
import { ATTACK, BARE_EVERYONE, LONE_SURROGATE, MENTION_TOKEN, REVIEWER, outcome, unescape, unescapedSpecials } from './fixtures.js';

const L = DISCORD_LIMITS;

// Compile-time: a reply payload is what Discord's REST API takes.
const _postReply: RESTPostAPIChannelMessageJSONBody | undefined = replyPayloads('hi', 'k')[0];

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
  it('defines status (required integer ticket), today, web and source (ticket, optional n), guild-only, within command limits', () => {
    expect(TRIAGE_COMMAND).toMatchObject({
      name: 'triage',
      contexts: [0],
      options: [
        { type: 1, name: 'status', options: [{ type: 4, name: 'ticket', required: true, min_value: 1 }] },
        { type: 1, name: 'today' },
        { type: 1, name: 'web' },
        {
          type: 1,
          name: 'source',
          options: [
            { type: 4, name: 'ticket', required: true, min_value: 1 },
            { type: 4, name: 'n', min_value: 1 },
          ],
        },
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

  it('reads an invocation as the desk’s command text', () => {
    expect(triageCommandText('status', 12)).toBe('status 12');
    expect(triageCommandText('status', -3)).toBe('status -3');
    expect(triageCommandText('status', null)).toBe('status');
    expect(triageCommandText('today', null)).toBe('today');
    expect(triageCommandText('source', 12)).toBe('source 12');
    expect(triageCommandText('source', 12, 2)).toBe('source 12 2');
    // Whatever else arrives is passed on for the desk to answer with usage.
    expect(triageCommandText('purge', 1)).toBe('purge');
    expect(triageCommandText(null, null)).toBe('');
  });

  it('status text is escaped, complete and fits one message', () => {
    const text = discordText(statusText(outcome({}, { summary: ATTACK, customerName: '<@1130000000000000007> **boss**' })));
    expect(text.split('\n')[0]).toBe('**Ticket \\#42** · awaiting\\_review');
    expect(text).toContain('why: refund requested, low model confidence');
    expect(text).toContain('Urgency: 🟠 high · category: refund');
    expect(text).toContain('Cost so far: $0.0042\n');
    expect(text).toContain('\\*\\*boss\\*\\*');
    expect(text).not.toMatch(MENTION_TOKEN);
    expect(text).not.toMatch(BARE_EVERYONE);
    // The summary is quoted line by line, its own markup escaped: it reads as the customer's words.
    const summary = text.slice(text.indexOf('Summary:\n') + 'Summary:\n'.length).split('\n');
    expect(summary).toHaveLength(ATTACK.split('\n').length);
    for (const row of summary) {
      expect(row.startsWith('> ')).toBe(true);
      expect(unescapedSpecials(row.slice(2))).toEqual([]);
    }
    expect(unescape(summary.map((row) => row.slice(2)).join('\n'))).toBe(ATTACK);
    const huge = discordText(statusText(outcome({}, { summary: 'x '.repeat(5_000), statusReason: 'y'.repeat(5_000), customerName: 'z'.repeat(5_000) })));
    expect(huge.length).toBeLessThanOrEqual(L.messageContent);
    // Every line is kept; the summary is cut to the room they leave.
    for (const label of ['Customer: ', 'Urgency: ', 'Route: ', 'Draft: ', 'Cost so far: ', 'Summary:\n> x x']) expect(huge).toContain(label);
    expect(huge.endsWith('…')).toBe(true);
  });

  const stats = (overrides: Partial<DailyStats>): DailyStats => ({
    since: new Date('2026-11-24T00:00:00Z'),
    timeZone: 'UTC',
    tickets: 0,
    byUrgency: {},
    byStatus: {},
    costUsd: 0,
    budget: null,
    ...overrides,
  });

  it('today text lists urgencies and statuses in order and the spend', () => {
    const text = discordText(todayText(stats({ tickets: 12, byUrgency: { low: 2, urgent: 1, high: 3, normal: 6 }, byStatus: { sent: 5, awaiting_review: 4, weird_status: 1, closed: 0 }, costUsd: 0.0421 })));
    expect(text.split('\n')[0]).toBe('**Today** \\(since 00:00 UTC\\): 12 tickets · spend $0.042');
    expect(text).toContain('Urgency: urgent 1 · high 3 · normal 6 · low 2');
    expect(text).toContain('Status: awaiting\\_review 4 · sent 5 · weird\\_status 1');
    expect(text).not.toContain('closed');
    expect(discordText(todayText(stats({ tickets: 1 })))).toContain('1 ticket · spend $0.00');
  });

  it('today text names the zone and, with caps set, the budget level and caps', () => {
    const budget = { level: 'economy', alertThreshold: 0.8, urgentReserve: 0.1, daily: { period: 'daily', periodKey: '2026-11-24', capUsd: 2, spentUsd: 1.7, leftUsd: 0.3, usedFraction: 0.85, level: 'economy' }, monthly: null } as const;
    const text = discordText(todayText(stats({ tickets: 3, costUsd: 1.7, timeZone: 'Europe/Berlin', budget })));
    expect(text).toContain('since 00:00 Europe/Berlin');
    // Discord markdown: parentheses escaped.
    expect(text).toContain('Budget: Economy · Daily $1.70 of $2.00 \\(85%\\) · $0.30 left');
    expect(discordText(todayText(stats({ tickets: 3, costUsd: 1.7 })))).not.toContain('Budget');
  });

  it('refusals, usage and "already handled" read as plain sentences, our code spans kept', () => {
    expect(discordText([line(REFUSAL)])).toBe(REFUSAL);
    expect(discordText(usage())).toBe('Usage: `/triage status <ticket number>`, `/triage today`, `/triage source <ticket number> <n>` or `/triage web` for a sign-in link to the web console');
    expect(unescape(discordText(alreadyHandled(12)))).toBe('Ticket #12 was already handled.');
    expect(unescape(discordText(noTicket(`#${'9'.repeat(35)}`)))).toBe(`No ticket #${'9'.repeat(29)}….`);
  });
});

describe('the Discord rich-text dialect', () => {
  it('escapes plain and strong text, breaks mentions, and keeps code spans literal', () => {
    for (const render of [DISCORD_DIALECT.text, DISCORD_DIALECT.strong, DISCORD_DIALECT.code]) {
      const out = render(ATTACK);
      expect(out).not.toMatch(MENTION_TOKEN);
      expect(out).not.toMatch(BARE_EVERYONE);
    }
    expect(DISCORD_DIALECT.strong('**x** @here')).toBe(`**\\*\\*x\\*\\* @${ZERO_WIDTH_SPACE}here**`);
    expect(DISCORD_DIALECT.strong('  ')).toBe('  ');
    expect(DISCORD_DIALECT.code('/triage status <@1130000000000000007>')).toBe(`\`/triage status <${ZERO_WIDTH_SPACE}@1130000000000000007>\``);
    // A backtick of its own would close the span, a line break stretch it, brackets start a link label: shown as escaped text instead.
    expect(DISCORD_DIALECT.code('a`b')).toBe('a\\`b');
    expect(DISCORD_DIALECT.code('a\nb')).toBe('a\nb');
    expect(DISCORD_DIALECT.code('[bank](https://evil.example)')).toBe('\\[bank\\]\\(https://evil.example\\)');
  });

  it('marks urgencies and mentions only real user ids', () => {
    expect(DISCORD_DIALECT.urgency('urgent')).toBe('🔴 urgent');
    expect(DISCORD_DIALECT.user(REVIEWER)).toBe(`<@${REVIEWER}>`);
    expect(DISCORD_DIALECT.user('bot')).toBe('bot');
    expect(DISCORD_DIALECT.user('<@&1150000000000000001>')).not.toMatch(MENTION_TOKEN);
  });

  it('quotes every line and escapes what is quoted', () => {
    expect(discordText([quote('> nested\n- item\n\n@everyone')])).toBe(`> \\> nested\n> \\- item\n> \n> @${ZERO_WIDTH_SPACE}everyone`);
  });

  it('fits any rich text in one message without half an escape, a mention or an emoji', () => {
    const big = [line({ strong: '😀'.repeat(600) }), line('\\*'.repeat(700)), line({ user: REVIEWER }, ' '.repeat(3)), quote('<@1130000000000000007> '.repeat(200))];
    for (const max of [L.messageContent, 500, 101, 7]) {
      const text = discordText(big, max);
      expect(text.length).toBeLessThanOrEqual(max);
      expect(text).not.toMatch(LONE_SURROGATE);
      expect(text).not.toMatch(/(^|[^\\])(\\\\)*\\(…|$)/);
      expect(text).not.toMatch(/<@\d*(…|$)/);
    }
    // A quote too short to be worth reading is left out rather than shown as a stub.
    expect(discordText([line('a'.repeat(1_990)), quote('the summary')])).toBe('a'.repeat(1_990));
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

