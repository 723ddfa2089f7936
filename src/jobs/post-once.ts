/**
 * Posts something at most once per (kind, period, destination): the claim is
 * written before posting, released if the post fails (so the next run
 * retries), and kept if the process dies mid-post (a possible duplicate is
 * worse than a missing report, which `npm run report` can still print).
 */
import { ChannelPostError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChannelPostRepository, PostKey } from '../store/types.js';

export type PostOutcome = 'posted' | 'already_posted' | 'interrupted_before' | 'failed';

export async function postOnce(
  posts: ChannelPostRepository,
  key: PostKey,
  post: () => Promise<{ messageId: string }>,
  logger: Logger,
  clock: () => Date,
): Promise<PostOutcome> {
  if (!await posts.claim(key)) {
    const previous = await posts.find(key);
    if (previous?.status === 'posting') {
      logger.warn({ ...key }, 'an earlier post was interrupted before the platform confirmed it; not posting again to avoid a duplicate');
      return 'interrupted_before';
    }
    return 'already_posted';
  }
  try {
    const { messageId } = await post();
    await posts.markPosted(key, messageId, clock());
    logger.info({ ...key, messageId }, 'posted');
    return 'posted';
  } catch (error) {
    await posts.release(key);
    logger.error({ err: new ChannelPostError(key, { cause: error }), ...key }, 'posting failed; it will be retried at the next run');
    return 'failed';
  }
}
