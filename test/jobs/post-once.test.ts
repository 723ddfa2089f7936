/** A scheduled post that fails is logged as a ChannelPostError carrying the platform's error, and its claim is given back. */
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/errors.js';
import { postOnce } from '../../src/jobs/post-once.js';
import { createLogger } from '../../src/logger.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('triage-post-once');
afterAll(() => dir.cleanup());

describe('postOnce', () => {
  it('a failed post names the post and keeps the platform error as its cause; the next run posts it', async () => {
    const store = openSqliteStore(dir.file('posts.db'));
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    const key = { kind: 'weekly_report' as const, periodKey: '2026-11-23', platform: 'slack', channelId: 'CREPORTS' };
    const clock = () => new Date('2026-11-30T09:00:00Z');
    const refused = () => Promise.reject(new PlatformError('slack', 'not_in_channel', 'posting the report'));
    expect(await postOnce(store.channelPosts, key, refused, logger, clock)).toBe('failed');
    const failure = lines.find((line) => line.msg === 'posting failed; it will be retried at the next run');
    expect(failure?.err).toMatchObject({
      type: 'ChannelPostError',
      code: 'CHANNEL_POST_FAILED',
      message: 'the weekly_report for 2026-11-23 could not be posted to slack CREPORTS',
    });
    expect(JSON.stringify(failure?.err)).toContain('slack (not_in_channel): posting the report');
    expect(await postOnce(store.channelPosts, key, async () => ({ messageId: '1.2' }), logger, clock)).toBe('posted');
    expect(await postOnce(store.channelPosts, key, async () => ({ messageId: '1.3' }), logger, clock)).toBe('already_posted');
    store.close();
  });
});
