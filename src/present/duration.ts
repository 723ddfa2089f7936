/**
 * Durations as people read them on a card or in an alert: `under 1 min`,
 * `12 min`, `1 h 5 min`, `2 d 4 h`. Two units at most, rounded down (a
 * deadline 12 min 59 s away reads "12 min"), the sign dropped: the
 * sentence around it says "in" or "overdue".
 */
import { NO_VALUE } from './money.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  const abs = Math.abs(ms);
  if (abs < MINUTE_MS) return 'under 1 min';
  if (abs < HOUR_MS) return `${Math.floor(abs / MINUTE_MS)} min`;
  if (abs < DAY_MS) {
    const hours = Math.floor(abs / HOUR_MS);
    const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs % DAY_MS) / HOUR_MS);
  return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
}
