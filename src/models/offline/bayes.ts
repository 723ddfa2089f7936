/**
 * A small naive Bayes over words and character 3–5-grams, trained on the
 * tuning half of the labelled chat set (npm run train:offline writes
 * urgency-bayes.json). The rubric decides whenever its lexicons see
 * anything; this only speaks when they see nothing at all, where "normal"
 * was right one time in ten: on messages it had not been trained on it was
 * right about two times in three there, because character n-grams reach
 * words (and inflections, and typos) no list names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Urgency } from '../../domain/index.js';
import { PROJECT_ROOT } from '../../project-root.js';

export interface BayesModel {
  classes: Urgency[];
  /** Training messages per class. */
  priors: number[];
  /** Feature → messages of each class that had it (features seen fewer than 3 times are left out). */
  features: Record<string, number[]>;
}

/** Words and character n-grams, lower-cased, digits folded: what the model counts. */
export function bayesFeatures(text: string): Set<string> {
  const words = text.toLowerCase().replace(/\d+/g, '0').match(/[\p{L}\p{N}_]+/gu) ?? [];
  const features = new Set<string>(words.map((word) => `w:${word}`));
  const joined = ` ${words.join(' ')} `;
  for (const n of [3, 4, 5]) for (let i = 0; i + n <= joined.length; i++) features.add(`c:${joined.slice(i, i + n)}`);
  return features;
}

export function trainBayes(rows: readonly { text: string; urgency: Urgency }[], minCount = 3): BayesModel {
  const classes: Urgency[] = ['urgent', 'high', 'normal', 'low'];
  const priors = classes.map((urgency) => rows.filter((row) => row.urgency === urgency).length);
  const counts = new Map<string, number[]>();
  for (const row of rows) {
    const index = classes.indexOf(row.urgency);
    for (const feature of bayesFeatures(row.text)) {
      const entry = counts.get(feature) ?? classes.map(() => 0);
      entry[index] = (entry[index] ?? 0) + 1;
      counts.set(feature, entry);
    }
  }
  const features: Record<string, number[]> = {};
  for (const [feature, entry] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (entry.reduce((sum, n) => sum + n, 0) >= minCount) features[feature] = entry;
  }
  return { classes, priors, features };
}

export function predictBayes(model: BayesModel, text: string): Urgency {
  let best: { score: number; urgency: Urgency } | null = null;
  const seen = [...bayesFeatures(text)].filter((feature) => feature in model.features);
  model.classes.forEach((urgency, index) => {
    const total = model.priors[index] ?? 0;
    if (total === 0) return;
    let score = Math.log(total);
    for (const feature of seen) score += Math.log(((model.features[feature]?.[index] ?? 0) + 0.5) / (total + 1));
    if (!best || score > best.score) best = { score, urgency };
  });
  return (best as { urgency: Urgency } | null)?.urgency ?? 'normal';
}

let loaded: BayesModel | null = null;

/** The trained model, shipped beside this file's source (read from there when the code runs compiled, too). */
export function urgencyBayes(): BayesModel {
  loaded ??= JSON.parse(readFileSync(join(PROJECT_ROOT, 'src', 'models', 'offline', 'urgency-bayes.json'), 'utf8')) as BayesModel;
  return loaded;
}
