import type { Args } from '../args.js';
import type { FakeSlackConfig } from '../config.js';
import type { FakeSlackState } from '../state.js';

/** What every Web API method implementation receives and returns. */

export type ApiResult = { ok: boolean } & Record<string, unknown>;

export interface MethodContext {
  args: Args;
  state: FakeSlackState;
  config: FakeSlackConfig;
  /** Issues a one-time Socket Mode websocket URL (for apps.connections.open). */
  socketUrl(): string;
}

/** Which token a method accepts: the bot token (xoxb) or the app-level token (xapp). */
export type TokenKind = 'bot' | 'app';

export interface MethodSpec {
  token: TokenKind;
  run(context: MethodContext): ApiResult;
}

export function ok(fields: Record<string, unknown> = {}): ApiResult {
  return { ok: true, ...fields };
}

export function fail(error: string, fields: Record<string, unknown> = {}): ApiResult {
  return { ok: false, error, ...fields };
}
