// Inside the loop: a variant's run stepped through one turn of its event loop at a time (the
// turns are CPython's own bookkeeping: tests/loop_turns.rs), by button, slider and keyboard,
// restored from a tick= link, with who awaits whom at each turn.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AXE } from './axe.mjs';
import { startServer } from './server.mjs';
import { closeBrowser, open, PHONE } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

const texts = (page, testId) => page.byTestId(testId).locator('li').allTextContents();

test('say_after with create_task, turn by turn: after main awaits task1, both sleep until 1 and 2', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&lang=en`);
  t.after(() => page.close());
  await page.byTestId('inspect').click();
  const inspector = page.byTestId('inspector');
  await inspector.waitFor();
  assert.match(await inspector.locator('h2').textContent(), /^Inside the loop: turn 1 of 13 · t = 0\.000 s$/);
  assert.deepEqual(await texts(page, 'turn-runs'), ['a step of Task-1 main']);
  assert.equal(await page.query(), 's=say-after&variant=create-task&lang=en&tick=0');

  // Turn 2: main has created both tasks and awaits task1; the tasks' first steps are queued.
  await page.byTestId('turn-next').click();
  assert.deepEqual(await texts(page, 'turn-runs'), ['a step of Task-2 say_after', 'a step of Task-3 say_after']);
  assert.deepEqual(await page.byTestId('turn-tasks').locator('[data-testid="task-doing"]').allTextContents(),
    ['awaits Task-2', 'ready to run', 'ready to run']);

  // Turn 3, by the keyboard: both say_after tasks wait on their sleeps, with deadlines 1 and 2.
  await inspector.focus();
  await page.page.keyboard.press('ArrowRight');
  await page.waitForQuery('s=say-after&variant=create-task&lang=en&tick=2');
  assert.match(await inspector.locator('h2').textContent(), /turn 3 of 13 · t = 1\.000 s/);
  const doing = await page.byTestId('turn-tasks').locator('li').allTextContents();
  // Each at its line of the Python (create-task.py: `await task1` is line 27, the sleep line 6)
  // and of the Rust twin.
  assert.match(doing[0], /^Task-1 main — awaits Task-2 at line 27 of the Python \(say_after\.rs:\d+\)$/);
  assert.match(doing[1], /^Task-2 say_after — asyncio\.sleep\(1\) until 1\.000 s at line 6 of the Python \(say_after\.rs:\d+\)$/);
  assert.match(doing[2], /^Task-3 say_after — asyncio\.sleep\(2\) until 2\.000 s at line 6 of the Python \(say_after\.rs:\d+\)$/);
  assert.deepEqual(await texts(page, 'turn-runs'), ["a sleep's timer, which wakes Task-2 say_after (due at 1.000 s)"]);
  assert.deepEqual(await texts(page, 'turn-timers'), ["2.000 s — a sleep's timer, which wakes Task-3 say_after"]);
  // Who awaits whom there: main, with the two tasks it created under it.
  const graph = inspector.getByTestId('graph-task');
  assert.deepEqual(await graph.evaluateAll((items) => items.map((li) => li.dataset.task)),
    ['Task-1 main', 'Task-2 say_after', 'Task-3 say_after']);
  assert.equal(await inspector.locator('[data-task="Task-1 main"] > ul > [data-testid="graph-task"]').count(), 2);
  await page.screenshot('inspector-desktop-light');

  // The next turn runs Task-2's step, which prints hello; ← goes back.
  await page.page.keyboard.press('ArrowRight');
  assert.deepEqual(await texts(page, 'turn-printed'), ['hello']);
  await page.page.keyboard.press('ArrowLeft');
  await page.waitForQuery('s=say-after&variant=create-task&lang=en&tick=2');
  await page.page.keyboard.press('End');
  assert.match(await inspector.locator('h2').textContent(), /turn 13 of 13/);
  assert.ok(await page.byTestId('turn-next').isDisabled());
  assert.deepEqual(page.errors, []);
});

test('a tick= link opens the inspector at that turn; the slider and the variant picker move it', async (t) => {
  const page = await open(`${server.url}/?s=say-after&lang=zh&theme=dark&tick=2`);
  t.after(() => page.close());
  const inspector = page.byTestId('inspector');
  await inspector.waitFor();
  assert.equal(await inspector.getAttribute('data-turn'), '2');
  // say-after's first variant awaits one by one: at turn 3, main sleeps alone.
  assert.match(await inspector.locator('h2').textContent(), /第 3 轮，共 10 轮 · t = 1\.000 秒/);
  await page.byTestId('inspect-variant').selectOption({ index: 1 });
  assert.match(await inspector.locator('h2').textContent(), /第 3 轮，共 13 轮/);
  await page.byTestId('turn-slider').fill('5');
  await page.waitForQuery('s=say-after&lang=zh&theme=dark&tick=5');
  await page.screenshot('inspector-desktop-dark');
  await page.byTestId('inspector-close').click();
  await page.waitForQuery('s=say-after&lang=zh&theme=dark');
  await page.byTestId('inspect').waitFor();

  // A tick that is not a turn number: a notice, and no inspector.
  const bad = await open(`${server.url}/?s=say-after&lang=en&tick=soon`);
  t.after(() => bad.close());
  assert.deepEqual(await bad.notices(), ['The link\'s tick=“soon” is not a turn number (0, 1, 2…): the loop inspector is not opened.']);
  assert.equal(await bad.byTestId('inspector').count(), 0);
});

test('the inspector on a phone, light and dark: usable, and no axe violation', async (t) => {
  for (const theme of ['light', 'dark']) {
    const page = await open(`${server.url}/?s=gather-count&lang=en&theme=${theme}&tick=1`, { viewport: PHONE });
    t.after(() => page.close());
    await page.byTestId('inspector').waitFor();
    const width = await page.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the page is ${width} px wide on a ${PHONE.width} px phone`);
    await page.page.evaluate(AXE);
    assert.deepEqual(await page.page.evaluate(() => window.axeViolations()), []);
    await page.byTestId('inspector').screenshot({ path: `test-output/screenshots/inspector-phone-${theme}.png` });
  }
});
