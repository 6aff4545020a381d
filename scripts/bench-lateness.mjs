// scripts/bench's lateness figures: how much later than predicted the first run of an autorun
// link ends, per column, in real milliseconds (measured − predicted), against the release build in
// dist/: `?s=say-after&speed=20&autorun=1`, six fresh page loads, in one engine: headless
// Chromium (default), Firefox ESR or WebKitGTK (`node scripts/bench-lateness.mjs firefox`; see
// tests/e2e/engines.mjs). Beside it, plain JS in the same page at the same moment: say_after's
// sequential schedule (50 ms then 100 ms of setTimeout at ×20) started by a script as the page
// has loaded.
//   BENCH lateness engine=… page_median_ms=… page_max_ms=… js_median_ms=… js_max_ms=… loads=6
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
          evaluate: (fn) => web.executeScript(`return (${fn})();`),
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
const page_ = [];
const js = [];
try {
  for (let i = 0; i < 6; i += 1) {
    const page = await browser.visit(`${server.url}/?s=say-after&speed=20&autorun=1&lang=en`);
    await page.evaluate(() => {
      window.jsLateness = new Promise((resolve) => {
        const start = performance.now();
        setTimeout(() => setTimeout(() => resolve(performance.now() - start - 150), 100), 50);
      });
    });
    await page.waitFor(FINISHED);
    const columns = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="elapsed"]')].map((e) => [
        parseFloat(e.dataset.seconds),
        parseFloat(e.textContent.match(/([\d.]+) s \(/)[1]),
      ]),
    );
    for (const [measured, predicted] of columns) page_.push(((measured - predicted) * 1000) / 20);
    js.push(await page.evaluate(() => window.jsLateness));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const fixed = (v) => v.toFixed(1);
console.log(
  `BENCH lateness engine=${engine} page_median_ms=${fixed(median(page_))} page_max_ms=${fixed(Math.max(...page_))} js_median_ms=${fixed(median(js))} js_max_ms=${fixed(Math.max(...js))} loads=6`,
);
