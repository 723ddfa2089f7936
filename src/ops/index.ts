/**
 * Operations, assembled for the composition root: where /healthz, /readyz
 * and /metrics are served, the metrics behind the observer ports, and the
 * readiness checks. The rule for where (README: "Health, readiness and
 * metrics"):
 *
 * - HEALTH_PORT set: a small server of their own on that port, whatever
 *   runs (Slack's HTTP port then keeps only /slack/events);
 * - otherwise, in Slack's HTTP mode: beside /slack/events on PORT;
 * - otherwise (Socket Mode, Discord, the console): nowhere. No port opens,
 *   and prom-client is not even loaded.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { HttpRoute, ModelCallObserver, OpsReadings, SlaAlertObserver } from '../ports/ops.js';
import type { Surface } from '../ports/surface.js';
import { opsRoutes } from './ops-http.js';
import { startOpsServer, type OpsServer } from './ops-server.js';
import { Readiness } from './readiness.js';

export type OpsServing = 'health_port' | 'slack_http' | 'off';

export interface Ops {
  readonly serving: OpsServing;
  readonly readiness: Readiness;
  /** What Slack's HTTP receiver serves beside /slack/events (empty unless `slack_http`). */
  readonly slackRoutes: readonly HttpRoute[];
  /** Undefined when nothing is served: nothing to count for. */
  readonly modelCalls: ModelCallObserver | undefined;
  readonly slaAlerts: SlaAlertObserver | undefined;
  /** The HEALTH_PORT server's port (null otherwise). */
  readonly port: number | null;
  /** Once the core exists: the gauges read the store, readiness checks it and each platform connection. */
  attach(readings: OpsReadings, surfaces: readonly Surface[]): void;
  /** Closes the HEALTH_PORT server (the last thing a shutdown does). */
  close(): Promise<void>;
}

export function opsServing(config: Pick<Config, 'ops' | 'slack'>): OpsServing {
  if (config.ops.healthPort !== null) return 'health_port';
  return config.slack && !config.slack.appToken ? 'slack_http' : 'off';
}

/** Starts the HEALTH_PORT server at once (liveness answers during start-up; readiness says `starting`). */
export async function createOps(config: Pick<Config, 'ops' | 'slack'>, logger: Logger): Promise<Ops> {
  const serving = opsServing(config);
  const readiness = new Readiness();
  // Loaded only when served: the console-only default does not pay for prom-client.
  const metrics = serving === 'off' ? null : new (await import('./metrics.js')).OpsMetrics(logger.child({ component: 'metrics' }));
  const routes = serving === 'off' ? [] : opsRoutes({ readiness, metrics, logger });
  let server: OpsServer | null = null;
  if (serving === 'health_port') {
    server = await startOpsServer(routes, config.ops.healthPort ?? 0);
    logger.info({ port: server.port, paths: routes.map((route) => route.path) }, 'operations endpoints listening');
  }
  return {
    serving,
    readiness,
    slackRoutes: serving === 'slack_http' ? routes : [],
    modelCalls: metrics ?? undefined,
    slaAlerts: metrics ?? undefined,
    port: server?.port ?? null,
    attach(readings, surfaces) {
      metrics?.readFrom(readings);
      readiness.add({ name: 'store', check: () => readings.storeAlive() });
      const queueAlive = readings.queueAlive?.bind(readings);
      if (queueAlive) readiness.add({ name: 'queue', check: queueAlive });
      for (const surface of surfaces) {
        const problem = surface.connectionProblem?.bind(surface);
        if (!problem) continue;
        readiness.add({
          name: surface.platform,
          check: () => {
            const why = problem();
            if (why !== null) throw new Error(why);
          },
        });
      }
    },
    close: async () => {
      await server?.close();
    },
  };
}
