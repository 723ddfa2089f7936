/**
 * The clock rules, as pure functions over a ticket's SLA state: what an
 * event does to the clocks, which alerts are due, and what sending one
 * changes. No I/O and no timers: the store keeps the state, the pipeline
 * feeds events, the watcher asks for due alerts. Same input, same output,
 * so the rules are tested without a database or a clock.
 *
 * Choices a support lead would ask about:
 * - A customer writing again while a reply is still awaited changes nothing:
 *   the clock keeps counting from the oldest unanswered message.
 * - A reopened ticket resumes its resolution clock, the closed time not
 *   counted (the deadline moves by the business time it was closed), rather
 *   than restarting: a ticket closed too early and reopened has not earned a
 *   fresh target, and one that was almost due stays almost due.
 * - A ticket closed before its first reply ends that period unanswered: a
 *   breach when the deadline had passed, otherwise not counted either way
 *   ("thanks!" needs no reply).
 * - An urgency change recomputes the deadlines from the start of the running
 *   first-response period and from the opening (plus pauses) for resolution;
 *   the warned / breached flags stay, so each alert is still sent once per
 *   period (an escalation past its new deadline gets its breach at once).
 */
import { businessClock, type BusinessClock } from './business-clock.js';
import type { SlaSettings } from './sla-config.js';
import { awaitingReply, awaitingResolution, type SlaAlert, type SlaClockName, type SlaEvent, type SlaState } from './sla-state.js';

/** The state after `event` at `now`; null in, null out for anything but `opened` (a ticket from before SLAs). */
export function applySlaEvent(state: SlaState | null, event: SlaEvent, settings: SlaSettings, now: Date): SlaState | null {
  if (event.kind === 'opened') return state ?? opened(event.ticketId, event.urgency, settings, now);
  if (state === null) return null;
  switch (event.kind) {
    case 'urgency_changed':
      return event.urgency === state.urgency ? state : withDeadlines({ ...state, urgency: event.urgency }, settings);
    case 'reply_sent':
      return awaitingReply(state) ? replied(state, now) : state;
    case 'resolved':
      return awaitingResolution(state) ? resolved(state, now) : state;
    case 'customer_message':
      return customerWrote(state, settings, now);
  }
}

function opened(ticketId: number, urgency: SlaState['urgency'], settings: SlaSettings, now: Date): SlaState {
  return withDeadlines(
    {
      ticketId,
      urgency,
      openedAt: now,
      responsePeriod: 1,
      responseStartedAt: now,
      firstResponseWarnAt: null,
      firstResponseDueAt: null,
      firstRespondedAt: null,
      warnedFirst: false,
      breachedFirst: false,
      firstReplyAt: null,
      responsesMet: 0,
      responsesBreached: 0,
      resolutionWarnAt: null,
      resolutionDueAt: null,
      resolvedAt: null,
      resolutionPausedMs: 0,
      warnedResolution: false,
      breachedResolution: false,
      nextAlertAt: null,
    },
    settings,
  );
}

function replied(state: SlaState, now: Date): SlaState {
  const due = state.firstResponseDueAt;
  const late = due !== null && now.getTime() > due.getTime();
  return withNextAlert({
    ...state,
    firstRespondedAt: now,
    firstReplyAt: state.firstReplyAt ?? now,
    responsesMet: state.responsesMet + (due !== null && !late ? 1 : 0),
    responsesBreached: state.responsesBreached + (late ? 1 : 0),
  });
}

function resolved(state: SlaState, now: Date): SlaState {
  // Closed unanswered: the period ends; past its deadline that was a breach.
  const due = state.firstResponseDueAt;
  const unansweredLate = awaitingReply(state) && due !== null && now.getTime() > due.getTime();
  return withNextAlert({ ...state, resolvedAt: now, responsesBreached: state.responsesBreached + (unansweredLate ? 1 : 0) });
}

function customerWrote(state: SlaState, settings: SlaSettings, now: Date): SlaState {
  if (awaitingReply(state)) return state;
  const reopened = state.resolvedAt !== null;
  const pausedMs = reopened ? Math.max(0, clockFor(settings).businessTimeBetween(state.resolvedAt as Date, now)) : 0;
  return withDeadlines(
    {
      ...state,
      resolvedAt: null,
      resolutionPausedMs: state.resolutionPausedMs + pausedMs,
      // A new "awaiting reply" period: its own deadline, its own warning and breach.
      responsePeriod: state.responsePeriod + 1,
      responseStartedAt: now,
      firstRespondedAt: null,
      warnedFirst: false,
      breachedFirst: false,
    },
    settings,
  );
}

/** Deadlines for the state's urgency: the running first-response period's, and the resolution's. */
function withDeadlines(state: SlaState, settings: SlaSettings): SlaState {
  const clock = clockFor(settings);
  const next = { ...state };
  // A finished period keeps the deadline it was judged by.
  if (awaitingReply(state)) {
    const target = targetFor(settings, 'first_response', state);
    next.firstResponseDueAt = target === null ? null : clock.addBusinessTime(state.responseStartedAt, target);
    next.firstResponseWarnAt = target === null ? null : clock.addBusinessTime(state.responseStartedAt, Math.round(target * settings.warnAt));
  }
  const target = targetFor(settings, 'resolution', state);
  const paused = state.resolutionPausedMs;
  next.resolutionDueAt = target === null ? null : clock.addBusinessTime(state.openedAt, target + paused);
  next.resolutionWarnAt = target === null ? null : clock.addBusinessTime(state.openedAt, Math.round(target * settings.warnAt) + paused);
  return withNextAlert(next);
}

function withNextAlert(state: SlaState): SlaState {
  return { ...state, nextAlertAt: nextAlertAt(state) };
}

/** One clock of the state, read the same way by `nextAlertAt` and `dueAlerts`. */
interface ClockView {
  clock: SlaClockName;
  running: boolean;
  period: number;
  warnAt: Date | null;
  dueAt: Date | null;
  warned: boolean;
  breached: boolean;
}

function clockViews(state: SlaState): ClockView[] {
  return [
    {
      clock: 'first_response',
      running: awaitingReply(state),
      period: state.responsePeriod,
      warnAt: state.firstResponseWarnAt,
      dueAt: state.firstResponseDueAt,
      warned: state.warnedFirst,
      breached: state.breachedFirst,
    },
    {
      clock: 'resolution',
      running: awaitingResolution(state),
      period: 1,
      warnAt: state.resolutionWarnAt,
      dueAt: state.resolutionDueAt,
      warned: state.warnedResolution,
      breached: state.breachedResolution,
    },
  ];
}

/** The earliest alert moment not yet used, over the running clocks; null when none will come. */
export function nextAlertAt(state: SlaState): Date | null {
  let earliest: Date | null = null;
  for (const view of clockViews(state)) {
    if (!view.running || view.breached || view.dueAt === null) continue;
    const at = !view.warned && view.warnAt !== null ? view.warnAt : view.dueAt;
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}

/**
 * Alerts due at `now`, one per running clock at most: a breach when the
 * deadline has passed (it stands for the warning too, which would only be
 * noise by then), else a warning past the warning time. Read from the
 * stored deadlines, not the settings: a target removed since must not
 * leave a next-alert time that never fires.
 */
export function dueAlerts(state: SlaState, settings: SlaSettings, now: Date): SlaAlert[] {
  const alerts: SlaAlert[] = [];
  const at = now.getTime();
  for (const view of clockViews(state)) {
    if (!view.running || view.breached || view.dueAt === null || state.urgency === null) continue;
    const breach = at >= view.dueAt.getTime();
    const warning = !view.warned && view.warnAt !== null && at >= view.warnAt.getTime();
    if (!breach && !warning) continue;
    alerts.push({
      ticketId: state.ticketId,
      urgency: state.urgency,
      kind: breach ? 'breach' : 'warning',
      clock: view.clock,
      period: view.period,
      dueAt: view.dueAt,
      targetMs: targetFor(settings, view.clock, state),
      msLeft: view.dueAt.getTime() - at,
    });
  }
  return alerts;
}

/**
 * The state once `alert` went out (or was given up): its flag set, a breach
 * setting the warning's too. An alert of an earlier period changes nothing.
 */
export function markAlerted(state: SlaState, alert: Pick<SlaAlert, 'clock' | 'kind' | 'period'>): SlaState {
  const breach = alert.kind === 'breach';
  if (alert.clock === 'first_response') {
    if (alert.period !== state.responsePeriod) return state;
    const next = { ...state, warnedFirst: true, breachedFirst: state.breachedFirst || breach };
    return { ...next, nextAlertAt: nextAlertAt(next) };
  }
  const next = { ...state, warnedResolution: true, breachedResolution: state.breachedResolution || breach };
  return { ...next, nextAlertAt: nextAlertAt(next) };
}

export function targetFor(settings: SlaSettings, clock: SlaClockName, state: Pick<SlaState, 'urgency'>): number | null {
  if (state.urgency === null) return null;
  return (clock === 'first_response' ? settings.firstResponse : settings.resolution)[state.urgency] ?? null;
}

/** One business clock per settings object: settings are built once at start-up. */
const clocks = new WeakMap<SlaSettings, BusinessClock>();

export function clockFor(settings: SlaSettings): BusinessClock {
  let clock = clocks.get(settings);
  if (!clock) {
    clock = businessClock(settings);
    clocks.set(settings, clock);
  }
  return clock;
}
