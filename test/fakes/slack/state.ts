import type { FakeSlackConfig } from './config.js';
import { TsClock } from './ids.js';
import type {
  FakeFailure,
  PostedMessage,
  RecordedCall,
  RecordedReaction,
  RecordedView,
  ResponseUrlPost,
  UploadedFile,
} from './types.js';

/** The fake workspace's mutable state: what the bot did, queued failures, and waiters on calls. */

interface CallWaiter {
  method: string;
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
}

export class FakeSlackState {
  readonly calls: RecordedCall[] = [];
  readonly messages: PostedMessage[] = [];
  readonly reactions: RecordedReaction[] = [];
  /** `channel timestamp name` of each entry in `reactions`: the duplicate check stays O(1) when a load test adds thousands. */
  readonly reactionKeys = new Set<string>();
  readonly views: RecordedView[] = [];
  readonly files: UploadedFile[] = [];
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  /** response_url tokens handed out by `responseUrl()` (kept across `reset()`, like the URLs themselves). */
  readonly responseUrlTokens = new Set<string>();
  /** trigger_ids already exchanged for a view (a trigger works once). */
  readonly usedTriggers = new Set<string>();
  /** Never reset, so timestamps stay unique for the fake's lifetime. */
  readonly clock = new TsClock();
  /** View hashes (same shape as timestamps); a view's hash changes on every update. */
  readonly viewHashes = new TsClock();
  /** Web API method → ms between applying a call and answering it (`setLatency`; kept across `reset()`). */
  readonly latency = new Map<string, number>();
  private readonly failures = new Map<string, FakeFailure[]>();
  private readonly waiters = new Set<CallWaiter>();

  constructor(readonly config: FakeSlackConfig) {}

  queueFailure(method: string, failure: FakeFailure, times: number): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  takeFailure(method: string): FakeFailure | undefined {
    const queue = this.failures.get(method);
    const failure = queue?.shift();
    if (queue && queue.length === 0) this.failures.delete(method);
    return failure;
  }

  /** Records a finished call and wakes the waiters it satisfies. */
  record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (waiter.method === call.method && waiter.predicate(call)) {
        this.waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  waitForCall(method: string, predicate: (call: RecordedCall) => boolean, timeoutMs: number): Promise<RecordedCall> {
    const existing = this.calls.find((call) => call.method === method && predicate(call));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: CallWaiter = {
        method,
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map((call) => call.method).join(', ') || 'none';
        const matching = this.calls.filter((call) => call.method === method).length;
        reject(
          new Error(
            `fake Slack: no ${method} call matching the predicate within ${timeoutMs} ms ` +
              `(${matching} ${method} call(s) did not match; calls so far: ${seen})`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.reactions.length = 0;
    this.reactionKeys.clear();
    this.views.length = 0;
    this.files.length = 0;
    this.responseUrlPosts.length = 0;
    this.usedTriggers.clear();
    this.failures.clear();
  }
}
