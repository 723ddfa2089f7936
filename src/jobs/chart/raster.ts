/**
 * A tiny RGBA canvas with just the drawing the charts need: filled rectangles,
 * 1px lines and bitmap-font text. It exists so charts can be rendered on a
 * plain Node server (no browser, native canvas or system fonts); pngjs is used
 * only to encode the finished pixels. Drawing clips silently and ignores
 * non-finite coordinates: a chart with odd data should still come out.
 */
import { PNG } from 'pngjs';
import { CAP_HEIGHT, LINE_HEIGHT, glyphFor, measureText, LETTER_SPACING } from './bitmap-font.js';

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** `#rrggbb` → Rgb; colours are written as hex so they read like a design spec. */
export function hex(value: string): Rgb {
  const n = Number.parseInt(value.replace(/^#/, ''), 16);
  return { r: (n >> 16) & 0xff, g: (n >> 8) & 0xff, b: n & 0xff };
}

export interface TextStyle {
  colour: Rgb;
  /** Integer pixel size of one font cell; 2 keeps the 7-row font crisp and legible. */
  scale?: number;
  /** Fakes a heavier weight by drawing each glyph twice, one pixel apart. */
  bold?: boolean;
}

/** Pixel width of `text` as `Raster.text` would draw it. */
export function textWidth(text: string, style: Pick<TextStyle, 'scale' | 'bold'> = {}): number {
  const width = measureText(text, textScale(style.scale));
  return width > 0 && style.bold ? width + 1 : width;
}

/** Pixel height of a line of text from the top of a capital to the baseline. */
export function capHeight(scale = 1): number {
  return CAP_HEIGHT * textScale(scale);
}

/** Pixel height of a line of text including descenders. */
export function lineHeight(scale = 1): number {
  return LINE_HEIGHT * textScale(scale);
}

function textScale(scale: number | undefined): number {
  return scale !== undefined && Number.isFinite(scale) ? Math.max(1, Math.round(scale)) : 1;
}

export class Raster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row-major, 4 bytes a pixel; the layout pngjs expects. */
  readonly data: Buffer;

  constructor(width: number, height: number, background: Rgb) {
    this.width = Number.isFinite(width) ? Math.max(1, Math.floor(width)) : 1;
    this.height = Number.isFinite(height) ? Math.max(1, Math.floor(height)) : 1;
    this.data = Buffer.alloc(this.width * this.height * 4);
    this.fillRect(0, 0, this.width, this.height, background);
  }

  getPixel(x: number, y: number): Rgb | null {
    if (!this.contains(x, y)) return null;
    const i = (y * this.width + x) * 4;
    return { r: this.data[i] ?? 0, g: this.data[i + 1] ?? 0, b: this.data[i + 2] ?? 0 };
  }

  setPixel(x: number, y: number, colour: Rgb): void {
    if (!this.contains(x, y)) return;
    const i = (y * this.width + x) * 4;
    this.data[i] = colour.r;
    this.data[i + 1] = colour.g;
    this.data[i + 2] = colour.b;
    this.data[i + 3] = 0xff;
  }

  /** Coordinates are rounded so callers can pass computed (fractional) positions. */
  fillRect(x: number, y: number, width: number, height: number, colour: Rgb): void {
    if (![x, y, width, height].every(Number.isFinite)) return;
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + width));
    const y1 = Math.min(this.height, Math.round(y + height));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) this.setPixel(px, py, colour);
    }
  }

  /** A 1px line (Bresenham), end points included; no anti-aliasing so colours stay exact. */
  line(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
    if (![x0, y0, x1, y1].every(Number.isFinite)) return;
    let x = Math.round(x0);
    let y = Math.round(y0);
    const xEnd = Math.round(x1);
    const yEnd = Math.round(y1);
    const dx = Math.abs(xEnd - x);
    const dy = -Math.abs(yEnd - y);
    const sx = x < xEnd ? 1 : -1;
    const sy = y < yEnd ? 1 : -1;
    let error = dx + dy;
    for (;;) {
      this.setPixel(x, y, colour);
      if (x === xEnd && y === yEnd) return;
      const e2 = 2 * error;
      if (e2 >= dy) {
        error += dy;
        x += sx;
      }
      if (e2 <= dx) {
        error += dx;
        y += sy;
      }
    }
  }

  /**
   * Draws `text` with its top-left at (x, y): y is the top of a capital, the
   * baseline is `capHeight(scale)` below it. Returns the width drawn.
   */
  text(x: number, y: number, text: string, style: TextStyle): number {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return 0;
    const scale = textScale(style.scale);
    const passes = style.bold ? [0, 1] : [0];
    let penX = Math.round(x);
    const top = Math.round(y);
    let first = true;
    for (const ch of text) {
      if (!first) penX += LETTER_SPACING * scale;
      first = false;
      const glyph = glyphFor(ch);
      glyph.rows.forEach((row, rowIndex) => {
        for (let col = 0; col < row.length; col++) {
          if (row[col] !== '#') continue;
          for (const offset of passes) {
            this.fillRect(penX + col * scale + offset, top + rowIndex * scale, scale, scale, style.colour);
          }
        }
      });
      penX += glyph.width * scale;
    }
    return textWidth(text, style);
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    this.data.copy(png.data);
    // RGB output: the chart is opaque, and dropping alpha makes the file smaller.
    return PNG.sync.write(png, { colorType: 2 });
  }

  private contains(x: number, y: number): boolean {
    return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < this.width && y < this.height;
  }
}
