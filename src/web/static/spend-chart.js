// The spend dashboard's charts: the daily spend as stacked bars by tier (an
// inline SVG, built element by element: no markup is parsed) and counts as
// horizontal bars. Every chart has its numbers as text beside it; colours
// only repeat what the labels say.
import { el } from './common.js';
import { formatCount, formatUsd } from './spend-format.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 240;
const TOP = 22;
const BOTTOM = 40;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

/** `Mon 16` for 2026-11-16 (the report's local date: read as a calendar date, never shifted by a zone). */
export function dayLabel(date) {
  const day = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()}`;
}

/** Stacked bars, one group per day, tiers in `tiers` order from the bottom; totals above each bar. */
export function dailyChart(daily, tiers) {
  const totals = daily.map((day) => tiers.reduce((sum, tier) => sum + (day.byTier[tier] ?? 0), 0));
  const top = Math.max(...totals, 0) || 1;
  const slot = WIDTH / Math.max(daily.length, 1);
  const barWidth = slot * 0.6;
  const plot = HEIGHT - TOP - BOTTOM;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'daily', 'aria-hidden': 'true', focusable: 'false' });
  chart.append(svg('line', { x1: 0, x2: WIDTH, y1: TOP + plot, y2: TOP + plot, class: 'axis' }));
  daily.forEach((day, index) => {
    const x = index * slot + (slot - barWidth) / 2;
    const group = svg('g', { class: 'day', 'data-date': day.date });
    let y = TOP + plot;
    for (const tier of tiers) {
      const value = day.byTier[tier] ?? 0;
      const height = (value / top) * plot;
      if (height <= 0) continue;
      y -= height;
      const bar = svg('rect', { x, y, width: barWidth, height, class: `tier-${tier}`, 'data-tier': tier });
      bar.append(svg('title', {}, document.createTextNode(`${day.date} · ${tier} ${formatUsd(value)}`)));
      group.append(bar);
    }
    const middle = x + barWidth / 2;
    group.append(svg('text', { x: middle, y: Math.max(y - 6, 12), class: 'total', 'text-anchor': 'middle' }, document.createTextNode(formatUsd(totals[index] ?? 0))));
    group.append(svg('text', { x: middle, y: HEIGHT - BOTTOM + 18, class: 'label', 'text-anchor': 'middle' }, document.createTextNode(dayLabel(day.date))));
    chart.append(group);
  });
  return chart;
}

/** The chart's numbers as table rows: a day, each tier's spend, the day's total. */
export function dailyRows(daily, tiers) {
  return daily.map((day) => {
    const total = tiers.reduce((sum, tier) => sum + (day.byTier[tier] ?? 0), 0);
    return el(
      'tr',
      { 'data-date': day.date },
      el('th', { scope: 'row', text: `${dayLabel(day.date)} (${day.date})` }),
      ...tiers.map((tier) => el('td', { text: formatUsd(day.byTier[tier] ?? 0) })),
      el('td', { text: formatUsd(total) }),
    );
  });
}

/** Labelled counts as horizontal bars, longest first as given; the count is written beside each bar. */
export function countBars(items) {
  const most = Math.max(...items.map((item) => item.count), 1);
  return items.map((item) => {
    const fill = el('span', { class: 'fill' });
    fill.style.width = `${(item.count / most) * 100}%`;
    return el(
      'li',
      { 'data-code': item.code },
      el('span', { class: 'name', text: item.label }),
      el('span', { class: 'track', 'aria-hidden': 'true' }, fill),
      el('span', { class: 'count', text: formatCount(item.count) }),
    );
  });
}
