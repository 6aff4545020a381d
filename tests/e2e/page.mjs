// Page object for the playground: the specs speak in runs, variants, lines and elapsed times,
// and only this file knows the DOM contract (data-testid names and attributes).
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// Debian's chromium, never a downloaded one (nothing but package registries is reachable).
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// As root in a container: no sandbox, and nothing that phones home or waits on a GPU.
// playwright adds --headless itself and gives each launch a fresh temporary --user-data-dir.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOTS = resolve(fileURLToPath(new URL('../../test-output/screenshots', import.meta.url)));

let browser = null;

/** One browser per test file; each `open` gets its own context (fresh storage). */
async function sharedBrowser() {
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return browser;
}

/** Call from the spec's `after` hook. */
export async function closeBrowser() {
  if (browser) await (await browser).close();
  browser = null;
}

/**
 * Records every embed API event that reaches the top-level page, with the index of the iframe
 * that posted it (-1: the page itself), before any of the page's own scripts run.
 */
export function recordPlaygroundEvents() {
  if (window !== window.top) return;
  window.__playgroundEvents = [];
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.source !== 'coroutine-playground') return;
    const frames = [...document.querySelectorAll('iframe')];
    window.__playgroundEvents.push({ frame: frames.findIndex((f) => f.contentWindow === event.source), data });
  });
}

/** Makes the clipboard refuse every write, as a browser without permission does. */
function refuseClipboard() {
  if (!navigator.clipboard) return;
  const refuse = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  Object.defineProperty(navigator.clipboard, 'writeText', { value: refuse });
}

/**
 * A new context (fresh storage) and page for `url`, with the events recorder installed.
 * `clipboard`: 'grant' allows the clipboard, 'refuse' makes it refuse; `colorScheme` and `locale`
 * stand for the system's preferences; `hasTouch` makes it a touch screen; `link`: network
 * conditions for Chromium's emulation (`SLOW_LINK`); `init`: a function run before the page's own
 * scripts.
 */
export async function newPage(url, { viewport = DESKTOP, clipboard, colorScheme = 'light', locale = 'en-US', hasTouch = false, link, init } = {}) {
  const context = await (await sharedBrowser()).newContext({ viewport, colorScheme, locale, hasTouch });
  if (clipboard === 'grant') {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  }
  const page = await context.newPage();
  // The page is local and renders in milliseconds: fail in seconds, not playwright's default 30.
  page.setDefaultTimeout(5_000);
  await page.addInitScript(recordPlaygroundEvents);
  if (clipboard === 'refuse') await page.addInitScript(refuseClipboard);
  if (init) await page.addInitScript(init);
  if (link) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', link);
  }
  return { context, page };
}

/** Opens `url` in a new context and waits for the app root to render. Options: see `newPage`. */
export async function open(url, options) {
  const { context, page } = await newPage(url, options);
  const playground = new Playground(context, page);
  await page.goto(url);
  await playground.app.waitFor({ state: 'visible' });
  return playground;
}

/** A link of 100 ms latency and 10 Mbit/s each way, for Chromium's network emulation. */
export const SLOW_LINK = { offline: false, latency: 100, downloadThroughput: 1_250_000, uploadThroughput: 1_250_000 };

/** Opens `url` in a new context on `SLOW_LINK` and waits for the page's `ready` event. Options: see `newPage`. */
export async function openOnSlowLink(url, options) {
  const { context, page } = await newPage(url, { ...options, link: SLOW_LINK });
  const playground = new Playground(context, page);
  await page.goto(url);
  await playground.waitForEvents('ready', { timeout: 20_000 });
  return playground;
}

/** Opens a page that embeds playgrounds (the embed demo) and waits for every one to render. */
export async function openEmbedding(url, options) {
  const { context, page } = await newPage(url, options);
  const embedding = new Embedding(context, page);
  await page.goto(url);
  const count = await page.locator('iframe').count();
  for (let i = 0; i < count; i++) {
    // The frames load lazily: bring each into view, then wait for its app.
    await page.locator('iframe').nth(i).scrollIntoViewIfNeeded();
    await embedding.frame(i).app.waitFor({ state: 'visible', timeout: 10_000 });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return embedding;
}

/** Polls `read` until `accept` holds for what it returns; returns that, or throws with the last. */
export async function until(read, accept, { timeout = 5_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Console errors and warnings of a page (and its frames), and the events it recorded. */
class Observed {
  /** `shared`: an `Observed` of the same page whose records this one reads (for a frame). */
  constructor(page, shared = null) {
    this.page = page;
    if (shared) {
      this.errors = shared.errors;
      this.warnings = shared.warnings;
      return;
    }
    /** Uncaught exceptions and console errors (a Rust panic lands here); specs assert it is empty. */
    this.errors = [];
    /** Console warnings, `{ text, url }`: the embed API's refusals. */
    this.warnings = [];
    page.on('pageerror', (err) => this.errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // Chromium asks for /favicon.ico on its own; a 404 for it says nothing about the app.
      if (msg.location().url.endsWith('/favicon.ico')) return;
      if (msg.type() === 'error') this.errors.push(`console: ${msg.text()} (${msg.location().url})`);
      if (msg.type() === 'warning') this.warnings.push({ text: msg.text(), url: msg.location().url });
    });
  }

  /** The embed API events the top-level page received so far: `[{ frame, data }]`. */
  async events() {
    return this.page.evaluate(() => window.__playgroundEvents);
  }

  /** The events of one type (from one frame, if given), as their data. */
  async eventsOf(type, { frame } = {}) {
    const events = await this.events();
    return events.filter((e) => e.data.type === type && (frame === undefined || e.frame === frame)).map((e) => e.data);
  }

  /** Waits until there are at least `count` events of `type` (from `frame`), returns them all. */
  async waitForEvents(type, { frame, count = 1, timeout = 10_000 } = {}) {
    return until(() => this.eventsOf(type, { frame }), (list) => list.length >= count, { timeout, what: `${count} ${type} event(s)` });
  }

  /** Waits for a console warning that contains every one of `parts`. */
  async waitForWarning(parts, { timeout = 5_000 } = {}) {
    return until(
      async () => this.warnings,
      (list) => list.some((w) => parts.every((p) => w.text.includes(p))),
      { timeout, what: `a warning with ${JSON.stringify(parts)}` },
    ).then((list) => list.find((w) => parts.every((p) => w.text.includes(p))));
  }

  /** Saves a full-page PNG as test-output/screenshots/<name>.png and returns its path. */
  async screenshot(name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = resolve(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  /** Saves a PNG of one element (by data-testid) as test-output/screenshots/<name>.png. */
  async screenshotOf(testId, name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = resolve(SCREENSHOTS, `${name}.png`);
    await this.byTestId(testId).screenshot({ path });
    return path;
  }

  async setViewport(size) {
    await this.page.setViewportSize(size);
  }
}

/** A page with embedded playgrounds: each frame is a `Playground` scoped to its iframe. */
export class Embedding extends Observed {
  constructor(context, page) {
    super(page);
    this.context = context;
  }

  iframe(index) {
    return this.page.locator('iframe').nth(index);
  }

  /** The playground in the `index`th iframe, its locators scoped to that frame. */
  frame(index) {
    return new Playground(this.context, this.page, this.page.frameLocator('iframe').nth(index), this);
  }

  /** The iframe's playwright Frame, to evaluate code in the embedded document. */
  async contentFrame(index) {
    return (await this.iframe(index).elementHandle()).contentFrame();
  }

  /** Posts `message` to the `index`th frame, as the embedding page. */
  async post(index, message) {
    await this.page.evaluate(([i, m]) => document.querySelectorAll('iframe')[i].contentWindow.postMessage(m, '*'), [index, message]);
  }

  /**
   * The iframe's height beside its document's, and whether the document scrolls inside the
   * frame: `{ frameHeight, documentHeight, scrollsY, scrollsX }`.
   */
  async fit(index) {
    const frameHeight = await this.iframe(index).evaluate((f) => f.getBoundingClientRect().height);
    const inner = await (await this.contentFrame(index)).evaluate(() => {
      const root = document.documentElement;
      return {
        documentHeight: root.getBoundingClientRect().height,
        scrollsY: root.scrollHeight > root.clientHeight,
        scrollsX: root.scrollWidth > root.clientWidth,
      };
    });
    return { frameHeight, ...inner };
  }

  /** Waits until the frame's height is its document's (±2 px) and nothing scrolls inside it. */
  async waitForFit(index) {
    return until(
      () => this.fit(index),
      (f) => Math.abs(f.frameHeight - f.documentHeight) <= 2 && !f.scrollsY && !f.scrollsX,
      { what: `iframe ${index} to fit its content` },
    );
  }

  async close() {
    await this.context.close();
  }
}

/**
 * One playground: the page itself, or an embedded one (then `root` is its frame's locator and
 * `observed` the embedding page's console and events).
 */
export class Playground extends Observed {
  constructor(context, page, root = page, observed = null) {
    super(page, observed);
    this.context = context;
    this.root = root;
  }

  byTestId(id) {
    return this.root.locator(`[data-testid="${id}"]`);
  }

  get app() {
    return this.byTestId('app');
  }

  get runButton() {
    return this.byTestId('run');
  }

  param(name) {
    return this.byTestId(`param-${name}`);
  }

  paramError(name) {
    return this.byTestId(`param-error-${name}`);
  }

  variant(name) {
    return this.byTestId(`variant-${name}`);
  }

  /** `idle` | `running` | `finished` */
  async runState() {
    return this.app.getAttribute('data-run-state');
  }

  async run() {
    await this.runButton.click();
  }

  /** Waits for `data-run-state="finished"` on the app root. */
  async waitForFinished({ timeout = 10_000 } = {}) {
    await this.root.locator('[data-testid="app"][data-run-state="finished"]').waitFor({ timeout });
  }

  /** The column's stdout lines in DOM order: `[{ text, t }]`, `t` in tutorial seconds. */
  async linesOf(variant, stream = 'stdout') {
    return this.variant(variant)
      .locator(`[data-testid="line"][data-stream="${stream}"]`)
      .evaluateAll((lines) =>
        lines.map((line) => ({
          text: line.querySelector('.line-text')?.textContent.trim() ?? null,
          t: parseFloat(line.querySelector('.line-t')?.textContent ?? 'NaN'),
        })),
      );
  }

  /** The column's measured elapsed time in tutorial seconds (its `data-seconds`). */
  async elapsedOf(variant) {
    const elapsed = this.variant(variant).locator('[data-testid="elapsed"]');
    return parseFloat(await elapsed.getAttribute('data-seconds'));
  }

  /**
   * The code lines marked as where tasks are, in the `python` or `rust` pane: `[{ line, code, tasks }]`,
   * `code` the marked line's text (trimmed), `tasks` its label (`Task-2 Task-3`).
   */
  async codeMarks(language) {
    return this.byTestId('code')
      .locator(`pre.language-${language}`)
      .evaluate((pre) => {
        const lines = pre.querySelector('code').textContent.split('\n');
        return [...pre.querySelectorAll('[data-testid="code-mark"]')].map((mark) => {
          const line = Number(mark.dataset.line);
          return { line, code: lines[line - 1].trim(), tasks: mark.textContent };
        });
      });
  }

  /** The names of the variant columns shown, in order. */
  async columnNames() {
    return this.root.locator('section.variant').evaluateAll((columns) =>
      columns.map((c) => c.getAttribute('data-testid').replace(/^variant-/, '')),
    );
  }

  /** The value typed in a parameter's field (`speed` for the speed). */
  async fieldValue(name) {
    return (name === 'speed' ? this.byTestId('speed') : this.param(name)).inputValue();
  }

  /** Waits until a parameter's field (`speed` for the speed) holds `value`. */
  async waitForField(name, value) {
    return until(() => this.fieldValue(name), (v) => v === value, { what: `${name} = ${value}` });
  }

  /** The notices shown about the link, as text. */
  async notices() {
    return this.root.locator('[data-testid="notices"] li').allTextContents();
  }

  /** `lang` and `data-theme` of the document, and the background colour its theme gives. */
  async documentLook() {
    return this.root.locator('html').evaluate((html) => ({
      lang: html.getAttribute('lang'),
      theme: html.getAttribute('data-theme'),
      background: getComputedStyle(html).backgroundColor,
    }));
  }

  /** The query string in the address bar, without `?`. */
  query() {
    return new URL(this.page.url()).search.replace(/^\?/, '');
  }

  /** Waits until the address bar's query string is `query`. */
  async waitForQuery(query) {
    return until(async () => this.query(), (q) => q === query, { what: `the query ${query}` });
  }

  /** Posts `message` to this (top-level) page, as an embedding page would to its frame. */
  async post(message) {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Reads the clipboard (needs `clipboard: 'grant'`). */
  async clipboard() {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async close() {
    await this.context.close();
  }
}

/** Replaces the editor's whole text, as a paste would. */
export async function replaceText(page, text) {
  const editor = page.byTestId('editor').locator('.cm-content');
  await editor.waitFor();
  await editor.click();
  await page.page.keyboard.press('Control+A');
  // A paste event, which CodeMirror reads itself. (Text typed over a selection across lines is
  // put in by Chromium's own editing first, which tries a style attribute that the page's CSP
  // refuses, with a console error; CodeMirror then redraws it all the same.)
  await editor.evaluate((content, pasted) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', pasted);
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, text);
}
