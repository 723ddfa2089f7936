/**
 * Slack's outbound side under generated input: whatever a customer or a
 * model writes, the mrkdwn we put on cards, in slash-command answers, in
 * replies and in the weekly report forms no `<…>` control token (no
 * `<!channel>`, `<@U…>`, `<#C…>`, `<url|disguise>`) and no bare
 * `@here`/`@channel`/`@everyone`; every block stays within Slack's limits;
 * and splitting keeps every character, in order, within the limit.
 */
import type { types } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editModal, rejectModal, slackCard, slackText } from '../../adapters/slack/format.js';
import { infoCardOf, resolvedCardOf, reviewCardOf } from '../support/card-states.js';
import { statusText, todayText } from '../../src/desk/desk-texts.js';
import { DEFAULT_CHUNK, SLACK_LIMITS, splitMessage, truncate } from '../../adapters/slack/limits.js';
import { escapeMrkdwn, quote, unescapeSlack } from '../../adapters/slack/mrkdwn.js';
import { budgetAlertBlocks, reportText, weeklyReportBlocks } from '../../adapters/slack/report-format.js';
import { BUDGET_LEVELS, type BudgetAlert, type WeeklyReport } from '../../src/domain/index.js';
import { sampleWeeklyReport } from '../fixtures/weekly-report.js';
import { PROPERTY, SLACK_ATTACKS, SLACK_BARE_BROADCAST, customerText, longText, outcomeArbitrary } from '../support/arbitraries.js';
import { expectFaithfulSplit } from '../support/split-checks.js';

type KnownBlock = types.KnownBlock;

const THREAD_LINK = 'https://acme.slack.com/archives/C0SUPPORT/p1700000000000100';
const REVIEWERS = ['U0REVIEWER', 'W0REVIEWER', 'bot', 'console-reviewer', '<!channel>', 'U0X|<!here>'] as const;

const text = customerText(SLACK_ATTACKS);
const outcome = outcomeArbitrary(text, { customers: ['U0CUST1', 'W0CUST2', '<!channel>'], reviewers: REVIEWERS });
const resolution = fc.record(
  {
    actorId: fc.oneof(fc.constantFrom(...REVIEWERS), text),
    action: fc.constantFrom('approve', 'edit', 'reject', 'escalate', 'auto_send', 'closed', 'failed') as fc.Arbitrary<'approve'>,
    at: fc.date({ noInvalidDate: false }),
    detail: text,
  },
  { requiredKeys: ['actorId', 'action', 'at'] },
);

/**
 * What is left of a mrkdwn text once our own tokens are taken out: the
 * date token, the mention of the acting reviewer, the thread link, and the
 * report's links to channels (validated `C…`/`G…` ids from our ledger) and tickets.
 */
function withoutOurTokens(mrkdwn: string, ours: { actorId?: string } = {}): string {
  let rest = mrkdwn
    .replace(/<!date\^-?\d+\^\{date_short_pretty\} \{time\}\|[^<>]*>/g, '')
    .replaceAll(`<${THREAD_LINK}|customer's thread>`, '')
    .replace(/<https:\/\/acme\.slack\.com\/archives\/[^|<>\s]+\|[^<>]*>/g, '')
    .replace(/<#[CG][A-Z0-9]{2,}>/g, '');
  if (ours.actorId && /^[UW][A-Z0-9]{2,}$/.test(ours.actorId)) rest = rest.replaceAll(`<@${ours.actorId}>`, '');
  return rest;
}

/** Every text object of a block tree, with its type. */
function textObjects(node: unknown, found: { type: string; text: string }[] = []): { type: string; text: string }[] {
  if (Array.isArray(node)) for (const item of node) textObjects(item, found);
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') found.push({ type: record.type, text: record.text });
    for (const value of Object.values(record)) textObjects(value, found);
  }
  return found;
}

/** No control token, no bare broadcast: in every mrkdwn text object and the fallback text. */
function expectNoPings(message: { text: string; blocks: KnownBlock[] }, ours: { actorId?: string } = {}): void {
  const mrkdwn = [message.text, ...textObjects(message.blocks).filter((t) => t.type === 'mrkdwn').map((t) => t.text)];
  for (const piece of mrkdwn) {
    const rest = withoutOurTokens(piece, ours);
    expect(rest, piece).not.toContain('<');
    expect(piece).not.toMatch(SLACK_BARE_BROADCAST);
  }
}

/** Slack's limits for what our cards and reports use (docs.slack.dev, Block Kit reference). */
function expectWithinLimits(message: { text: string; blocks: KnownBlock[] }): void {
  const L = SLACK_LIMITS;
  expect(message.text.length).toBeLessThanOrEqual(L.messageTextRecommended);
  expect(message.blocks.length).toBeLessThanOrEqual(L.blocksPerMessage);
  for (const { text: body } of textObjects(message.blocks)) expect(body.length).toBeGreaterThan(0);
  for (const block of message.blocks) {
    if (block.type === 'section') {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(L.sectionText);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(L.sectionFields);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(L.sectionFieldText);
    } else if (block.type === 'header') {
      expect(block.text.text.length).toBeLessThanOrEqual(L.headerText);
    } else if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(L.contextElements);
      for (const element of block.elements) if ('text' in element) expect(element.text.length).toBeLessThanOrEqual(L.textObject);
    } else if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(L.actionsElements);
      for (const element of block.elements as types.Button[]) {
        expect(element.text.text.length).toBeLessThanOrEqual(L.buttonText);
        expect((element.value ?? '').length).toBeLessThanOrEqual(L.buttonValue);
        if (element.confirm) expect(element.confirm.title?.text.length ?? 0).toBeLessThanOrEqual(L.confirmTitle);
      }
    }
  }
}

describe('Slack mrkdwn escaping, properties', () => {
  it('escapeMrkdwn leaves no control character and no bare broadcast, and reads back as written', () => {
    fc.assert(
      fc.property(text, (written) => {
        const escaped = escapeMrkdwn(written);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped).not.toMatch(SLACK_BARE_BROADCAST);
        expect(escaped.replace(/&(?!amp;|lt;|gt;)/g, '')).toBe(escaped);
        fc.pre(!written.includes('\u2060'));
        expect(unescapeSlack(escaped).replaceAll('\u2060', '')).toBe(written);
      }),
      PROPERTY.quick(401),
    );
  });

  it('quote quotes every line and stays as safe as escapeMrkdwn', () => {
    fc.assert(
      fc.property(text, (written) => {
        const quoted = quote(written);
        for (const line of quoted.split('\n')) expect(line.startsWith('>')).toBe(true);
        expect(quoted).not.toContain('<');
        expect(quoted).not.toMatch(SLACK_BARE_BROADCAST);
      }),
      PROPERTY.quick(402),
    );
  });

  it('reportText also turns every formatting character into a look-alike', () => {
    fc.assert(
      fc.property(text, (written) => {
        const safe = reportText(written);
        expect(safe).not.toMatch(/[<>*~`]/);
        expect(safe).not.toMatch(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/u);
        expect(safe).not.toMatch(SLACK_BARE_BROADCAST);
      }),
      PROPERTY.quick(403),
    );
  });
});

describe('Slack cards, properties', () => {
  it('review, resolved and info cards: no pings, links or channel links from outside text, and within Slack limits', () => {
    fc.assert(
      fc.property(outcome, resolution, fc.boolean(), (o, r, linked) => {
        const review = slackCard(reviewCardOf(o), linked ? { threadLink: THREAD_LINK } : undefined);
        const resolved = slackCard(resolvedCardOf(o, r));
        const info = slackCard(infoCardOf(o));
        expectNoPings(review);
        expectNoPings(resolved, { actorId: r.actorId });
        expectNoPings(info);
        for (const card of [review, resolved, info]) expectWithinLimits(card);
        for (const button of review.blocks.flatMap((block) => (block.type === 'actions' ? (block.elements as types.Button[]) : []))) {
          expect(button.value).toBe(String(o.ticket.id));
        }
      }),
      PROPERTY.heavy(404),
    );
  });

  it('slash-command answers stay safe and within a message', () => {
    const counts = fc.dictionary(fc.oneof(text, fc.constantFrom('urgent', 'sent')), fc.nat({ max: 10_000 }), { maxKeys: 6 });
    fc.assert(
      fc.property(outcome, counts, counts, text, (o, byUrgency, byStatus, timeZone) => {
        for (const answer of [slackText(statusText(o)), slackText(todayText({ since: new Date(), budget: null, tickets: 3, byUrgency, byStatus, costUsd: 0.5, timeZone }))]) {
          expect(answer.length).toBeLessThanOrEqual(SLACK_LIMITS.messageTextRecommended);
          expect(answer).not.toContain('<');
          expect(answer).not.toMatch(SLACK_BARE_BROADCAST);
        }
      }),
      PROPERTY.heavy(405),
    );
  });

  it('the edit and reject modals fit Slack and carry the draft verbatim up to the input limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.oneof(text, longText(SLACK_ATTACKS, 3_000)), (ticketId, draft) => {
        const metadata = JSON.stringify({ ticketId });
        for (const view of [editModal(ticketId, draft, metadata), rejectModal(ticketId, metadata)]) {
          expect(view.private_metadata).toBe(metadata);
          expect((view as types.ModalView).title.text.length).toBeLessThanOrEqual(SLACK_LIMITS.modalTitle);
          const serialized = textObjects(view.blocks);
          for (const object of serialized) expect(object.type).toBe('plain_text');
        }
        const input = (editModal(ticketId, draft, metadata).blocks[0] as types.InputBlock).element as types.PlainTextInput;
        const initial = input.initial_value ?? '';
        expect(initial.length).toBeLessThanOrEqual(SLACK_LIMITS.plainTextInput);
        expect(draft.startsWith(initial)).toBe(true);
      }),
      PROPERTY.quick(406),
    );
  });
});

describe('Slack limits, properties', () => {
  it('splitMessage keeps every character in order, every chunk within the limit', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 400 })), fc.integer({ min: 2, max: 60 }), (written, max) => {
        expectFaithfulSplit(written, splitMessage(written, max), max);
      }),
      PROPERTY.quick(407),
    );
  });

  it('a reply (escaped, then split) is safe in every chunk, each within the limit, and nothing is lost', () => {
    fc.assert(
      fc.property(fc.oneof(longText(SLACK_ATTACKS, DEFAULT_CHUNK), longText(SLACK_ATTACKS, 2 * DEFAULT_CHUNK)), (reply) => {
        const escaped = escapeMrkdwn(reply);
        const chunks = splitMessage(escaped);
        expectFaithfulSplit(escaped, chunks, DEFAULT_CHUNK);
        for (const chunk of chunks) {
          expect(chunk).not.toContain('<');
          expect(chunk).not.toMatch(SLACK_BARE_BROADCAST);
          expect(chunk).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?$/);
          expect(chunk).not.toMatch(/^(?:amp|lt|gt|mp|t|p);/);
        }
      }),
      PROPERTY.heavy(408),
    );
  });

  // Any limit longer than `@everyone` and a character or two (Slack's is 3,900): below that, a
  // word such as `@channel𐊀` cannot fit in a chunk and must be cut right after the mention.
  it('splitting escaped text with a small limit never makes a bare broadcast at a chunk boundary', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 12, max: 40 }), (written, max) => {
        for (const chunk of splitMessage(escapeMrkdwn(written), max)) expect(chunk).not.toMatch(SLACK_BARE_BROADCAST);
      }),
      PROPERTY.quick(409),
    );
  });

  it('truncate returns a prefix within the limit, never half an entity or a surrogate pair', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 50 }), (written, max) => {
        const escaped = escapeMrkdwn(written);
        const cut = truncate(escaped, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(0, max));
        const kept = cut.endsWith('…') && cut !== escaped ? cut.slice(0, -1) : cut;
        expect(escaped.startsWith(kept.trimEnd())).toBe(true);
        expect(kept).not.toMatch(/[\ud800-\udbff]$/);
        expect(kept).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?$/);
      }),
      PROPERTY.quick(410),
    );
  });
});

describe('Slack regressions found by the properties', () => {
  // Before chunk cuts kept mentions whole, a hard cut (a run longer than the limit) could fall
  // between a word and its `@` or inside `@heretic`, and the chunk posted alone then pinged.
  it('a cut between a word and `@here` does not start the next chunk with a bare broadcast', () => {
    // Found by "a reply (escaped, then split)…" (seed 408): 'a' × 3,898 + ':me@here.com' sent '@here.com' alone.
    for (const reply of ['a'.repeat(3_898) + ':me@here.com', 'a'.repeat(DEFAULT_CHUNK) + '@here', '𝐀'.repeat(DEFAULT_CHUNK / 2) + '@channel']) {
      const chunks = splitMessage(escapeMrkdwn(reply));
      expect(chunks.length).toBe(2);
      for (const chunk of chunks) expect(chunk).not.toMatch(SLACK_BARE_BROADCAST);
      expect(chunks.join('')).toBe(escapeMrkdwn(reply));
    }
  });

  it('a cut inside `@heretic` does not end a chunk with a bare broadcast', () => {
    // Found by "splitting escaped text with a small limit…" (seed 409) once the first case was fixed: '&gt;@heretic' cut to '&gt;@here'.
    const reply = 'a'.repeat(DEFAULT_CHUNK - 6) + ';@heretic';
    const chunks = splitMessage(escapeMrkdwn(reply));
    expect(chunks).toEqual(['a'.repeat(DEFAULT_CHUNK - 6) + ';', '@heretic']);
  });
});

describe('Slack weekly report and budget alert, properties', () => {
  const base = sampleWeeklyReport();
  const reportText_ = customerText(SLACK_ATTACKS, 6);
  const report: fc.Arbitrary<WeeklyReport> = fc
    .record({
      titles: fc.array(reportText_, { minLength: 5, maxLength: 5 }),
      urgencies: fc.array(fc.option(fc.oneof(fc.constantFrom('urgent', 'low'), reportText_), { nil: null }), { minLength: 5, maxLength: 5 }),
      model: reportText_,
      channel: fc.oneof(fc.constantFrom('C0SUPPORT1', 'G0PRIVATE'), reportText_),
      reason: reportText_,
      timeZone: reportText_,
      periodKey: reportText_,
    })
    .map((g) => ({
      ...base,
      week: { ...base.week, timeZone: g.timeZone },
      byModel: [{ ...base.byModel[0]!, key: g.model }, ...base.byModel.slice(1)],
      byChannel: [{ platform: 'slack', channelId: g.channel, tickets: 1, calls: 1, costUsd: 1, costNanos: 1000000000 }, ...base.byChannel],
      secondOpinions: { ...base.secondOpinions, reasons: [{ code: g.reason, tickets: 3 }, ...base.secondOpinions.reasons] },
      budgetDegraded: [{ code: g.reason, tickets: 2 }],
      budget: base.budget && base.budget.daily ? { ...base.budget, daily: { ...base.budget.daily, periodKey: g.periodKey } } : base.budget,
      topTickets: base.topTickets.map((ticket, i) => ({ ...ticket, title: g.titles[i] ?? '', urgency: g.urgencies[i] ?? null })),
    }));

  it('outside text (titles, model and channel names, reason codes, time zone) cannot ping, link or break the limits', () => {
    const link = (ticket: { platform: string; channelId: string; threadId: string }) =>
      ticket.platform === 'slack' ? `https://acme.slack.com/archives/${ticket.channelId}/p${ticket.threadId.replace('.', '')}` : null;
    fc.assert(
      fc.property(report, (r) => {
        const message = weeklyReportBlocks(r, { ticketLink: link });
        expectNoPings(message);
        expectWithinLimits(message);
      }),
      PROPERTY.heavy(411),
    );
  });

  it('a budget alert for any cap stays safe', () => {
    const alert: fc.Arbitrary<BudgetAlert> = fc.record({
      kind: fc.constantFrom('threshold', 'exhausted'),
      level: fc.constantFrom(...BUDGET_LEVELS),
      alertThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
      cap: fc.record({
        period: fc.constantFrom('daily', 'monthly'),
        periodKey: text,
        capUsd: fc.double({ min: 0, max: 1e6, noNaN: true }),
        spentUsd: fc.double({ min: 0, max: 1e6, noNaN: true }),
        leftUsd: fc.double({ min: 0, max: 1e6, noNaN: true }),
        usedFraction: fc.double({ min: 0, max: 2, noNaN: true }),
        level: fc.constantFrom(...BUDGET_LEVELS),
      }),
    });
    fc.assert(
      fc.property(alert, (a) => {
        const message = budgetAlertBlocks(a);
        expectNoPings(message);
        expectWithinLimits(message);
      }),
      PROPERTY.quick(412),
    );
  });
});
