// The articles' programs as written, broken ones included: each runs and ends as CPython ends it,
// beside the one-line correction that makes it do what the article says.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { PHONE, closeBrowser, open } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

test('async-data-stream as written ends with NameError and prints nothing; with the import it prints 1 to 5', async (t) => {
  const page = await open(`${server.url}/?s=async-data-stream&speed=20&lang=en`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  assert.deepEqual(await page.linesOf('as-written'), []);
  // On stderr, where CPython writes it: the traceback's last line, at 0 s.
  const stderr = await page.linesOf('as-written', 'stderr');
  assert.deepEqual(stderr.map((l) => l.text), ["NameError: name 'asyncio' is not defined"]);
  assert.equal(await page.variant('as-written').getByTestId('printed-nothing').count(), 0, 'it wrote to stderr');
  // The embed API says which stream each line went to, in line events and in run-finished.
  const written = (await page.eventsOf('line')).filter((e) => e.variant === 'as-written');
  assert.deepEqual(written.map((e) => [e.stream, e.text]), [['stderr', "NameError: name 'asyncio' is not defined"]]);
  const [finished] = await page.eventsOf('run-finished');
  const asWritten = finished.variants.find((v) => v.name === 'as-written');
  assert.deepEqual(asWritten.lines.map((l) => l.stream), ['stderr']);
  assert.equal(asWritten.error, "NameError: name 'asyncio' is not defined");
  const raised = page.variant('as-written').locator('.exit.raised');
  assert.match(await raised.textContent(), /NameError: name 'asyncio' is not defined/);
  assert.deepEqual((await page.linesOf('corrected')).map((l) => l.text), ['1', '2', '3', '4', '5']);
  assert.equal(await page.variant('corrected').locator('.exit').count(), 0, 'the corrected program ends normally');
  await page.screenshot('article-name-error');
  assert.deepEqual(page.errors, []);
});

test('async-generator as written prints nothing and says so; with asyncio.run it prints a number a second', async (t) => {
  const page = await open(`${server.url}/?s=async-generator&speed=20&lang=zh`, { viewport: PHONE, colorScheme: 'dark' });
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  assert.deepEqual(await page.linesOf('as-written'), []);
  assert.equal(await page.variant('as-written').getByTestId('printed-nothing').textContent(), '什么也没有打印');
  assert.equal(await page.variant('corrected').getByTestId('printed-nothing').count(), 0);
  const corrected = await page.linesOf('corrected');
  assert.deepEqual(corrected.map((l) => l.text), ['0', '1', '2', '3', '4']);
  // A number a second: the last at 5 s, or later by what a loaded machine's timers are late (at
  // ×20, 20 ms is 0.4 s), not at once and not at 10.
  assert.ok(corrected[4].t >= 4.9 && corrected[4].t < 6, `the last number at ${corrected[4].t} s`);
  await page.screenshot('article-printed-nothing-phone-dark');
  assert.deepEqual(page.errors, []);
});

test('the code shows the article\'s literal with the value in force: count(1) becomes count(2.5)', async (t) => {
  const page = await open(`${server.url}/?s=count-tasks&a=2.5&lang=en`);
  t.after(() => page.close());
  const python = page.byTestId('code').locator('pre.language-python code');
  await python.filter({ hasText: 'a = await count(2.5)' }).waitFor();
  const text = await python.textContent();
  assert.match(text, /# async相当于go的goroutine/, "the article's Chinese comments are kept");
  assert.match(text, /print\(f"\{a\} & \{b\} End\."\)/);
  await page.run();
  await page.waitForFinished();
  const lines = (await page.linesOf('sequential')).map((l) => l.text);
  assert.equal(lines.at(-1), '2.5 & 2 End.', 'the values count returned, as the article prints them');
});

test('"Download .py" gives exactly the program shown: the site\'s file, or the text with the values in force', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=sequential&lang=en`);
  t.after(() => page.close());
  const code = page.byTestId('code').locator('pre.language-python code');
  const link = page.byTestId('download-py');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), 'py/say-after/sequential.py');
  assert.equal(await link.getAttribute('download'), 'sequential.py');
  const file = await page.page.evaluate(async (href) => (await fetch(href)).text(), await link.getAttribute('href'));
  assert.equal(file, await code.textContent(), 'the served file is the text shown');
  assert.match(file, /await say_after\(1, 'hello'\)/);

  await page.page.goto(`${server.url}/?s=say-after&variant=sequential&hello_delay=0.5&lang=en`);
  await code.filter({ hasText: "say_after(0.5, 'hello')" }).waitFor();
  const href = await page.byTestId('download-py').getAttribute('href');
  assert.ok(href.startsWith('data:text/x-python;charset=utf-8,'), href.slice(0, 40));
  const text = decodeURIComponent(href.slice(href.indexOf(',') + 1));
  assert.equal(text, await code.textContent(), 'the download is the text in force');
});

test('a variant that is not one of the article\'s blocks says it is ours, in its column and its code tab', async (t) => {
  const page = await open(`${server.url}/?s=say-after&lang=zh`);
  t.after(() => page.close());
  const ours = async (variant) => page.variant(variant).getByTestId('ours').count();
  assert.deepEqual(
    [await ours('sequential'), await ours('create-task'), await ours('gather'), await ours('bare-coroutines')],
    [0, 0, 1, 1],
  );
  assert.equal(await page.variant('gather').getByTestId('ours').textContent(), '我们写的');
  // The code view is a part of its own, drawn once its code has come: wait for its tabs.
  const tabs = page.byTestId('code').locator('.code-tabs');
  await tabs.locator('button').first().waitFor();
  assert.equal(await tabs.locator('.ours').count(), 2);
  await page.screenshot('ours-badges');
});

test('a number in the article\'s code is a parameter: drag it, step it with the keys, click it to reach its field', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=sequential&lang=en`);
  t.after(() => page.close());
  const code = page.byTestId('code').locator('pre.language-python code');
  const world = page.byTestId('code').locator('.literal[data-param="world_delay"]');
  await world.waitFor();
  // Over the 2 of say_after(2, 'world'), as the reader sees it.
  await world.scrollIntoViewIfNeeded();
  const start = await world.boundingBox();
  const y = start.y + start.height / 2;
  await page.page.mouse.move(start.x + start.width / 2, y);
  await page.page.mouse.down();
  await page.page.mouse.move(start.x + start.width / 2 + 40, y, { steps: 8 });
  await page.page.mouse.up();
  assert.equal(await page.fieldValue('world_delay'), '2.5', '40 px is five steps of 0.1 s');
  await code.filter({ hasText: "await say_after(2.5, 'world')" }).waitFor();
  await page.waitForQuery('s=say-after&variant=sequential&world_delay=2.5&lang=en');

  await world.focus();
  await page.page.keyboard.press('ArrowUp');
  assert.equal(await page.fieldValue('world_delay'), '2.6');
  await page.page.keyboard.press('ArrowDown');
  await page.page.keyboard.press('ArrowDown');
  assert.equal(await page.fieldValue('world_delay'), '2.4');

  const hello = page.byTestId('code').locator('.literal[data-param="hello_delay"]');
  await hello.click();
  assert.equal(await page.page.evaluate(() => document.activeElement?.id), 'param-hello_delay', 'a click goes to the field');
  await page.screenshotOf('code', 'code-literal-dragged');
  assert.deepEqual(page.errors, []);
});

test('create_task outside a loop: the traceback\'s last line, then CPython\'s warning at shutdown, on stderr (phone, dark)', async (t) => {
  const page = await open(`${server.url}/?s=count-tasks&variant=outside-loop&lang=en`, { viewport: PHONE, colorScheme: 'dark' });
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished();
  assert.deepEqual((await page.linesOf('outside-loop')).map((l) => l.text), ['Starting...']);
  assert.deepEqual((await page.linesOf('outside-loop', 'stderr')).map((l) => l.text), [
    'RuntimeError: no running event loop',
    "sys:1: RuntimeWarning: coroutine 'count' was never awaited",
  ]);
  await page.screenshot('article-warning-phone-dark');
  assert.deepEqual(page.errors, []);
});

test('a program that imports aiohttp shows the stand-in beside it, and the served stand-in is what CPython ran', async (t) => {
  const page = await open(`${server.url}/?s=aiohttp-fetch&variant=create-task&lang=en`);
  t.after(() => page.close());
  const code = page.byTestId('code').locator('pre.language-python code');
  await code.filter({ hasText: 'import aiohttp' }).waitFor();
  // The article's program, verbatim: create_task and asyncio.wait, verify_ssl, the submodule.
  const shown = await code.textContent();
  assert.match(shown, /tasks = \[asyncio\.create_task\(fetch\(session, url\)\) for url in url_list\]\n\s+await asyncio\.wait\(tasks\)/);
  assert.match(shown, /except aiohttp\.client_exceptions\.ClientConnectorError as e:/);
  const links = page.byTestId('stand-ins').locator('a');
  assert.deepEqual(await links.allTextContents(), ['aiohttp/__init__.py', 'aiohttp/client_exceptions.py']);
  const init = await page.page.evaluate(async (href) => (await fetch(href)).text(), await links.first().getAttribute('href'));
  assert.match(init, /^GITHUB_LATENCY = 1$/m, 'the stand-in holds the modelled latencies, the lesson\'s fields');
  assert.match(init, /class ClientSession:/);
});
