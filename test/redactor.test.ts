import { describe, expect, it } from 'vitest';
import { configuredSecrets, loadConfig } from '../src/config.js';
import { createRedactor, isSecretKey, REDACTED, scrubSecrets } from '../src/policy/redaction.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary copied fields
type Loose = Record<string, any>;

const PLAIN_KEY = 'test-openai-key-0123456789abcdef';
const ODD = 'p@ss"w/rd with spaces&more\\here';

describe('createRedactor().scrub', () => {
  it('scrubs configured values that match no pattern, and still scrubs by pattern', () => {
    const redactor = createRedactor([PLAIN_KEY]);
    expect(redactor.scrub(`key ${PLAIN_KEY}, other sk-proj-abc123456789`)).toBe('key [REDACTED], other [REDACTED]');
    expect(scrubSecrets(`key ${PLAIN_KEY}`)).toBe(`key ${PLAIN_KEY}`); // the pattern-only export is unchanged
  });

  it('scrubs the JSON-escaped (once and twice) and URL-encoded forms', () => {
    const redactor = createRedactor([ODD]);
    const once = JSON.stringify({ secret: ODD });
    const twice = JSON.stringify({ body: once });
    expect(redactor.scrub(once)).toBe(`{"secret":"${REDACTED}"}`);
    expect(JSON.parse(redactor.scrub(twice))).toEqual({ body: `{"secret":"${REDACTED}"}` });
    expect(redactor.scrub(`https://x.example/?s=${encodeURIComponent(ODD)}&n=1`)).toBe(`https://x.example/?s=${REDACTED}&n=1`);
    const lowerHex = encodeURIComponent(ODD).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    expect(redactor.scrub(`?s=${lowerHex}`)).toBe(`?s=${REDACTED}`);
    expect(redactor.scrub(`form s=${encodeURIComponent(ODD).replace(/%20/g, '+')}`)).toBe(`form s=${REDACTED}`);
    expect(redactor.scrub(`path ${encodeURI(ODD)}`)).toBe(`path ${REDACTED}`);
    expect(redactor.scrubValues(`raw ${ODD}`)).toBe(`raw ${REDACTED}`);
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    const redactor = createRedactor(['abcdefgh', 'abcdefgh-and-more']);
    expect(redactor.scrub('x abcdefgh-and-more y abcdefgh z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });

  it('ignores values shorter than 8 characters and empty lists', () => {
    expect(createRedactor(['short', '']).scrub('a short word')).toBe('a short word');
    expect(createRedactor([]).scrub('nothing here')).toBe('nothing here');
    expect(createRedactor(['short', PLAIN_KEY, PLAIN_KEY]).secretCount).toBe(1);
  });

  it('treats regex metacharacters in secrets literally and is idempotent', () => {
    const redactor = createRedactor(['a.b*c+d?e(f)g[h]']);
    expect(redactor.scrub('a.b*c+d?e(f)g[h] aXb*c+d?e(f)g[h]')).toBe(`${REDACTED} aXb*c+d?e(f)g[h]`);
    const once = redactor.scrub('a.b*c+d?e(f)g[h] sk-proj-abc123456789');
    expect(redactor.scrub(once)).toBe(once);
  });
});

describe('isSecretKey', () => {
  it.each(['authorization', 'Authorization', 'apiKey', 'api_key', 'x-api-key', 'OPENAI_API_KEY', 'token', 'botToken', 'SLACK_BOT_TOKEN', 'access_token', 'password', 'secret', 'signingSecret', 'client_secret', 'cookie', 'Set-Cookie', 'x-slack-signature', 'privateKey', 'credentials'])(
    '%s names a secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(['input_tokens', 'output_tokens', 'max_output_tokens', 'tokenCount', 'key', 'idempotencyKey', 'message', 'type', 'ticketId', ''])(
    '%s does not',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe('createRedactor().scrubDeep', () => {
  const redactor = createRedactor([PLAIN_KEY]);

  it('returns a JSON-serialisable copy and leaves the input alone', () => {
    const input = {
      when: new Date('2026-01-02T03:04:05Z'),
      url: new URL(`https://x.example/?k=${PLAIN_KEY}`),
      big: 10n,
      sym: Symbol('s'),
      fn: function named() {},
      bytes: new Uint8Array(16),
      buffer: new ArrayBuffer(4),
      list: [1, 'two', PLAIN_KEY, undefined],
      map: new Map<unknown, unknown>([[1, 'one'], ['apiKey', 'v']]),
      params: new URLSearchParams({ token: 'abc', q: 'x', k: PLAIN_KEY }),
      nested: { note: PLAIN_KEY },
    };
    const copy = redactor.scrubDeep(input) as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(copy))).toEqual({
      when: '2026-01-02T03:04:05.000Z',
      url: 'https://x.example/?k=[REDACTED]',
      big: '10',
      sym: 'Symbol(s)',
      fn: '[Function: named]',
      bytes: '[Uint8Array: 16 bytes]',
      buffer: '[ArrayBuffer: 4 bytes]',
      list: [1, 'two', '[REDACTED]', null],
      map: { 1: 'one', apiKey: '[REDACTED]' },
      params: { token: '[REDACTED]', q: 'x', k: '[REDACTED]' },
      nested: { note: '[REDACTED]' },
    });
    expect(input.nested.note).toBe(PLAIN_KEY);
    expect(input.list[2]).toBe(PLAIN_KEY);
  });

  it('keeps an own __proto__ key as data', () => {
    const parsed = JSON.parse(`{"__proto__": {"k": "${PLAIN_KEY}"}, "a": 1}`) as object;
    const copy = redactor.scrubDeep(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"k":"[REDACTED]"},"a":1}');
  });

  it('copies errors with non-enumerable own properties, cause chains and a shared (not circular) reference', () => {
    const root = new Error(`root ${PLAIN_KEY}`);
    const mid = new Error('mid', { cause: root });
    Object.defineProperty(mid, 'hidden', { value: { key: PLAIN_KEY }, enumerable: false });
    const top = Object.assign(new TypeError('top', { cause: mid }), { code: 'E_TOP', details: { cause: mid } });
    const copy = redactor.scrubDeep(top) as Loose;
    expect(copy).toMatchObject({
      type: 'TypeError',
      message: 'top',
      code: 'E_TOP',
      details: { cause: { type: 'Error', message: 'mid', hidden: { key: '[REDACTED]' } } },
      cause: { message: 'mid', cause: { message: 'root [REDACTED]' } },
    });
    expect(Object.keys(copy).slice(0, 4)).toEqual(['type', 'message', 'stack', 'code']);
    expect(JSON.stringify(copy)).not.toContain(PLAIN_KEY);
  });

  it('never throws', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const badIterator = { entries: () => ({ [Symbol.iterator]: () => ({ next: () => { throw new Error('bad'); } }) }), a: 1 };
    const badError = new Error('x');
    Object.defineProperty(badError, 'cause', { get: () => { throw new Error('no'); } });
    for (const value of [revoked.proxy, badIterator, badError, Object.create(null), null, undefined, NaN]) {
      expect(() => redactor.scrubDeep(value)).not.toThrow();
    }
    expect(redactor.scrubDeep(revoked.proxy)).toBe('[Unreadable]');
    expect(redactor.scrubDeep(badIterator)).toEqual({ a: 1, entries: '[Function: entries]' });
    expect((redactor.scrubDeep(badError) as Record<string, unknown>).cause).toBe('[Unreadable]');
  });

  it('bounds the total work', () => {
    const tiny = createRedactor([], { maxNodes: 50, maxEntries: 1_000 });
    const copy = tiny.scrubDeep({ items: Array.from({ length: 500 }, (_, i) => ({ i })) }) as { items: unknown[] };
    expect(copy.items.length).toBeLessThan(60);
    expect(copy.items.at(-1)).toBe('[Truncated]');
  });
});

describe('configuredSecrets', () => {
  it('lists every secret the configuration holds, and skips the unset ones', () => {
    const config = loadConfig({
      OPENAI_API_KEY: PLAIN_KEY,
      SLACK_BOT_TOKEN: 'xoxb-bot-token-value',
      SLACK_APP_TOKEN: 'xapp-app-token-value',
      SLACK_REVIEW_CHANNEL: 'CREVIEW',
      SLACK_REVIEWERS: 'UREVIEWER',
      DISCORD_TOKEN: 'discord-token-value',
      DISCORD_REVIEW_CHANNEL: '810000000000000002',
      DISCORD_REVIEWERS: '830000000000000002',
    });
    expect(configuredSecrets(config)).toEqual([PLAIN_KEY, 'xoxb-bot-token-value', 'xapp-app-token-value', 'discord-token-value']);
    expect(configuredSecrets(loadConfig({}))).toEqual([]);
    const signing = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bot-token-value', SLACK_SIGNING_SECRET: 'signing-secret-value', SLACK_REVIEW_CHANNEL: 'C1', SLACK_REVIEWERS: 'U1' });
    expect(configuredSecrets(signing)).toEqual(['xoxb-bot-token-value', 'signing-secret-value']);
  });
});
