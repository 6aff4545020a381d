// The default scenario, say_after from the Python asyncio tutorial, run in the built page:
// awaiting two coroutines one after the other takes 1 + 2 s, wrapping them in tasks takes 2 s.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { startServer } from './server.mjs';
import { DESKTOP, PHONE, closeBrowser, open } from './page.mjs';

// 1 tutorial second = 200 ms real: a run takes 0.6 s. Not 20 (50 ms): there the tolerance below is
// only ±12.5 ms real, and headless Chromium on a busy 2-core machine was seen 17 ms late.
const SPEED = 5;
// In tutorial seconds: ±50 ms real at SPEED 5.
const TOLERANCE = 0.25;
const CLOCK = String.raw`\d{2}:\d{2}:\d{2}`;

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

/** The four lines the tutorial prints, and when (tutorial seconds) hello and world appear. */
const EXPECTED = {
  sequential: { elapsed: 3, hello: 1, world: 3 },
  'create-task': { elapsed: 2, hello: 1, world: 2 },
};

function assertNear(actual, expected, what) {
  assert.ok(
    Math.abs(actual - expected) <= TOLERANCE,
    `${what}: expected ${expected} ± ${TOLERANCE} tutorial s, got ${actual}`,
  );
}

async function finishedRun() {
  const page = await open(`${server.url}/?speed=${SPEED}`);
  await page.run();
  await page.waitForFinished();
  return page;
}

for (const [variant, want] of Object.entries(EXPECTED)) {
  test(`${variant}: prints started, hello, world, finished and takes ${want.elapsed} s`, async (t) => {
    const page = await finishedRun();
    t.after(() => page.close());

    const lines = await page.linesOf(variant);
    const texts = lines.map((line) => line.text);
    assert.equal(lines.length, 4, `${variant} printed ${JSON.stringify(texts)}`);
    assert.match(texts[0], new RegExp(`^started at ${CLOCK}$`));
    assert.equal(texts[1], 'hello');
    assert.equal(texts[2], 'world');
    // The article prints time.time() - tic as it is: a float such as 3.0021641254425049.
    const finished = texts[3].match(new RegExp(`^finished at ${CLOCK}, elapsed time: (\\d+\\.\\d+(e-\\d+)?)s$`));
    assert.ok(finished, `last line ${JSON.stringify(texts[3])} should read "finished at HH:MM:SS, elapsed time: N.N…s"`);
    // The printed figure is measured too, so it may read 3.1s on a busy machine.
    assertNear(parseFloat(finished[1]), want.elapsed, `${variant} printed elapsed`);

    assertNear(lines[1].t, want.hello, `${variant} "hello" time`);
    assertNear(lines[2].t, want.world, `${variant} "world" time`);
    assertNear(await page.elapsedOf(variant), want.elapsed, `${variant} elapsed`);
    assert.deepEqual(page.errors, []);
  });
}

test('a delay that is not a number shows a field error and disables run', async (t) => {
  const page = await open(`${server.url}/?speed=${SPEED}`);
  t.after(() => page.close());

  // fill() refuses <input type="number">: the contract is a text input that the app validates.
  await page.param('hello_delay').fill('abc');
  await page.paramError('hello_delay').waitFor({ state: 'visible' });
  assert.ok(await page.runButton.isDisabled(), 'run button should be disabled while a field is invalid');
  assert.deepEqual(page.errors, []);
});

test('screenshots of a finished run, desktop and phone', async (t) => {
  const page = await finishedRun();
  t.after(() => page.close());

  const shots = [];
  for (const [name, size] of [['say-after-desktop', DESKTOP], ['say-after-phone', PHONE]]) {
    await page.setViewport(size);
    shots.push(await page.screenshot(name));
  }
  for (const path of shots) {
    assert.ok((await stat(path)).size > 0, `${path} is empty`);
  }
  assert.deepEqual(page.errors, []);
});
