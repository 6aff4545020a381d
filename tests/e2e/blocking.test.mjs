// A blocking call really freezes the page; to_thread really runs on a Web Worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { closeBrowser, open } from './page.mjs';

// 1 tutorial second = 100 ms real: the 2 s blocking call freezes the page for 200 ms.
const SPEED = 10;
const TOLERANCE = 0.3;

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

function assertNear(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: expected ${expected} ± ${TOLERANCE}, got ${actual}`);
}

test('blocking-call: the blocking variant takes 6 s and freezes the heartbeat, to_thread takes 4 s', async (t) => {
  const page = await open(`${server.url}/?s=blocking-call&speed=${SPEED}`);
  t.after(() => page.close());
  await page.byTestId('freeze-warning').waitFor();
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });

  const blocking = await page.linesOf('blocking');
  assert.deepEqual(blocking.map((l) => l.text), ['异步任务 1 结束', '异步任务 2 结束', '阻塞 2 秒']);
  assertNear(blocking[0].t, 3, 'blocking: task 1 ends after the 2 s block and its 1 s');
  assertNear(blocking[1].t, 6, 'blocking: task 2');
  assertNear(await page.elapsedOf('blocking'), 6, 'blocking: elapsed');

  const threaded = await page.linesOf('to-thread');
  assert.deepEqual(threaded.map((l) => l.text), ['异步任务 1 结束', '异步任务 2 结束', '阻塞 2 秒']);
  assertNear(threaded[0].t, 1, 'to_thread: task 1 is not held up');
  assertNear(threaded[1].t, 4, 'to_thread: task 2');
  assertNear(threaded[2].t, 4, 'to_thread: the worker result');
  assertNear(await page.elapsedOf('to-thread'), 4, 'to_thread: elapsed');

  // The heartbeat ticks every 50 ms on the page's thread: the freeze shows as a long gap.
  const gap = parseFloat(await page.byTestId('heartbeat').getAttribute('data-longest-gap-ms'));
  assert.ok(gap >= 180, `the heartbeat's longest gap was ${gap} ms, the freeze lasted 200 ms`);
  assert.deepEqual(page.errors, []);
  await page.screenshot('blocking-call-desktop');
});

test('to_thread counts only its job: a worker slow to load holds back the start, not the clock', async (t) => {
  const page = await open(`${server.url}/?s=blocking-call&speed=${SPEED}&variant=to-thread`);
  t.after(() => page.close());
  // The worker's wasm takes 500 ms (5 tutorial seconds) to come. CPython's thread starts at
  // once: counted, the load would end the job at 7 s instead of 2.
  await page.page.route('**/thread-worker_bg.wasm', async (route) => {
    await new Promise((ok) => setTimeout(ok, 500));
    await route.continue();
  });
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });
  const threaded = await page.linesOf('to-thread');
  assert.deepEqual(threaded.map((l) => l.text), ['异步任务 1 结束', '异步任务 2 结束', '阻塞 2 秒']);
  assertNear(threaded[2].t, 4, 'to_thread: the worker result');
  assertNear(await page.elapsedOf('to-thread'), 4, 'to_thread: elapsed');
  assert.deepEqual(page.errors, []);
});

test('a worker that cannot load fails its to_thread job: the run ends with the error, it does not wait', async (t) => {
  const page = await open(`${server.url}/?s=blocking-call&speed=${SPEED}&variant=to-thread&lang=en`);
  t.after(() => page.close());
  await page.page.route('**/thread-worker_bg.wasm', (route) => route.abort());
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });
  const stderr = (await page.linesOf('to-thread', 'stderr')).map((l) => l.text);
  assert.equal(stderr.at(-1), 'RuntimeError: the worker thread could not run the job (./worker_loader.js)', stderr.join('\n'));
});

test('the workers\' code comes before the first run that needs it; refused, the job fails with a RuntimeError that says so', async (t) => {
  const page = await open(`${server.url}/?s=blocking-call&speed=${SPEED}&variant=to-thread&lang=en`);
  t.after(() => page.close());
  const fetched = () => page.page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/split_threads.wasm')));
  await page.byTestId('predicted-elapsed').first().waitFor();
  assert.ok(!(await fetched()), 'not before a run needs it');
  await page.page.route('**/split_threads.wasm', (route) => route.abort());
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });
  const stderr = (await page.linesOf('to-thread', 'stderr')).map((l) => l.text);
  assert.equal(stderr.at(-1), "RuntimeError: the page's code for threads did not load (is the network down?)", stderr.join('\n'));
});
