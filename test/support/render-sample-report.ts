/**
 * Writes the README's sample weekly report (docs/sample-weekly-report.txt)
 * and its chart (docs/sample-spend-chart.png) from a real run: synthetic
 * tickets spread over two weeks, triaged through the real openai SDK against
 * the fake server with the scripted support model, reviewers approving most
 * drafts, the ledger stamped on a moving clock.
 * Run: npx tsx test/support/render-sample-report.ts
 */
import { writeFileSync } from 'node:fs';
import { weeklyReportText } from '../../src/present/report-text.js';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import type { ThreadRef } from '../../src/domain/index.js';
import { renderSpendChart } from '../../src/jobs/chart/spend-chart.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { silentLogger } from '../../src/logger.js';
import { weekOfDate } from '../../src/periods.js';
import { startFakeOpenAI } from '../fakes/openai/index.js';
import { supportModel } from './scripted-support-model.js';
import { tempDir } from './temp-dir.js';

const KEY = 'sk-sample-report-0000000000';
const CHANNELS = ['C0SUPPORT1', 'C0SUPPORT1', 'C0BILLING2'];
/** Markers steer the scripted model: [refund] [legal] [urgent] [unsure] get a second opinion, [thanks] needs no reply. */
const TOPICS = [
  'My order #{n} arrived damaged, what now?',
  'How do I export my invoices as CSV?',
  '[refund] I was charged twice for order #{n}, please refund $89.',
  'The app logs me out every few minutes since the last update, on my phone and my laptop. I cleared the cache and reinstalled, no change.',
  'Can I change the delivery address for #{n}?',
  '[thanks] thanks, that fixed it!',
  "Where can I download last month's statement?",
  'Is there a dark mode for the dashboard?',
  '[unsure] Something is off with my account, not sure what.',
  'How many seats does the team plan include?',
  'Password reset email never arrives.',
  '[urgent] Checkout fails for all our customers since this morning.',
  'Can you add my colleague to our workspace?',
  'The CSV import skips rows with accents in the name.',
  '[legal] Our lawyer asks about your data processing agreement.',
  'What are your support hours over the holidays?',
];

const fake = await startFakeOpenAI({ apiKey: KEY });
fake.script(supportModel);
const dir = tempDir('sample-report');
let now = new Date('2026-11-09T08:00:00Z');
try {
  const config = loadConfig({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: fake.url,
    DATABASE_PATH: dir.file('sample.db'),
    LOG_LEVEL: 'silent',
    REPORT_TIMEZONE: 'Europe/Berlin',
    BUDGET_DAILY_USD: '2',
    BUDGET_MONTHLY_USD: '30',
  });
  let sent = 0;
  const core = createCore(config, silentLogger(), {
    clock: () => now,
    channels: () => ({ postReply: async () => ({ messageId: `reply-${++sent}` }) }),
  });
  let n = 0;
  // Two weeks (Monday 9 November to Sunday 22 November), quieter at weekends, busier in the second week.
  for (let day = 0; day < 14; day++) {
    const tickets = (day % 7 < 5 ? 34 - (day % 7) * 2 : 12) + (day >= 7 ? 8 : 0);
    for (let i = 0; i < tickets; i++) {
      n += 1;
      now = new Date(Date.UTC(2026, 10, 9 + day, 7, 0) + i * Math.floor((10 * 3_600_000) / tickets));
      const thread: ThreadRef = { platform: 'slack', channelId: CHANNELS[n % 3] ?? 'C0SUPPORT1', threadId: `${Math.floor(now.getTime() / 1000)}.${String(n).padStart(6, '0')}` };
      const topic = TOPICS[(n * 7) % TOPICS.length] ?? '';
      await core.workflow.receive({
        thread,
        messageId: `sample-${n}`,
        customer: { id: `U0CUSTOMER${n % 40}` },
        text: topic.replace('{n}', String(40_000 + n)),
        receivedAt: now,
      });
      await core.workflow.idle();
      // Reviewers approve most drafts; a few wait into the next week.
      const ticket = await core.store.tickets.findByThread(thread);
      if (ticket?.status === 'awaiting_review' && await core.store.triage.latestDraft(ticket.id) && n % 9 !== 0) {
        await core.workflow.review({ ticketId: ticket.id, reviewerId: 'U0REVIEWER', action: 'approve' });
      }
    }
  }
  await core.workflow.idle();
  const report = await buildWeeklyReport(
    { store: core.store, tiers: core.tiers, budget: core.budget, timeZone: config.timeZone, clock: () => new Date('2026-11-23T08:00:00Z') },
    weekOfDate('2026-11-16', config.timeZone),
  );
  writeFileSync('docs/sample-weekly-report.txt', `${weeklyReportText(report)}\n`);
  writeFileSync('docs/sample-spend-chart.png', renderSpendChart(report.daily));
  console.log(`${n} tickets; wrote docs/sample-weekly-report.txt and docs/sample-spend-chart.png`);
  core.close();
} finally {
  await fake.close();
  dir.cleanup();
}
