import type { FakeDiscordConfig } from '../config.js';
import type { FakeDiscordState } from '../state.js';
import type { RecordedFile } from '../types.js';

/** What a REST route handler gets and returns. */

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
}

export interface RouteResult {
  /** 204 is written without a body or content type. */
  status: number;
  body?: unknown;
  /** Runs after the response is written: the gateway events Discord sends for this action. */
  after?: () => void;
}

/** The gateway side, as the REST routes see it. */
export interface GatewayEcho {
  /** Dispatches an event caused by the bot's own REST call, if echoes are on and the session has `intent`. */
  echo(event: string, data: object, intent: number): void;
}

export interface RouteContext {
  config: FakeDiscordConfig;
  state: FakeDiscordState;
  gateway: GatewayEcho;
  gatewayUrl: () => string;
}

export interface Route {
  method: string;
  /** Matched against the path after /api/v10, anchored; named groups become params. */
  pattern: RegExp;
  /** Whether `Authorization: Bot <token>` is required (false for interaction callbacks and webhooks). */
  auth: boolean;
  /** The route template, for the X-RateLimit-Bucket hash. */
  bucket: string;
  handle(context: RouteContext, request: RouteRequest): RouteResult | Promise<RouteResult>;
}

/** Builds a Route from a template like '/channels/:channel/messages/:message'. */
export function route(method: string, template: string, handle: Route['handle'], options: { auth?: boolean } = {}): Route {
  const source = template
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), auth: options.auth ?? true, bucket: template, handle };
}

export const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
export const noContent = (): RouteResult => ({ status: 204 });
