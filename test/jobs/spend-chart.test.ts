/**
 * The weekly spend chart, checked on decoded pixels rather than on the code
 * that drew them: bar heights are measured in the image and compared with the
 * spend, text is found where labels should be, colours where tiers should be.
 * The layout is only used to know where the plot and each day's column are.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { DailyTierSpend, ModelTier } from '../../src/domain/index.js';
import { dollarAxis, barLabelUsd } from '../../src/jobs/chart/axis.js';
import { FALLBACK_GLYPH, glyphFor, measureText, supportedCharacters } from '../../src/jobs/chart/bitmap-font.js';
import { Raster, hex, type Rgb } from '../../src/jobs/chart/raster.js';
import {
  CHART_COLOURS,
  CHART_HEIGHT,
  CHART_WIDTH,
  DEFAULT_CHART_TITLE,
  TIER_COLOURS,
  TIER_ORDER,
  layoutSpendChart,
  renderSpendChart,
  type ChartRect,
} from '../../src/jobs/chart/spend-chart.js';
import { sampleWeeklyReport } from '../fixtures/weekly-report.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const WHITE = hex('#ffffff');
const BLACK = hex('#000000');

function day(date: string, nano: number, mini: number, flagship: number): DailyTierSpend {
  return { date, byTier: { nano, mini, flagship } };
}

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

function pixelAt(image: PNG, x: number, y: number): Rgb {
  const i = (y * image.width + x) * 4;
  return { r: image.data[i] ?? -1, g: image.data[i + 1] ?? -1, b: image.data[i + 2] ?? -1 };
}

function same(a: Rgb, b: Rgb): boolean {
  return a.r === b.r && a.g === b.g && a.b === b.b;
}

function countColour(image: PNG, colour: Rgb, rect: ChartRect): number {
  let count = 0;
  for (let y = rect.top; y < rect.bottom; y++) {
    for (let x = rect.left; x < rect.right; x++) if (same(pixelAt(image, x, y), colour)) count++;
  }
  return count;
}

/** Pixels of `colour` in one column: a bar segment's height in pixels. */
function columnRun(image: PNG, x: number, colour: Rgb, rect: ChartRect): number {
  return countColour(image, colour, { left: x, right: x + 1, top: rect.top, bottom: rect.bottom });
}

function isDark(c: Rgb): boolean {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b < 128;
}

function countDark(image: PNG, rect: ChartRect): number {
  let count = 0;
  for (let y = rect.top; y < rect.bottom; y++) {
    for (let x = rect.left; x < rect.right; x++) if (isDark(pixelAt(image, x, y))) count++;
  }
  return count;
}

const zeroWeek = sampleWeeklyReport().daily.map((d) => day(d.date, 0, 0, 0));

describe('renderSpendChart: the image', () => {
  const daily = sampleWeeklyReport().daily;
  const png = renderSpendChart(daily);
  const image = decode(png);
  const layout = layoutSpendChart(daily);

  it('is an 800×400 PNG', () => {
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect([image.width, image.height]).toEqual([800, 400]);
    expect([CHART_WIDTH, CHART_HEIGHT]).toEqual([800, 400]);
  });

  it('has a white background', () => {
    for (const [x, y] of [
      [0, 0],
      [799, 0],
      [0, 399],
      [799, 399],
    ] as const) {
      expect(pixelAt(image, x, y)).toEqual(WHITE);
    }
  });

  it('uses a distinct colour per tier, none of them the background or text colour', () => {
    const colours = TIER_ORDER.map((tier) => TIER_COLOURS[tier]);
    expect(TIER_ORDER).toEqual(['nano', 'mini', 'flagship']);
    expect(new Set(colours.map((c) => `${c.r},${c.g},${c.b}`)).size).toBe(3);
    for (const colour of colours) {
      for (const other of Object.values(CHART_COLOURS)) expect(same(colour, other)).toBe(false);
    }
  });

  it('draws every tier in the plot', () => {
    for (const tier of TIER_ORDER) {
      expect(countColour(image, TIER_COLOURS[tier], layout.plot), tier).toBeGreaterThan(1000);
    }
  });

  it('stacks nano at the base, then mini, then flagship on top', () => {
    for (const bar of layout.bars) {
      const x = bar.x + Math.floor(bar.width / 2);
      const order: ModelTier[] = [];
      for (let y = layout.plot.bottom - 1; y >= layout.plot.top; y--) {
        const tier = TIER_ORDER.find((t) => same(pixelAt(image, x, y), TIER_COLOURS[t]));
        if (tier !== undefined && order[order.length - 1] !== tier) order.push(tier);
      }
      expect(order, bar.date).toEqual(['nano', 'mini', 'flagship']);
    }
  });

  it('makes every segment proportional to its spend', () => {
    // Pixels per dollar measured from the image (the tallest bar), not taken from the layout.
    const columns = layout.bars.map((bar) => bar.x + Math.floor(bar.width / 2));
    const heights = columns.map((x) => TIER_ORDER.map((tier) => columnRun(image, x, TIER_COLOURS[tier], layout.plot)));
    const totals = daily.map((d) => d.byTier.nano + d.byTier.mini + d.byTier.flagship);
    const tallest = totals.indexOf(Math.max(...totals));
    const pxPerUsd = (heights[tallest] ?? []).reduce((a, b) => a + b, 0) / (totals[tallest] ?? 1);
    expect(pxPerUsd).toBeGreaterThan(200);
    daily.forEach((d, i) => {
      TIER_ORDER.forEach((tier, t) => {
        expect(Math.abs((heights[i]?.[t] ?? 0) - d.byTier[tier] * pxPerUsd), `${d.date} ${tier}`).toBeLessThanOrEqual(2);
      });
    });
  });

  it('gives twice the flagship spend twice the flagship height', () => {
    const days = [day('2026-11-16', 0.1, 0.2, 0.4), day('2026-11-17', 0.3, 0.1, 0.2), day('2026-11-18', 0.05, 0.05, 0.05)];
    const chart = decode(renderSpendChart(days));
    const { bars, plot } = layoutSpendChart(days);
    const [double, single] = bars.map((bar) => columnRun(chart, bar.x + Math.floor(bar.width / 2), TIER_COLOURS.flagship, plot));
    expect(single).toBeGreaterThan(30);
    expect(Math.abs((double ?? 0) - 2 * (single ?? 0))).toBeLessThanOrEqual(2);
    // Every column of a bar is the same height: the bar is a clean rectangle.
    const bar = bars[0]!;
    for (let x = bar.x; x < bar.x + bar.width; x++) expect(columnRun(chart, x, TIER_COLOURS.flagship, plot)).toBe(double);
  });

  it('is deterministic: the same input gives identical bytes', () => {
    const again = renderSpendChart(sampleWeeklyReport().daily);
    expect(again.equals(png)).toBe(true);
  });

  it('draws the title in the top-left, and only there', () => {
    const { title } = layout;
    expect(title.text).toBe(DEFAULT_CHART_TITLE);
    const box = { left: title.x, top: title.y, right: title.x + measureText(title.text, 2) + 1, bottom: title.y + 18 };
    const inside = countColour(image, CHART_COLOURS.title, box);
    const everywhere = countColour(image, CHART_COLOURS.title, { left: 0, top: 0, right: CHART_WIDTH, bottom: CHART_HEIGHT });
    expect(inside).toBeGreaterThan(300);
    expect(everywhere).toBe(inside);
  });

  it('changes the image when the title changes', () => {
    const custom = decode(renderSpendChart(daily, { title: 'Spend, week 47' }));
    const titleRow = { left: 0, top: 0, right: CHART_WIDTH, bottom: 40 };
    const differing = countPixelsThatDiffer(image, custom, titleRow);
    expect(differing).toBeGreaterThan(100);
    // Title-colour ink covers exactly the new title's width.
    const width = measureText('Spend, week 47', 2) + 1;
    expect(countColour(custom, CHART_COLOURS.title, { left: 20, top: 20, right: 20 + width, bottom: 40 })).toBeGreaterThan(100);
    expect(countColour(custom, CHART_COLOURS.title, { left: 20 + width, top: 0, right: CHART_WIDTH, bottom: 40 })).toBe(0);
  });

  it('labels each day under its bar', () => {
    expect(layout.bars.map((bar) => bar.dayLabel)).toEqual(['Mon 16', 'Tue 17', 'Wed 18', 'Thu 19', 'Fri 20', 'Sat 21', 'Sun 22']);
    for (const bar of layout.bars) {
      const under = { left: bar.x - 10, right: bar.x + bar.width + 10, top: layout.plot.bottom + 2, bottom: CHART_HEIGHT };
      expect(countDark(image, under), bar.date).toBeGreaterThan(60);
    }
    // Between two bars, below the plot, there is no ink: labels do not run into each other.
    const [first, second] = layout.bars;
    const gap = { left: first!.x + first!.width + 10, right: second!.x - 10, top: layout.plot.bottom + 2, bottom: CHART_HEIGHT };
    expect(gap.right).toBeGreaterThan(gap.left);
    expect(countDark(image, gap)).toBe(0);
  });

  it('labels the y axis with round dollar steps, left of the plot', () => {
    expect(layout.axis.ticks.map((tick) => tick.label)).toEqual(['$0.00', '$0.20', '$0.40', '$0.60', '$0.80']);
    const axisLabels = { left: 0, right: layout.plot.left - 2, top: layout.plot.top - 10, bottom: layout.plot.bottom + 10 };
    expect(countColour(image, CHART_COLOURS.muted, axisLabels)).toBeGreaterThan(200);
  });

  it('shows the legend with each tier colour outside the plot', () => {
    for (const item of layout.legend) {
      const swatch = { left: item.x, top: item.y, right: item.x + 14, bottom: item.y + 14 };
      expect(countColour(image, TIER_COLOURS[item.tier], swatch), item.tier).toBe(14 * 14);
      const label = { left: item.x + 16, top: item.y, right: item.x + 16 + measureText(item.tier, 2) + 8, bottom: item.y + 18 };
      expect(countDark(image, label), item.tier).toBeGreaterThan(40);
    }
    expect(layout.legend[0]!.y + 18).toBeLessThan(layout.plot.top);
  });
});

describe('renderSpendChart: edge cases', () => {
  it('draws axes but no bars for a week with no spend', () => {
    const image = decode(renderSpendChart(zeroWeek));
    const { plot, emptyMessage, axis } = layoutSpendChart(zeroWeek);
    expect(emptyMessage).toBe('No spend this week');
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['$0.00', '$0.25', '$0.50', '$0.75', '$1.00']);
    const wholePlot = { ...plot, top: plot.top - 30 };
    for (const tier of TIER_ORDER) {
      expect(countColour(image, TIER_COLOURS[tier], wholePlot), tier).toBe(0);
      // The legend still shows it, so the colour search itself works.
      expect(countColour(image, TIER_COLOURS[tier], { left: 0, top: 0, right: CHART_WIDTH, bottom: CHART_HEIGHT })).toBe(14 * 14);
    }
    expect(countColour(image, CHART_COLOURS.baseline, { ...plot, top: plot.bottom, bottom: plot.bottom + 1 })).toBe(plot.right - plot.left);
    // The message is written across the middle of the plot.
    const middle = { left: plot.left, right: plot.right, top: Math.round((plot.top + plot.bottom) / 2) - 12, bottom: Math.round((plot.top + plot.bottom) / 2) + 12 };
    expect(countDark(image, middle)).toBeGreaterThan(100);
  });

  it('renders an empty list of days without throwing', () => {
    const image = decode(renderSpendChart([]));
    expect([image.width, image.height]).toEqual([800, 400]);
    expect(layoutSpendChart([]).bars).toEqual([]);
  });

  it('keeps one huge day on the chart and the small days near zero', () => {
    const days = [day('2026-11-16', 0.01, 0.01, 0.01), day('2026-11-17', 0.02, 0.05, 1000), day('2026-11-18', 0.01, 0, 0)];
    const image = decode(renderSpendChart(days));
    const { bars, plot, axis } = layoutSpendChart(days);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['$0', '$500', '$1,000', '$1,500']);
    const plotHeight = plot.bottom - plot.top;
    const huge = columnRun(image, bars[1]!.x + 1, TIER_COLOURS.flagship, plot);
    expect(Math.abs(huge - (1000 / axis.top) * plotHeight)).toBeLessThanOrEqual(2);
    const small = TIER_ORDER.reduce((sum, tier) => sum + columnRun(image, bars[0]!.x + 1, TIER_COLOURS[tier], plot), 0);
    expect(small).toBeLessThanOrEqual(1);
  });

  it('keeps fractional cents proportional and labels them precisely', () => {
    const days = [day('2026-11-16', 0.001, 0.0005, 0.002), day('2026-11-17', 0.0004, 0.0003, 0.001)];
    const image = decode(renderSpendChart(days));
    const { bars, plot, axis } = layoutSpendChart(days);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['$0.000', '$0.001', '$0.002', '$0.003', '$0.004']);
    const [a, b] = bars.map((bar) => columnRun(image, bar.x + 2, TIER_COLOURS.flagship, plot));
    expect(b).toBeGreaterThan(40);
    expect(Math.abs((a ?? 0) - 2 * (b ?? 0))).toBeLessThanOrEqual(2);
    expect(bars.map((bar) => bar.valueLabel)).toEqual(['$0.0035', '$0.0017']);
  });

  it.each([1, 3, 7, 14, 31])('draws one bar per day for %i days', (count) => {
    const days = Array.from({ length: count }, (_, i) => day(`2026-12-${String(i + 1).padStart(2, '0')}`, 0.1, 0.2, 0.05 * (i % 3)));
    const image = decode(renderSpendChart(days));
    const { plot } = layoutSpendChart(days);
    // Count separate runs of nano colour just above the baseline.
    let runs = 0;
    let inRun = false;
    for (let x = 0; x < CHART_WIDTH; x++) {
      const nano = same(pixelAt(image, x, plot.bottom - 1), TIER_COLOURS.nano);
      if (nano && !inRun) runs++;
      inRun = nano;
    }
    expect(runs).toBe(count);
  });

  it('thins day labels when they would collide', () => {
    const days = Array.from({ length: 31 }, (_, i) => day(`2026-12-${String(i + 1).padStart(2, '0')}`, 0.1, 0.1, 0.1));
    const labels = layoutSpendChart(days).bars.map((bar) => bar.dayLabel);
    expect(labels[0]).toBe('1');
    expect(labels.filter((label) => label !== null).length).toBeLessThan(31);
    expect(labels.filter((label) => label !== null).length).toBeGreaterThan(5);
  });

  it('treats NaN, negative and infinite amounts as no spend, and odd dates and titles as text', () => {
    const days = [
      day('not a date', Number.NaN, -5, Number.POSITIVE_INFINITY),
      day('2026-11-17', 0.1, 0.1, 0.1),
      { date: '2026-11-18', byTier: {} as Record<ModelTier, number> },
    ];
    const title = 'Spend ✓ 😀 {weird} € ⚠';
    const image = decode(renderSpendChart(days, { title }));
    const { bars, plot } = layoutSpendChart(days, { title });
    for (const index of [0, 2]) {
      const bar = bars[index]!;
      const column = { left: bar.x, right: bar.x + bar.width, top: plot.top, bottom: plot.bottom };
      for (const tier of TIER_ORDER) expect(countColour(image, TIER_COLOURS[tier], column)).toBe(0);
    }
    expect(bars[0]!.dayLabel).toBe('not a date');
  });

  it('cuts a title too long for the image', () => {
    const title = 'A very long title '.repeat(10);
    const { title: laidOut } = layoutSpendChart(zeroWeek, { title });
    expect(laidOut.text.endsWith('...')).toBe(true);
    expect(measureText(laidOut.text, 2) + 1).toBeLessThanOrEqual(CHART_WIDTH - 40);
  });
});

describe('dollarAxis', () => {
  it('picks nice steps with 3–5 distinct labels for any amount', () => {
    for (let exponent = -6; exponent <= 9; exponent++) {
      for (const mantissa of [1, 1.2, 1.5, 1.99, 2, 2.4, 3, 3.7, 4, 5, 6.1, 7.5, 8, 9.99]) {
        const max = mantissa * 10 ** exponent;
        const axis = dollarAxis(max);
        const labels = axis.ticks.map((tick) => tick.label);
        expect(labels.length, `${max}`).toBeGreaterThanOrEqual(3);
        expect(labels.length, `${max}`).toBeLessThanOrEqual(5);
        expect(new Set(labels).size, `${max}: ${labels.join(' ')}`).toBe(labels.length);
        expect(axis.top, `${max}`).toBeGreaterThanOrEqual(max * (1 - 1e-9));
        const mantissaOfStep = axis.step / 10 ** Math.floor(Math.log10(axis.step) + 1e-9);
        expect([1, 2, 2.5, 5].some((nice) => Math.abs(nice - mantissaOfStep) < 1e-6), `${max}: step ${axis.step}`).toBe(true);
        expect(labels[0]).toMatch(/^\$0(\.0+)?$/);
      }
    }
  });

  it('labels typical weeks the way a person would', () => {
    expect(dollarAxis(0.79).ticks.map((t) => t.label)).toEqual(['$0.00', '$0.20', '$0.40', '$0.60', '$0.80']);
    expect(dollarAxis(0.9).ticks.map((t) => t.label)).toEqual(['$0.00', '$0.25', '$0.50', '$0.75', '$1.00']);
    expect(dollarAxis(0.004).ticks.map((t) => t.label)).toEqual(['$0.000', '$0.001', '$0.002', '$0.003', '$0.004']);
    expect(dollarAxis(13).ticks.map((t) => t.label)).toEqual(['$0', '$5', '$10', '$15']);
    expect(dollarAxis(3_400_000).ticks.map((t) => t.label)).toEqual(['$0', '$1M', '$2M', '$3M', '$4M']);
  });

  it('survives zero, negative and non-finite maxima', () => {
    for (const max of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(dollarAxis(max).ticks.map((t) => t.label)).toEqual(['$0.00', '$0.25', '$0.50', '$0.75', '$1.00']);
    }
  });

  it('formats single amounts with enough precision', () => {
    expect(barLabelUsd(0.79)).toBe('$0.79');
    expect(barLabelUsd(0.0037)).toBe('$0.0037');
    expect(barLabelUsd(12.6)).toBe('$12.60');
    expect(barLabelUsd(1234.5)).toBe('$1,235');
    expect(barLabelUsd(0)).toBe('$0.00');
    expect(barLabelUsd(0.00001)).toBe('<$0.0001');
  });
});

describe('bitmap font and raster', () => {
  it('has a designed glyph (not the fallback box) for every character the charts use', () => {
    const needed = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz $.,:-%()/';
    for (const ch of needed) expect(glyphFor(ch), JSON.stringify(ch)).not.toBe(FALLBACK_GLYPH);
  });

  it('has well-formed glyphs: rectangular, 7 to 9 rows, and no two letters or digits alike', () => {
    const seen = new Map<string, string>();
    for (const ch of supportedCharacters()) {
      const glyph = glyphFor(ch);
      expect(glyph.rows.length, ch).toBeGreaterThanOrEqual(7);
      expect(glyph.rows.length, ch).toBeLessThanOrEqual(9);
      for (const row of glyph.rows) expect(row, ch).toMatch(new RegExp(`^[#.]{${glyph.width}}$`));
      if (/[0-9A-Za-z]/.test(ch)) {
        const key = glyph.rows.join('|');
        expect(seen.get(key), `${ch} looks like ${seen.get(key)}`).toBeUndefined();
        seen.set(key, ch);
        expect(key, ch).toContain('#');
      }
    }
  });

  it('measures text as glyph widths plus one column between glyphs, times the scale', () => {
    expect(measureText('')).toBe(0);
    expect(measureText('A', 2)).toBe(10);
    expect(measureText('AB', 2)).toBe(22);
    expect(measureText('i')).toBe(3);
    expect(measureText('😀')).toBe(FALLBACK_GLYPH.width);
  });

  it('puts ink exactly where the glyph says, at the requested scale', () => {
    const raster = new Raster(40, 30, WHITE);
    const width = raster.text(5, 4, 'T', { colour: BLACK, scale: 2 });
    expect(width).toBe(10);
    const image = decode(raster.toPng());
    const glyph = glyphFor('T');
    for (let y = 0; y < 30; y++) {
      for (let x = 0; x < 40; x++) {
        const row = glyph.rows[Math.floor((y - 4) / 2)];
        const inside = x >= 5 && y >= 4 && row !== undefined && row[Math.floor((x - 5) / 2)] === '#';
        expect(pixelAt(image, x, y), `${x},${y}`).toEqual(inside ? BLACK : WHITE);
      }
    }
  });

  it('draws one fallback box for an unknown character instead of throwing', () => {
    const raster = new Raster(30, 20, WHITE);
    expect(raster.text(2, 2, '😀', { colour: BLACK })).toBe(5);
    const image = decode(raster.toPng());
    const box = FALLBACK_GLYPH.rows;
    for (let y = 0; y < box.length; y++) {
      for (let x = 0; x < FALLBACK_GLYPH.width; x++) {
        expect(same(pixelAt(image, 2 + x, 2 + y), BLACK)).toBe(box[y]?.[x] === '#');
      }
    }
    // A surrogate pair is one character: nothing after the first box.
    expect(countColour(image, BLACK, { left: 2 + FALLBACK_GLYPH.width, top: 0, right: 30, bottom: 20 })).toBe(0);
  });

  it('clips shapes at the edges and ignores non-finite coordinates', () => {
    const raster = new Raster(10, 10, WHITE);
    raster.fillRect(-5, -5, 8, 8, BLACK);
    raster.line(-20, 9, 50, 9, BLACK);
    raster.fillRect(Number.NaN, 0, 5, 5, BLACK);
    raster.text(Number.POSITIVE_INFINITY, 0, 'X', { colour: BLACK });
    const image = decode(raster.toPng());
    expect(countColour(image, BLACK, { left: 0, top: 0, right: 10, bottom: 10 })).toBe(3 * 3 + 10);
    expect(countColour(image, BLACK, { left: 0, top: 0, right: 3, bottom: 3 })).toBe(9);
  });

  it('draws 1px lines between both end points', () => {
    const raster = new Raster(20, 20, WHITE);
    raster.line(2, 3, 12, 3, BLACK);
    raster.line(15, 2, 15, 17, BLACK);
    raster.line(0, 0, 5, 5, BLACK);
    const image = decode(raster.toPng());
    expect(countColour(image, BLACK, { left: 0, top: 3, right: 20, bottom: 4 })).toBe(11 + 1);
    expect(countColour(image, BLACK, { left: 15, top: 0, right: 16, bottom: 20 })).toBe(16);
    for (let i = 0; i <= 5; i++) expect(pixelAt(image, i, i)).toEqual(BLACK);
  });
});

function countPixelsThatDiffer(a: PNG, b: PNG, rect: ChartRect): number {
  let count = 0;
  for (let y = rect.top; y < rect.bottom; y++) {
    for (let x = rect.left; x < rect.right; x++) if (!same(pixelAt(a, x, y), pixelAt(b, x, y))) count++;
  }
  return count;
}
