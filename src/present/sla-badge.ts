/**
 * The SLA line on a ticket's card: the time left on the running clocks
 * ("first reply due in 12 min", "first reply 8 min overdue"), or how the
 * finished one went ("replied in 4 min"). Times left are wall time to the
 * deadline (the deadline is a real moment, already placed in business
 * hours); "replied in" is wall time unless a business clock is given, in
 * which case it matches the attainment figures.
 */
import type { BusinessClock } from '../sla/business-clock.js';
import { awaitingReply, awaitingResolution, type SlaState } from '../sla/sla-state.js';
import { formatDuration } from './duration.js';
import { SLA_CLOCK_LABELS } from './sla-text.js';

/** `ok`: nothing needs doing yet; `warning`: past the warning time; `overdue`: a running clock is past its deadline. */
export type SlaTone = 'ok' | 'warning' | 'overdue';

export interface SlaBadge {
  text: string;
  tone: SlaTone;
}

const TONE_ORDER: readonly SlaTone[] = ['ok', 'warning', 'overdue'];

/** Null when the ticket has no SLA target (no urgency yet, or none configured). */
export function slaBadge(state: SlaState, now: Date, clock?: BusinessClock): SlaBadge | null {
  const parts: { text: string; tone: SlaTone }[] = [];
  if (awaitingReply(state)) {
    if (state.firstResponseDueAt !== null) parts.push(timeLeft('first_response', state.firstResponseDueAt, state.firstResponseWarnAt, now));
  } else if (state.firstRespondedAt !== null && state.firstResponseDueAt !== null) {
    const took = clock ? clock.businessTimeBetween(state.responseStartedAt, state.firstRespondedAt) : state.firstRespondedAt.getTime() - state.responseStartedAt.getTime();
    const late = state.firstRespondedAt.getTime() > state.firstResponseDueAt.getTime();
    parts.push({ text: `replied in ${formatDuration(took)}${late ? ' (late)' : ''}`, tone: 'ok' });
  }
  if (state.resolutionDueAt !== null) {
    if (awaitingResolution(state)) parts.push(timeLeft('resolution', state.resolutionDueAt, state.resolutionWarnAt, now));
    else if (state.resolvedAt !== null) {
      const over = state.resolvedAt.getTime() - state.resolutionDueAt.getTime();
      parts.push({ text: over > 0 ? `resolved ${formatDuration(over)} late` : 'resolved on time', tone: 'ok' });
    }
  }
  if (parts.length === 0) return null;
  const tone = parts.reduce<SlaTone>((worst, part) => (TONE_ORDER.indexOf(part.tone) > TONE_ORDER.indexOf(worst) ? part.tone : worst), 'ok');
  return { text: parts.map((part) => part.text).join(' · '), tone };
}

function timeLeft(clock: keyof typeof SLA_CLOCK_LABELS, dueAt: Date, warnAt: Date | null, now: Date): { text: string; tone: SlaTone } {
  const label = SLA_CLOCK_LABELS[clock];
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return { text: `${label} ${formatDuration(left)} overdue`, tone: 'overdue' };
  const tone: SlaTone = warnAt !== null && now.getTime() >= warnAt.getTime() ? 'warning' : 'ok';
  return { text: `${label} due in ${formatDuration(left)}`, tone };
}
