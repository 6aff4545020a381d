// Predict, then run (predict=1): the learner orders a variant's lines and guesses its time before
// the run shows anything; the run judges the guess, and the embed API posts the verdict.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { closeBrowser, DESKTOP, open, PHONE, until } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

/** The lines of a card in the order the learner has them. */
async function order(page, variant) {
  return page.byTestId(`predict-${variant}`).locator('[data-testid="predict-line"] code').allTextContents();
}

/** Moves lines with the keyboard until the card's order matches `want` (patterns, in order). */
async function arrange(page, variant, want) {
  const lines = page.byTestId(`predict-${variant}`).locator('[data-testid="predict-line"]');
  for (let place = 0; place < want.length; place++) {
    let from = (await order(page, variant)).findIndex((text, i) => i >= place && want[place].test(text));
    assert.ok(from >= 0, `${want[place]} is among the lines`);
    await lines.nth(from).focus();
    while (from > place) {
      await page.page.keyboard.press('ArrowUp');
      from -= 1;
      // The selection moves with the line.
      assert.equal(await page.page.evaluate(() => document.activeElement.id), `predict-0-${from}`);
    }
  }
  const arranged = await order(page, variant);
  want.forEach((pattern, i) => assert.match(arranged[i], pattern));
}

test('a predict=1 embed keeps the result hidden, judges the order and the time, and posts the prediction', async (t) => {
  // autorun=1 as well: an exercise waits for the learner's Run all the same.
  const page = await open(`${server.url}/?s=say-after&variant=create-task&speed=20&lang=en&embed=1&autorun=1&predict=1`);
  t.after(() => page.close());
  await page.byTestId('predict-create-task').waitFor();
  assert.equal(await page.byTestId('predict-hidden').count(), 1);
  assert.equal(await page.root.locator('section.variant').count(), 0, 'no column gives the answer away');
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(await page.runState(), 'idle', 'autorun waits for the prediction');
  assert.deepEqual(await page.eventsOf('run-started'), []);

  // hello and world swapped: two of four in place, the first wrong one at line 2.
  await arrange(page, 'create-task', [/^started at/, /^world$/, /^hello$/, /^finished at/]);
  const field = page.byTestId('predict-elapsed-create-task');
  await field.fill('two');
  assert.match(await page.byTestId('predict-elapsed-create-task-error').textContent(), /number/i);
  await field.fill('2');
  assert.equal(await page.byTestId('predict-elapsed-create-task-error').count(), 0);

  await page.run();
  await page.waitForFinished({ timeout: 10_000 });
  const [prediction] = await page.waitForEvents('prediction');
  assert.equal(prediction.scenario, 'say-after');
  assert.equal(prediction.variant, 'create-task');
  assert.equal(prediction.correct_lines, 2);
  assert.equal(prediction.total_lines, 4);
  assert.equal(prediction.elapsed_guess, 2);
  const [finished] = await page.eventsOf('run-finished');
  assert.equal(prediction.elapsed, finished.variants[0].elapsed, 'the time the column shows');

  const card = page.byTestId('predict-create-task');
  const marks = await card.locator('[data-testid="predict-line"]').evaluateAll((ls) => ls.map((l) => l.dataset.correct));
  assert.deepEqual(marks, ['true', 'false', 'false', 'true']);
  assert.equal(await card.getByTestId('predict-score').textContent(), '2 of 4 lines in the right place');
  const why = await card.getByTestId('predict-first-wrong').textContent();
  assert.match(why, /^Line 2 is “hello” \(Task-2 say_after, at 1\.000 s\), not “world”/);
  assert.match(why, /Task-3 say_after was in “asyncio\.sleep\(2\) until 2\.000 s”/);
  assert.match(await card.getByTestId('predict-time').textContent(), /^Time right: you guessed 2\.000 s/);
  // The answer is shown now, and the lines no longer move.
  assert.equal(await page.root.locator('section.variant').count(), 1);
  assert.equal(await card.locator('[data-testid="predict-line"]').first().getAttribute('draggable'), 'false');
  assert.ok(await field.isDisabled());
  for (const [size, name] of [[DESKTOP, 'predict-verdict-desktop'], [PHONE, 'predict-verdict-phone']]) {
    await page.setViewport(size);
    await page.screenshot(name);
  }

  // Again: a new exercise, hidden again.
  await page.byTestId('predict-again').click();
  await page.byTestId('predict-hidden').waitFor();
  assert.equal(await card.getByTestId('predict-verdict').count(), 0);
  assert.ok(!(await field.isDisabled()));
  assert.deepEqual(page.errors, []);
});

test('lines can be dragged into place, and the Predict button puts the exercise in the link', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=sequential&lang=en&theme=dark`);
  t.after(() => page.close());
  await page.byTestId('predict-toggle').click();
  await page.byTestId('predict-sequential').waitFor();
  await until(() => page.page.url(), (url) => url.includes('predict=1'), { what: 'predict=1 in the address bar' });
  const before = await order(page, 'sequential');
  const lines = page.byTestId('predict-sequential').locator('[data-testid="predict-line"]');
  await lines.nth(3).dragTo(lines.nth(0));
  const after = await order(page, 'sequential');
  assert.deepEqual(after, [before[3], before[0], before[1], before[2]]);
  for (const [size, name] of [[DESKTOP, 'predict-dark-desktop'], [PHONE, 'predict-dark-phone']]) {
    await page.setViewport(size);
    await page.screenshot(name);
  }
  // Off again: the columns are back, and the link forgets it.
  await page.byTestId('predict-toggle').click();
  await page.variant('sequential').waitFor();
  assert.equal(await page.byTestId('predict').count(), 0);
  assert.ok(!page.page.url().includes('predict'));
  assert.deepEqual(page.errors, []);
});

test('a variant with too many lines to order is guessed by its time alone', async (t) => {
  const page = await open(`${server.url}/?s=async-gen-pipeline&speed=100&lang=en&predict=1`);
  t.after(() => page.close());
  const card = page.byTestId('predict-pipeline');
  assert.match(await card.textContent(), /prints 15 lines, too many to order/);
  await page.byTestId('predict-elapsed-pipeline').fill('30');
  await page.run();
  await page.waitForFinished({ timeout: 10_000 });
  const [prediction] = await page.waitForEvents('prediction');
  assert.equal(prediction.total_lines, 0);
  assert.equal(prediction.elapsed_guess, 30);
  assert.match(await card.getByTestId('predict-time').textContent(), /you guessed 30\.000 s/);
  assert.deepEqual(page.errors, []);
});
