// The spend dashboard: the weekly report for one week (GET /api/spend, the
// same numbers `npm run report -- --json` prints), as headline figures, a
// daily chart by tier, reasons as bars, the most expensive tickets and the
// budget. Every headline figure carries `data-field` (the report JSON path it
// shows) and `data-format` (how it is written), so a test can hold the page
// to the report. Text from tickets and settings goes in as text only.
import { announce, el } from './common.js';
import { countBars, dailyChart, dailyRows } from './spend-chart.js';
import { formatChange, formatCount, formatPercent, formatTokens, formatUsd, plural } from './spend-format.js';

const TIERS = ['nano', 'mini', 'flagship'];
const FORMATS = { usd: formatUsd, count: formatCount, percent: formatPercent, change: formatChange };

const byId = (id) => document.getElementById(id);

/** The value at a dotted path (`totals.costUsd`) of the report. */
function at(report, path) {
  return path.split('.').reduce((value, key) => (value === null || value === undefined ? undefined : value[key]), report);
}

/** A figure's value, written by its format, in an element a test can find by its report path. */
function value(report, field, format, words = {}) {
  const raw = at(report, field);
  const text = format === 'level' ? (words.budgetLevel?.name ?? String(raw)) : FORMATS[format](raw);
  return el('span', { 'data-field': field, 'data-format': format, text });
}

function figure(label, ...details) {
  return el('div', { class: 'figure' }, el('dt', { text: label }), el('dd', {}, ...details));
}

function headline(report) {
  const f = report.flagshipEquivalent;
  const saving =
    f.costUsd > 0
      ? [value(report, 'flagshipEquivalent.savingUsd', 'usd'), ' saved (', value(report, 'flagshipEquivalent.savingFraction', 'percent'), ') against every call on ', el('span', { class: 'model', text: f.model })]
      : ['no calls to compare'];
  return [
    figure('Spend', el('strong', {}, value(report, 'totals.costUsd', 'usd')), el('span', { class: 'sub' }, value(report, 'previousWeek', 'change'))),
    figure('Tickets', el('strong', {}, value(report, 'tickets.handled', 'count')), el('span', { class: 'sub' }, value(report, 'tickets.resolved', 'count'), ' resolved')),
    figure('Cost per ticket', el('strong', {}, value(report, 'tickets.costPerTicketUsd', 'usd')), el('span', { class: 'sub' }, value(report, 'tickets.costPerResolvedTicketUsd', 'usd'), ' per resolved ticket')),
    figure(
      'Cache share',
      el('strong', {}, value(report, 'cache.share', 'percent')),
      el('span', { class: 'sub', text: `of input tokens (${formatTokens(report.cache.cachedInputTokens)} of ${formatTokens(report.cache.inputTokens)})` }),
    ),
    figure('All-flagship estimate', el('strong', {}, value(report, 'flagshipEquivalent.costUsd', 'usd')), el('span', { class: 'sub' }, ...saving)),
  ];
}

function budgetFigure(report, words) {
  const b = report.budget;
  if (!b) return figure('Budget', el('strong', { 'data-field': 'budget', 'data-format': 'none', text: 'no caps configured' }));
  const caps = ['daily', 'monthly'].filter((period) => b[period]);
  return figure(
    'Budget',
    el('strong', {}, value(report, 'budget.level', 'level', words)),
    el('span', { class: 'sub', text: words.budgetLevel?.meaning ?? '' }),
    ...caps.map((period) =>
      el('span', { class: 'sub' }, `${period === 'daily' ? 'Today' : 'This month'}: `, value(report, `budget.${period}.usedFraction`, 'percent'), ` of ${formatUsd(b[period].capUsd)} used`),
    ),
  );
}

function offlineNote(report) {
  const note = byId('offline-note');
  const estimate = report.totals.estimatedCostUsd;
  note.hidden = !(estimate > 0);
  note.replaceChildren();
  if (estimate > 0) {
    note.append('Offline calls were not billed; on the configured models they would have cost ', value(report, 'totals.estimatedCostUsd', 'usd'), ' (estimate).');
  }
}

function daily(report) {
  const billed = new Map(report.byTier.map((line) => [line.key, line]));
  byId('legend').replaceChildren(
    ...TIERS.map((tier) => {
      const line = billed.get(tier);
      const estimate = line && line.estimatedCostUsd > 0 ? ` (${formatUsd(line.estimatedCostUsd)} on the configured models)` : '';
      return el('li', { 'data-tier': tier }, el('span', { class: `swatch tier-${tier}`, 'aria-hidden': 'true' }), el('span', { text: `${tier} ${formatUsd(line?.costUsd ?? 0)}${estimate}` }));
    }),
  );
  byId('daily-chart').replaceChildren(dailyChart(report.daily, TIERS));
  byId('daily-note').hidden = report.daily.some((day) => TIERS.some((tier) => (day.byTier[tier] ?? 0) > 0));
  byId('daily-head').replaceChildren(el('th', { scope: 'col', text: 'Day' }), ...TIERS.map((tier) => el('th', { scope: 'col', text: tier })), el('th', { scope: 'col', text: 'Total' }));
  byId('daily-body').replaceChildren(...dailyRows(report.daily, TIERS));
}

function reasons(report, words) {
  const s = report.secondOpinions;
  byId('second-opinions').textContent = `${plural(s.tickets, 'ticket')}, ${formatPercent(s.rate)} of tickets worked on, ${formatUsd(s.costUsd)}.`;
  const bars = (list, id, none) => {
    const items = list.map((reason) => ({ code: reason.code, label: words.reasons[reason.code] ?? reason.code, count: reason.tickets }));
    byId(id).replaceChildren(...(items.length > 0 ? countBars(items) : [el('li', { class: 'none', text: none })]));
  };
  bars(s.reasons, 'reasons', 'None this week.');
  bars(report.budgetDegraded, 'degraded', 'No ticket was degraded by the budget this week.');
}

function topTickets(report) {
  const list = byId('top-tickets');
  if (report.topTickets.length === 0) return list.replaceChildren(el('li', { class: 'none', text: 'None this week.' }));
  list.replaceChildren(
    ...report.topTickets.map((ticket) =>
      el(
        'li',
        { 'data-ticket-id': ticket.ticketId },
        el('a', { href: `/ticket?id=${encodeURIComponent(ticket.ticketId)}`, text: `#${ticket.ticketId} ${ticket.title}` }),
        el('span', { class: 'sub', text: ` ${formatUsd(ticket.costUsd)} · ${plural(ticket.calls, 'call')} · ${ticket.urgency ?? 'not classified'} · ${ticket.status.replace(/_/g, ' ')}` }),
      ),
    ),
  );
}

function budget(report, words) {
  const b = report.budget;
  const lines = [];
  if (!b) lines.push('No daily or monthly cap is configured (BUDGET_DAILY_USD, BUDGET_MONTHLY_USD).');
  else {
    lines.push(words.budgetLevel ? `${words.budgetLevel.name} — ${words.budgetLevel.meaning}` : b.level);
    for (const cap of [b.daily, b.monthly].filter(Boolean)) {
      lines.push(`${cap.period === 'daily' ? 'Daily' : 'Monthly'} ${formatUsd(cap.spentUsd)} of ${formatUsd(cap.capUsd)} (${formatPercent(cap.usedFraction)}) · ${formatUsd(cap.leftUsd)} left (${cap.periodKey})`);
    }
    lines.push(`Alert at ${formatPercent(b.alertThreshold)} of a cap · ${formatPercent(b.urgentReserve)} kept for urgent tickets`);
  }
  byId('budget').replaceChildren(...lines.map((line) => el('p', { text: line })));
}

function textList(sectionId, listId, lines) {
  byId(sectionId).hidden = lines.length === 0;
  byId(listId).replaceChildren(...lines.map((line) => el('li', { text: line })));
}

function navigation(week) {
  byId('week-title').textContent = `Spend · ${week.start} – ${week.end}${week.current ? ' (so far)' : ''}`;
  document.title = `Spend ${week.start} · Support triage`;
  byId('week-previous').href = `/spend?week=${week.previous}`;
  const next = byId('week-next');
  next.hidden = week.next === null;
  if (week.next) next.href = `/spend?week=${week.next}`;
  const current = byId('week-current');
  if (week.current) current.setAttribute('aria-current', 'page');
  else current.removeAttribute('aria-current');
  byId('week-date').value = week.start;
}

function render(answer) {
  const { report, words, week } = answer;
  navigation(week);
  byId('figures').replaceChildren(...headline(report), budgetFigure(report, words));
  offlineNote(report);
  daily(report);
  reasons(report, words);
  topTickets(report);
  budget(report, words);
  textList('sla-section', 'sla', words.sla);
  textList('gaps-section', 'gaps', words.knowledgeGaps);
  byId('generated').textContent = `Times in ${week.timeZone}. Generated ${report.generatedAt.replace('T', ' ').slice(0, 16)} UTC.`;
  byId('dashboard').hidden = false;
  document.body.dataset.week = week.start;
}

async function load() {
  const asked = new window.URLSearchParams(window.location.search).get('week');
  const response = await fetch(asked === null ? '/api/spend' : `/api/spend?week=${encodeURIComponent(asked)}`, { credentials: 'same-origin' });
  if (response.status === 400) {
    announce(`"${asked}" is not a date: pick a day of the week to show.`);
    document.body.dataset.week = 'invalid';
    return;
  }
  if (!response.ok) throw new Error(`/api/spend: ${response.status}`);
  render(await response.json());
}

load().catch((error) => announce(`The spend report could not be loaded (${error.message}). Reload the page to try again.`));
