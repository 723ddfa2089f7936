/** The judgment arithmetic against figures worked out by hand. */
import { describe, expect, it } from 'vitest';
import { URGENCIES, type Urgency } from '../src/domain/index.js';
import { accuracy, calibration, confusionMatrix, flagScores, macroF1, perClassScores, setScores, sumSetScores } from '../src/cli/judgment-metrics.js';

function pairs(spec: [Urgency, Urgency, number][]) {
  return spec.flatMap(([label, predicted, n]) => Array.from({ length: n }, () => ({ label, predicted })));
}

describe('urgency scores on a 3×3 example', () => {
  // label → predicted: low→low 3, low→normal 1, normal→normal 2, normal→high 1, high→high 1, high→low 2
  const example = pairs([
    ['low', 'low', 3],
    ['low', 'normal', 1],
    ['normal', 'normal', 2],
    ['normal', 'high', 1],
    ['high', 'high', 1],
    ['high', 'low', 2],
  ]);

  it('gives precision, recall and F1 per class', () => {
    const scores = perClassScores(example, URGENCIES);
    // low: TP 3, predicted 5, labelled 4 → P 3/5, R 3/4, F1 2·3/(6+2+1) = 2/3
    expect(scores.low.precision).toBeCloseTo(0.6, 12);
    expect(scores.low.recall).toBeCloseTo(0.75, 12);
    expect(scores.low.f1).toBeCloseTo(2 / 3, 12);
    expect(scores.low.support).toBe(4);
    // normal: TP 2, predicted 3, labelled 3 → 2/3 all round
    expect(scores.normal.precision).toBeCloseTo(2 / 3, 12);
    expect(scores.normal.recall).toBeCloseTo(2 / 3, 12);
    expect(scores.normal.f1).toBeCloseTo(2 / 3, 12);
    // high: TP 1, predicted 2, labelled 3 → P 1/2, R 1/3, F1 2/(2+1+2) = 0.4
    expect(scores.high.precision).toBeCloseTo(0.5, 12);
    expect(scores.high.recall).toBeCloseTo(1 / 3, 12);
    expect(scores.high.f1).toBeCloseTo(0.4, 12);
    // urgent occurs nowhere: nothing to score.
    expect(scores.urgent).toEqual({ precision: null, recall: null, f1: null, support: 0 });
  });

  it('averages F1 over the classes that occur: (2/3 + 2/3 + 0.4) / 3', () => {
    expect(macroF1(example, URGENCIES)).toBeCloseTo((2 / 3 + 2 / 3 + 0.4) / 3, 12);
    expect(macroF1([], URGENCIES)).toBeNull();
  });

  it('scores a class labelled but never predicted as F1 0, which pulls macro-F1 down', () => {
    const missed = pairs([
      ['normal', 'normal', 3],
      ['urgent', 'normal', 1],
    ]);
    const scores = perClassScores(missed, URGENCIES);
    expect(scores.urgent).toEqual({ precision: null, recall: 0, f1: 0, support: 1 });
    // normal: TP 3, predicted 4, labelled 3 → F1 6/7; urgent 0 → mean 3/7
    expect(macroF1(missed, URGENCIES)).toBeCloseTo(3 / 7, 12);
    expect(accuracy(missed.map((p) => p.label === p.predicted))).toBeCloseTo(0.75, 12);
  });

  it('counts the confusion matrix as label × predicted', () => {
    const matrix = confusionMatrix(example, URGENCIES);
    expect(matrix.high).toEqual({ low: 2, normal: 0, high: 1, urgent: 0 });
    expect(matrix.low).toEqual({ low: 3, normal: 1, high: 0, urgent: 0 });
    expect(Object.values(matrix.urgent).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('expected calibration error', () => {
  it('weighs each bin’s |accuracy − confidence| by its share of the tickets', () => {
    const points = [
      // bin 0.9–1.0: mean confidence 0.95, 3 of 4 right → gap 0.2
      ...[true, true, false, true].map((correct) => ({ confidence: 0.95, correct })),
      // bin 0.6–0.7: mean 0.65, 1 of 2 right → gap 0.15
      { confidence: 0.62, correct: true },
      { confidence: 0.68, correct: false },
      // bin 0.1–0.2: mean 0.15, none right → gap 0.15
      { confidence: 0.15, correct: false },
      { confidence: 0.15, correct: false },
    ];
    const result = calibration(points);
    // 4/8 · 0.2 + 2/8 · 0.15 + 2/8 · 0.15 = 0.175
    expect(result?.ece).toBeCloseTo(0.175, 12);
    expect(result?.bins).toHaveLength(10);
    expect(result?.bins[6]).toMatchObject({ n: 2, accuracy: 0.5 });
    expect(result?.bins[6]?.confidence).toBeCloseTo(0.65, 12);
    expect(result?.bins[9]).toMatchObject({ from: 0.9, to: 1, n: 4, confidence: 0.95, accuracy: 0.75 });
    expect(result?.bins[0]).toMatchObject({ n: 0, confidence: null, accuracy: null });
  });

  it('puts a confidence of exactly 1 in the last bin, and is 0 for a perfectly calibrated set', () => {
    const result = calibration([
      { confidence: 1, correct: true },
      { confidence: 0.5, correct: true },
      { confidence: 0.5, correct: false },
    ]);
    expect(result?.bins[9]?.n).toBe(1);
    expect(result?.bins[5]?.n).toBe(2);
    expect(result?.ece).toBeCloseTo(0, 12);
    expect(calibration([])).toBeNull();
  });
});

describe('set matching', () => {
  it('gives micro precision and recall over every item', () => {
    const scores = setScores([
      { expected: ['a', 'b'], predicted: ['a', 'c'] },
      { expected: [], predicted: ['d'] },
      { expected: ['e'], predicted: ['e', 'e'] },
    ]);
    // found {a,c} {d} {e}: 4, right a and e: 2; labelled {a,b} {e}: 3
    expect(scores).toEqual({ precision: 0.5, recall: 2 / 3, true_positives: 2, predicted: 4, expected: 3 });
    expect(setScores([{ expected: [], predicted: [] }])).toMatchObject({ precision: null, recall: null });
    expect(sumSetScores([scores, { precision: 1, recall: 1, true_positives: 1, predicted: 1, expected: 1 }])).toMatchObject({ precision: 0.6, recall: 0.75 });
  });

  it('scores each risk flag as its own question', () => {
    const scores = flagScores(
      [
        { expected: ['refund'], predicted: ['refund', 'legal'] },
        { expected: ['legal'], predicted: [] },
        { expected: [], predicted: [] },
      ],
      ['refund', 'legal', 'security'] as const,
    );
    expect(scores.refund).toMatchObject({ precision: 1, recall: 1 });
    expect(scores.legal).toMatchObject({ precision: 0, recall: 0, predicted: 1, expected: 1 });
    expect(scores.security).toMatchObject({ precision: null, recall: null });
  });
});
