// Keeps the page for the next visit and for a time offline: registers the service worker (sw.js)
// and hands it the files this page has loaded so far, which it keeps beside the page shell. The
// page imports this the first time a learner asks for CPython (src/web/cpython.rs), never on a
// first load. Resolves to whether the browser has service workers here.
export async function keepForNextTime() {
  if (!('serviceWorker' in navigator)) return false;
  await navigator.serviceWorker.register(new URL('sw.js', document.baseURI));
  const registration = await navigator.serviceWorker.ready;
  const loaded = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).origin === location.origin);
  // What CPython's worker loads itself, which the page's list does not show. (Pyodide's large
  // files the worker keeps as it downloads them.)
  const worker = ['cpython/worker.js', 'cpython/virtual_run.py', 'cpython/browser.py', 'pyodide/pyodide.js',
    'cpython/shims/aiohttp/__init__.py', 'cpython/shims/aiofiles/__init__.py', 'cpython/shims/tqdm/__init__.py',
    'cpython/shims/tqdm/asyncio.py']
    .map((file) => new URL(file, document.baseURI).href);
  registration.active?.postMessage({ keep: [...loaded, ...worker] });
  return true;
}
