import { and, asc, desc, eq } from 'drizzle-orm';
import type { ReviewAction, ReviewCard, ReviewCardRepository, ReviewRecord, ReviewRepository, StoredReviewCard } from '../types.js';
import { reviewCards, reviews } from './schema.js';
import type { PgSession } from './session.js';

/** Reviews of drafts, in the order they were made. */
export class PgReviewRepository implements ReviewRepository {
  constructor(private readonly session: PgSession) {}

  async record(review: ReviewRecord): Promise<number> {
    const [row] = await this.session.db().insert(reviews).values(review).returning({ id: reviews.id });
    if (!row) throw new Error('the review was not written');
    return row.id;
  }

  async forTicket(ticketId: number): Promise<(ReviewRecord & { id: number; createdAt: Date })[]> {
    const rows = await this.session.db().select().from(reviews).where(eq(reviews.ticketId, ticketId)).orderBy(asc(reviews.id));
    return rows.map((row) => ({ ...row, action: row.action as ReviewAction }));
  }
}

/** Where each ticket's review card lives; a row begun before its post marks a post under way. */
export class PgReviewCardRepository implements ReviewCardRepository {
  constructor(private readonly session: PgSession) {}

  async save(card: ReviewCard): Promise<void> {
    await this.session.db().insert(reviewCards).values(card);
  }

  async begin(card: Omit<ReviewCard, 'messageId'>): Promise<number> {
    const [row] = await this.session.db().insert(reviewCards).values({ ...card, messageId: null }).returning({ id: reviewCards.id });
    if (!row) throw new Error('the review card was not written');
    return row.id;
  }

  async confirm(id: number, messageId: string): Promise<void> {
    await this.session.db().update(reviewCards).set({ messageId }).where(eq(reviewCards.id, id));
  }

  async latest(ticketId: number, platform: string): Promise<StoredReviewCard | null> {
    const [row] = await this.session
      .db()
      .select({ id: reviewCards.id, ticketId: reviewCards.ticketId, platform: reviewCards.platform, channelId: reviewCards.channelId, messageId: reviewCards.messageId, createdAt: reviewCards.createdAt })
      .from(reviewCards)
      .where(and(eq(reviewCards.ticketId, ticketId), eq(reviewCards.platform, platform)))
      .orderBy(desc(reviewCards.id))
      .limit(1);
    return row ?? null;
  }
}
