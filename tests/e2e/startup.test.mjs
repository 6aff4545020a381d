// Start-up on a slow link (100 ms, 10 Mbit/s): what the first drawing waits for (the linked
// lesson's wasm chunks, its notice, the words of the page's language) is asked for by index.html's preload script while the app's
// wasm downloads, not after it, and each file is fetched once: the app's own requests take the
// preloads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { closeBrowser, openOnSlowLink } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

/**
 * Opens `query` on a slow link (`SLOW_LINK`), with `init` run before the page's scripts, until
 * `ready`. Gives the page, what its preload script asked for (paths) and every resource it
 * fetched: `{ path, start, end }`, ms from the navigation's start.
 */
async function openSlow(query, init) {
  const playground = await openOnSlowLink(`${server.url}/${query}`, { init });
  const found = await playground.page.evaluate(() => ({
    preloaded: [...document.querySelectorAll('link[rel="preload"][as="fetch"]:not([integrity])')].map(
      (link) => new URL(link.href).pathname.slice(1),
    ),
    resources: performance
      .getEntriesByType('resource')
      .map((e) => ({ path: new URL(e.name).pathname.slice(1), start: e.startTime, end: e.responseEnd })),
  }));
  return { playground, ...found };
}

/** The words file of `lang` (src/lesson/words.rs), named with the build's id. */
const WORDS = { zh: /^words\/zh-[0-9a-f]{16}\.txt$/, en: /^words\/en-[0-9a-f]{16}\.txt$/ };

/** Waits long enough for Chromium's warning about a preload nobody took ("…preloaded using link
 * preload but not used within a few seconds from the window's load event"), and gives them. */
async function unusedPreloads(playground) {
  await playground.page.waitForTimeout(4_000);
  return playground.warnings.filter((w) => w.text.includes('preloaded using link preload but not used'));
}

test('a linked lesson: its chunks, notice and words are asked for while the app downloads, each fetched once', async () => {
  const { playground, preloaded, resources } = await openSlow('?s=queue-workers&lang=en');
  assert.ok(preloaded.includes('split_queue_workers.wasm'), `the lesson's own chunk: ${preloaded}`);
  assert.ok(preloaded.includes('notices/queue-workers.en.txt'), `the lesson's notice: ${preloaded}`);
  assert.ok(preloaded.some((path) => /^chunk_\d+\.wasm$/.test(path)), `the chunks the lesson waits for: ${preloaded}`);
  assert.ok(preloaded.some((path) => WORDS.en.test(path)), `the English words: ${preloaded}`);
  assert.ok(!preloaded.some((path) => WORDS.zh.test(path)), `not the Chinese: ${preloaded}`);
  const app = resources.find((r) => r.path.endsWith('_bg.wasm'));
  for (const path of preloaded) {
    const fetched = resources.filter((r) => r.path === path);
    assert.equal(fetched.length, 1, `${path} is fetched once, not ${fetched.length} times`);
    assert.ok(fetched[0].start < app.end, `${path} is asked for at ${fetched[0].start.toFixed(0)} ms, before the app's wasm is in at ${app.end.toFixed(0)}`);
  }
  await playground.byTestId('notice-text').waitFor();
  assert.deepEqual(await unusedPreloads(playground), [], 'every preload is taken');
  assert.deepEqual(playground.errors, []);
  await playground.close();
});

test('the default lesson in Chinese: only its notice and words; keys given twice; an embed: chunks and words, no notice', async () => {
  const bare = await openSlow('?lang=zh');
  assert.equal(bare.preloaded.length, 2, `${bare.preloaded}`);
  assert.match(bare.preloaded[0], WORDS.zh);
  assert.equal(bare.preloaded[1], 'notices/say-after.zh.txt');
  assert.deepEqual(await unusedPreloads(bare.playground), []);
  await bare.playground.close();

  // An unknown lesson opens the default one, as the page says (a notice of its own).
  const unknown = await openSlow('?s=no-such-lesson&lang=en&embed=1');
  assert.equal(unknown.preloaded.length, 1, `${unknown.preloaded}`);
  assert.match(unknown.preloaded[0], WORDS.en);
  await unknown.playground.close();

  // Keys given twice are read as the page reads them: the first `s`, the last valid `lang`, the
  // last `embed`.
  const twice = await openSlow('?s=gather-count&s=hello-world&lang=en&lang=xx&embed=1&embed=0');
  assert.ok(twice.preloaded.includes('split_gather_count.wasm'), `${twice.preloaded}`);
  assert.ok(twice.preloaded.includes('notices/gather-count.en.txt'), `${twice.preloaded}`);
  assert.ok(twice.preloaded.some((path) => WORDS.en.test(path)), `${twice.preloaded}`);
  assert.deepEqual(await unusedPreloads(twice.playground), []);
  await twice.playground.close();

  const embed = await openSlow('?s=hello-world&embed=1&lang=en');
  assert.ok(embed.preloaded.includes('split_hello_world.wasm'), `${embed.preloaded}`);
  assert.ok(!embed.preloaded.some((path) => path.startsWith('notices/')), `an embed shows no notice: ${embed.preloaded}`);
  assert.ok(embed.preloaded.some((path) => WORDS.en.test(path)), `an embed has words: ${embed.preloaded}`);
  assert.deepEqual(await unusedPreloads(embed.playground), []);
  await embed.playground.close();
});

test('the check sees a preload nobody takes', async () => {
  const { playground } = await openSlow('?s=say-after&lang=en', () => {
    document.addEventListener('DOMContentLoaded', () => {
      const link = document.createElement('link');
      Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: 'notices/hello-world.en.txt' });
      document.head.append(link);
    });
  });
  const unused = await unusedPreloads(playground);
  assert.equal(unused.length, 1, JSON.stringify(playground.warnings));
  assert.ok(unused[0].text.includes('notices/hello-world.en.txt'), unused[0].text);
  await playground.close();
});
