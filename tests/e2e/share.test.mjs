// A run is a URL: shared links restore every value, bad values fall back with a notice, edits
// update the address bar, the copy buttons work (or hand the text over), and the embed API's
// events and commands work on a page that is not embedded (they go to the page itself).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { closeBrowser, open } from './page.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

const SAY_AFTER_VARIANTS = ['sequential', 'create-task', 'gather', 'bare-coroutines'];
// The page's background as rendered (#15171b and #fbfbf8).
const DARK_BG = 'rgb(21, 23, 27)';
const LIGHT_BG = 'rgb(251, 251, 248)';

describe('shared links', () => {
  test('restore every value, the language, the theme and the single variant (English, dark)', async (t) => {
    const query = 's=say-after&variant=create-task&hello_delay=0.5&world_delay=1.5&speed=4&lang=en&theme=dark';
    const page = await open(`${server.url}/?${query}`);
    t.after(() => page.close());

    for (let visit = 0; visit < 2; visit++) {
      assert.equal(await page.fieldValue('hello_delay'), '0.5');
      assert.equal(await page.fieldValue('world_delay'), '1.5');
      assert.equal(await page.fieldValue('speed'), '4');
      assert.deepEqual(await page.columnNames(), ['create-task']);
      assert.equal(await page.byTestId('show-variants').inputValue(), 'create-task');
      assert.deepEqual(await page.documentLook(), { lang: 'en', theme: 'dark', background: DARK_BG });
      assert.equal(await page.runButton.textContent(), 'Run');
      assert.deepEqual(await page.notices(), []);
      assert.equal(page.query(), query, 'the address bar keeps the link as it was');
      await page.page.reload();
      await page.app.waitFor();
    }
    assert.deepEqual(page.errors, []);
  });

  test('restore Chinese and a light theme that overrides a dark system', async (t) => {
    const page = await open(`${server.url}/?s=gather-count&delay=2&lang=zh&theme=light`, { colorScheme: 'dark' });
    t.after(() => page.close());

    assert.equal(await page.fieldValue('delay'), '2');
    assert.deepEqual(await page.documentLook(), { lang: 'zh-CN', theme: 'light', background: LIGHT_BG });
    assert.equal(await page.runButton.textContent(), '运行');
    assert.equal(await page.byTestId('scenario-title').textContent(), 'gather：两个 count 同时运行');
    assert.deepEqual(page.errors, []);
  });

  test('without a theme, follow the system; without a language, the browser', async (t) => {
    const page = await open(`${server.url}/?s=say-after`, { colorScheme: 'dark', locale: 'zh-CN' });
    t.after(() => page.close());

    assert.deepEqual(await page.documentLook(), { lang: 'zh-CN', theme: null, background: DARK_BG });
    assert.deepEqual(await page.columnNames(), SAY_AFTER_VARIANTS);
    assert.equal(page.query(), 's=say-after', 'defaults stay out of the link');
    assert.deepEqual(page.errors, []);
  });

  for (const [lang, words] of [
    ['en', { invalid: 'is invalid', variant: 'showing them all', theme: 'following the system' }],
    ['zh', { invalid: '无效', variant: '已显示全部写法', theme: '已跟随系统设置' }],
  ]) {
    test(`bad values fall back one by one, each with a notice that says why (${lang})`, async (t) => {
      const query = `s=say-after&hello_delay=abc&world_delay=2.5&variant=parallel&theme=purple&embed=yes&speed=0&colour=red&lang=${lang}`;
      const page = await open(`${server.url}/?${query}`);
      t.after(() => page.close());

      const notices = await page.notices();
      assert.equal(notices.length, 6, notices.join('\n'));
      const about = (needle) => notices.find((n) => n.includes(needle));
      assert.ok(about('hello_delay')?.includes(words.invalid), notices.join('\n'));
      assert.ok(about('“parallel”')?.includes(words.variant), notices.join('\n'));
      assert.ok(about('“purple”')?.includes(words.theme), notices.join('\n'));
      assert.ok(about('embed'), notices.join('\n'));
      assert.ok(about('speed'), notices.join('\n'));
      assert.ok(about('“colour”'), notices.join('\n'));
      // The bad ones are back to their defaults; the good one is kept.
      assert.equal(await page.fieldValue('hello_delay'), '1');
      assert.equal(await page.fieldValue('world_delay'), '2.5');
      assert.equal(await page.fieldValue('speed'), '1');
      assert.deepEqual(await page.columnNames(), SAY_AFTER_VARIANTS);
      assert.equal((await page.documentLook()).theme, null);
      assert.equal(await page.byTestId('picker-search').count(), 1, 'embed=yes is not embed=1: the full page');
      assert.equal(page.query(), `s=say-after&world_delay=2.5&lang=${lang}`);
      assert.deepEqual(page.errors, []);
    });
  }

  test('every edit is in the address bar at once', async (t) => {
    const page = await open(`${server.url}/?s=say-after&lang=en`);
    t.after(() => page.close());

    await page.param('hello_delay').fill('2.5');
    await page.waitForQuery('s=say-after&hello_delay=2.5&lang=en');
    await page.byTestId('show-variants').selectOption('gather');
    await page.waitForQuery('s=say-after&variant=gather&hello_delay=2.5&lang=en');
    assert.deepEqual(await page.columnNames(), ['gather']);
    await page.byTestId('speed').fill('8');
    await page.byTestId('theme-toggle').click();
    await page.waitForQuery('s=say-after&variant=gather&hello_delay=2.5&speed=8&lang=en&theme=dark');
    assert.equal((await page.documentLook()).background, DARK_BG);
    await page.byTestId('lang-toggle').click();
    await page.waitForQuery('s=say-after&variant=gather&hello_delay=2.5&speed=8&lang=zh&theme=dark');
    assert.equal(await page.runButton.textContent(), '运行');
    await page.byTestId('reset').click();
    await page.waitForQuery('s=say-after&variant=gather&lang=zh&theme=dark');
    assert.deepEqual(page.errors, []);
  });
});

describe('copy buttons', () => {
  test('copy the link and the embed code, and say so', async (t) => {
    const page = await open(`${server.url}/?s=gather-count&delay=0.5&lang=en`, { clipboard: 'grant' });
    t.after(() => page.close());

    await page.byTestId('copy-link').click();
    await page.byTestId('copied').filter({ hasText: 'Link copied' }).waitFor();
    assert.equal(await page.clipboard(), `${server.url}/?s=gather-count&delay=0.5&lang=en`);

    await page.byTestId('copy-embed').click();
    await page.byTestId('copied').filter({ hasText: 'Embed code copied' }).waitFor();
    const code = await page.clipboard();
    assert.equal(
      code,
      `<iframe src="${server.url}/?s=gather-count&amp;delay=0.5&amp;lang=en&amp;embed=1" ` +
        'title="Coroutine Playground: gather: two counts at once" width="100%" height="640" loading="lazy"></iframe>\n' +
        `<script src="${server.url}/embed.js"></script>`,
    );
    const script = await fetch(`${server.url}/embed.js`);
    assert.equal(script.status, 200, 'the embed code names a script that is served');
    assert.deepEqual(page.errors, []);
  });

  test('when the clipboard is refused, the text is shown selected to copy by hand (zh)', async (t) => {
    const page = await open(`${server.url}/?s=say-after&lang=zh`, { clipboard: 'refuse' });
    t.after(() => page.close());

    for (const [button, expected] of [
      ['copy-link', `${server.url}/?s=say-after&lang=zh`],
      ['copy-embed', `${server.url}/?s=say-after&amp;lang=zh&amp;embed=1`],
    ]) {
      await page.byTestId(button).click();
      await page.byTestId('copy-by-hand').waitFor();
      assert.match(await page.byTestId('copy-by-hand').textContent(), /浏览器不允许写入剪贴板/);
      const field = await page.byTestId('copy-field').evaluate((area) => ({
        value: area.value,
        selected: area.value.slice(area.selectionStart, area.selectionEnd),
        focused: document.activeElement === area,
      }));
      assert.ok(field.value.includes(expected), `${button}: ${field.value}`);
      assert.equal(field.selected, field.value, 'all of it is selected');
      assert.ok(field.focused, 'and focused, so Ctrl+C copies it');
      assert.equal(await page.byTestId('copied').textContent(), '', 'nothing claims it was copied');
    }
    assert.deepEqual(page.errors, []);
  });
});

describe('embed API on a page that is not embedded', () => {
  test('events: ready, resize, run-started, every line, run-finished matching the page', async (t) => {
    const page = await open(`${server.url}/?s=say-after&speed=5&lang=en`);
    t.after(() => page.close());

    const [ready] = await page.waitForEvents('ready');
    assert.equal(ready.scenario, 'say-after');
    assert.ok(ready.ms > 0 && ready.ms < 30_000, `ready.ms ${ready.ms}`);
    const [resize] = await page.waitForEvents('resize');
    assert.ok(resize.height > 300, `resize.height ${resize.height}`);

    await page.run();
    await page.waitForFinished();
    const [finished] = await page.waitForEvents('run-finished');
    const [started] = await page.eventsOf('run-started');
    assert.deepEqual(started, {
      source: 'coroutine-playground',
      type: 'run-started',
      scenario: 'say-after',
      params: { hello_delay: 1, world_delay: 2 },
      speed: 5,
      variants: SAY_AFTER_VARIANTS,
      engines: Object.fromEntries(SAY_AFTER_VARIANTS.map((name) => [name, 'rust'])),
    });
    const types = (await page.events()).map((e) => e.data.type).filter((type) => type !== 'resize');
    const firstLine = types.indexOf('line');
    assert.ok(types.indexOf('run-started') < firstLine && types.lastIndexOf('line') < types.indexOf('run-finished'), types.join(' '));

    const lines = await page.eventsOf('line');
    assert.equal(finished.scenario, 'say-after');
    assert.deepEqual(finished.params, { hello_delay: 1, world_delay: 2 });
    assert.equal(finished.speed, 5);
    assert.deepEqual(finished.variants.map((v) => v.name), SAY_AFTER_VARIANTS);
    assert.deepEqual(finished.variants.map((v) => v.engine), SAY_AFTER_VARIANTS.map(() => 'rust'));
    const predicted = { sequential: 3, 'create-task': 2, gather: 2, 'bare-coroutines': 0 };
    for (const variant of finished.variants) {
      const shown = await page.linesOf(variant.name);
      assert.deepEqual(variant.lines.map((l) => l.text), shown.map((l) => l.text), `${variant.name}: the lines shown`);
      assert.deepEqual(
        variant.lines,
        lines.filter((l) => l.variant === variant.name).map(({ task, text, t, ms, stream }) => ({ task, text, t, ms, stream })),
        `${variant.name}: the line events, field for field`,
      );
      for (const line of variant.lines) {
        assert.deepEqual(Object.keys(line), ['task', 'text', 't', 'ms', 'stream']);
        assert.equal(line.stream, 'stdout');
        assert.ok(Number.isInteger(line.task) && line.ms >= 0, JSON.stringify(line));
      }
      assert.equal(variant.predicted_elapsed, predicted[variant.name], variant.name);
      assert.ok(Math.abs(variant.elapsed - (variant.elapsed_ms * 5) / 1000) < 1e-9, JSON.stringify(variant));
      assert.ok(Math.abs(variant.elapsed - variant.predicted_elapsed) < 0.3, JSON.stringify(variant));
      assert.ok(Math.abs((await page.elapsedOf(variant.name)) - variant.elapsed) < 1e-9, 'the elapsed time shown');
      assert.equal(variant.error, null);
      assert.equal('never_exits' in variant, false);
    }
    // The logical times: hello at 1 s, world at 2 s when the tasks overlap.
    const createTask = finished.variants.find((v) => v.name === 'create-task').lines;
    assert.deepEqual(createTask.map((l) => [l.text.replace(/\d\d:\d\d:\d\d/, 'HH:MM:SS'), l.t]).slice(1, 3), [['hello', 1], ['world', 2]]);
    const refusals = page.warnings.filter((w) => w.text.startsWith('[coroutine-playground]'));
    assert.deepEqual(refusals, [], 'its own events are not taken for commands');
    assert.deepEqual(page.errors, []);
  });

  for (const lang of ['en', 'zh']) {
    test(`commands: set-params through the form's validator, run, stop, and refusals (${lang})`, async (t) => {
      const page = await open(`${server.url}/?s=say-after&lang=${lang}`);
      t.after(() => page.close());
      await page.waitForEvents('ready');

      await page.post({ type: 'set-params', params: { hello_delay: 0.5, world_delay: 'abc', colour: 1 }, speed: '10' });
      await page.waitForQuery(`s=say-after&hello_delay=0.5&speed=10&lang=${lang}`);
      assert.equal(await page.fieldValue('hello_delay'), '0.5');
      assert.equal(await page.fieldValue('world_delay'), '2', 'an invalid value is not applied');
      assert.equal(await page.fieldValue('speed'), '10');
      const why = lang === 'en' ? "world's delay: not a number" : 'world 的延迟：这不是数字';
      await page.waitForWarning(['[coroutine-playground]', 'set-params', 'world_delay', '"abc"', why]);
      await page.waitForWarning(['[coroutine-playground]', 'set-params', '“colour”']);

      await page.post({ source: 'my-tutorial', type: 'run' });
      await page.waitForEvents('run-started');
      await page.post({ type: 'set-params', params: { world_delay: 60 }, speed: 1 });
      const [cancelled] = await page.waitForEvents('run-cancelled');
      assert.deepEqual(cancelled, { source: 'coroutine-playground', type: 'run-cancelled', scenario: 'say-after', reason: 'params-changed' });

      await page.post({ type: 'run' });
      await page.waitForEvents('run-started', { count: 2 });
      await page.post({ type: 'stop' });
      const stopped = (await page.waitForEvents('run-cancelled', { count: 2 }))[1];
      assert.equal(stopped.reason, 'stopped');
      assert.equal(await page.runState(), 'stopped');

      // Run refused while a field is invalid: the warning names the field and why.
      await page.param('hello_delay').fill('');
      await page.post({ type: 'run' });
      const empty = lang === 'en' ? 'enter a number' : '请输入一个数';
      await page.waitForWarning(['[coroutine-playground]', 'run', 'hello_delay', empty]);
      // Malformed and unknown messages: a warning each, nothing else.
      await page.post({ type: 'fly' });
      await page.waitForWarning(['“fly”', 'run, stop, set-params'.replace(/, /g, lang === 'en' ? ', ' : '、')]);
      await page.post('run');
      await page.post({ kind: 'run' });
      await page.post({ type: 'set-params', params: [1, 2] });
      await page.waitForWarning(['[coroutine-playground]', '“params”']);
      assert.ok(page.warnings.length >= 6, page.warnings.map((w) => w.text).join('\n'));
      assert.equal((await page.eventsOf('run-started')).length, 2, 'none of them started a run');
      assert.deepEqual(page.errors, []);
    });
  }
});
