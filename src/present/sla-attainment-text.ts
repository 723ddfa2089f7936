/**
 * SLA attainment in words, one line per urgency, for `/triage today` and
 * the weekly report on every surface (the numbers come from
 * src/sla/sla-attainment.ts; the words are plain text, safe in any dialect).
 */
import type { UrgencyAttainment } from '../sla/sla-attainment.js';
import { formatDuration } from './duration.js';

/** `urgent: first reply 4 met, 1 breached, 2 on time so far; median 6 min, p90 14 min · resolution 3 met, 0 breached` */
export function slaAttainmentLines(rows: readonly UrgencyAttainment[]): string[] {
  return rows.map((row) => {
    const first = row.firstResponse;
    const resolution = row.resolution;
    const open = (count: number) => (count > 0 ? `, ${count} on time so far` : '');
    const times = row.timeToFirstResponse;
    const speed = times.medianMs === null ? 'no reply yet' : `median ${formatDuration(times.medianMs)}, p90 ${formatDuration(times.p90Ms ?? times.medianMs)}`;
    return (
      `${row.urgency}: first reply ${first.met} met, ${first.breached} breached${open(first.openOnTime)}; ${speed}` +
      ` · resolution ${resolution.met} met, ${resolution.breached} breached${open(resolution.openOnTime)}`
    );
  });
}

/** `billing: payment method, bitcoin — 3 tickets (e.g. "can I pay in bitcoin?")` */
export function knowledgeGapLines(gaps: readonly { topic: string; tickets: number; example: string }[]): string[] {
  return gaps.map((gap) => `${gap.topic} — ${gap.tickets} ticket${gap.tickets === 1 ? '' : 's'} (e.g. "${gap.example.replace(/\s+/g, ' ').slice(0, 80)}")`);
}
