import { adapterContract } from '../contract/adapter-contract.js';
import { contractDriver } from './contract-driver.js';
import { startDiscordHarness } from './harness.js';

adapterContract('discord (gateway + REST)', async () => {
  const harness = await startDiscordHarness();
  return { driver: contractDriver(harness), core: harness.core, teardown: () => harness.close() };
});
