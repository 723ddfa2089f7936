import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from './ids.js';
import type { ApiErrorResponse } from './errors.js';

/** Low-level HTTP helpers: body reading, headers every response carries, JSON and SSE writing. */

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Headers the real API puts on every response: a unique request id and the processing time. */
export function apiHeaders(startedAt: number): Record<string, string> {
  return {
    'x-request-id': newRequestId(),
    'openai-processing-ms': String(Math.max(0, Math.round(Date.now() - startedAt))),
    'openai-version': '2020-10-01',
    'openai-organization': 'org-fake',
  };
}

function isWritable(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

export function sendJson(
  res: ServerResponse,
  startedAt: number,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  sendRaw(res, startedAt, status, JSON.stringify(body), extraHeaders);
}

function writeJsonHead(res: ServerResponse, startedAt: number, status: number, length: number, extraHeaders: Record<string, string>): void {
  res.writeHead(status, {
    ...apiHeaders(startedAt),
    ...extraHeaders,
    'content-type': 'application/json',
    'content-length': String(length),
  });
}

/** Sends `text` with a JSON content type, whether or not it is JSON (the malformed fault relies on that). */
export function sendRaw(
  res: ServerResponse,
  startedAt: number,
  status: number,
  text: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (!isWritable(res)) return;
  const payload = Buffer.from(text, 'utf8');
  writeJsonHead(res, startedAt, status, payload.length, extraHeaders);
  res.end(payload);
}

/**
 * A 200 that promises the whole body (content-length of all of `text`) but delivers about half,
 * then destroys the socket. The destroy waits for the half to be flushed, so the client really
 * receives a truncated body rather than nothing.
 */
export function sendCutJson(res: ServerResponse, startedAt: number, text: string): void {
  if (!isWritable(res)) return;
  const payload = Buffer.from(text, 'utf8');
  writeJsonHead(res, startedAt, 200, payload.length, {});
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.destroy());
}

export function sendError(res: ServerResponse, startedAt: number, error: ApiErrorResponse): void {
  sendJson(res, startedAt, error.status, error.body, error.headers ?? {});
}

/** A server-sent-events writer. `event` lines are written when a name is given (Responses API style). */
export interface SseWriter {
  send(data: unknown, eventName?: string): void;
  sendRawData(data: string, eventName?: string): void;
  end(): void;
  /** Ends the stream abruptly: destroys the socket once what was written is flushed (no final event, no clean end). */
  cut(): void;
}

export function startSse(res: ServerResponse, startedAt: number): SseWriter {
  if (isWritable(res)) {
    res.writeHead(200, {
      ...apiHeaders(startedAt),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
  }
  // Resolves when the last write has reached the socket, so `cut` does not discard written events.
  let flushed: Promise<void> = Promise.resolve();
  const write = (data: string, eventName?: string): void => {
    if (!isWritable(res)) return;
    flushed = new Promise((resolve) => {
      res.write(`${eventName ? `event: ${eventName}\n` : ''}data: ${data}\n\n`, () => resolve());
    });
  };
  return {
    send: (data, eventName) => write(JSON.stringify(data), eventName),
    sendRawData: write,
    end: () => {
      if (isWritable(res)) res.end();
    },
    cut: () => {
      void flushed.then(() => res.destroy());
    },
  };
}

/**
 * Waits `ms` (or forever when null) unless a signal aborts first.
 * Resolves true when the time elapsed, false when aborted.
 */
export function wait(ms: number | null, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms !== null && ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      if (timer) clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (ms !== null) {
      timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
    }
  });
}
