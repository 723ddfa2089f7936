/**
 * The `sla` bench: what SLA clocks cost at scale, on a real SQLite file.
 * Opens 10,000 tickets (quick: 1,000) through the store with SLA clocks
 * (intake, then triage setting the urgency), moves the clock past every
 * warning, and times the watcher draining them (each alert claimed, posted
 * to a no-op destination, settled), then the attainment of the whole set.
 * Prints numbers; asserts nothing. Alone: `npx tsx test/bench/sla-bench.ts [--quick]`.
 */
import { createSlaWatcher } from '../../src/jobs/sla-watcher.js';
import { silentLogger } from '../../src/logger.js';
import { slaAttainment } from '../../src/sla/sla-attainment.js';
import { SLA_OFF, type SlaSettings } from '../../src/sla/sla-config.js';
import { withSlaClocks } from '../../src/sla/sla-ticket-clocks.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/temp-dir.js';
import type { Bench, Figure } from './figures.js';
import { runIfEntry } from './standalone.js';

const MIN = 60_000;
const URGENCIES = ['urgent', 'high', 'normal', 'low'] as const;
const settings: SlaSettings = {
  ...SLA_OFF,
  firstResponse: { urgent: 15 * MIN, high: 60 * MIN, normal: 240 * MIN, low: 1_440 * MIN },
  resolution: { urgent: 240 * MIN, high: 1_440 * MIN },
};

export const slaBench: Bench = {
  name: 'sla',
  async run({ quick, log }) {
    const tickets = quick ? 1_000 : 10_000;
    const dir = tempDir('sla-bench');
    const opened = new Date('2026-11-24T09:00:00.000Z');
    let now = opened;
    const store = withSlaClocks(openSqliteStore(dir.file('sla.db')), settings, () => now);
    try {
      let started = performance.now();
      for (let n = 0; n < tickets; n++) {
        const { ticket } = await store.tickets.intake({
          thread: { platform: 'console', channelId: 'C', threadId: `t${n}` },
          messageId: `m${n}`,
          customer: { id: `c${n % 300}` },
          text: 'the export button does nothing',
          receivedAt: opened,
        });
        await store.tickets.applyTriage(ticket.id, {
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
      const openUs = (openMs / tickets) * 1000;
      log(`opened and triaged ${tickets} tickets with SLA clocks in ${openMs.toFixed(0)} ms (${openUs.toFixed(0)} µs each, intake + triage)`);

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
      const alertUs = (drainMs / Math.max(1, posted)) * 1000;
      log(`watcher: ${posted} alerts posted once each in ${passes} passes, ${drainMs.toFixed(0)} ms (${alertUs.toFixed(0)} µs per alert)`);
      started = performance.now();
      const idle = await watcher.tick();
      const idleMs = performance.now() - started;
      log(`an idle pass (nothing due): ${idleMs.toFixed(1)} ms, ${idle.length} alerts`);

      started = performance.now();
      const rows = slaAttainment(await store.sla.openedBetween(opened, new Date(opened.getTime() + MIN)), settings, now);
      const attainmentMs = performance.now() - started;
      log(`attainment of ${tickets} tickets: ${attainmentMs.toFixed(0)} ms`);
      for (const row of rows) log(`  ${row.urgency}: first reply ${row.firstResponse.met} met / ${row.firstResponse.breached} breached; resolution ${row.resolution.met} met / ${row.resolution.breached} breached`);

      const figures: Figure[] = [
        { key: 'sla_intake_triage_us', label: `intake + triage with SLA clocks, per ticket (${tickets.toLocaleString('en-US')} tickets)`, value: openUs, unit: 'µs' },
        { key: 'sla_alerts_posted', label: 'SLA alerts posted by the watcher', value: posted, unit: 'alerts' },
        { key: 'sla_alert_us', label: 'watcher drain, per alert (claim, post, settle)', value: alertUs, unit: 'µs' },
        { key: 'sla_idle_pass_ms', label: 'watcher pass with nothing due', value: idleMs, unit: 'ms' },
        { key: 'sla_attainment_ms', label: `attainment of ${tickets.toLocaleString('en-US')} tickets`, value: attainmentMs, unit: 'ms' },
      ];
      return figures;
    } finally {
      store.close();
      dir.cleanup();
    }
  },
};

runIfEntry(slaBench, import.meta.filename);
