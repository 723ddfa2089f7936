/**
 * How many tickets were opened in a period, by urgency and by status now:
 * summed from ticket_count_buckets (kept by the triggers of migration 0015)
 * for the whole quarter hours of the range, and counted from the tickets
 * table for its ragged ends, so 200,000 tickets cost a few thousand rows.
 */
import type Database from 'better-sqlite3';
import type { TicketCounts } from '../types.js';
import { split, type Span } from './quarter-hours.js';

interface CountRow {
  status: string;
  urgency: string;
  tickets: number;
}

export class TicketCountQuery {
  private readonly buckets;
  private readonly rows;

  constructor(sqlite: Database.Database) {
    this.buckets = sqlite.prepare<Span, CountRow>(
      `SELECT status, urgency, sum(tickets) AS tickets FROM ticket_count_buckets
       WHERE starts_at >= :since AND starts_at < :until GROUP BY status, urgency`,
    );
    this.rows = sqlite.prepare<Span, CountRow>(
      `SELECT status, coalesce(urgency, '') AS urgency, count(*) AS tickets FROM tickets
       WHERE created_at >= :since AND created_at < :until GROUP BY status, urgency`,
    );
  }

  between(since: Date, until: Date): TicketCounts {
    const { whole, ends } = split(since, until);
    const byUrgency: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    let total = 0;
    for (const row of [...(whole ? this.buckets.all(whole) : []), ...ends.flatMap((end) => this.rows.all(end))]) {
      if (row.tickets === 0) continue;
      const urgency = row.urgency === '' ? 'untriaged' : row.urgency;
      byUrgency[urgency] = (byUrgency[urgency] ?? 0) + row.tickets;
      byStatus[row.status] = (byStatus[row.status] ?? 0) + row.tickets;
      total += row.tickets;
    }
    return { tickets: total, byUrgency, byStatus };
  }
}
