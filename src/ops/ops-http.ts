/**
 * /healthz, /readyz and /metrics as plain node:http handlers, served either
 * beside Slack's /slack/events (Bolt's HTTPReceiver takes them as
 * `customRoutes`, whose shape `HttpRoute` matches) or by a small server of
 * their own on HEALTH_PORT (ops-server.ts). Nothing here knows which.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { HttpRoute } from '../ports/ops.js';
import type { Readiness, ReadinessReport } from './readiness.js';

export interface OpsEndpointsDeps {
  readiness: Readiness;
  /** Null when metrics are off (they are on wherever the endpoints are served; tests may leave them out). */
  metrics: { exposition(): Promise<{ contentType: string; body: string }> } | null;
  logger: Logger;
}

export const OPS_PATHS = { health: '/healthz', ready: '/readyz', metrics: '/metrics' } as const;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/** `{"status":"ready",…}` or `{"status":"not_ready","failed":["slack"],…}`, each check with `ok` or why it failed. */
export function readinessBody(report: ReadinessReport): Record<string, unknown> {
  return {
    status: report.ready ? 'ready' : 'not_ready',
    ...(report.ready ? {} : { failed: report.checks.filter((check) => !check.ok).map((check) => check.name) }),
    checks: Object.fromEntries(report.checks.map((check) => [check.name, check.ok ? 'ok' : (check.reason ?? 'failed')])),
  };
}

export function opsRoutes({ readiness, metrics, logger }: OpsEndpointsDeps): HttpRoute[] {
  const log = logger.child({ component: 'ops-http' });
  // A handler never throws into the server: an answer goes out whatever failed.
  const guarded = (name: string, handle: (response: ServerResponse) => Promise<void>) => (_request: IncomingMessage, response: ServerResponse) => {
    handle(response).catch((error: unknown) => {
      log.error({ err: error, endpoint: name }, 'an operations endpoint failed');
      if (!response.headersSent) sendJson(response, 500, { status: 'error', endpoint: name });
      else response.destroy();
    });
  };
  const routes: HttpRoute[] = [
    // The event loop answered: that is all liveness asks.
    { path: OPS_PATHS.health, method: ['GET', 'HEAD'], handler: guarded('healthz', async (response) => sendJson(response, 200, { status: 'ok' })) },
    {
      path: OPS_PATHS.ready,
      method: ['GET', 'HEAD'],
      handler: guarded('readyz', async (response) => {
        const report = await readiness.report();
        sendJson(response, report.ready ? 200 : 503, readinessBody(report));
      }),
    },
  ];
  if (metrics) {
    routes.push({
      path: OPS_PATHS.metrics,
      method: ['GET'],
      handler: guarded('metrics', async (response) => {
        const { contentType, body } = await metrics.exposition();
        response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
        response.end(body);
      }),
    });
  }
  return routes;
}
