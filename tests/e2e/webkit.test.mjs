// The page in WebKit: Debian's WebKitGTK (its MiniBrowser, under a virtual X display) driven by
// its own WebKitWebDriver through selenium-webdriver (all installed by scripts/setup; nothing
// downloads a browser). The same part of the suite as firefox.test.mjs: every lesson runs to its
// end, a link restores its values, the embed API, Stop, the blocking lesson, real I/O, edit mode
// on CPython, and axe-core finds no violation. Screenshots: test-output/screenshots/webkit-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { By, until as became } from 'selenium-webdriver';
import { AXE } from './axe.mjs';
import { startWebKit } from './engines.mjs';
import { startServer } from './server.mjs';
import { DESKTOP, PHONE, SCREENSHOTS, recordPlaygroundEvents, until } from './page.mjs';


let server;
let webkit;

before(async () => {
  server = await startServer();
  webkit = await startWebKit();
});
after(async () => {
  webkit?.stop();
  await server?.close();
});

/**
 * A fresh browser (its own storage), which WebKitWebDriver allows one of at a time: quit when the
 * test ends. `go` takes it to each page.
 */
async function browserFor(t) {
  const web = await webkit.session();
  t.after(() => web.quit());
  return web;
}

/**
 * Takes `web` to `url` at `viewport`. WebDriver classic has no console to read: the page then
 * records its own errors, and the embed API's events (`recordPlaygroundEvents`), and `errors()`
 * reads them with any panic panel.
 */
async function go(web, url, { viewport = DESKTOP, app = true } = {}) {
  await web.manage().window().setRect({ width: viewport.width, height: viewport.height });
  await web.get(`${server.url}/${url}`);
  await web.executeScript(`(${recordPlaygroundEvents})();
    window.__errors = [];
    window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));`);
  if (app) await web.wait(became.elementLocated(By.css('[data-testid="app"]')), 15_000);
}

// The spec's report that ResizeObserver notifications wait for the next frame: WebKit fires it as
// an error event, Chromium's pages and Firefox's do not count it; it is not the page failing.
const BENIGN = 'ResizeObserver loop completed with undelivered notifications.';

const errors = async (web) => (await web.executeScript(() => [
  ...(window.__errors ?? []),
  ...[...document.querySelectorAll('.panic')].map((panel) => `panic: ${panel.textContent}`),
])).filter((error) => error !== BENIGN);

async function runToEnd(web, { timeout = 30_000 } = {}) {
  await web.wait(became.elementLocated(By.css('[data-testid="run"]:not([disabled])')), 10_000);
  await web.findElement(By.css('[data-testid="run"]')).click();
  await web.wait(became.elementLocated(By.css('[data-testid="app"][data-run-state="finished"]')), timeout,
    `${await web.getCurrentUrl()}: the run did not finish`);
}

const seconds = (web, variant) => web.executeScript(
  (name) => Number(document.querySelector(`[data-testid="variant-${name}"] [data-testid="elapsed"]`).dataset.seconds), variant);

async function screenshot(web, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, `webkit-${name}.png`), Buffer.from(await web.takeScreenshot(), 'base64'));
}

test('WebKit: every lesson runs to its end, each column with its elapsed time, without an error', async (t) => {
  const web = await browserFor(t);
  await go(web, '?lang=en');
  const lessons = await web.executeScript(() => [...document.querySelectorAll('[data-testid^="pick-"]')].map((a) => a.dataset.testid.slice(5)));
  assert.ok(lessons.length >= 20, lessons.join(' '));
  for (const id of lessons) {
    // At ×50 at least: a lesson's own speed where it is faster (the chess exhibition's ×10000).
    await go(web, `?s=${id}&lang=en`);
    const speed = Number(await (await web.wait(became.elementLocated(By.css('[data-testid="speed"]')), 10_000)).getAttribute('value'));
    if (speed < 50) await go(web, `?s=${id}&speed=50&lang=en`);
    // What is checked is that each lesson ends, not how fast: WebKitGTK on a 2-core machine took
    // 30–60 s for queue-workers' two columns of lines while other tests ran beside it.
    await runToEnd(web, { timeout: 90_000 });
    const columns = await web.executeScript(() => [...document.querySelectorAll('section.variant')].map((s) => Boolean(s.querySelector('[data-testid="elapsed"]'))));
    assert.ok(columns.length > 0 && columns.every(Boolean), `${id}: ${JSON.stringify(columns)}`);
    assert.deepEqual(await errors(web), [], id);
  }
});

test('WebKit: say-after in order, a link restores its values, and the blocking lesson freezes the loop', async (t) => {
  const web = await browserFor(t);
  await go(web, '?s=say-after&speed=20&lang=en&hello_delay=1.5');
  assert.equal(await web.findElement(By.css('[data-testid="param-hello_delay"]')).getAttribute('value'), '1.5');
  await runToEnd(web);
  const lines = await web.executeScript(() => [...document.querySelectorAll('[data-testid="variant-create-task"] [data-testid="line"] .line-text')].map((l) => l.textContent));
  assert.deepEqual(lines.slice(1, 3), ['hello', 'world']);
  const elapsed = await seconds(web, 'create-task');
  assert.ok(elapsed >= 2, `create_task took ${elapsed} s`);
  await screenshot(web, 'say-after-desktop');

  await go(web, '?s=blocking-call&speed=20&lang=en');
  await runToEnd(web);
  const [blocking, threaded] = [await seconds(web, 'blocking'), await seconds(web, 'to-thread')];
  assert.ok(blocking >= 6 && threaded >= 4 && threaded < blocking, `blocking ${blocking} s, to_thread ${threaded} s`);
  assert.deepEqual(await errors(web), []);
});

test('WebKit: Stop ends a run at once; nothing is printed after it', async (t) => {
  const web = await browserFor(t);
  await go(web, '?s=queue-workers&speed=1&lang=en');
  await web.wait(became.elementLocated(By.css('[data-testid="run"]:not([disabled])')), 10_000);
  await web.findElement(By.css('[data-testid="run"]')).click();
  await web.wait(async () => (await web.findElements(By.css('[data-testid="line"]'))).length > 0, 10_000);
  await web.findElement(By.css('[data-testid="stop"]')).click();
  assert.equal(await web.findElement(By.css('[data-testid="app"]')).getAttribute('data-run-state'), 'stopped');
  const count = (await web.findElements(By.css('[data-testid="line"]'))).length;
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal((await web.findElements(By.css('[data-testid="line"]'))).length, count);
  assert.deepEqual(await errors(web), []);
});

test('WebKit: an embed takes commands and posts run-finished to the embedding page', async (t) => {
  const web = await browserFor(t);
  await go(web, 'embed-demo.html', { app: false });
  await web.executeScript(() => document.querySelectorAll('iframe')[1].scrollIntoView());
  const finished = async () => web.executeScript(() => window.__playgroundEvents
    .filter((e) => e.data.type === 'run-finished' && e.data.scenario === 'gather-count').map((e) => e.data));
  // The frame hears commands once its app is up (its ready event may come before the recorder).
  await web.wait(() => web.executeScript(() => Boolean(document.querySelectorAll('iframe')[1].contentDocument?.querySelector('[data-testid="app"] [data-testid="run"]'))), 15_000);
  await web.executeScript(() => document.querySelectorAll('iframe')[1].contentWindow.postMessage({ type: 'run' }, '*'));
  const [event] = await until(finished, (list) => list.length > 0, { timeout: 20_000, what: 'run-finished' });
  assert.equal(event.scenario, 'gather-count');
  assert.ok(event.variants.length > 0 && event.variants.every((v) => v.lines.length > 0));
  await web.executeScript(() => window.scrollTo(0, 0));
  await screenshot(web, 'embed-demo');
  assert.deepEqual(await errors(web), []);
});

test('WebKit: real I/O (fetch, the private file system) and edit mode on CPython', async (t) => {
  const web = await browserFor(t);
  await go(web, '?s=aiohttp-fetch&speed=20&lang=en');
  await runToEnd(web);
  await go(web, '?s=aiofiles-write-read&speed=20&lang=en');
  await runToEnd(web);
  // WebKitGTK has no private file system: the run ends with an OSError that says so, not a
  // broken page. (Where it has one, the text is read back.)
  const read = await web.executeScript(() => [...document.querySelectorAll('[data-testid="line"] .line-text')].map((l) => l.textContent));
  const opfs = await web.executeScript(() => typeof navigator.storage?.getDirectory === 'function');
  if (opfs) assert.ok(read.length > 0 && !read.some((line) => line.startsWith('OSError')), read.join(' | '));
  else assert.deepEqual(read, ["OSError: NotSupportedError: this browser has no private file system (navigator.storage.getDirectory): 'sample.txt'"]);

  await go(web, '?s=say-after&variant=sequential&lang=en');
  await web.wait(became.elementLocated(By.css('[data-testid="edit"]')), 10_000);
  await web.findElement(By.css('[data-testid="edit"]')).click();
  await web.wait(async () => web.executeScript(() => Boolean(document.querySelector('[data-testid="editor"] > div')?.shadowRoot?.querySelector('.cm-content'))), 15_000);
  await web.findElement(By.css('[data-testid="cpython-run"]')).click();
  const verdict = await web.wait(became.elementLocated(By.css('[data-testid="cpython-verdict"]')), 90_000);
  assert.equal(await verdict.getAttribute('data-seconds'), '3');
  await web.wait(became.elementLocated(By.css('[data-testid="cpython-measured"]')), 30_000);
  assert.deepEqual(await errors(web), []);
});

test('WebKit: axe-core finds no violation, light and dark, and the embed on a phone', async (t) => {
  const web = await browserFor(t);
  const found = [];
  for (const [url, where, viewport] of [
    ['?s=say-after&lang=en&theme=light', 'say-after, light', DESKTOP],
    ['?s=say-after&lang=zh&theme=dark', 'say-after, dark', DESKTOP],
    ['?s=say-after&embed=1&lang=zh', 'embed, phone', PHONE],
  ]) {
    await go(web, url, { viewport });
    await web.wait(became.elementLocated(By.css('[data-testid="run"]:not([disabled])')), 10_000);
    // The timeline, its own part of the page, comes after the first drawing.
    await web.wait(became.elementLocated(By.css('[data-testid="timeline"]')), 10_000);
    await web.executeScript(AXE);
    const list = await web.executeAsyncScript((done) => window.axeViolations().then(done));
    found.push(...list.map((line) => `${where}: ${line}`));
    if (where.startsWith('embed')) await screenshot(web, 'embed-phone');
  }
  assert.deepEqual(found, []);
});

test('WebKit: when the loop is held, the columns say their timing is distorted', async (t) => {
  const web = await browserFor(t);
  await go(web, '?s=say-after&speed=1&lang=en');
  await web.wait(became.elementLocated(By.css('[data-testid="run"]:not([disabled])')), 10_000);
  await web.findElement(By.css('[data-testid="run"]')).click();
  await web.wait(async () => (await web.findElements(By.css('[data-testid="line"]'))).length > 0, 10_000);
  // Past the 1 s deadlines: their timers fire about 200 ms late.
  await web.executeScript(() => {
    const end = performance.now() + 1200;
    while (performance.now() < end);
  });
  await web.wait(became.elementLocated(By.css('[data-testid="app"][data-run-state="finished"]')), 20_000);
  const marked = await web.executeScript(() => [...document.querySelectorAll('[data-testid="distorted"]')].map((m) => m.textContent));
  assert.ok(marked.length >= 2, JSON.stringify(marked));
  assert.deepEqual(await errors(web), []);
});
