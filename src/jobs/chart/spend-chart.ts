/**
 * "Daily spend by tier" as a stacked bar PNG, attached to the weekly report in
 * Slack and Discord. Everything is computed here and drawn with our own raster
 * and font, so the same days always give the same bytes, on any machine.
 *
 * `layoutSpendChart` decides where things go (pure numbers, easy to reason
 * about); `renderSpendChart` paints that layout.
 */
import type { ModelTier } from '../../domain/model.js';
import type { DailyTierSpend } from '../../domain/report.js';
import { dollarAxis, barLabelUsd, type DollarAxis } from './axis.js';
import { Raster, capHeight, hex, lineHeight, textWidth, type Rgb } from './raster.js';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
export const DEFAULT_CHART_TITLE = 'Daily spend by tier (USD)';
export const EMPTY_CHART_MESSAGE = 'No spend this week';

/** Bottom to top of each bar: the cheap, steady tiers form the base, flagship spikes sit on top. */
export const TIER_ORDER: readonly ModelTier[] = ['nano', 'mini', 'flagship'];

/**
 * Blue, orange and dark grey: told apart by hue with any colour-vision
 * deficiency, and by lightness in greyscale where tiers touch (nano/mini,
 * mini/flagship).
 */
export const TIER_COLOURS: Readonly<Record<ModelTier, Rgb>> = {
  nano: hex('#0072b2'),
  mini: hex('#e69f00'),
  flagship: hex('#3f3f46'),
};

export const CHART_COLOURS = {
  background: hex('#ffffff'),
  title: hex('#111111'),
  text: hex('#333333'),
  muted: hex('#6b6b6b'),
  grid: hex('#e6e6e6'),
  baseline: hex('#8c8c8c'),
} as const;

/** Font scale for all text: 14px capitals, legible after Slack scales the image down. */
const TEXT_SCALE = 2;
const PADDING = 20;
const SWATCH = capHeight(TEXT_SCALE);
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** No real spend comes near this; it only keeps sums finite for garbage input. */
const MAX_USD = 1e12;

export interface ChartRect {
  left: number;
  top: number;
  /** Exclusive. */
  right: number;
  /** Exclusive: the baseline row, just below the bars. */
  bottom: number;
}

export interface BarSegment {
  tier: ModelTier;
  /** Top row. */
  y: number;
  height: number;
}

export interface BarLayout {
  date: string;
  x: number;
  width: number;
  totalUsd: number;
  segments: BarSegment[];
  /** Null when labels would collide and this day's is skipped. */
  dayLabel: string | null;
  valueLabel: string | null;
}

export interface LegendItem {
  tier: ModelTier;
  x: number;
  y: number;
}

export interface SpendChartLayout {
  width: number;
  height: number;
  title: { text: string; x: number; y: number };
  legend: LegendItem[];
  plot: ChartRect;
  axis: DollarAxis;
  bars: BarLayout[];
  /** Set when there is nothing to draw, shown in the middle of the plot. */
  emptyMessage: string | null;
}

export interface SpendChartOptions {
  title?: string;
}

export function renderSpendChart(daily: readonly DailyTierSpend[], options: SpendChartOptions = {}): Buffer {
  return paint(layoutSpendChart(daily, options)).toPng();
}

export function layoutSpendChart(daily: readonly DailyTierSpend[], options: SpendChartOptions = {}): SpendChartLayout {
  const days = daily.map((day) => ({ date: String(day.date), byTier: sanitise(day.byTier) }));
  const totals = days.map((day) => TIER_ORDER.reduce((sum, tier) => sum + day.byTier[tier], 0));
  const maxTotal = totals.reduce((max, total) => Math.max(max, total), 0);
  const axis = dollarAxis(maxTotal);

  const title = fitText(options.title ?? DEFAULT_CHART_TITLE, CHART_WIDTH - 2 * PADDING);
  const titleWidth = textWidth(title, { scale: TEXT_SCALE, bold: true });
  const legendWidth = legendItemsWidth();
  // The legend shares the title's row when both fit, else it gets its own row.
  const legendOnTitleRow = titleWidth + 40 + legendWidth <= CHART_WIDTH - 2 * PADDING;
  const legendY = legendOnTitleRow ? PADDING : PADDING + lineHeight(TEXT_SCALE) + 10;
  const legendX = legendOnTitleRow ? CHART_WIDTH - PADDING - legendWidth : PADDING;
  const legend = legendItems(legendX, legendY);

  const axisLabelWidth = Math.max(...axis.ticks.map((tick) => textWidth(tick.label, { scale: TEXT_SCALE })));
  const plot: ChartRect = {
    left: PADDING + axisLabelWidth + 10,
    // Room above the tallest bar for its value label.
    top: legendY + lineHeight(TEXT_SCALE) + capHeight(TEXT_SCALE) + 16,
    right: CHART_WIDTH - PADDING,
    bottom: CHART_HEIGHT - PADDING - lineHeight(TEXT_SCALE) - 8,
  };
  const pxPerUsd = (plot.bottom - plot.top) / axis.top;

  const slot = (plot.right - plot.left) / Math.max(1, days.length);
  const barWidth = Math.max(1, Math.min(Math.round(slot * 0.6), 72));
  const dayLabels = chooseDayLabels(
    days.map((day) => day.date),
    slot,
  );
  const valueLabels = totals.map((total) => (total > 0 ? barLabelUsd(total) : null));
  const valueLabelsFit = valueLabels.every((label) => label === null || textWidth(label, { scale: TEXT_SCALE }) + 6 <= slot);

  const bars = days.map((day, i): BarLayout => {
    const segments: BarSegment[] = [];
    let cumulative = 0;
    for (const tier of TIER_ORDER) {
      // Round the running sum, not each segment, so the stack's height is exactly the total's.
      const below = Math.round(cumulative * pxPerUsd);
      cumulative += day.byTier[tier];
      const above = Math.round(cumulative * pxPerUsd);
      if (above > below) segments.push({ tier, y: plot.bottom - above, height: above - below });
    }
    return {
      date: day.date,
      x: Math.round(plot.left + slot * i + (slot - barWidth) / 2),
      width: barWidth,
      totalUsd: totals[i] ?? 0,
      segments,
      dayLabel: dayLabels[i] ?? null,
      valueLabel: valueLabelsFit ? (valueLabels[i] ?? null) : null,
    };
  });

  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    title: { text: title, x: PADDING, y: PADDING },
    legend,
    plot,
    axis,
    bars,
    emptyMessage: maxTotal > 0 ? null : EMPTY_CHART_MESSAGE,
  };
}

function paint(layout: SpendChartLayout): Raster {
  const raster = new Raster(layout.width, layout.height, CHART_COLOURS.background);
  const { plot, axis } = layout;
  const small = { scale: TEXT_SCALE };
  const pxPerUsd = (plot.bottom - plot.top) / axis.top;

  raster.text(layout.title.x, layout.title.y, layout.title.text, { colour: CHART_COLOURS.title, scale: TEXT_SCALE, bold: true });
  for (const item of layout.legend) {
    raster.fillRect(item.x, item.y, SWATCH, SWATCH, TIER_COLOURS[item.tier]);
    raster.text(item.x + SWATCH + 6, item.y, item.tier, { colour: CHART_COLOURS.text, ...small });
  }

  for (const tick of axis.ticks) {
    const y = plot.bottom - Math.round(tick.value * pxPerUsd);
    if (tick.value > 0) raster.line(plot.left, y, plot.right - 1, y, CHART_COLOURS.grid);
    const labelX = plot.left - 10 - textWidth(tick.label, small);
    raster.text(labelX, y - Math.floor(capHeight(TEXT_SCALE) / 2), tick.label, { colour: CHART_COLOURS.muted, ...small });
  }

  for (const bar of layout.bars) {
    for (const segment of bar.segments) raster.fillRect(bar.x, segment.y, bar.width, segment.height, TIER_COLOURS[segment.tier]);
    const centre = bar.x + bar.width / 2;
    if (bar.valueLabel !== null) {
      const top = bar.segments.reduce((min, segment) => Math.min(min, segment.y), plot.bottom);
      const x = Math.round(centre - textWidth(bar.valueLabel, small) / 2);
      raster.text(x, top - 6 - capHeight(TEXT_SCALE), bar.valueLabel, { colour: CHART_COLOURS.text, ...small });
    }
    if (bar.dayLabel !== null) {
      const x = Math.round(centre - textWidth(bar.dayLabel, small) / 2);
      raster.text(x, plot.bottom + 8, bar.dayLabel, { colour: CHART_COLOURS.text, ...small });
    }
  }
  raster.line(plot.left, plot.bottom, plot.right - 1, plot.bottom, CHART_COLOURS.baseline);

  if (layout.emptyMessage !== null) {
    const width = textWidth(layout.emptyMessage, small);
    const x = Math.round((plot.left + plot.right - width) / 2);
    const y = Math.round((plot.top + plot.bottom - capHeight(TEXT_SCALE)) / 2);
    // Clear the gridline behind the message so it is not struck through.
    raster.fillRect(x - 8, y - 6, width + 16, lineHeight(TEXT_SCALE) + 8, CHART_COLOURS.background);
    raster.text(x, y, layout.emptyMessage, { colour: CHART_COLOURS.muted, ...small });
  }
  return raster;
}

/** Missing, negative or non-finite amounts count as no spend rather than breaking the chart. */
function sanitise(byTier: Partial<Record<ModelTier, number>> | undefined): Record<ModelTier, number> {
  const clean = { nano: 0, mini: 0, flagship: 0 };
  for (const tier of TIER_ORDER) {
    const value = byTier?.[tier];
    clean[tier] = typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, MAX_USD) : 0;
  }
  return clean;
}

function legendItemsWidth(): number {
  const items = legendItems(0, 0);
  const last = items[items.length - 1];
  return last === undefined ? 0 : last.x + SWATCH + 6 + textWidth(last.tier, { scale: TEXT_SCALE });
}

function legendItems(x: number, y: number): LegendItem[] {
  const items: LegendItem[] = [];
  let penX = x;
  for (const tier of TIER_ORDER) {
    items.push({ tier, x: penX, y });
    penX += SWATCH + 6 + textWidth(tier, { scale: TEXT_SCALE }) + 20;
  }
  return items;
}

/**
 * "Mon 16" under every bar when they fit; else just the day of the month,
 * and on long ranges only every n-th day, so labels never overlap.
 */
function chooseDayLabels(dates: readonly string[], slot: number): (string | null)[] {
  const gap = 8;
  const widest = (labels: readonly string[]): number =>
    labels.reduce((max, label) => Math.max(max, textWidth(label, { scale: TEXT_SCALE })), 0);
  const full = dates.map(dayLabel);
  if (widest(full) + gap <= slot) return full;
  const short = dates.map(shortDayLabel);
  const every = Math.max(1, Math.ceil((widest(short) + gap) / slot));
  return short.map((label, i) => (i % every === 0 ? label : null));
}

/** `2026-11-16` → `Mon 16`; computed in UTC so the host's time zone cannot shift the weekday. */
function dayLabel(date: string): string {
  const parsed = parseDate(date);
  if (parsed === null) return date;
  return `${WEEKDAYS[parsed.getUTCDay()] ?? ''} ${parsed.getUTCDate()}`;
}

function shortDayLabel(date: string): string {
  const parsed = parseDate(date);
  return parsed === null ? date : String(parsed.getUTCDate());
}

function parseDate(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  const parsed = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Cuts `text` with "..." so a long custom title cannot run off the image. */
function fitText(text: string, maxWidth: number): string {
  const style = { scale: TEXT_SCALE, bold: true };
  if (textWidth(text, style) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}...`, style) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}...`;
}
