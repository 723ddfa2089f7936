import OpenAI from 'openai';
import type { LogLevel } from '../../config.js';
import type { Logger } from '../../logger.js';
import { withDeadline } from './attempt-deadline.js';

export interface OpenAIClientOptions {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** How long one attempt may wait for the response headers. */
  timeoutMs: number;
  /**
   * Where the SDK's own log lines go: ours, so they are scrubbed like every
   * other line (the SDK's default is the console, which nothing scrubs).
   */
  logger?: Logger;
  logLevel?: LogLevel;
}

/**
 * Our level as the SDK's, one step quieter: the SDK's `info` is a line per
 * request, which belongs to our `debug`; its `debug` (bodies) to our `trace`.
 */
function sdkLogLevel(level: LogLevel | undefined): 'off' | 'error' | 'warn' | 'info' | 'debug' {
  switch (level) {
    case 'trace':
      return 'debug';
    case 'debug':
      return 'info';
    case 'error':
    case 'fatal':
      return 'error';
    case 'silent':
      return 'off';
    default:
      return 'warn';
  }
}

/**
 * One SDK client per process, with the SDK's own retries off: the gateway
 * retries, so each attempt (which the provider may bill) gets its own ledger
 * row. The SDK's `timeout` covers the wait for response headers, so callers
 * also pass a deadline signal that bounds the body read.
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    // Local OpenAI-compatible servers (Ollama) accept any key; the SDK wants one.
    apiKey: options.apiKey ?? 'not-needed',
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: sdkLogLevel(options.logLevel),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/**
 * Runs one attempt with its per-request options: a deadline that also bounds
 * the body read (the SDK's timeout stops at the headers) and ends with the
 * attempt (see attempt-deadline.ts), and the attempt's id, so the provider's
 * logs and bill can be matched to our ledger.
 */
export function withAttempt<T>(
  options: OpenAIClientOptions,
  attemptId: string | undefined,
  attempt: (requestOptions: { signal: AbortSignal; headers?: Record<string, string> }) => Promise<T>,
): Promise<T> {
  return withDeadline(options.timeoutMs + 10_000, (signal) => attempt({ signal, ...(attemptId ? { headers: { 'X-Client-Request-Id': attemptId } } : {}) }));
}
