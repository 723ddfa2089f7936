/**
 * The weekly report's shared wording (`report-numbers.ts`) and the plain-text
 * report and budget alert (`report-text.ts`): real figures from the fixture,
 * section order, aligned tables, links only where there is one, nothing a
 * terminal would obey, and no NaN / Infinity / undefined for an empty week.
 */
import { describe, expect, it } from 'vitest';
import {
  BUDGET_LEVEL_MEANINGS,
  BUDGET_LEVEL_NAMES,
  CHART_FILE_NAME,
  budgetAlertWords,
  budgetLevelLabel,
  capStatusLine,
  clip,
  fitLines,
  foldRest,
  formatChange,
  formatCount,
  formatPercent,
  formatTokens,
  formatUsd,
  reportHeadline,
  spendItems,
} from '../src/present/report-numbers.js';
import { budgetAlertText, plainText, weeklyReportText } from '../src/present/report-text.js';
import { BUDGET_LEVELS } from '../src/domain/index.js';
import type { BudgetAlert, TicketSpend } from '../src/domain/index.js';
import { emptyWeeklyReport as emptyWeek, sampleWeeklyReport } from './fixtures/weekly-report.js';

const link = (ticket: TicketSpend): string | null =>
  ticket.platform === 'console' ? null : `https://example.com/${ticket.platform}/${ticket.channelId}/${ticket.threadId}`;

/** A week with nothing in it: zeros, empty lists, every nullable null. */

const BAD_VALUES = /NaN|Infinity|undefined|\bnull\b/;

/** The lines of one section: from its title to the next blank line. */
function sectionOf(text: string, title: string): string[] {
  const start = text.split('\n\n').find((block) => block.startsWith(title));
  if (!start) throw new Error(`no section ${title} in:\n${text}`);
  return start.split('\n');
}

describe('report numbers', () => {
  it('formats dollars: cents, sub-cent, thousands, negatives, never -$0.00', () => {
    expect(formatUsd(4.2)).toBe('$4.20');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(4.2 / 950)).toBe('$0.0044');
    expect(formatUsd(0.031)).toBe('$0.031');
    expect(formatUsd(0.0999)).toBe('$0.10');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(-0.8)).toBe('-$0.80');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-0)).toBe('$0.00');
    expect(formatUsd(-0.000_000_4)).toBe('$0.00');
    expect(formatUsd(-0.004)).toBe('-$0.004');
    expect(formatUsd(Number.NaN)).toBe('—');
    expect(formatUsd(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('formats the change against last week with an arrow, or says there was nothing last week', () => {
    expect(formatChange({ costUsd: 5, changeUsd: -0.8, changeFraction: -0.16 })).toBe('▼ 16% vs last week ($5.00)');
    expect(formatChange({ costUsd: 4, changeUsd: 1, changeFraction: 0.25 })).toBe('▲ 25% vs last week ($4.00)');
    expect(formatChange({ costUsd: 5, changeUsd: 0, changeFraction: 0 })).toBe('unchanged vs last week ($5.00)');
    expect(formatChange({ costUsd: 0, changeUsd: 4.2, changeFraction: null })).toBe('no spend last week');
    // A fraction missing although last week had spend: worked out from the amounts.
    expect(formatChange({ costUsd: 2, changeUsd: 1, changeFraction: null })).toBe('▲ 50% vs last week ($2.00)');
  });

  it('formats percentages, with — for null and non-finite values', () => {
    expect(formatPercent(0.155)).toBe('16%');
    expect(formatPercent(0.6)).toBe('60%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.004)).toBe('<1%');
    expect(formatPercent(0.996)).toBe('>99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('formats token counts and plain counts', () => {
    expect(formatTokens(2_900_000)).toBe('2.9M');
    expect(formatTokens(1_740_000)).toBe('1.7M');
    expect(formatTokens(610_000)).toBe('610k');
    expect(formatTokens(12_345)).toBe('12k');
    expect(formatTokens(1_500)).toBe('1.5k');
    expect(formatTokens(999_999)).toBe('1M');
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(0)).toBe('0');
    expect(formatTokens(Number.NaN)).toBe('—');
    expect(formatCount(3_210)).toBe('3,210');
    expect(formatCount(-0.4)).toBe('0');
    expect(formatTokens(-0.4)).toBe('0');
  });

  it('names every budget level and words a cap on one line', () => {
    expect(Object.keys(BUDGET_LEVEL_NAMES).sort()).toEqual([...BUDGET_LEVELS].sort());
    expect(Object.keys(BUDGET_LEVEL_MEANINGS).sort()).toEqual([...BUDGET_LEVELS].sort());
    expect(budgetLevelLabel('economy')).toBe('Economy — flagship work goes to mini, except for urgent tickets');
    const daily = sampleWeeklyReport().budget?.daily;
    if (!daily) throw new Error('fixture has a daily cap');
    expect(capStatusLine(daily)).toBe('Daily $0.31 of $2.00 (16%) · $1.69 left');
  });

  it('gives one headline for every formatter, the saving labelled as an estimate', () => {
    const h = reportHeadline(sampleWeeklyReport());
    expect(h.spend).toBe('$4.20');
    expect(h.change).toBe('▼ 16% vs last week ($5.00)');
    expect(h.savingLabel).toMatch(/estimate/i);
    expect(h.saving).toBe('$12.60 (75%) vs every call on gpt-5.4');
    expect(h.period).toBe('2026-11-16 – 2026-11-22 (Europe/Berlin)');
    expect(h.summary).toContain('$4.20');
    expect(CHART_FILE_NAME).toBe('spend-chart.png');
  });

  it('keeps a runaway time zone or model name from crowding out the headline', () => {
    const report = sampleWeeklyReport();
    const h = reportHeadline({ ...report, week: { ...report.week, timeZone: 'Z'.repeat(10_000) }, flagshipEquivalent: { ...report.flagshipEquivalent, model: 'M'.repeat(10_000) } });
    expect(h.period).toBe(`2026-11-16 – 2026-11-22 (${'Z'.repeat(59)}…)`);
    expect(h.saving).toBe(`$12.60 (75%) vs every call on ${'M'.repeat(59)}…`);
    expect(clip('ab\n\ncd', 10)).toBe('ab cd');
    // Never half an emoji before the ellipsis.
    expect(clip('abc😀def', 5)).toBe('abc…');
  });

  it('says when there is no saving or nothing to compare', () => {
    const report = sampleWeeklyReport();
    expect(reportHeadline({ ...report, flagshipEquivalent: { model: 'gpt-5.4', costUsd: 0, savingUsd: 0, savingFraction: null } }).saving).toMatch(/^n\/a/);
    expect(reportHeadline({ ...report, flagshipEquivalent: { model: 'gpt-5.4', costUsd: 1, savingUsd: -0.1, savingFraction: -0.1 } }).saving).toMatch(/^none.*\$0\.10 less/);
  });

  it('folds a long breakdown into "N others" that sums the rest', () => {
    const items = spendItems(sampleWeeklyReport().byStage);
    const folded = foldRest(items, 3);
    expect(folded.map((item) => item.key)).toEqual(['draft', 'second_opinion', '3 others']);
    expect(folded[2]?.calls).toBe(500 + 1_050 + 1_050);
    expect(folded[2]?.costUsd).toBeCloseTo(0.6 + 0.5 + 0.4);
    expect(foldRest(items, 5)).toHaveLength(5);
  });

  it('fits whole lines and says how many were left out', () => {
    const lines = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    expect(fitLines(lines, 200, () => '')).toBe(lines.join('\n'));
    const fitted = fitLines(lines, 100, () => '');
    expect(fitted).toBe(`${lines[0]}\n${lines[1]}\n…and 1 more`);
    expect(fitted.length).toBeLessThanOrEqual(100);
    // The note's room is kept: one line fewer rather than a note past the limit.
    expect(fitLines(lines, 92, () => '')).toBe(`${lines[0]}\n…and 2 more`);
    // Not even the first line fits: the platform's shortener cuts it, the note stays.
    const short = fitLines(lines, 30, (index, room) => `${index}:${'x'.repeat(room - 2)}`);
    expect(short.length).toBeLessThanOrEqual(30);
    expect(short).toMatch(/^0:x+\n…and 2 more$/);
    // A line that does not fit whole is shortened when enough room is left for it, then the note.
    const middle = fitLines(['a'.repeat(40), 'b'.repeat(100), 'c'.repeat(10)], 120, (index, room) => String(index).repeat(room));
    expect(middle).toBe(`${'a'.repeat(40)}\n${'1'.repeat(67)}\n…and 1 more`);
    expect(middle).toHaveLength(120);
  });
});

describe('weeklyReportText', () => {
  const text = weeklyReportText(sampleWeeklyReport(), { ticketLink: link });

  it('opens with the week, the total and its change, and the saving as an estimate', () => {
    const [title, spend, saving, calls] = text.split('\n');
    expect(title).toBe('Weekly spend report · 2026-11-16 – 2026-11-22 (Europe/Berlin)');
    expect(spend).toBe('Spend: $4.20, ▼ 16% vs last week ($5.00)');
    expect(saving).toBe('Estimated saving: $12.60 (75%) vs every call on gpt-5.4');
    expect(calls).toBe('Calls: 3,210 (12 failed) · tokens 2.9M in, 610k out');
  });

  it('keeps the sections in order', () => {
    const titles = [
      'Weekly spend report',
      'Tickets',
      'Second opinions on drafts',
      'Cache',
      'Spend by tier',
      'Spend by model',
      'Spend by stage',
      'Spend by platform',
      'Spend by channel',
      'Top 5 most expensive tickets',
      'Budget: ',
    ];
    const positions = titles.map((title) => text.indexOf(`${title === 'Weekly spend report' ? '' : '\n\n'}${title}`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows tickets, second opinions with reason labels, and the cache share', () => {
    expect(sectionOf(text, 'Tickets')).toEqual([
      'Tickets',
      '  Handled              950',
      '  Resolved             900 (95%)',
      '  Cost per ticket      $0.0044',
      '  Per resolved ticket  $0.0047',
    ]);
    const secondOpinions = sectionOf(text, 'Second opinions');
    expect(secondOpinions[1]).toBe('  110 tickets, 12% of tickets worked on, $1.20');
    expect(secondOpinions).toContain('  refund requested                  48');
    expect(secondOpinions).toContain('  amount over the review threshold  17');
    expect(sectionOf(text, 'Cache')[1]).toBe('  60% of input tokens cached (1.7M of 2.9M)');
  });

  it('shows each tier with calls, cost and share in aligned columns', () => {
    expect(sectionOf(text, 'Spend by tier')).toEqual([
      'Spend by tier',
      '  tier      calls   cost  share',
      '  nano      2,100  $0.90    21%',
      '  mini      1,000  $2.10    50%',
      '  flagship    110  $1.20    29%',
    ]);
    // Every table's figures end in the same columns.
    for (const title of ['Spend by model', 'Spend by stage', 'Spend by platform', 'Spend by channel']) {
      const rows = sectionOf(text, title).slice(1);
      expect(new Set(rows.map((row) => row.length)).size, title).toBe(1);
    }
    expect(sectionOf(text, 'Spend by channel')).toContain('  slack C0SUPPORT1                 420  1,500  $2.00    48%');
  });

  it('lists the top tickets with a link only where there is one', () => {
    const top = sectionOf(text, 'Top 5');
    expect(top).toEqual([
      'Top 5 most expensive tickets',
      '  1. #812 · high · $0.031 · 7 calls · sent',
      '     Charged twice for the annual plan <refund>',
      '     https://example.com/slack/C0SUPPORT1/1763366400.000100',
      '  2. #640 · urgent · $0.027 · 6 calls · awaiting review',
      '     Data export lost half our *projects*',
      '     https://example.com/discord/1100000000000000001/1300000000000000640',
      '  3. #901 · normal · $0.019 · 5 calls · sent',
      '     Invoice shows the wrong VAT number',
      '     https://example.com/slack/C0BILLING2/1763452800.000200',
      '  4. #733 · urgent · $0.018 · 5 calls · sent',
      '     API returns 500 on every request',
      '  5. #702 · high · $0.017 · 5 calls · closed',
      '     Cancel my account & refund',
      '     https://example.com/discord/1100000000000000001/1300000000000000702',
    ]);
    // Without the option no ticket has a link.
    expect(weeklyReportText(sampleWeeklyReport())).not.toContain('https://');
  });

  it('shows the budget level, both caps and the tickets the budget degraded', () => {
    expect(sectionOf(text, 'Budget: ')).toEqual([
      'Budget: Normal — every stage on its usual model',
      '  Daily $0.31 of $2.00 (16%) · $1.69 left (2026-11-23)',
      '  Monthly $14.60 of $30.00 (49%) · $15.40 left (2026-11)',
      '  Alert at 80% of a cap · 10% kept for urgent tickets',
      '  Tickets degraded by the budget this week:',
      '    budget low: mini instead of the flagship  4',
    ]);
    const base = sampleWeeklyReport();
    const budget = base.budget;
    if (!budget) throw new Error('fixture has a budget');
    for (const level of BUDGET_LEVELS) {
      expect(weeklyReportText({ ...base, budget: { ...budget, level } })).toContain(`Budget: ${BUDGET_LEVEL_NAMES[level]} — `);
    }
    expect(weeklyReportText({ ...base, budget: null })).toContain('Budget: no caps configured');
  });

  it('mentions offline calls only when they would have cost something', () => {
    expect(text).not.toMatch(/offline/i);
    const report = sampleWeeklyReport();
    const offline = weeklyReportText({ ...report, totals: { ...report.totals, estimatedCostUsd: 0.52 } });
    expect(offline).toContain('Offline calls were not billed; on the configured models they would have cost $0.52 (estimate).');
  });

  it('adds an offline column to a breakdown that has offline estimates', () => {
    const report = sampleWeeklyReport();
    const byTier = report.byTier.map((line) => (line.key === 'nano' ? { ...line, estimatedCostUsd: 0.25 } : line));
    const tiers = sectionOf(weeklyReportText({ ...report, byTier }), 'Spend by tier');
    expect(tiers[1]).toMatch(/share {2}offline est\.$/);
    expect(tiers[2]).toMatch(/^ {2}nano .*21% +\$0\.25$/);
  });

  it('renders null fractions as — rather than NaN or null', () => {
    const report = sampleWeeklyReport();
    const out = weeklyReportText({
      ...report,
      secondOpinions: { ...report.secondOpinions, rate: null },
      cache: { ...report.cache, share: null },
      tickets: { ...report.tickets, costPerTicketUsd: null, costPerResolvedTicketUsd: null },
    });
    expect(sectionOf(out, 'Second opinions')[1]).toBe('  110 tickets, — of tickets worked on, $1.20');
    expect(sectionOf(out, 'Cache')[1]).toMatch(/^ {2}— of input tokens cached/);
    expect(sectionOf(out, 'Tickets')).toContain('  Cost per ticket      —');
    expect(out).not.toMatch(BAD_VALUES);
  });

  it('formats an empty week without NaN, Infinity, undefined or null', () => {
    const out = weeklyReportText(emptyWeek(), { ticketLink: link });
    expect(out).not.toMatch(BAD_VALUES);
    expect(out).toContain('Spend: $0.00, no spend last week');
    expect(out).toContain('Estimated saving: n/a');
    expect(sectionOf(out, 'Spend by tier')).toEqual(['Spend by tier', '  none']);
    expect(sectionOf(out, 'Most expensive tickets')).toEqual(['Most expensive tickets', '  none this week']);
    expect(out).toContain('No ticket was degraded by the budget this week.');
    // Caps that exist but saw no spend, and a zero cap, are fine too.
    const zeroCaps = emptyWeek({
      budget: {
        level: 'stopped',
        alertThreshold: 0.8,
        urgentReserve: 0.1,
        daily: { period: 'daily', periodKey: '2026-11-23', capUsd: 0, spentUsd: 0, leftUsd: 0, usedFraction: Number.NaN, level: 'stopped' },
        monthly: { period: 'monthly', periodKey: '2026-11', capUsd: 30, spentUsd: 0, leftUsd: 30, usedFraction: 0, level: 'normal' },
      },
    });
    const capped = weeklyReportText(zeroCaps);
    expect(capped).not.toMatch(BAD_VALUES);
    expect(capped).toContain('Daily $0.00 of $0.00 (—)');
  });

  it('keeps control characters and long titles out of the terminal', () => {
    const report = sampleWeeklyReport();
    const [first, ...rest] = report.topTickets;
    if (!first) throw new Error('fixture has tickets');
    const hostile = { ...first, title: `Red \u001b[31malert\u001b[0m\r\nfake line \u202eevil ${'x'.repeat(300)}` };
    const out = weeklyReportText({ ...report, topTickets: [hostile, ...rest], byChannel: [{ ...report.byChannel[0]!, channelId: 'C1\u0007\nC2' }] }, {
      ticketLink: () => 'https://example.com/a\u001b]8;;https://evil\u0007',
    });
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    const titleLine = out.split('\n').find((line) => line.includes('Red '));
    expect(titleLine?.trim().startsWith('Red [31malert [0m fake line evil x')).toBe(true);
    expect(titleLine?.trim().length).toBeLessThanOrEqual(100);
    expect(titleLine?.endsWith('…')).toBe(true);
    expect(out).toContain('slack C1 C2');
    // A link with spaces after cleaning is no link.
    expect(out).not.toContain('https://example.com/a');
    expect(plainText('a\tb\n\nc')).toBe('a b c');
  });
});

describe('budgetAlertText', () => {
  const cap = sampleWeeklyReport().budget?.daily;
  if (!cap) throw new Error('fixture has a daily cap');
  const alert: BudgetAlert = { kind: 'threshold', cap: { ...cap, spentUsd: 1.62, leftUsd: 0.38, usedFraction: 0.81 }, level: 'economy', alertThreshold: 0.8 };

  it('says which threshold was crossed, the cap, and what the bot does now', () => {
    expect(budgetAlertText(alert)).toBe(
      [
        'Budget alert: daily spend passed 80% of the cap',
        'Daily $1.62 of $2.00 (81%) · $0.38 left (2026-11-23)',
        'Level: Economy — flagship work goes to mini, except for urgent tickets',
      ].join('\n'),
    );
  });

  it('says when a cap is exhausted', () => {
    const text = budgetAlertText({ ...alert, kind: 'exhausted', level: 'stopped', cap: { ...alert.cap, period: 'monthly', periodKey: '2026-11', spentUsd: 30, capUsd: 30, leftUsd: 0, usedFraction: 1 } });
    expect(text.split('\n')[0]).toBe('Budget nearly spent: only the urgent reserve of the monthly cap is left; non-urgent tickets get no draft');
    expect(text).toContain('Monthly $30.00 of $30.00 (100%) · $0.00 left (2026-11)');
    expect(text).toContain('Level: Stopped — ');
    expect(budgetAlertWords({ ...alert, level: 'triage_only' }).summary).toContain('now Triage only');
  });
});
