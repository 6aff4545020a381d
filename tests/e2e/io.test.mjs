// Real I/O in the built page: aiohttp's requests are the browser's fetch of pages the playground
// serves, aiofiles' file lives in the Origin Private File System, and as_completed's updates are
// fetched too. The network here is loopback, so each stand-in page gets a latency of its own
// (the test's route holds the response back, as a slow server would): the order and the times
// in the trace are then those of real requests that take that long.
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

/**
 * Real milliseconds each stand-in takes to answer, the second page slower as in the tutorial, and
 * far enough apart that a busy machine's jitter cannot swap them.
 */
const LATENCY_MS = { 'stardust567.github.io.html': 400, 'jotang.club.html': 800 };

/**
 * Holds back every response under sites/ by its latency and counts the requests that reached
 * the server, by file name.
 */
async function slowSites(page, latencies = {}) {
  const served = {};
  await page.context.route('**/sites/**', async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    served[name] = (served[name] ?? 0) + 1;
    await new Promise((ok) => setTimeout(ok, latencies[name] ?? 0));
    await route.continue();
  });
  return served;
}

/** The console errors that are not the refused connection this scenario makes on purpose. */
function unexpectedErrors(page) {
  return page.errors.filter((e) => !e.includes('127.0.0.1:1/'));
}

const SENT = (url) => `发送请求： ${url}`;
const GOT = (url, chars) => `得到结果： ${url} ${chars}`;
const GITHUB = 'https://stardust567.github.io';
const JOTANG = 'https://jotang.club';
const REFUSED = /^Cannot connect to host stardust567\.top:443 ssl:False \[TypeError: .+\]$/;

test('aiohttp-fetch: real requests, in flight together as tasks and one by one when awaited in turn', async (t) => {
  const page = await open(`${server.url}/?s=aiohttp-fetch&speed=1&lang=zh`);
  t.after(() => page.close());
  const served = await slowSites(page, LATENCY_MS);
  // Before the run: the prediction's latencies are said to be the tutorial's, a model, in the
  // columns and on each I/O bar of the timeline.
  assert.equal(await page.byTestId('io-modelled').count(), 2);
  const barTitles = () => page.byTestId('io-bar').evaluateAll((bars) => bars.map((b) => b.textContent));
  // The timeline comes after the first drawing (its own part of the page).
  await page.byTestId('io-bar').first().waitFor();
  const modelled = await barTitles();
  assert.equal(modelled.length, 6, `three requests in each variant: ${modelled}`);
  for (const title of modelled) assert.match(title, / · 预测：延迟是教程给的模型，不是测量$/);
  assert.ok((await page.byTestId('io-bar-label').allTextContents()).includes('模型'));
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });

  // Both variants ran, each fetching both pages over the network (no cache).
  assert.deepEqual(served, { 'stardust567.github.io.html': 2, 'jotang.club.html': 2 });

  const concurrent = await page.linesOf('create-task');
  const texts = concurrent.map((l) => l.text);
  assert.deepEqual(texts.slice(0, 3), [SENT(GITHUB), SENT('https://stardust567.top'), SENT(JOTANG)]);
  // The refused connection fails at once; then the pages arrive in the order of their latencies.
  assert.match(texts[3], REFUSED);
  assert.deepEqual(texts.slice(4), [GOT(GITHUB, 76565), GOT(JOTANG, 6852)]);
  for (const line of concurrent.slice(3)) assert.ok(line.t > 0, `${line.text} at ${line.t} s`);
  assert.ok(concurrent[4].t >= 0.4, `the github page took its 400 ms: at ${concurrent[4].t} s`);
  assert.ok(concurrent[5].t >= 0.8, `the jotang page took its 800 ms: at ${concurrent[5].t} s`);

  const sequential = await page.linesOf('sequential');
  const order = sequential.map((l) => l.text);
  assert.deepEqual(order.slice(0, 3), [SENT(GITHUB), GOT(GITHUB, 76565), SENT('https://stardust567.top')]);
  assert.match(order[3], REFUSED);
  assert.deepEqual(order.slice(4), [SENT(JOTANG), GOT(JOTANG, 6852)]);
  assert.ok(sequential[1].t >= 0.4, `github at ${sequential[1].t} s`);
  assert.ok(sequential[5].t >= 1.2, `jotang, sent after github's answer, at ${sequential[5].t} s`);

  const [together, inTurn] = [await page.elapsedOf('create-task'), await page.elapsedOf('sequential')];
  assert.ok(together >= 0.8 && together < inTurn, `create_task + wait took ${together} s, one by one ${inTurn} s`);
  // Real I/O reads truly: each column says what its requests took in real milliseconds, and is
  // not set against the prediction's modelled latencies (no difference is printed).
  const readings = page.byTestId('io-reading');
  assert.equal(await readings.count(), 2);
  const [concurrentIo, sequentialIo] = await readings.evaluateAll((ps) => ps.map((p) => [p.textContent, Number(p.dataset.ms)]));
  assert.match(concurrentIo[0], /^真实 I\/O：3 次操作，共 \d+\.\d 毫秒（真实时间，不随速度缩放；最长的一次 \d+\.\d 毫秒）。预测里的延迟（1, 2, 1\.5 秒）是教程给的模型/);
  assert.ok(concurrentIo[1] >= 1200 && sequentialIo[1] >= 1200, `the two pages' 400 + 800 ms: ${concurrentIo[1]}, ${sequentialIo[1]}`);
  assert.doesNotMatch(await page.variant('create-task').getByTestId('elapsed').textContent(), /\([+-]/);
  // The measured timeline's I/O bars say their real milliseconds: the stand-ins' 400 and 800 ms,
  // which no speed scales.
  const real = (await barTitles()).map((title) => {
    const ms = title.match(/ · 真实 I\/O 用了 (\d+\.\d) 毫秒（真实时间，不随速度缩放）$/);
    assert.ok(ms, title);
    return Number(ms[1]);
  });
  assert.equal(real.length, 6);
  assert.equal(real.filter((ms) => ms >= 400).length, 4, `github's and jotang's requests, in each variant: ${real}`);
  assert.equal(real.filter((ms) => ms >= 800).length, 2, `${real}`);
  const labels = await page.byTestId('io-bar-label').allTextContents();
  assert.ok(labels.some((l) => /^\d{3,} ms$/.test(l) && Number.parseInt(l, 10) >= 800), `${labels}`);
  // The page's Content-Security-Policy is what refuses the stand-in for the unreachable host.
  assert.ok(page.errors.some((e) => e.includes('127.0.0.1:1/') && e.includes('Content Security Policy')), page.errors.join('\n'));
  assert.deepEqual(unexpectedErrors(page), []);
  await page.screenshot('aiohttp-fetch-desktop');
});

test('aiofiles-write-read: the text is written to the private file system and read back', async (t) => {
  const page = await open(`${server.url}/?s=aiofiles-write-read&speed=1`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();

  const lines = await page.linesOf('write-then-read');
  assert.deepEqual(lines.map((l) => l.text), ['欢迎来到异步世界！']);
  assert.ok(lines[0].t > 0, `read back at ${lines[0].t} s`);
  // The file is really there, for any script of the page's origin.
  const stored = await page.page.evaluate(async () => {
    const directory = await navigator.storage.getDirectory();
    return (await (await directory.getFileHandle('sample.txt')).getFile()).text();
  });
  assert.equal(stored, '欢迎来到异步世界！');
  assert.deepEqual(page.errors, []);
  await page.screenshot('aiofiles-write-read-desktop');
});

test('aiofiles-write-read: without a private file system the run ends with an OSError line', async (t) => {
  const page = await open(`${server.url}/?s=aiofiles-write-read&speed=1`);
  t.after(() => page.close());
  // A browser without OPFS, as an older one is.
  await page.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined, configurable: true });
  });
  await page.page.reload();
  await page.app.waitFor({ state: 'visible' });
  await page.run();
  await page.waitForFinished();

  assert.deepEqual(await page.linesOf('write-then-read'), []);
  const raised = await page.variant('write-then-read').locator('.exit.raised code').textContent();
  assert.equal(raised, "OSError: NotSupportedError: this browser has no private file system (navigator.storage.getDirectory): 'sample.txt'");
  assert.deepEqual(page.errors, []);
  await page.screenshot('aiofiles-write-read-no-opfs-desktop');
});

test('as-completed-progress: the article\'s program fails for want of argv[1]; completed, each update is a real fetch and the bar moves as they finish', async (t) => {
  // At the tutorial's speed the rows finish 500 ms apart: more than a busy machine's jitter.
  const page = await open(`${server.url}/?s=as-completed-progress&speed=1`);
  t.after(() => page.close());
  const served = await slowSites(page);
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });

  // As written, it stops at `read(argv[1])`, before any request.
  assert.deepEqual((await page.linesOf('as-written', 'stderr')).map((l) => l.text), ['IndexError: list index out of range']);
  // Completed, the six rows, each fetched once.
  assert.deepEqual(served, { '1.json': 1, '2.json': 1, '3.json': 1, '4.json': 1, '5.json': 1, '6.json': 1 });
  // (Trimmed: the header's leading spaces are the index column's.)
  const printed = (await page.linesOf('completed')).map((l) => l.text);
  assert.deepEqual(printed, ['id    msg', '1   2  msg 2', '2   3  msg 3', '3   4  msg 4', '4   5  msg 5', '5   6  msg 6', 'Press Enter to continue...']);
  // tqdm's bar, on stderr: a step as each update finishes (rows 2, 4, 5, 6, 1, 3: 1.1 s to 4.1 s).
  const bars = await page.linesOf('completed', 'stderr');
  assert.deepEqual(bars.map((l) => l.text.trim().split(' ').at(-1)), ['0/6', '1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
  const due = [0, 1.1, 1.6, 2.1, 2.6, 3.1, 4.1];
  bars.forEach((bar, k) => assert.ok(bar.t >= due[k] - 0.001 && bar.t < due[k] + 0.4, `${bar.text} at ${bar.t} s, due at ${due[k]}`));
  assert.deepEqual(page.errors, []);
  await page.screenshot('as-completed-progress-desktop');
});
