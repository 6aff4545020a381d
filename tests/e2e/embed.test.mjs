// The embed demo (static/embed-demo.html): a tutorial-like page with two playgrounds, one in
// Chinese that runs by itself and one in English, sized by embed.js. Checks the compact view,
// the events the embedding page receives, its commands, the frames' heights, and screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { startServer } from './server.mjs';
import { DESKTOP, PHONE, closeBrowser, openEmbedding } from './page.mjs';

const ZH = 0; // say-after, lang=zh, autorun=1
const EN = 1; // gather-count, lang=en

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

async function openDemo(options) {
  return openEmbedding(`${server.url}/embed-demo.html`, options);
}

test('each frame shows the compact view, in its own language', async (t) => {
  const demo = await openDemo();
  t.after(() => demo.close());

  for (const [index, want] of [
    [ZH, { lang: 'zh-CN', title: 'say_after：逐个 await 与 create_task', run: '运行', open: '在游乐场中打开 ↗', link: '/?s=say-after&lang=zh&autorun=1' }],
    [EN, { lang: 'en', title: 'gather: two counts at once', run: 'Run', open: 'Open in the playground ↗', link: '/?s=gather-count&lang=en' }],
  ]) {
    const frame = demo.frame(index);
    assert.equal(await frame.app.getAttribute('data-embed'), 'true');
    assert.equal((await frame.documentLook()).lang, want.lang);
    assert.equal(await frame.byTestId('scenario-title').textContent(), want.title);
    assert.equal(await frame.runButton.textContent(), want.run);
    // Parameters, Run, the comparison and the timeline (which comes after the first drawing); no
    // picker, no code, no header tools.
    await frame.byTestId('timeline').waitFor();
    for (const present of ['speed', 'run', 'stop', 'timeline']) {
      assert.equal(await frame.byTestId(present).count(), 1, `${index}: ${present}`);
    }
    for (const absent of ['picker-search', 'code', 'copy-link', 'theme-toggle', 'reset', 'show-variants']) {
      assert.equal(await frame.byTestId(absent).count(), 0, `${index}: ${absent}`);
    }
    const link = frame.byTestId('open-playground');
    assert.equal(await link.textContent(), want.open);
    assert.equal(await link.getAttribute('target'), '_blank');
    const href = await link.evaluate((a) => a.href);
    assert.equal(href, `${server.url}${want.link}`, 'the same state, without embed');
  }
  assert.deepEqual(demo.errors, []);
});

test('the embedding page hears ready, the autorun, every line and run-finished (zh)', async (t) => {
  const demo = await openDemo();
  t.after(() => demo.close());
  const zh = demo.frame(ZH);

  const readies = await demo.waitForEvents('ready', { count: 2 });
  assert.deepEqual(readies.map((r) => r.scenario).sort(), ['gather-count', 'say-after']);
  assert.ok(readies.every((r) => r.ms > 0), JSON.stringify(readies));
  const [finished] = await demo.waitForEvents('run-finished', { frame: ZH });
  await zh.waitForFinished();
  const [started] = await demo.eventsOf('run-started', { frame: ZH });
  assert.deepEqual(started.variants, ['sequential', 'create-task', 'gather', 'bare-coroutines']);
  assert.deepEqual(await demo.eventsOf('run-started', { frame: EN }), [], 'the English one waits for Run');

  const lines = await demo.eventsOf('line', { frame: ZH });
  for (const variant of finished.variants) {
    const shown = await zh.linesOf(variant.name);
    assert.deepEqual(variant.lines.map((l) => l.text), shown.map((l) => l.text), variant.name);
    assert.deepEqual(
      variant.lines,
      lines.filter((l) => l.variant === variant.name).map(({ task, text, t, ms, stream }) => ({ task, text, t, ms, stream })),
      variant.name,
    );
    assert.equal(variant.error, null);
  }
  assert.deepEqual(finished.params, { hello_delay: 1, world_delay: 2 });
  assert.equal(finished.speed, 1);
  assert.deepEqual(demo.errors, []);

  // An embed draws no code: its run waited for neither the code's part nor its highlighter.
  const files = await (await demo.contentFrame(ZH)).evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));
  assert.ok(files.some((f) => f.endsWith('_bg.wasm')), files.join(' '));
  assert.ok(!files.includes('split_code.wasm') && !files.includes('prism-core.min.js'), files.join(' '));
});

test('commands from the embedding page: set-params, run, stop, and refusals (en)', async (t) => {
  const demo = await openDemo();
  t.after(() => demo.close());
  const en = demo.frame(EN);
  await demo.waitForEvents('ready', { frame: EN });

  await demo.post(EN, { type: 'set-params', params: { delay: '0.5' }, speed: 4 });
  await en.waitForField('delay', '0.5');
  assert.equal(await en.fieldValue('speed'), '4');
  await demo.post(EN, { type: 'run' });
  const [finished] = await demo.waitForEvents('run-finished', { frame: EN });
  assert.equal(finished.scenario, 'gather-count');
  assert.deepEqual(finished.params, { delay: 0.5 });
  assert.equal(finished.speed, 4);
  const [main] = finished.variants;
  assert.deepEqual(main.lines.map((l) => [l.text, l.t]), [['One', 0], ['One', 0], ['Two', 0.5], ['Two', 0.5]]);
  assert.deepEqual(main.lines.map((l) => l.text), (await en.linesOf('main')).map((l) => l.text));
  assert.equal(main.predicted_elapsed, 0.5);

  // The run as a Chrome trace, for a course page to keep or open in Perfetto.
  await demo.post(EN, { type: 'export', format: 'chrome-trace' });
  const [exported] = await demo.waitForEvents('exported', { frame: EN });
  assert.equal(exported.format, 'chrome-trace');
  const tracks = exported.data.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  assert.deepEqual(tracks, ['Task-1 main', 'Task-2 count', 'Task-3 count']);
  assert.ok(exported.data.traceEvents.filter((e) => e.ph === 'X').every((e) => e.dur >= 0 && e.pid === 1));
  await demo.post(EN, { type: 'export', format: 'svg' });
  await demo.waitForWarning(['export', '"svg"', 'chrome-trace']);

  // Inside the loop, by the API: turn 1 runs both count tasks' first steps, which print One.
  await demo.post(EN, { type: 'inspect', tick: 1 });
  const [inspected] = await demo.waitForEvents('inspected', { frame: EN });
  assert.equal(inspected.variant, 'main');
  assert.deepEqual([inspected.tick, inspected.t], [1, 0]);
  assert.deepEqual(inspected.ready, [{ step: 2 }, { step: 3 }]);
  assert.deepEqual(inspected.tasks.map((task) => [task.name, task.state]),
    [['Task-1 main', 'waiting'], ['Task-2 count', 'ready'], ['Task-3 count', 'ready']]);
  assert.deepEqual(inspected.printed, ['One', 'One']);
  await demo.post(EN, { type: 'inspect', tick: 'soon' });
  await demo.waitForWarning(['inspect', '"soon"']);

  // Refused: a value out of range, an unknown type. Each warning names what and why.
  await demo.post(EN, { type: 'set-params', params: { delay: -1 } });
  await demo.waitForWarning(['set-params', 'delay = -1', 'cannot be negative']);
  assert.equal(await en.fieldValue('delay'), '0.5');
  await demo.post(EN, { type: 'jump' });
  await demo.waitForWarning(['“jump”']);

  await demo.post(EN, { type: 'set-params', params: { delay: 30 }, speed: 1 });
  await demo.post(EN, { type: 'run' });
  await demo.waitForEvents('run-started', { frame: EN, count: 2 });
  await demo.post(EN, { type: 'stop' });
  const [cancelled] = await demo.waitForEvents('run-cancelled', { frame: EN });
  assert.deepEqual(cancelled, { source: 'coroutine-playground', type: 'run-cancelled', scenario: 'gather-count', reason: 'stopped' });
  assert.equal(await en.runState(), 'stopped');
  assert.deepEqual(demo.errors, []);
});

test('a frame takes commands from the embedding page only, not from another frame', async (t) => {
  const demo = await openDemo();
  t.after(() => demo.close());
  await demo.waitForEvents('ready', { count: 2 });

  const sibling = await demo.contentFrame(ZH);
  await sibling.evaluate(() => window.parent.frames[1].postMessage({ type: 'run' }, '*'));
  await demo.waitForWarning(['[coroutine-playground]', 'another window']);
  await new Promise((ok) => setTimeout(ok, 300));
  assert.deepEqual(await demo.eventsOf('run-started', { frame: EN }), []);
  assert.deepEqual(demo.errors, []);
});

test('each frame is exactly as tall as its content, on a desktop and on a phone; screenshots', async (t) => {
  const demo = await openDemo();
  t.after(() => demo.close());
  await demo.waitForEvents('run-finished', { frame: ZH });

  const shots = [];
  for (const [name, size] of [['embed-demo-desktop', DESKTOP], ['embed-demo-phone', PHONE]]) {
    await demo.setViewport(size);
    for (const index of [ZH, EN]) {
      const fit = await demo.waitForFit(index);
      const resizes = await demo.eventsOf('resize', { frame: index });
      assert.equal(resizes.at(-1).height, Math.ceil(fit.documentHeight), `${name} ${index}: the last resize event`);
    }
    shots.push(await demo.screenshot(name));
  }
  for (const path of shots) {
    assert.ok((await stat(path)).size > 0, `${path} is empty`);
  }
  // Content that grows (a run in the English frame) grows its frame too.
  const before = (await demo.fit(EN)).frameHeight;
  await demo.post(EN, { type: 'set-params', speed: 50 });
  await demo.post(EN, { type: 'run' });
  await demo.waitForEvents('run-finished', { frame: EN });
  const after = await demo.waitForFit(EN);
  assert.ok(after.frameHeight >= before, `${before} → ${after.frameHeight}`);
  assert.deepEqual(demo.errors, []);
});
