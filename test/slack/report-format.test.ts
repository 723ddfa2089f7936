/**
 * The weekly report and budget alert as Block Kit: the fixture's real
 * figures in the right blocks, ticket links (and plain titles where there is
 * no link), escaping of titles and ids, the offline line only when it
 * applies, no NaN for an empty week, and Slack's limits under absurd input.
 */
import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { BUDGET_LEVEL_NAMES } from '../../src/present/report-numbers.js';
import { SLACK_LIMITS } from '../../adapters/slack/limits.js';
import { budgetAlertBlocks, reportText, weeklyReportBlocks } from '../../adapters/slack/report-format.js';
import { BUDGET_LEVELS } from '../../src/domain/index.js';
import type { BudgetAlert, TicketSpend } from '../../src/domain/index.js';
import { emptyWeeklyReport as emptyWeek, sampleWeeklyReport } from '../fixtures/weekly-report.js';

type KnownBlock = types.KnownBlock;
type TextObject = { type: string; text: string };

const link = (ticket: TicketSpend): string | null =>
  ticket.platform === 'console' ? null : `https://example.slack.com/archives/${ticket.channelId}/p${ticket.threadId.replace('.', '')}`;


/** Every text object in a block, in order. */
function textsOf(block: KnownBlock): TextObject[] {
  const b = block as { text?: TextObject; fields?: TextObject[]; elements?: TextObject[] };
  return [...(b.text ? [b.text] : []), ...(b.fields ?? []), ...(block.type === 'context' ? (b.elements ?? []) : [])];
}

const allText = (blocks: KnownBlock[]): string => blocks.flatMap(textsOf).map((t) => t.text).join('\n');

/** The section whose text starts with `heading`. */
function sectionStarting(blocks: KnownBlock[], heading: string): { text: string; fields: string[] } {
  const block = blocks.find((b) => b.type === 'section' && (b as { text?: TextObject }).text?.text.startsWith(heading));
  if (!block) throw new Error(`no section starting ${heading}`);
  const b = block as { text?: TextObject; fields?: TextObject[] };
  return { text: b.text?.text ?? '', fields: (b.fields ?? []).map((f) => f.text) };
}

/** Every limit Slack checks on the blocks we build. */
function expectWithinSlackLimits(message: { text: string; blocks: KnownBlock[] }): void {
  const L = SLACK_LIMITS;
  expect(message.blocks.length).toBeLessThanOrEqual(L.blocksPerMessage);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(L.messageTextRecommended);
  for (const block of message.blocks) {
    const b = block as { text?: TextObject; fields?: TextObject[]; elements?: TextObject[] };
    if (block.type === 'header') expect(b.text?.text.length).toBeLessThanOrEqual(L.headerText);
    if (block.type === 'section') {
      expect(b.text || b.fields, 'a section needs text or fields').toBeTruthy();
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(L.sectionText);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(L.sectionFields);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(L.sectionFieldText);
    }
    if (block.type === 'context') {
      expect((b.elements ?? []).length).toBeLessThanOrEqual(L.contextElements);
      for (const e of b.elements ?? []) expect(e.text.length).toBeLessThanOrEqual(L.textObject);
    }
    for (const t of textsOf(block)) {
      expect(t.text.length, 'Slack rejects empty text').toBeGreaterThan(0);
      // No entity cut in half in mrkdwn: every `&` starts one of the three Slack uses.
      if (t.type === 'mrkdwn') expect(t.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  }
}

describe('weeklyReportBlocks', () => {
  const message = weeklyReportBlocks(sampleWeeklyReport(), { ticketLink: link });
  const { blocks } = message;

  it('has a one-line fallback headline and a header', () => {
    expect(message.text).toBe('Weekly spend 2026-11-16 – 2026-11-22: $4.20, ▼ 16% vs last week ($5.00) · 950 tickets');
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Weekly spend report · 2026-11-16 – 2026-11-22', emoji: true } });
    const context = textsOf(blocks[1] as KnownBlock)[0]?.text ?? '';
    expect(context).toContain('Week 2026-11-16 – 2026-11-22 (Europe/Berlin)');
    expect(context).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-11-23 08:00 UTC>/);
  });

  it('puts the headline numbers in section fields, the saving labelled as an estimate', () => {
    const fields = textsOf(blocks[2] as KnownBlock).map((f) => f.text);
    expect(fields).toEqual([
      '*Spend*\n$4.20',
      '*Change*\n▼ 16% vs last week ($5.00)',
      '*Estimated saving*\n$12.60 (75%) vs every call on gpt-5.4',
      '*Tickets*\n950 handled · 900 resolved',
      '*Cost per ticket*\n$0.0044 · $0.0047 per resolved',
      '*Second opinions*\n12% · 110 tickets · $1.20',
      '*Cache share*\n60% of input tokens',
      '*Calls*\n3,210 (12 failed) · 2.9M in, 610k out',
    ]);
    expect(sectionStarting(blocks, '*Second opinion because:*').text).toContain('refund requested 48 · low model confidence 31');
  });

  it('shows each breakdown as name / figures field pairs', () => {
    expect(sectionStarting(blocks, '*Spend by tier*').fields).toEqual([
      '*nano*',
      '$0.90 · 21% · 2,100 calls',
      '*mini*',
      '$2.10 · 50% · 1,000 calls',
      '*flagship*',
      '$1.20 · 29% · 110 calls',
    ]);
    expect(sectionStarting(blocks, '*Spend by stage*').fields).toHaveLength(10);
    expect(sectionStarting(blocks, '*Spend by platform*').fields).toEqual(['*slack*', '$2.70 · 64% · 2,000 calls', '*discord*', '$1.50 · 36% · 1,210 calls']);
    // Slack channels as mentions (Slack shows the current name); other platforms' channels as text.
    expect(sectionStarting(blocks, '*Spend by channel*').fields.slice(0, 4)).toEqual([
      '*<#C0SUPPORT1>*',
      '$2.00 · 48% · 420 tickets · 1,500 calls',
      '*discord 1100000000000000001*',
      '$1.50 · 36% · 380 tickets · 1,210 calls',
    ]);
  });

  it('folds a breakdown of more than five rows into "N others"', () => {
    const report = sampleWeeklyReport();
    const byChannel = Array.from({ length: 8 }, (_, i) => ({ platform: 'slack', channelId: `C${i}`, tickets: 1, calls: 10, costUsd: 0.5, costNanos: 500000000 }));
    const fields = sectionStarting(weeklyReportBlocks({ ...report, byChannel }, { ticketLink: link }).blocks, '*Spend by channel*').fields;
    expect(fields).toHaveLength(10);
    expect(fields.slice(-2)).toEqual(['*4 others*', '$2.00 · 48% · 4 tickets · 40 calls']);
  });

  it('links top tickets to their threads, escaped, and leaves a ticket without a link as plain text', () => {
    const lines = sectionStarting(blocks, '*Top 5 most expensive tickets*').text.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      '*#812* · :warning: high · $0.031 · 7 calls · <https://example.slack.com/archives/C0SUPPORT1/p1763366400000100|Charged twice for the annual plan &lt;refund&gt;>',
    );
    expect(lines[2]).toContain('|Data export lost half our ∗projects∗>');
    expect(lines[4]).toBe('*#733* · :rotating_light: urgent · $0.018 · 5 calls · API returns 500 on every request');
    expect(lines[5]).toContain('|Cancel my account &amp; refund>');
    const all = allText(blocks);
    expect(all).not.toContain('<refund>');
    expect(all).not.toContain('*projects*');
    expect(all).not.toMatch(/& refund/);
  });

  it('links only http(s) URLs and cannot be broken out of by the URL', () => {
    const top = (ticketLink: (t: TicketSpend) => string | null) =>
      sectionStarting(weeklyReportBlocks(sampleWeeklyReport(), { ticketLink }).blocks, '*Top 5').text.split('\n')[1] ?? '';
    expect(top(() => 'javascript:alert(1)')).toBe('*#812* · :warning: high · $0.031 · 7 calls · Charged twice for the annual plan &lt;refund&gt;');
    expect(top(() => 'https://x.example/a|<!channel>')).toContain('<https://x.example/a%7C%3C!channel%3E|Charged twice');
  });

  it('escapes titles and channel ids that try to ping, link or format', () => {
    const report = sampleWeeklyReport();
    const [first, ...rest] = report.topTickets;
    if (!first) throw new Error('fixture has tickets');
    const out = weeklyReportBlocks(
      {
        ...report,
        topTickets: [{ ...first, title: '<!channel> @here see <https://evil.example|invoice> ~gone~ `code` _it_' }, ...rest],
        byChannel: [{ platform: 'slack', channelId: '<@U0ADMIN>*x*', tickets: 1, calls: 1, costUsd: 1, costNanos: 1000000000 }],
      },
      { ticketLink: () => null },
    );
    const all = allText(out.blocks);
    expect(all).toContain('&lt;!channel&gt; @\u2060here see &lt;https://evil.example|invoice&gt; ∼gone∼ ˋcodeˋ ˍitˍ');
    expect(all).toContain('*slack &lt;@U0ADMIN&gt;∗x∗*');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U0ADMIN>');
    // `snake_case` formats nothing in Slack and is kept as typed.
    expect(reportText('snake_case_name & _x_')).toBe('snake_case_name &amp; ˍxˍ');
  });

  it('shows the budget level in words, the caps and the degraded tickets', () => {
    expect(sectionStarting(blocks, '*Budget:*').text).toBe(
      [
        '*Budget:* :large_green_circle: *Normal* — every stage on its usual model',
        'Daily $0.31 of $2.00 (16%) · $1.69 left (2026-11-23)',
        'Monthly $14.60 of $30.00 (49%) · $15.40 left (2026-11)',
        'Alert at 80% of a cap · 10% kept for urgent tickets',
        'Tickets degraded by the budget this week:',
        '• budget low: mini instead of the flagship · 4 tickets',
      ].join('\n'),
    );
    const base = sampleWeeklyReport();
    const budget = base.budget;
    if (!budget) throw new Error('fixture has a budget');
    for (const level of BUDGET_LEVELS) {
      const text = sectionStarting(weeklyReportBlocks({ ...base, budget: { ...budget, level } }, { ticketLink: link }).blocks, '*Budget:*').text;
      expect(text.split('\n')[0]).toContain(`*${BUDGET_LEVEL_NAMES[level]}* — `);
    }
    expect(sectionStarting(weeklyReportBlocks({ ...base, budget: null }, { ticketLink: link }).blocks, '*Budget:*').text).toContain('no caps configured');
  });

  it('adds the offline line only when offline calls would have cost something', () => {
    expect(allText(blocks)).not.toMatch(/offline/i);
    const report = sampleWeeklyReport();
    const out = weeklyReportBlocks({ ...report, totals: { ...report.totals, estimatedCostUsd: 0.52 } }, { ticketLink: link });
    const last = out.blocks.at(-1) as KnownBlock;
    expect(last.type).toBe('context');
    expect(textsOf(last)[0]?.text).toContain('would have cost $0.52 (estimate)');
  });

  it('renders null fractions as — and an empty week without NaN, Infinity, undefined or null', () => {
    const report = sampleWeeklyReport();
    const nulls = weeklyReportBlocks({ ...report, secondOpinions: { ...report.secondOpinions, rate: null }, cache: { ...report.cache, share: null } }, { ticketLink: link });
    const fields = textsOf(nulls.blocks[2] as KnownBlock).map((f) => f.text);
    expect(fields).toContain('*Second opinions*\n— · 110 tickets · $1.20');
    expect(fields).toContain('*Cache share*\n— of input tokens');

    const empty = weeklyReportBlocks(emptyWeek(), { ticketLink: link });
    const text = `${empty.text}\n${allText(empty.blocks)}`;
    expect(text).not.toMatch(/NaN|Infinity|undefined|\bnull\b/);
    expect(JSON.stringify(empty.blocks)).not.toMatch(/NaN|Infinity|undefined|null/);
    expect(sectionStarting(empty.blocks, '*Spend by tier*').text).toBe('*Spend by tier*\nnone');
    expect(sectionStarting(empty.blocks, '*Most expensive tickets*').text).toContain('none this week');
    expectWithinSlackLimits(empty);
  });

  it('stays within every Slack limit for absurd input', () => {
    const huge = 'x&<*'.repeat(5_000);
    const report = sampleWeeklyReport({
      week: { ...sampleWeeklyReport().week, start: `2026-11-16${huge}`, timeZone: huge },
      byModel: Array.from({ length: 300 }, (_, i) => ({ key: `${huge}${i}`, calls: 1, costUsd: 1, costNanos: 1000000000, estimatedCostUsd: 1, estimatedCostNanos: 1000000000, inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 })),
      byChannel: Array.from({ length: 500 }, (_, i) => ({ platform: huge, channelId: `${huge}${i}`, tickets: 1, calls: 1, costUsd: 1, costNanos: 1000000000 })),
      secondOpinions: { tickets: 1, rate: 1, costUsd: 1, reasons: Array.from({ length: 500 }, (_, i) => ({ code: `${huge}${i}`, tickets: 1 })) },
      flagshipEquivalent: { model: huge, costUsd: 2, savingUsd: 1, savingFraction: 0.5 },
      topTickets: Array.from({ length: 50 }, (_, i) => ({ ...sampleWeeklyReport().topTickets[0]!, ticketId: i + 1, title: huge, urgency: huge })),
      budgetDegraded: Array.from({ length: 500 }, (_, i) => ({ code: `${huge}${i}`, tickets: 1 })),
    });
    const longLink = () => `https://example.com/${'a'.repeat(900)}`;
    const out = weeklyReportBlocks(report, { ticketLink: longLink });
    expectWithinSlackLimits(out);
    // A link is whole or not there: a line that had to be shortened lost its link, not half of it.
    const top = sectionStarting(out.blocks, '*Top 5').text.split('\n');
    const tickets = top.slice(1, -1);
    expect(tickets.length).toBeGreaterThan(0);
    for (const line of tickets) expect(line).toMatch(/^\*#\d+\* · (.*<https:\/\/example\.com\/a+\|[^<>]*>|[^<>]*…)$/);
    expect(tickets.filter((line) => line.includes('<https://'))).not.toHaveLength(0);
    expect(top.at(-1)).toMatch(/^…and \d+ more$/);
  });
});

describe('budgetAlertBlocks', () => {
  const cap = sampleWeeklyReport().budget?.daily;
  if (!cap) throw new Error('fixture has a daily cap');
  const alert: BudgetAlert = { kind: 'threshold', cap: { ...cap, spentUsd: 1.62, leftUsd: 0.38, usedFraction: 0.81 }, level: 'economy', alertThreshold: 0.8 };

  it('says which threshold was crossed, the cap and the level now', () => {
    const out = budgetAlertBlocks(alert);
    expect(out.text).toBe('Budget alert: daily spend passed 80% of the cap · Daily $1.62 of $2.00 (81%) · $0.38 left (2026-11-23) · now Economy');
    expect(out.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Budget alert: daily spend passed 80% of the cap', emoji: true } });
    expect(textsOf(out.blocks[1] as KnownBlock).map((f) => f.text)).toEqual([
      '*Cap*\nDaily $1.62 of $2.00 (81%) · $0.38 left (2026-11-23)',
      '*Level now*\n:large_yellow_circle: Economy',
    ]);
    expect(allText(out.blocks)).toContain('flagship work goes to mini, except for urgent tickets');
    expectWithinSlackLimits(out);
  });

  it('says when a cap is exhausted and the bot stopped', () => {
    const out = budgetAlertBlocks({ ...alert, kind: 'exhausted', level: 'stopped', cap: { ...alert.cap, spentUsd: 2, leftUsd: 0, usedFraction: 1 } });
    expect(out.text).toMatch(/^Budget nearly spent: only the urgent reserve of the daily cap is left/);
    expect(allText(out.blocks)).toContain(':red_circle: Stopped');
    expect(allText(out.blocks)).toContain('(100%)');
  });
});
