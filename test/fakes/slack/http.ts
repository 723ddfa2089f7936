import type { IncomingMessage, ServerResponse } from 'node:http';

/** Low-level HTTP helpers: body reading and the JSON / text responses the fake writes. */

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The media type without parameters, lower-cased: 'application/json; charset=utf-8' → 'application/json'. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isWritable(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

export { answerAfter } from '../answer-after.js';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  send(res, status, text, 'text/plain; charset=utf-8', headers);
}

function send(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string>): void {
  if (!isWritable(res)) return;
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(payload.length) });
  res.end(payload);
}

/** Parses a multipart/form-data body with the platform's own parser (undici's Request.formData). */
export async function parseMultipart(body: Buffer, contentTypeHeader: string): Promise<FormData> {
  const request = new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': contentTypeHeader },
    body: new Uint8Array(body),
  });
  return request.formData();
}
