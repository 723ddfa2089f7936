import { and, eq } from 'drizzle-orm';
import type { Db } from '../db.js';
import { postedReports } from '../schema.js';
import type { PostedReport, PostedReportRepository, PostKey } from '../types.js';

export class SqlitePostedReportRepository implements PostedReportRepository {
  constructor(private readonly db: Db) {}

  claim(key: PostKey): boolean {
    // The unique index decides: of two processes claiming at once, one insert wins.
    const inserted = this.db.insert(postedReports).values({ ...key, status: 'posting' }).onConflictDoNothing().returning({ id: postedReports.id }).all();
    return inserted.length === 1;
  }

  markPosted(key: PostKey, messageId: string, at: Date): void {
    this.db.update(postedReports).set({ status: 'posted', messageId, postedAt: at }).where(matches(key)).run();
  }

  release(key: PostKey): void {
    this.db.delete(postedReports).where(and(matches(key), eq(postedReports.status, 'posting'))).run();
  }

  find(key: PostKey): PostedReport | null {
    const row = this.db.select().from(postedReports).where(matches(key)).get();
    if (!row) return null;
    return {
      kind: row.kind as PostKey['kind'],
      periodKey: row.periodKey,
      platform: row.platform,
      channelId: row.channelId,
      status: row.status,
      messageId: row.messageId,
      createdAt: row.createdAt,
      postedAt: row.postedAt,
    };
  }
}

function matches(key: PostKey) {
  return and(
    eq(postedReports.kind, key.kind),
    eq(postedReports.periodKey, key.periodKey),
    eq(postedReports.platform, key.platform),
    eq(postedReports.channelId, key.channelId),
  );
}
