/**
 * Reading requests and writing responses for the web console: JSON bodies
 * with a size limit, JSON answers, and the static pages and assets (read
 * once at start, served from a fixed list: no path from a request ever
 * reaches the file system).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import { SECURITY_HEADERS } from './security.js';

/** A message and its name are a few kB; anything far larger is not from the page. */
const MAX_BODY_BYTES = 32 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The request's body as text, when its type is `type`, up to the size limit. */
async function readBody(request: IncomingMessage, type: RegExp, expected: string): Promise<string> {
  if (!type.test(request.headers['content-type'] ?? '')) throw new BodyError(415, `expected ${expected}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request's JSON object body; only `application/json` (a cross-site HTML form cannot send it). */
export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request, /^application\/json\b/i, 'application/json');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BodyError(400, 'expected a JSON object');
  return value as Record<string, unknown>;
}

/** An HTML form's fields (the sign-in button, which works without a script). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(request, /^application\/x-www-form-urlencoded\b/i, 'a form'));
}

/** A page the server wrote itself (sign-in pages). */
export function sendHtml(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(html);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

/** A refusal: a stable code the page (and a test) can read, and nothing changed. */
export function refuse(response: ServerResponse, status: number, code: string): void {
  sendJson(response, status, { error: code });
}

export interface StaticFile {
  type: string;
  body: Buffer;
}

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** The pages and assets, by URL path, read from src/web/static (shipped as they are: no build step). */
export function loadStaticFiles(): Map<string, StaticFile> {
  const folder = join(PROJECT_ROOT, 'src', 'web', 'static');
  const files: [string, string][] = [
    ['/', 'queue.html'],
    ['/try', 'try.html'],
    ['/ticket', 'ticket.html'],
    ['/spend', 'spend.html'],
    ['/static/app.css', 'app.css'],
    ['/static/common.js', 'common.js'],
    ['/static/queue.js', 'queue.js'],
    ['/static/queue-card.js', 'queue-card.js'],
    ['/static/try.js', 'try.js'],
    ['/static/ticket.js', 'ticket.js'],
    ['/static/spend.js', 'spend.js'],
    ['/static/spend-chart.js', 'spend-chart.js'],
    ['/static/spend-format.js', 'spend-format.js'],
  ];
  return new Map(
    files.map(([path, name]) => [path, { type: TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream', body: readFileSync(join(folder, name)) }]),
  );
}

export function sendStatic(response: ServerResponse, file: StaticFile, headers: Record<string, string> = {}): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type, 'cache-control': 'no-cache', ...headers });
  response.end(file.body);
}
