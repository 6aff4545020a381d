// as_completed's progress bar (the article's tqdm) advances as each result arrives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { closeBrowser, open } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

test('as-completed-progress: the bar passes through partial values as the updates finish', async (t) => {
  // 1 tutorial second = 250 ms: results arrive from 1.1 s (275 ms) to 4.1 s (1 s).
  const page = await open(`${server.url}/?s=as-completed-progress&speed=4`);
  t.after(() => page.close());
  const bar = page.variant('completed').locator('[data-testid="progress"]');
  assert.equal(await bar.getAttribute('data-done'), '0');
  assert.equal(await bar.getAttribute('data-total'), '6');
  // The article's program as written fails before it draws a bar.
  assert.equal(await page.variant('as-written').locator('[data-testid="progress"]').count(), 0);
  const seen = new Set();
  await page.run();
  while ((await page.runState()) !== 'finished') seen.add(await bar.getAttribute('data-done'));
  await page.page.waitForFunction(() => document.querySelector('[data-testid="progress"]').dataset.done === '6');
  const partial = [...seen].filter((v) => v !== '0' && v !== '6');
  assert.ok(partial.length >= 2, `the bar showed ${[...seen]}`);
  await page.screenshot('as-completed-progress-bar');
});
