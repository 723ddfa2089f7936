import type { IncomingMessage } from 'node:http';
import { mediaType, parseMultipart } from './http.js';

/**
 * Turns a Web API request into arguments and a token, the way Slack reads them:
 * query string, then an `application/x-www-form-urlencoded`, `application/json` or
 * `multipart/form-data` body. A token is read from `Authorization: Bearer …`, or from a
 * `token` field of a form body (a JSON body's `token` is ignored, as Slack does).
 */

export type Args = Record<string, unknown>;

export interface ParsedRequest {
  args: Args;
  /** Bearer token from the Authorization header. */
  headerToken: string | null;
  /** The `token` field of a form or multipart body (or the query string). */
  fieldToken: string | null;
  contentType: string;
  /** Set when a JSON body could not be parsed. */
  invalidJson: boolean;
}

/** Form values arrive as strings; ones that look like JSON objects or arrays (blocks, view, files…) are parsed. */
function fromFormValue(value: string): unknown {
  const trimmed = value.trim();
  if ((trimmed.startsWith('[') && trimmed.endsWith(']')) || (trimmed.startsWith('{') && trimmed.endsWith('}'))) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export async function parseApiRequest(req: IncomingMessage, body: Buffer): Promise<ParsedRequest> {
  const contentType = mediaType(req);
  const args: Args = {};
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  for (const [key, value] of url.searchParams) args[key] = fromFormValue(value);
  let invalidJson = false;

  if (body.length > 0) {
    if (contentType === 'application/json') {
      try {
        const parsed = JSON.parse(body.toString('utf8')) as unknown;
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          const json = { ...(parsed as Args) };
          delete json.token;
          Object.assign(args, json);
        } else {
          invalidJson = true;
        }
      } catch {
        invalidJson = true;
      }
    } else if (contentType === 'multipart/form-data') {
      const form = await parseMultipart(body, req.headers['content-type'] ?? '');
      for (const [key, value] of form) {
        args[key] = typeof value === 'string' ? fromFormValue(value) : { filename: value.name, size: value.size };
      }
    } else {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = fromFormValue(value);
    }
  }

  const field = typeof args.token === 'string' && args.token !== '' ? args.token : null;
  delete args.token;
  return { args, headerToken: bearer(req), fieldToken: field, contentType, invalidJson };
}

/** A non-empty string argument, or undefined. Numbers are accepted as their string form (form bodies send strings). */
export function stringArg(args: Args, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An argument that must be JSON: an object/array already parsed, or a string that parses. */
export function jsonArg(args: Args, name: string): { present: boolean; value: unknown; valid: boolean } {
  const value = args[name];
  if (value === undefined || value === null || value === '') return { present: false, value: undefined, valid: false };
  if (typeof value !== 'string') return { present: true, value, valid: true };
  try {
    return { present: true, value: JSON.parse(value) as unknown, valid: true };
  } catch {
    return { present: true, value, valid: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
