import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseApiRequest, type ParsedRequest } from './args.js';
import type { FakeSlackConfig } from './config.js';
import { answerAfter, readBody, sendJson } from './http.js';
import { METHODS } from './methods/registry.js';
import { fail, type ApiResult, type MethodSpec, type TokenKind } from './methods/types.js';
import type { FakeSlackState } from './state.js';

/**
 * The Web API endpoint, `POST /api/<method>`: parse, inject queued failures, check the token,
 * run the method, record the call, answer. Like Slack, errors are HTTP 200 with `ok:false`;
 * only rate limiting uses a status code (429 + Retry-After).
 */

export const API_PATH_PREFIX = '/api/';

/** Scopes reported in `x-oauth-scopes`, as Slack does on every response (the SDK copies them to response_metadata). */
const BOT_SCOPES =
  'chat:write,reactions:write,reactions:read,users:read,usergroups:read,channels:read,groups:read,im:read,' +
  'channels:history,groups:history,im:history,files:write,files:read,commands';

interface Answer {
  status: number;
  body: ApiResult;
  headers: Record<string, string>;
}

function tokenFor(spec: MethodSpec, request: ParsedRequest): string | null {
  // apps.connections.open only reads the Authorization header; a `token` field is an error.
  if (spec.token === 'app') return request.headerToken;
  return request.headerToken ?? request.fieldToken;
}

function tokenKind(token: string, config: FakeSlackConfig): TokenKind | null {
  if (token === config.botToken) return 'bot';
  if (token === config.appToken) return 'app';
  return null;
}

function answer(body: ApiResult, headers: Record<string, string> = {}): Answer {
  return { status: 200, body, headers };
}

export interface WebApiDependencies {
  state: FakeSlackState;
  config: FakeSlackConfig;
  socketUrl(): string;
}

function decide(method: string, request: ParsedRequest, spec: MethodSpec | undefined, deps: WebApiDependencies): Answer {
  const failure = deps.state.takeFailure(method);
  if (failure && 'rateLimitedSeconds' in failure) {
    return { status: 429, body: fail('ratelimited'), headers: { 'retry-after': String(failure.rateLimitedSeconds) } };
  }
  if (failure) return answer(fail(failure.error));
  if (!spec) return answer(fail('unknown_method', { req_method: method }));

  const token = tokenFor(spec, request);
  if (!token) return answer(fail('not_authed'));
  const kind = tokenKind(token, deps.config);
  if (!kind) return answer(fail('invalid_auth'));
  if (kind !== spec.token) return answer(fail('not_allowed_token_type'));
  if (request.invalidJson) return answer(fail('invalid_json'));

  const body = spec.run({ args: request.args, state: deps.state, config: deps.config, socketUrl: deps.socketUrl });
  return answer(body, kind === 'bot' ? { 'x-oauth-scopes': BOT_SCOPES, 'x-accepted-oauth-scopes': '' } : {});
}

export async function handleWebApi(req: IncomingMessage, res: ServerResponse, method: string, deps: WebApiDependencies): Promise<void> {
  const request = await parseApiRequest(req, await readBody(req));
  const spec = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  const { status, body, headers } = decide(method, request, spec, deps);
  deps.state.record({
    method,
    args: request.args,
    token: spec ? tokenFor(spec, request) : (request.headerToken ?? request.fieldToken),
    at: new Date(),
    contentType: request.contentType,
    status,
    response: body,
  });
  // Effect first, answer late: the call is applied and recorded now; the client hears of it later, if it is still there.
  await answerAfter(res, deps.state.latency.get(method) ?? 0);
  sendJson(res, status, body, headers);
}
