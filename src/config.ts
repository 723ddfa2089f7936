/**
 * Configuration: one zod schema, validated once at start-up. This is the
 * ONLY module that reads process.env (lint enforces it). A `.env` file in the
 * working directory is read when present; real environment variables win.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { booleanFlag, cronExpression, idList, number, optionalNumber, optionalString, timeZone, url, withDefault } from './config-fields.js';
import { ConfigError } from './errors.js';
import { KB_ENVIRONMENT, knowledgeBaseSettings, type KnowledgeBaseSettings } from './kb/kb-config.js';
import { embeddingModelSetting } from './models/embeddings-config.js';
import { slaEnvShape, slaSettingsFrom, type SlaSettings } from './sla/sla-config.js';
import { WEB_ENVIRONMENT, webProblems, webSettings, type WebConfig } from './web/web-config.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url,
  MODEL_PROVIDER: z.preprocess(
    (value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value),
    z.enum(['openai', 'openai-compatible', 'offline'], { error: 'expected one of openai, openai-compatible, offline' }).optional(),
  ),
  MODEL_NANO: withDefault('gpt-5.4-nano'),
  MODEL_MINI: withDefault('gpt-5.4-mini'),
  MODEL_FLAGSHIP: withDefault('gpt-5.4'),
  MODEL_PRICES: optionalString,
  MODEL_EMBEDDINGS: optionalString,
  MODEL_TIMEOUT_MS: number(60_000, (n) => Number.isInteger(n) && n >= 100, 'a whole number of milliseconds ≥ 100'),
  MODEL_MAX_RETRIES: number(2, (n) => Number.isInteger(n) && n >= 0 && n <= 10, 'a whole number from 0 to 10'),
  DATABASE_PATH: withDefault('./data/triage.db'),
  DATABASE_URL: optionalString,
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ESCALATION_AMOUNT_USD: number(200, (n) => n >= 0, 'a non-negative amount in USD'),
  CONFIDENCE_THRESHOLD: number(0.7, (n) => n >= 0 && n <= 1, 'a number from 0 to 1'),
  VIP_CUSTOMERS: idList,
  AUTO_SEND: booleanFlag(false),
  REPLY_LINK_DOMAINS: idList,
  PRODUCT_NAMES: idList,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: url,
  SLACK_SUPPORT_CHANNELS: idList,
  SLACK_REVIEW_CHANNEL: optionalString,
  SLACK_REVIEWERS: idList,
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_API_URL: url,
  DISCORD_SUPPORT_CHANNELS: idList,
  DISCORD_REVIEW_CHANNEL: optionalString,
  DISCORD_REVIEWER_ROLE: idList,
  DISCORD_REVIEWERS: idList,
  DISCORD_SHARD_COUNT: number(1, (n) => Number.isInteger(n) && n >= 1 && n <= 16_384, 'a whole number of shards, 1 or more'),
  DISCORD_SHARD_IDS: idList,
  REPORT_CRON: cronExpression,
  REPORT_TIMEZONE: timeZone,
  REPORT_SLACK_CHANNEL: optionalString,
  REPORT_DISCORD_CHANNEL: optionalString,
  BUDGET_DAILY_USD: optionalNumber((n) => n > 0, 'an amount in USD above 0 (or leave empty for no daily cap)'),
  BUDGET_MONTHLY_USD: optionalNumber((n) => n > 0, 'an amount in USD above 0 (or leave empty for no monthly cap)'),
  BUDGET_ALERT_PERCENT: number(80, (n) => n > 0 && n <= 100, 'a percentage above 0 and at most 100'),
  BUDGET_URGENT_RESERVE_PERCENT: number(10, (n) => n >= 0 && n < 100, 'a percentage from 0 to below 100'),
  LEDGER_RETENTION_DAYS: number(90, (n) => Number.isInteger(n) && (n === 0 || n >= 35), 'a whole number of days, 35 or more (a budget month stays whole), or 0 to keep every call'),
  PORT: number(3000, (n) => Number.isInteger(n) && n >= 0 && n <= 65_535, 'a TCP port from 0 to 65535'),
  HEALTH_PORT: optionalNumber((n) => Number.isInteger(n) && n >= 0 && n <= 65_535, 'a TCP port from 0 to 65535 (or leave empty: see README "Health, readiness and metrics")'),
  SHUTDOWN_GRACE_SECONDS: number(25, (n) => n >= 0 && n <= 3_600, 'a number of seconds from 0 to 3600'),
  ...WEB_ENVIRONMENT,
  ...KB_ENVIRONMENT,
  ...slaEnvShape,
});

/**
 * Checks across variables. Run on the raw environment so they are reported
 * together with every other problem (zod skips refinements on invalid objects).
 */
function crossVariableProblems(env: Environment): { variable: string; message: string }[] {
  const key = env.OPENAI_API_KEY?.trim();
  const requested = env.MODEL_PROVIDER?.trim();
  const provider = requested ? requested : key ? 'openai' : 'offline';
  const problems: { variable: string; message: string }[] = [];
  if (provider === 'openai' && !key) {
    problems.push({ variable: 'OPENAI_API_KEY', message: 'required when MODEL_PROVIDER=openai (or unset MODEL_PROVIDER to run offline)' });
  }
  if (provider === 'openai-compatible' && !env.OPENAI_BASE_URL?.trim()) {
    problems.push({
      variable: 'OPENAI_BASE_URL',
      message: 'required when MODEL_PROVIDER=openai-compatible, e.g. http://localhost:11434/v1',
    });
  }
  const slackToken = env.SLACK_BOT_TOKEN?.trim();
  if (slackToken) {
    if (!slackToken.startsWith('xoxb-')) {
      problems.push({ variable: 'SLACK_BOT_TOKEN', message: 'expected a bot token starting with xoxb-' });
    }
    const appToken = env.SLACK_APP_TOKEN?.trim();
    if (appToken && !appToken.startsWith('xapp-')) {
      problems.push({ variable: 'SLACK_APP_TOKEN', message: 'expected an app-level token starting with xapp- (Socket Mode)' });
    }
    if (!appToken && !env.SLACK_SIGNING_SECRET?.trim()) {
      problems.push({
        variable: 'SLACK_APP_TOKEN',
        message: 'set SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET for the HTTP Events API',
      });
    }
    if (!env.SLACK_REVIEW_CHANNEL?.trim()) {
      problems.push({ variable: 'SLACK_REVIEW_CHANNEL', message: 'required with SLACK_BOT_TOKEN: the channel id where review cards go' });
    }
    if (!env.SLACK_REVIEWERS?.trim()) {
      problems.push({
        variable: 'SLACK_REVIEWERS',
        message: 'required with SLACK_BOT_TOKEN: user ids (U…) or user group ids (S…) allowed to approve replies',
      });
    }
  }
  const healthPort = env.HEALTH_PORT?.trim();
  if (slackToken && !env.SLACK_APP_TOKEN?.trim() && healthPort && healthPort !== '0' && Number(healthPort) === Number(env.PORT?.trim() || 3000)) {
    problems.push({
      variable: 'HEALTH_PORT',
      message: 'is the Slack HTTP port (PORT): leave HEALTH_PORT empty to serve the endpoints beside /slack/events, or pick another port to keep them off it',
    });
  }
  problems.push(...webProblems(env));
  if (env.DISCORD_TOKEN?.trim()) {
    if (!env.DISCORD_REVIEW_CHANNEL?.trim()) {
      problems.push({ variable: 'DISCORD_REVIEW_CHANNEL', message: 'required with DISCORD_TOKEN: the channel id where review messages go' });
    }
    if (!env.DISCORD_REVIEWER_ROLE?.trim() && !env.DISCORD_REVIEWERS?.trim()) {
      problems.push({
        variable: 'DISCORD_REVIEWER_ROLE',
        message: 'set DISCORD_REVIEWER_ROLE (role ids) or DISCORD_REVIEWERS (user ids): who may approve replies',
      });
    }
  }
  if (env.REPORT_SLACK_CHANNEL?.trim() && !slackToken) {
    problems.push({ variable: 'REPORT_SLACK_CHANNEL', message: 'needs SLACK_BOT_TOKEN: the report is posted by the Slack bot' });
  }
  if (env.REPORT_DISCORD_CHANNEL?.trim() && !env.DISCORD_TOKEN?.trim()) {
    problems.push({ variable: 'REPORT_DISCORD_CHANNEL', message: 'needs DISCORD_TOKEN: the report is posted by the Discord bot' });
  }
  for (const variable of ['DISCORD_SUPPORT_CHANNELS', 'DISCORD_REVIEWER_ROLE', 'DISCORD_REVIEWERS', 'DISCORD_APPLICATION_ID', 'DISCORD_REVIEW_CHANNEL', 'REPORT_DISCORD_CHANNEL']) {
    const bad = (env[variable] ?? '')
      .split(',')
      .map((id) => id.trim())
      .find((id) => id !== '' && !/^\d{17,20}$/.test(id));
    if (bad !== undefined) problems.push({ variable, message: `expected Discord ids (17–20 digit snowflakes), got "${bad}"` });
  }
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
    problems.push({ variable: 'DATABASE_URL', message: 'expected a Postgres URL such as postgres://user:password@host:5432/triage (or leave it empty for SQLite at DATABASE_PATH)' });
  }
  const shardCount = Number(env.DISCORD_SHARD_COUNT?.trim() || '1');
  const badShard = (env.DISCORD_SHARD_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .find((id) => id !== '' && !(/^\d+$/.test(id) && Number(id) < shardCount));
  if (badShard !== undefined) problems.push({ variable: 'DISCORD_SHARD_IDS', message: `expected shard ids from 0 to DISCORD_SHARD_COUNT − 1 (${shardCount - 1}), got "${badShard}"` });
  return problems;
}

/** Every variable the bot reads: docs (.env.example, README, --help) are checked against this list. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type ModelProviderKind = 'openai' | 'openai-compatible' | 'offline';
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  models: {
    provider: ModelProviderKind;
    apiKey: string | undefined;
    baseUrl: string | undefined;
    nano: string;
    mini: string;
    flagship: string;
    /** The knowledge base's embeddings model (MODEL_EMBEDDINGS); null: BM25 alone. */
    embeddings: string | null;
    pricesFile: string | undefined;
    timeoutMs: number;
    maxRetries: number;
  };
  databasePath: string;
  /**
   * DATABASE_URL (postgres://…): the shared store several replicas use; DATABASE_PATH then
   * holds only this process's knowledge-base index. Null: the SQLite file at DATABASE_PATH.
   */
  databaseUrl: string | null;
  logLevel: LogLevel;
  policy: {
    escalationAmountUsd: number;
    confidenceThreshold: number;
    vipCustomers: string[];
    autoSend: boolean;
    /** Domains an auto-sent reply may link to (subdomains included); a draft linking elsewhere waits for a human. */
    replyLinkDomains: string[];
  };
  productNames: string[];
  /** IANA zone for report weeks and budget days / months. */
  timeZone: string;
  reports: ReportsConfig;
  budget: BudgetConfig;
  /** Days of per-call ledger detail kept before it is rolled up into daily totals and deleted; 0: kept forever. */
  ledgerRetentionDays: number;
  /** Null when SLACK_BOT_TOKEN is not set. */
  slack: SlackConfig | null;
  /** Null when DISCORD_TOKEN is not set. */
  discord: DiscordConfig | null;
  /** The knowledge base folder (KB_PATH). */
  knowledgeBase: KnowledgeBaseSettings;
  /** SLA targets, business hours (in `timeZone`) and on-call mentions; no targets: no SLA clocks. */
  sla: SlaSettings;
  ops: OpsConfig;
  /** The web console (README "Web console"); null when it is off. */
  web: WebConfig | null;
}

/** Health, readiness, metrics and shutdown (README: "Health, readiness and metrics"). */
export interface OpsConfig {
  /**
   * HEALTH_PORT: a small server of its own serves /healthz, /readyz and
   * /metrics there, whatever the platforms. Null: in Slack's HTTP mode they
   * are served beside /slack/events on PORT, otherwise nowhere (no port opens).
   */
  healthPort: number | null;
  /** How long a SIGTERM waits for the tickets in hand before handing the rest back. */
  shutdownGraceMs: number;
}

export interface ReportsConfig {
  /** When the weekly report is due (five-field cron, in `timeZone`). */
  cron: string;
  slackChannel: string | undefined;
  discordChannel: string | undefined;
}

export interface BudgetConfig {
  /** Null: no cap for that period. */
  dailyUsd: number | null;
  monthlyUsd: number | null;
  /** Fraction of a cap at which the soft alert is posted and the flagship is saved for urgent tickets. */
  alertThreshold: number;
  /** Fraction of each cap kept for triage and urgent tickets. */
  urgentReserve: number;
}

export interface DiscordConfig {
  token: string;
  /** Needed to register slash commands; read from the gateway's READY when absent. */
  applicationId: string | undefined;
  /** REST base, e.g. http://127.0.0.1:PORT/api (proxies, tests). */
  apiUrl: string | undefined;
  supportChannels: string[];
  reviewChannel: string;
  reviewerRoles: string[];
  reviewers: string[];
  /**
   * The gateway shards this process runs: `ids` of `count` (README "Running
   * several replicas"). Discord sends a guild's events to shard
   * (guild_id >> 22) % count and direct messages to shard 0.
   */
  shards: { count: number; ids: number[] };
}

export interface SlackConfig {
  botToken: string;
  /** Socket Mode when set; otherwise the HTTP Events API on `port`. */
  appToken: string | undefined;
  signingSecret: string | undefined;
  apiUrl: string | undefined;
  supportChannels: string[];
  reviewChannel: string;
  /** User ids allowed to act on review cards. */
  reviewers: string[];
  /** User group ids whose members may act on review cards. */
  reviewerGroups: string[];
  port: number;
}

export type Environment = Record<string, string | undefined>;

/** The process environment merged over `.env` (when present). */
export function readEnvironment(envFile = '.env'): Environment {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: Environment = readEnvironment()): Config {
  const result = envSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), message: issue.message }))),
    ...crossVariableProblems(env),
  ];
  if (!result.success || problems.length > 0) {
    const variables = [...new Set(problems.map((p) => p.variable))];
    const message =
      problems.length === 1 ? (problems[0]?.message ?? 'invalid') : problems.map((p) => `${p.variable}: ${p.message}`).join('; ');
    throw new ConfigError(variables.join(', '), message);
  }
  const v = result.data;

  const provider: ModelProviderKind = v.MODEL_PROVIDER ?? (v.OPENAI_API_KEY ? 'openai' : 'offline');
  return {
    models: {
      provider,
      apiKey: v.OPENAI_API_KEY,
      baseUrl: v.OPENAI_BASE_URL,
      nano: v.MODEL_NANO,
      mini: v.MODEL_MINI,
      flagship: v.MODEL_FLAGSHIP,
      embeddings: embeddingModelSetting(provider, v.MODEL_EMBEDDINGS),
      pricesFile: v.MODEL_PRICES,
      timeoutMs: v.MODEL_TIMEOUT_MS,
      maxRetries: v.MODEL_MAX_RETRIES,
    },
    databasePath: v.DATABASE_PATH,
    databaseUrl: v.DATABASE_URL ?? null,
    logLevel: v.LOG_LEVEL,
    policy: {
      escalationAmountUsd: v.ESCALATION_AMOUNT_USD,
      confidenceThreshold: v.CONFIDENCE_THRESHOLD,
      vipCustomers: v.VIP_CUSTOMERS,
      autoSend: v.AUTO_SEND,
      replyLinkDomains: v.REPLY_LINK_DOMAINS.map((domain) => domain.toLowerCase().replace(/^\*\./, '')),
    },
    productNames: v.PRODUCT_NAMES,
    timeZone: v.REPORT_TIMEZONE,
    reports: { cron: v.REPORT_CRON, slackChannel: v.REPORT_SLACK_CHANNEL, discordChannel: v.REPORT_DISCORD_CHANNEL },
    budget: {
      dailyUsd: v.BUDGET_DAILY_USD,
      monthlyUsd: v.BUDGET_MONTHLY_USD,
      alertThreshold: v.BUDGET_ALERT_PERCENT / 100,
      urgentReserve: v.BUDGET_URGENT_RESERVE_PERCENT / 100,
    },
    ledgerRetentionDays: v.LEDGER_RETENTION_DAYS,
    slack: v.SLACK_BOT_TOKEN
      ? {
          botToken: v.SLACK_BOT_TOKEN,
          appToken: v.SLACK_APP_TOKEN,
          signingSecret: v.SLACK_SIGNING_SECRET,
          apiUrl: v.SLACK_API_URL ? `${v.SLACK_API_URL}/` : undefined,
          supportChannels: v.SLACK_SUPPORT_CHANNELS,
          reviewChannel: v.SLACK_REVIEW_CHANNEL ?? '',
          // Slack user group ids start with S; user ids with U or W.
          reviewers: v.SLACK_REVIEWERS.filter((id) => !id.startsWith('S')),
          reviewerGroups: v.SLACK_REVIEWERS.filter((id) => id.startsWith('S')),
          port: v.PORT,
        }
      : null,
    discord: v.DISCORD_TOKEN
      ? {
          token: v.DISCORD_TOKEN,
          applicationId: v.DISCORD_APPLICATION_ID,
          apiUrl: v.DISCORD_API_URL,
          supportChannels: v.DISCORD_SUPPORT_CHANNELS,
          reviewChannel: v.DISCORD_REVIEW_CHANNEL ?? '',
          reviewerRoles: v.DISCORD_REVIEWER_ROLE,
          reviewers: v.DISCORD_REVIEWERS,
          shards: {
            count: v.DISCORD_SHARD_COUNT,
            ids: v.DISCORD_SHARD_IDS.length > 0 ? v.DISCORD_SHARD_IDS.map(Number) : Array.from({ length: v.DISCORD_SHARD_COUNT }, (_, id) => id),
          },
        }
      : null,
    knowledgeBase: knowledgeBaseSettings(v),
    sla: slaSettingsFrom(v, v.REPORT_TIMEZONE),
    ops: { healthPort: v.HEALTH_PORT, shutdownGraceMs: Math.round(v.SHUTDOWN_GRACE_SECONDS * 1000) },
    web: webSettings(v, Boolean(v.SLACK_BOT_TOKEN || v.DISCORD_TOKEN)),
  };
}

/** Every secret the configuration holds, for the log redactor to scrub by value (unset ones skipped). */
export function configuredSecrets(config: Config): string[] {
  const secrets = [
    config.models.apiKey,
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    config.discord?.token,
    config.databaseUrl,
    databasePassword(config.databaseUrl),
  ];
  return secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
}

/** The password inside DATABASE_URL, scrubbed from logs on its own too (a driver may echo it apart from the URL). */
function databasePassword(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
