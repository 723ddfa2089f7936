import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscordError, genericError, notFound, unauthorized } from './errors.js';
import { answerAfter, headerRecord, parseBody, readBody, sendJson, sendNoContent } from './http.js';
import { bucketHeaders, rateLimited } from './rate-limits.js';
import { channelRoutes } from './routes/channels.js';
import { commandRoutes } from './routes/commands.js';
import { identityRoutes } from './routes/identity.js';
import { interactionRoutes } from './routes/interactions.js';
import { threadRoutes } from './routes/threads.js';
import type { Route, RouteContext, RouteResult } from './routes/types.js';
import type { RecordedRequest } from './types.js';

/**
 * The REST API: `/api/v10/...` (v9 is accepted too). Each request is authenticated (unless the route
 * is an interaction callback or webhook), checked against queued failures, routed, answered with the
 * documented JSON (or an empty 204), recorded, and then its gateway echo runs.
 */

export const API_PREFIX = '/api';
const VERSIONED = /^\/api\/v(9|10)(\/.*)$/;

const routes: Route[] = [...identityRoutes, ...channelRoutes, ...threadRoutes, ...interactionRoutes, ...commandRoutes];

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The path with each segment percent-decoded ('%40original' → '@original', emoji in reaction routes). */
function decodedPath(path: string): string {
  return path.split('/').map(decodeSegment).join('/');
}

/** Whether the fake serves this method on this route template (e.g. 'POST', '/channels/:channel/messages'). */
export function isRoute(method: string, template: string): boolean {
  return routes.some((candidate) => candidate.method === method && candidate.bucket === template);
}

export function latencyKey(method: string, template: string): string {
  return `${method} ${template}`;
}

function match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const found = candidate.pattern.exec(path);
    if (found) return { route: candidate, params: Object.fromEntries(Object.entries(found.groups ?? {}).map(([key, value]) => [key, decodeSegment(value)])) };
  }
  return undefined;
}

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  after?: () => void;
}

async function answer(context: RouteContext, method: string, path: string, query: URLSearchParams, headers: Record<string, string>, raw: Buffer): Promise<{ answer: Answer; body: unknown; files: RecordedRequest['files'] }> {
  const found = match(method, path);
  if (!found) return { answer: errorAnswer(notFound()), body: null, files: [] };
  const { route: matched, params } = found;
  let parsed: { body: unknown; files: RecordedRequest['files'] } = { body: null, files: [] };
  try {
    parsed = await parseBody(raw, headers['content-type'] ?? '');
    if (matched.auth && headers.authorization !== `Bot ${context.config.token}`) throw unauthorized();
    const failure = context.state.takeFailure(method, path);
    if (failure) {
      if (failure.status === 429 && 'retryAfter' in failure) {
        const limited = rateLimited(method, matched.bucket, failure.retryAfter, failure.global ?? false, failure.scope ?? 'user');
        return { answer: { status: 429, body: limited.body, headers: limited.headers }, ...parsed };
      }
      const code = 'code' in failure ? failure.code : undefined;
      const message = 'message' in failure ? failure.message : undefined;
      return { answer: { status: failure.status, body: genericError(failure.status, code, message), headers: bucketHeaders(method, matched.bucket) }, ...parsed };
    }
    const result: RouteResult = await matched.handle(context, { method, path, params, query, body: parsed.body, files: parsed.files });
    return { answer: { status: result.status, body: result.status === 204 ? null : result.body, headers: bucketHeaders(method, matched.bucket), after: result.after }, ...parsed };
  } catch (error) {
    if (error instanceof DiscordError) return { answer: { ...errorAnswer(error), headers: bucketHeaders(method, matched.bucket) }, ...parsed };
    throw error;
  }
}

function errorAnswer(error: DiscordError): Answer {
  return { status: error.status, body: error.body, headers: {} };
}

export async function handleRest(context: RouteContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);
  const headers = headerRecord(req);
  const versioned = VERSIONED.exec(url.pathname);
  const path = versioned?.[2] ?? url.pathname;
  const result = versioned ? await answer(context, method, path, url.searchParams, headers, raw) : { answer: errorAnswer(notFound()), body: null, files: [] };
  const { status, body, headers: responseHeaders, after } = result.answer;
  context.state.requestLog.push({
    method,
    path: decodedPath(path),
    query: Object.fromEntries(url.searchParams),
    body: result.body,
    files: result.files,
    headers,
    status,
    response: status === 204 ? null : body,
    at: new Date(),
  });
  const template = versioned ? match(method, path)?.route.bucket : undefined;
  const latency = template ? (context.state.latency.get(latencyKey(method, template)) ?? 0) : 0;
  if (latency > 0) {
    // Effect first, answer late: the message exists and Discord has broadcast it before a slow
    // response reaches the client (if it ever does: a killed client never hears of it).
    after?.();
    await answerAfter(res, latency);
  }
  if (status === 204) sendNoContent(res, responseHeaders);
  else sendJson(res, status, body, responseHeaders);
  if (latency <= 0) after?.();
}
