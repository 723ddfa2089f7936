// Category by keyword votes. Risk categories win ties and get a head start
// from their risk flag: a ticket that mentions both an invoice and a breach is
// a security ticket first, because that is what decides who must look at it.

import type { Category, RiskFlag } from '../../domain/index.js';
import { CATEGORY_WORDS } from './lexicon.js';
import { countKeywords } from './text.js';

/** Tie-break order: the more consequential category first. */
const PRIORITY: readonly Exclude<Category, 'general'>[] = [
  'security',
  'outage',
  'legal',
  'refund',
  'billing',
  'account',
  'technical',
  'sales',
  'feedback',
];

const FLAG_CATEGORY: Partial<Record<RiskFlag, Category>> = {
  security: 'security',
  outage: 'outage',
  legal: 'legal',
  refund: 'refund',
  data_loss: 'technical',
};

/** Extra votes a risk flag gives its category (the flag words already voted once). */
const FLAG_BONUS = 1;

export interface CategoryResult {
  category: Category;
  /** Votes of the winner. */
  evidence: number;
  /** Winner's votes minus the runner-up's; small margins mean a guess. */
  margin: number;
}

export function categorize(text: string, flags: readonly RiskFlag[]): CategoryResult {
  const votes = new Map<Category, number>();
  for (const category of PRIORITY) votes.set(category, countKeywords(text, CATEGORY_WORDS[category]));
  for (const flag of flags) {
    const category = FLAG_CATEGORY[flag];
    if (category) votes.set(category, (votes.get(category) ?? 0) + FLAG_BONUS);
  }
  // Stable sort keeps PRIORITY order among equal votes.
  const ranked = PRIORITY.map((category) => [category, votes.get(category) ?? 0] as const).sort(
    (left, right) => right[1] - left[1],
  );
  const [best, second] = ranked;
  if (!best || best[1] === 0) return { category: 'general', evidence: 0, margin: 0 };
  return { category: best[0], evidence: best[1], margin: best[1] - (second?.[1] ?? 0) };
}
