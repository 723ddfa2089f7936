import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db.js';
import { reviewCards } from '../schema.js';
import type { ReviewCard, ReviewCardRepository } from '../types.js';

export class SqliteReviewCardRepository implements ReviewCardRepository {
  constructor(private readonly db: Db) {}

  save(card: ReviewCard): void {
    this.db.insert(reviewCards).values(card).run();
  }

  latest(ticketId: number, platform: string): ReviewCard | null {
    const row = this.db
      .select({
        ticketId: reviewCards.ticketId,
        platform: reviewCards.platform,
        channelId: reviewCards.channelId,
        messageId: reviewCards.messageId,
      })
      .from(reviewCards)
      .where(and(eq(reviewCards.ticketId, ticketId), eq(reviewCards.platform, platform)))
      .orderBy(desc(reviewCards.id))
      .limit(1)
      .get();
    return row ?? null;
  }
}
