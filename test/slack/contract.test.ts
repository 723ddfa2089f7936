import { adapterContract } from '../contract/adapter-contract.js';
import { contractDriver } from './contract-driver.js';
import { startSlackHarness } from './harness.js';

for (const mode of ['socket', 'http'] as const) {
  adapterContract(`slack (${mode === 'socket' ? 'Socket Mode' : 'HTTP Events API'})`, async () => {
    const harness = await startSlackHarness(mode);
    return { driver: contractDriver(harness), core: harness.core, teardown: () => harness.close() };
  });
}
