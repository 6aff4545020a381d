// The page in Firefox ESR (Debian's firefox-esr, installed by scripts/setup), driven by
// puppeteer-core over WebDriver BiDi: no browser download. A well-chosen part of the suite that
// runs in Chromium (the other files): every lesson runs to its end, a link restores its values,
// the embed and its API, Stop, the blocking lesson, real I/O, edit mode on CPython, and axe-core
// finds no violation. Screenshots go to test-output/screenshots/firefox-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AXE } from './axe.mjs';
import { launchFirefox } from './engines.mjs';
import { startServer } from './server.mjs';
import { DESKTOP, PHONE, SCREENSHOTS, recordPlaygroundEvents, until } from './page.mjs';


let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchFirefox();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page in a fresh context at `url`, with its errors and the embed API's events recorded; waits
 * for the app unless `app` is false (a page that embeds it).
 */
async function open(t, url, { viewport = DESKTOP, app = true } = {}) {
  const context = await browser.createBrowserContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.setViewport(viewport);
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.evaluateOnNewDocument(recordPlaygroundEvents);
  await page.goto(`${server.url}/${url}`);
  if (app) await page.waitForSelector('[data-testid="app"]');
  return { page, errors };
}

/** The errors but the refused connection aiohttp-fetch makes on purpose (as in io.test.mjs). */
const unplanned = (errors) => errors.filter((e) => !e.includes('127.0.0.1:1/'));

const runState = (page) => page.$eval('[data-testid="app"]', (app) => app.dataset.runState);
const linesOf = (page, variant) => page.$$eval(`[data-testid="variant-${variant}"] [data-testid="line"] .line-text`,
  (lines) => lines.map((line) => line.textContent));

async function runToEnd(page, { timeout = 30_000 } = {}) {
  await page.click('[data-testid="run"]');
  await page.waitForSelector('[data-testid="app"][data-run-state="finished"]', { timeout });
}

async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `firefox-${name}.png`), fullPage: true });
}

async function violations(page, where) {
  await page.evaluate(AXE);
  const found = await page.evaluate(() => window.axeViolations());
  return found.map((line) => `${where}: ${line}`);
}

test('Firefox: every lesson runs to its end, each column with its elapsed time, without an error', async (t) => {
  const { page, errors } = await open(t, '?lang=en');
  const lessons = await page.$$eval('[data-testid^="pick-"]', (links) => links.map((a) => a.dataset.testid.slice(5)));
  assert.ok(lessons.length >= 20, lessons.join(' '));
  for (const id of lessons) {
    // At ×50 at least: a lesson's own speed where it is faster (the chess exhibition's ×10000).
    await page.goto(`${server.url}/?s=${id}&lang=en`);
    const speed = Number(await (await page.waitForSelector('[data-testid="speed"]')).evaluate((input) => input.value));
    if (speed < 50) await page.goto(`${server.url}/?s=${id}&speed=50&lang=en`);
    await page.waitForSelector('[data-testid="run"]:not([disabled])', { timeout: 10_000 })
      .catch((error) => assert.fail(`${id}: Run stays disabled (${error.message})`));
    await runToEnd(page);
    const columns = await page.$$eval('section.variant', (sections) => sections.map((s) => Boolean(s.querySelector('[data-testid="elapsed"]'))));
    assert.ok(columns.length > 0 && columns.every(Boolean), `${id}: ${JSON.stringify(columns)}`);
  }
  assert.deepEqual(unplanned(errors), []);
});

test('Firefox: say-after in order, a link restores its values, and the blocking lesson freezes the loop', async (t) => {
  const { page, errors } = await open(t, '?s=say-after&speed=20&lang=en&hello_delay=1.5');
  assert.equal(await page.$eval('[data-testid="param-hello_delay"]', (input) => input.value), '1.5');
  await runToEnd(page);
  assert.deepEqual((await linesOf(page, 'create-task')).slice(1, 3), ['hello', 'world']);
  const elapsed = Number(await page.$eval('[data-testid="variant-create-task"] [data-testid="elapsed"]', (e) => e.dataset.seconds));
  assert.ok(elapsed >= 2 && elapsed < 2.6, `create_task took ${elapsed} s`);
  await screenshot(page, 'say-after-desktop');

  await page.goto(`${server.url}/?s=blocking-call&speed=20&lang=en`);
  await page.waitForSelector('[data-testid="run"]:not([disabled])');
  await runToEnd(page);
  const blocking = Number(await page.$eval('[data-testid="variant-blocking"] [data-testid="elapsed"]', (e) => e.dataset.seconds));
  const threaded = Number(await page.$eval('[data-testid="variant-to-thread"] [data-testid="elapsed"]', (e) => e.dataset.seconds));
  assert.ok(blocking >= 6 && threaded >= 4 && threaded < blocking, `blocking ${blocking} s, to_thread ${threaded} s`);
  assert.deepEqual(errors, []);
});

test('Firefox: Stop ends a run at once; nothing is printed after it', async (t) => {
  const { page, errors } = await open(t, '?s=queue-workers&speed=1&lang=en');
  await page.click('[data-testid="run"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="line"]').length > 0);
  await page.click('[data-testid="stop"]');
  assert.equal(await runState(page), 'stopped');
  const count = await page.$$eval('[data-testid="line"]', (lines) => lines.length);
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(await page.$$eval('[data-testid="line"]', (lines) => lines.length), count);
  assert.deepEqual(errors, []);
});

test('Firefox: an embed takes commands and posts run-finished to the embedding page', async (t) => {
  const { page, errors } = await open(t, 'embed-demo.html', { app: false });
  const events = (type) => page.evaluate((want) => window.__playgroundEvents.filter((e) => e.data.type === want), type);
  await page.evaluate(() => document.querySelectorAll('iframe')[1].scrollIntoView());
  await until(() => events('ready'), (list) => list.length === 2, { timeout: 15_000, what: 'two ready events' });
  await page.evaluate(() => document.querySelectorAll('iframe')[1].contentWindow.postMessage({ type: 'run' }, '*'));
  const [finished] = await until(() => events('run-finished'), (list) => list.some((e) => e.frame === 1),
    { timeout: 15_000, what: 'run-finished' }).then((list) => list.filter((e) => e.frame === 1).map((e) => e.data));
  assert.equal(finished.scenario, 'gather-count');
  assert.ok(finished.variants.length > 0 && finished.variants.every((v) => v.lines.length > 0));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'embed-demo');
  assert.deepEqual(errors, []);
});

test('Firefox: real I/O (fetch, the private file system) and edit mode on CPython', async (t) => {
  const { page, errors } = await open(t, '?s=aiohttp-fetch&speed=20&lang=en');
  await runToEnd(page);
  const { page: files } = await open(t, '?s=aiofiles-write-read&speed=20&lang=en');
  await runToEnd(files);
  const read = await files.$$eval('[data-testid="line"] .line-text', (lines) => lines.map((l) => l.textContent));
  assert.ok(read.length > 0 && !read.some((line) => line.startsWith('OSError')), read.join(' | '));

  await page.goto(`${server.url}/?s=say-after&variant=sequential&lang=en`);
  await page.waitForSelector('[data-testid="edit"]');
  await page.click('[data-testid="edit"]');
  await page.waitForSelector('[data-testid="editor"] >>> .cm-content');
  await page.click('[data-testid="cpython-run"]');
  await page.waitForSelector('[data-testid="cpython-verdict"]', { timeout: 90_000 });
  await page.waitForSelector('[data-testid="cpython-measured"]', { timeout: 30_000 });
  assert.equal(await page.$eval('[data-testid="cpython-verdict"]', (v) => v.dataset.seconds), '3');
  assert.deepEqual(unplanned(errors), []);
});

test('Firefox: axe-core finds no violation, light and dark, and the embed on a phone', async (t) => {
  const found = [];
  for (const [url, where, viewport] of [
    ['?s=say-after&lang=en&theme=light', 'say-after, light', DESKTOP],
    ['?s=say-after&lang=zh&theme=dark', 'say-after, dark', DESKTOP],
    ['?s=say-after&embed=1&lang=zh', 'embed, phone', PHONE],
  ]) {
    const { page } = await open(t, url, { viewport });
    await page.waitForSelector('[data-testid="run"]:not([disabled])');
    // The timeline, its own part of the page, comes after the first drawing.
    await page.waitForSelector('[data-testid="timeline"]');
    found.push(...await violations(page, where));
    if (where.startsWith('embed')) await screenshot(page, 'embed-phone');
  }
  assert.deepEqual(found, []);
});

test('Firefox: when the loop is held, the columns say their timing is distorted', async (t) => {
  const { page, errors } = await open(t, '?s=say-after&speed=1&lang=en');
  await page.click('[data-testid="run"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="line"]').length > 0);
  // Past the 1 s deadlines: their timers fire about 200 ms late.
  await page.evaluate(() => {
    const end = performance.now() + 1200;
    while (performance.now() < end);
  });
  await page.waitForSelector('[data-testid="app"][data-run-state="finished"]', { timeout: 20_000 });
  const marked = await page.$$eval('[data-testid="distorted"]', (marks) => marks.map((m) => m.textContent));
  assert.ok(marked.length >= 2, JSON.stringify(marked));
  assert.deepEqual(errors, []);
});
