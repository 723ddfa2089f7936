import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db.js';
import { reviews } from '../schema.js';
import type { ReviewAction, ReviewRecord, ReviewRepositorySync } from '../types.js';

export class SqliteReviewRepository implements ReviewRepositorySync {
  constructor(private readonly db: Db) {}

  record(review: ReviewRecord): number {
    return this.db.insert(reviews).values(review).returning({ id: reviews.id }).get().id;
  }

  forTicket(ticketId: number): (ReviewRecord & { id: number; createdAt: Date })[] {
    return this.db
      .select()
      .from(reviews)
      .where(eq(reviews.ticketId, ticketId))
      .orderBy(asc(reviews.id))
      .all()
      .map((row) => ({ ...row, action: row.action as ReviewAction }));
  }
}
