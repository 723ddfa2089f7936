import type { ServerResponse } from 'node:http';
import { ChatRenderer } from './chat-format.js';
import * as errors from './errors.js';
import { generate, type ContentFault } from './generation.js';
import { sendError, sendJson, sendRaw, startSse, wait } from './http.js';
import type { ModelCall } from './model-request.js';
import { ResponsesRenderer } from './responses-format.js';
import type { PromptCache } from './tokens.js';
import type { Fault, ScriptHandler, ScriptedAnswer } from './types.js';

/**
 * Answers one model request (POST /v1/responses or /v1/chat/completions):
 * latency, queued or scripted faults, then the answer as JSON or as an SSE stream.
 */

export interface ModelEndpointContext {
  latencyMs: number;
  queuedFault: Fault | undefined;
  script: ScriptHandler | null;
  reasoningTokens: number;
  cache: PromptCache;
  /** Aborted when the client goes away or the fake closes. */
  signal: AbortSignal;
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

export async function answerModelCall(
  res: ServerResponse,
  startedAt: number,
  call: ModelCall,
  context: ModelEndpointContext,
): Promise<void> {
  const { api, model } = call.request;
  const { signal } = context;

  if (!(await wait(context.latencyMs, signal))) return;

  let fault = context.queuedFault;
  let answer: ScriptedAnswer | undefined;
  if (fault?.kind === 'timeout') {
    if (!(await wait(fault.ms ?? null, signal))) return;
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
    if (fault?.kind === 'timeout') {
      if (!(await wait(fault.ms ?? null, signal))) return;
      fault = undefined;
    }
  }
  if (signal.aborted) return;

  if (fault?.kind === 'rate_limit') return sendError(res, startedAt, errors.rateLimited(model, fault.retryAfterSeconds ?? 1));
  if (fault?.kind === 'server_error') return sendError(res, startedAt, errors.serverError());
  if (fault?.kind === 'malformed_json') {
    if (!call.stream) return sendRaw(res, startedAt, 200, MALFORMED_BODY[api]);
    const sse = startSse(res, startedAt);
    sse.sendRawData(MALFORMED_EVENT[api], api === 'responses' ? 'response.created' : undefined);
    return sse.end();
  }

  const generation = generate(
    call,
    { output: answer?.output, usage: answer?.usage, fault: fault && isContentFault(fault) ? fault : undefined },
    { reasoningTokens: context.reasoningTokens, cache: context.cache },
  );

  if (api === 'responses') {
    const renderer = new ResponsesRenderer(call.request.body, model, generation);
    if (!call.stream) return sendJson(res, startedAt, 200, renderer.response());
    const sse = startSse(res, startedAt);
    for (const event of renderer.events()) sse.send(event, event.type);
    return sse.end();
  }

  const renderer = new ChatRenderer(model, generation);
  if (!call.stream) return sendJson(res, startedAt, 200, renderer.completion());
  const sse = startSse(res, startedAt);
  for (const chunk of renderer.chunks(call.includeUsage)) sse.send(chunk);
  sse.sendRawData('[DONE]');
  sse.end();
}
