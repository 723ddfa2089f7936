/** Discord's part of readiness: the real discord.js client against the fake gateway. */
import { describe, expect, it } from 'vitest';
import { Readiness } from '../../src/ops/readiness.js';
import { storeReadings } from '../../src/ops/store-readings.js';
import { startDiscordHarness } from '../discord/harness.js';

describe('readiness with Discord', () => {
  it('is ready while the gateway session is up, and names discord once the client is gone', async () => {
    const harness = await startDiscordHarness();
    try {
      expect(harness.adapter.connectionProblem()).toBeNull();
      const readiness = new Readiness();
      const readings = storeReadings(harness.core.store, harness.core.budget);
      readiness.add({ name: 'store', check: () => readings.storeAlive() });
      readiness.add({ name: 'discord', check: () => { const why = harness.adapter.connectionProblem(); if (why) throw new Error(why); } });
      readiness.started();
      expect(await readiness.report()).toMatchObject({ ready: true });
      await harness.adapter.stop();
      const report = await readiness.report();
      expect(report.ready).toBe(false);
      expect(report.checks.find((check) => check.name === 'discord')).toEqual({ name: 'discord', ok: false, reason: 'not started' });
    } finally {
      await harness.close();
    }
  });
});
