/**
 * Two test doubles for "a process dies mid-ticket" (recovery.test.ts, the
 * shared-queue test on Postgres): a billing provider answering like the
 * heuristic model that can be told to hang on a stage, and a reply channel
 * that records what was sent and can be asked whether a send happened.
 */
import type { ThreadRef } from '../../src/domain/index.js';
import type { ModelProvider, ModelRequest, ModelResult } from '../../src/models/provider.js';
import type { ReplyChannel } from '../../src/pipeline/delivery.js';
import { heuristicAnswer } from './heuristic-model.js';

const STAGE_OF_SCHEMA: Record<string, string> = {
  classification: 'classify',
  extracted_fields: 'extract',
  draft_reply: 'draft',
  ticket_summary: 'summarize',
  flagship_review: 'second_opinion',
};

/** A billing provider answering like the heuristic model, that can be told to hang on a stage (a process about to die). */
export class ControlledProvider implements ModelProvider {
  readonly name = 'controlled';
  readonly capabilities = { bills: true, judgesDrafts: true };
  readonly calls: { stage: string; attemptId: string | undefined }[] = [];
  hangOn: string | null = null;
  /** Each answer takes this long (a model's latency), so work queued elsewhere has time to be fetched. */
  delayMs = 0;
  private hanging: { stage: string; resolve: () => void } | null = null;

  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    // A provider is not told the stage; the structured output it is asked for says which one.
    const stage = STAGE_OF_SCHEMA[request.schemaName] ?? request.schemaName;
    this.calls.push({ stage, attemptId: request.attemptId });
    if (stage === this.hangOn) {
      await new Promise<void>((resolve) => (this.hanging = { stage, resolve }));
      throw new Error('the process is gone');
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const output = request.schema.parse(heuristicAnswer(request.schemaName, request.prompt.user)) as T;
    return { output, usage: { input: 800, cachedInput: 0, output: 60, reasoning: 0 }, rawUsage: null, requestId: null, billed: true };
  }

  get isHanging(): boolean {
    return this.hanging !== null;
  }
}

export class RecordingChannel implements ReplyChannel {
  readonly posted: { thread: ThreadRef; text: string; key: string }[] = [];
  /** False: the platform cannot be asked (down, or it cannot tell). */
  lookupWorks = true;
  async postReply(thread: ThreadRef, text: string, key: string) {
    this.posted.push({ thread, text, key });
    return { messageId: `msg-${this.posted.length}` };
  }
  async findReply(_thread: ThreadRef, reply: { idempotencyKey: string }) {
    if (!this.lookupWorks) throw new Error('platform unavailable');
    const index = this.posted.findIndex((post) => post.key === reply.idempotencyKey);
    return index >= 0 ? { messageId: `msg-${index + 1}` } : null;
  }
}
