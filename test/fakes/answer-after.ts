import type { ServerResponse } from 'node:http';

/**
 * Shared by the fakes' "slow platform" latency (effect first, answer late):
 * resolves after `ms`, or at once when the client has gone away (or the fake
 * closed the socket) meanwhile.
 */
export function answerAfter(res: ServerResponse, ms: number): Promise<void> {
  if (ms <= 0 || res.destroyed || res.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}
