/**
 * The `queue-render` bench: the web console's review queue with 1,000
 * tickets waiting (target: on screen in under a second). Seeds them in a
 * real SQLite file, starts the console on 127.0.0.1 as `npm start` does
 * (the surface reads the desk's open cards), and times (a) GET /api/queue,
 * (b) navigation start to the page's `queue-rendered` mark in Debian's
 * Chromium, (c) one server-sent card update applied with 1,000 cards on the
 * page, each over a few runs (median). Without /usr/bin/chromium it says so
 * and gives the server figures only. Prints numbers; asserts nothing.
 * Alone: `npx tsx test/bench/queue-render-bench.ts [--quick]`.
 */
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { loadOutcome } from '../../src/pipeline/outcome.js';
import { startWebConsole, type WebConsole } from '../../src/web/server.js';
import { tempDir } from '../support/temp-dir.js';
import { CHROMIUM, browserKit, type Browser, type Page } from '../web/browser-support.js';
import { Client } from '../web/web-support.js';
import type { Bench, Figure } from './figures.js';
import { runIfEntry } from './standalone.js';
import { percentile, sortedCopy } from './stats.js';
import { armUpdateTiming, cardsShown, renderedAt, updateTimed } from './support/queue-page-timing.js';
import { seedWaitingTickets } from '../support/waiting-tickets.js';

const TICKETS = 1_000;
const TARGET_RENDER_MS = 1_000;

const median = (values: readonly number[]): number => percentile(sortedCopy(values), 50);
const list = (values: readonly number[]): string => values.map((value) => value.toFixed(0)).join(', ');

/** The queue page opened in a fresh context, once its first list is on screen: the mark's time. */
async function openQueue(browser: Browser, url: string): Promise<{ page: Page; renderedMs: number; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const renderedMs = await renderedAt(page);
  return { page, renderedMs, close: () => context.close() };
}

/** The desk shows ticket `ticketId`'s card again with a new summary: one `card` event to every page. */
async function changeCard(core: Core, ticketId: number, run: number): Promise<void> {
  await core.store.tickets.setSummary(ticketId, `Summary changed by the bench (run ${run}).`);
  await core.desk.show(await loadOutcome(core.store, ticketId));
}

export const queueRenderBench: Bench = {
  name: 'queue-render',
  async run({ quick, log }) {
    const loads = quick ? 3 : 7;
    const updates = quick ? 3 : 15;
    const requests = quick ? 5 : 20;
    const dir = tempDir('queue-render-bench');
    const path = dir.file('queue.db');
    const core = createCore(loadConfig({ MODEL_PROVIDER: 'offline', DATABASE_PATH: path, KB_PATH: `${path}-no-kb` }), silentLogger(), { watchKnowledgeBase: false });
    let web: WebConsole | null = null;
    let browser: Browser | null = null;
    let client: Client | null = null;
    try {
      let started = performance.now();
      const ids = await seedWaitingTickets(core.store, TICKETS, 'bench');
      log(`seeded ${TICKETS} tickets waiting for review in ${(performance.now() - started).toFixed(0)} ms`);

      // As `npm start` wires it: the console listens, then the desk starts its surface (which reads the open cards).
      web = await startWebConsole({ host: '127.0.0.1', port: 0, core: () => core, logger: silentLogger() });
      started = performance.now();
      await web.surface.start(core.desk.attach(web.surface));
      const startMs = performance.now() - started;
      log(`console start: ${web.surface.queue().length} open cards read from the desk in ${startMs.toFixed(0)} ms`);

      client = new Client(web.url);
      await client.signIn();
      const apiMs: number[] = [];
      let apiBytes = 0;
      for (let n = 0; n <= requests; n++) {
        started = performance.now();
        const body = await (await client.get('/api/queue')).arrayBuffer();
        // The first request warms the route up: not counted.
        if (n > 0) apiMs.push(performance.now() - started);
        apiBytes = body.byteLength;
      }
      log(`GET /api/queue (${TICKETS} cards, ${(apiBytes / 1024).toFixed(0)} KiB): median ${median(apiMs).toFixed(1)} ms over ${requests} requests`);
      const figures: Figure[] = [
        { key: 'queue_console_start_ms', label: `console start with ${TICKETS.toLocaleString('en-US')} waiting (desk's open cards)`, value: startMs, unit: 'ms' },
        { key: 'queue_api_ms', label: `GET /api/queue, ${TICKETS.toLocaleString('en-US')} cards (median)`, value: median(apiMs), unit: 'ms' },
        { key: 'queue_api_kib', label: `GET /api/queue body, ${TICKETS.toLocaleString('en-US')} cards`, value: apiBytes / 1024, unit: 'KiB' },
      ];

      const kit = await browserKit();
      if (typeof kit === 'string') {
        log(`browser figures skipped: ${kit}`);
        return figures;
      }
      // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
      browser = await kit.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      const renderMs: number[] = [];
      let open: Awaited<ReturnType<typeof openQueue>> | null = null;
      // One load to warm the browser and the server up (not counted); the last stays open for the updates.
      for (let n = 0; n <= loads; n++) {
        await open?.close();
        open = await openQueue(browser, web.url);
        const shown = await cardsShown(open.page);
        if (shown !== TICKETS) throw new Error(`the queue page shows ${shown} cards, not ${TICKETS}`);
        if (n > 0) renderMs.push(open.renderedMs);
      }
      log(`first render of ${TICKETS} cards (navigation start to queue-rendered): ${list(renderMs)} ms; median ${median(renderMs).toFixed(0)} ms`);

      const applyMs: number[] = [];
      const frameMs: number[] = [];
      for (let n = 0; n < updates && open; n++) {
        await armUpdateTiming(open.page);
        // Cards spread over the list: near the top, the middle, the bottom.
        await changeCard(core, ids[Math.floor(((n + 0.5) / updates) * ids.length)] ?? ids[0] ?? 1, n);
        const timed = await updateTimed(open.page);
        applyMs.push(timed.applyMs);
        frameMs.push(timed.frameMs);
      }
      await open?.close();
      log(`one card update with ${TICKETS} cards on the page: applied in ${applyMs.map((ms) => ms.toFixed(1)).join(', ')} ms (median ${median(applyMs).toFixed(1)}); on screen after ${list(frameMs)} ms (median ${median(frameMs).toFixed(0)})`);

      const render = median(renderMs);
      figures.push(
        { key: 'queue_first_render_ms', label: `queue page, ${TICKETS.toLocaleString('en-US')} cards: navigation to rendered (median)`, value: render, unit: 'ms', target: `< ${TARGET_RENDER_MS.toLocaleString('en-US')} ms`, met: render < TARGET_RENDER_MS },
        { key: 'queue_card_update_ms', label: `one card update applied, ${TICKETS.toLocaleString('en-US')} on the page (median)`, value: median(applyMs), unit: 'ms' },
        { key: 'queue_card_update_frame_ms', label: 'one card update: event to the next frame (median)', value: median(frameMs), unit: 'ms' },
      );
      return figures;
    } finally {
      client?.close();
      await browser?.close();
      await web?.close();
      await core.workflow.finishWorkInHand();
      core.close();
      dir.cleanup();
    }
  },
};

runIfEntry(queueRenderBench, import.meta.filename);
