import { adapterContract } from '../contract/adapter-contract.js';
import { contractDriver, startDiscordHarness } from './harness.js';

adapterContract('discord (gateway + REST)', async () => {
  const harness = await startDiscordHarness();
  return { driver: contractDriver(harness), core: harness.core, teardown: () => harness.close() };
});
