import { test, after, before } from 'node:test';
import { startServer } from './server.mjs';
import { closeBrowser, open, DESKTOP, PHONE } from './page.mjs';
let server;
before(async () => { server = await startServer(); });
after(async () => { await closeBrowser(); await server?.close(); });
for (const [vp, vpName] of [[DESKTOP, '1280'], [PHONE, '390']]) {
  for (const scheme of ['light', 'dark']) {
    test(`shot ${vpName} ${scheme}`, async () => {
      const p = await open(`${server.url}/?s=say-after&lang=en&speed=20`, { viewport: vp, colorScheme: scheme });
      await p.page.route('**/split_cpython.wasm', (r) => r.abort());
      await p.byTestId('cpython-run').click();
      await p.byTestId('cpython-failed').waitFor();
      await p.byTestId('cpython').scrollIntoViewIfNeeded();
      await p.page.screenshot({ path: `/tmp/shot-cpython-${vpName}-${scheme}.png` });
      await p.close();
    });
  }
}
