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
  assert.ok(Math.abs(corrected[4].t - 5) < 0.5, `the last number at ${corrected[4].t} s`);
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
