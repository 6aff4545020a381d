// Accessibility, checked by axe-core (the standard engine, from npm) on the built page: every
// lesson in both languages and both themes, after a run, with the editor and CPython's panel open,
// on a phone, the embed, and projector mode. Any violation fails, each listed with its rule and elements; a rule
// turned off says here why it does not apply.
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

/** axe's violations on the page as it is now, one line each: rule, impact, and where. */
async function violations(page, where) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.page.evaluate(() => Boolean(window.axeViolations)))) await page.page.evaluate(AXE);
  const found = await page.page.evaluate(() => window.axeViolations());
  return found.map((line) => `${where}: ${line}`);
}

/** The lessons, as the picker lists them. */
async function lessons(page) {
  return page.page.locator('[data-testid^="pick-"]').evaluateAll((links) => links.map((a) => a.dataset.testid.slice(5)));
}

for (const lang of ['zh', 'en']) {
  for (const theme of ['light', 'dark']) {
    test(`every lesson, ${lang}, ${theme}: no violation`, async (t) => {
      const page = await open(`${server.url}/?lang=${lang}&theme=${theme}`);
      t.after(() => page.close());
      const found = [];
      for (const id of await lessons(page)) {
        await page.byTestId(`pick-${id}`).click();
        await page.page.waitForFunction((want) => new URLSearchParams(location.search).get('s') === want, id);
        // The timeline, its own part of the page, comes after the first drawing.
        await page.byTestId('timeline').waitFor();
        found.push(...await violations(page, id));
      }
      assert.deepEqual(found, []);
    });
  }
}

test('after a run, with the editor and CPython\'s panel: no violation (light and dark)', async (t) => {
  const page = await open(`${server.url}/?s=say-after&speed=50&lang=en`);
  t.after(() => page.close());
  const found = [];
  await page.run();
  await page.waitForFinished();
  // Replayed to an instant where tasks wait: their lines are marked in the code.
  await page.byTestId('replay').fill('0.5');
  await page.byTestId('code-mark').first().waitFor();
  found.push(...await violations(page, 'replay, light'));
  await page.byTestId('edit').click();
  await page.byTestId('editor').locator('.cm-content').waitFor();
  await page.byTestId('cpython-run').click();
  await page.byTestId('cpython-verdict').waitFor({ timeout: 60_000 });
  found.push(...await violations(page, 'light'));
  await page.byTestId('theme-toggle').click();
  found.push(...await violations(page, 'dark'));
  assert.deepEqual(found, []);
});

test('projector mode, after a run, replayed, with the shortcuts listed: no violation (zh and en, light and dark)', async (t) => {
  const found = [];
  for (const [query, where] of [['s=queue-workers&lang=zh&theme=light', 'zh, light'], ['s=say-after&lang=en&theme=dark', 'en, dark']]) {
    const page = await open(`${server.url}/?${query}&speed=20&projector=1`, { viewport: { width: 1920, height: 1080 } });
    t.after(() => page.close());
    await page.byTestId('timeline').waitFor();
    found.push(...await violations(page, `projector, ${where}, before a run`));
    await page.run();
    await page.waitForFinished({ timeout: 20_000 });
    await page.page.keyboard.press('ArrowLeft');
    await page.byTestId('await-graph').waitFor();
    await page.page.keyboard.press('?');
    await page.byTestId('shortcuts').waitFor();
    found.push(...await violations(page, `projector, ${where}`));
  }
  assert.deepEqual(found, []);
});

test('predict mode, before and after a run: no violation (zh and en, light and dark)', async (t) => {
  const found = [];
  for (const [query, where] of [['s=say-after&lang=zh&theme=light', 'zh, light'], ['s=count-tasks&lang=en&theme=dark', 'en, dark']]) {
    const page = await open(`${server.url}/?${query}&speed=20&predict=1`);
    t.after(() => page.close());
    await page.byTestId('predict').waitFor();
    found.push(...await violations(page, `predict, ${where}, before a run`));
    await page.run();
    await page.waitForFinished({ timeout: 20_000 });
    await page.byTestId('predict-verdict').first().waitFor();
    found.push(...await violations(page, `predict, ${where}, judged`));
  }
  assert.deepEqual(found, []);
});

test('on a phone, the page and the embed: no violation', async (t) => {
  const found = [];
  for (const [url, where] of [
    ['?s=gather-count&lang=zh', 'page, zh'],
    ['?s=say-after&lang=en&theme=dark', 'page, en, dark'],
    ['?s=say-after&embed=1&lang=zh', 'embed, zh'],
    ['?s=queue-workers&embed=1&lang=en&theme=dark', 'embed, en, dark'],
    // A refused value: its notice, and the field's message.
    ['?s=say-after&embed=1&lang=en&hello_delay=abc', 'embed with a notice'],
  ]) {
    const page = await open(`${server.url}/${url}`, { viewport: PHONE });
    t.after(() => page.close());
    found.push(...await violations(page, where));
  }
  assert.deepEqual(found, []);
});

test('a run is announced at most once a second, and its end with each variant\'s time', async (t) => {
  const page = await open(`${server.url}/?s=say-after&speed=1&lang=en`);
  t.after(() => page.close());
  // The columns' lines are no live region of their own: sixteen lines would be sixteen announcements.
  assert.equal(await page.page.locator('ol.lines[aria-live], section.variant[aria-live]').count(), 0);
  const announcer = page.byTestId('run-announcer');
  assert.equal(await announcer.getAttribute('role'), 'status');
  await announcer.evaluate((node) => {
    window.__said = [];
    new MutationObserver(() => window.__said.push(node.textContent)).observe(node, { childList: true, characterData: true, subtree: true });
  });
  const started = Date.now();
  await page.run();
  await page.waitForFinished({ timeout: 20_000 });
  const seconds = (Date.now() - started) / 1000;
  const said = (await page.page.evaluate(() => window.__said)).filter(Boolean);
  assert.ok(said.length >= 2 && said.length <= Math.ceil(seconds) + 2, `${said.length} announcements in ${seconds} s: ${JSON.stringify(said)}`);
  assert.ok(said.some((text) => /new lines; the last, /.test(text)), JSON.stringify(said));
  assert.match(said.at(-1), /^Run finished: await one by one 3\.\d{3} s; create_task 2\.\d{3} s; gather 2\.\d{3} s; coroutine objects, never awaited 0\.\d{3} s$/);
});
