/**
 * The fake OpenAI server's realism options, through the real SDK on loopback:
 * token counts from the o200k tokenizer (usage and the documented prompt
 * cache rule), and per-model speeds with a time scale. The defaults are
 * covered by openai.test.ts, which runs without these options.
 */
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from './openai/index.js';

const MODEL = 'gpt-5.4-nano';
const Answer = z.object({ answer: z.string() });
const FORMAT = zodTextFormat(Answer, 'answer');
const SCHEMA_TEXT = JSON.stringify(FORMAT.schema);
// About 1,500 o200k tokens of static instructions: past the cache's 1,024.
const LONG_INSTRUCTIONS = `You triage support tickets. ${Array.from({ length: 150 }, (_, i) => `Rule ${i}: read the message twice.`).join(' ')}`;

const tokens = (text: string): number => encode(text, { disallowedSpecial: new Set() }).length;
const promptTokens = (...parts: string[]): number => tokens(parts.filter((part) => part.length > 0).join('\n'));
const steps = (n: number): number => (n < 1024 ? 0 : Math.floor(n / 128) * 128);

let fake: FakeOpenAI | null = null;

async function start(options: FakeOpenAIOptions): Promise<{ fake: FakeOpenAI; api: OpenAI }> {
  fake = await startFakeOpenAI({ apiKey: 'pacing-key', ...options });
  return { fake, api: new OpenAI({ apiKey: 'pacing-key', baseURL: fake.url, maxRetries: 0 }) };
}

afterEach(async () => {
  await fake?.close();
  fake = null;
});

function ask(api: OpenAI, instructions: string, input: string, model = MODEL) {
  return api.responses.parse({ model, instructions, input, text: { format: FORMAT } });
}

describe("tokenizer: 'o200k'", () => {
  it('counts input (schema, instructions, user) and output with the real tokenizer', async () => {
    const { fake, api } = await start({ tokenizer: 'o200k' });
    fake.script(() => ({ output: { answer: 'Grüße aus Köln — 你好' } }));
    const response = await ask(api, 'Answer briefly.', 'Wie geht es?');
    expect(response.usage?.input_tokens).toBe(promptTokens(SCHEMA_TEXT, 'Answer briefly.', 'Wie geht es?'));
    expect(response.usage?.output_tokens).toBe(tokens(JSON.stringify({ answer: 'Grüße aus Köln — 你好' })));
    // Four characters a token would say otherwise.
    expect(response.usage?.output_tokens).not.toBe(Math.ceil(JSON.stringify({ answer: 'Grüße aus Köln — 你好' }).length / 4));
  });

  it('reads a special-token string in customer text as plain text', async () => {
    const { api } = await start({ tokenizer: 'o200k' });
    const response = await ask(api, 'Answer.', 'ignore this <|endoftext|> and that');
    expect(response.usage?.input_tokens).toBe(promptTokens(SCHEMA_TEXT, 'Answer.', 'ignore this <|endoftext|> and that'));
  });

  it('cuts an answer at max_output_tokens in tokens', async () => {
    const { fake, api } = await start({ tokenizer: 'o200k' });
    fake.script(() => ({ output: 'word '.repeat(200) }));
    const response = await api.responses.create({ model: MODEL, input: 'x', max_output_tokens: 16 });
    expect(response.status).toBe('incomplete');
    expect(response.usage?.output_tokens).toBe(16);
    expect(tokens(response.output_text)).toBeLessThanOrEqual(16);
  });

  it('caches the longest prefix seen before, from 1,024 tokens in 128-token steps, per model', async () => {
    const { api } = await start({ tokenizer: 'o200k' });
    const first = await ask(api, LONG_INSTRUCTIONS, 'first customer');
    const second = await ask(api, LONG_INSTRUCTIONS, 'second customer, different words');
    const otherModel = await ask(api, LONG_INSTRUCTIONS, 'second customer, different words', 'gpt-5.4-mini');

    const shared = promptTokens(SCHEMA_TEXT, LONG_INSTRUCTIONS);
    expect(shared).toBeGreaterThan(1024);
    expect(first.usage?.input_tokens_details.cached_tokens).toBe(0);
    expect(second.usage?.input_tokens_details.cached_tokens).toBe(steps(shared));
    expect(otherModel.usage?.input_tokens_details.cached_tokens).toBe(0);
  });

  it('serves a per-ticket block too when it repeats, and nothing after a block that differs', async () => {
    const { api } = await start({ tokenizer: 'o200k' });
    const passages = `<knowledge>${' Refunds are paid within 14 days of the request.'.repeat(100)}</knowledge>`;
    await ask(api, 'Draft a reply.', `${passages}\nticket one`);
    const samePassages = await ask(api, 'Draft a reply.', `${passages}\nticket two`);
    // The same passages after a part that varies: the shared prefix is short, nothing is cached.
    await ask(api, 'Draft a reply.', `ticket three\n${passages}`);
    const variesFirst = await ask(api, 'Draft a reply.', `ticket four\n${passages}`);

    const sharedPrefix = promptTokens(SCHEMA_TEXT, 'Draft a reply.', passages);
    expect(sharedPrefix).toBeGreaterThan(1024);
    expect(samePassages.usage?.input_tokens_details.cached_tokens).toBe(steps(sharedPrefix));
    expect(variesFirst.usage?.input_tokens_details.cached_tokens).toBe(0);
  });

  it('never caches a prompt under 1,024 tokens, and reset() clears the cache', async () => {
    const { fake, api } = await start({ tokenizer: 'o200k' });
    await ask(api, 'Short.', 'same');
    expect((await ask(api, 'Short.', 'same')).usage?.input_tokens_details.cached_tokens).toBe(0);
    await ask(api, LONG_INSTRUCTIONS, 'x');
    expect((await ask(api, LONG_INSTRUCTIONS, 'x')).usage?.input_tokens_details.cached_tokens).toBeGreaterThanOrEqual(1024);
    fake.reset();
    expect((await ask(api, LONG_INSTRUCTIONS, 'x')).usage?.input_tokens_details.cached_tokens).toBe(0);
  });
});

describe('speeds and the time scale', () => {
  const output = { answer: 'one two three four five six seven eight nine ten' };

  it('takes time to first token plus output tokens ÷ speed, reasoning included, and records it', async () => {
    const { fake, api } = await start({ tokenizer: 'o200k', speeds: { [MODEL]: { timeToFirstTokenMs: 100, outputTokensPerSecond: 1000 } } });
    fake.script(() => ({ output, usage: { reasoning_tokens: 100 } }));
    const started = performance.now();
    const response = await api.responses.parse({ model: MODEL, input: 'x', text: { format: FORMAT } }, { headers: { 'x-client-request-id': 'paced-1' } });
    const elapsed = performance.now() - started;

    const outputTokens = response.usage?.output_tokens ?? 0;
    expect(outputTokens).toBe(tokens(JSON.stringify(output)) + 100);
    const expected = 100 + outputTokens; // 1,000 tokens a second: a millisecond each
    expect(elapsed).toBeGreaterThanOrEqual(expected - 2);
    expect(fake.timings).toEqual([{ clientRequestId: 'paced-1', model: MODEL, simulatedMs: expected, waits: [{ startedAt: expect.any(Number), ms: 100 }, { startedAt: expect.any(Number), ms: outputTokens }] }]);
  });

  it('leaves a model without a speed (and the default fake) without waits', async () => {
    const { fake, api } = await start({ speeds: { 'gpt-5.4': { timeToFirstTokenMs: 5_000, outputTokensPerSecond: 1 } } });
    const started = performance.now();
    await ask(api, 'Answer.', 'x');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fake.timings).toEqual([{ clientRequestId: null, model: MODEL, simulatedMs: 0, waits: [] }]);
    expect(fake.timeScale).toBe(1);
  });

  it('runs every wait at the time scale and keeps its real-time length', async () => {
    const { fake, api } = await start({
      tokenizer: 'o200k',
      latencyMs: { 'gpt-5.4': 200 },
      speeds: { 'gpt-5.4': { timeToFirstTokenMs: 800, outputTokensPerSecond: 55 } },
      timeScale: 0.05,
    });
    fake.script(() => ({ output }));
    const started = performance.now();
    const response = await ask(api, 'Answer.', 'x', 'gpt-5.4');
    const elapsed = performance.now() - started;

    const realMs = 200 + 800 + ((response.usage?.output_tokens ?? 0) / 55) * 1000;
    const [timing] = fake.timings;
    expect(timing?.simulatedMs).toBeCloseTo(realMs, 6);
    expect(timing?.waits.map((w) => w.ms).reduce((a, b) => a + b, 0)).toBeCloseTo(realMs * 0.05, 6);
    expect(elapsed).toBeGreaterThanOrEqual(realMs * 0.05 - 2);
    expect(elapsed).toBeLessThan(realMs);
  });

  it('bills a request whose client gives up while the answer is written, as lost', async () => {
    const { fake } = await start({ speeds: { [MODEL]: { timeToFirstTokenMs: 0, outputTokensPerSecond: 1 } } });
    const api = new OpenAI({ apiKey: 'pacing-key', baseURL: fake.url, maxRetries: 0, timeout: 300 });
    await expect(ask(api, 'Answer.', 'x')).rejects.toThrow();
    await expect.poll(() => fake.billed.map((attempt) => attempt.delivery), { timeout: 5_000 }).toEqual(['lost']);
  });

  it('refuses a time scale outside (0, 1] and a speed that is not positive', async () => {
    await expect(startFakeOpenAI({ timeScale: 0 })).rejects.toThrow(/timeScale/);
    await expect(startFakeOpenAI({ timeScale: 2 })).rejects.toThrow(/timeScale/);
    await expect(startFakeOpenAI({ speeds: { [MODEL]: { timeToFirstTokenMs: 0, outputTokensPerSecond: 0 } } })).rejects.toThrow(/outputTokensPerSecond/);
  });
});
