import { and, eq } from 'drizzle-orm';
import type { Db } from '../db.js';
import { channelPosts } from '../schema.js';
import type { ChannelPost, ChannelPostRepositorySync, PostKey } from '../types.js';

export class SqliteChannelPostRepository implements ChannelPostRepositorySync {
  constructor(private readonly db: Db) {}

  claim(key: PostKey): boolean {
    // The unique index decides: of two processes claiming at once, one insert wins.
    const inserted = this.db.insert(channelPosts).values({ ...key, status: 'posting' }).onConflictDoNothing().returning({ id: channelPosts.id }).all();
    return inserted.length === 1;
  }

  markPosted(key: PostKey, messageId: string, at: Date): void {
    this.db.update(channelPosts).set({ status: 'posted', messageId, postedAt: at }).where(matches(key)).run();
  }

  release(key: PostKey): void {
    this.db.delete(channelPosts).where(and(matches(key), eq(channelPosts.status, 'posting'))).run();
  }

  find(key: PostKey): ChannelPost | null {
    const row = this.db.select().from(channelPosts).where(matches(key)).get();
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
    eq(channelPosts.kind, key.kind),
    eq(channelPosts.periodKey, key.periodKey),
    eq(channelPosts.platform, key.platform),
    eq(channelPosts.channelId, key.channelId),
  );
}
