/**
 * The words of an SLA alert, platform-neutral: which ticket, its urgency,
 * which clock, the time left or overdue, the target and the deadline in the
 * team's zone. Each surface renders the rich text in its own dialect (so
 * nothing here can become markup); the on-call mention is the one piece of
 * markup, made by the caller from configured ids (`<@U…>`,
 * `<!subteam^S…>`, `<@&…>`), and put in front by `slaAlertMessage`.
 */
import { DateTime } from 'luxon';
import type { SlaAlert, SlaClockName } from '../sla/sla-state.js';
import { formatDuration } from './duration.js';
import { line, renderRichText, type RichText, type RichTextDialect } from './rich-text.js';

export const SLA_CLOCK_LABELS: Readonly<Record<SlaClockName, string>> = {
  first_response: 'first reply',
  resolution: 'resolution',
};

export interface SlaTextOptions {
  /** The zone the deadline is shown in (REPORT_TIMEZONE). */
  timeZone: string;
  /** Whether targets count business hours only (said next to the target). */
  businessHours: boolean;
  /** For "today" versus a date in the deadline. */
  now: Date;
}

/** `SLA breach: ticket #12 🔴 urgent, first reply 8 min overdue` and a line with the target and deadline. */
export function slaAlertText(alert: SlaAlert, options: SlaTextOptions): RichText {
  const clock = SLA_CLOCK_LABELS[alert.clock];
  const state = alert.msLeft >= 0 ? `${clock} due in ${formatDuration(alert.msLeft)}` : `${clock} ${formatDuration(alert.msLeft)} overdue`;
  const target = alert.targetMs === null ? '' : `Target ${formatDuration(alert.targetMs)}${options.businessHours ? ' of business time' : ''}; due`;
  return [
    line({ strong: alert.kind === 'breach' ? 'SLA breach' : 'SLA warning' }, ': ticket ', { strong: `#${alert.ticketId}` }, ' ', { urgency: alert.urgency }, `, ${state}`),
    line(`${target || 'Due'} ${deadlineText(alert.dueAt, options)}.`),
  ];
}

/** The alert as one message in a surface's dialect, the on-call mention (already in that platform's markup) first. */
export function slaAlertMessage(text: RichText, dialect: RichTextDialect, mention?: string | null): string {
  const rendered = renderRichText(text, dialect);
  return mention ? `${mention} ${rendered}` : rendered;
}

/** `14:05 (Europe/Berlin)` today, `Mon 2 Nov 09:10 (Europe/Berlin)` another day. */
function deadlineText(dueAt: Date, options: SlaTextOptions): string {
  const due = DateTime.fromJSDate(dueAt, { zone: options.timeZone }).setLocale('en');
  const today = DateTime.fromJSDate(options.now, { zone: options.timeZone }).hasSame(due, 'day');
  return `${due.toFormat(today ? 'HH:mm' : 'ccc d LLL HH:mm')} (${options.timeZone})`;
}
