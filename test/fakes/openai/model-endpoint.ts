import type { ServerResponse } from 'node:http';
import { ChatRenderer } from './chat-format.js';
import * as errors from './errors.js';
import { generate, type ContentFault, type Generation, type Usage } from './generation.js';
import { sendCutJson, sendError, sendJson, sendRaw, startSse, wait } from './http.js';
import type { ModelCall } from './model-request.js';
import type { Pacing } from './pacing.js';
import { ResponsesRenderer } from './responses-format.js';
import type { TokenCounter } from './token-counting.js';
import type { BilledAttempt, Fault, ScriptHandler, ScriptedAnswer } from './types.js';

/**
 * Answers one model request (POST /v1/responses or /v1/chat/completions):
 * latency (and time to first token), the fault (queued, random or scripted),
 * generation — which is what a provider bills — the output tokens at the
 * model's speed, then the answer as JSON or as an SSE stream, whole, cut,
 * malformed or never. A stream is written at once when the output time is
 * over: its events are not spread over it.
 */

export interface ModelEndpointContext {
  /** The request's simulated waits (latency, time to first token, output speed). */
  pacing: Pacing;
  /** The fault the fake chose on arrival (queued or random). When there is one, the script is not asked. */
  fault: Fault | undefined;
  script: ScriptHandler | null;
  reasoningTokens: number;
  counter: TokenCounter;
  /** Aborted when the client goes away or the fake closes. */
  signal: AbortSignal;
  /** Told when the script's answer carries a fault (for the fault log). */
  onScriptFault(fault: Fault): void;
  /** Records that the model ran: called once per generation, before anything is written. */
  bill(usage: Usage, delivery: BilledAttempt['delivery']): void;
}

const MALFORMED_BODY = {
  responses: '{"id": "resp_truncated", "object": "response", "status": "completed", "output": [{"type": "mess',
  chat: '{"id": "chatcmpl-truncated", "object": "chat.completion", "choices": [{"index": 0, "mess',
};
const MALFORMED_EVENT = {
  responses: '{"type": "response.created", "sequence_number": 0, "response": {"id": "resp_trunc',
  chat: '{"id": "chatcmpl-truncated", "object": "chat.completion.chunk", "choices": [{"ind',
};

function isContentFault(fault: Fault): fault is ContentFault {
  return fault.kind === 'invalid_output' || fault.kind === 'refusal' || fault.kind === 'incomplete';
}

/** A `timeout` fault holds before generation; false when the client or the fake gave up meanwhile. */
function hold(fault: Extract<Fault, { kind: 'timeout' }>, signal: AbortSignal): Promise<boolean> {
  return wait(fault.ms ?? null, signal);
}

interface SseFrame {
  data: string;
  event?: string;
}

/** The stream's frames in order, as written on the wire (chat ends with the `[DONE]` sentinel). */
function streamFrames(call: ModelCall, generation: Generation): SseFrame[] {
  if (call.request.api === 'responses') {
    const renderer = new ResponsesRenderer(call.request.body, call.request.model, generation);
    return renderer.events().map((event) => ({ data: JSON.stringify(event), event: event.type }));
  }
  const chunks = new ChatRenderer(call.request.model, generation).chunks(call.includeUsage);
  return [...chunks.map((chunk) => ({ data: JSON.stringify(chunk) })), { data: '[DONE]' }];
}

function responseBody(call: ModelCall, generation: Generation): string {
  const { api, model, body } = call.request;
  const object = api === 'responses' ? new ResponsesRenderer(body, model, generation).response() : new ChatRenderer(model, generation).completion();
  return JSON.stringify(object);
}

function sendMalformed(res: ServerResponse, startedAt: number, call: ModelCall): void {
  const { api } = call.request;
  if (!call.stream) return sendRaw(res, startedAt, 200, MALFORMED_BODY[api]);
  const sse = startSse(res, startedAt);
  sse.sendRawData(MALFORMED_EVENT[api], api === 'responses' ? 'response.created' : undefined);
  sse.end();
}

export async function answerModelCall(
  res: ServerResponse,
  startedAt: number,
  call: ModelCall,
  context: ModelEndpointContext,
): Promise<void> {
  const { model } = call.request;
  const { signal } = context;

  if (!(await context.pacing.beforeGeneration())) return;

  let fault = context.fault;
  let answer: ScriptedAnswer | undefined;
  if (fault?.kind === 'timeout') {
    if (!(await hold(fault, signal))) return;
    fault = undefined;
  }
  if (!fault && context.script) {
    try {
      answer = await context.script(call.request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, startedAt, 500, {
        error: { message: `fake OpenAI: the test script threw: ${message}`, type: 'server_error', param: null, code: null },
      });
      return;
    }
    fault = answer.fault;
    if (fault) context.onScriptFault(fault);
    if (fault?.kind === 'timeout') {
      if (!(await hold(fault, signal))) return;
      fault = undefined;
    }
  }
  // The client gave up (or the fake is closing) before the model ran: nothing to bill.
  if (signal.aborted) return;

  if (fault?.kind === 'rate_limit') return sendError(res, startedAt, errors.rateLimited(model, fault.retryAfterSeconds ?? 1));
  if (fault?.kind === 'server_error') return sendError(res, startedAt, errors.serverError());

  const generation = generate(
    call,
    { output: answer?.output, usage: answer?.usage, fault: fault && isContentFault(fault) ? fault : undefined },
    { reasoningTokens: context.reasoningTokens, counter: context.counter },
  );
  // The model ran: a client that gives up while it writes is still billed, and gets nothing.
  if (!(await context.pacing.afterGeneration(generation.usage.outputTokens))) {
    context.bill(generation.usage, 'lost');
    return;
  }

  if (fault?.kind === 'malformed_json') {
    context.bill(generation.usage, 'malformed');
    return sendMalformed(res, startedAt, call);
  }
  if (fault?.kind === 'lost_response') {
    context.bill(generation.usage, 'lost');
    // Headers never go out; the client's timeout (or the fake's close) ends it.
    await wait(null, signal);
    return;
  }

  const cut = fault?.kind === 'cut_body';
  context.bill(generation.usage, cut ? 'cut' : 'complete');
  if (!call.stream) {
    const text = responseBody(call, generation);
    return cut ? sendCutJson(res, startedAt, text) : sendRaw(res, startedAt, 200, text);
  }
  const frames = streamFrames(call, generation);
  const sse = startSse(res, startedAt);
  const sent = cut ? frames.slice(0, Math.max(1, Math.floor(frames.length / 2))) : frames;
  for (const frame of sent) sse.sendRawData(frame.data, frame.event);
  if (cut) sse.cut();
  else sse.end();
}
