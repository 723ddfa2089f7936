/**
 * How the runner shows figures: one table, every figure beside its target,
 * ✓ or ✗ where a target exists. Text only; results.json keeps full values.
 */
import type { Figure } from './figures.js';

export interface BenchFigures {
  bench: string;
  figures: Figure[];
}

/** Enough digits to read, not so many that noise looks like precision. */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : abs === 0 ? 0 : Math.max(2, 1 - Math.floor(Math.log10(abs)) + 1);
  const number = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (unit === 'USD') return `$${number}`;
  return unit === '' ? number : `${number} ${unit}`;
}

function mark(figure: Figure): string {
  if (figure.met === undefined) return '';
  return figure.met ? '✓' : '✗';
}

export function figureTable(results: readonly BenchFigures[]): string {
  const rows = results.flatMap(({ bench, figures }) => figures.map((figure) => [bench, figure.label, formatValue(figure.value, figure.unit), figure.target ?? '', mark(figure)]));
  const header = ['bench', 'figure', 'value', 'target', ''];
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}
