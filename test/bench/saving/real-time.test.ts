/** The saving bench's conversion of scaled times back to real speed (real-time.ts). */
import { describe, expect, it } from 'vitest';
import { percentile, realSpan } from './real-time.js';

describe('realSpan', () => {
  it('stretches the planned waits by 1 / scale and counts everything else once', () => {
    // 5 ms of work, a 50 ms wait (1 s at 1/20), 5 ms of work.
    expect(realSpan(0, 60, [{ startedAt: 5, ms: 50 }], 0.05)).toBeCloseTo(10 + 1_000, 9);
  });

  it('counts overlapping waits once, as the longer of two calls side by side', () => {
    const waits = [
      { startedAt: 0, ms: 40 },
      { startedAt: 2, ms: 30 },
      { startedAt: 50, ms: 10 },
    ];
    expect(realSpan(0, 60, waits, 0.1)).toBeCloseTo(60 + (40 + 10) * 9, 9);
  });

  it('clips waits to the span, and a timer that fired late counts once', () => {
    // The wait planned 20 ms but the span ended 30 ms after it began: 10 ms of lateness at face value.
    expect(realSpan(10, 40, [{ startedAt: 0, ms: 30 }], 0.5)).toBeCloseTo(30 + 20, 9);
    expect(realSpan(0, 10, [], 0.05)).toBe(10);
  });

  it('is the measured span at a scale of 1', () => {
    expect(realSpan(0, 100, [{ startedAt: 0, ms: 80 }], 1)).toBe(100);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([3], 95)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });
});
