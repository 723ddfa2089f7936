/**
 * The order of a graceful stop, the grace running out and a second signal:
 * each ends in handing the work back and exit 0, never in losing a ticket
 * (that the handed-back tickets are then resumed: shutdown-handback.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { gracefulShutdown, type ShutdownSteps } from '../../src/ops/graceful-shutdown.js';
import { until } from '../support/until.js';

/** Steps that record their order; `finishWorkInHand` waits until the test lets it. */
function recordingSteps() {
  const order: string[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let workStarted: () => void = () => undefined;
  const waitingForWork = new Promise<void>((resolve) => (workStarted = resolve));
  const steps: ShutdownSteps = {
    stopTakingWork: () => void order.push('stopTakingWork'),
    stopJobs: async () => void order.push('stopJobs'),
    finishWorkInHand: async () => {
      order.push('finishWorkInHand');
      workStarted();
      await finished;
    },
    workInHand: () => 2,
    stopSurfaces: async () => void order.push('stopSurfaces'),
    handBack: async () => void order.push('handBack'),
    closeServers: async () => void order.push('closeServers'),
  };
  return { order, steps, finish, waitingForWork };
}

describe('graceful shutdown', () => {
  it('stops taking work first, finishes the work in hand, then disconnects, hands back and closes the servers', async () => {
    const { order, steps, finish, waitingForWork } = recordingSteps();
    const exits: number[] = [];
    const shutdown = gracefulShutdown({ graceMs: 60_000, logger: silentLogger(), steps, exit: (code) => exits.push(code) });
    const done = shutdown.begin('SIGTERM');
    await waitingForWork;
    // Surfaces stay up while tickets finish: their cards and replies go out through them.
    expect(order).toEqual(['stopTakingWork', 'stopJobs', 'finishWorkInHand']);
    finish();
    await done;
    expect(order).toEqual(['stopTakingWork', 'stopJobs', 'finishWorkInHand', 'stopSurfaces', 'handBack', 'closeServers']);
    expect(exits).toEqual([]); // the caller exits (the signal handler, or main returning for the console)
  });

  it('hands back and exits 0 when the grace runs out, and does nothing more after', async () => {
    const { order, steps, finish, waitingForWork } = recordingSteps();
    const exits: number[] = [];
    let exited: () => void = () => undefined;
    const exitCalled = new Promise<void>((resolve) => (exited = resolve));
    const shutdown = gracefulShutdown({
      graceMs: 20,
      logger: silentLogger(),
      steps,
      exit: (code) => {
        exits.push(code);
        exited();
      },
    });
    const done = shutdown.begin('SIGTERM');
    await waitingForWork;
    await exitCalled;
    expect(exits).toEqual([0]);
    expect(order).toEqual(['stopTakingWork', 'stopJobs', 'finishWorkInHand', 'handBack']);
    finish();
    await done;
    expect(order).toEqual(['stopTakingWork', 'stopJobs', 'finishWorkInHand', 'handBack']);
  });

  it('a second signal hands back and exits 0 at once', async () => {
    const { order, steps, waitingForWork } = recordingSteps();
    const exits: number[] = [];
    const shutdown = gracefulShutdown({ graceMs: 60_000, logger: silentLogger(), steps, exit: (code) => exits.push(code) });
    void shutdown.begin('SIGTERM');
    await waitingForWork;
    void shutdown.begin('SIGTERM');
    await until(() => exits.length > 0, 'the forced exit');
    expect(exits).toEqual([0]);
    expect(order.at(-1)).toBe('handBack');
    expect(order.filter((step) => step === 'handBack')).toHaveLength(1);
  });

  it('a second signal while the servers close still exits 0 at once, without handing back twice', async () => {
    const { order, steps, finish } = recordingSteps();
    let closing: () => void = () => undefined;
    const serversClosing = new Promise<void>((resolve) => (closing = resolve));
    steps.closeServers = () => {
      order.push('closeServers');
      closing();
      return new Promise<void>(() => undefined); // a keep-alive connection that never lets go
    };
    const exits: number[] = [];
    const shutdown = gracefulShutdown({ graceMs: 60_000, logger: silentLogger(), steps, exit: (code) => exits.push(code) });
    finish();
    void shutdown.begin('SIGTERM');
    await serversClosing;
    void shutdown.begin('SIGINT');
    await until(() => exits.length > 0, 'the forced exit');
    expect(exits).toEqual([0]);
    expect(order.filter((step) => step === 'handBack')).toHaveLength(1);
  });

  it('without a grace (the console closing) waits for every ticket however long it takes', async () => {
    const { order, steps, finish, waitingForWork } = recordingSteps();
    const exits: number[] = [];
    const shutdown = gracefulShutdown({ graceMs: 1, logger: silentLogger(), steps, exit: (code) => exits.push(code) });
    // The same stop with the 1 ms grace, begun after it: once that one has given up, this one must still be waiting.
    const control = recordingSteps();
    let controlExited: () => void = () => undefined;
    const controlExit = new Promise<void>((resolve) => (controlExited = resolve));
    const done = shutdown.begin('console closed', null);
    await waitingForWork;
    void gracefulShutdown({ graceMs: 1, logger: silentLogger(), steps: control.steps, exit: () => controlExited() }).begin('SIGTERM');
    await controlExit;
    expect(exits).toEqual([]);
    expect(order).toEqual(['stopTakingWork', 'stopJobs', 'finishWorkInHand']);
    finish();
    await done;
    expect(order.at(-1)).toBe('closeServers');
    control.finish();
  });
});
