/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each
 * ranking gives a passage 1 / (k + rank), the sums decide. It needs no
 * calibration between BM25 scores and cosine similarities, which live on
 * scales that cannot be compared, and k = 60 (the paper's value) keeps one
 * ranking's first place from drowning a passage both rankings put near the
 * top.
 */
export const RRF_K = 60;

/** Passage id → fused score, from rankings given best first (rank 1 = index 0). */
export function reciprocalRankFusion(rankings: readonly (readonly number[])[], k = RRF_K): Map<number, number> {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return scores;
}
