import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db.js';
import { reviewCards } from '../schema.js';
import type { ReviewCard, ReviewCardRepositorySync, StoredReviewCard } from '../types.js';

export class SqliteReviewCardRepository implements ReviewCardRepositorySync {
  constructor(private readonly db: Db) {}

  save(card: ReviewCard): void {
    this.db.insert(reviewCards).values(card).run();
  }

  begin(card: Omit<ReviewCard, 'messageId'>): number {
    return this.db.insert(reviewCards).values({ ...card, messageId: null }).returning({ id: reviewCards.id }).get().id;
  }

  confirm(id: number, messageId: string): void {
    this.db.update(reviewCards).set({ messageId }).where(eq(reviewCards.id, id)).run();
  }

  latest(ticketId: number, platform: string): StoredReviewCard | null {
    const row = this.db
      .select({
        id: reviewCards.id,
        ticketId: reviewCards.ticketId,
        platform: reviewCards.platform,
        channelId: reviewCards.channelId,
        messageId: reviewCards.messageId,
        createdAt: reviewCards.createdAt,
      })
      .from(reviewCards)
      .where(and(eq(reviewCards.ticketId, ticketId), eq(reviewCards.platform, platform)))
      .orderBy(desc(reviewCards.id))
      .limit(1)
      .get();
    return row ?? null;
  }
}
