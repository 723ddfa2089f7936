import OpenAI from 'openai';

export interface OpenAIClientOptions {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * One SDK client per process. The SDK retries 408/409/429/5xx and connection
 * errors with exponential backoff and honours `retry-after`; its `timeout`
 * covers the wait for response headers, so callers also pass a deadline signal.
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    // Local OpenAI-compatible servers (Ollama) accept any key; the SDK wants one.
    apiKey: options.apiKey ?? 'not-needed',
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
}

/** A deadline for the whole call, retries included, that also bounds body reads. */
export function callDeadline(options: OpenAIClientOptions): AbortSignal {
  return AbortSignal.timeout(options.timeoutMs * (options.maxRetries + 1) + 10_000);
}
