/**
 * Money as people read it, the one formatter every card, command, report and
 * alert uses, so a ticket's cost reads the same everywhere.
 */

/** What any formatter shows for a number that is missing or not finite. */
export const NO_VALUE = '—';

const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const TWO_SIGNIFICANT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

/** Amounts below this are shown as $0.00: no single model call costs that little. */
export const ZERO_USD = 0.000_001;

/**
 * US dollars: `$4.20`, `$1,234.50`; below ten cents two significant digits,
 * so cheap tickets stay distinguishable (`$0.031`, `$0.0044`). A negative
 * amount is `-$0.80`; nothing rounds to `-$0.00`.
 */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  const abs = Math.abs(value);
  if (abs < ZERO_USD) return '$0.00';
  const small = Number(abs.toPrecision(2));
  const digits = small < 0.1 ? TWO_SIGNIFICANT.format(small) : CENTS.format(abs);
  return `${value < 0 ? '-' : ''}$${digits}`;
}

