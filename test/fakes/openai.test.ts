import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from 'openai';
import { LengthFinishReasonError } from 'openai/error';
import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_RANDOM_FAULTS, embedText, sampleFromSchema, startFakeOpenAI, type FakeOpenAI, type Fault, type ModelRequest } from './openai/index.js';

// The real SDK against the fake, over real HTTP on 127.0.0.1. No mocks.

const Triage = z.object({
  urgency: z.enum(['low', 'normal', 'high', 'critical']),
  category: z.enum(['billing', 'bug', 'how_to', 'other']),
  confidence: z.number().min(0).max(1),
  language: z.string(),
  order_id: z.string().nullable(),
  tags: z.array(z.string()).min(1),
  attempts: z.number().int().min(1).max(5),
  customer: z.object({ vip: z.boolean() }),
});
type Triage = z.infer<typeof Triage>;

const DEFAULT_TRIAGE: Triage = {
  urgency: 'low',
  category: 'billing',
  confidence: 0.9,
  language: 'example',
  order_id: 'example',
  tags: ['example'],
  attempts: 1,
  customer: { vip: false },
};

const MODEL = 'gpt-5.4-nano';
const tokens = (text: string): number => Math.ceil(text.length / 4);
// ~1,300 tokens of static instructions: long enough for the prompt cache.
const LONG_INSTRUCTIONS = `You triage support tickets. ${'Follow the policy carefully and answer in JSON. '.repeat(110)}`;

let fake: FakeOpenAI;

function client(options: ConstructorParameters<typeof OpenAI>[0] = {}): OpenAI {
  return new OpenAI({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0, ...options });
}

function triageRequest(overrides: Record<string, unknown> = {}) {
  return {
    model: MODEL,
    instructions: 'Classify the ticket.',
    input: 'My invoice is wrong, order 1234',
    text: { format: zodTextFormat(Triage, 'triage') },
    ...overrides,
  };
}

function chatTriageRequest() {
  return {
    model: MODEL,
    messages: [
      { role: 'system' as const, content: 'Classify the ticket.' },
      { role: 'user' as const, content: 'My invoice is wrong, order 1234' },
    ],
    response_format: zodResponseFormat(Triage, 'triage'),
  };
}

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

describe('Responses API', () => {
  it('responses.parse with zodTextFormat returns a schema-conforming output_parsed and documented usage', async () => {
    const { data: response, response: http } = await client().responses.parse(triageRequest()).withResponse();

    expect(response.output_parsed).toEqual(DEFAULT_TRIAGE);
    expect(Triage.parse(response.output_parsed)).toEqual(DEFAULT_TRIAGE);
    expect(response.status).toBe('completed');
    expect(response.object).toBe('response');
    expect(response.id).toMatch(/^resp_/);
    expect(response.model).toBe(MODEL);
    const message = response.output[0];
    expect(message?.type).toBe('message');
    if (message?.type !== 'message') throw new Error('expected a message');
    expect(message.content[0]).toMatchObject({ type: 'output_text', annotations: [] });

    const body = fake.requests[0]?.body;
    const schemaJson = JSON.stringify(body.text.format.schema);
    const outputText = JSON.stringify(DEFAULT_TRIAGE);
    const inputTokens = tokens('Classify the ticket.' + 'My invoice is wrong, order 1234' + schemaJson);
    expect(response.usage).toEqual({
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: tokens(outputText),
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + tokens(outputText),
    });
    expect(http.headers.get('x-request-id')).toMatch(/^req_/);
    expect(http.headers.get('openai-processing-ms')).toMatch(/^\d+$/);
  });

  it('records every request with method, path, headers, parsed body, model and stream flag', async () => {
    await client().responses.parse(triageRequest());
    await client().responses.create({ model: 'gpt-5.4', input: 'hello' });

    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/responses', model: MODEL, stream: false });
    expect(first?.headers.authorization).toBe('Bearer test-key');
    expect(first?.body.text.format).toMatchObject({ type: 'json_schema', name: 'triage', strict: true });
    expect(second?.model).toBe('gpt-5.4');
  });

  it('gives each response a unique x-request-id', async () => {
    const a = await client().responses.create({ model: MODEL, input: 'a' }).withResponse();
    const b = await client().responses.create({ model: MODEL, input: 'b' }).withResponse();
    expect(a.request_id).toMatch(/^req_/);
    expect(a.request_id).not.toBe(b.request_id);
  });

  it('answers plain text when no schema is requested', async () => {
    const response = await client().responses.create({ model: MODEL, input: 'hello' });
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(response.output_text) as unknown).toThrow();
  });

  it('streams the real event sequence, with the full text and usage', async () => {
    const stream = await client().responses.create({ ...triageRequest({ text: { format: zodTextFormat(Triage, 'triage') } }), stream: true });
    const types: string[] = [];
    const sequence: number[] = [];
    let text = '';
    let completed: OpenAI.Responses.Response | null = null;
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }

    const deltas = types.filter((type) => type === 'response.output_text.delta').length;
    expect(deltas).toBeGreaterThan(1);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array<string>(deltas).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(sequence).toEqual(types.map((_, index) => index));
    expect(JSON.parse(text)).toEqual(DEFAULT_TRIAGE);
    expect(completed?.usage?.output_tokens).toBe(tokens(text));
    expect(fake.requests[0]?.stream).toBe(true);
  });

  it('works with the SDK stream helper: finalResponse has output_parsed and usage', async () => {
    const stream = client().responses.stream(triageRequest());
    let snapshot = '';
    stream.on('response.output_text.delta', (event) => {
      snapshot = event.snapshot;
    });
    const final = await stream.finalResponse();
    expect(final.output_parsed).toEqual(DEFAULT_TRIAGE);
    expect(snapshot).toBe(JSON.stringify(DEFAULT_TRIAGE));
    expect(final.usage?.total_tokens).toBe((final.usage?.input_tokens ?? 0) + (final.usage?.output_tokens ?? 0));
  });
});

describe('Chat Completions', () => {
  it('chat.completions.parse with zodResponseFormat returns message.parsed and documented usage', async () => {
    const completion = await client().chat.completions.parse(chatTriageRequest());

    const choice = completion.choices[0];
    expect(choice?.message.parsed).toEqual(DEFAULT_TRIAGE);
    expect(choice?.message.refusal).toBeNull();
    expect(choice?.finish_reason).toBe('stop');
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);

    const schemaJson = JSON.stringify(fake.requests[0]?.body.response_format.json_schema.schema);
    const prompt = tokens('Classify the ticket.' + 'My invoice is wrong, order 1234' + schemaJson);
    const completionTokens = tokens(JSON.stringify(DEFAULT_TRIAGE));
    expect(completion.usage).toEqual({
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
  });

  it('streams chunks ending with [DONE], with a final usage chunk when include_usage is set', async () => {
    const stream = await client().chat.completions.create({
      ...chatTriageRequest(),
      response_format: { type: 'json_schema', json_schema: { name: 'triage', schema: zodResponseFormat(Triage, 'triage').json_schema.schema ?? {} } },
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const finishReasons: Array<string | null> = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      expect(chunk.object).toBe('chat.completion.chunk');
      for (const choice of chunk.choices) {
        text += choice.delta.content ?? '';
        finishReasons.push(choice.finish_reason);
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(JSON.parse(text)).toEqual(DEFAULT_TRIAGE);
    expect(finishReasons.at(-1)).toBe('stop');
    expect(usage?.completion_tokens).toBe(tokens(text));
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('sends no usage chunk without include_usage, and the SDK stream helper still parses', async () => {
    const raw = await client().chat.completions.create({ ...chatTriageRequest(), stream: true });
    for await (const chunk of raw) {
      expect(chunk.usage).toBeUndefined();
      expect(chunk.choices).toHaveLength(1);
    }
    const helper = client().chat.completions.stream(chatTriageRequest());
    const final = await helper.finalChatCompletion();
    expect(final.choices[0]?.message.parsed).toEqual(DEFAULT_TRIAGE);
  });
});

describe('scripted answers and usage', () => {
  it('passes the request to the script and reports its output and usage (Responses and Chat)', async () => {
    const seen: ModelRequest[] = [];
    fake.script((req) => {
      seen.push(req);
      return {
        output: { ...DEFAULT_TRIAGE, urgency: 'critical', confidence: 0.35 },
        usage: { input_tokens: 2000, cached_tokens: 1536, output_tokens: 300, reasoning_tokens: 256 },
      };
    });

    const response = await client().responses.parse(triageRequest({ max_output_tokens: 500 }));
    expect(response.output_parsed).toEqual({ ...DEFAULT_TRIAGE, urgency: 'critical', confidence: 0.35 });
    expect(response.usage).toEqual({
      input_tokens: 2000,
      input_tokens_details: { cached_tokens: 1536 },
      output_tokens: 300,
      output_tokens_details: { reasoning_tokens: 256 },
      total_tokens: 2300,
    });
    // Reasoning models put a reasoning item before the message.
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);

    const completion = await client().chat.completions.parse(chatTriageRequest());
    expect(completion.choices[0]?.message.parsed?.urgency).toBe('critical');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 2000,
      completion_tokens: 300,
      total_tokens: 2300,
      prompt_tokens_details: { cached_tokens: 1536 },
      completion_tokens_details: { reasoning_tokens: 256 },
    });

    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({
      api: 'responses',
      model: MODEL,
      system: 'Classify the ticket.',
      user: 'My invoice is wrong, order 1234',
      schemaName: 'triage',
      maxOutputTokens: 500,
    });
    expect(seen[0]?.schema).toMatchObject({ type: 'object', required: Object.keys(DEFAULT_TRIAGE) });
    expect(seen[1]).toMatchObject({ api: 'chat', system: 'Classify the ticket.', user: 'My invoice is wrong, order 1234', schemaName: 'triage', maxOutputTokens: null });
  });

  it('uses a string output as-is, and script(null) returns to default answers', async () => {
    fake.script(() => ({ output: 'plain words' }));
    expect((await client().responses.create({ model: MODEL, input: 'hi' })).output_text).toBe('plain words');
    fake.script(null);
    expect((await client().responses.parse(triageRequest())).output_parsed).toEqual(DEFAULT_TRIAGE);
  });

  it('reports the configured reasoning tokens inside output_tokens', async () => {
    const reasoning = await startFakeOpenAI({ reasoningTokens: 64 });
    try {
      const api = new OpenAI({ apiKey: 'test-key', baseURL: reasoning.url, maxRetries: 0 });
      const response = await api.responses.parse(triageRequest());
      const textTokens = tokens(JSON.stringify(DEFAULT_TRIAGE));
      expect(response.usage?.output_tokens).toBe(textTokens + 64);
      expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(64);
      const completion = await api.chat.completions.create(chatTriageRequest());
      expect(completion.usage?.completion_tokens).toBe(textTokens + 64);
      expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(64);
    } finally {
      await reasoning.close();
    }
  });
});

describe('prompt cache', () => {
  it('serves a repeated static prefix of 1024+ tokens from cache, per model, in 128-token steps', async () => {
    const request = triageRequest({ instructions: LONG_INSTRUCTIONS });
    const first = await client().responses.parse(request);
    const second = await client().responses.parse({ ...request, input: 'A different customer message' });
    const otherModel = await client().responses.parse({ ...request, model: 'gpt-5.4-mini' });

    const prefixTokens = tokens(LONG_INSTRUCTIONS + JSON.stringify(fake.requests[0]?.body.text.format.schema));
    expect(prefixTokens).toBeGreaterThanOrEqual(1024);
    expect(first.usage?.input_tokens_details.cached_tokens).toBe(0);
    expect(second.usage?.input_tokens_details.cached_tokens).toBe(Math.floor(prefixTokens / 128) * 128);
    expect(second.usage?.input_tokens).toBeGreaterThan(second.usage?.input_tokens_details.cached_tokens ?? Infinity);
    expect(otherModel.usage?.input_tokens_details.cached_tokens).toBe(0);
  });

  it('never caches a short prefix, and reset() clears the cache', async () => {
    await client().responses.parse(triageRequest());
    const again = await client().responses.parse(triageRequest());
    expect(again.usage?.input_tokens_details.cached_tokens).toBe(0);

    const chat = { ...chatTriageRequest(), messages: [{ role: 'system' as const, content: LONG_INSTRUCTIONS }, { role: 'user' as const, content: 'hi' }] };
    await client().chat.completions.create(chat);
    expect((await client().chat.completions.create(chat)).usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThanOrEqual(1024);
    fake.reset();
    expect((await client().chat.completions.create(chat)).usage?.prompt_tokens_details?.cached_tokens).toBe(0);
  });
});

describe('errors the SDK maps to its own classes', () => {
  it('answers a wrong key with 401 → AuthenticationError carrying the OpenAI error body', async () => {
    const error = await client({ apiKey: 'wrong-key-123456' }).responses.create({ model: MODEL, input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const auth = error as AuthenticationError;
    expect(auth.status).toBe(401);
    expect(auth.code).toBe('invalid_api_key');
    expect(auth.type).toBe('invalid_request_error');
    expect(auth.requestID).toMatch(/^req_/);
    expect(auth.message).not.toContain('wrong-key-123456');
  });

  it('answers 429 → RateLimitError with retry-after headers', async () => {
    fake.failNext({ kind: 'rate_limit', retryAfterSeconds: 2 });
    const error = await client().responses.create({ model: MODEL, input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const limited = error as RateLimitError;
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('2000');
    expect(limited.code).toBe('rate_limit_exceeded');
    expect(limited.error).toMatchObject({ type: 'tokens', param: null });
  });

  it('lets the SDK retry a 429 after retry-after and then succeed', async () => {
    fake.failNext({ kind: 'rate_limit', retryAfterSeconds: 0.05 });
    const { ms, value } = await elapsed(() => client({ maxRetries: 1 }).responses.parse(triageRequest()));
    expect(value.output_parsed).toEqual(DEFAULT_TRIAGE);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.headers['x-stainless-retry-count']).toBe('1');
    expect(ms).toBeGreaterThanOrEqual(45);
  });

  it('answers 500 → InternalServerError, for the next N model requests only', async () => {
    fake.failNext({ kind: 'server_error' }, 2);
    for (let i = 0; i < 2; i++) {
      const error = await client().chat.completions.create(chatTriageRequest()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerError);
      expect((error as InternalServerError).status).toBe(500);
      expect((error as InternalServerError).type).toBe('server_error');
    }
    const ok = await client().chat.completions.create(chatTriageRequest());
    expect(ok.choices[0]?.finish_reason).toBe('stop');
  });

  it('holds a timeout fault past the SDK timeout → APIConnectionTimeoutError', async () => {
    fake.failNext({ kind: 'timeout' });
    const { ms, value: error } = await elapsed(() =>
      client({ timeout: 200 }).responses.create({ model: MODEL, input: 'x' }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1500);
  });

  it('answers a timeout fault with ms after that delay', async () => {
    fake.failNext({ kind: 'timeout', ms: 120 });
    const { ms, value } = await elapsed(() => client().responses.parse(triageRequest()));
    expect(value.output_parsed).toEqual(DEFAULT_TRIAGE);
    expect(ms).toBeGreaterThanOrEqual(110);
  });

  it('close() ends held requests instead of hanging', async () => {
    const other = await startFakeOpenAI();
    other.failNext({ kind: 'timeout' });
    const api = new OpenAI({ apiKey: 'test-key', baseURL: other.url, maxRetries: 0, timeout: 10_000 });
    const pending = api.responses.create({ model: MODEL, input: 'x' }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { ms } = await elapsed(() => other.close());
    expect(ms).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(APIConnectionError);
  });

  it('sends a 200 body that is not JSON for malformed_json (plain and streaming)', async () => {
    fake.failNext({ kind: 'malformed_json' });
    await expect(client().responses.create({ model: MODEL, input: 'x' })).rejects.toThrow(SyntaxError);

    fake.failNext({ kind: 'malformed_json' });
    const stream = await client().chat.completions.create({ ...chatTriageRequest(), stream: true });
    await expect(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    ).rejects.toThrow(SyntaxError);
  });

  it('returns output that is not valid JSON for invalid_output', async () => {
    fake.failNext({ kind: 'invalid_output' });
    const response = await client().responses.create(triageRequest());
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('{"urgency": ');

    fake.failNext({ kind: 'invalid_output' });
    await expect(client().responses.parse(triageRequest())).rejects.toThrow(SyntaxError);
  });

  it('answers 404 with an OpenAI error body on unknown paths, and lists models', async () => {
    const error = await client().get('/nothing-here').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('unknown_url');

    const models = await client().models.list();
    expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano']));
    expect(models.data[0]).toMatchObject({ object: 'model' });
  });
});

describe('refusals and incomplete answers', () => {
  it('shows a refusal content item in Responses and message.refusal in Chat', async () => {
    fake.failNext({ kind: 'refusal', message: 'I cannot help with that.' });
    const response = await client().responses.parse(triageRequest());
    const message = response.output[0];
    if (message?.type !== 'message') throw new Error('expected a message');
    expect(message.content).toEqual([{ type: 'refusal', refusal: 'I cannot help with that.' }]);
    expect(response.output_parsed).toBeNull();

    fake.failNext({ kind: 'refusal' });
    const completion = await client().chat.completions.parse(chatTriageRequest());
    expect(completion.choices[0]?.message.refusal).toMatch(/can't help/);
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.message.parsed).toBeNull();
  });

  it('streams a refusal with refusal events', async () => {
    fake.failNext({ kind: 'refusal', message: 'No, sorry.' });
    const stream = await client().responses.create({ ...triageRequest(), stream: true });
    let refusal = '';
    const types: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.refusal.delta') refusal += event.delta;
    }
    expect(refusal).toBe('No, sorry.');
    expect(types).toContain('response.refusal.done');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('marks the incomplete fault: Responses status incomplete, Chat finish_reason length', async () => {
    fake.failNext({ kind: 'incomplete' });
    const response = await client().responses.parse(triageRequest());
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output_parsed).toBeNull();
    expect(response.output_text.length).toBeLessThan(JSON.stringify(DEFAULT_TRIAGE).length);

    fake.failNext({ kind: 'incomplete' });
    const completion = await client().chat.completions.create(chatTriageRequest());
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(() => JSON.parse(completion.choices[0]?.message.content ?? '') as unknown).toThrow();

    fake.failNext({ kind: 'incomplete' });
    await expect(client().chat.completions.parse(chatTriageRequest())).rejects.toThrow(LengthFinishReasonError);
  });

  it('honours max_output_tokens / max_completion_tokens', async () => {
    const response = await client().responses.parse(triageRequest({ max_output_tokens: 10 }));
    expect(response.status).toBe('incomplete');
    expect(response.usage?.output_tokens).toBe(10);
    expect(response.output_text).toHaveLength(40);

    const completion = await client().chat.completions.create({ ...chatTriageRequest(), max_completion_tokens: 8 });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(8);

    const stream = await client().responses.create({ ...triageRequest({ max_output_tokens: 10 }), stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.incomplete');

    const roomy = await client().responses.parse(triageRequest({ max_output_tokens: 1000 }));
    expect(roomy.status).toBe('completed');
  });

  it('returns no message when reasoning uses the whole output budget', async () => {
    fake.script(() => ({ output: undefined, usage: { reasoning_tokens: 50 } }));
    const response = await client().responses.parse(triageRequest({ max_output_tokens: 40 }));
    expect(response.status).toBe('incomplete');
    expect(response.output.map((item) => item.type)).toEqual(['reasoning']);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(40);
    expect(response.output_parsed).toBeNull();
  });
});

describe('latency', () => {
  it('delays only the configured model', async () => {
    fake.setLatency('gpt-5.4', 150);
    const slow = await elapsed(() => client().responses.create({ model: 'gpt-5.4', input: 'x' }));
    const quick = await elapsed(() => client().responses.create({ model: MODEL, input: 'x' }));
    expect(slow.ms).toBeGreaterThanOrEqual(140);
    expect(quick.ms).toBeLessThan(140);
    fake.setLatency('gpt-5.4', 0);
  });

  it('takes per-model latency from the options', async () => {
    const slowFake = await startFakeOpenAI({ latencyMs: { [MODEL]: 120 }, apiKey: 'other-key' });
    try {
      const api = new OpenAI({ apiKey: 'other-key', baseURL: slowFake.url, maxRetries: 0 });
      const { ms } = await elapsed(() => api.chat.completions.create(chatTriageRequest()));
      expect(ms).toBeGreaterThanOrEqual(110);
    } finally {
      await slowFake.close();
    }
  });
});

/** Request options that tag one attempt the way the bot does. */
const tagged = (id: string) => ({ headers: { 'x-client-request-id': id } });

/** The reported usage of a Responses call, in the billing record's shape. */
function billedShape(usage: OpenAI.Responses.ResponseUsage | undefined) {
  return {
    input_tokens: usage?.input_tokens,
    cached_tokens: usage?.input_tokens_details.cached_tokens,
    output_tokens: usage?.output_tokens,
    reasoning_tokens: usage?.output_tokens_details.reasoning_tokens,
  };
}

describe('billing: every attempt the model ran', () => {
  it('bills a delivered answer with the usage it reported and the x-client-request-id', async () => {
    fake.script(() => ({ output: DEFAULT_TRIAGE, usage: { input_tokens: 900, cached_tokens: 512, output_tokens: 120, reasoning_tokens: 64 } }));
    const response = await client().responses.parse(triageRequest(), tagged('attempt-1'));
    const completion = await client().chat.completions.create(chatTriageRequest());

    expect(fake.billed).toEqual([
      { clientRequestId: 'attempt-1', model: MODEL, api: 'responses', usage: billedShape(response.usage), delivery: 'complete', at: expect.any(Date) },
      {
        clientRequestId: null,
        model: MODEL,
        api: 'chat',
        usage: {
          input_tokens: completion.usage?.prompt_tokens,
          cached_tokens: completion.usage?.prompt_tokens_details?.cached_tokens,
          output_tokens: completion.usage?.completion_tokens,
          reasoning_tokens: completion.usage?.completion_tokens_details?.reasoning_tokens,
        },
        delivery: 'complete',
        at: expect.any(Date),
      },
    ]);
    expect(fake.billed[0]?.usage).toEqual({ input_tokens: 900, cached_tokens: 512, output_tokens: 120, reasoning_tokens: 64 });
  });

  it('does not bill 401, 429, 500, or a timeout the client gave up on before generation', async () => {
    await client({ apiKey: 'wrong-key-123456' }).responses.create({ model: MODEL, input: 'x' }, tagged('unauthorized')).catch(() => undefined);
    fake.failNext({ kind: 'rate_limit', retryAfterSeconds: 0 });
    await expect(client().responses.create({ model: MODEL, input: 'x' }, tagged('limited'))).rejects.toBeInstanceOf(RateLimitError);
    fake.failNext({ kind: 'server_error' });
    await expect(client().responses.create({ model: MODEL, input: 'x' }, tagged('failed'))).rejects.toBeInstanceOf(InternalServerError);
    fake.failNext({ kind: 'timeout' });
    await expect(client({ timeout: 100 }).responses.create({ model: MODEL, input: 'x' }, tagged('gave-up'))).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    await client().responses.create({ model: MODEL, input: 'x' }, tagged('answered'));

    expect(fake.billed.map((attempt) => attempt.clientRequestId)).toEqual(['answered']);
    expect(fake.faultLog).toEqual([
      { clientRequestId: 'limited', model: MODEL, kind: 'rate_limit', source: 'queued' },
      { clientRequestId: 'failed', model: MODEL, kind: 'server_error', source: 'queued' },
      { clientRequestId: 'gave-up', model: MODEL, kind: 'timeout', source: 'queued' },
      { clientRequestId: 'answered', model: MODEL, kind: 'none', source: 'none' },
    ]);
  });

  it('bills content faults (invalid_output, refusal, incomplete) with the usage they report', async () => {
    const reported: ReturnType<typeof billedShape>[] = [];
    for (const kind of ['invalid_output', 'refusal', 'incomplete'] as const) {
      fake.failNext({ kind });
      reported.push(billedShape((await client().responses.create(triageRequest(), tagged(kind))).usage));
    }
    expect(fake.billed.map((attempt) => [attempt.clientRequestId, attempt.delivery])).toEqual([
      ['invalid_output', 'complete'],
      ['refusal', 'complete'],
      ['incomplete', 'complete'],
    ]);
    expect(fake.billed.map((attempt) => attempt.usage)).toEqual(reported);
  });

  it('bills malformed_json as malformed: the model ran, the envelope broke', async () => {
    fake.failNext({ kind: 'malformed_json' });
    await expect(client().responses.create({ model: MODEL, input: 'x' }, tagged('broken'))).rejects.toThrow(SyntaxError);
    const intact = await client().responses.create({ model: MODEL, input: 'x' }, tagged('intact'));
    expect(fake.billed.map((attempt) => [attempt.clientRequestId, attempt.delivery])).toEqual([
      ['broken', 'malformed'],
      ['intact', 'complete'],
    ]);
    // The same request would have reported the same usage.
    expect(fake.billed[0]?.usage).toEqual(billedShape(intact.usage));
  });

  it('lost_response: generates and bills, then sends nothing until the client times out', async () => {
    fake.failNext({ kind: 'lost_response' });
    const { ms, value: error } = await elapsed(() => client({ timeout: 150 }).responses.create(triageRequest(), tagged('lost')).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(140);
    const delivered = await client().responses.create(triageRequest(), tagged('delivered'));
    expect(fake.billed.map((attempt) => [attempt.clientRequestId, attempt.delivery])).toEqual([
      ['lost', 'lost'],
      ['delivered', 'complete'],
    ]);
    expect(fake.billed[0]?.usage).toEqual(billedShape(delivered.usage));
  });

  it('close() ends a lost_response hold instead of hanging', async () => {
    const other = await startFakeOpenAI();
    other.failNext({ kind: 'lost_response' });
    const api = new OpenAI({ apiKey: 'test-key', baseURL: other.url, maxRetries: 0, timeout: 10_000 });
    const pending = api.responses.create({ model: MODEL, input: 'x' }).catch((e: unknown) => e);
    await expect.poll(() => other.billed.length).toBe(1);
    const { ms } = await elapsed(() => other.close());
    expect(ms).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(APIConnectionError);
    expect(other.billed[0]?.delivery).toBe('lost');
  });

  it('cut_body (JSON): 200 with the full content-length, about half the body, then a dead socket', async () => {
    fake.failNext({ kind: 'cut_body' });
    // The SDK does not wrap a body that dies mid-read: it is undici's TypeError('terminated').
    await expect(client().responses.create(triageRequest(), tagged('cut-sdk'))).rejects.toThrow(/terminated/);

    fake.failNext({ kind: 'cut_body' });
    const response = await fetch(`${fake.url}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json', 'x-client-request-id': 'cut-raw' },
      body: JSON.stringify({ model: MODEL, input: 'hello' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const promised = Number(response.headers.get('content-length'));
    const received: Uint8Array[] = [];
    const reader = response.body?.getReader();
    const failure = await (async () => {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return null;
        received.push(chunk.value);
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    const text = Buffer.concat(received).toString('utf8');
    expect(Buffer.byteLength(text)).toBe(Math.floor(promised / 2));
    expect(text.startsWith('{"id":"resp_')).toBe(true);
    expect(fake.billed.map((attempt) => [attempt.clientRequestId, attempt.delivery])).toEqual([
      ['cut-sdk', 'cut'],
      ['cut-raw', 'cut'],
    ]);
  });

  it('cut_body (stream): some events, no completion, then a dead socket', async () => {
    fake.failNext({ kind: 'cut_body' });
    const stream = await client().responses.create({ ...triageRequest(), stream: true }, tagged('cut-stream'));
    const types: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) types.push(event.type);
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(types[0]).toBe('response.created');
    expect(types).not.toContain('response.completed');

    fake.failNext({ kind: 'cut_body' });
    const chat = await client().chat.completions.create({ ...chatTriageRequest(), stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    await expect(
      (async () => {
        for await (const chunk of chat) chunks.push(chunk);
      })(),
    ).rejects.toThrow(/terminated/);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(fake.billed.map((attempt) => attempt.delivery)).toEqual(['cut', 'cut']);
  });
});

describe('random faults', () => {
  /** One attempt through the SDK; returns what the caller saw, never throws. */
  async function attempt(api: OpenAI, id: string): Promise<string> {
    try {
      const response = await api.responses.create({ model: MODEL, input: `ticket ${id}` }, tagged(id));
      return response.status ?? 'no status';
    } catch (error) {
      return error instanceof Error ? error.constructor.name : 'thrown';
    }
  }

  async function run(count: number): Promise<string[]> {
    const api = client({ timeout: 150 });
    const seen: string[] = [];
    for (let i = 0; i < count; i++) seen.push(await attempt(api, `r${i}`));
    return seen;
  }

  it('is deterministic for a seed, and every attempt that ran is billed', async () => {
    fake.randomFaults({ rate: 0.6, seed: 7 });
    expect(fake.faultSeed).toBe(7);
    const first = await run(16);
    const firstLog = fake.faultLog.map(({ clientRequestId, kind, source }) => ({ clientRequestId, kind, source }));

    const ran = firstLog.filter((entry) => entry.kind !== 'rate_limit' && entry.kind !== 'server_error').map((entry) => entry.clientRequestId);
    expect(fake.billed.map((billed) => billed.clientRequestId)).toEqual(ran);
    expect(new Set(firstLog.map((entry) => entry.source))).toEqual(new Set(['random', 'none']));
    expect(new Set(firstLog.map((entry) => entry.kind)).size).toBeGreaterThan(3);

    fake.reset();
    expect(fake.faultSeed).toBeNull();
    fake.randomFaults({ rate: 0.6, seed: 7 });
    expect(await run(16)).toEqual(first);
    expect(fake.faultLog.map(({ clientRequestId, kind, source }) => ({ clientRequestId, kind, source }))).toEqual(firstLog);

    fake.reset();
    fake.randomFaults({ rate: 0.6, seed: 8 });
    await run(16);
    expect(fake.faultLog.map((entry) => entry.kind)).not.toEqual(firstLog.map((entry) => entry.kind));
  });

  it('draws uniformly from kinds; queued faults win, and the script decides the requests left alone', async () => {
    fake.script(() => ({ output: 'scripted answer' }));
    fake.randomFaults({ rate: 1, seed: 1, kinds: [{ kind: 'refusal', message: 'random refusal' }] });
    fake.failNext({ kind: 'server_error' });
    await expect(client().responses.create({ model: MODEL, input: 'x' }, tagged('queued'))).rejects.toBeInstanceOf(InternalServerError);
    const refused = await client().responses.create({ model: MODEL, input: 'x' }, tagged('random'));
    const message = refused.output[0];
    expect(message?.type === 'message' && message.content[0]).toEqual({ type: 'refusal', refusal: 'random refusal' });

    fake.randomFaults({ rate: 0, seed: 1 });
    expect((await client().responses.create({ model: MODEL, input: 'x' }, tagged('scripted'))).output_text).toBe('scripted answer');
    fake.script(() => ({ output: 'x', fault: { kind: 'incomplete' } }));
    await client().responses.create({ model: MODEL, input: 'x' }, tagged('script-fault'));
    fake.randomFaults(null);
    expect(fake.faultSeed).toBeNull();

    expect(fake.faultLog.map((entry) => [entry.clientRequestId, entry.kind, entry.source])).toEqual([
      ['queued', 'server_error', 'queued'],
      ['random', 'refusal', 'random'],
      ['scripted', 'none', 'none'],
      ['script-fault', 'incomplete', 'script'],
    ]);
  });

  it('rejects a rate outside 0..1, a fractional seed and empty kinds; the default kinds are the chaos set', () => {
    expect(() => fake.randomFaults({ rate: 1.5, seed: 1 })).toThrow(/rate/);
    expect(() => fake.randomFaults({ rate: 0.5, seed: 1.5 })).toThrow(/seed/);
    expect(() => fake.randomFaults({ rate: 0.5, seed: 1, kinds: [] })).toThrow(/kinds/);
    const kinds: Fault['kind'][] = DEFAULT_RANDOM_FAULTS.map((fault) => fault.kind);
    expect(kinds).toEqual(['rate_limit', 'server_error', 'lost_response', 'cut_body', 'malformed_json', 'invalid_output', 'refusal', 'incomplete']);
    expect(DEFAULT_RANDOM_FAULTS[0]).toEqual({ kind: 'rate_limit', retryAfterSeconds: 0 });
  });
});

describe('wire format (raw HTTP, what the SDK hides)', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer test-key' }) =>
    fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('ends a chat stream with data: [DONE] and names every Responses SSE event', async () => {
    const chat = await post('/chat/completions', { ...chatTriageRequest(), stream: true });
    expect(chat.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const chatText = await chat.text();
    expect(chatText.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(chatText).not.toContain('event:');

    const responses = await post('/responses', { model: MODEL, input: 'hi', stream: true });
    const blocks = (await responses.text()).trim().split('\n\n');
    for (const block of blocks) {
      const [eventLine, dataLine] = block.split('\n');
      const data = JSON.parse(dataLine?.replace(/^data: /, '') ?? '') as { type: string };
      expect(eventLine).toBe(`event: ${data.type}`);
    }
  });

  it('answers a missing key with 401 and an unparsable body with 400, both in the OpenAI error shape', async () => {
    const noKey = await post('/responses', { model: MODEL, input: 'x' }, {});
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ error: { type: 'invalid_request_error', param: null, code: null } });

    const bad = await fetch(`${fake.url}/responses`, { method: 'POST', headers: { authorization: 'Bearer test-key' }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toMatch(/^req_/);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/could not parse the JSON body/);
    expect(fake.requests.at(-1)?.body).toBe('{nope');
  });
});

describe('schema sampler', () => {
  it('follows $ref/$defs, anyOf, nullable types, bounds and minItems', () => {
    const schema = {
      type: 'object',
      properties: {
        item: { $ref: '#/$defs/Item' },
        maybe: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 10 }] },
        nullableNumber: { type: ['null', 'number'], minimum: 2, maximum: 3 },
        bounded: { type: 'integer', exclusiveMinimum: 4 },
        fixed: { const: 'v1' },
      },
      $defs: {
        Item: { type: 'object', properties: { list: { type: 'array', minItems: 2, items: { enum: ['x', 'y'] } } } },
      },
    };
    expect(sampleFromSchema(schema)).toEqual({
      item: { list: ['x', 'x'] },
      maybe: 'examplexxx',
      nullableNumber: 2,
      bounded: 5,
      fixed: 'v1',
    });
  });
});

describe('embeddings', () => {
  const EMBEDDING_MODEL = 'text-embedding-3-small';
  const cosine = (left: readonly number[], right: readonly number[]) => left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);

  it('answers in the documented shape, in base64 when the SDK asks (its default) and decodes, or in floats', async () => {
    const texts = ['How do I get a refund?', 'Wie bekomme ich eine Rückerstattung?'];
    const { data, request_id } = await client().embeddings.create({ model: EMBEDDING_MODEL, input: texts }).withResponse();
    expect(fake.requests.at(-1)?.body.encoding_format).toBe('base64');
    expect(request_id).toMatch(/^req_/);
    const tokens = texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    expect(data).toMatchObject({ object: 'list', model: EMBEDDING_MODEL, usage: { prompt_tokens: tokens, total_tokens: tokens } });
    expect(data.data.map((item) => [item.object, item.index, item.embedding.length])).toEqual([
      ['embedding', 0, 256],
      ['embedding', 1, 256],
    ]);
    expect(data.data[0]?.embedding).toEqual(embedText(texts[0] ?? ''));

    const floats = await client().embeddings.create({ model: EMBEDDING_MODEL, input: texts[1] ?? '', encoding_format: 'float', dimensions: 64 });
    expect(floats.data[0]?.embedding).toEqual(embedText(texts[1] ?? '', 64));
    expect(Math.hypot(...(floats.data[0]?.embedding ?? []))).toBeCloseTo(1, 5);
    expect(fake.billed.map((entry) => [entry.api, entry.usage.input_tokens, entry.usage.output_tokens, entry.delivery])).toEqual([
      ['embeddings', tokens, 0, 'complete'],
      ['embeddings', Math.ceil((texts[1] ?? '').length / 4), 0, 'complete'],
    ]);
  });

  it('puts texts that mean the same in two languages closer than texts about something else', () => {
    const german = embedText('Wie bekomme ich eine Rückerstattung?');
    expect(cosine(german, embedText('How do I get a refund?'))).toBeGreaterThan(cosine(german, embedText('Where is my parcel? Tracking has not updated.')) + 0.3);
    expect(embedText('')).toEqual(embedText('!!!'));
  });

  it('refuses what the real endpoint refuses, and takes the generation faults', async () => {
    await expect(client().embeddings.create({ model: EMBEDDING_MODEL, input: ['fine', ''] })).rejects.toBeInstanceOf(BadRequestError);
    fake.failNext({ kind: 'server_error' });
    await expect(client().embeddings.create({ model: EMBEDDING_MODEL, input: 'x' })).rejects.toBeInstanceOf(InternalServerError);
    fake.failNext({ kind: 'rate_limit', retryAfterSeconds: 0 });
    await expect(client().embeddings.create({ model: EMBEDDING_MODEL, input: 'x' })).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.billed).toEqual([]);
    fake.failNext({ kind: 'invalid_output' });
    const short = await client().embeddings.create({ model: EMBEDDING_MODEL, input: ['one', 'two'] });
    expect(short.data).toHaveLength(1);
    expect(fake.billed.map((entry) => entry.delivery)).toEqual(['complete']);
    expect(fake.faultLog.map((entry) => entry.kind)).toEqual(['server_error', 'rate_limit', 'invalid_output']);
  });
});
