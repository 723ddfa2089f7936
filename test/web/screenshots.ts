/**
 * `npm run docs:screenshots`: the web console's pages as PNGs in docs/, for
 * the README. A console over a fresh temporary database with offline models
 * and the sample knowledge base gets a small demo through the real paths
 * (customers write in the simulator, a reviewer approves one draft in the
 * queue), plus a week of billed spend written to the ledger as the report
 * tests write it; then Chromium shoots each page at 1280×800 once the page
 * says it is ready (its own attributes and elements, never a sleep).
 */
import { join } from 'node:path';
import { daysOf, previousWeek, weekContaining, type Period } from '../../src/periods.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import type { Store } from '../../src/store/types.js';
import { seedReportActivity, type SeededCall } from '../support/report-activity.js';
import { tempDir } from '../support/temp-dir.js';
import { CHROMIUM, browserKit, type Browser, type Page } from './browser-support.js';
import { spendSettings } from './spend-support.js';
import { Client, startWeb, type Running } from './web-support.js';

const DOCS = join(PROJECT_ROOT, 'docs');
const VIEWPORT = { width: 1280, height: 800 };

/** Who writes, in which language, about what: the mix a support desk sees on an ordinary morning (the outage last: the queue shows the newest first). */
const DEMO = [
  { customer: 'Ana Lima', text: 'Which payment methods do you accept? We would like to pay by SEPA direct debit.' },
  { customer: 'Lars Nilsson', text: 'Thanks a lot for sorting out our invoices yesterday, everything works now!' },
  { customer: 'Sofía Martínez', text: '¿Se puede añadir un modo oscuro al panel? Nuestro turno de noche lo agradecería mucho.' },
  { customer: 'Fatima Zahra', text: 'Hallo, für die Rechnung INV-2291 wurde meine Karte zweimal belastet (2 × 49 €). Bitte erstatten Sie eine der beiden Zahlungen.' },
  { customer: 'Kenji Sato', text: "Our whole team can't log in since 9am, dashboard shows 502. We have a launch this afternoon, please help!" },
] as const;
/** The one the reviewer approves, so the simulator shows a reply and the timeline a delivery. */
const APPROVED = 'Ana Lima';

/** Billed ledger rows (three tiers), tickets and routing decisions, as a real week of traffic would leave them. */
const SUBJECTS = [
  'Charged twice for the annual plan',
  'Parcels stuck in "label created" since Monday',
  'Refund for order #88213 (damaged goods)',
  'API returns 429 on bulk label creation',
  'Change of billing address before invoice run',
  'SSO login loops back to the sign-in page',
  'Customs form missing on international shipment',
  'Cancel our Scale plan at the end of the term',
  'Webhook deliveries delayed by an hour',
  'VAT number not shown on invoice INV-2207',
];
const SECOND_OPINION_REASONS = [['risk_refund', 'amount_over_threshold'], ['risk_outage'], ['risk_churn_threat', 'vip_customer'], ['risk_refund'], ['angry_customer']];
const NANOS_PER_CENT = 10_000_000;

async function seedWeekOfSpend(store: Store, week: Period, ticketsPerDay: readonly number[], prefix: string): Promise<void> {
  let serial = 0;
  for (const [index, day] of daysOf(week, spendSettings.REPORT_TIMEZONE).entries()) {
    for (let n = 0; n < (ticketsPerDay[index] ?? 0); n += 1) {
      serial += 1;
      const at = new Date(day.since.getTime() + (9 + ((n * 3) % 9)) * 3_600_000 + serial * 60_000);
      const subject = SUBJECTS[serial % SUBJECTS.length] ?? 'Question';
      const threadId = `${prefix}.${String(serial).padStart(6, '0')}`;
      const flagship = serial % 4 === 1;
      const calls: SeededCall[] = [
        { stage: 'classify', tier: 'nano', model: 'gpt-5.4-nano', costNanos: 2_500_000 + (serial % 5) * 400_000 },
        { stage: 'draft', tier: 'mini', model: 'gpt-5.4-mini', costNanos: 2 * NANOS_PER_CENT + (serial % 6) * 6_000_000 },
        ...(flagship ? [{ stage: 'second_opinion' as const, tier: 'flagship' as const, model: 'gpt-5.4', costNanos: 9 * NANOS_PER_CENT + (serial % 3) * 25_000_000 }] : []),
      ];
      const ticketId = await seedReportActivity(store, { platform: serial % 3 === 0 ? 'discord' : 'slack', channelId: 'C0SUPPORT1', threadId, subject }, at, {
        calls,
        customerId: `customer-${serial % 7}`,
        usage: { input: 14_000, cachedInput: 10_240, output: 2_800, reasoning: 0 },
        latencyMs: 300 + serial * 7,
        label: 'demo',
      });
      const reasons = flagship ? (SECOND_OPINION_REASONS[serial % SECOND_OPINION_REASONS.length] ?? []) : ['low_risk_confident'];
      // Written as the report tests do: decisions are stamped with the store's clock.
      store.sqlite
        .prepare('insert into routing_decisions (ticket_id, route, reasons, decided_by, prompt_versions, created_at) values (?, ?, ?, ?, ?, ?)')
        .run(ticketId, flagship ? 'flagship_review' : 'human_review', JSON.stringify(reasons), 'nano', '[]', at.getTime());
    }
  }
}

async function newPage(browser: Browser, base: string, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await page.goto(new URL(path, base).href);
  return page;
}

/** The viewport, or the whole page where the page is the point (a few hundred KB at most). */
async function shoot(page: Page, name: string, fullPage = false, height?: number): Promise<void> {
  await page.screenshot({ path: join(DOCS, name), fullPage, ...(height ? { clip: { x: 0, y: 0, width: VIEWPORT.width, height } } : {}) });
  console.log(`docs/${name}`);
}

async function main(): Promise<void> {
  const kit = await browserKit();
  if (typeof kit === 'string') throw new Error(`cannot take screenshots: ${kit}`);
  const dir = tempDir('triage-screenshots');
  let run: Running | null = null;
  let browser: Browser | null = null;
  const client = { close: () => undefined } as Pick<Client, 'close'>;
  try {
    run = await startWeb(dir.file('demo.db'), { ...spendSettings, KB_PATH: join(PROJECT_ROOT, 'kb') });
    await run.core.knowledge.syncVectors();
    console.log('console up');
    const base = run.web.url;
    const events = new Client(base);
    client.close = () => events.close();
    await events.signIn();
    await events.listen();
    browser = await kit.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

    // Customers write in the simulator, as a person would; each ticket is triaged when its card arrives.
    const tryPage = await newPage(browser, base, '/try');
    await tryPage.locator('body[data-live="true"]').waitFor({ state: 'attached' });
    const tickets = new Map<string, number>();
    for (const { customer, text } of DEMO) {
      await tryPage.locator('#thread').selectOption('');
      await tryPage.locator('#customer').fill(customer);
      await tryPage.locator('#message').fill(text);
      await tryPage.locator('#send').click();
      const thread = tryPage.locator(`.thread[aria-label=${JSON.stringify(`Conversation with ${customer}`)}]`).first();
      await thread.locator('h3:text-matches("Ticket #\\\\d+")').waitFor();
      const ticketId = Number(await thread.getAttribute('data-ticket-id'));
      const threadId = await thread.getAttribute('data-thread-id');
      // Triaged: a card for review, or (nothing to answer) the thread marked closed.
      await events.waitFor(
        (event) =>
          (event.type === 'card' && (event.data.card as { ticketId?: number }).ticketId === ticketId) ||
          (event.type === 'mark' && event.data.threadId === threadId && (event.data.mark as { kind?: string }).kind === 'closed'),
      );
      tickets.set(customer, ticketId);
      console.log(`ticket #${ticketId} from ${customer}: triaged`);
    }

    // A reviewer approves one draft: the customer gets the reply, the timeline a delivery.
    const approved = tickets.get(APPROVED) ?? 0;
    const queue = await newPage(browser, base, '/');
    await queue.locator('body[data-live="true"]').waitFor({ state: 'attached' });
    await queue.locator(`.card[data-ticket-id="${approved}"] button[data-action="approve"]`).click();
    await tryPage.locator(`.thread[data-ticket-id="${approved}"] li[data-from="bot"]`).waitFor();
    await queue.locator(`.card[data-ticket-id="${approved}"]`).waitFor({ state: 'detached' });

    // Last week, complete (every day has bars), and the week before it for the comparison.
    const shown = previousWeek(weekContaining(new Date(), spendSettings.REPORT_TIMEZONE), spendSettings.REPORT_TIMEZONE);
    await seedWeekOfSpend(run.core.store, shown, [7, 9, 6, 11, 8, 3, 2], '1764000001');
    await seedWeekOfSpend(run.core.store, previousWeek(shown, spendSettings.REPORT_TIMEZONE), [6, 7, 7, 8, 6, 2, 1], '1764000002');

    const fresh = await newPage(browser, base, '/');
    await fresh.locator('body[data-live="true"]').waitFor({ state: 'attached' });
    await fresh.locator('#cards > .card').first().waitFor();
    await shoot(fresh, 'web-queue.png');

    await tryPage.setViewportSize(VIEWPORT);
    await shoot(tryPage, 'web-try.png');

    const timeline = await newPage(browser, base, `/ticket?id=${approved}`);
    await timeline.locator(`body[data-loaded="${approved}"]`).waitFor({ state: 'attached' });
    await timeline.locator('#timeline > li.entry[data-kind="delivery"]').first().waitFor();
    await shoot(timeline, 'web-timeline.png', true, 1500);

    const spend = await newPage(browser, base, `/spend?week=${shown.key}`);
    await spend.locator(`body[data-week="${shown.key}"]`).waitFor({ state: 'attached' });
    await spend.locator('#daily-chart svg rect[data-tier]').first().waitFor();
    await shoot(spend, 'web-spend.png', true);

    const signIn = await newPage(browser, base, run.web.deskSignIn({ platform: 'slack', id: 'U0REVIEWER' }).url);
    await signIn.locator('#sign-in').waitFor();
    await shoot(signIn, 'web-sign-in.png', false, 320);
  } finally {
    client.close();
    await browser?.close();
    await run?.close();
    dir.cleanup();
  }
}

await main();
// The console's keep-alive sockets and the store's timers would hold the process a while longer for nothing.
process.exit(0);
