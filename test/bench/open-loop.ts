/**
 * An open-loop HTTP load generator: request i is sent at start + i / rate
 * whatever happened to the earlier ones, so a slow server shows up as
 * latency, never as less load (a closed loop would wait, and hide it).
 * Bodies and headers are prepared beforehand, so the loop only sends; how
 * late the loop itself sent (its own event-loop lag) is measured too, to
 * tell the generator's delays from the server's.
 */
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface Sample {
  /** Milliseconds from the request's start to the end of its response (its ack), or null when none came. */
  latencyMs: number | null;
  status: number | null;
  error: string | null;
  /** How late the loop sent it against its schedule, in ms. */
  lateMs: number;
  /** When it was due, in ms from the run's start (for latency over time). */
  dueMs: number;
  /**
   * Sent on a connection opened for it (no idle one was free): a server whose
   * event loop is busy accepts one new connection per turn, so these wait longest.
   */
  newConnection: boolean;
}

export interface LoadRun {
  samples: Sample[];
  /** Wall clock (epoch ms) of the first send and of the last response, to match with what the servers recorded meanwhile. */
  startedAt: number;
  endedAt: number;
  /** From the first send to the last, in seconds: the achieved rate is (n − 1) / this. */
  sendSeconds: number;
  /** The generator's own event-loop delay while it ran (p99, max), in ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export async function openLoop(url: string, requests: readonly PreparedRequest[], ratePerSecond: number, timeoutMs = 30_000): Promise<LoadRun> {
  const target = new URL(url);
  // Keep-alive with no socket limit: a pool cap would queue requests here and close the loop.
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const interval = 1000 / ratePerSecond;
  const start = performance.now() + 5;
  let firstSent = 0;
  let lastSent = 0;

  const send = (prepared: PreparedRequest, scheduledAt: number) => {
    const sample: Sample = { latencyMs: null, status: null, error: null, lateMs: 0, dueMs: scheduledAt - start, newConnection: false };
    samples.push(sample);
    pending.push(
      new Promise<void>((resolve) => {
        const started = performance.now();
        sample.lateMs = started - scheduledAt;
        firstSent ||= started;
        lastSent = started;
        const finish = (error: string | null) => {
          sample.error ??= error;
          resolve();
        };
        const req = request(
          { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...prepared.headers, 'content-length': Buffer.byteLength(prepared.body) } },
          (res) => {
            res.resume();
            res.on('end', () => {
              sample.latencyMs = performance.now() - started;
              sample.status = res.statusCode ?? null;
              finish(null);
            });
            res.on('error', (error) => finish(error.message));
          },
        );
        req.once('socket', () => (sample.newConnection = !req.reusedSocket));
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
        req.on('error', (error) => finish(error.message));
        req.end(prepared.body);
      }),
    );
  };

  let next = 0;
  lag.enable();
  const startedAt = Date.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < requests.length && start + next * interval <= now) {
        send(requests[next] as PreparedRequest, start + next * interval);
        next += 1;
      }
      if (next >= requests.length) return resolve();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  const endedAt = Date.now();
  lag.disable();
  agent.destroy();
  return {
    samples,
    startedAt,
    endedAt,
    sendSeconds: (lastSent - firstSent) / 1000,
    loopDelayP99Ms: lag.percentile(99) / 1e6,
    loopDelayMaxMs: lag.max / 1e6,
  };
}
