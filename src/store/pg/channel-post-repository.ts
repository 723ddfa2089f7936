import { and, eq } from 'drizzle-orm';
import type { ChannelPost, ChannelPostRepository, PostKey } from '../types.js';
import { channelPosts } from './schema.js';
import type { PgSession } from './session.js';

/** Scheduled posts, claimed before posting (see the SQLite repository). */
export class PgChannelPostRepository implements ChannelPostRepository {
  constructor(private readonly session: PgSession) {}

  async claim(key: PostKey): Promise<boolean> {
    // The unique index decides: of two processes claiming at once, one insert wins (the other waits, then does nothing).
    const inserted = await this.session.db().insert(channelPosts).values({ ...key, status: 'posting' }).onConflictDoNothing().returning({ id: channelPosts.id });
    return inserted.length === 1;
  }

  async markPosted(key: PostKey, messageId: string, at: Date): Promise<void> {
    await this.session.db().update(channelPosts).set({ status: 'posted', messageId, postedAt: at }).where(matches(key));
  }

  async release(key: PostKey): Promise<void> {
    await this.session.db().delete(channelPosts).where(and(matches(key), eq(channelPosts.status, 'posting')));
  }

  async find(key: PostKey): Promise<ChannelPost | null> {
    const [row] = await this.session.db().select().from(channelPosts).where(matches(key));
    if (!row) return null;
    return { kind: row.kind as PostKey['kind'], periodKey: row.periodKey, platform: row.platform, channelId: row.channelId, status: row.status, messageId: row.messageId, createdAt: row.createdAt, postedAt: row.postedAt };
  }
}

function matches(key: PostKey) {
  return and(eq(channelPosts.kind, key.kind), eq(channelPosts.periodKey, key.periodKey), eq(channelPosts.platform, key.platform), eq(channelPosts.channelId, key.channelId));
}
