/**
 * Counts the review cards a bot posted to the fake Slack: one per ticket it
 * finished, so "cards" is how far the bot has got. Reads the fake's call log
 * incrementally and lets a long bench empty that log (`trim`) so the fake's
 * own memory (every call kept with its blocks) does not grow in the bench's
 * process. The fake's other records go with it: a memory bench reads nothing
 * else back.
 */
import type { FakeSlack, RecordedCall } from '../../fakes/slack/index.js';

export class CardCounter {
  private counted = 0;
  private scanned = 0;
  private readonly consumed = new WeakSet<RecordedCall>();

  constructor(
    private readonly fake: FakeSlack,
    private readonly channel: string,
  ) {}

  /** Cards posted so far (successful chat.postMessage calls to the review channel). */
  get cards(): number {
    this.sweep();
    return this.counted;
  }

  /** Resolves once at least `count` cards are posted; rejects when none comes for `stallMs`. */
  async waitFor(count: number, stallMs: number): Promise<void> {
    while (this.cards < count) {
      await this.fake.waitForCall('chat.postMessage', (call) => this.isCard(call) && !this.consumed.has(call), stallMs);
    }
  }

  /** Empties the fake's records once every card in them is counted. */
  trim(): void {
    this.sweep();
    this.fake.reset();
    this.scanned = 0;
  }

  private isCard(call: RecordedCall): boolean {
    return call.args.channel === this.channel && call.response.ok === true;
  }

  private sweep(): void {
    const calls = this.fake.calls;
    for (; this.scanned < calls.length; this.scanned++) {
      const call = calls[this.scanned] as RecordedCall;
      if (call.method !== 'chat.postMessage' || !this.isCard(call)) continue;
      this.consumed.add(call);
      this.counted += 1;
    }
  }
}
