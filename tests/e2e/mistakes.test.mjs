// Mistakes named by the run's trace (model::mistakes): under each column, the mistake its run
// makes, with the Python line and the fix; none under the variant that fixes it. Before a Run
// from the prediction, after it from the measured run; for the learner's version, from CPython's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { DESKTOP, PHONE, closeBrowser, open, replaceText, until } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

/** Each column's mistakes: `[kind, Python line]`. */
async function mistakesOf(page, variant) {
  return page.variant(variant).getByTestId('mistake').evaluateAll((items) =>
    items.map((item) => [item.dataset.mistake, item.dataset.line ? Number(item.dataset.line) : null]));
}

/** The column's mistakes once they are `want`: a twin's Python line is known once the page has
 * fetched the line table, a moment after the notice shows. */
async function mistakesBecome(page, variant, want) {
  const same = (got) => JSON.stringify(got) === JSON.stringify(want);
  return until(() => mistakesOf(page, variant), same, { what: `${variant}'s mistakes ${JSON.stringify(want)}` })
    .catch(() => mistakesOf(page, variant));
}

// [lesson, the variant with the mistake, its mistakes, the variant that fixes it, speed]
const LESSONS = [
  // The line of the first of the two awaited calls.
  ['say-after', 'sequential', [['sequential', 14]], 'create-task', 20],
  // The lines that made the coroutines (the twin's, mapped by the table CPython's runs wrote).
  ['say-after', 'bare-coroutines', [['never-awaited', 17], ['never-awaited', 18]], 'create-task', 20],
  ['do-some-work', 'checks', [['never-awaited', 10]], 'modern', 20],
  // Where the 3 s task still sleeps when the 1 s one stops the loop.
  ['run-forever-stop', 'stop-in-coroutine', [['task-pending', 6]], 'gather-callback', 20],
  ['queue-workers', 'no-task-done', [['join-forever', 38]], 'task-done', 20],
  ['blocking-call', 'blocking', [['blocking', 7]], 'to-thread', 20],
];

for (const [lesson, wrong, named, fixed, speed] of LESSONS) {
  test(`${lesson}: ${wrong} names its mistake, ${fixed} none, before and after a run`, async (t) => {
    const page = await open(`${server.url}/?s=${lesson}&speed=${speed}&lang=en`);
    t.after(() => page.close());
    await page.variant(wrong).getByTestId('mistake').first().waitFor();
    assert.deepEqual(await mistakesBecome(page, wrong, named), named, 'the prediction');
    assert.deepEqual(await mistakesOf(page, fixed), [], 'the fixed variant, predicted');
    await page.run();
    await page.waitForFinished({ timeout: 30_000 });
    assert.deepEqual(await mistakesOf(page, wrong), named, 'the measured run');
    await page.screenshotOf(`variant-${wrong}`, `mistake-${lesson}-${wrong}`);
    assert.deepEqual(await mistakesOf(page, fixed), [], 'the fixed variant, run');
    assert.deepEqual(page.errors, []);
  });
}

test('the notice says what happened and the fix, in both languages', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=sequential&lang=en`);
  t.after(() => page.close());
  const notice = page.variant('sequential').locator('[data-testid="mistake"][data-line="14"]');
  await notice.waitFor();
  assert.equal(await notice.textContent(),
    // A number and its unit do not part at a line's end (no-break spaces).
    'Line 14 2 independent calls waited one after another (1 + 2\u00a0s, 3\u00a0s in all) while the loop had nothing '
    + 'else to run. Fix: run them together with asyncio.create_task or gather, saving 1\u00a0s.');
  const zh = await open(`${server.url}/?s=say-after&variant=sequential&lang=zh`);
  t.after(() => zh.close());
  const zhNotice = zh.variant('sequential').locator('[data-testid="mistake"][data-line="14"]');
  await zhNotice.waitFor();
  assert.match(await zhNotice.textContent(), /^第 14 行 2 个互不依赖的调用.*可省 1 秒。$/);
});

const SEQUENTIAL = `import asyncio

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    await say_after(1, 'hello')
    await say_after(2, 'world')

asyncio.run(main())
`;

/** say-after's create-task variant edited into `program` and run on CPython in the page: the
 * page, and the column of the learner's version once it names a mistake. */
async function runOnCpython(t, program) {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&lang=en`);
  t.after(() => page.close());
  await page.byTestId('edit').click();
  await replaceText(page, program);
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 90_000 });
  const yours = page.variant('your-version');
  await yours.getByTestId('mistake').waitFor();
  return { page, yours };
}

test('the learner\'s own version, run on CPython in the page, is read for the same mistakes', async (t) => {
  const { page, yours } = await runOnCpython(t, SEQUENTIAL);
  // The line of the first awaited call, as CPython's run names it.
  assert.deepEqual(await mistakesOf(page, 'your-version'), [['sequential', 8]]);
  assert.match(await yours.getByTestId('mistake').textContent(), /saving 1\u00a0s\.$/);
  assert.deepEqual(await mistakesOf(page, 'create-task'), []);
});

const NEVER_RETRIEVED = `import asyncio

async def boom():
    raise ValueError('boom')

async def main():
    asyncio.create_task(boom())
    await asyncio.sleep(1)
    print('done')

asyncio.run(main())
`;

test('a task whose exception nobody retrieves is named at the line that raised', async (t) => {
  const { page, yours } = await runOnCpython(t, NEVER_RETRIEVED);
  assert.deepEqual(await mistakesOf(page, 'your-version'), [['exception-never-retrieved', 4]]);
  assert.match(await yours.getByTestId('mistake').textContent(),
    /^Line 4 The task boom\(\) raised ValueError\('boom'\) and nobody retrieved it/);
  // CPython writes it as the task goes, at 0 s, before `done` at 1 s: as `python3 main.py` does.
  const stderr = await page.linesOf('your-version', 'stderr');
  assert.deepEqual(stderr[0], { text: 'Task exception was never retrieved', t: 0 });
  assert.deepEqual(await page.linesOf('your-version'), [{ text: 'done', t: 1 }]);
  await page.screenshotOf('variant-your-version', 'mistake-never-retrieved');
  assert.deepEqual(page.errors, []);
});

for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
  test(`a mistake under its column, ${name}`, async (t) => {
    const page = await open(`${server.url}/?s=blocking-call&speed=20&lang=en`, { viewport });
    t.after(() => page.close());
    await page.variant('blocking').locator('[data-testid="mistake"][data-line="7"]').waitFor();
    await page.screenshotOf('variant-blocking', `mistake-blocking-${name}`);
    await page.screenshot(`mistake-blocking-page-${name}`);
    // The notice fits its column: nothing sticks out of it.
    const fits = await page.variant('blocking').evaluate((column) => {
      const box = column.getBoundingClientRect();
      const notice = column.querySelector('[data-testid="mistakes"]').getBoundingClientRect();
      return notice.left >= box.left - 0.5 && notice.right <= box.right + 0.5;
    });
    assert.ok(fits, 'the notice is within its column');
    assert.deepEqual(page.errors, []);
  });
}
