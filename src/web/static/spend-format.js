// Money, counts and shares for the spend dashboard, written as the weekly
// report's text writes them (src/present/money.ts, src/present/report-numbers.ts):
// the browser cannot import TypeScript, so these few rules are kept here, and
// test/web/spend-format.test.ts holds them equal to the originals.

/** What any formatter shows for a number that is missing or not finite. */
export const NO_VALUE = '—';

const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const TWO_SIGNIFICANT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** Amounts below this are shown as $0.00: no single model call costs that little. */
const ZERO_USD = 0.000_001;

/** `$4.20`, `$1,234.50`; below ten cents two significant digits (`$0.031`); `-$0.80`; `—` for null. */
export function formatUsd(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return NO_VALUE;
  const abs = Math.abs(value);
  if (abs < ZERO_USD) return '$0.00';
  const small = Number(abs.toPrecision(2));
  const digits = small < 0.1 ? TWO_SIGNIFICANT.format(small) : CENTS.format(abs);
  return `${value < 0 ? '-' : ''}$${digits}`;
}

/** A whole count with thousands separators: `3,210`. */
export function formatCount(value) {
  return typeof value === 'number' && Number.isFinite(value) ? GROUPED.format(Math.round(value) || 0) : NO_VALUE;
}

/** `1 ticket`, `3,210 calls`. */
export function plural(count, one, many = `${one}s`) {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A fraction 0..1 as a whole percentage: `16%`, `<1%`, `>99%`; `—` for null. */
export function formatPercent(fraction) {
  if (typeof fraction !== 'number' || !Number.isFinite(fraction)) return NO_VALUE;
  const abs = Math.abs(fraction);
  const sign = fraction < 0 ? '-' : '';
  if (abs > 0 && abs < 0.005) return `${sign}<1%`;
  if (abs >= 0.995 && abs < 1) return `${sign}>99%`;
  return `${sign}${GROUPED.format(Math.round(abs * 100))}%`;
}

/** Token counts: `950`, `12k`, `2.9M`. */
export function formatTokens(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return NO_VALUE;
  const abs = Math.abs(value);
  const sign = value < 0 && Math.round(abs) > 0 ? '-' : '';
  if (Math.round(abs) < 1000) return `${sign}${Math.round(abs)}`;
  const suffixes = ['k', 'M', 'B', 'T'];
  let scaled = abs / 1000;
  for (const [index, suffix] of suffixes.entries()) {
    const rounded = scaled < 9.95 ? Math.round(scaled * 10) / 10 : Math.round(scaled);
    if (rounded < 1000 || index === suffixes.length - 1) return `${sign}${rounded}${suffix}`;
    scaled /= 1000;
  }
  return NO_VALUE;
}

/** `▼ 16% vs last week ($5.00)`, `unchanged vs last week ($5.00)`, `no spend last week`. */
export function formatChange(previousWeek) {
  const { costUsd, changeUsd } = previousWeek;
  if (!Number.isFinite(costUsd) || costUsd <= 0) return 'no spend last week';
  const fraction = previousWeek.changeFraction ?? changeUsd / costUsd;
  const last = `vs last week (${formatUsd(costUsd)})`;
  if (!Number.isFinite(fraction) || Math.abs(changeUsd) < ZERO_USD || fraction === 0) return `unchanged ${last}`;
  return `${fraction > 0 ? '▲' : '▼'} ${formatPercent(Math.abs(fraction))} ${last}`;
}
