// The comparison marks the lines that print at another position than in the other variant.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer } from './server.mjs';
import { closeBrowser, open, PHONE, until } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

/** The column's lines as `[text, moved]`. */
async function marks(page, variant) {
  return page
    .variant(variant)
    .locator('[data-testid="line"]')
    .evaluateAll((lines) => lines.map((l) => [l.querySelector('.line-text').textContent, l.dataset.moved === 'true']));
}

test('count-tasks: the second One and the first Two change places, and are marked', async (t) => {
  const page = await open(`${server.url}/?s=count-tasks&speed=10`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  await page.variant('create-task').locator('[data-testid="line"]').nth(5).waitFor();
  assert.deepEqual(await marks(page, 'sequential'), [
    ['Starting...', false], ['One', false], ['Two', true], ['One', true], ['Two', false], ['1 & 2 End.', false],
  ]);
  assert.deepEqual(await marks(page, 'create-task'), [
    ['Starting...', false], ['One', false], ['One', true], ['Two', true], ['Two', false], ['1 & 2 End.', false],
  ]);
  await page.screenshot('comparison-count-tasks');
});

test('say-after: the same order in every variant that runs its coroutines, nothing marked there', async (t) => {
  const page = await open(`${server.url}/?speed=20`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  await page.variant('gather').locator('[data-testid="line"]').nth(3).waitFor();
  for (const variant of ['sequential', 'create-task', 'gather']) {
    assert.ok((await marks(page, variant)).every(([, moved]) => !moved), `${variant} has no marks`);
  }
  // Coroutine objects never awaited print nothing: "finished" comes second. Its text (with its own
  // clock time and elapsed figure) is printed by no other column, so it is not compared.
  const bare = await marks(page, 'bare-coroutines');
  assert.deepEqual(bare.map(([text, moved]) => [text.split(' ')[0], moved]), [['started', false], ['finished', false]]);
});

test('during a run a "now" line moves along the timeline, and is gone once it ends', async (t) => {
  // 1 tutorial second = 500 ms: the say_after run takes 1.5 s.
  const page = await open(`${server.url}/?speed=2`);
  t.after(() => page.close());
  const nowLine = page.byTestId('now-line');
  const x = () => nowLine.evaluate((line) => line.getBoundingClientRect().x);
  await page.run();
  await nowLine.waitFor({ state: 'attached' });
  assert.equal(await nowLine.getAttribute('data-moving'), 'true');
  // A CSS animation moves it: the page draws nothing for it while the run's timers fall due.
  assert.match(await nowLine.evaluate((line) => getComputedStyle(line).animationName), /now-sweep/);
  const first = await x();
  await until(x, (now) => now > first + 50, { what: 'the now line to move' });
  await page.screenshot('timeline-now-line');
  await page.waitForFinished();
  await nowLine.waitFor({ state: 'detached' });
});

test('replay: scrubbing a finished run back to 1.5 s fades what was printed later', async (t) => {
  const page = await open(`${server.url}/?speed=20`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  await page.variant('gather').locator('[data-testid="line"]').nth(3).waitFor();
  await page.byTestId('replay').fill('1.5');
  const notYet = (variant) =>
    page.variant(variant).locator('[data-testid="line"]').evaluateAll((lines) =>
      lines.map((l) => [l.querySelector('.line-text').textContent.replace(/\d/g, '#'), l.dataset.notYet === 'true']),
    );
  // At 1.5 s: hello (1 s) is out in every variant; world is not, at 3 s or at 2 s.
  assert.deepEqual((await notYet('sequential')).map(([, n]) => n), [false, false, true, true]);
  assert.deepEqual((await notYet('create-task')).map(([, n]) => n), [false, false, true, true]);
  assert.equal(await page.byTestId('now-line').getAttribute('data-t'), '1.500');
  await page.screenshot('replay-at-1.5s');
});

test('replayed, each column shows who awaits whom then: main awaits task1, both say_afters sleep under it', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&speed=20&lang=en`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  assert.equal(await page.byTestId('await-graph').count(), 0, 'not before a replay');
  await page.byTestId('replay').fill('0.5');
  const graph = page.byTestId('await-graph');
  await graph.waitFor();
  const tree = () => graph.getByTestId('graph').first().evaluate(function walk(node) {
    return [...node.querySelectorAll(':scope > ul > li, :scope > figcaption + ul > li')].map((li) => ({
      task: li.dataset.task,
      doing: li.querySelector(':scope > [data-testid="graph-doing"]').textContent,
      children: [...li.querySelectorAll(':scope > ul > li')].map((child) => [child.dataset.task, child.querySelector(':scope > [data-testid="graph-doing"]').textContent]),
    }));
  });
  assert.deepEqual(await tree(), [{
    task: 'Task-1 main',
    doing: 'awaits Task-2',
    children: [['Task-2 say_after', 'asyncio.sleep(1) until 1.000 s'], ['Task-3 say_after', 'asyncio.sleep(2) until 2.000 s']],
  }]);
  await page.screenshotOf('await-graph', 'await-graph-desktop');
  await page.byTestId('replay').fill('1.5');
  await until(tree, (now) => now[0].doing === 'awaits Task-3', { what: 'main awaiting task2' });
  assert.deepEqual((await tree())[0].children, [['Task-2 say_after', 'finished ✓'], ['Task-3 say_after', 'asyncio.sleep(2) until 2.000 s']]);
  await page.setViewport(PHONE);
  await page.screenshotOf('await-graph', 'await-graph-phone');
});

test('a finished run exports as a Chrome trace (a track per task, its waits as spans, its lines as instants) and its log as Markdown', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&speed=20&lang=en`);
  t.after(() => page.close());
  assert.equal(await page.byTestId('export-trace').count(), 0, 'nothing to export before a run');
  await page.run();
  await page.waitForFinished();
  const [download] = await Promise.all([page.page.waitForEvent('download'), page.byTestId('export-trace').click()]);
  assert.equal(download.suggestedFilename(), 'say-after.trace.json');
  const { traceEvents } = JSON.parse(await readFile(await download.path(), 'utf8'));
  for (const event of traceEvents) {
    for (const field of ['name', 'ph', 'ts', 'pid', 'tid']) assert.notEqual(event[field], undefined, `${field}: ${JSON.stringify(event)}`);
    if (event.ph === 'X') assert.ok(event.dur >= 0);
  }
  const tracks = traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  assert.deepEqual(tracks, ['Task-1 main', 'Task-2 say_after', 'Task-3 say_after']);
  const sleep = traceEvents.find((e) => e.ph === 'X' && e.tid === 3);
  assert.equal(sleep.name, 'asyncio.sleep(2)');
  // Measured times: the 2 s sleep ends at 2 s or later, never before, and before the column
  // shows world printed by the step it woke (how late a timer fires is the bench's to measure).
  const world = (await page.linesOf('create-task')).find((line) => line.text === 'world');
  const end = (sleep.ts + sleep.dur) / 1e6;
  assert.ok(end >= 2 && end <= world.t + 0.0005, `${JSON.stringify(sleep)}, world at ${world.t} s`);
  // A printed line's instant is the very time the column shows it at (to its millisecond).
  const instant = traceEvents.find((e) => e.ph === 'i' && e.name === 'world');
  assert.ok(Math.abs(instant.ts / 1e6 - world.t) <= 0.0005, `${JSON.stringify(instant)}, world at ${world.t} s`);
  const printed = (tid) => traceEvents.filter((e) => e.ph === 'i' && e.tid === tid).map((e) => e.name);
  assert.deepEqual([printed(2), printed(3)], [['hello'], ['world']]);

  // The log, as Markdown for slides and articles: a table of the column's lines.
  const [log] = await Promise.all([page.page.waitForEvent('download'), page.byTestId('export-log').click()]);
  assert.equal(log.suggestedFilename(), 'say-after.md');
  const markdown = await readFile(await log.path(), 'utf8');
  // Its heading has the measured time, however late (the bench measures that); its lines are at
  // the loop's times.
  assert.match(markdown, /^## say_after: await one by one vs create_task \(×20\)\n\n### create_task — measured \d+\.\d{3} s \(predicted 2\.000 s\)\n\n\| loop time \(s\) \| stream \| line \|\n/);
  assert.match(markdown, /\n\| 1\.000 \| stdout \| `hello` \|\n\| 2\.000 \| stdout \| `world` \|\n/);
});
