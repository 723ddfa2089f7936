/** A reply channel that keeps what was posted: tests read the replies a customer would have seen. */
import type { ThreadRef } from '../../src/domain/index.js';
import type { ReplyChannel } from '../../src/pipeline/delivery.js';

export class RecordingChannel implements ReplyChannel {
  readonly posted: string[] = [];
  async postReply(_thread: ThreadRef, text: string) {
    this.posted.push(text);
    return { messageId: `msg-${this.posted.length}` };
  }
}
