/**
 * A small node:http server for the operations endpoints, for runs without
 * Slack's HTTP receiver (or to keep /metrics off Slack's public port): only
 * when HEALTH_PORT is set. Anything else it is asked for is a 404.
 */
import { createServer, type Server } from 'node:http';
import { OpsServerError } from '../errors.js';
import type { HttpRoute } from '../ports/ops.js';

export interface OpsServer {
  /** The port it listens on (HEALTH_PORT=0 picks a free one). */
  readonly port: number;
  /** Stops listening and drops idle keep-alive connections, so the process can exit. */
  close(): Promise<void>;
}

export async function startOpsServer(routes: readonly HttpRoute[], port: number): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const method = (request.method ?? 'GET').toUpperCase();
    const route = routes.find((candidate) => candidate.path === path);
    if (route && route.method.includes(method)) {
      route.handler(request, response);
      return;
    }
    const status = route ? 405 : 404;
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(route ? { allow: route.method.join(', ') } : {}) });
    response.end(JSON.stringify({ status: route ? 'method_not_allowed' : 'not_found' }));
  });
  // Probes and scrapes are tiny: a slow or stuck client must not hold a socket for Node's default 5 minutes.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new OpsServerError(port, error)));
    server.listen(port, () => resolve());
  });
  const address = server.address();
  const bound = address && typeof address === 'object' ? address.port : port;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
