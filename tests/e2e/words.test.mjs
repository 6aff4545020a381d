// The interface's words come one language at a time (src/lesson/words.rs): the page's own before
// it first draws, the other when the learner switches to it or searches the lessons, which looks
// in both. A switch whose words do not come is said, and the page stays in its language.
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

/** The words files the page has fetched so far, by language (a request the test made fail is not
 * counted). */
const wordsFetched = (page) =>
  page.evaluate(() => {
    const files = performance
      .getEntriesByType('resource')
      .filter((e) => e.responseStatus === 200)
      .map((e) => new URL(e.name).pathname.slice(1));
    return {
      zh: files.filter((f) => /^words\/zh-[0-9a-f]{16}\.txt$/.test(f)).length,
      en: files.filter((f) => /^words\/en-[0-9a-f]{16}\.txt$/.test(f)).length,
    };
  });

test('a page fetches its own language only; a search finds a lesson by its title in the other', async (t) => {
  const playground = await open(`${server.url}/?s=say-after&lang=zh`);
  t.after(() => playground.close());
  const { page } = playground;
  assert.equal(await playground.runButton.textContent(), '运行');
  assert.deepEqual(await wordsFetched(page), { zh: 1, en: 0 });

  // Chinese titles first, then the English ones once their words are in.
  const search = playground.byTestId('picker-search');
  await search.fill('sleeps waiting');
  await playground.byTestId('pick-many-tasks').waitFor();
  assert.equal(await playground.byTestId('pick-many-tasks').locator('.pick-title').textContent(), '成千上万个 sleep 同时等待');
  assert.equal(await playground.byTestId('pick-say-after').count(), 0);
  assert.deepEqual(await wordsFetched(page), { zh: 1, en: 1 });
  await search.fill('成千上万');
  await playground.byTestId('pick-many-tasks').waitFor();
  assert.equal(await page.locator('.picker a').count(), 1);
  assert.deepEqual(playground.errors, []);
});

test('switching the language fetches its words once, then draws in it; a switch whose words fail is said, and tried again', async (t) => {
  const playground = await open(`${server.url}/?s=gather-count&lang=en`);
  t.after(() => playground.close());
  const { page } = playground;
  await playground.byTestId('predicted-elapsed').first().waitFor();
  assert.deepEqual(await wordsFetched(page), { zh: 0, en: 1 });

  await page.route('**/words/zh-*.txt', (route) => route.abort());
  await playground.byTestId('lang-toggle').click();
  const failed = playground.byTestId('words-failed');
  await failed.waitFor({ timeout: 10_000 });
  assert.equal(await failed.textContent(), 'The Chinese interface did not load (is the network down?).');
  assert.equal(await playground.runButton.textContent(), 'Run', 'the page stays in English');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');

  await page.unroute('**/words/zh-*.txt');
  await playground.byTestId('lang-toggle').click();
  await playground.runButton.filter({ hasText: '运行' }).waitFor();
  await playground.waitForQuery('s=gather-count&lang=zh');
  assert.equal(await failed.count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await playground.byTestId('scenario-title').textContent(), 'gather：两个 count 同时运行');

  // And back: English is in already, so nothing is fetched.
  await playground.byTestId('lang-toggle').click();
  await playground.runButton.filter({ hasText: 'Run' }).waitFor();
  assert.deepEqual(await wordsFetched(page), { zh: 1, en: 1 });
  // The failed switch tried three times; nothing else went wrong.
  assert.equal(playground.errors.length, 3, JSON.stringify(playground.errors));
  assert.ok(playground.errors.every((e) => /Failed to load resource.*\/words\/zh-/.test(e)), JSON.stringify(playground.errors));
});
