/**
 * The weekly report and budget alert as Discord embeds: the fixture's real
 * figures in the right fields, masked links to ticket threads (plain titles
 * where there is no link), escaping of titles and ids, the chart image, the
 * offline field only when it applies, no NaN for an empty week, and every
 * embed limit (6,000 characters in all) under absurd input.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BUDGET_LEVEL_COLOURS, budgetAlertEmbeds, weeklyReportEmbeds } from '../../adapters/discord/report-format.js';
import { DISCORD_LIMITS } from '../../adapters/discord/limits.js';
import { BUDGET_LEVEL_NAMES, CHART_FILE_NAME } from '../../src/present/report-numbers.js';
import { BUDGET_LEVELS } from '../../src/domain/index.js';
import type { BudgetAlert, TicketSpend } from '../../src/domain/index.js';
import { emptyWeeklyReport as emptyWeek, sampleWeeklyReport } from '../fixtures/weekly-report.js';

const L = DISCORD_LIMITS;

const link = (ticket: TicketSpend): string | null =>
  ticket.platform === 'console' ? null : `https://discord.com/channels/1100000000000000000/${ticket.threadId}`;


function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('expected one item');
  return item;
}

function fieldNamed(embed: APIEmbed, prefix: string): APIEmbedField {
  const field = (embed.fields ?? []).find((f) => f.name.startsWith(prefix));
  if (!field) throw new Error(`no field ${prefix}; fields: ${(embed.fields ?? []).map((f) => f.name).join(', ')}`);
  return field;
}

/** Counted here, not with the adapter's own `embedLength`, so a bug there cannot hide one in the formatter. */
function countedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length + fields;
}

function expectWithinDiscordLimits(message: { content: string; embeds: APIEmbed[] }): void {
  expect(message.content.length).toBeGreaterThan(0);
  expect(message.content.length).toBeLessThanOrEqual(L.messageContent);
  expect(message.embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
  let total = 0;
  for (const embed of message.embeds) {
    expect((embed.title ?? '').length).toBeLessThanOrEqual(L.embedTitle);
    expect((embed.description ?? '').length).toBeLessThanOrEqual(L.embedDescription);
    expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(L.embedFooter);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(L.embedFields);
    for (const f of embed.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(L.embedFieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(L.embedFieldValue);
    }
    total += countedLength(embed);
  }
  expect(total).toBeLessThanOrEqual(L.embedTotal);
}

const allText = (message: { content: string; embeds: APIEmbed[] }): string =>
  [
    message.content,
    ...message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ].join('\n');

describe('weeklyReportEmbeds', () => {
  const message = weeklyReportEmbeds(sampleWeeklyReport(), { ticketLink: link });
  const embed = only(message.embeds);

  it('has a short headline as content, a title and the headline as description', () => {
    expect(message.content).toBe('Weekly spend 2026-11-16 – 2026-11-22: $4.20, ▼ 16% vs last week \\($5.00\\) · 950 tickets');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(embed.title).toBe('Weekly spend report · 2026-11-16 – 2026-11-22');
    expect(embed.description?.split('\n')).toEqual([
      '**Spend $4.20**, ▼ 16% vs last week ($5.00)',
      'Estimated saving: $12.60 \\(75%\\) vs every call on gpt-5.4',
      'Week 2026-11-16 – 2026-11-22 \\(Europe/Berlin\\)',
    ]);
    expect(embed.footer?.text).toBe('3,210 calls (12 failed) · 2.9M input tokens, 610k output');
    expect(embed.timestamp).toBe('2026-11-23T08:00:00.000Z');
    expect(embed.color).toBe(BUDGET_LEVEL_COLOURS.normal);
  });

  it('puts the key numbers in inline fields, the saving labelled as an estimate', () => {
    const inline = (embed.fields ?? []).filter((f) => f.inline).map((f) => [f.name, f.value]);
    expect(inline).toEqual([
      ['Spend', '$4.20'],
      ['Change', '▼ 16% vs last week ($5.00)'],
      ['Estimated saving', '$12.60 \\(75%\\) vs every call on gpt-5.4'],
      ['Tickets', '950 handled · 900 resolved'],
      ['Cost per ticket', '$0.0044 · $0.0047 per resolved'],
      ['Second opinions', '12% · 110 tickets · $1.20'],
      ['Cache share', '60% of input tokens'],
    ]);
  });

  it('lists each breakdown, one line per row', () => {
    expect(fieldNamed(embed, 'Spend by tier').value.split('\n')).toEqual([
      '**nano** · $0.90 · 21% · 2,100 calls',
      '**mini** · $2.10 · 50% · 1,000 calls',
      '**flagship** · $1.20 · 29% · 110 calls',
    ]);
    expect(fieldNamed(embed, 'Spend by model').value).toContain('**gpt-5.4-mini** · $2.10 · 50% · 1,000 calls');
    expect(fieldNamed(embed, 'Spend by stage').value.split('\n')).toHaveLength(5);
    expect(fieldNamed(embed, 'Spend by platform').value).toContain('**discord** · $1.50 · 36% · 1,210 calls');
    expect(fieldNamed(embed, 'Spend by channel').value).toContain('**slack C0SUPPORT1** · $2.00 · 48% · 420 tickets · 1,500 calls');
    // Discord channels as mentions (shown as the channel's name, pinging no one).
    expect(fieldNamed(embed, 'Spend by channel').value).toContain('**<#1100000000000000001>** · $1.50 · 36% · 380 tickets · 1,210 calls');
    expect(fieldNamed(embed, 'Second opinion because').value).toContain('refund requested · 48 tickets');
  });

  it('links top tickets as escaped masked links and shows a ticket without a link as plain text', () => {
    const lines = fieldNamed(embed, 'Top 5 most expensive tickets').value.split('\n');
    expect(lines).toEqual([
      '**#812** · 🟠 high · $0.031 · 7 calls · [Charged twice for the annual plan <refund\\>](https://discord.com/channels/1100000000000000000/1763366400.000100)',
      '**#640** · 🔴 urgent · $0.027 · 6 calls · [Data export lost half our \\*projects\\*](https://discord.com/channels/1100000000000000000/1300000000000000640)',
      '**#901** · 🔵 normal · $0.019 · 5 calls · [Invoice shows the wrong VAT number](https://discord.com/channels/1100000000000000000/1763452800.000200)',
      '**#733** · 🔴 urgent · $0.018 · 5 calls · API returns 500 on every request',
      '**#702** · 🟠 high · $0.017 · 5 calls · [Cancel my account & refund](https://discord.com/channels/1100000000000000000/1300000000000000702)',
    ]);
    expect(allText(message)).not.toContain('our *projects*');
    expect(allText(message)).not.toContain('&amp;');
  });

  it('links only http(s) URLs and encodes what would end the link', () => {
    const top = (ticketLink: (t: TicketSpend) => string | null) =>
      fieldNamed(only(weeklyReportEmbeds(sampleWeeklyReport(), { ticketLink }).embeds), 'Top 5').value.split('\n')[0] ?? '';
    expect(top(() => 'javascript:alert(1)')).toBe('**#812** · 🟠 high · $0.031 · 7 calls · Charged twice for the annual plan <refund\\>');
    expect(top(() => 'https://x.example/a_(b)[c]')).toContain('](https://x.example/a_%28b%29%5Bc%5D)');
    expect(top(() => 'https://x.example/a b')).not.toContain('](');
  });

  it('escapes titles and channel ids that try to ping, link or format', () => {
    const report = sampleWeeklyReport();
    const [first, ...rest] = report.topTickets;
    if (!first) throw new Error('fixture has tickets');
    const out = weeklyReportEmbeds(
      {
        ...report,
        topTickets: [{ ...first, title: '@everyone <@1130000000000000007> [pay](https://evil.example) ||x||' }, ...rest],
        byChannel: [{ platform: 'discord', channelId: '**<#1110000000000000004>**', tickets: 1, calls: 1, costUsd: 1, costNanos: 1000000000 }],
      },
      { ticketLink: () => null },
    );
    const all = allText(out);
    expect(all).toContain('@\u200beveryone <\u200b@1130000000000000007\\> \\[pay\\]\\(https://evil.example\\) \\|\\|x\\|\\|');
    expect(all).toContain('**discord \\*\\*<\u200b\\#1110000000000000004\\>\\*\\*** ·');
    expect(all).not.toContain('<@1130000000000000007>');
  });

  it('shows the spend chart when asked, and refuses a file name Discord could not match', () => {
    expect(embed.image).toBeUndefined();
    const charted = only(weeklyReportEmbeds(sampleWeeklyReport(), { ticketLink: link, chartFileName: CHART_FILE_NAME }).embeds);
    expect(charted.image).toEqual({ url: 'attachment://spend-chart.png' });
    expect(() => weeklyReportEmbeds(sampleWeeklyReport(), { ticketLink: link, chartFileName: '../chart.png?x' })).toThrow(RangeError);
  });

  it('shows the budget level in words, the caps and the degraded tickets', () => {
    expect(fieldNamed(embed, 'Budget').value.split('\n')).toEqual([
      '🟢 **Normal** — every stage on its usual model',
      'Daily $0.31 of $2.00 (16%) · $1.69 left (2026-11-23)',
      'Monthly $14.60 of $30.00 (49%) · $15.40 left (2026-11)',
      'Alert at 80% of a cap · 10% kept for urgent tickets',
      'Tickets degraded by the budget this week:',
      '• budget low: mini instead of the flagship · 4 tickets',
    ]);
    const base = sampleWeeklyReport();
    const budget = base.budget;
    if (!budget) throw new Error('fixture has a budget');
    for (const level of BUDGET_LEVELS) {
      const e = only(weeklyReportEmbeds({ ...base, budget: { ...budget, level } }, { ticketLink: link }).embeds);
      expect(fieldNamed(e, 'Budget').value).toContain(`**${BUDGET_LEVEL_NAMES[level]}** — `);
      expect(e.color).toBe(BUDGET_LEVEL_COLOURS[level]);
    }
    expect(fieldNamed(only(weeklyReportEmbeds({ ...base, budget: null }, { ticketLink: link }).embeds), 'Budget').value).toContain('No caps configured.');
  });

  it('adds the offline field only when offline calls would have cost something', () => {
    expect(allText(message)).not.toMatch(/offline/i);
    const report = sampleWeeklyReport();
    const e = only(weeklyReportEmbeds({ ...report, totals: { ...report.totals, estimatedCostUsd: 0.52 } }, { ticketLink: link }).embeds);
    expect(fieldNamed(e, 'Offline').value).toContain('would have cost $0.52 (estimate)');
  });

  it('renders null fractions as — and an empty week without NaN, Infinity, undefined or null', () => {
    const report = sampleWeeklyReport();
    const nulls = only(weeklyReportEmbeds({ ...report, secondOpinions: { ...report.secondOpinions, rate: null }, cache: { ...report.cache, share: null } }, { ticketLink: link }).embeds);
    expect(fieldNamed(nulls, 'Second opinions').value).toBe('— · 110 tickets · $1.20');
    expect(fieldNamed(nulls, 'Cache share').value).toBe('— of input tokens');

    const empty = weeklyReportEmbeds(emptyWeek(), { ticketLink: link });
    expect(allText(empty)).not.toMatch(/NaN|Infinity|undefined|\bnull\b/);
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity|undefined|null/);
    const e = only(empty.embeds);
    expect(fieldNamed(e, 'Spend by tier').value).toBe('none');
    expect(fieldNamed(e, 'Most expensive tickets').value).toBe('none this week');
    expect(e.description).toContain('**Spend $0.00**, no spend last week');
    expectWithinDiscordLimits(empty);
  });

  it('stays within every embed limit for absurd input, and every list keeps a share', () => {
    const huge = 'x*_[]'.repeat(4_000);
    const report = sampleWeeklyReport({
      week: { ...sampleWeeklyReport().week, start: `2026-11-16${huge}`, timeZone: huge },
      byTier: Array.from({ length: 300 }, (_, i) => ({ key: `${huge}${i}`, calls: 1, costUsd: 1, costNanos: 1000000000, estimatedCostUsd: 1, estimatedCostNanos: 1000000000, inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 })),
      byModel: Array.from({ length: 300 }, (_, i) => ({ key: `${huge}${i}`, calls: 1, costUsd: 1, costNanos: 1000000000, estimatedCostUsd: 0, estimatedCostNanos: 0, inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 })),
      byChannel: Array.from({ length: 500 }, (_, i) => ({ platform: huge, channelId: `${huge}${i}`, tickets: 1, calls: 1, costUsd: 1, costNanos: 1000000000 })),
      secondOpinions: { tickets: 1, rate: 1, costUsd: 1, reasons: Array.from({ length: 500 }, (_, i) => ({ code: `${huge}${i}`, tickets: 1 })) },
      flagshipEquivalent: { model: huge, costUsd: 2, savingUsd: 1, savingFraction: 0.5 },
      topTickets: Array.from({ length: 50 }, (_, i) => ({ ...sampleWeeklyReport().topTickets[0]!, ticketId: i + 1, title: huge, urgency: huge })),
      budgetDegraded: Array.from({ length: 500 }, (_, i) => ({ code: `${huge}${i}`, tickets: 1 })),
      totals: { ...sampleWeeklyReport().totals, estimatedCostUsd: 3 },
    });
    const out = weeklyReportEmbeds(report, { ticketLink: () => `https://example.com/${'a'.repeat(470)}`, chartFileName: CHART_FILE_NAME });
    expectWithinDiscordLimits(out);
    const e = only(out.embeds);
    // Nothing was dropped to fit: every field is there, each with real content.
    for (const name of ['Spend by tier', 'Spend by model', 'Spend by stage', 'Spend by channel', 'Second opinion because', 'Top 5', 'Budget', 'Offline']) {
      expect(fieldNamed(e, name).value.length, name).toBeGreaterThan(20);
    }
    expect(fieldNamed(e, 'Budget').value).toContain('**Normal**');
    expect(fieldNamed(e, 'Offline').value).toContain('$3.00');
    // Lists are cut at whole lines: a masked link is never cut in half.
    const top = fieldNamed(e, 'Top 5').value;
    expect(top).toMatch(/…and \d+ more$/);
    const tickets = top.split('\n').slice(0, -1);
    for (const line of tickets) expect(line).toMatch(/^\*\*#\d+\*\* · (.*\]\(https:\/\/example\.com\/a+\)|[^()]*…)$/);
    expect(tickets.filter((line) => line.includes('](https://'))).not.toHaveLength(0);
    expect(out.content.length).toBeLessThanOrEqual(L.messageContent);
  });
});

describe('budgetAlertEmbeds', () => {
  const cap = sampleWeeklyReport().budget?.daily;
  if (!cap) throw new Error('fixture has a daily cap');
  const alert: BudgetAlert = { kind: 'threshold', cap: { ...cap, spentUsd: 1.62, leftUsd: 0.38, usedFraction: 0.81 }, level: 'economy', alertThreshold: 0.8 };

  it('says which threshold was crossed, the cap and the level now', () => {
    const out = budgetAlertEmbeds(alert);
    const e = only(out.embeds);
    expect(out.content).toBe('Budget alert: daily spend passed 80% of the cap · Daily $1.62 of $2.00 \\(81%\\) · $0.38 left \\(2026-11-23\\) · now Economy');
    expect(e.title).toBe('Budget alert: daily spend passed 80% of the cap');
    expect(e.description).toBe('🟡 **Economy** — flagship work goes to mini, except for urgent tickets.');
    expect(e.color).toBe(BUDGET_LEVEL_COLOURS.economy);
    expect(fieldNamed(e, 'Cap').value).toBe('Daily $1.62 of $2.00 \\(81%\\) · $0.38 left \\(2026-11-23\\)');
    expect(fieldNamed(e, 'Alert threshold').value).toBe('80%');
    expectWithinDiscordLimits(out);
  });

  it('says when a cap is exhausted and the bot stopped', () => {
    const out = budgetAlertEmbeds({ ...alert, kind: 'exhausted', level: 'stopped', cap: { ...alert.cap, period: 'monthly', periodKey: '2026-11', spentUsd: 30, capUsd: 30, leftUsd: 0, usedFraction: 1 } });
    const e = only(out.embeds);
    expect(e.title).toBe('Budget nearly spent: only the urgent reserve of the monthly cap is left; non-urgent tickets get no draft');
    expect(e.description).toContain('**Stopped**');
    expect(e.color).toBe(BUDGET_LEVEL_COLOURS.stopped);
    expect(fieldNamed(e, 'Cap').value).toContain('\\(100%\\)');
  });
});
