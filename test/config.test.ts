import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configuredSecrets, loadConfig, readEnvironment, type Environment } from '../src/config.js';
import { ConfigError, TriageError } from '../src/errors.js';

/** Runs loadConfig and returns the ConfigError it throws (fails the test if it does not). */
function configError(env: Environment): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('runs offline with the default models and database when nothing is set', () => {
    const config = loadConfig({});
    expect(config.models.provider).toBe('offline');
    expect(config.models.apiKey).toBeUndefined();
    expect(config.models.baseUrl).toBeUndefined();
    expect(config.models.nano).toBe('gpt-5.4-nano');
    expect(config.models.mini).toBe('gpt-5.4-mini');
    expect(config.models.flagship).toBe('gpt-5.4');
    expect(config.models.pricesFile).toBeUndefined();
    expect(config.models.timeoutMs).toBe(60_000);
    expect(config.models.maxRetries).toBe(2);
    expect(config.databasePath).toBe('./data/triage.db');
    expect(config.logLevel).toBe('info');
    expect(config.policy).toEqual({
      escalationAmountUsd: 200,
      confidenceThreshold: 0.7,
      vipCustomers: [],
      autoSend: false,
      replyLinkDomains: [],
    });
    expect(config.productNames).toEqual([]);
    expect(config.timeZone).toBe('UTC');
    expect(config.reports).toEqual({ cron: '0 9 * * 1', slackChannel: undefined, discordChannel: undefined });
    expect(config.budget).toEqual({ dailyUsd: null, monthlyUsd: null, alertThreshold: 0.8, urgentReserve: 0.1 });
  });

  it('reads the report schedule and budget settings', () => {
    const config = loadConfig({
      REPORT_CRON: '30 8 * * 1-5',
      REPORT_TIMEZONE: 'Europe/Berlin',
      BUDGET_DAILY_USD: '2.5',
      BUDGET_MONTHLY_USD: '40',
      BUDGET_ALERT_PERCENT: '75',
      BUDGET_URGENT_RESERVE_PERCENT: '0',
    });
    expect(config.timeZone).toBe('Europe/Berlin');
    expect(config.reports.cron).toBe('30 8 * * 1-5');
    expect(config.budget).toEqual({ dailyUsd: 2.5, monthlyUsd: 40, alertThreshold: 0.75, urgentReserve: 0 });
  });

  it('chooses openai when an API key is present', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-test-0123456789' });
    expect(config.models.provider).toBe('openai');
    expect(config.models.apiKey).toBe('sk-test-0123456789');
  });

  it('treats an empty API key as absent (offline)', () => {
    for (const blank of ['', ' ']) {
      const config = loadConfig({ OPENAI_API_KEY: '  ', MODEL_PROVIDER: blank });
      expect(config.models.provider).toBe('offline');
      expect(config.models.apiKey).toBeUndefined();
    }
  });

  it('keeps an explicit offline provider even with a key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test-0123456789', MODEL_PROVIDER: 'offline' }).models.provider).toBe('offline');
  });

  it('reads every setting it is given', () => {
    const config = loadConfig({
      MODEL_PROVIDER: 'openai-compatible',
      OPENAI_BASE_URL: 'http://localhost:11434/v1/',
      MODEL_NANO: 'llama3.1:8b',
      MODEL_MINI: 'qwen2.5',
      MODEL_FLAGSHIP: 'big-model',
      MODEL_PRICES: './prices.json',
      MODEL_TIMEOUT_MS: '1500',
      MODEL_MAX_RETRIES: '0',
      DATABASE_PATH: '/tmp/x.db',
      LOG_LEVEL: 'debug',
      ESCALATION_AMOUNT_USD: '50.5',
      CONFIDENCE_THRESHOLD: '0.25',
      AUTO_SEND: 'yes',
    });
    expect(config.models).toEqual({
      provider: 'openai-compatible',
      apiKey: undefined,
      baseUrl: 'http://localhost:11434/v1',
      nano: 'llama3.1:8b',
      mini: 'qwen2.5',
      flagship: 'big-model',
      // An OpenAI-compatible server: no embeddings unless MODEL_EMBEDDINGS names one.
      embeddings: null,
      pricesFile: './prices.json',
      timeoutMs: 1500,
      maxRetries: 0,
    });
    expect(config.databasePath).toBe('/tmp/x.db');
    expect(config.logLevel).toBe('debug');
    expect(config.policy.escalationAmountUsd).toBe(50.5);
    expect(config.policy.confidenceThreshold).toBe(0.25);
    expect(config.policy.autoSend).toBe(true);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['ON', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['', false],
  ])('AUTO_SEND=%j → %s', (value, expected) => {
    expect(loadConfig({ AUTO_SEND: value }).policy.autoSend).toBe(expected);
  });

  it('splits comma lists, trimming spaces and dropping empties', () => {
    const config = loadConfig({ VIP_CUSTOMERS: ' U123 , ,U456,, U789 ,', PRODUCT_NAMES: 'Acme Cloud, Acme CLI' });
    expect(config.policy.vipCustomers).toEqual(['U123', 'U456', 'U789']);
    expect(config.productNames).toEqual(['Acme Cloud', 'Acme CLI']);
  });

  it('treats a list of only commas and spaces as empty', () => {
    expect(loadConfig({ VIP_CUSTOMERS: ' , ,, ' }).policy.vipCustomers).toEqual([]);
  });

  it('uses the default for empty numeric settings', () => {
    const config = loadConfig({ CONFIDENCE_THRESHOLD: '', MODEL_TIMEOUT_MS: ' ' });
    expect(config.policy.confidenceThreshold).toBe(0.7);
    expect(config.models.timeoutMs).toBe(60_000);
  });

  it('accepts the boundaries of the numeric ranges', () => {
    expect(loadConfig({ CONFIDENCE_THRESHOLD: '0' }).policy.confidenceThreshold).toBe(0);
    expect(loadConfig({ CONFIDENCE_THRESHOLD: '1' }).policy.confidenceThreshold).toBe(1);
    expect(loadConfig({ MODEL_TIMEOUT_MS: '100' }).models.timeoutMs).toBe(100);
    expect(loadConfig({ MODEL_MAX_RETRIES: '10' }).models.maxRetries).toBe(10);
    expect(loadConfig({ ESCALATION_AMOUNT_USD: '0' }).policy.escalationAmountUsd).toBe(0);
  });
});

describe('the store', () => {
  it('is SQLite at DATABASE_PATH unless DATABASE_URL names a Postgres, whose password is scrubbed from logs', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    const config = loadConfig({ DATABASE_URL: 'postgres://triage:s%40cret@db.internal:5432/triage' });
    expect(config.databaseUrl).toBe('postgres://triage:s%40cret@db.internal:5432/triage');
    expect(configuredSecrets(config)).toEqual(expect.arrayContaining(['postgres://triage:s%40cret@db.internal:5432/triage', 's@cret']));
  });
});

describe('operations settings', () => {
  it('opens no health port and waits 25 s for the tickets in hand by default', () => {
    expect(loadConfig({}).ops).toEqual({ healthPort: null, shutdownGraceMs: 25_000 });
  });

  it('reads HEALTH_PORT and SHUTDOWN_GRACE_SECONDS', () => {
    expect(loadConfig({ HEALTH_PORT: '9464', SHUTDOWN_GRACE_SECONDS: '2.5' }).ops).toEqual({ healthPort: 9464, shutdownGraceMs: 2_500 });
    expect(loadConfig({ HEALTH_PORT: '0', SHUTDOWN_GRACE_SECONDS: '0' }).ops).toEqual({ healthPort: 0, shutdownGraceMs: 0 });
  });

  it('refuses a HEALTH_PORT that is the Slack HTTP port', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_REVIEW_CHANNEL: 'C1', SLACK_REVIEWERS: 'U1' };
    const error = configError({ ...slack, PORT: '8080', HEALTH_PORT: '8080' });
    expect(error.variable).toBe('HEALTH_PORT');
    expect(error.message).toMatch(/Slack HTTP port/);
    expect(configError({ ...slack, HEALTH_PORT: '3000' }).variable).toBe('HEALTH_PORT');
    // Socket Mode has no HTTP port of its own, and another port is fine.
    expect(loadConfig({ ...slack, SLACK_APP_TOKEN: 'xapp-1', PORT: '8080', HEALTH_PORT: '8080' }).ops.healthPort).toBe(8080);
    expect(loadConfig({ ...slack, PORT: '8080', HEALTH_PORT: '9464' }).ops.healthPort).toBe(9464);
  });
});

describe('loadConfig errors name the variable and what is expected', () => {
  it.each([
    ['CONFIDENCE_THRESHOLD', '2', /number from 0 to 1.*"2"/],
    ['CONFIDENCE_THRESHOLD', '-0.1', /number from 0 to 1/],
    ['AUTO_SEND', 'maybe', /true or false.*"maybe"/],
    ['MODEL_TIMEOUT_MS', 'abc', /milliseconds.*"abc"/],
    ['MODEL_TIMEOUT_MS', '99', /milliseconds/],
    ['MODEL_TIMEOUT_MS', '150.5', /whole number/],
    ['MODEL_MAX_RETRIES', '11', /0 to 10/],
    ['ESCALATION_AMOUNT_USD', '-5', /non-negative amount/],
    ['ESCALATION_AMOUNT_USD', 'lots', /non-negative amount/],
    ['LOG_LEVEL', 'loud', /fatal, error, warn, info, debug, trace, silent/],
    ['OPENAI_BASE_URL', 'not a url', /expected a URL.*"not a url"/],
    ['REPORT_CRON', 'every monday', /cron expression.*"every monday"/],
    ['REPORT_CRON', '0 25 * * 1', /cron expression/],
    ['REPORT_TIMEZONE', 'Mars/Olympus', /IANA time zone.*"Mars\/Olympus"/],
    ['BUDGET_DAILY_USD', '0', /above 0/],
    ['BUDGET_MONTHLY_USD', 'ten', /above 0.*"ten"/],
    ['BUDGET_ALERT_PERCENT', '150', /at most 100/],
    ['BUDGET_URGENT_RESERVE_PERCENT', '100', /below 100/],
    ['REPORT_SLACK_CHANNEL', 'C0REPORTS', /needs SLACK_BOT_TOKEN/],
    ['REPORT_DISCORD_CHANNEL', '810000000000000009', /needs DISCORD_TOKEN/],
    ['HEALTH_PORT', '70000', /TCP port from 0 to 65535.*"70000"/],
    ['HEALTH_PORT', 'metrics', /TCP port/],
    ['SHUTDOWN_GRACE_SECONDS', '-1', /seconds from 0 to 3600/],
    ['SHUTDOWN_GRACE_SECONDS', 'soon', /seconds.*"soon"/],
    ['DATABASE_URL', 'mysql://db/triage', /Postgres URL/],
    ['DISCORD_SHARD_COUNT', '0', /whole number of shards/],
  ])('%s=%j', (variable, value, expected) => {
    const error = configError({ [variable]: value });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(TriageError.isInstance(error)).toBe(true);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).toMatch(expected);
  });

  it('MODEL_PROVIDER="foo" is a ConfigError naming MODEL_PROVIDER', () => {
    const error = configError({ MODEL_PROVIDER: 'foo' });
    expect(error.variable).toBe('MODEL_PROVIDER');
    expect(error.message.startsWith('MODEL_PROVIDER: ')).toBe(true);
  });

  it('MODEL_PROVIDER="foo" says which values are allowed', () => {
    const error = configError({ MODEL_PROVIDER: 'foo' });
    expect(error.message).toMatch(/expected one of openai, openai-compatible, offline/);
  });

  it('requires a key for MODEL_PROVIDER=openai', () => {
    const error = configError({ MODEL_PROVIDER: 'openai' });
    expect(error.variable).toBe('OPENAI_API_KEY');
    expect(error.message).toMatch(/^OPENAI_API_KEY: required when MODEL_PROVIDER=openai/);
  });

  it('requires a base URL for MODEL_PROVIDER=openai-compatible', () => {
    const error = configError({ MODEL_PROVIDER: 'openai-compatible', OPENAI_API_KEY: 'sk-test-0123456789' });
    expect(error.variable).toBe('OPENAI_BASE_URL');
    expect(error.message).toMatch(/^OPENAI_BASE_URL: required when MODEL_PROVIDER=openai-compatible/);
  });

  it('reports several invalid values at once', () => {
    const error = configError({ CONFIDENCE_THRESHOLD: '2', AUTO_SEND: 'maybe', LOG_LEVEL: 'loud', MODEL_TIMEOUT_MS: 'abc' });
    const variables = error.variable.split(', ');
    expect(variables.sort()).toEqual(['AUTO_SEND', 'CONFIDENCE_THRESHOLD', 'LOG_LEVEL', 'MODEL_TIMEOUT_MS']);
    expect(error.message).toContain('CONFIDENCE_THRESHOLD: expected a number from 0 to 1');
    expect(error.message).toContain('AUTO_SEND: expected true or false');
    expect(error.message).toContain('LOG_LEVEL: expected one of');
    expect(error.message).toContain('MODEL_TIMEOUT_MS: expected a whole number of milliseconds');
  });

  it('names MODEL_PROVIDER with the allowed values among several errors', () => {
    const error = configError({ MODEL_PROVIDER: 'foo', AUTO_SEND: 'maybe' });
    expect(error.variable.split(', ').sort()).toEqual(['AUTO_SEND', 'MODEL_PROVIDER']);
    expect(error.message).toMatch(/MODEL_PROVIDER: expected one of openai, openai-compatible, offline/);
  });

  // BUG (src/config.ts loadConfig): the provider/key checks run only after the
  // schema passed, so this start-up reports CONFIDENCE_THRESHOLD alone and the
  // missing key only on the next attempt.
  it('reports a missing key together with other invalid values', () => {
    // The cross-field checks must not hide behind (or hide) the schema errors:
    // one start-up should list everything that needs fixing.
    const error = configError({ MODEL_PROVIDER: 'openai', CONFIDENCE_THRESHOLD: '2' });
    expect(error.variable).toContain('CONFIDENCE_THRESHOLD');
    expect(error.variable).toContain('OPENAI_API_KEY');
  });
});

describe('readEnvironment', () => {
  let dir: string;
  const fileOnly = 'TRIAGE_TEST_FILE_ONLY_VAR';
  const both = 'TRIAGE_TEST_BOTH_VAR';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'triage-config-'));
  });
  afterEach(() => {
    delete process.env[both];
    delete process.env[fileOnly];
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges a .env file under the real environment', () => {
    const file = join(dir, '.env');
    writeFileSync(
      file,
      [`# a comment`, `${fileOnly}=from-file`, `${both}="from file"`, ''].join('\n'),
    );
    process.env[both] = 'from-process';
    const env = readEnvironment(file);
    expect(env[fileOnly]).toBe('from-file');
    expect(env[both]).toBe('from-process');
    // Everything the process has is there too.
    expect(env.PATH).toBe(process.env.PATH);
  });

  it('feeds loadConfig from the file', () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'CONFIDENCE_THRESHOLD=0.4\n');
    const env = readEnvironment(file);
    // process.env wins, so only assert on the file value when the process does not set it.
    const expected = process.env.CONFIDENCE_THRESHOLD ?? '0.4';
    expect(env.CONFIDENCE_THRESHOLD).toBe(expected);
    expect(loadConfig(env).policy.confidenceThreshold).toBe(Number(expected));
  });

  it('returns the process environment when the file does not exist', () => {
    process.env[both] = 'only-process';
    const env = readEnvironment(join(dir, 'missing.env'));
    expect(env[both]).toBe('only-process');
    expect(env[fileOnly]).toBeUndefined();
  });
});
