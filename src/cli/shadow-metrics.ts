/**
 * Comparing nano's classification with a shadow tier's on the same tickets:
 * where they agree, how their urgencies cross, and what a confidence
 * threshold would buy: the share of tickets it sends to the bigger model, and
 * the share of all urgency disagreements among them. Pure and unrounded.
 */
import { URGENCIES, type Classification, type ModelTier, type Urgency } from '../domain/index.js';
import { confusionMatrix } from './judgment-metrics.js';

export interface ShadowPair {
  /** What routing used: nano's answer (mini's when nano's was unusable). */
  nano: Classification;
  shadow: Classification;
}

export interface ThresholdRow {
  threshold: number;
  /** Share of compared tickets with nano confidence below the threshold: those that would reach the shadow tier. */
  escalated_share: number;
  /** Share of all urgency disagreements among those tickets; null when there are none. */
  disagreements_caught: number | null;
}

export interface ShadowComparison {
  tier: ModelTier;
  /** Tickets with both answers. */
  compared: number;
  /** Shadow calls that failed (not compared). */
  failed: number;
  /** Share of compared tickets on which both said the same; null when none were compared. */
  agreement: { urgency: number | null; category: number | null; needs_reply: number | null; risk_flags: number | null };
  /** confusion[nano][shadow] = count */
  confusion: Record<Urgency, Record<Urgency, number>>;
  /** Tickets whose urgencies differ. */
  urgency_disagreements: number;
  thresholds: ThresholdRow[];
}

/** 0.50, 0.55, … 0.95, computed from whole numbers so 0.7 is the very double 0.7. */
export const SHADOW_THRESHOLDS: readonly number[] = Array.from({ length: 10 }, (_, i) => (50 + 5 * i) / 100);

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

export function compareShadow(tier: ModelTier, pairs: readonly ShadowPair[], failed: number): ShadowComparison {
  const agreeing = (same: (p: ShadowPair) => boolean) => share(pairs.filter(same).length, pairs.length);
  const disagreeing = pairs.filter((p) => p.nano.urgency !== p.shadow.urgency);
  return {
    tier,
    compared: pairs.length,
    failed,
    agreement: {
      urgency: agreeing((p) => p.nano.urgency === p.shadow.urgency),
      category: agreeing((p) => p.nano.category === p.shadow.category),
      needs_reply: agreeing((p) => p.nano.needsReply === p.shadow.needsReply),
      risk_flags: agreeing((p) => sameSet(p.nano.riskFlags, p.shadow.riskFlags)),
    },
    confusion: confusionMatrix(
      pairs.map((p) => ({ label: p.nano.urgency, predicted: p.shadow.urgency })),
      URGENCIES,
    ),
    urgency_disagreements: disagreeing.length,
    thresholds: SHADOW_THRESHOLDS.map((threshold) => ({
      threshold,
      escalated_share: share(pairs.filter((p) => p.nano.confidence < threshold).length, pairs.length) ?? 0,
      disagreements_caught: share(disagreeing.filter((p) => p.nano.confidence < threshold).length, disagreeing.length),
    })),
  };
}
