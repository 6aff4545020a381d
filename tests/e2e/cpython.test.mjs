// CPython in the page (Pyodide in a Web Worker, static/cpython/): fetched only when asked for,
// running the shown Python on CPython's own event loop with the virtual clock, showing all it
// writes (full tracebacks) and whether it agrees with the page's prediction.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { DIST, startServer } from './server.mjs';
import { closeBrowser, open, PHONE, replaceText, until } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

/** Runs the shown variant on CPython and waits for the verdict; `{ agrees, text }`. */
async function checkOnCpython(page, { timeout = 60_000 } = {}) {
  const verdict = page.byTestId('cpython-verdict');
  await verdict.waitFor({ state: 'detached' });
  await page.byTestId('cpython-run').click();
  await verdict.waitFor({ timeout });
  return { agrees: (await verdict.getAttribute('data-agrees')) === 'true', text: await verdict.textContent() };
}

const cpythonLines = (page, stream) =>
  page.byTestId('cpython').locator(`[data-testid="cpython-line"][data-stream="${stream}"] .line-text`).allTextContents();

test('nothing of CPython loads until asked; then a progress bar, and CPython agrees with the prediction', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&lang=en`);
  t.after(() => page.close());
  const fetched = [];
  page.page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.byTestId('cpython-run').waitFor();
  // The lesson's notice is a file of its own, fetched as the lesson is shown.
  await page.byTestId('notice-text').filter({ hasText: 'Awaited one by one, the second sleep starts only after the first ends' }).waitFor();
  assert.deepEqual(fetched.filter((path) => path.includes('pyodide') || path.includes('cpython/')), [], 'the first load fetches none of it');

  const progress = page.byTestId('cpython-progress');
  await page.byTestId('cpython-run').click();
  await progress.waitFor();
  await page.screenshot('cpython-downloading-desktop');
  const verdict = page.byTestId('cpython-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  assert.equal(await verdict.getAttribute('data-agrees'), 'true', await verdict.textContent());
  assert.ok(fetched.includes('/pyodide/pyodide.asm.wasm') && fetched.includes('/cpython/virtual_run.py'), fetched.join(' '));
  const printed = await cpythonLines(page, 'stdout');
  assert.deepEqual(printed.slice(1, 3), ['hello', 'world']);
  assert.match(printed[3], /^finished at \d\d:\d\d:\d\d, elapsed time: 2\.0s$/);
  // Its tasks, drawn as the columns' runs are: a lane each.
  const lanes = await page.byTestId('cpython-timeline').locator('.lane-label').allTextContents();
  assert.deepEqual(lanes, ['Task-1 main', 'Task-2 say_after', 'Task-3 say_after']);
  assert.deepEqual(page.errors, []);
  await page.screenshotOf('cpython', 'cpython-agrees-desktop');
});

test('a traceback in full: CPython\'s own frames and lines, as python3 writes them (phone, dark)', async (t) => {
  const page = await open(`${server.url}/?s=count-tasks&variant=outside-loop&lang=zh&theme=dark`, { viewport: PHONE, colorScheme: 'dark' });
  t.after(() => page.close());
  const { agrees, text } = await checkOnCpython(page);
  assert.ok(agrees, text);
  const stderr = await cpythonLines(page, 'stderr');
  assert.equal(stderr[0], 'Traceback (most recent call last):');
  assert.ok(stderr.includes('  File "outside-loop.py", line 14, in main'), stderr.join('\n'));
  assert.ok(stderr.includes('    task1 = asyncio.create_task(count(1))'), stderr.join('\n'));
  assert.deepEqual(stderr.slice(-2), ['RuntimeError: no running event loop', "sys:1: RuntimeWarning: coroutine 'count' was never awaited"]);
  await page.screenshotOf('cpython', 'cpython-traceback-phone-dark');
});

test('Stop ends a CPython run at once, and the next run starts again', async (t) => {
  const page = await open(`${server.url}/?s=queue-random&lang=en`);
  t.after(() => page.close());
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython').getByRole('button', { name: 'Stop' }).click();
  await page.byTestId('cpython-run').waitFor();
  assert.equal(await page.byTestId('cpython-verdict').count(), 0);
  const { agrees, text } = await checkOnCpython(page);
  assert.ok(agrees, text);
});

test('CPython in the page agrees with the engine on every variant of every lesson', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  const programs = join(DIST, 'py');
  const scenarios = readdirSync(programs).filter((name) => statSync(join(programs, name)).isDirectory());
  const results = [];
  for (const scenario of scenarios) {
    await page.byTestId(`pick-${scenario}`).click();
    await page.waitForQuery(`s=${scenario}&lang=en`).catch(() => {});
    const tabs = page.byTestId('code').locator('.code-tabs button');
    await tabs.first().waitFor();
    const count = await tabs.count();
    for (let i = 0; i < count; i += 1) {
      await tabs.nth(i).click();
      const name = `${scenario} / ${await tabs.nth(i).textContent()}`;
      const { agrees, text } = await checkOnCpython(page);
      results.push({ name, agrees, text });
    }
  }
  const disagree = results.filter((r) => !r.agrees);
  assert.deepEqual(disagree, [], `${results.length} variants checked`);
  assert.ok(results.length >= 57, `${results.length} variants checked`);
  console.log(`CPython in the page agreed with the engine on ${results.length} variants`);
});

const SAY_AFTER_WITH_TASKS = `import asyncio
import time

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    print(f"started at {time.strftime('%X')}")
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")

asyncio.run(main())
`;

/**
 * The learner's column shows the measured run: the lines `want` (`[text, virtual t]`), each at
 * its virtual time or a little later (real timers are late, never early), in tutorial seconds.
 */
function assertMeasured(lines, want) {
  assert.deepEqual(lines.map((l) => l.text), want.map(([text]) => text));
  lines.forEach((line, i) => assert.ok(line.t >= want[i][1] && line.t < want[i][1] + 0.5, `${line.text} at ${line.t}`));
}

test('edit say_after\'s sequential variant into create_task: 2 s on CPython, beside the article\'s 3 s', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=sequential&lang=en`);
  t.after(() => page.close());
  const fetched = [];
  page.page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.byTestId('edit').click();
  await page.byTestId('editor').locator('.cm-content').waitFor();
  assert.ok(fetched.includes('/editor/editor.js'), 'the editor loads when Edit is pressed');
  // The editor starts from the article's text with the values in force.
  assert.match(await page.byTestId('editor').locator('.cm-content').textContent(), /await say_after\(1, 'hello'\)/);
  await replaceText(page, SAY_AFTER_WITH_TASKS);
  assert.equal(await page.byTestId('cpython-run').textContent(), 'Run my version on CPython');
  await page.byTestId('cpython-run').click();
  const verdict = page.byTestId('cpython-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  assert.equal(await verdict.getAttribute('data-seconds'), '2');
  assert.equal(await verdict.getAttribute('data-agrees'), null, 'an edited program has no prediction to agree with');
  const printed = await cpythonLines(page, 'stdout');
  assert.deepEqual(printed.slice(1, 3), ['hello', 'world']);
  // The article's program, in its column: 3 s; the learner's version in a column beside it: 2 s,
  // with its lanes in the timeline under the columns.
  assert.match(await page.variant('sequential').textContent(), /predicted 3\.000 s/);
  // Then the same program on real time at the page's speed: the measured run, beside the
  // prediction, as the lesson's columns have.
  await page.byTestId('cpython-measuring').waitFor();
  const measured = page.byTestId('cpython-measured');
  await measured.waitFor({ timeout: 20_000 });
  const seconds = Number(await measured.getAttribute('data-seconds'));
  assert.ok(seconds >= 2 && seconds < 2.5, `measured ${seconds} s`);
  assert.match(await measured.textContent(), /^On real time \(×1\): ended at 2\.\d{3} s, \d+\.\d ms \(real\) after the virtual clock\.$/);
  const yours = page.variant('your-version');
  assert.equal(await yours.getByTestId('ours').count(), 0, 'the learner\'s, not one of ours');
  assert.match(await yours.locator('.predicted').textContent(), /predicted 2\.000 s/);
  assert.ok(Math.abs(Number(await yours.getByTestId('elapsed').getAttribute('data-seconds')) - seconds) < 1e-6);
  // Its lines at the measured times: each a little after the virtual one, never before.
  assertMeasured((await page.linesOf('your-version')).slice(1, 3), [['hello', 1], ['world', 2]]);
  const drawn = await page.byTestId('timeline').first().locator('.lane-label').allTextContents();
  assert.ok(drawn.includes('Task-2 say_after'), drawn.join(', '));
  await page.screenshot('edit-your-version-desktop');

  // Replayed, its tasks are marked at the lines of the program they wait at, in the editor.
  const marks = async () => page.byTestId('editor').getByTestId('editor-mark').evaluateAll((spans) =>
    spans.map((span) => [Number(span.dataset.line), span.textContent]));
  await page.byTestId('replay').fill('0.5');
  assert.deepEqual(await until(marks, (m) => m.length === 2, { what: 'marks at 0.5 s' }), [[5, 'Task-2 Task-3'], [12, 'Task-1']]);
  await page.screenshotOf('code', 'edit-your-version-marks-desktop');
  await page.byTestId('replay').fill('1.5');
  assert.deepEqual(await until(marks, (m) => m[1]?.[0] === 13, { what: 'marks at 1.5 s' }), [[5, 'Task-3'], [13, 'Task-1']]);

  // Inside the loop of CPython's own run of it: at its third turn, both tasks sleep, at line 5.
  await page.byTestId('inspect').click();
  await page.byTestId('inspect-variant').selectOption({ label: 'your version (CPython)' });
  await page.byTestId('inspector').focus();
  await page.page.keyboard.press('ArrowRight');
  await page.page.keyboard.press('ArrowRight');
  const tasks = await page.byTestId('turn-tasks').locator('li').allTextContents();
  assert.deepEqual(tasks.slice(1), [
    'Task-2 say_after — asyncio.sleep(1) until 1.000 s at line 5 of the Python (main.py:5)',
    'Task-3 say_after — asyncio.sleep(2) until 2.000 s at line 5 of the Python (main.py:5)',
  ]);
  assert.deepEqual(await page.byTestId('turn-timers').locator('li').allTextContents(),
    ["2.000 s — a sleep's timer, which wakes Task-3 say_after"]);
  await page.byTestId('inspector-close').click();

  // Reset: the article's text again.
  await page.byTestId('edit-reset').click();
  await page.byTestId('editor').locator('.cm-content').filter({ hasText: "await say_after(1, 'hello')" }).waitFor();
});

test('a syntax error is marked at its line, with CPython\'s message; fixed, the program runs (phone)', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`, { viewport: PHONE });
  t.after(() => page.close());
  await page.byTestId('edit').click();
  await replaceText(page, "import asyncio\n\nasync def main():\n    print('Hello ...'\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n");
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  const stderr = await cpythonLines(page, 'stderr');
  assert.equal(stderr.at(-1), "SyntaxError: '(' was never closed");
  const marked = page.byTestId('editor').locator('[data-testid="editor-error-line"]');
  await marked.waitFor();
  assert.equal((await marked.textContent()).trim(), "print('Hello ...'");
  await page.screenshot('edit-syntax-error-phone');

  await replaceText(page, "import asyncio\n\nasync def main():\n    print('Hello ...')\n    await asyncio.sleep(1)\n    print('... World!')\n\nasyncio.run(main())\n");
  assert.equal(await marked.count(), 0, 'an edit clears the mark');
  await page.byTestId('cpython-run').click();
  const verdict = page.byTestId('cpython-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  assert.equal(await verdict.getAttribute('data-seconds'), '1');
  assert.deepEqual(await cpythonLines(page, 'stdout'), ['Hello ...', '... World!']);
  assert.deepEqual(await cpythonLines(page, 'stderr'), []);
});

test('Stop ends a program that never yields within 200 ms', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  // Pyodide in first, so the endless loop is what runs when Stop is pressed.
  await checkOnCpython(page);
  await page.byTestId('edit').click();
  await replaceText(page, 'while True:\n    pass\n');
  await page.byTestId('cpython-run').click();
  const stop = page.byTestId('cpython').getByRole('button', { name: 'Stop' });
  await stop.waitFor();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = Date.now();
  await stop.click();
  await page.byTestId('cpython-run').waitFor();
  const took = Date.now() - started;
  assert.ok(took < 200, `stopped in ${took} ms`);
  // And CPython runs again after it.
  await replaceText(page, "print('again')\n");
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  assert.deepEqual(await cpythonLines(page, 'stdout'), ['again']);
});

test('the edited version travels in the link: code= restores the program and its values', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=sequential&hello_delay=1.5&lang=en`);
  t.after(() => page.close());
  await page.byTestId('edit').click();
  // The article's text, packed into the link as soon as the editor opens with it.
  const opened = await until(async () => page.query(), (q) => q.includes('code='));
  await replaceText(page, SAY_AFTER_WITH_TASKS.replace("say_after(2, 'world')", "say_after(2, 'mundo')"));
  const query = await until(async () => page.query(), (q) => q.includes('code=') && q !== opened);
  assert.match(query, /^s=say-after&variant=sequential&hello_delay=1\.5&lang=en&code=[A-Za-z0-9_-]+$/);

  const again = await open(`${server.url}/?${query}`);
  t.after(() => again.close());
  const editor = again.byTestId('editor').locator('.cm-content');
  await editor.filter({ hasText: "say_after(2, 'mundo')" }).waitFor();
  assert.equal(await again.fieldValue('hello_delay'), '1.5');
  await again.byTestId('cpython-run').click();
  await again.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  assert.deepEqual((await cpythonLines(again, 'stdout')).slice(1, 3), ['hello', 'mundo']);

  // A link that cannot carry its code says so, and shows the lesson's own.
  const broken = await open(`${server.url}/?s=say-after&code=AAAA&lang=en`);
  t.after(() => broken.close());
  await broken.byTestId('notices').filter({ hasText: "The link's code (code=) could not be read" }).waitFor();
  assert.equal(await broken.byTestId('editor').count(), 0);
});

test('a version too long for a link is left out of it, with a message beside the editor', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  await page.byTestId('edit').click();
  // Pseudo-random digits deflate poorly: well over 16 KB packed.
  let seed = 1;
  const digits = Array.from({ length: 40_000 }, () => {
    seed = (seed * 48271) % 2147483647;
    return seed % 10;
  }).join('');
  await replaceText(page, `x = "${digits}"\nprint(len(x))\n`);
  const message = page.byTestId('code-too-long');
  await message.waitFor();
  assert.match(await message.textContent(), /more than the 16 KB a link may carry/);
  assert.ok(!(await page.query()).includes('code='));
});

test('a column that ended in an exception shows its traceback in full on request, from CPython', async (t) => {
  const page = await open(`${server.url}/?s=gather-work&lang=en`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  // wait-coroutines ends in TypeError; the code view shows another variant first.
  const column = page.variant('wait-coroutines');
  assert.match(await column.locator('.exit.raised').textContent(), /TypeError: Passing coroutines is forbidden/);
  await column.getByTestId('full-traceback').click();
  const verdict = page.byTestId('cpython-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  assert.equal(await verdict.getAttribute('data-agrees'), 'true', await verdict.textContent());
  assert.equal(await page.byTestId('code').locator('.code-tabs button[aria-pressed="true"]').textContent(), 'asyncio.wait(coroutines)');
  const stderr = await cpythonLines(page, 'stderr');
  assert.equal(stderr[0], 'Traceback (most recent call last):');
  assert.ok(stderr.some((line) => line.includes('in wait')), stderr.join('\n'));
  assert.equal(stderr.at(-2), 'TypeError: Passing coroutines is forbidden, use tasks explicitly.');
  await page.screenshot('full-traceback-desktop');
});

test('a program that prints without end is cut, and says so', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  await page.byTestId('edit').click();
  await replaceText(page, 'import asyncio\n\nasync def main():\n    while True:\n        print("again")\n        await asyncio.sleep(0)\n\nasyncio.run(main())\n');
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  assert.equal((await cpythonLines(page, 'stdout')).length, 10_000);
  assert.match(await page.byTestId('cpython').locator('.never-exits').textContent(), /Cut at 0\.000 s: .*10000 lines/);
});

test('an embed with code= and autorun=1 runs the author\'s own program on CPython and posts its lines', async (t) => {
  // The author's example, packed as the page packs it (the link of an edited version).
  const author = await open(`${server.url}/?s=say-after&variant=create-task&lang=en`);
  t.after(() => author.close());
  await author.byTestId('edit').click();
  const opened = await until(async () => author.query(), (q) => q.includes('code='));
  await replaceText(author, SAY_AFTER_WITH_TASKS.replace("say_after(2, 'world')", "say_after(2, 'tutorial')"));
  const query = await until(async () => author.query(), (q) => q.includes('code=') && q !== opened);
  const code = new URLSearchParams(query).get('code');

  const page = await open(`${server.url}/?s=say-after&variant=create-task&embed=1&autorun=1&lang=en&code=${code}`);
  t.after(() => page.close());
  const [started] = await page.waitForEvents('run-started');
  assert.deepEqual([started.variants, started.engines], [['your-version'], { 'your-version': 'cpython' }]);
  const [finished] = await page.waitForEvents('run-finished', { timeout: 60_000 });
  const [mine] = finished.variants;
  assert.equal(mine.engine, 'cpython');
  assert.deepEqual(mine.lines.slice(1, 3).map((l) => [l.text, l.t, l.stream]), [['hello', 1, 'stdout'], ['tutorial', 2, 'stdout']]);
  assert.equal(mine.elapsed, 2);
  // The lesson's own columns did not run: the link's program is what the embed shows.
  assert.equal(await page.byTestId('variant-create-task').count(), 0);
  assert.match(await page.byTestId('embed-code').locator('pre').textContent(), /say_after\(2, 'tutorial'\)/);
  await page.screenshot('embed-own-code-desktop');

  // set-code: the embedding page's own program, refused when it is not text.
  await page.post({ type: 'set-code', code: 7 });
  await page.waitForWarning(['set-code', 'string']);
  await page.post({ type: 'set-code', code: "print('set by the tutorial')\n" });
  await page.byTestId('embed-code').locator('pre').filter({ hasText: 'set by the tutorial' }).waitFor();
  await page.byTestId('cpython-run').click();
  const runs = await page.waitForEvents('run-finished', { count: 2, timeout: 60_000 });
  assert.deepEqual(runs[1].variants[0].lines.map((l) => l.text), ['set by the tutorial']);
});

test('New program: a few lines of asyncio to paste over, run on CPython beside the lesson (zh)', async (t) => {
  const page = await open(`${server.url}/?s=gather-count&lang=zh`);
  t.after(() => page.close());
  await page.byTestId('new-program').click();
  const editor = page.byTestId('editor').locator('.cm-content');
  await editor.filter({ hasText: "print('... World!')" }).waitFor();
  await replaceText(page, "import asyncio\n\nasync def tick(n):\n    await asyncio.sleep(n / 2)\n    print('tick', n)\n\nasync def main():\n    await asyncio.gather(tick(2), tick(1))\n\nasyncio.run(main())\n");
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  await page.byTestId('cpython-measured').waitFor({ timeout: 20_000 });
  assertMeasured(await page.linesOf('your-version'), [['tick 1', 0.5], ['tick 2', 1]]);
});

test('a pasted program\'s constants and sleeps become fields and draggable numbers, and travel in the link', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  await page.byTestId('new-program').click();
  await replaceText(page, "import asyncio\n\nDELAY = 1.5  # seconds\nN = 2\n\n\nasync def main():\n    await asyncio.sleep(DELAY)\n    print('one', N)\n    await asyncio.sleep(0.5)\n    print('two')\n\n\nasyncio.run(main())\n");
  const fields = page.byTestId('own-values');
  const labelled = async () => fields.locator('.param').evaluateAll((params) =>
    params.map((p) => [p.querySelector('label').textContent, p.querySelector('input').value]));
  assert.deepEqual(await until(labelled, (l) => l.length === 3, { what: 'three fields' }),
    [['DELAY', '1.5'], ['N', '2'], ['asyncio.sleep, line 10', '0.5']]);
  const editor = page.byTestId('editor').locator('.cm-content');

  // A field writes its value into the program; the run on CPython takes it.
  await page.byTestId('own-value-0').fill('2');
  await editor.filter({ hasText: 'DELAY = 2  # seconds' }).waitFor();
  await page.byTestId('cpython-run').click();
  const verdict = page.byTestId('cpython-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  assert.equal(await verdict.getAttribute('data-seconds'), '2.5');
  await page.byTestId('cpython-measured').waitFor({ timeout: 20_000 });
  assertMeasured(await page.linesOf('your-version'), [['one 2', 2], ['two', 2.5]]);

  // Bad input: a message beside its field, and the program keeps its last good value.
  await page.byTestId('own-value-1').fill('lots');
  const error = page.byTestId('own-value-error-1');
  assert.match(await error.textContent(), /not a number; enter 0–1000000/);
  await editor.filter({ hasText: 'N = 2' }).waitFor();
  await page.byTestId('own-value-1').fill('3');
  await error.waitFor({ state: 'detached' });
  await editor.filter({ hasText: 'N = 3' }).waitFor();

  // Dragged sideways in the code, the sleep's 0.5 goes up a tenth per 8 px.
  const number = page.byTestId('editor').getByTestId('editor-number').filter({ hasText: '0.5' });
  const box = await number.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.page.mouse.move(x, y);
  await page.page.mouse.down();
  await page.page.mouse.move(x + 12, y, { steps: 3 });
  await page.page.mouse.move(x + 24, y, { steps: 3 });
  await page.page.mouse.up();
  await editor.filter({ hasText: 'await asyncio.sleep(0.8)' }).waitFor();
  assert.equal(await page.byTestId('own-value-2').inputValue(), '0.8');
  await page.screenshotOf('code', 'own-values-desktop');

  // The link carries the program as it now stands.
  const code = (query) => {
    const packed = new URLSearchParams(query).get('code');
    return packed ? inflateRawSync(Buffer.from(packed, 'base64url')).toString('utf8') : '';
  };
  const query = await until(async () => page.query(), (q) => code(q).includes('asyncio.sleep(0.8)'), { what: 'the link' });
  assert.match(code(query), /^DELAY = 2 {2}# seconds\nN = 3$/m);
  const again = await open(`${server.url}/?${query}`);
  t.after(() => again.close());
  await again.byTestId('editor').locator('.cm-content').filter({ hasText: 'await asyncio.sleep(0.8)' }).waitFor();
  assert.deepEqual(await again.byTestId('own-values').locator('input').evaluateAll((inputs) => inputs.map((i) => i.value)),
    ['2', '3', '0.8']);
  assert.deepEqual(page.errors, []);
});

test('CPython is kept for next time: after a reload it starts without a download, and runs offline', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&lang=en`);
  t.after(() => page.close());
  assert.equal(await page.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0,
    'no service worker before CPython is asked for');
  const first = await checkOnCpython(page);
  assert.ok(first.agrees, first.text);
  // Once it controls the page, the service worker holds Pyodide's files (the worker kept them as
  // they came) and the page's.
  await until(() => page.page.evaluate(() => Boolean(navigator.serviceWorker.controller)), Boolean, { what: 'the service worker' });
  const kept = await page.page.evaluate(async () => (await (await caches.open('pyodide-0.25.1')).keys()).map((r) => new URL(r.url).pathname).sort());
  assert.deepEqual(kept, ['/pyodide/pyodide-lock.json', '/pyodide/pyodide.asm.js', '/pyodide/pyodide.asm.wasm', '/pyodide/python_stdlib.zip']);

  await page.page.context().setOffline(true);
  await page.page.reload();
  await page.app.waitFor();
  await page.byTestId('cpython-run').click();
  const verdict = page.byTestId('cpython-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  assert.equal(await verdict.getAttribute('data-agrees'), 'true', await verdict.textContent());
  assert.deepEqual((await cpythonLines(page, 'stdout')).slice(1, 3), ['hello', 'world']);
  // A part of the page no load has drawn yet comes offline too: its chunk (scripts/split) was kept
  // with the page.
  await page.byTestId('inspect').click();
  await page.byTestId('inspector').waitFor();
  await page.page.context().setOffline(false);
});

test('the measured run on real time: a blocking sleep holds the loop there too; a long program is not measured', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  await page.byTestId('new-program').click();
  await replaceText(page, "import asyncio\nimport time\n\n\nasync def ticker():\n    for i in range(3):\n        print('tick', i)\n        await asyncio.sleep(0.1)\n\n\nasync def main():\n    task = asyncio.create_task(ticker())\n    await asyncio.sleep(0)\n    time.sleep(0.5)  # holds the loop\n    await task\n\n\nasyncio.run(main())\n");
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-measured').waitFor({ timeout: 60_000 });
  assertMeasured(await page.linesOf('your-version'), [['tick 0', 0], ['tick 1', 0.5], ['tick 2', 0.6]]);
  await page.screenshotOf('cpython', 'cpython-measured-desktop');

  // An hour's sleep is not waited for in real time: the page says so and shows the virtual run.
  await replaceText(page, "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(100)\n    print('done')\n\n\nasyncio.run(main())\n");
  await page.byTestId('cpython-run').click();
  const not = page.byTestId('cpython-not-measured');
  await not.waitFor({ timeout: 20_000 });
  assert.equal(await not.textContent(), 'Not run on real time: at ×1 it would take 100 s (at most 30). Raise the speed to measure it.');
  assert.deepEqual((await page.linesOf('your-version')).map((l) => [l.text, l.t]), [['done', 100]]);
  assert.deepEqual(page.errors, []);
});

test('a module the page does not have fails as in python3, and the page says what it has', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  await page.byTestId('new-program').click();
  await replaceText(page, 'import asyncio\nimport numpy\n');
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  const stderr = await cpythonLines(page, 'stderr');
  assert.deepEqual(stderr.slice(-3), ['  File "main.py", line 2, in <module>', '    import numpy', "ModuleNotFoundError: No module named 'numpy'"]);
  assert.match(await page.byTestId('cpython-missing-module').textContent(), /^numpy is not in the page: CPython here has the standard library .* and small stand-ins for aiohttp, aiofiles and tqdm/);
});

test('a program of one\'s own can import aiohttp, aiofiles and tqdm: the page\'s stand-ins over its own HTTP and files', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  await page.byTestId('new-program').click();
  await replaceText(page, `import asyncio
import aiofiles
import aiohttp
from tqdm.asyncio import tqdm


async def fetch(session, url):
    async with session.get(url) as response:
        return response.status, len(await response.text())


async def main():
    async with aiohttp.ClientSession() as session:
        for done in tqdm.as_completed([fetch(session, '/py/hello-world/main.py'), fetch(session, '/nothing-here')]):
            print(*await done)
        try:
            await session.get('https://example.com/')
        except aiohttp.ClientConnectorError as error:
            print(type(error).__name__, 'only this site' in str(error))
    async with aiofiles.open('notes.txt', 'w') as f:
        await f.write('kept\\n')
    async with aiofiles.open('notes.txt') as f:
        print(await f.read(), end='')
    async with aiofiles.open('from-the-page.txt') as f:
        print(await f.read())


asyncio.run(main())
`);
  // aiofiles' files are the page's private file system: one the page wrote before is read.
  await page.page.evaluate(async () => {
    const file = await (await navigator.storage.getDirectory()).getFileHandle('from-the-page.txt', { create: true });
    const writable = await file.createWritable();
    await writable.write('written by the page');
    await writable.close();
  });
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  const printed = await cpythonLines(page, 'stdout');
  const length = async (path) => (await (await fetch(`${server.url}${path}`)).text()).length;
  const [found, missing] = [await length('/py/hello-world/main.py'), await length('/nothing-here')];
  assert.deepEqual(printed.slice(0, 2).sort(), [`200 ${found}`, `404 ${missing}`].sort(), printed.join(' | '));
  assert.deepEqual(printed.slice(2), ['ClientConnectorError True', 'kept', 'written by the page']);
  assert.deepEqual(await cpythonLines(page, 'stderr'), ['  0%|          | 0/2', ' 50%|█████     | 1/2', '100%|██████████| 2/2']);
  // And what the program wrote is there for the page, after the run.
  const notes = await page.page.evaluate(async () => (await (await (await navigator.storage.getDirectory()).getFileHandle('notes.txt')).getFile()).text());
  assert.equal(notes, 'kept\n');
});

test('aiofiles in a browser whose worker has no private file system: the OSError that says so', async (t) => {
  const page = await open(`${server.url}/?s=hello-world&lang=en`);
  t.after(() => page.close());
  // As in a browser without OPFS (WebKitGTK): CPython's worker finds no navigator.storage.getDirectory.
  await page.page.route('**/cpython/worker.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `delete StorageManager.prototype.getDirectory;\n${await response.text()}` });
  });
  await page.byTestId('new-program').click();
  await replaceText(page, "import asyncio\nimport aiofiles\n\n\nasync def main():\n    async with aiofiles.open('notes.txt', 'w') as f:\n        await f.write('lost')\n\n\nasyncio.run(main())\n");
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  const stderr = await cpythonLines(page, 'stderr');
  assert.equal(stderr.at(-1), "OSError: NotSupportedError: this browser has no private file system (navigator.storage.getDirectory): 'notes.txt'", stderr.join('\n'));
  assert.deepEqual(page.errors, []);
});

test('a browser without CompressionStream edits and runs all the same, and says the link leaves the version out', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=sequential&lang=en`);
  t.after(() => page.close());
  await page.page.addInitScript(() => {
    delete window.CompressionStream;
  });
  await page.page.reload();
  await page.byTestId('edit').click();
  await replaceText(page, SAY_AFTER_WITH_TASKS);
  assert.equal(await page.byTestId('code-not-packed').textContent(),
    'This browser has no CompressionStream to pack your version into the link: Copy link leaves it out.');
  assert.ok(!page.query().includes('code='), page.query());
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  assert.equal(await page.byTestId('cpython-verdict').getAttribute('data-seconds'), '2');
  assert.deepEqual(page.errors, []);
});
