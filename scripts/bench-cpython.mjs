// scripts/bench's CPython figures: how long CPython in the page takes to start, the first time (an
// empty cache: Pyodide's files download) and again after a reload (the service worker serves
// them from the Cache Storage, where the worker kept them; see static/sw.js), in headless Chromium against the release build in dist/. One line per figure, medians of
// five fresh browser contexts:
//   BENCH cpython first_ms=… again_ms=… cached_ms=… runs_first=…,… runs_cached=…,…
// "Start" is from pressing Run on CPython to CPython's verdict on hello-world (a 1 s program on the
// virtual clock, so the run itself takes milliseconds); "again" is a second run in the same page,
// whose worker already holds CPython.
import { startServer } from '../tests/e2e/server.mjs';
import { closeBrowser, open } from '../tests/e2e/page.mjs';

async function timeToVerdict(page) {
  const started = Date.now();
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 120_000 });
  return Date.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const server = await startServer();
const first = [];
const again = [];
const cached = [];
try {
  for (let i = 0; i < 5; i += 1) {
    const page = await open(`${server.url}/?s=hello-world&lang=en`);
    first.push(await timeToVerdict(page));
    await page.byTestId('edit').click();
    await page.byTestId('cpython-verdict').waitFor({ state: 'detached' });
    again.push(await timeToVerdict(page));
    await page.page.reload();
    await page.app.waitFor();
    cached.push(await timeToVerdict(page));
    await page.close();
  }
} finally {
  await closeBrowser();
  await server.close();
}
console.log(
  `BENCH cpython first_ms=${median(first)} again_ms=${median(again)} cached_ms=${median(cached)} runs_first=${first.join(',')} runs_cached=${cached.join(',')}`,
);
