// Part of scripts/bench: the V8 heap that plain JavaScript takes for 10,000 sleeping tasks (async
// functions each awaiting a setTimeout promise, gathered by Promise.all), measured in the built
// page after a full garbage collection, before and while they sleep. Blink's own timer records
// live outside the V8 heap and are not counted. Prints one `BENCH js-memory …` line.
import { startServer } from '../tests/e2e/server.mjs';
import { closeBrowser, open } from '../tests/e2e/page.mjs';

const server = await startServer();
try {
  const page = await open(`${server.url}/`);
  const cdp = await page.context.newCDPSession(page.page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const before = await heap();
  await page.page.evaluate(() => {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const work = async (i) => {
      await sleep(60_000);
      return i;
    };
    window.__sleepers = Promise.all(Array.from({ length: 10_000 }, (_, i) => work(i)));
  });
  const during = await heap();
  console.log(`BENCH js-memory heap_before=${before} heap_all_sleeping=${during} heap_growth=${during - before}`);
  await page.close();
} finally {
  await closeBrowser();
  await server.close();
}
