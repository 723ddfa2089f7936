import type { IncomingMessage, ServerResponse } from 'node:http';
import { malformedBody } from './errors.js';
import type { RecordedFile } from './types.js';

/** Low-level HTTP helpers: reading and parsing request bodies, writing JSON / empty responses. */

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function mediaType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
}

/**
 * JSON bodies are parsed; multipart bodies (what discord.js sends with files) become the parsed
 * `payload_json` part plus the file parts. Invalid JSON is Discord's 400 / 50109.
 */
export async function parseBody(raw: Buffer, contentType: string): Promise<ParsedBody> {
  if (raw.length === 0) return { body: null, files: [] };
  const type = mediaType(contentType);
  if (type === 'multipart/form-data') {
    const form = await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(raw),
    }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
        continue;
      }
      files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformedBody();
  }
}

function isWritable(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!isWritable(res)) return;
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) });
  res.end(payload);
}

export { answerAfter } from '../answer-after.js';

/** 204 with no body and, importantly, no JSON content type: discord.js would try to parse the empty body. */
export function sendNoContent(res: ServerResponse, headers: Record<string, string> = {}): void {
  if (!isWritable(res)) return;
  res.writeHead(204, headers);
  res.end();
}

export function headerRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
