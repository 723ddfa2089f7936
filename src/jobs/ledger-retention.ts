/**
 * Keeps the ledger small (LEDGER_RETENTION_DAYS): per-call detail (each row,
 * its raw usage JSON and error text) older than N days is deleted, after the
 * spend aggregates' quarter hours of those days have been merged into one
 * bucket per local day. Nothing a report or a budget reads is lost: reports
 * sum the aggregates (exact over whole local days in REPORT_TIMEZONE), a
 * ticket's cost lives in ticket_spend, and budgets read at most the current
 * month, which the minimum retention keeps whole. What goes is the per-call
 * detail a person looks at for a recent ticket (`forTicket`).
 */
import type { Logger } from '../logger.js';
import { dayContaining } from '../periods.js';
import type { SpendRepository } from '../store/spend-types.js';

/** Calls deleted per transaction: short enough that the pipeline's writes never wait long on the lock. */
const DELETE_BATCH = 5_000;
const DAY_MS = 86_400_000;

export interface RetentionRun {
  /** Local midnight before which detail went. */
  cutoff: Date;
  /** Quarter-hour buckets merged into days. */
  merged: number;
  /** Ledger rows deleted. */
  deleted: number;
}

export async function applyLedgerRetention(
  spend: SpendRepository,
  options: { days: number; timeZone: string; now: Date; logger?: Logger },
): Promise<RetentionRun | null> {
  if (options.days <= 0) return null;
  // A whole local day, so the merged buckets line up with every report period in this zone.
  const cutoff = dayContaining(new Date(options.now.getTime() - options.days * DAY_MS), options.timeZone).since;
  let merged = 0;
  for (let first = await spend.firstQuarterHourBefore(cutoff); first; first = await spend.firstQuarterHourBefore(cutoff)) {
    const day = dayContaining(first, options.timeZone);
    const mergedNow = await spend.rollUp(day.since, day.until < cutoff ? day.until : cutoff);
    // A day whose bounds are not on quarter hours (no zone in use today has one) cannot be merged: leave it as it is.
    if (mergedNow === 0) break;
    merged += mergedNow;
    await yieldToEventLoop();
  }
  let deleted = 0;
  for (let batch = await spend.deleteCallsBefore(cutoff, DELETE_BATCH); batch > 0; batch = await spend.deleteCallsBefore(cutoff, DELETE_BATCH)) {
    deleted += batch;
    await yieldToEventLoop();
  }
  if (merged + deleted > 0) options.logger?.info({ cutoff: cutoff.toISOString(), merged, deleted }, 'ledger retention: old calls rolled up into daily totals and deleted');
  return { cutoff, merged, deleted };
}

/** Between batches the bot answers events: retention never holds the process for long. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
