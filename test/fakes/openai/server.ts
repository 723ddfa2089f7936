import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as errors from './errors.js';
import { flattenHeaders, readBody, sendError, sendJson } from './http.js';
import { answerEmbeddings, readEmbeddingInputs } from './embeddings-endpoint.js';
import { answerModelCall } from './model-endpoint.js';
import { readChatRequest, readResponsesRequest } from './model-request.js';
import { findModel, listModels } from './models-list.js';
import { checkSpeed, checkTimeScale, Pacing } from './pacing.js';
import { RandomFaults } from './random-faults.js';
import { tokenCounter, type TokenCounter } from './token-counting.js';
import type {
  BilledAttempt,
  Fault,
  FakeOpenAI,
  FakeOpenAIOptions,
  FaultLogEntry,
  ModelSpeed,
  ModelTiming,
  RecordedRequest,
  ScriptHandler,
} from './types.js';

/** The fake's HTTP server: records requests, checks the bearer key, routes, and owns the mutable test state. */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class FakeState {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  readonly latency = new Map<string, number>();
  readonly speeds = new Map<string, ModelSpeed>();
  readonly timeScale: number;
  readonly counter: TokenCounter;
  readonly seenModels = new Set<string>();
  readonly billed: BilledAttempt[] = [];
  readonly timings: ModelTiming[] = [];
  readonly faultLog: FaultLogEntry[] = [];
  script: ScriptHandler | null = null;
  random: RandomFaults | null = null;

  constructor(readonly options: FakeOpenAIOptions) {
    for (const [model, ms] of Object.entries(options.latencyMs ?? {})) this.latency.set(model, ms);
    for (const [model, speed] of Object.entries(options.speeds ?? {})) this.speeds.set(model, checkSpeed(model, speed));
    this.timeScale = checkTimeScale(options.timeScale);
    this.counter = tokenCounter(options.tokenizer);
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.counter.clear();
    this.seenModels.clear();
    this.billed.length = 0;
    this.timings.length = 0;
    this.faultLog.length = 0;
    this.script = null;
    this.random = null;
  }

  /** The fault for a model request on arrival: a queued one, else a random draw (when the mode is on). Logged either way. */
  chooseFault(clientRequestId: string | null, model: string): { fault: Fault | undefined; entry: FaultLogEntry } {
    const queued = this.faults.shift();
    const fault = queued ?? this.random?.draw();
    const source = queued ? 'queued' : fault ? 'random' : 'none';
    const entry: FaultLogEntry = { clientRequestId, model, kind: fault?.kind ?? 'none', source };
    this.faultLog.push(entry);
    return { fault, entry };
  }
}

function checkAuth(headers: Record<string, string>, expected: string): errors.ApiErrorResponse | null {
  const header = headers.authorization;
  if (!header) return errors.missingApiKey();
  const match = /^Bearer\s+(.*)$/i.exec(header);
  const key = match?.[1]?.trim() ?? '';
  if (!key) return errors.missingApiKey();
  return key === expected ? null : errors.incorrectApiKey(key);
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const state = new FakeState(options);
  let apiKey = options.apiKey ?? 'test-key';
  const closing = new AbortController();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = flattenHeaders(req);
    const raw = await readBody(req);
    let body: unknown = null;
    let bodyIsJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
        bodyIsJson = true;
      } catch {
        body = raw;
      }
    }
    const model = isObject(body) && typeof body.model === 'string' ? body.model : null;
    state.requests.push({ method, path, headers, body, model, stream: isObject(body) && body.stream === true });

    const authError = checkAuth(headers, apiKey);
    if (authError) return sendError(res, startedAt, authError);

    const isResponses = path === '/v1/responses';
    const isChat = path === '/v1/chat/completions';
    if (method === 'POST' && (isResponses || isChat)) {
      if (!bodyIsJson || !isObject(body)) return sendError(res, startedAt, errors.unparsableBody());
      if (!model) return sendError(res, startedAt, errors.missingParameter('model'));
      state.seenModels.add(model);
      const call = isResponses ? readResponsesRequest(body) : readChatRequest(body);
      const clientRequestId = headers['x-client-request-id'] ?? null;
      const { fault, entry } = state.chooseFault(clientRequestId, model);

      const clientGone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) clientGone.abort();
      });
      const signal = AbortSignal.any([closing.signal, clientGone.signal]);
      const timing: ModelTiming = { clientRequestId, model, simulatedMs: 0, waits: [] };
      return answerModelCall(res, startedAt, call, {
        pacing: new Pacing(state.latency.get(model) ?? 0, state.speeds.get(model), state.timeScale, timing, signal),
        fault,
        script: state.script,
        reasoningTokens: options.reasoningTokens ?? 0,
        counter: state.counter,
        signal,
        onScriptFault(scripted) {
          entry.kind = scripted.kind;
          entry.source = 'script';
        },
        bill(usage, delivery) {
          state.timings.push(timing);
          state.billed.push({
            clientRequestId,
            model,
            api: call.request.api,
            usage: {
              input_tokens: usage.inputTokens,
              cached_tokens: usage.cachedTokens,
              output_tokens: usage.outputTokens,
              reasoning_tokens: usage.reasoningTokens,
            },
            delivery,
            at: new Date(),
          });
        },
      });
    }

    if (method === 'POST' && path === '/v1/embeddings') {
      if (!bodyIsJson || !isObject(body)) return sendError(res, startedAt, errors.unparsableBody());
      if (!model) return sendError(res, startedAt, errors.missingParameter('model'));
      const texts = readEmbeddingInputs(body);
      if (!Array.isArray(texts)) return sendError(res, startedAt, texts);
      state.seenModels.add(model);
      const clientRequestId = headers['x-client-request-id'] ?? null;
      const { fault } = state.chooseFault(clientRequestId, model);
      const clientGone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) clientGone.abort();
      });
      return answerEmbeddings(res, startedAt, body, texts, {
        latencyMs: (state.latency.get(model) ?? 0) * state.timeScale,
        fault,
        signal: AbortSignal.any([closing.signal, clientGone.signal]),
        bill(usage, delivery) {
          state.billed.push({ clientRequestId, model, api: 'embeddings', usage, delivery, at: new Date() });
        },
      });
    }

    const known = [...state.seenModels, ...state.latency.keys(), ...state.speeds.keys()];
    if (method === 'GET' && path === '/v1/models') return sendJson(res, startedAt, 200, listModels(known));
    const modelPath = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (method === 'GET' && modelPath?.[1]) {
      const id = decodeURIComponent(modelPath[1]);
      const found = findModel(id, known);
      return found ? sendJson(res, startedAt, 200, found) : sendError(res, startedAt, errors.modelNotFound(id));
    }
    return sendError(res, startedAt, errors.unknownUrl(method, path));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      sendError(res, Date.now(), errors.serverError());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: state.requests,
    script(handler) {
      state.script = handler;
    },
    failNext(fault, times = 1) {
      if (!Number.isInteger(times) || times < 1) throw new Error(`failNext: times must be a positive integer, got ${times}`);
      for (let i = 0; i < times; i++) state.faults.push(fault);
    },
    randomFaults(randomOptions) {
      state.random = randomOptions ? new RandomFaults(randomOptions) : null;
    },
    get faultSeed() {
      return state.random?.seed ?? null;
    },
    faultLog: state.faultLog,
    billed: state.billed,
    timings: state.timings,
    timeScale: state.timeScale,
    setLatency(model, ms) {
      state.latency.set(model, ms);
    },
    setApiKey(key) {
      apiKey = key;
    },
    reset() {
      state.reset();
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
