// scripts/bench's figures of the page's own work, in headless Chromium against the release build
// in dist/, medians of 5 fresh pages:
// - long task: the longest main-thread task (Long Tasks API, tasks over 50 ms) from pressing Run
//   to the end of many-tasks with 1,000 tasks (1 s sleeps at x1), on a page that has settled
//   (a second after `ready`): the page's own start-up is `ready`'s figure, not the run's;
// - timeline: from typing 10000 in many-tasks' task count to the next frame drawn after it, which
//   holds the prediction of 10,000 tasks on the virtual clock and its timeline;
// - ready: `performance.now()` when a fresh load of say-after posts the embed API's `ready` (the
//   page is interactive), from the navigation's start;
// - ready on a slow link: the same, on a link of 100 ms latency and 10 Mbit/s each way (Chromium's
//   network emulation), served gzip-compressed as a static host does, for say-after (in the main
//   module) and queue-workers (a lesson whose code comes in chunks of its own).
//   BENCH page longtask_ms=… timeline_10000_ms=… ready_ms=… slow_say_after_ms=… slow_queue_workers_ms=… runs_…=…,…
import { startServer } from '../tests/e2e/server.mjs';
import { closeBrowser, open, openOnSlowLink } from '../tests/e2e/page.mjs';

/** `performance.now()` at `ready` for a fresh load of `query` on a slow link (`SLOW_LINK`). */
async function readyOnSlowLink(server, query) {
  const playground = await openOnSlowLink(`${server.url}/${query}`);
  const [event] = await playground.eventsOf('ready');
  await playground.close();
  return event.ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const server = await startServer();
const gzipServer = await startServer({ gzip: true });
const longest = [];
const timeline = [];
const ready = [];
const slowSayAfter = [];
const slowQueueWorkers = [];
try {
  // Not timed: the gzip server compresses each file on its first request.
  for (const query of ['?s=say-after&lang=en', '?s=queue-workers&lang=en']) {
    const warm = await open(`${gzipServer.url}/${query}`);
    await warm.waitForEvents('ready');
    await warm.close();
  }
  for (let i = 0; i < 5; i += 1) {
    const page = await open(`${server.url}/?s=many-tasks&n=1000&delay=1&speed=1&lang=en`);
    await page.waitForEvents('ready');
    await page.page.waitForTimeout(1000);
    await page.page.evaluate(() => {
      window.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.run();
    await page.waitForFinished({ timeout: 30_000 });
    longest.push(await page.page.evaluate(() => window.longest));

    timeline.push(await page.page.evaluate(() => new Promise((resolve) => {
      const field = document.querySelector('[data-testid="param-n"]');
      const started = performance.now();
      field.value = '10000';
      field.dispatchEvent(new InputEvent('input', { bubbles: true }));
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    })));
    const lanes = await page.page.locator('[data-testid="timeline"] .lane-label').allTextContents();
    if (!lanes.some((label) => label.includes('×10000'))) throw new Error(`the timeline does not show 10,000 tasks: ${lanes}`);
    await page.close();

    const fresh = await open(`${server.url}/?s=say-after&lang=en`);
    const [event] = await fresh.waitForEvents('ready');
    ready.push(event.ms);
    await fresh.close();

    slowSayAfter.push(await readyOnSlowLink(gzipServer, '?s=say-after&lang=en'));
    slowQueueWorkers.push(await readyOnSlowLink(gzipServer, '?s=queue-workers&lang=en'));
  }
} finally {
  await closeBrowser();
  await server.close();
  await gzipServer.close();
}
const fixed = (v) => v.toFixed(0);
const figures = {
  longtask: longest,
  timeline_10000: timeline,
  ready,
  slow_say_after: slowSayAfter,
  slow_queue_workers: slowQueueWorkers,
};
const medians = Object.entries(figures).map(([name, runs]) => `${name}_ms=${fixed(median(runs))}`);
const runs = Object.entries(figures).map(([name, values]) => `runs_${name}=${values.map(fixed).join(',')}`);
console.log(`BENCH page ${medians.join(' ')} ${runs.join(' ')}`);
