/**
 * Round y-axis steps and dollar labels for the spend chart. Weekly spend can be
 * $0.004 or $4,000, so the step and the number of decimals are derived from the
 * data: 3–5 labels such as $0.00 $0.25 $0.50, never two that read the same.
 */

export interface AxisTick {
  value: number;
  label: string;
}

export interface DollarAxis {
  step: number;
  /** The highest tick; the plot's full height. */
  top: number;
  /** From $0 upwards. */
  ticks: AxisTick[];
}

/** Step mantissas; 2.5 gives quarter-dollar steps, which read naturally for money. */
const NICE_MANTISSAS = [1, 2, 2.5, 5];
const MAX_INTERVALS = 4;
/** Below a millionth of a dollar the labels would be all zeros; treat it as that floor. */
const MIN_AXIS_USD = 1e-6;
/** Absorbs float noise such as 0.8 / 0.2 = 4.000000000000001. */
const EPSILON = 1e-9;

/** The axis for a chart whose tallest bar is `maxUsd`; a default $0–$1 axis when there is nothing to show. */
export function dollarAxis(maxUsd: number): DollarAxis {
  if (!Number.isFinite(maxUsd) || maxUsd <= 0) return buildAxis(0.25, 4);
  const max = Math.max(maxUsd, MIN_AXIS_USD);
  const exponent = Math.floor(Math.log10(max / MAX_INTERVALS));
  // The smallest nice step that needs at most 4 intervals. Consecutive nice
  // steps differ by at most 2.5×, so it also needs at least 2: 3–5 labels.
  for (let e = exponent; e <= exponent + 1; e++) {
    for (const mantissa of NICE_MANTISSAS) {
      const step = mantissa * 10 ** e;
      const intervals = Math.ceil(max / step - EPSILON);
      if (intervals <= MAX_INTERVALS) return buildAxis(step, Math.max(1, intervals));
    }
  }
  return buildAxis(10 ** (exponent + 2), 1);
}

function buildAxis(step: number, intervals: number): DollarAxis {
  const unit = unitFor(step * intervals);
  const decimals = labelDecimals(step / unit.divisor, unit.divisor === 1);
  const ticks: AxisTick[] = [];
  for (let i = 0; i <= intervals; i++) {
    const value = i * step;
    // "$0", not "$0.0M": zero needs no unit.
    const label = i === 0 && unit.suffix !== '' ? '$0' : `$${groupThousands((value / unit.divisor).toFixed(decimals))}${unit.suffix}`;
    ticks.push({ value, label });
  }
  return { step, top: step * intervals, ticks };
}

/** Short label for a single amount (a bar's total): two significant figures for small sums. */
export function barLabelUsd(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '$0.00';
  if (value < 0.0001) return '<$0.0001';
  if (value >= 1e6) {
    const unit = unitFor(value);
    return `$${(value / unit.divisor).toFixed(1)}${unit.suffix}`;
  }
  if (value >= 1000) return `$${groupThousands(value.toFixed(0))}`;
  if (value >= 1) return `$${groupThousands(value.toFixed(2))}`;
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(value)));
  return `$${value.toFixed(decimals)}`;
}

function unitFor(value: number): { divisor: number; suffix: string } {
  if (value >= 1e9) return { divisor: 1e9, suffix: 'B' };
  if (value >= 1e6) return { divisor: 1e6, suffix: 'M' };
  return { divisor: 1, suffix: '' };
}

/** Enough decimals to tell consecutive ticks apart; cents at least when below a dollar. */
function labelDecimals(step: number, dollars: boolean): number {
  let decimals = 0;
  for (; decimals < 10; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(Math.round(scaled) - scaled) <= 1e-6 * scaled) break;
  }
  return dollars && step < 1 ? Math.max(2, decimals) : decimals;
}

function groupThousands(fixed: string): string {
  const [whole = '', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
