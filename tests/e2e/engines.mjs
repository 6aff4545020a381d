// Browsers other than Chromium, for the end-to-end files of each engine and scripts/bench: Debian's
// Firefox ESR (puppeteer-core over WebDriver BiDi) and Debian's WebKitGTK (its MiniBrowser, on a
// virtual X display of its own, through WebKitWebDriver and selenium-webdriver). Nothing here
// downloads a browser; scripts/setup installs them.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import { until } from './page.mjs';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Firefox ESR, headless. */
export function launchFirefox() {
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
}

/** A free TCP port on loopback. */
async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/**
 * Starts Xvfb (MiniBrowser is a GTK window) and WebKitWebDriver on it. Resolves to
 * `{ session(), stop() }`: `session()` opens a fresh MiniBrowser (its own storage) as a
 * selenium WebDriver; WebKitWebDriver allows one at a time, so quit each before the next.
 */
export async function startWebKit() {
  const display = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const number = await new Promise((ok, fail) => {
    display.stdout.once('data', (data) => ok(String(data).trim()));
    display.once('exit', (code) => fail(new Error(`Xvfb exited (${code})`)));
  });
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: `:${number}` }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await until(() => fetch(`${url}/status`).then((r) => r.ok, () => false), Boolean, { timeout: 10_000, what: 'WebKitWebDriver' });
  return {
    session: () => new Builder().usingServer(url).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build(),
    stop() {
      driver.kill();
      display.kill();
    },
  };
}
