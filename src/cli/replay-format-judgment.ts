/** The replay's judgment figures and shadow comparison as text for a person at a terminal. */
import { URGENCIES } from '../domain/index.js';
import type { SetScores } from './judgment-metrics.js';
import type { ReplaySummary } from './replay-summary.js';

const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const num = (value: number | null, digits = 2) => (value === null ? '–' : value.toFixed(digits));

function urgencyMatrix(title: string, matrix: Record<string, Record<string, number>>): string[] {
  return [
    `  ${title.padEnd(18)} ${URGENCIES.map((u) => u.padStart(7)).join('')}`,
    ...URGENCIES.map((row) => `  ${row.padEnd(18)} ${URGENCIES.map((u) => String(matrix[row]?.[u] ?? 0).padStart(7)).join('')}`),
  ];
}

const scores = (name: string, s: SetScores) =>
  `  ${name.padEnd(14)} precision ${pct(s.precision).padStart(6)}  recall ${pct(s.recall).padStart(6)}  (${s.true_positives} right of ${s.predicted} found, ${s.expected} labelled)`;

export function formatJudgment(s: ReplaySummary): string[] {
  const lines: string[] = [];
  if (s.accuracy !== null && s.confusion) {
    lines.push('', `Urgency on ${s.labelled} labelled tickets: accuracy ${pct(s.accuracy)}, macro-F1 ${num(s.urgency_macro_f1)}`);
    lines.push(...urgencyMatrix('label \\ predicted', s.confusion));
  }
  if (s.per_class) {
    lines.push('  class       precision  recall     f1  support');
    for (const u of URGENCIES) {
      const c = s.per_class[u];
      lines.push(`  ${u.padEnd(10)} ${pct(c.precision).padStart(10)} ${pct(c.recall).padStart(7)} ${num(c.f1).padStart(6)} ${String(c.support).padStart(8)}`);
    }
  }
  if (s.ece !== null && s.reliability) {
    lines.push('', `Calibration: ECE ${num(s.ece, 3)} (confidence as the chance the urgency is right)`);
    lines.push('  confidence     n  mean conf.  right');
    for (const bin of s.reliability.filter((b) => b.n > 0)) {
      lines.push(`  ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}  ${String(bin.n).padStart(6)}  ${pct(bin.confidence).padStart(10)}  ${pct(bin.accuracy).padStart(6)}`);
    }
  }
  const simple: [string, number | null][] = [
    ['Category accuracy', s.category_accuracy],
    ['Needs-reply accuracy', s.needs_reply_accuracy],
  ];
  if (simple.some(([, v]) => v !== null)) lines.push('');
  for (const [name, value] of simple) if (value !== null) lines.push(`${name}: ${pct(value)}`);
  if (s.risk_flags) {
    lines.push('', 'Risk flags');
    for (const [flag, score] of Object.entries(s.risk_flags)) lines.push(scores(flag, score));
  }
  if (s.extraction) {
    lines.push('', 'Extracted fields (normalized sets)');
    for (const [kind, score] of Object.entries(s.extraction)) lines.push(scores(kind, score));
  }
  if (s.per_language) {
    lines.push('', 'Per language           n  urgency macro-F1  category');
    for (const [language, l] of Object.entries(s.per_language)) {
      lines.push(`  ${language.padEnd(16)} ${String(l.n).padStart(6)}  ${num(l.urgency_macro_f1).padStart(16)}  ${pct(l.category_accuracy).padStart(8)}`);
    }
  }
  if (s.high_stakes_sent_without_human !== null) {
    lines.push('', `High-stakes tickets (labelled urgent or risky) sent without a human: ${s.high_stakes_sent_without_human}`);
  }
  return lines;
}

export function formatShadow(s: ReplaySummary): string[] {
  const shadow = s.shadow;
  if (!shadow) return [];
  const lines = ['', `Shadow: ${shadow.tier} classified the same ${shadow.compared} tickets${shadow.failed ? ` (${shadow.failed} shadow calls failed)` : ''}`];
  const a = shadow.agreement;
  lines.push(`  agreement  urgency ${pct(a.urgency)} · category ${pct(a.category)} · needs reply ${pct(a.needs_reply)} · risk flags ${pct(a.risk_flags)}`);
  lines.push(...urgencyMatrix(`nano \\ ${shadow.tier}`, shadow.confusion));
  lines.push(`  nano confidence below   escalated   urgency disagreements caught (of ${shadow.urgency_disagreements})`);
  for (const row of shadow.thresholds) {
    lines.push(`  ${row.threshold.toFixed(2).padStart(21)}   ${pct(row.escalated_share).padStart(9)}   ${pct(row.disagreements_caught).padStart(6)}`);
  }
  return lines;
}
