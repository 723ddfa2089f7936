/**
 * The web console in a real browser (Debian's Chromium through
 * playwright-core): a message typed in the simulator reaches the queue,
 * Approve sends one reply into the simulator's thread, Edit (by keyboard) and
 * Reject work, a ticket's timeline shows its model calls and their costs,
 * customer text with `<script>` stays text (queue, simulator and timeline),
 * the spend dashboard shows the numbers `npm run report -- --json` prints,
 * a card's update replaces that card alone, and axe finds no serious
 * accessibility violation. Every wait is for a positive sign on the
 * page (an element, an attribute the page sets when its event stream is up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOutcome } from '../../src/pipeline/outcome.js';
import { weekContaining } from '../../src/periods.js';
import { tempDir } from '../support/temp-dir.js';
import { seedReportActivity } from '../support/report-activity.js';
import { seedWaitingTickets } from '../support/waiting-tickets.js';
import { expectedFieldText, reportCliJson, seedSpend, spendSettings } from './spend-support.js';
import { CHROMIUM, browserKit, browserRequired, type Browser, type BrowserKit, type Locator, type Page } from './browser-support.js';
import { Client, startWeb, type Running } from './web-support.js';

const kit = await browserKit();
if (typeof kit === 'string' && !browserRequired) console.warn(`web console browser tests skipped: ${kit} (REQUIRE_BROWSER=1 makes this a failure)`);

const dir = tempDir('triage-web-browser');
let run: Running;
let browser: Browser;

describe.skipIf(typeof kit === 'string' && !browserRequired)('web console in Chromium', () => {
  beforeAll(async () => {
    if (typeof kit === 'string') throw new Error(`REQUIRE_BROWSER=1 but ${kit}`);
    run = await startWeb(dir.file('browser.db'));
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    browser = await (kit as BrowserKit).chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await run?.close();
    dir.cleanup();
  });

  /** A page open at `path`, once its event stream said `ready`. */
  async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(new URL(path, run.web.url).href);
    await page.locator('body[data-live="true"]').waitFor({ state: 'attached' });
    return page;
  }

  /** Sends a customer message from the simulator; the ticket id its thread shows. */
  async function say(page: Page, customer: string, text: string): Promise<number> {
    await page.locator('#thread').selectOption('');
    await page.locator('#customer').fill(customer);
    await page.locator('#message').fill(text);
    await page.locator('#send').click();
    // JSON's escapes are CSS string escapes too: a name with quotes or markup stays one attribute value.
    const thread = page.locator(`.thread[aria-label=${JSON.stringify(`Conversation with ${customer}`)}]`).first();
    await thread.locator('h3:text-matches("Ticket #\\\\d+")').waitFor();
    return Number(await thread.getAttribute('data-ticket-id'));
  }

  const card = (page: Page, ticketId: number, state = 'review') => page.locator(`.card[data-ticket-id="${ticketId}"][data-state="${state}"]`);
  const botReplies = (page: Page, ticketId: number) => page.locator(`.thread[data-ticket-id="${ticketId}"] li[data-from="bot"]`);

  it('a message typed in the simulator reaches the queue; Approve sends exactly one reply, shown in the same thread', async () => {
    const tryPage = await open('/try');
    const queue = await open('/');
    const ticketId = await say(tryPage, 'Kenji Sato', 'How do I export my reports to CSV? Order #4411');
    await card(queue, ticketId).waitFor();
    const draft = await card(queue, ticketId).locator('.draft').textContent();
    expect(draft).toBeTruthy();
    await card(queue, ticketId).locator('button[data-action="approve"]').click();
    await botReplies(tryPage, ticketId).first().waitFor();
    expect(await botReplies(tryPage, ticketId).locator('.text').textContent()).toBe(draft);
    // Resolved: gone from "Needs review", there under "All".
    await card(queue, ticketId).waitFor({ state: 'detached' });
    await queue.locator('#filter-state').selectOption('');
    await card(queue, ticketId, 'resolved').waitFor();
    expect(await botReplies(tryPage, ticketId).count()).toBe(1);
    expect((await run.core.store.tickets.get(ticketId))?.status).toBe('sent');
  });

  it('Edit by keyboard (j, then e): the edited reply is what the customer gets', async () => {
    const tryPage = await open('/try');
    const queue = await open('/');
    const ticketId = await say(tryPage, 'Fatima Zahra', 'How do I export my reports to CSV? Order #5521');
    await card(queue, ticketId).waitFor();
    await queue.keyboard.press('j');
    await queue.locator(`.card[data-ticket-id="${ticketId}"][aria-current="true"]`).waitFor();
    await queue.keyboard.press('e');
    await queue.locator('#form-dialog[open]').waitFor();
    expect(await queue.locator('#form-text').inputValue()).toBeTruthy();
    await queue.locator('#form-text').fill('Open Reports, then Export, then CSV.');
    await queue.locator('#form-submit').click();
    await botReplies(tryPage, ticketId).first().waitFor();
    expect(await botReplies(tryPage, ticketId).locator('.text').textContent()).toBe('Open Reports, then Export, then CSV.');
  });

  it('Reject asks why, sends nothing, and the card shows it rejected', async () => {
    const tryPage = await open('/try');
    const queue = await open('/');
    const ticketId = await say(tryPage, 'Lars Nilsson', 'How do I export my reports to CSV? Order #6631');
    await card(queue, ticketId).locator('button[data-action="reject"]').click();
    await queue.locator('#form-dialog[open]').waitFor();
    await queue.locator('#form-text').fill('duplicate of another ticket');
    await queue.locator('#form-submit').click();
    await queue.locator('#filter-state').selectOption('resolved');
    const resolved = card(queue, ticketId, 'resolved');
    await resolved.waitFor();
    expect(await resolved.locator('.resolution').textContent()).toMatch(/Rejected.*duplicate of another ticket/);
    expect((await run.core.store.tickets.get(ticketId))?.status).not.toBe('sent');
    expect(await botReplies(tryPage, ticketId).count()).toBe(0);
  });

  it('filters by urgency and route hide and show a card; k / j move and a approves the selected card', async () => {
    const tryPage = await open('/try');
    const queue = await open('/');
    const ticketId = await say(tryPage, 'Ana Lima', 'How do I export my reports to CSV? Order #9901');
    const shown = card(queue, ticketId);
    await shown.waitFor();
    const urgency = (await shown.locator('dt:text-is("Urgency") + dd').textContent())?.trim() ?? '';
    const other = ['urgent', 'high', 'normal', 'low'].find((level) => !urgency.includes(level)) ?? 'urgent';
    await queue.locator('#filter-urgency').selectOption(other);
    await shown.waitFor({ state: 'detached' });
    await queue.locator('#filter-urgency').selectOption('');
    await queue.locator('#filter-route').selectOption('auto_send');
    await shown.waitFor({ state: 'detached' });
    await queue.locator('#filter-route').selectOption('');
    await shown.waitFor();
    // j selects the newest card, k stays on it (it is the first), then a approves it.
    await queue.locator('#filter-route').focus();
    await queue.locator('h1').click();
    await queue.keyboard.press('j');
    await queue.keyboard.press('k');
    await queue.locator(`.card[data-ticket-id="${ticketId}"][aria-current="true"]`).waitFor();
    await queue.keyboard.press('a');
    await botReplies(tryPage, ticketId).first().waitFor();
    expect(await botReplies(tryPage, ticketId).count()).toBe(1);
  });

  /** The timeline page has shown ticket `ticketId` (or `missing`). */
  const timelineShown = (page: Page, ticketId: number | 'missing') => page.locator(`body[data-loaded="${ticketId}"]`).waitFor({ state: 'attached' });
  /** The value beside `label` in a definition list under `scope`. */
  const fact = (scope: Locator, label: string) => scope.locator(`dt:text-is(${JSON.stringify(label)}) + dd`);

  it('the timeline (opened from the card) shows the model calls with their tier, model and cost, and the ticket\'s total', async () => {
    const tryPage = await open('/try');
    const queue = await open('/');
    const ticketId = await say(tryPage, 'Mei Tanaka', 'Can I change the billing e-mail on my account? Order #3310');
    await card(queue, ticketId).locator('a.timeline-link').click();
    await timelineShown(queue, ticketId);
    const calls = await run.core.store.modelCalls.forTicket(ticketId);
    expect(calls.length).toBeGreaterThan(0);
    const entries = queue.locator('#timeline > li.entry[data-kind="call"]');
    expect(await entries.count()).toBe(calls.length);
    for (const [index, call] of calls.entries()) {
      const entry = entries.locator(`nth=${index}`);
      expect(await fact(entry, 'Tier').textContent()).toBe(call.tier);
      expect(await fact(entry, 'Model').textContent()).toContain(call.model);
      expect(await fact(entry, 'Stage').textContent()).toBe(call.stage);
      expect(await fact(entry, 'Tokens').textContent()).toMatch(/\d in .*\d out/);
      expect(await fact(entry, 'Latency').textContent()).toMatch(/\d+(\.\d)? (ms|s)$/);
      // Offline calls bill $0.00 and say what they would have cost.
      expect(await fact(entry, 'Cost').textContent()).toMatch(/^\$0\.00 \(about \$0\.\d+ on the configured models, estimated\)$/);
    }
    expect(await fact(queue.locator('#ticket-facts'), 'Total cost').textContent()).toMatch(/^\$0\.00 \(about \$0\.\d+/);
    expect(await queue.locator('#timeline > li.entry').first().getAttribute('data-kind')).toBe('message');
    // The number form, by keyboard: an unknown ticket is said to be missing.
    await queue.locator('#ticket-id').fill('999999');
    await queue.keyboard.press('Enter');
    await timelineShown(queue, 'missing');
    expect(await queue.locator('#status').textContent()).toContain('Ticket #999999 does not exist');
  });

  it('customer text with <script> and markup is shown as text, and nothing in it runs', async () => {
    const tryPage = await open('/try');
    const queue = await open('/');
    const errors: string[] = [];
    for (const page of [tryPage, queue]) page.on('pageerror', (error) => errors.push(error.message ?? ''));
    const name = '<img src=x onerror="window.__pwned=1">';
    const text = 'Help <script>window.__pwned=2</script><b>bold?</b> order #7741';
    const ticketId = await say(tryPage, name, text);
    await card(queue, ticketId).waitFor();
    expect(await tryPage.locator(`.thread[data-ticket-id="${ticketId}"] li[data-from="customer"] .text`).textContent()).toBe(text);
    expect(await card(queue, ticketId).locator('.customer-text').first().textContent()).toContain(name);
    const timeline = await open(`/ticket?id=${ticketId}`);
    timeline.on('pageerror', (error) => errors.push(error.message ?? ''));
    await timelineShown(timeline, ticketId);
    expect(await timeline.locator('#timeline li[data-kind="message"] .customer-text').first().textContent()).toBe(text);
    expect(await fact(timeline.locator('#ticket-facts'), 'Customer').textContent()).toContain(name);
    for (const page of [tryPage, queue, timeline]) {
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.locator('main script, main img, main b').count()).toBe(0);
    }
    expect(errors).toEqual([]);
  });

  it('the spend dashboard shows what `npm run report -- --json` prints for the week, with one bar group per day', async () => {
    // Its own console and database: the other tests' tickets keep no numbers still while the CLI runs.
    const database = dir.file('spend.db');
    const spend = await startWeb(database, spendSettings);
    const client = new Client(spend.web.url);
    try {
      await client.signIn();
      await client.listen();
      await seedSpend(spend, client);
      const week = weekContaining(new Date(), spendSettings.REPORT_TIMEZONE).key;
      const cli = reportCliJson(database, week);
      const page = await (await browser.newContext()).newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message ?? ''));
      await page.goto(new URL(`/spend?week=${week}`, spend.web.url).href);
      await page.locator(`body[data-week="${week}"]`).waitFor({ state: 'attached' });
      const printed = await cli;

      const fields = await page.evaluate<{ field: string; format: string; text: string }[]>(
        `[...document.querySelectorAll('[data-field]')].map((node) => ({ field: node.dataset.field, format: node.dataset.format, text: node.textContent }))`,
      );
      const shown = fields.map(({ field }) => field);
      for (const field of ['totals.costUsd', 'previousWeek', 'tickets.handled', 'tickets.costPerTicketUsd', 'cache.share', 'flagshipEquivalent.costUsd', 'flagshipEquivalent.savingUsd', 'budget.level', 'budget.daily.usedFraction', 'totals.estimatedCostUsd']) {
        expect(shown).toContain(field);
      }
      for (const { field, format, text } of fields) expect(text, field).toBe(expectedFieldText(printed, field, format));

      const days = await page.evaluate<string[]>(`[...document.querySelectorAll('#daily-chart svg g.day')].map((group) => group.getAttribute('data-date'))`);
      expect(days).toEqual(printed.daily.map((day) => day.date));
      expect(await page.locator('#daily-body tr').count()).toBe(printed.daily.length);
      expect(await page.locator('#daily-chart svg rect[data-tier]').count()).toBeGreaterThan(0);
      expect(await page.locator('#reasons li[data-code]').count()).toBe(printed.secondOpinions.reasons.length);
      for (const ticket of printed.topTickets) {
        const link = page.locator(`#top-tickets li[data-ticket-id="${ticket.ticketId}"] a`);
        expect(await link.getAttribute('href')).toBe(`/ticket?id=${ticket.ticketId}`);
        // Titles are customer text: shown as text, markup and all.
        expect(await link.textContent()).toBe(`#${ticket.ticketId} ${ticket.title}`);
      }
      expect(await page.locator('main b').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      client.close();
      await spend.close();
    }
  }, 60_000);

  it('a card update replaces that card alone: the others keep their DOM nodes, their order, and the focus', async () => {
    const queue = await open('/');
    const { store, desk } = run.core;
    // Three waiting tickets, shown by the desk while the page is open: each arrives as its own event.
    const ids = await seedWaitingTickets(store, 3, 'identity');
    for (const id of ids) await desk.show(await loadOutcome(store, id));
    for (const id of ids) await card(queue, id).waitFor();
    const newest = ids[2] ?? 0;
    const middle = ids[1] ?? 0;
    await card(queue, newest).focus();
    const nodesOf = `${JSON.stringify(ids)}.map((id) => document.querySelector('.card[data-ticket-id="' + id + '"]'))`;
    await queue.evaluate(`void (window.__before = ${nodesOf})`);

    await store.tickets.setSummary(middle, 'The customer wrote again: the refund has not arrived.');
    await desk.show(await loadOutcome(store, middle));
    await card(queue, middle).locator('p.customer-text:text-is("Summary: The customer wrote again: the refund has not arrived.")').waitFor();

    const after = await queue.evaluate<{ same: boolean[]; focused: boolean; order: number[] }>(`(() => {
      const now = ${nodesOf};
      return {
        same: now.map((node, at) => node === window.__before[at]),
        focused: document.activeElement === now[2],
        order: [...document.querySelectorAll('#cards > .card')].map((node) => Number(node.dataset.ticketId)).filter((id) => ${JSON.stringify(ids)}.includes(id)),
      };
    })()`);
    expect(after).toEqual({ same: [true, false, true], focused: true, order: [...ids].reverse() });
  });

  it('at 200% zoom (640×400 CSS pixels, twice as dense) no page scrolls sideways and the key controls stay in view', async () => {
    const zoomed = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };
    const tryPage = await open('/try', zoomed);
    // A name no other test uses: say() reads the newest thread of that name, which must be this one.
    const ticketId = await say(tryPage, 'Noor Haddad', 'How do I export my reports to CSV? Order #8852');
    const queue = await open('/', zoomed);
    await card(queue, ticketId).waitFor();
    const timeline = await open(`/ticket?id=${ticketId}`, zoomed);
    await timelineShown(timeline, ticketId);
    // Billed calls and second-opinion reasons this week, so the spend page has its chart and bars to lay out.
    const billed = await seedReportActivity(run.core.store, { platform: 'slack', channelId: 'C0SUPPORT1', threadId: '1764000000.000900', subject: 'Charged twice for the annual plan' }, new Date());
    run.core.store.sqlite
      .prepare("insert into routing_decisions (ticket_id, route, reasons, decided_by, prompt_versions, created_at) values (?, 'flagship_review', ?, 'nano', '[]', ?)")
      .run(billed, JSON.stringify(['risk_refund', 'delivery_uncertain', 'amount_over_threshold']), Date.now());
    const spend = await (await browser.newContext(zoomed)).newPage();
    await spend.goto(new URL('/spend', run.web.url).href);
    await spend.locator('body[data-week]').waitFor({ state: 'attached' });
    await spend.locator('#reasons li[data-code]').first().waitFor();
    const pages: [Page, string[]][] = [
      [queue, ['header.top nav a', `.card[data-ticket-id="${ticketId}"] .actions button`]],
      [tryPage, ['header.top nav a', '#send']],
      [timeline, ['header.top nav a', '#open-ticket button']],
      [spend, ['header.top nav a', '.week-nav a:not([hidden])', '#week-form button']],
    ];
    for (const [page, selectors] of pages) {
      const width = await page.evaluate<{ scroll: number; inner: number; url: string }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth, url: location.pathname })');
      expect(width.scroll, `${width.url} scrolls sideways`).toBeLessThanOrEqual(width.inner);
      for (const selector of selectors) {
        const controls = page.locator(selector);
        const count = await controls.count();
        expect(count, selector).toBeGreaterThan(0);
        for (let index = 0; index < count; index += 1) {
          const control = controls.locator(`nth=${index}`);
          expect(await control.isVisible(), `${width.url} ${selector} #${index} visible`).toBe(true);
          const box = await control.boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= width.inner, `${width.url} ${selector} #${index} inside the width: ${JSON.stringify(box)}`).toBe(true);
        }
      }
    }
  });

  it.skipIf(typeof kit !== 'string' && kit.axeSource === null)('axe finds no serious or critical accessibility violation on any page', async () => {
    const axe = (kit as BrowserKit).axeSource ?? '';
    const tryPage = await open('/try', { bypassCSP: true });
    const ticketId = await say(tryPage, 'Ines Duarte', 'How do I export my reports to CSV? Order #8851');
    const queue = await open('/', { bypassCSP: true });
    await card(queue, ticketId).waitFor();
    const timeline = await open(`/ticket?id=${ticketId}`, { bypassCSP: true });
    await timelineShown(timeline, ticketId);
    const spend = await (await browser.newContext({ bypassCSP: true })).newPage();
    await spend.goto(new URL('/spend', run.web.url).href);
    await spend.locator('body[data-week]').waitFor({ state: 'attached' });
    for (const page of [queue, tryPage, timeline, spend]) {
      // The check is injected for the test only (bypassCSP: the page's own policy allows no inline script).
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(
        `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`,
      );
      const serious = (violations as { id: string; impact: string }[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious).toEqual([]);
    }
    // axe walks every node with every rule: seconds on a quiet machine, many more beside the rest of the suite on two cores.
  }, 120_000);
});
