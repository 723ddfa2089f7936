/** Readiness: ready only when started, not stopping, and every check passes; a 503 body names what failed. */
import { describe, expect, it } from 'vitest';
import { readinessBody } from '../../src/ops/ops-http.js';
import { Readiness } from '../../src/ops/readiness.js';

function passing(name: string) {
  return { name, check: () => undefined };
}

describe('readiness', () => {
  it('is not ready while starting, names the lifecycle check, and is ready once started', async () => {
    const readiness = new Readiness();
    readiness.add(passing('store'));
    const starting = await readiness.report();
    expect(starting.ready).toBe(false);
    expect(readinessBody(starting)).toEqual({ status: 'not_ready', failed: ['lifecycle'], checks: { lifecycle: 'starting', store: 'ok' } });
    readiness.started();
    expect(readinessBody(await readiness.report())).toEqual({ status: 'ready', checks: { lifecycle: 'ok', store: 'ok' } });
  });

  it('turns not ready at once when stopping, whatever the other checks say, and stays so', async () => {
    const readiness = new Readiness();
    readiness.add(passing('slack'));
    readiness.started();
    readiness.stopping();
    readiness.started();
    const report = await readiness.report();
    expect(readiness.isStopping).toBe(true);
    expect(readinessBody(report)).toMatchObject({ status: 'not_ready', failed: ['lifecycle'], checks: { lifecycle: 'shutting down', slack: 'ok' } });
  });

  it('names each failing check with its reason: a thrown error, a rejection, or no answer in time', async () => {
    const readiness = new Readiness(50);
    readiness.add({ name: 'store', check: () => Promise.reject(new Error('database is locked')) });
    readiness.add({ name: 'slack', check: () => { throw new Error('socket mode not connected'); } });
    readiness.add({ name: 'discord', check: () => new Promise<void>(() => undefined) });
    readiness.add(passing('console'));
    readiness.started();
    const body = readinessBody(await readiness.report());
    expect(body.status).toBe('not_ready');
    expect(body.failed).toEqual(['store', 'slack', 'discord']);
    expect(body.checks).toEqual({ lifecycle: 'ok', store: 'database is locked', slack: 'socket mode not connected', discord: 'no answer within 50 ms', console: 'ok' });
  });
});
