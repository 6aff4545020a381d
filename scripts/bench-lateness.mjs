// scripts/bench's lateness figures: how much later than predicted the first run of an autorun
// link ends, per column, in real milliseconds (measured − predicted), in headless Chromium against
// the release build in dist/: `?s=say-after&speed=20&autorun=1`, six fresh page loads. Beside it,
// plain JS in the same page at the same moment: say_after's sequential schedule (50 ms then
// 100 ms of setTimeout at ×20) started by a script at page load.
//   BENCH lateness page_median_ms=… page_max_ms=… js_median_ms=… js_max_ms=… loads=6
import { startServer } from '../tests/e2e/server.mjs';
import { closeBrowser, open } from '../tests/e2e/page.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const server = await startServer();
const page_ = [];
const js = [];
try {
  for (let i = 0; i < 6; i += 1) {
    const page = await open(`${server.url}/?s=say-after&speed=20&autorun=1&lang=en`);
    await page.page.evaluate(() => {
      window.jsLateness = new Promise((resolve) => {
        const start = performance.now();
        setTimeout(() => setTimeout(() => resolve(performance.now() - start - 150), 100), 50);
      });
    });
    await page.waitForFinished({ timeout: 20_000 });
    const columns = await page.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="elapsed"]')].map((e) => [
        parseFloat(e.dataset.seconds),
        parseFloat(e.textContent.match(/([\d.]+) s \(/)[1]),
      ]),
    );
    for (const [measured, predicted] of columns) page_.push(((measured - predicted) * 1000) / 20);
    js.push(await page.page.evaluate(() => window.jsLateness));
    await page.close();
  }
} finally {
  await closeBrowser();
  await server.close();
}
const fixed = (v) => v.toFixed(1);
console.log(
  `BENCH lateness page_median_ms=${fixed(median(page_))} page_max_ms=${fixed(Math.max(...page_))} js_median_ms=${fixed(median(js))} js_max_ms=${fixed(Math.max(...js))} loads=6`,
);
