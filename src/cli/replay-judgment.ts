/**
 * How well the bot judged labelled tickets, the way a routing product needs
 * it measured: urgency per class and macro-F1 (rare classes count as much as
 * common ones), whether its confidence can be trusted (ECE), category, risk
 * flags, needs-reply, extracted fields, per language, and the one number
 * that must stay 0: high-stakes tickets sent without a human.
 * Each figure covers only the tickets labelled for it; null when none are.
 */
import { RISK_FLAGS, URGENCIES, type ExtractedFields, type RiskFlag, type TicketOutcome, type Urgency } from '../domain/index.js';
import {
  accuracy,
  calibration,
  confusionMatrix,
  flagScores,
  macroF1,
  perClassScores,
  setScores,
  sumSetScores,
  type ClassScores,
  type Pair,
  type ReliabilityBin,
  type SetScores,
} from './judgment-metrics.js';
import type { LabelledFields, TicketLabels } from './replay-labels.js';

export interface ReplayResult {
  outcome: TicketOutcome;
  labels: TicketLabels | null;
}

export const FIELD_KINDS = ['order_ids', 'emails', 'amounts', 'account_ids'] as const;
type FieldKind = (typeof FIELD_KINDS)[number];

export interface Judgment {
  /** Tickets with an urgency label that were classified: what the urgency figures cover. */
  labelled: number;
  /** Share of urgency labels matched (kept from earlier releases). */
  accuracy: number | null;
  urgency_macro_f1: number | null;
  per_class: Record<Urgency, ClassScores> | null;
  /** confusion[label][predicted] = count */
  confusion: Record<Urgency, Record<Urgency, number>> | null;
  /** Classification confidence as the probability the urgency is right. */
  ece: number | null;
  reliability: ReliabilityBin[] | null;
  category_accuracy: number | null;
  risk_flags: Record<RiskFlag, SetScores> | null;
  needs_reply_accuracy: number | null;
  extraction: (Record<FieldKind, SetScores> & { overall: SetScores }) | null;
  per_language: Record<string, { n: number; urgency_macro_f1: number | null; category_accuracy: number | null }> | null;
  /** Labelled urgent or risky, and `sent` with no person's review. Must be 0. */
  high_stakes_sent_without_human: number | null;
}

/** Labelled and classified: what there is to compare. */
interface Judged {
  outcome: TicketOutcome & { classification: NonNullable<TicketOutcome['classification']> };
  labels: TicketLabels;
}

function judged(results: readonly ReplayResult[]): Judged[] {
  return results.filter((r): r is Judged => r.labels !== null && r.outcome.classification !== null);
}

function urgencyPairs(items: readonly Judged[]): Pair<Urgency>[] {
  return items.flatMap((r) => (r.labels.urgency ? [{ label: r.labels.urgency, predicted: r.outcome.classification.urgency }] : []));
}

function categoryAccuracy(items: readonly Judged[]): number | null {
  return accuracy(items.flatMap((r) => (r.labels.category ? [r.labels.category === r.outcome.classification.category] : [])));
}

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };

/**
 * Field values as comparable keys: case and spacing do not matter, nor an
 * order number's `#`; an amount is its value to the cent and its currency code.
 */
const key = {
  id: (value: string) => value.trim().toLowerCase().replace(/\s+/g, '').replace(/^#/, ''),
  email: (value: string) => value.trim().toLowerCase(),
  amount: ({ value, currency }: { value: number; currency: string | null }) => {
    const code = currency ? (CURRENCY_SYMBOLS[currency.trim()] ?? currency.trim().toUpperCase()) : '';
    return `${value.toFixed(2)} ${code}`;
  },
};

function fieldKeys(fields: LabelledFields | ExtractedFields): Record<FieldKind, string[]> {
  const f = 'orderIds' in fields ? { order_ids: fields.orderIds, emails: fields.emails, amounts: fields.amounts, account_ids: fields.accountIds } : fields;
  return { order_ids: f.order_ids.map(key.id), emails: f.emails.map(key.email), amounts: f.amounts.map(key.amount), account_ids: f.account_ids.map(key.id) };
}

function extraction(results: readonly ReplayResult[]): Judgment['extraction'] {
  const items = results.flatMap((r) => (r.labels?.fields && r.outcome.fields ? [{ expected: fieldKeys(r.labels.fields), predicted: fieldKeys(r.outcome.fields) }] : []));
  if (items.length === 0) return null;
  const kinds = Object.fromEntries(FIELD_KINDS.map((kind) => [kind, setScores(items.map((i) => ({ expected: i.expected[kind], predicted: i.predicted[kind] })))])) as Record<
    FieldKind,
    SetScores
  >;
  return { ...kinds, overall: sumSetScores(FIELD_KINDS.map((kind) => kinds[kind])) };
}

function perLanguage(results: readonly ReplayResult[]): Judgment['per_language'] {
  const languages = [...new Set(results.flatMap((r) => (r.labels?.language ? [r.labels.language] : [])))].sort();
  if (languages.length === 0) return null;
  return Object.fromEntries(
    languages.map((language) => {
      const subset = results.filter((r) => r.labels?.language === language);
      const items = judged(subset);
      return [language, { n: subset.length, urgency_macro_f1: macroF1(urgencyPairs(items), URGENCIES), category_accuracy: categoryAccuracy(items) }];
    }),
  );
}

/** Counts any ticket, classified or not: a failed classification must not hide a high-stakes send. */
function highStakesSentWithoutHuman(results: readonly ReplayResult[]): number | null {
  const labelled = results.filter((r) => r.labels?.urgency || r.labels?.riskFlags);
  if (labelled.length === 0) return null;
  return labelled.filter(
    (r) => (r.labels?.urgency === 'urgent' || (r.labels?.riskFlags?.length ?? 0) > 0) && r.outcome.ticket.status === 'sent' && r.outcome.lastHumanReview === null,
  ).length;
}

export function judge(results: readonly ReplayResult[]): Judgment {
  const items = judged(results);
  const pairs = urgencyPairs(items);
  const labelledUrgency = items.filter((r) => r.labels.urgency);
  const calibrated = calibration(labelledUrgency.map((r) => ({ confidence: r.outcome.classification.confidence, correct: r.outcome.classification.urgency === r.labels.urgency })));
  const flagged = items.flatMap((r) => (r.labels.riskFlags ? [{ expected: r.labels.riskFlags, predicted: r.outcome.classification.riskFlags }] : []));
  const any = pairs.length > 0;
  return {
    labelled: pairs.length,
    accuracy: accuracy(pairs.map((p) => p.label === p.predicted)),
    urgency_macro_f1: macroF1(pairs, URGENCIES),
    per_class: any ? perClassScores(pairs, URGENCIES) : null,
    confusion: any ? confusionMatrix(pairs, URGENCIES) : null,
    ece: calibrated?.ece ?? null,
    reliability: calibrated?.bins ?? null,
    category_accuracy: categoryAccuracy(items),
    risk_flags: flagged.length > 0 ? flagScores(flagged, RISK_FLAGS) : null,
    needs_reply_accuracy: accuracy(items.flatMap((r) => (r.labels.needsReply !== null ? [r.labels.needsReply === r.outcome.classification.needsReply] : []))),
    extraction: extraction(results),
    per_language: perLanguage(results),
    high_stakes_sent_without_human: highStakesSentWithoutHuman(results),
  };
}
