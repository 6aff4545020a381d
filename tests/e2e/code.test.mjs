// The code view marks the line each task is at, in the Python and in the Rust, while a run goes
// on and at the instant a finished run is scrubbed back to.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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

test('create_task: both say_after tasks sleep at one line while main awaits task1, then task2', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&speed=1`);
  t.after(() => page.close());
  const highlighted = () => page.page.locator('.code pre code .token').count();
  await until(highlighted, (n) => n > 0, { what: 'Prism\'s highlighting' });
  const tokens = await highlighted();
  await page.run();
  await page.byTestId('code-mark').first().waitFor();
  assert.equal(await highlighted(), tokens, 'the marks come over the highlighted code, which stays highlighted');
  assert.deepEqual(await page.codeMarks('python'), [
    { line: 6, code: 'await asyncio.sleep(delay)', tasks: 'Task-2 Task-3' },
    { line: 27, code: 'await task1', tasks: 'Task-1' },
  ]);
  assert.deepEqual(
    (await page.codeMarks('rust')).map(({ code, tasks }) => [code, tasks]),
    [
      ['sleep(delay).await?;', 'Task-2 Task-3'],
      ['task1.await?;', 'Task-1'],
    ],
  );
  await page.screenshotOf('code', 'code-marks-running');

  await page.waitForFinished();
  assert.deepEqual(await page.codeMarks('python'), [], 'every task has finished');
  await page.byTestId('replay').fill('1.5');
  // At 1.5 s hello's task has finished; world's still sleeps and main awaits it.
  assert.deepEqual(await page.codeMarks('python'), [
    { line: 6, code: 'await asyncio.sleep(delay)', tasks: 'Task-3' },
    { line: 28, code: 'await task2', tasks: 'Task-1' },
  ]);
  assert.equal(await highlighted(), tokens);
  await page.screenshotOf('code', 'code-marks-replay-1.5s');
});

test('async generator pipeline: the consumer is marked inside the producer while it produces', async (t) => {
  const page = await open(`${server.url}/?s=async-gen-pipeline&variant=pipeline&speed=10`);
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });
  const at = async (seconds) => {
    await page.byTestId('replay').fill(String(seconds));
    return (await page.codeMarks('python')).map(({ code, tasks }) => [code, tasks]);
  };
  // Producing event 1 sleeps 0…1 s inside the producer; processing it sleeps 1…3 s in the consumer.
  assert.deepEqual(await at(0.5), [['await asyncio.sleep(i)', 'Task-1']]);
  assert.deepEqual(await at(2), [['await asyncio.sleep(2 * i)', 'Task-1']]);
});

test('on a phone in the dark, many tasks at one line are counted, not listed', async (t) => {
  const page = await open(`${server.url}/?s=queue-workers&variant=task-done`, { viewport: PHONE, colorScheme: 'dark' });
  t.after(() => page.close());
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });
  await page.byTestId('replay').fill('0.05');
  // 0.05 s in: the four producers sleep inside g() before their second item.
  const marks = await page.codeMarks('python');
  assert.deepEqual(marks[0], { line: 8, code: 'await asyncio.sleep(i * 0.1)', tasks: '4 tasks' });
  await page.screenshotOf('code', 'code-marks-phone-dark');
});
