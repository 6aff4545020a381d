// Part of scripts/bench: the Pyodide column of the concurrent sleeps. The same program as the
// many-tasks lesson (`gather` of n tasks that each `await asyncio.sleep(0.1)`), run by Pyodide's
// asyncio (its WebLoop, on the browser's setTimeout) in headless Chromium, with the Pyodide that
// CPython in the page uses (dist/pyodide/, from the npm package). Three rounds per count, in one
// page loaded once: wall time from the start to the last result, as `time.perf_counter` reads it.
// Prints one line per count:
//   BENCH pyodide-sleeps n=… runs=…,…,…
import { join } from 'node:path';
import { DIST, startServer } from '../tests/e2e/server.mjs';
import { closeBrowser, newPage } from '../tests/e2e/page.mjs';

const PROGRAM = `
import asyncio
import time


async def work(i, delay):
    await asyncio.sleep(delay)
    return i


async def main(n, delay):
    start = time.perf_counter()
    results = await asyncio.gather(*(work(i, delay) for i in range(n)))
    assert len(results) == n
    return (time.perf_counter() - start) * 1000
`;

// Pyodide's own folder, served without the app's Content-Security-Policy (which lets only the
// app's CPython worker run Pyodide).
const server = await startServer({ root: join(DIST, 'pyodide') });
try {
  const url = `${server.url}/pyodide-lock.json`;
  const { context, page } = await newPage(url);
  await page.goto(url);
  await page.addScriptTag({ url: `${server.url}/pyodide.js` });
  await page.evaluate(async (program) => {
    // `loadPyodide` is the global pyodide.js defines.
    window.pyodide = await loadPyodide({ indexURL: `${location.origin}/` });
    window.pyodide.runPython(program);
  }, PROGRAM);
  for (const n of [1_000, 10_000, 100_000]) {
    const runs = [];
    for (let round = 0; round < 3; round += 1) {
      runs.push(await page.evaluate((n) => window.pyodide.runPythonAsync(`await main(${n}, 0.1)`), n));
    }
    console.log(`BENCH pyodide-sleeps n=${n} runs=${runs.map((ms) => ms.toFixed(0)).join(',')}`);
  }
  await context.close();
} finally {
  await closeBrowser();
  await server.close();
}
