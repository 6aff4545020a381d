// Dragging a sleep bar of the timeline sets the parameter behind that sleep: the field, the
// address and the predicted timeline follow while the pointer moves, before any run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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

/** The bar of the sleep `param` sets, in the column of `variant`'s timeline block. */
function bar(page, param) {
  return page.byTestId('timeline').locator(`[data-testid="sleep-bar"][data-param="${param}"]`).first();
}

async function predicted(page, variant) {
  return parseFloat(await page.variant(variant).locator('[data-testid="predicted-elapsed"]').getAttribute('data-seconds'));
}

test("dragging world's sleep bar to the right lengthens world_delay, and the prediction follows", async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task`);
  t.after(() => page.close());
  const world = bar(page, 'world_delay');
  await world.scrollIntoViewIfNeeded();
  const box = await world.boundingBox();
  // Grabbed a little inside its end: the end itself is under world's print marker.
  const endX = box.x + box.width - 12;
  const y = box.y + box.height / 2;
  await page.page.mouse.move(endX, y);
  await page.page.mouse.down();
  // Half the bar's length further right, in small steps, as a hand would.
  await page.page.mouse.move(endX + box.width / 2, y, { steps: 12 });
  const shown = await page.byTestId('drag-value').textContent();
  const dragged = parseFloat(await page.fieldValue('world_delay'));
  assert.ok(dragged > 2.5 && dragged < 4, `world_delay is now ${dragged}`);
  assert.equal(shown, `world_delay = ${dragged} s`, 'the value is shown by the pointer');
  await page.screenshot('drag-world-delay');
  await page.page.mouse.up();
  await page.byTestId('drag-value').waitFor({ state: 'detached' });
  assert.equal(await predicted(page, 'create-task'), dragged, 'create_task takes as long as the longer sleep');
  await page.waitForQuery(`s=say-after&variant=create-task&world_delay=${dragged}`);
  const python = await page.byTestId('code').locator('pre.language-python code').textContent();
  // In the article's own code, in place of its literal (a whole value as an int, as Python would).
  const literal = String(dragged).replace('.', '\\.');
  assert.match(python, new RegExp(`create_task\\(say_after\\(${literal}, 'world'\\)\\)`), 'the Python shows the value');

  // Shortened, the axis holds still while the pointer is down: the bar's end stays with it.
  const longer = await world.boundingBox();
  const grabX = longer.x + longer.width - 12;
  await page.page.mouse.move(grabX, y);
  await page.page.mouse.down();
  await page.page.mouse.move(grabX - longer.width / 2, y, { steps: 8 });
  const during = await world.boundingBox();
  assert.ok(Math.abs(during.x + during.width - 12 - (grabX - longer.width / 2)) < 6, "the bar's end follows the pointer");
  const halved = parseFloat(await page.fieldValue('world_delay'));
  assert.ok(Math.abs(halved - dragged / 2) <= 0.2, `world_delay ${halved} is about half of ${dragged}`);
  // Dragged back past its start, the sleep stops at the parameter's minimum, 0.
  await page.page.mouse.move(longer.x - 40, y, { steps: 4 });
  await page.page.mouse.up();
  assert.equal(await page.fieldValue('world_delay'), '0');
});

test('sleeps of i × a factor: dragging the consumer\'s fourth sleep changes consume_factor by a quarter of the drag', async (t) => {
  const page = await open(`${server.url}/?s=async-gen-pipeline&variant=pipeline`);
  t.after(() => page.close());
  const bars = page.byTestId('timeline').locator('[data-testid="sleep-bar"][data-param="consume_factor"]');
  // The timeline comes after the first drawing (its own part of the page).
  await bars.first().waitFor();
  assert.equal(await bars.count(), 4, 'i = 1…4; i = 0 sleeps 0 s whatever the factor');
  const last = bars.nth(3);
  await last.scrollIntoViewIfNeeded();
  const box = await last.boundingBox();
  const y = box.y + box.height / 2;
  await page.page.mouse.move(box.x + box.width - 12, y);
  await page.page.mouse.down();
  // Shortened to half: 8 s becomes 4 s, so the factor goes from 2 to 1.
  await page.page.mouse.move(box.x + box.width / 2 - 12, y, { steps: 10 });
  await page.page.mouse.up();
  const factor = parseFloat(await page.fieldValue('consume_factor'));
  assert.ok(Math.abs(factor - 1) <= 0.2, `consume_factor is ${factor}`);
  // 0+1+2+3+4 s producing plus (0+1+2+3+4) × factor consuming.
  assert.ok(Math.abs((await predicted(page, 'pipeline')) - (10 + 10 * factor)) < 1e-6);
});

test('on a phone a sleep bar can be dragged by touch', async (t) => {
  const page = await open(`${server.url}/?s=say-after&variant=create-task`, { viewport: PHONE, hasTouch: true });
  t.after(() => page.close());
  const hello = bar(page, 'hello_delay');
  await hello.scrollIntoViewIfNeeded();
  const box = await hello.boundingBox();
  const y = box.y + box.height / 2;
  // Touch through CDP: playwright's touchscreen only taps.
  const cdp = await page.page.context().newCDPSession(page.page);
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', box.x + box.width - 8);
  for (let i = 1; i <= 8; i++) await touch('touchMove', box.x + box.width - 8 + (i * box.width) / 8);
  await touch('touchEnd');
  const hello_delay = parseFloat(await page.fieldValue('hello_delay'));
  assert.ok(hello_delay > 1.5, `hello_delay is ${hello_delay}`);
  await page.screenshot('drag-phone');
});
