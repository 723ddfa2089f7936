/**
 * Where the operations endpoints are served: HEALTH_PORT when set, beside
 * /slack/events in Slack's HTTP mode, otherwise nowhere (the console-only
 * default opens no port and counts nothing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createOps, opsServing, type Ops } from '../../src/ops/index.js';

const slackHttp = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_REVIEW_CHANNEL: 'C1', SLACK_REVIEWERS: 'U1' };
const slackSocket = { ...slackHttp, SLACK_APP_TOKEN: 'xapp-1' };
const discord = { DISCORD_TOKEN: 'token', DISCORD_REVIEW_CHANNEL: '810000000000000001', DISCORD_REVIEWERS: '810000000000000002' };

const opened: Ops[] = [];
afterEach(async () => {
  for (const ops of opened.splice(0)) await ops.close();
});

describe('where the operations endpoints are served', () => {
  it.each([
    ['the console-only default', {}, 'off'],
    ['Socket Mode', slackSocket, 'off'],
    ['Discord', discord, 'off'],
    ['Slack over HTTP', slackHttp, 'slack_http'],
    ['Slack over HTTP with HEALTH_PORT', { ...slackHttp, HEALTH_PORT: '9464' }, 'health_port'],
    ['Socket Mode with HEALTH_PORT', { ...slackSocket, HEALTH_PORT: '9464' }, 'health_port'],
    ['the console with HEALTH_PORT', { HEALTH_PORT: '0' }, 'health_port'],
  ])('%s: %s', (_name, env, serving) => {
    expect(opsServing(loadConfig(env))).toBe(serving);
  });

  it('the console-only default opens no port, gives Slack nothing, and counts nothing', async () => {
    const ops = await createOps(loadConfig({}), silentLogger());
    opened.push(ops);
    expect(ops).toMatchObject({ serving: 'off', port: null, slackRoutes: [], modelCalls: undefined, slaAlerts: undefined });
  });

  it('Slack over HTTP: the routes go to Slack’s receiver, no port of their own', async () => {
    const ops = await createOps(loadConfig(slackHttp), silentLogger());
    opened.push(ops);
    expect(ops.port).toBeNull();
    expect(ops.slackRoutes.map((route) => route.path)).toEqual(['/healthz', '/readyz', '/metrics']);
    expect(ops.modelCalls).toBeDefined();
  });

  it('HEALTH_PORT: its own server answers at once (ready once started), Slack gets no routes', async () => {
    const ops = await createOps(loadConfig({ ...slackHttp, HEALTH_PORT: '0' }), silentLogger());
    opened.push(ops);
    expect(ops.slackRoutes).toEqual([]);
    const base = `http://127.0.0.1:${ops.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'not_ready', failed: ['lifecycle'], checks: { lifecycle: 'starting' } });
    ops.readiness.started();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
