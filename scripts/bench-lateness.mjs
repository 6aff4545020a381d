// scripts/bench's lateness figures: how much later than predicted each column of a run ends, in
// real milliseconds (measured − predicted), against the release build in dist/, six fresh page
// loads, in one engine: headless Chromium (default), Firefox ESR or WebKitGTK
// (`node scripts/bench-lateness.mjs firefox`; see tests/e2e/engines.mjs):
// - first: the first run of `?s=say-after&speed=20&autorun=1` (its four variants at once);
// - later: three more runs in the same page, once it has settled;
// - x1 first, x1 later: the same at x1, the first run of an autorun link and one more run;
// - queue: three runs of queue-workers at ×20 in a page of its own;
// - many: two runs of many-tasks (1,000 tasks sleeping 1 s at once) at x1, in a page of its own.
// Beside them, plain JS in the same page: say_after's sequential schedule (setTimeout of 1 s then
// 2 s, divided by the speed), started as the page has loaded (beside the first run), and again
// once it has settled (beside the later runs); for many-tasks, 1,000 async functions each
// awaiting a 1 s setTimeout, gathered by Promise.all, once the runs are done.
//   BENCH lateness engine=… page_median_ms=… page_max_ms=… js_median_ms=… js_max_ms=…
//     later_median_ms=… later_max_ms=… js_later_median_ms=… js_later_max_ms=…
//     x1_median_ms=… x1_max_ms=… js_x1_median_ms=… js_x1_max_ms=…
//     x1_later_median_ms=… x1_later_max_ms=… js_x1_later_median_ms=… js_x1_later_max_ms=…
//     queue_median_ms=… queue_max_ms=… many_median_ms=… many_max_ms=… js_many_median_ms=…
//     js_many_max_ms=… loads=6
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
const figures = { first: [], js: [], later: [], jsLater: [], x1: [], jsX1: [], x1Later: [], jsX1Later: [], queue: [], many: [], jsMany: [] };
/** Each column's lateness, real ms, of the run just finished at `speed`. */
const columnsLate = (page, speed = 20) => page.evaluate(`[...document.querySelectorAll('[data-testid="elapsed"]')].map((e) =>
    ((parseFloat(e.dataset.seconds) - parseFloat(e.textContent.match(/([\\d.]+) s \\(/)[1])) * 1000) / ${speed})`);
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
/** say_after's sequential schedule at `speed` in plain JS: how late it ends, ms. */
const jsSchedule = (speed) => `new Promise((resolve) => {
  const start = performance.now();
  setTimeout(() => setTimeout(() => resolve(performance.now() - start - 3000 / ${speed}), 2000 / ${speed}), 1000 / ${speed});
})`;
/** many-tasks' 1,000 sleeps of 1 s in plain JS: how late the last ends, ms. */
const jsMany = `(() => {
  const start = performance.now();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const work = async (i) => { await sleep(1000); return i; };
  return Promise.all(Array.from({ length: 1000 }, (_, i) => work(i))).then(() => performance.now() - start - 1000);
})()`;
try {
  for (let i = 0; i < 6; i += 1) {
    const page = await browser.visit(`${server.url}/?s=say-after&speed=20&autorun=1&lang=en`);
    await page.evaluate(`window.jsLateness = ${jsSchedule(20)}`);
    await page.waitFor(FINISHED);
    figures.first.push(...await columnsLate(page));
    figures.js.push(await page.evaluate('window.jsLateness'));
    for (let run = 0; run < 3; run += 1) {
      await runAgain(page);
      figures.later.push(...await columnsLate(page));
    }
    figures.jsLater.push(await page.evaluate(jsSchedule(20)));
    await page.close();
    const slow = await browser.visit(`${server.url}/?s=say-after&speed=1&autorun=1&lang=en`);
    await slow.evaluate(`window.jsLateness = ${jsSchedule(1)}`);
    await slow.waitFor(FINISHED);
    figures.x1.push(...await columnsLate(slow, 1));
    figures.jsX1.push(await slow.evaluate('window.jsLateness'));
    await runAgain(slow);
    figures.x1Later.push(...await columnsLate(slow, 1));
    figures.jsX1Later.push(await slow.evaluate(jsSchedule(1)));
    await slow.close();
    const many = await browser.visit(`${server.url}/?s=many-tasks&speed=1&lang=en`);
    for (let run = 0; run < 2; run += 1) {
      await runAgain(many);
      figures.many.push(...await columnsLate(many, 1));
    }
    figures.jsMany.push(await many.evaluate(jsMany));
    await many.close();
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
  `BENCH lateness engine=${engine} ${pair('page', figures.first)} ${pair('js', figures.js)} ${pair('later', figures.later)} ${pair('js_later', figures.jsLater)} ` +
    `${pair('x1', figures.x1)} ${pair('js_x1', figures.jsX1)} ${pair('x1_later', figures.x1Later)} ${pair('js_x1_later', figures.jsX1Later)} ` +
    `${pair('queue', figures.queue)} ${pair('many', figures.many)} ${pair('js_many', figures.jsMany)} loads=6`,
);
