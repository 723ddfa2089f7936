/**
 * A deadline for one attempt that ends with the attempt. `AbortSignal.timeout`
 * would do the aborting, but Node keeps a timeout signal that has an abort
 * listener (the SDK adds one to every signal it is given, and never removes
 * it) strongly referenced until its timer fires: each finished call then held
 * its signal, its timer and the SDK's controller for the whole timeout after
 * its answer arrived — some 2 KB a call, so a busy bot's heap grew with the
 * call rate times the timeout. Here the timer is cleared once the attempt
 * settles, and the signal goes with the attempt.
 */

/** What `AbortSignal.timeout` aborts with, so errors read the same either way. */
function timeoutReason(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/** Runs `attempt` with a signal that aborts after `ms`, unless the attempt has settled by then. */
export async function withDeadline<T>(ms: number, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  // Unref'd like AbortSignal.timeout's: a pending deadline never keeps the process alive.
  const timer = setTimeout(() => deadline.abort(timeoutReason()), ms).unref();
  try {
    return await attempt(deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}
