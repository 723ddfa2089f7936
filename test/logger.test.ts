import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../src/errors.js';
import { createLogger, silentLogger, type Logger } from '../src/logger.js';
import type { LogLevel } from '../src/config.js';

const OPENAI_KEY = 'sk-proj-abc123456789';
const SLACK_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKl';
const BEARER = 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature';

/** A logger writing into memory; `lines()` parses what it wrote so far. */
function captureLogger(level: LogLevel = 'info'): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ level, destination });
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
    const error = new ModelError('MODEL_AUTH_FAILED', 'the model API refused our credentials', {
      model: 'gpt-5.4-nano',
      retryable: false,
      cause: new Error(`bad key ${OPENAI_KEY}`),
    });
    logger.warn({ err: error, code: error.code }, 'model call failed');
    const err = lines()[0]?.err as { type: string; code: string };
    expect(err.type).toBe('ModelError');
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
