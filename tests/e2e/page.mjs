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

/** Opens `url` in a new context and waits for the app root to render. */
export async function open(url, { viewport = DESKTOP } = {}) {
  const context = await (await sharedBrowser()).newContext({ viewport });
  const page = await context.newPage();
  // The page is local and renders in milliseconds: fail in seconds, not playwright's default 30.
  page.setDefaultTimeout(5_000);
  const playground = new Playground(context, page);
  await page.goto(url);
  await playground.app.waitFor({ state: 'visible' });
  return playground;
}

export class Playground {
  constructor(context, page) {
    this.context = context;
    this.page = page;
    /** Uncaught exceptions and console errors (a Rust panic lands here); specs assert it is empty. */
    this.errors = [];
    page.on('pageerror', (err) => this.errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // Chromium asks for /favicon.ico on its own; a 404 for it says nothing about the app.
      if (msg.type() !== 'error' || msg.location().url.endsWith('/favicon.ico')) return;
      this.errors.push(`console: ${msg.text()} (${msg.location().url})`);
    });
  }

  byTestId(id) {
    return this.page.locator(`[data-testid="${id}"]`);
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
    await this.page.locator('[data-testid="app"][data-run-state="finished"]').waitFor({ timeout });
  }

  /** The column's printed lines in DOM order: `[{ text, t }]`, `t` in tutorial seconds. */
  async linesOf(variant) {
    return this.variant(variant)
      .locator('[data-testid="line"]')
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

  async setViewport(size) {
    await this.page.setViewportSize(size);
  }

  /** Saves a full-page PNG as test-output/screenshots/<name>.png and returns its path. */
  async screenshot(name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = resolve(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  async close() {
    await this.context.close();
  }
}
