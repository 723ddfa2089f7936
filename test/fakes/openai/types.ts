/**
 * Public types of the fake OpenAI API server used by tests.
 *
 * The fake speaks the real wire protocol (Responses API, Chat Completions, embeddings, models list),
 * so the real `openai` SDK can be pointed at it with `baseURL: fake.url`.
 */

export interface FakeOpenAIOptions {
  /** Expected bearer key. Default 'test-key'. A wrong or missing key gets a 401 with an OpenAI error body. */
  apiKey?: string;
  /** Per-model artificial latency (ms) before the response headers are sent. */
  latencyMs?: Record<string, number>;
  /** Reasoning tokens reported per call (default 0). They are counted INSIDE output_tokens. */
  reasoningTokens?: number;
  /**
   * How tokens are counted for usage and the prompt cache (see token-counting.ts):
   * 'chars' (default) estimates ceil(chars / 4) and caches the static prefix
   * (schema + system); 'o200k' counts with the GPT-5 family's tokenizer and
   * caches the longest previously seen prefix of the whole prompt (1,024+
   * tokens, in 128-token steps), as the API documents.
   */
  tokenizer?: 'chars' | 'o200k';
  /**
   * Per-model generation speed: a request waits its time to first token before
   * the answer is generated, and output tokens ÷ tokens per second after
   * (added to `latencyMs`). Models without one answer after `latencyMs` alone.
   */
  speeds?: Record<string, ModelSpeed>;
  /**
   * Multiplies every simulated wait (`latencyMs` and `speeds`; not the
   * `timeout` fault's), in (0, 1], default 1. `timings` keeps each wait's
   * real-time length, so measured times can be converted back.
   */
  timeScale?: number;
}

export interface ModelSpeed {
  /** Queueing and prompt processing before the first output token, at real speed. */
  timeToFirstTokenMs: number;
  /** Output tokens (reasoning included) generated per second. */
  outputTokensPerSecond: number;
}

/** How long one model request the fake ran took, simulated and as slept. */
export interface ModelTiming {
  clientRequestId: string | null;
  model: string;
  /** The request's waits at real speed: latency + time to first token + output tokens ÷ speed. */
  simulatedMs: number;
  /** Each wait as slept: when it began (performance.now()) and its length after the time scale. */
  waits: { startedAt: number; ms: number }[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. '/v1/responses'. */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body; null when there was no body, the raw text when it was not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request fields
  body: any;
  /** `body.model` when it is a string, else null. */
  model: string | null;
  /** `body.stream === true`. */
  stream: boolean;
}

export type Fault =
  /** 429 with retry-after / retry-after-ms headers and a `rate_limit_exceeded` error body. Default 1 s. */
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  /** 500 with a `server_error` error body. */
  | { kind: 'server_error' }
  /**
   * Hold the request without sending headers for `ms` (default: until the client gives up or the fake closes), then answer normally.
   * The hold comes BEFORE generation: a request the client gives up on here is not billed.
   */
  | { kind: 'timeout'; ms?: number }
  /** 200 with a body that is not JSON (for streams: an SSE data line that is not JSON). Billed, delivery 'malformed': the model ran, the envelope broke. */
  | { kind: 'malformed_json' }
  /** 200, well-formed envelope, but the output text is not valid JSON (`{"urgency": `). */
  | { kind: 'invalid_output' }
  /** Responses: a `refusal` content item. Chat: `message.refusal` set, `content` null. */
  | { kind: 'refusal'; message?: string }
  /** Responses: status 'incomplete' (max_output_tokens). Chat: finish_reason 'length'. Content is truncated. */
  | { kind: 'incomplete' }
  /**
   * The model runs (billed, delivery 'lost'), then the fake holds the response without sending headers
   * until the client gives up or the fake closes: the provider did the work but the answer never arrived.
   */
  | { kind: 'lost_response' }
  /**
   * The model runs (billed, delivery 'cut'). JSON: 200 with the JSON content type and the full
   * content-length, about half the body, then the socket is destroyed. Streams: about half the events, then the same.
   */
  | { kind: 'cut_body' };

export interface ModelRequest {
  api: 'responses' | 'chat';
  model: string;
  /** Instructions plus system/developer messages, joined by a blank line. */
  system: string;
  /** User messages, joined by a blank line. */
  user: string;
  /** The requested JSON schema (Responses `text.format.schema`, Chat `response_format.json_schema.schema`). */
  schema: object | null;
  schemaName: string | null;
  /** Responses `max_output_tokens`; Chat `max_completion_tokens` or `max_tokens`. */
  maxOutputTokens: number | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw request body, for scripts that need more
  body: any;
}

export interface ScriptedUsage {
  input_tokens: number;
  cached_tokens: number;
  /** Total output tokens, reasoning included. */
  output_tokens: number;
  reasoning_tokens: number;
}

export interface ScriptedAnswer {
  /** Object → JSON.stringify'd; string → used as-is; undefined → the default (schema-conforming) answer. */
  output: unknown;
  usage?: Partial<ScriptedUsage>;
  fault?: Fault;
}

export type ScriptHandler = (req: ModelRequest) => ScriptedAnswer | Promise<ScriptedAnswer>;

/**
 * One model request the fake ran, i.e. generated an answer for, whatever then happened to the
 * response. A provider bills these; the bot's ledger must account for every one of them.
 * Not billed: 401, 429, 500, and requests the client gave up on before generation.
 */
export interface BilledAttempt {
  /** The `x-client-request-id` request header, or null when it was not sent. */
  clientRequestId: string | null;
  model: string;
  api: 'responses' | 'chat' | 'embeddings';
  /** Exactly what the response reports (or would have reported, had it arrived whole). */
  usage: ScriptedUsage;
  /** 'complete': written whole (content faults included); 'lost': never sent; 'cut': half sent; 'malformed': the envelope was not JSON. */
  delivery: 'complete' | 'lost' | 'cut' | 'malformed';
  /** When the answer was generated. */
  at: Date;
}

export interface RandomFaultOptions {
  /** Probability (0..1) that a model request without a queued fault gets a random one. */
  rate: number;
  /** Seeds the fake's PRNG: the same seed and request order give the same faults. */
  seed: number;
  /** Drawn uniformly. Default: rate_limit (retry after 0 s), server_error, lost_response, cut_body, malformed_json, invalid_output, refusal, incomplete. */
  kinds?: Fault[];
}

/** What the fake decided for one model request, for a failing test to print. */
export interface FaultLogEntry {
  clientRequestId: string | null;
  model: string;
  kind: Fault['kind'] | 'none';
  /** Where the fault came from: `failNext`, the random mode, the script, or none. */
  source: 'queued' | 'random' | 'script' | 'none';
}

export interface FakeOpenAI {
  /** 'http://127.0.0.1:PORT/v1', to use as the SDK's baseURL. */
  url: string;
  /** Every request received, in order (including rejected ones). */
  requests: RecordedRequest[];
  /** Scripted mode: decide what the model answers. `null` returns to default answers. */
  script(handler: ScriptHandler | null): void;
  /** Queue a fault for the next `times` (default 1) model requests. Queued faults win over random faults and the script. */
  failNext(fault: Fault, times?: number): void;
  /**
   * Seeded random faults for model requests that have no queued fault; they win over the script,
   * which still decides the output of the requests left alone. `null` turns the mode off.
   */
  randomFaults(options: RandomFaultOptions | null): void;
  /** The seed of the current random mode, or null when it is off (print it with `faultLog` when a chaos test fails). */
  readonly faultSeed: number | null;
  /** One entry per model request that got past auth and body checks, in arrival order. */
  faultLog: FaultLogEntry[];
  /** Every model attempt the fake ran (see BilledAttempt), in generation order. */
  billed: BilledAttempt[];
  /** The timing of each billed model attempt (Responses and Chat, not embeddings), in generation order. */
  timings: ModelTiming[];
  /** The time scale the fake runs at (1: real time). */
  readonly timeScale: number;
  setLatency(model: string, ms: number): void;
  /** Clear requests, queued faults, random faults, script, prompt cache, `billed`, `timings` and `faultLog` (latency and speed settings are kept). */
  /** The key the fake accepts from now on (revoke the client's key, then give it back). */
  setApiKey(key: string): void;
  reset(): void;
  /** Stop listening and destroy every open or held socket. */
  close(): Promise<void>;
}
