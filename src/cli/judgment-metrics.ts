/**
 * The arithmetic of judging a classifier against labels: confusion, per-class
 * precision / recall / F1, macro-F1, calibration (ECE), set matching. Pure
 * and unrounded, so each figure can be checked against a hand computation
 * (test/judgment-metrics.test.ts); the replay summary rounds for display.
 */

export interface Pair<C extends string> {
  label: C;
  predicted: C;
}

export interface ClassScores {
  /** Null when nothing was predicted as this class. */
  precision: number | null;
  /** Null when no ticket is labelled with this class. */
  recall: number | null;
  /** Null when the class is neither labelled nor predicted. */
  f1: number | null;
  /** Tickets labelled with this class. */
  support: number;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  /** Mean confidence in the bin; null when it is empty. */
  confidence: number | null;
  /** Share right in the bin; null when it is empty. */
  accuracy: number | null;
}

export interface Calibration {
  /** Σ over bins of (bin size / n) × |accuracy − mean confidence|. */
  ece: number;
  bins: ReliabilityBin[];
}

export interface SetScores {
  /** Null when nothing was predicted. */
  precision: number | null;
  /** Null when nothing was expected. */
  recall: number | null;
  true_positives: number;
  predicted: number;
  expected: number;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** confusion[label][predicted] = count, every class present in both directions. */
export function confusionMatrix<C extends string>(pairs: readonly Pair<C>[], classes: readonly C[]): Record<C, Record<C, number>> {
  const matrix = Object.fromEntries(classes.map((label) => [label, Object.fromEntries(classes.map((p) => [p, 0]))])) as Record<C, Record<C, number>>;
  for (const { label, predicted } of pairs) matrix[label][predicted] += 1;
  return matrix;
}

export function accuracy(outcomes: readonly boolean[]): number | null {
  return ratio(outcomes.filter(Boolean).length, outcomes.length);
}

/**
 * F1 as 2·TP / (2·TP + FP + FN): the harmonic mean of precision and recall
 * where both exist, and 0 (not undefined) for a class labelled but never
 * predicted or predicted but never labelled, which is how macro-F1 must
 * punish a classifier that ignores a class.
 */
export function perClassScores<C extends string>(pairs: readonly Pair<C>[], classes: readonly C[]): Record<C, ClassScores> {
  const scores = {} as Record<C, ClassScores>;
  for (const c of classes) {
    const tp = pairs.filter((p) => p.label === c && p.predicted === c).length;
    const predicted = pairs.filter((p) => p.predicted === c).length;
    const support = pairs.filter((p) => p.label === c).length;
    const fp = predicted - tp;
    const fn = support - tp;
    scores[c] = { precision: ratio(tp, predicted), recall: ratio(tp, support), f1: ratio(2 * tp, 2 * tp + fp + fn), support };
  }
  return scores;
}

/** The mean F1 over the classes that occur (labelled or predicted); null without pairs. */
export function macroF1<C extends string>(pairs: readonly Pair<C>[], classes: readonly C[]): number | null {
  const f1s = Object.values<ClassScores>(perClassScores(pairs, classes)).flatMap((s) => (s.f1 === null ? [] : [s.f1]));
  return f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null;
}

/**
 * Expected calibration error of a confidence read as "the probability this
 * answer is right", over `binCount` equal-width bins of [0, 1] (a confidence
 * of exactly 1 falls in the last). Null without points.
 */
export function calibration(points: readonly { confidence: number; correct: boolean }[], binCount = 10): Calibration | null {
  if (points.length === 0) return null;
  const members: { confidence: number; correct: boolean }[][] = Array.from({ length: binCount }, () => []);
  for (const point of points) {
    const clamped = Math.min(1, Math.max(0, point.confidence));
    members[Math.min(binCount - 1, Math.floor(clamped * binCount))]?.push(point);
  }
  let ece = 0;
  const bins = members.map((bin, i): ReliabilityBin => {
    const range = { from: i / binCount, to: (i + 1) / binCount, n: bin.length };
    if (bin.length === 0) return { ...range, confidence: null, accuracy: null };
    const confidence = bin.reduce((sum, p) => sum + p.confidence, 0) / bin.length;
    const right = bin.filter((p) => p.correct).length / bin.length;
    ece += (bin.length / points.length) * Math.abs(right - confidence);
    return { ...range, confidence, accuracy: right };
  });
  return { ece, bins };
}

/** Precision and recall of predicted sets against expected sets, summed over every item (micro). */
export function setScores(items: readonly { expected: readonly string[]; predicted: readonly string[] }[]): SetScores {
  let tp = 0;
  let predicted = 0;
  let expected = 0;
  for (const item of items) {
    const want = new Set(item.expected);
    const got = new Set(item.predicted);
    predicted += got.size;
    expected += want.size;
    for (const value of got) if (want.has(value)) tp += 1;
  }
  return { precision: ratio(tp, predicted), recall: ratio(tp, expected), true_positives: tp, predicted, expected };
}

/** Adds set scores up (the overall figure over several kinds of field). */
export function sumSetScores(parts: readonly SetScores[]): SetScores {
  const tp = parts.reduce((s, p) => s + p.true_positives, 0);
  const predicted = parts.reduce((s, p) => s + p.predicted, 0);
  const expected = parts.reduce((s, p) => s + p.expected, 0);
  return { precision: ratio(tp, predicted), recall: ratio(tp, expected), true_positives: tp, predicted, expected };
}

/** Per flag: each ticket's labelled and predicted flags, scored as a yes/no question per flag. */
export function flagScores<F extends string>(items: readonly { expected: readonly F[]; predicted: readonly F[] }[], flags: readonly F[]): Record<F, SetScores> {
  const scores = {} as Record<F, SetScores>;
  for (const flag of flags) {
    scores[flag] = setScores(items.map((item) => ({ expected: item.expected.filter((f) => f === flag), predicted: item.predicted.filter((f) => f === flag) })));
  }
  return scores;
}
