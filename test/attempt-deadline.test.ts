/**
 * A model attempt's deadline aborts an attempt still running when it falls
 * due, and ends with the attempt: nothing of a finished call (timer, signal,
 * the SDK's listener on it) stays alive until the deadline would have come.
 * Fake timers stand in for the clock; nothing here waits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from '../src/models/openai/attempt-deadline.js';

describe('withDeadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts an attempt still running at the deadline, as AbortSignal.timeout would', async () => {
    const running = withDeadline(1_000, (signal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    const settled = expect(running).rejects.toMatchObject({ name: 'TimeoutError' });
    vi.advanceTimersByTime(999);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1);
    await settled;
  });

  it('leaves no timer behind once the attempt has answered or failed', async () => {
    await expect(withDeadline(60_000, async () => 'answer')).resolves.toBe('answer');
    expect(vi.getTimerCount()).toBe(0);
    await expect(withDeadline(60_000, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never aborts the signal of a finished attempt, however late', async () => {
    let seen: AbortSignal | undefined;
    await withDeadline(1_000, async (signal) => {
      seen = signal;
      // What the openai SDK does with every signal it is given: listen, and never stop.
      signal.addEventListener('abort', () => undefined, { once: true });
    });
    vi.advanceTimersByTime(60_000);
    expect(seen?.aborted).toBe(false);
  });
});
