/**
 * `npx tsx test/bench/sla-bench.ts`: what SLA clocks cost at scale, on a
 * real SQLite file. Opens 10,000 tickets through the store with SLA clocks
 * (intake, then triage setting the urgency), moves the clock past every
 * warning, and times the watcher draining them (each alert claimed, posted
 * to a no-op destination, settled), then the attainment of the whole set.
 * Prints numbers; asserts nothing.
 */
import { createSlaWatcher } from '../../src/jobs/sla-watcher.js';
import { silentLogger } from '../../src/logger.js';
import { slaAttainment } from '../../src/sla/sla-attainment.js';
import { SLA_OFF, type SlaSettings } from '../../src/sla/sla-config.js';
import { withSlaClocks } from '../../src/sla/sla-ticket-clocks.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/temp-dir.js';

const TICKETS = 10_000;
const MIN = 60_000;
const URGENCIES = ['urgent', 'high', 'normal', 'low'] as const;
const settings: SlaSettings = {
  ...SLA_OFF,
  firstResponse: { urgent: 15 * MIN, high: 60 * MIN, normal: 240 * MIN, low: 1_440 * MIN },
  resolution: { urgent: 240 * MIN, high: 1_440 * MIN },
};

const dir = tempDir('sla-bench');
const opened = new Date('2026-11-24T09:00:00.000Z');
let now = opened;
const store = withSlaClocks(openSqliteStore(dir.file('sla.db')), settings, () => now);
try {
  let started = performance.now();
  for (let n = 0; n < TICKETS; n++) {
    const { ticket } = store.tickets.intake({
      thread: { platform: 'console', channelId: 'C', threadId: `t${n}` },
      messageId: `m${n}`,
      customer: { id: `c${n % 300}` },
      text: 'the export button does nothing',
      receivedAt: opened,
    });
    store.tickets.applyTriage(ticket.id, {
      urgency: URGENCIES[n % 4] ?? 'normal',
      category: 'technical',
      language: 'en',
      sentiment: 'neutral',
      riskFlags: [],
      needsReply: true,
      confidence: 0.8,
    });
  }
  const openMs = performance.now() - started;
  console.log(`opened and triaged ${TICKETS} tickets with SLA clocks in ${openMs.toFixed(0)} ms (${((openMs / TICKETS) * 1000).toFixed(0)} µs each, intake + triage)`);

  // Two days on: every clock has warned and breached (8 alerts per ticket at most).
  now = new Date(opened.getTime() + 2 * 1_440 * MIN);
  let posted = 0;
  const watcher = createSlaWatcher({ store: store.sla, settings, clock: () => now, logger: silentLogger(), batchSize: 500, post: async () => void (posted += 1) });
  started = performance.now();
  let passes = 0;
  for (;;) {
    const runs = await watcher.tick();
    passes += 1;
    if (runs.length === 0) break;
  }
  const drainMs = performance.now() - started;
  console.log(`watcher: ${posted} alerts posted once each in ${passes} passes, ${drainMs.toFixed(0)} ms (${((drainMs / Math.max(1, posted)) * 1000).toFixed(0)} µs per alert)`);
  started = performance.now();
  const idle = await watcher.tick();
  console.log(`an idle pass (nothing due): ${(performance.now() - started).toFixed(1)} ms, ${idle.length} alerts`);

  started = performance.now();
  const rows = slaAttainment(store.sla.openedBetween(opened, new Date(opened.getTime() + MIN)), settings, now);
  console.log(`attainment of ${TICKETS} tickets: ${(performance.now() - started).toFixed(0)} ms`);
  for (const row of rows) console.log(`  ${row.urgency}: first reply ${row.firstResponse.met} met / ${row.firstResponse.breached} breached; resolution ${row.resolution.met} met / ${row.resolution.breached} breached`);
} finally {
  store.close();
  dir.cleanup();
}
