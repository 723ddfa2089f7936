/**
 * What the queue-render bench reads inside the page, from the marks the
 * queue page sets itself (src/web/static/queue.js): `queue-rendered` once
 * its first list is on screen, and the `queue-card-applied` measure around
 * each server-sent card it applies. Every wait is for one of those signals,
 * never a sleep; the scripts run in the page as strings (playwright's
 * evaluate), so they stay plain browser JavaScript.
 */
import type { Page } from '../../web/browser-support.js';

/** Resolves with the `queue-rendered` mark's time: ms from navigation start to the first list on screen. */
export function renderedAt(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    const found = () => performance.getEntriesByName('queue-rendered', 'mark')[0];
    if (found()) return resolve(found().startTime);
    new PerformanceObserver((list, observer) => {
      const mark = list.getEntriesByName('queue-rendered', 'mark')[0];
      if (!mark) return;
      observer.disconnect();
      resolve(mark.startTime);
    }).observe({ type: 'mark', buffered: true });
  })`);
}

/**
 * Arms the page to time the next card update: the first change to the list
 * waits for the frame that shows it (a requestAnimationFrame, then a task
 * after that frame's style, layout and paint). Call `updateTimed` after the
 * server sent the card.
 */
export async function armUpdateTiming(page: Page): Promise<void> {
  await page.evaluate(`void (window.__queueUpdate = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        const applied = performance.getEntriesByName('queue-card-applied', 'measure').at(-1);
        resolve({ applyMs: applied.duration, frameMs: performance.now() - applied.startTime });
      }));
    });
    observer.observe(document.getElementById('cards'), { childList: true, subtree: true, attributes: true, characterData: true });
  }))`);
}

/**
 * The armed update's times: `applyMs` the page's own handling of the event
 * (the card in, to the DOM changed), `frameMs` from the event's arrival to the frame after it.
 */
export function updateTimed(page: Page): Promise<{ applyMs: number; frameMs: number }> {
  return page.evaluate<{ applyMs: number; frameMs: number }>('window.__queueUpdate');
}

/** How many cards the page shows (it keeps the count on body[data-cards]). */
export function cardsShown(page: Page): Promise<number> {
  return page.evaluate<number>('Number(document.body.dataset.cards)');
}
