// as_completed's progress bar (the tutorial's tqdm) advances as each result arrives; with gather
// it only moves at the end.
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

test('as-completed-progress: the bar passes through partial values with as_completed, not with gather', async (t) => {
  // 1 tutorial second = 250 ms: results arrive from 1.1 s (275 ms) to 4.1 s (1 s).
  const page = await open(`${server.url}/?s=as-completed-progress&speed=4`);
  t.after(() => page.close());
  const bar = (variant) => page.variant(variant).locator('[data-testid="progress"]');
  assert.equal(await bar('as-completed').getAttribute('data-done'), '0');
  assert.equal(await bar('as-completed').getAttribute('data-total'), '6');
  const seen = { 'as-completed': new Set(), gather: new Set() };
  await page.run();
  while ((await page.runState()) !== 'finished') {
    for (const variant of Object.keys(seen)) seen[variant].add(await bar(variant).getAttribute('data-done'));
  }
  await page.page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="progress"]')].every((b) => b.dataset.done === '6'),
  );
  const partial = (variant) => [...seen[variant]].filter((v) => v !== '0' && v !== '6');
  assert.ok(partial('as-completed').length >= 2, `as_completed showed ${[...seen['as-completed']]}`);
  assert.deepEqual(partial('gather'), [], 'gather reports only at the end');
  await page.screenshot('as-completed-progress-bar');
});
