import { Writable } from 'node:stream';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { modelError, type ModelError } from '../src/errors.js';
import { createLogger, silentLogger, type Logger } from '../src/logger.js';
import type { LogLevel } from '../src/config.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary log fields
type Loose = Record<string, any>;

const OPENAI_KEY = 'sk-proj-abc123456789';
const SLACK_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKl';
const BEARER = 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature';

/** A logger writing into memory; `lines()` parses what it wrote so far. */
function captureLogger(
  level: LogLevel = 'info',
  secrets: readonly string[] = [],
): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ level, destination, secrets });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { logger, lines } = captureLogger();
    logger.info({ ticketId: 7 }, 'ticket received');
    logger.warn('second line');
    const [first, second] = lines();
    expect(lines()).toHaveLength(2);
    expect(first).toMatchObject({ level: 30, ticketId: 7, msg: 'ticket received' });
    expect(typeof first?.time).toBe('number');
    expect(second).toMatchObject({ level: 40, msg: 'second line' });
  });

  it('respects the level', () => {
    const { logger, lines } = captureLogger('warn');
    logger.info('hidden');
    logger.debug('hidden too');
    logger.error('shown');
    expect(lines().map((line) => line.msg)).toEqual(['shown']);
  });

  it('writes nothing at level silent', () => {
    const { logger, text } = captureLogger('silent');
    logger.error('nothing');
    expect(text()).toBe('');
  });

  it('censors secret fields by path', () => {
    const { logger, lines, text } = captureLogger();
    logger.info(
      {
        apiKey: OPENAI_KEY,
        token: SLACK_TOKEN,
        authorization: BEARER,
        headers: { authorization: BEARER, 'content-type': 'application/json' },
        client: { apiKey: OPENAI_KEY, token: 'plain-token-value', signingSecret: 'shhh-signing-secret' },
        OPENAI_API_KEY: OPENAI_KEY,
        ticketId: 3,
      },
      'calling the API',
    );
    const [line] = lines();
    expect(line).toMatchObject({
      apiKey: '[REDACTED]',
      token: '[REDACTED]',
      authorization: '[REDACTED]',
      headers: { authorization: '[REDACTED]', 'content-type': 'application/json' },
      client: { apiKey: '[REDACTED]', token: '[REDACTED]', signingSecret: '[REDACTED]' },
      OPENAI_API_KEY: '[REDACTED]',
      ticketId: 3,
      msg: 'calling the API',
    });
    expect(text()).not.toContain('abc123456789');
    expect(text()).not.toContain('plain-token-value');
    expect(text()).not.toContain('shhh-signing-secret');
  });

  it('scrubs secrets from message strings', () => {
    const { logger, lines, text } = captureLogger();
    logger.info(`key ${OPENAI_KEY} in use`);
    logger.info({ ticketId: 1 }, `slack token ${SLACK_TOKEN} rejected`);
    logger.warn(`header was ${BEARER}`);
    logger.info('interpolated %s here', OPENAI_KEY);
    expect(lines().map((line) => line.msg)).toEqual([
      'key [REDACTED] in use',
      'slack token [REDACTED] rejected',
      'header was [REDACTED]',
      'interpolated [REDACTED] here',
    ]);
    expect(text()).not.toContain('abc123456789');
    expect(text()).not.toContain('AbCdEfGhIjKl');
    expect(text()).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('leaves messages without secrets alone', () => {
    const { logger, lines } = captureLogger();
    logger.info('ticket #42 routed to flagship_review (risk_refund)');
    expect(lines()[0]?.msg).toBe('ticket #42 routed to flagship_review (risk_refund)');
  });

  it('scrubs a key from an error message and stack in the err field', () => {
    const { logger, lines, text } = captureLogger();
    logger.error(new Error(`401 Incorrect API key provided: ${OPENAI_KEY}`), 'model call failed');
    logger.error({ err: new Error(`token ${SLACK_TOKEN} revoked`) }, 'slack failed');
    const [first, second] = lines();
    const firstErr = first?.err as { message: string; stack: string; type: string };
    expect(firstErr.type).toBe('Error');
    expect(firstErr.message).toBe('401 Incorrect API key provided: [REDACTED]');
    expect(firstErr.stack).toContain('[REDACTED]');
    expect(first?.msg).toBe('model call failed');
    expect((second?.err as { message: string }).message).toBe('token [REDACTED] revoked');
    expect(text()).not.toContain('abc123456789');
    expect(text()).not.toContain('AbCdEfGhIjKl');
  });

  it('scrubs a key hidden in an error cause', () => {
    const { logger, text, lines } = captureLogger();
    const error = modelError('MODEL_AUTH_FAILED', 'the model API refused our credentials', {
      model: 'gpt-5.4-nano',
      retryable: false,
      cause: new Error(`bad key ${OPENAI_KEY}`),
    });
    logger.warn({ err: error, code: error.code }, 'model call failed');
    const err = lines()[0]?.err as { type: string; code: string };
    expect(err.type).toBe('ModelConfigurationError');
    expect(err.code).toBe('MODEL_AUTH_FAILED');
    expect(text()).not.toContain('abc123456789');
  });

  it('child loggers keep the redaction and scrubbing', () => {
    const { logger, lines, text } = captureLogger();
    const child = logger.child({ component: 'pipeline' });
    child.info({ apiKey: OPENAI_KEY }, `using ${OPENAI_KEY}`);
    expect(lines()[0]).toMatchObject({ component: 'pipeline', apiKey: '[REDACTED]', msg: 'using [REDACTED]' });
    expect(text()).not.toContain('abc123456789');
  });

  it('silentLogger accepts calls and writes nothing visible', () => {
    const logger = silentLogger();
    expect(logger.level).toBe('silent');
    expect(() => logger.error({ apiKey: OPENAI_KEY }, 'nothing')).not.toThrow();
  });
});

// Secrets the way the security review found them: deep inside errors, headers and bodies.
const PATTERN_KEY = 'sk-proj-Zq9xW8vU7tS6rR5pQ4oN3mL2';
/** Matches no pattern: only the by-value scrub (configured secrets) can catch it. */
const PLAIN_KEY = 'test-openai-key-0123456789abcdef';
const SLACK_BOT = 'xoxb-2222222222-3333333333-QwErTyUiOpAsDfGh';
const SLACK_APP = 'xapp-1-A0ZZZZZZZZZ-4444444444-deadbeefcafe0123';
const DISCORD = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const SIGNING = 'signing-secret-with/odd+chars"and spaces';

/** The 401 the real openai SDK builds from an error body that echoes the key. */
function openAi401(key: string): InstanceType<typeof OpenAI.APIError> {
  const headers = new Headers({ 'content-type': 'application/json', 'x-request-id': 'req_401', 'set-cookie': `__cf_bm=${key}` });
  return OpenAI.APIError.generate(
    401,
    { error: { message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
    undefined,
    headers,
  );
}

/** Wrapped as the gateway would, but without the pattern scrub in the message: the logger must not rely on it. */
function wrapped(cause: Error): ModelError {
  return modelError('MODEL_AUTH_FAILED', `the model API refused our credentials (check OPENAI_API_KEY): ${cause.message}`, {
    model: 'gpt-5.4-nano',
    retryable: false,
    requestId: 'req_401',
    cause,
  });
}

/** Every form a secret can take in a JSON line. */
function forms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

function expectNoSecret(text: string, ...secrets: string[]): void {
  const lines = text.split('\n');
  for (const secret of secrets) {
    for (const form of forms(secret)) {
      const leaking = lines.filter((line) => line.includes(form));
      expect(leaking, `"${form}" leaked`).toEqual([]);
    }
  }
}

describe('createLogger scrubs secrets at every depth', () => {
  it('an OpenAI 401 echoing a patterned key, wrapped in ModelError (details.cause and cause), logged at warn', () => {
    const { logger, lines, text } = captureLogger('info', [PATTERN_KEY]);
    const error = wrapped(openAi401(PATTERN_KEY));
    for (const stage of ['classify', 'extract', 'draft']) {
      logger.warn({ err: error, code: error.code, stage }, 'model call failed');
    }
    logger.warn(error);
    expect(lines()).toHaveLength(4);
    expectNoSecret(text(), PATTERN_KEY);

    // The err field keeps a useful shape: type, message, stack, code, details, the cause chain.
    const err = lines()[0]?.err as Loose;
    expect(err).toMatchObject({
      type: 'ModelConfigurationError',
      code: 'MODEL_AUTH_FAILED',
      details: {
        model: 'gpt-5.4-nano',
        retryable: false,
        requestId: 'req_401',
        cause: {
          type: 'AuthenticationError',
          status: 401,
          code: 'invalid_api_key',
          requestID: 'req_401',
          headers: { 'x-request-id': 'req_401', 'set-cookie': '[REDACTED]' },
          error: { message: expect.stringContaining('Incorrect API key provided: [REDACTED]'), type: 'invalid_request_error' },
        },
      },
      cause: { type: 'AuthenticationError', status: 401, message: expect.stringContaining('[REDACTED]') },
    });
    expect(err.message).toContain('refused our credentials');
    expect(err.stack).toMatch(/^ModelConfigurationError: the model API refused/);
    // An Error passed alone: its (scrubbed) message becomes the line's message.
    expect(lines()[3]).toMatchObject({ err: { type: 'ModelConfigurationError' }, msg: expect.stringContaining('[REDACTED]') });
  });

  it('a key that matches no pattern is caught by value, and only by value', () => {
    const error = wrapped(openAi401(PLAIN_KEY));
    const unconfigured = captureLogger('info');
    unconfigured.logger.warn({ err: error }, 'model call failed');
    // Without the configured secret nothing recognises it: this is the leak the review found.
    expect(unconfigured.text()).toContain(PLAIN_KEY);

    const { logger, lines, text } = captureLogger('info', [PLAIN_KEY]);
    logger.warn({ err: error, code: error.code }, 'model call failed');
    logger.warn(`retrying with ${PLAIN_KEY}`);
    logger.info({ url: `https://proxy.example/v1?key=${encodeURIComponent(PLAIN_KEY)}` }, 'proxied');
    expectNoSecret(text(), PLAIN_KEY);
    const err = lines()[0]?.err as Loose;
    expect(err.details.cause.error.message).toBe(
      'Incorrect API key provided: [REDACTED]. You can find your API key at https://platform.openai.com/account/api-keys.',
    );
    expect(lines()[1]?.msg).toBe('retrying with [REDACTED]');
  });

  it('Slack and Discord tokens inside headers, response bodies, nested arrays, Maps and Sets', () => {
    const secrets = [SLACK_BOT, SLACK_APP, DISCORD, SIGNING];
    const { logger, lines, text } = captureLogger('info', secrets);
    const platformError = Object.assign(new Error('An API error occurred: invalid_auth'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'invalid_auth', response_metadata: { messages: [`token ${SLACK_BOT} is revoked`] } },
    });
    logger.error(
      {
        err: platformError,
        request: {
          url: `https://slack.com/api/auth.test?token=${SLACK_BOT}`,
          headers: new Headers({ Authorization: `Bearer ${SLACK_BOT}`, 'X-Slack-Signature': 'v0=abc123', 'user-agent': 'bolt' }),
          rawHeaders: ['Authorization', `Bot ${DISCORD}`, 'Accept', 'application/json'],
        },
        response: {
          status: 401,
          body: JSON.stringify({ message: '401: Unauthorized', token: DISCORD, echoed: SIGNING }),
          json: { nested: [[{ deep: [`app token ${SLACK_APP}`] }]] },
        },
        sessions: new Map<unknown, unknown>([
          ['slack', { appToken: SLACK_APP, note: 'socket' }],
          [SLACK_BOT, 'keyed by the token itself'],
          [{ id: 1 }, DISCORD],
        ]),
        seen: new Set([DISCORD, 'harmless']),
        signature: 'v0=deadbeef',
        config: { signingSecret: 'short', clientSecret: 42, password: { any: 'shape' }, cookie: ['a=b'], apiKey: null },
        usage: { input_tokens: 120, output_tokens: 30, total_tokens: 150 },
        payload: Buffer.from(`binary ${SLACK_BOT}`),
      },
      'platform call failed',
    );
    expectNoSecret(text(), ...secrets);
    const line = lines()[0] as Loose;
    expect(line.request.headers).toEqual({ authorization: '[REDACTED]', 'x-slack-signature': '[REDACTED]', 'user-agent': 'bolt' });
    expect(line.request.rawHeaders).toEqual(['Authorization', 'Bot [REDACTED]', 'Accept', 'application/json']);
    expect(line.request.url).toBe('https://slack.com/api/auth.test?token=[REDACTED]');
    expect(JSON.parse(line.response.body as string)).toEqual({ message: '401: Unauthorized', token: '[REDACTED]', echoed: '[REDACTED]' });
    expect(line.response.json.nested[0][0].deep[0]).toBe('app token [REDACTED]');
    expect(line.sessions).toEqual([
      ['slack', { appToken: '[REDACTED]', note: 'socket' }],
      ['[REDACTED]', 'keyed by the token itself'],
      [{ id: 1 }, '[REDACTED]'],
    ]);
    expect(line.seen).toEqual(['[REDACTED]', 'harmless']);
    expect(line.signature).toBe('[REDACTED]');
    // Secret-named keys are redacted whatever they hold; usage counts are not secrets.
    expect(line.config).toEqual({ signingSecret: '[REDACTED]', clientSecret: '[REDACTED]', password: '[REDACTED]', cookie: '[REDACTED]', apiKey: '[REDACTED]' });
    expect(line.usage).toEqual({ input_tokens: 120, output_tokens: 30, total_tokens: 150 });
    expect(line.payload).toMatch(/^\[Buffer: \d+ bytes\]$/);
    expect(line.err).toMatchObject({ type: 'Error', code: 'slack_webapi_platform_error', data: { response_metadata: { messages: ['token [REDACTED] is revoked'] } } });
  });

  it('survives a cycle, a throwing getter and a throwing Proxy, and still writes the line', () => {
    const { logger, lines, text } = captureLogger('info', [PLAIN_KEY]);
    const request: Record<string, unknown> = { id: 'r1', key: PLAIN_KEY };
    request.self = request;
    request.children = [{ parent: request }];
    const error = new Error('loop') as Error & { request?: unknown };
    error.request = request;
    const tricky = {
      ok: 'fine',
      get boom(): string {
        throw new Error(`getter failed with ${PLAIN_KEY}`);
      },
    };
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no keys'); } });
    expect(() => logger.warn({ request, err: error, tricky, hostile }, 'weird objects')).not.toThrow();
    expectNoSecret(text(), PLAIN_KEY);
    const line = lines()[0] as Loose;
    expect(line.request).toEqual({ id: 'r1', key: '[REDACTED]', self: '[Circular]', children: [{ parent: '[Circular]' }] });
    expect(line.err.request.self).toBe('[Circular]');
    expect(line.tricky).toEqual({ ok: 'fine', boom: '[Unreadable]' });
    expect(line.hostile).toBe('[Unreadable]');
    expect(line.msg).toBe('weird objects');
  });

  it('bounds depth and size', () => {
    const { logger, lines } = captureLogger();
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 50; i += 1) deep = { next: deep };
    logger.info({ deep, wide: Array.from({ length: 1_000 }, (_, i) => i), long: 'x'.repeat(100_000) }, 'big');
    const line = lines()[0] as Loose;
    expect(JSON.stringify(line.deep)).toContain('[Truncated]');
    expect(line.wide).toHaveLength(101);
    expect(line.wide.at(-1)).toBe('[Truncated]');
    expect((line.long as string).length).toBeLessThan(25_000);
    expect(line.long).toMatch(/\[Truncated\]$/);
  });

  it('a child logger binding holding a secret, by key and by value, down to grandchildren', () => {
    const { logger, lines, text } = captureLogger('info', [PLAIN_KEY, SLACK_BOT]);
    const child = logger.child({ component: 'openai', apiKey: PLAIN_KEY, note: `client for ${PLAIN_KEY}`, client: { token: SLACK_BOT } });
    const grandchild = child.child({ stage: 'classify', header: `Bearer ${SLACK_BOT}` });
    child.info('child line');
    grandchild.warn({ err: wrapped(openAi401(PLAIN_KEY)) }, 'grandchild line');
    expectNoSecret(text(), PLAIN_KEY, SLACK_BOT);
    expect(lines()[0]).toMatchObject({ component: 'openai', apiKey: '[REDACTED]', note: 'client for [REDACTED]', client: { token: '[REDACTED]' } });
    expect(lines()[1]).toMatchObject({ component: 'openai', stage: 'classify', header: 'Bearer [REDACTED]', err: { type: 'ModelConfigurationError' } });
  });

  it('interpolation arguments are scrubbed before pino formats them', () => {
    const { logger, lines, text } = captureLogger('info', [PLAIN_KEY]);
    logger.info('key %s, object %o, json %j', PLAIN_KEY, { apiKey: 'whatever', note: PLAIN_KEY }, { list: [PLAIN_KEY] });
    expectNoSecret(text(), PLAIN_KEY);
    expect(lines()[0]?.msg).toBe('key [REDACTED], object {"apiKey":"[REDACTED]","note":"[REDACTED]"}, json {"list":["[REDACTED]"]}');
  });

  it('scrubs the finished line by value as a last line of defence (a message prefix skips the hooks)', () => {
    const { logger, text } = captureLogger('info', [PLAIN_KEY]);
    logger.child({}, { msgPrefix: `[${PLAIN_KEY}] ` }).info('prefixed');
    expect(text()).toContain('[[REDACTED]] prefixed');
    expectNoSecret(text(), PLAIN_KEY);
  });

  it('an AggregateError lists its errors, each scrubbed', () => {
    const { logger, lines, text } = captureLogger('info', [PLAIN_KEY]);
    logger.error({ err: new AggregateError([new Error(`first ${PLAIN_KEY}`), openAi401(PLAIN_KEY)], 'all attempts failed') }, 'gave up');
    expectNoSecret(text(), PLAIN_KEY);
    const err = lines()[0]?.err as Loose;
    expect(err.type).toBe('AggregateError');
    expect(err.errors).toHaveLength(2);
    expect(err.errors[0].message).toBe('first [REDACTED]');
    expect(err.errors[1]).toMatchObject({ type: 'AuthenticationError', status: 401 });
  });
});
