// scripts/bench's lateness figures: how much later than predicted each column of a run ends, in
// real milliseconds (measured − predicted), against the release build in dist/, six fresh page
// loads, in one engine: headless Chromium (default), Firefox ESR or WebKitGTK
// (`node scripts/bench-lateness.mjs firefox`; see tests/e2e/engines.mjs):
// - first: the first run of `?s=say-after&speed=20&autorun=1`;
// - later: three more runs in the same page, once it has settled;
// - queue: three runs of queue-workers at ×20 in a page of its own.
// Beside them, plain JS in the same page: say_after's sequential schedule (50 ms then 100 ms of
// setTimeout at ×20), started as the page has loaded (beside the first run), and again once it
// has settled (beside the later runs).
//   BENCH lateness engine=… page_median_ms=… page_max_ms=… js_median_ms=… js_max_ms=…
//     later_median_ms=… later_max_ms=… js_later_median_ms=… js_later_max_ms=…
//     queue_median_ms=… queue_max_ms=… loads=6
import { startServer } from '../tests/e2e/server.mjs';
import { closeBrowser, open } from '../tests/e2e/page.mjs';
import { launchFirefox, startWebKit } from '../tests/e2e/engines.mjs';

const engine = process.argv[2] ?? 'chromium';
const APP = '[data-testid="app"]';
const FINISHED = '[data-testid="app"][data-run-state="finished"]';

/** Each engine's way to open a fresh page, run a function in it, and wait for a selector. */
async function driver() {
  if (engine === 'chromium') {
    return {
      async visit(url) {
        const page = await open(url);
        return {
          evaluate: (fn) => page.page.evaluate(fn),
          waitFor: (selector) => page.page.waitForSelector(selector, { timeout: 20_000 }),
          close: () => page.close(),
        };
      },
      close: closeBrowser,
    };
  }
  if (engine === 'firefox') {
    const browser = await launchFirefox();
    return {
      async visit(url) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForSelector(APP);
        return {
          evaluate: (fn) => page.evaluate(fn),
          waitFor: (selector) => page.waitForSelector(selector, { timeout: 20_000 }),
          close: () => context.close(),
        };
      },
      close: () => browser.close(),
    };
  }
  if (engine === 'webkit') {
    const webkit = await startWebKit();
    return {
      async visit(url) {
        const web = await webkit.session();
        await web.get(url);
        const waitFor = (selector) => web.wait(() => web.executeScript((s) => Boolean(document.querySelector(s)), selector), 20_000);
        await waitFor(APP);
        return {
          // WebDriver classic awaits a returned promise too.
          evaluate: (fn) => web.executeScript(typeof fn === 'string' ? `return ${fn};` : `return (${fn})();`),
          waitFor,
          close: () => web.quit(),
        };
      },
      close: () => webkit.stop(),
    };
  }
  throw new Error(`unknown engine ${engine}: chromium, firefox or webkit`);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const server = await startServer();
const browser = await driver();
const figures = { first: [], js: [], later: [], jsLater: [], queue: [] };
/** Each column's lateness, real ms, of the run just finished at ×20. */
const columnsLate = (page) => page.evaluate(() =>
  [...document.querySelectorAll('[data-testid="elapsed"]')].map((e) =>
    ((parseFloat(e.dataset.seconds) - parseFloat(e.textContent.match(/([\d.]+) s \(/)[1])) * 1000) / 20));
/** Runs the shown lesson again to its end: resolves once the page has gone running, then finished. */
const runAgain = (page) => page.evaluate(() => new Promise((resolve) => {
  const app = document.querySelector('[data-testid="app"]');
  let started = false;
  const watch = new MutationObserver((records) => {
    // Both changes may come in one batch: a record whose old value is "running" has ended one.
    started ||= records.some((record) => record.oldValue === 'running');
    if (started && app.dataset.runState === 'finished') {
      watch.disconnect();
      resolve();
    }
  });
  watch.observe(app, { attributes: true, attributeFilter: ['data-run-state'], attributeOldValue: true });
  document.querySelector('[data-testid="run"]').click();
}));
const jsSchedule = () => new Promise((resolve) => {
  const start = performance.now();
  setTimeout(() => setTimeout(() => resolve(performance.now() - start - 150), 100), 50);
});
try {
  for (let i = 0; i < 6; i += 1) {
    const page = await browser.visit(`${server.url}/?s=say-after&speed=20&autorun=1&lang=en`);
    await page.evaluate(`window.jsLateness = (${jsSchedule})()`);
    await page.waitFor(FINISHED);
    figures.first.push(...await columnsLate(page));
    figures.js.push(await page.evaluate(() => window.jsLateness));
    for (let run = 0; run < 3; run += 1) {
      await runAgain(page);
      figures.later.push(...await columnsLate(page));
    }
    figures.jsLater.push(await page.evaluate(`(${jsSchedule})()`));
    await page.close();
    const queue = await browser.visit(`${server.url}/?s=queue-workers&speed=20&lang=en`);
    for (let run = 0; run < 3; run += 1) {
      await runAgain(queue);
      figures.queue.push(...await columnsLate(queue));
    }
    await queue.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const fixed = (v) => v.toFixed(1);
const pair = (name, values) => `${name}_median_ms=${fixed(median(values))} ${name}_max_ms=${fixed(Math.max(...values))}`;
console.log(
  `BENCH lateness engine=${engine} ${pair('page', figures.first)} ${pair('js', figures.js)} ${pair('later', figures.later)} ${pair('js_later', figures.jsLater)} ${pair('queue', figures.queue)} loads=6`,
);
