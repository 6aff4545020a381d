// Teaching with the playground: projector mode (projector=1: large type, the code beside the
// timeline on one screen, keyboard shortcuts) and the timeline downloaded as SVG and as PNG, for
// slides and articles.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer } from './server.mjs';
import { closeBrowser, open, PHONE, SCREENSHOTS, until } from './page.mjs';

const SCREEN = { width: 1920, height: 1080 };

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.close();
});

/** Where the page's parts are, in CSS pixels, and whether anything scrolls that should not. */
async function layout(page) {
  return page.page.evaluate(() => {
    const box = (selector) => {
      const r = document.querySelector(selector).getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const root = document.documentElement;
    const svg = document.querySelector('[data-testid="timeline"] svg');
    return {
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      viewport: { width: innerWidth, height: innerHeight },
      code: box('[data-testid="code"]'),
      timeline: box('[data-testid="timeline"]'),
      column: box('.stage-run'),
      // The timeline's drawing scale (screen pixels per unit drawn) and the page's type size.
      zoom: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
      rem: parseFloat(getComputedStyle(root).fontSize),
      lanes: document.querySelectorAll('[data-testid="lane"]').length,
    };
  });
}

/** The replay's instant as the slider holds it, tutorial seconds. */
async function replayAt(page) {
  return parseFloat(await page.byTestId('replay').inputValue());
}

for (const [lesson, lanes] of [['say-after', 8], ['queue-workers', 22]]) {
  for (const theme of ['light', 'dark']) {
    test(`projector mode, ${lesson}, ${theme}: code and timeline side by side on a 1920×1080 screen, nothing scrolls`, async (t) => {
      const page = await open(`${server.url}/?s=${lesson}&speed=20&lang=en&theme=${theme}&projector=1`, { viewport: SCREEN });
      t.after(() => page.close());
      assert.equal(await page.page.locator('html').getAttribute('data-projector'), '1');
      await page.run();
      await page.waitForFinished({ timeout: 20_000 });
      // After the run its replay slider and downloads are there too: still one screen.
      await page.byTestId('export-png').waitFor();
      const at = await layout(page);
      assert.equal(at.lanes, lanes, 'every task has its lane (at most 12 per variant)');
      assert.ok(at.scrollHeight <= at.viewport.height, `the page is ${at.scrollHeight} px tall in ${at.viewport.height}`);
      assert.ok(at.scrollWidth <= at.viewport.width, `the page is ${at.scrollWidth} px wide in ${at.viewport.width}`);
      assert.ok(at.code.right <= at.timeline.left, `the timeline (${at.timeline.left}) is right of the code (${at.code.right})`);
      assert.ok(at.timeline.top < at.code.bottom && at.code.top < at.timeline.bottom, 'side by side, not stacked');
      // Whole, without scrolling its column.
      assert.ok(at.timeline.top >= at.column.top && at.timeline.bottom <= Math.min(at.column.bottom, at.viewport.height),
        `the timeline (${at.timeline.top}–${at.timeline.bottom}) is within its column (${at.column.top}–${at.column.bottom})`);
      assert.ok(at.rem >= 20, `type at ${at.rem} px`);
      assert.ok(at.zoom >= 1.3, `the timeline drawn ${at.zoom.toFixed(2)} times larger`);
      await page.screenshot(`projector-${lesson}-${theme}`);
      assert.deepEqual(page.errors, []);
    });
  }
}

test('the Projector button turns projector mode on and off, in the address bar too', async (t) => {
  const page = await open(`${server.url}/?s=say-after&lang=en`, { viewport: SCREEN });
  t.after(() => page.close());
  const toggle = page.byTestId('projector-toggle');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.byTestId('shortcuts-toggle').count(), 0, 'shortcuts are projector mode\'s');
  await toggle.click();
  await page.waitForQuery('s=say-after&lang=en&projector=1');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.page.locator('html').getAttribute('data-projector'), '1');
  assert.equal(await page.app.getAttribute('data-projector'), 'true');
  await toggle.click();
  await page.waitForQuery('s=say-after&lang=en');
  assert.equal(await page.page.locator('html').getAttribute('data-projector'), null);
  assert.equal(await page.page.locator('details.lessons').count(), 1, 'the lessons are back');
  // A bad value falls back, with a notice naming it.
  const bad = await open(`${server.url}/?s=say-after&lang=en&projector=yes`, { viewport: SCREEN });
  t.after(() => bad.close());
  assert.deepEqual(await bad.notices(), ['The link\'s projector=“yes” is invalid (it is 1 or 0); taken as 0.']);
  assert.equal(await bad.page.locator('html').getAttribute('data-projector'), null);
  assert.equal(bad.query(), 's=say-after&lang=en');
});

test('shortcuts: R runs, S stops, P predicts, ? shows their list and Esc hides it', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&speed=1&lang=en&projector=1`, { viewport: SCREEN });
  t.after(() => page.close());
  await page.page.keyboard.press('r');
  await page.root.locator('[data-testid="app"][data-run-state="running"]').waitFor();
  await page.page.keyboard.press('s');
  await page.root.locator('[data-testid="app"][data-run-state="stopped"]').waitFor();
  const list = page.byTestId('shortcuts');
  const toggle = page.byTestId('shortcuts-toggle');
  await page.page.keyboard.press('?');
  await list.waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await list.locator('kbd').allTextContents(), ['R', 'S', '←', '→', 'P', '?', 'Esc']);
  assert.match(await list.textContent(), /Run.*Stop.*back to the previous moment.*on to the next moment.*Predict/);
  await page.screenshot('projector-shortcuts');
  await page.page.keyboard.press('?');
  await list.waitFor({ state: 'detached' });
  await page.page.keyboard.press('?');
  await list.waitFor();
  await page.page.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  await list.waitFor();
  // P: the exercise, in projector mode too; P again, back.
  await page.page.keyboard.press('p');
  await page.byTestId('predict-create-task').waitFor();
  assert.equal(await page.byTestId('predict-toggle').getAttribute('aria-pressed'), 'true');
  await page.page.keyboard.press('p');
  await page.byTestId('predict').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('shortcuts: ← and → step a finished run\'s replay through the instants something happened; the slider keeps its own arrows', async (t) => {
  // At x2, not x20: what is tested is the stepping, not the clock. A first run can still come
  // 50-120 ms late on this 2-core machine (long tasks of the page's own drawing during it; #14,
  // scripts/bench-lateness.mjs measures it), which at x20 is 1-2.4 tutorial seconds and made
  // hello's instant world's; at x2 it is a quarter of a second at most.
  const page = await open(`${server.url}/?s=say-after&variant=create-task&speed=2&lang=en&projector=1`, { viewport: SCREEN });
  t.after(() => page.close());
  // Before a run there is nothing to step through.
  await page.page.keyboard.press('ArrowLeft');
  await page.page.keyboard.press('r');
  await page.waitForFinished();
  // The instant replayed to, as the "now" line stands (null: none, the run's end).
  const now = page.byTestId('now-line');
  const at = async () => ((await now.count()) ? parseFloat(await now.getAttribute('data-t')) : null);
  const step = async (key) => {
    const before = await at();
    await page.page.keyboard.press(key);
    return until(at, (after) => after !== before, { what: `${key} to move the replay from ${before}` });
  };
  const notYet = () => page.variant('create-task').locator('[data-testid="line"]').evaluateAll((lines) =>
    lines.map((l) => [l.querySelector('.line-text').textContent.split(' ')[0], l.dataset.notYet === 'true']));
  assert.equal(await at(), null);
  // Back from the end, instant by instant, to hello's (world not yet), and on to the start. Which
  // instant is hello's is read from the lines, not from the clock, since the measured 1 s can come
  // late.
  const back = [];
  let hello = null;
  while (back.length === 0 || back.at(-1) > 0.1) {
    back.push(await step('ArrowLeft'));
    assert.ok(back.length < 12 && (back.length === 1 || back.at(-1) < back.at(-2)), `steps back: ${back}`);
    const shown = await notYet();
    if (hello === null && !shown[1][1] && shown[2][1]) {
      assert.deepEqual(shown, [['started', false], ['hello', false], ['world', true], ['finished', true]]);
      hello = back.at(-1);
    }
  }
  assert.ok(hello !== null, `one of the instants is hello's, with world not yet: ${back}`);
  // A timer never fires early: hello's instant is its 1 s sleep or later.
  assert.ok(hello >= 1, `hello's instant ${hello} in ${back}`);
  // On again: the same instants, then the run's end, where the "now" line goes.
  const on = [];
  while (on.length === 0 || on.at(-1) !== null) {
    on.push(await step('ArrowRight'));
    assert.ok(on.length < 12, `steps on: ${on}`);
  }
  assert.deepEqual(on.slice(0, -1), back.slice(0, -1).toReversed(), 'the same instants both ways');
  // The slider, focused, moves by its own step: the shortcut leaves it its arrows.
  const end = await replayAt(page);
  await page.byTestId('replay').focus();
  await page.page.keyboard.press('ArrowLeft');
  const slid = await until(() => replayAt(page), (value) => value < end, { what: 'the slider to move' });
  assert.ok(end - slid > 0.005 && end - slid < 0.02, `the slider's own step from ${end}: ${slid}`);
  assert.deepEqual(page.errors, []);
});

test('shortcuts: no key is taken while typing in a field or in the editor', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task&speed=1&lang=en&projector=1`, { viewport: SCREEN });
  t.after(() => page.close());
  const state = () => page.runState();
  const list = page.byTestId('shortcuts');
  // Typed into a field during a run: the field takes the s, the run goes on.
  await page.page.keyboard.press('r');
  await page.root.locator('[data-testid="app"][data-run-state="running"]').waitFor();
  const speed = page.byTestId('speed');
  await speed.click();
  await speed.press('End');
  await speed.press('s');
  await speed.press('?');
  assert.equal(await speed.inputValue(), '1s?');
  assert.equal(await state(), 'running');
  assert.equal(await list.count(), 0, '? went into the field');
  await page.waitForFinished();
  await speed.fill('1');
  // In the editor (CodeMirror): r goes into the program, no run starts.
  await page.byTestId('edit').click();
  const editor = page.byTestId('editor').locator('.cm-content');
  await editor.waitFor();
  await editor.click();
  await page.page.keyboard.press('End');
  await page.page.keyboard.type('r?');
  assert.match(await editor.textContent(), /r\?/);
  // Out of the editor, ? shows the list: by then a run R had started would show.
  await page.byTestId('scenario-title').click();
  await page.page.keyboard.press('?');
  await list.waitFor();
  assert.equal(await state(), 'idle');
  assert.deepEqual(page.errors, []);
});

/** A download's file, from clicking the button `testId`. */
async function download(page, testId) {
  const [file] = await Promise.all([page.page.waitForEvent('download'), page.byTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** Saves a file beside the screenshots, to look at. */
async function keep(name, bytes) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(resolve(SCREENSHOTS, name), bytes);
}

test('the timeline downloads as SVG: it parses, with a lane per task of the run and each printed line', async (t) => {
  const page = await open(`${server.url}/?s=say-after&speed=20&lang=en`);
  t.after(() => page.close());
  assert.equal(await page.byTestId('export-svg').count(), 0, 'nothing to download before a run');
  await page.run();
  await page.waitForFinished();
  const { name, bytes } = await download(page, 'export-svg');
  assert.equal(name, 'say-after.timeline.svg');
  await keep(name, bytes);
  const svg = bytes.toString('utf8');
  const read = await page.page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      namespace: root.namespaceURI,
      title: root.querySelector(':scope > title')?.textContent,
      size: [root.getAttribute('width'), root.getAttribute('height')],
      stylesheets: doc.querySelectorAll('style, link').length,
      variants: [...root.querySelectorAll('g.variant')].map((variant) => ({
        label: variant.querySelector('text').textContent,
        lanes: [...variant.querySelectorAll('g.lane')].map((lane) => [lane.dataset.task, lane.querySelector('text').textContent]),
        marks: variant.querySelectorAll('circle.print').length,
      })),
    };
  }, svg);
  assert.equal(read.error, null);
  assert.deepEqual([read.root, read.namespace], ['svg', 'http://www.w3.org/2000/svg']);
  assert.equal(read.title, 'say_after: await one by one vs create_task (×20)');
  assert.equal(read.stylesheets, 0, 'self-contained');
  assert.equal(read.size[0], '960');
  // Each variant's lanes are the page's: one per task of its run, in order.
  const drawn = await page.page.locator('[data-testid="timeline"] svg').evaluate((svg) => {
    const variants = [];
    for (const node of svg.children) {
      if (node.classList.contains('variant-label')) variants.push({ label: node.textContent, lanes: [] });
      if (node.dataset.testid === 'lane') variants.at(-1).lanes.push([node.dataset.task, node.querySelector('.lane-label').textContent]);
    }
    return variants;
  });
  assert.deepEqual(read.variants.map(({ label, lanes }) => ({ label, lanes })), drawn);
  assert.deepEqual(read.variants[1].lanes, [['1', 'Task-1 main'], ['2', 'Task-2 say_after'], ['3', 'Task-3 say_after']]);
  // A mark per printed line.
  for (const [index, variant] of ['sequential', 'create-task', 'gather', 'bare-coroutines'].entries()) {
    const lines = await page.variant(variant).locator('[data-testid="line"]').count();
    assert.equal(read.variants[index].marks, lines, variant);
  }
  // How it looks, drawn by the browser.
  await page.page.setContent(svg);
  await page.page.locator('svg').screenshot({ path: resolve(SCREENSHOTS, 'timeline-say-after-svg.png') });
  assert.deepEqual(page.errors, []);
});

test('the timeline downloads as a PNG twice the SVG\'s size, white even from the dark theme, under the page\'s CSP', async (t) => {
  const page = await open(`${server.url}/?s=queue-workers&speed=20&lang=zh&theme=dark&projector=1`, { viewport: SCREEN });
  t.after(() => page.close());
  await page.page.evaluate(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });
  const svg = await download(page, 'export-svg');
  const { name, bytes } = await download(page, 'export-png');
  assert.equal(name, 'queue-workers.timeline.png');
  await keep(name, bytes);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  const svgHeight = Number(/<svg [^>]*height="(\d+)"/.exec(svg.bytes.toString('utf8'))[1]);
  assert.deepEqual([width, height], [1920, 2 * svgHeight]);
  assert.ok(height > 1000 && height < 4000, `${width}×${height}`);
  // Its corner pixel and the lane label's ink, read back in the page (a blob: image, as the policy allows).
  const pixels = await page.page.evaluate(async (data) => {
    const url = URL.createObjectURL(new Blob([new Uint8Array(data)], { type: 'image/png' }));
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return [...context.getImageData(2, 2, 1, 1).data];
  }, [...bytes]);
  assert.deepEqual(pixels, [255, 255, 255, 255], 'a white page, for print');
  assert.deepEqual(await page.page.evaluate(() => window.__cspViolations), []);
  assert.equal(await page.byTestId('export-png-error').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the download buttons, on a 1280 px page and on a phone', async (t) => {
  for (const [viewport, where] of [[{ width: 1280, height: 800 }, 'desktop'], [PHONE, 'phone']]) {
    const page = await open(`${server.url}/?s=say-after&speed=20&lang=zh`, { viewport });
    t.after(() => page.close());
    await page.run();
    await page.waitForFinished();
    const buttons = page.root.locator('.exports button');
    assert.deepEqual(await buttons.allTextContents(), ['导出运行轨迹（Perfetto）', '下载输出（Markdown）', '下载时间线（SVG）', '下载时间线（PNG）']);
    const boxes = await buttons.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().right));
    assert.ok(boxes.every((right) => right <= viewport.width), `inside the page: ${boxes}`);
    await page.byTestId('export-png').scrollIntoViewIfNeeded();
    await page.page.screenshot({ path: resolve(SCREENSHOTS, `exports-${where}.png`) });
  }
});
