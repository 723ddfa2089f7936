/** The HEALTH_PORT server over real HTTP: liveness, readiness with its reasons, metrics, and nothing else. */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { OpsMetrics } from '../../src/ops/metrics.js';
import { opsRoutes } from '../../src/ops/ops-http.js';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';
import { Readiness } from '../../src/ops/readiness.js';
import { OpsServerError } from '../../src/errors.js';

const servers: OpsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(readiness: Readiness) {
  const server = await startOpsServer(opsRoutes({ readiness, metrics: new OpsMetrics(silentLogger()), logger: silentLogger() }), 0);
  servers.push(server);
  return `http://127.0.0.1:${server.port}`;
}

describe('the operations server', () => {
  it('answers /healthz, /readyz (503 naming the failed check, then 200) and /metrics', async () => {
    const readiness = new Readiness();
    let connected = false;
    readiness.add({ name: 'discord', check: () => { if (!connected) throw new Error('gateway not ready'); } });
    const base = await serve(readiness);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    readiness.started();
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not_ready', failed: ['discord'], checks: { lifecycle: 'ok', discord: 'gateway not ready' } });
    connected = true;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { lifecycle: 'ok', discord: 'ok' } });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toContain('# TYPE triage_model_calls_total counter');
  });

  it('answers 404 to other paths and 405 to other methods', async () => {
    const base = await serve(new Readiness());
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    const wrong = await fetch(`${base}/metrics`, { method: 'POST', body: '' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('fails with a stable code naming HEALTH_PORT when the port is taken', async () => {
    const base = await serve(new Readiness());
    const taken = Number(new URL(base).port);
    const error = await startOpsServer([], taken).catch((caught: unknown) => caught);
    expect(OpsServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'OPS_SERVER_FAILED', port: taken });
    expect((error as Error).message).toMatch(new RegExp(`HEALTH_PORT=${taken}.*EADDRINUSE`));
  });
});
