// CPython in the page: a Web Worker holding Pyodide (CPython 3.11 compiled to WebAssembly, from
// the npm package `pyodide`, served by this site under pyodide/). Loaded only when a learner asks
// for CPython; the page terminates and respawns it to stop a run, so even `while True: pass`
// cannot hold the page.
//
// Messages in: {id, files: {path: text}, program, epoch, limit, maxSteps, maxLines, speed} (speed:
// null for the virtual clock, else the measured run on real time sped up that many times). Out: {progress:
// {loaded, total}} while Pyodide downloads, {running: {id, bootSeconds}} when the program starts,
// then {id, result} (virtual_run.py's result) or {id, error}.
//
// The page's private file system (OPFS), where the Rust engine's aiofiles lesson keeps its file,
// is mounted at PRIVATE_FILES for the aiofiles stand-in (shims/aiofiles): read from it before each
// run and written back after, so a program's files outlive the run and the visit.
'use strict';

importScripts('../pyodide/pyodide.js');

const INDEX_URL = new URL('../pyodide/', self.location.href).href;
// Pyodide's own files, fetched first with progress so the page can show the download, and kept in
// the Cache Storage under this version's name (../sw.js answers pyodide/ from it, so the next
// visit needs no download and works offline). loadPyodide then reads them through the service
// worker, or the browser's cache the first time.
const FILES = ['pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide.asm.js', 'pyodide-lock.json'];
const CACHE = 'pyodide-0.25.1';
const PRIVATE_FILES = '/home/pyodide/private';

async function fetchWithProgress(report) {
  // Without Cache Storage (an insecure origin, some private modes), the download is as before.
  const cache = await self.caches?.open(CACHE).catch(() => undefined);
  const kept = await Promise.all(FILES.map((file) => cache?.match(INDEX_URL + file)));
  const missing = FILES.filter((_, i) => !kept[i]);
  const responses = await Promise.all(missing.map((file) => fetch(INDEX_URL + file)));
  const total = responses.reduce((sum, r) => sum + Number(r.headers.get('content-length') || 0), 0);
  let loaded = 0;
  await Promise.all(
    responses.map(async (response, i) => {
      if (!response.ok) throw new Error(`${response.url}: ${response.status} ${response.statusText}`);
      const stored = cache?.put(INDEX_URL + missing[i], response.clone()).catch(() => undefined);
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        report(loaded, total);
      }
      await stored;
    }),
  );
}

// What a learner's own program may import besides the standard library (shims/*: see each
// module's docstring); a lesson's program finds its lesson's stand-ins first.
const SHIMS = ['aiohttp/__init__.py', 'aiofiles/__init__.py', 'tqdm/__init__.py', 'tqdm/asyncio.py'];

async function boot() {
  const started = performance.now();
  await fetchWithProgress((loaded, total) => postMessage({ progress: { loaded, total } }));
  const pyodide = await loadPyodide({ indexURL: INDEX_URL });
  const [harness, runner] = await Promise.all(
    ['virtual_run.py', 'browser.py'].map((file) => fetch(file).then((r) => r.text())),
  );
  pyodide.FS.mkdirTree('/home/pyodide/cpython');
  pyodide.FS.writeFile('/home/pyodide/cpython/virtual_run.py', harness);
  pyodide.FS.writeFile('/home/pyodide/cpython/browser.py', runner);
  const shims = await Promise.all(SHIMS.map((file) => fetch(`shims/${file}`).then((r) => r.text())));
  SHIMS.forEach((file, i) => {
    const path = `/home/pyodide/cpython/shims/${file}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    pyodide.FS.writeFile(path, shims[i]);
  });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/cpython'); import browser");
  privateFiles = await mountPrivateFiles(pyodide);
  bootSeconds = (performance.now() - started) / 1000;
  return pyodide;
}

// {path} where the private file system is mounted, or {missing}: why the browser gives none, in
// the words the Rust engine's lesson uses (src/web/io.rs).
async function mountPrivateFiles(pyodide) {
  if (typeof navigator.storage?.getDirectory !== 'function') {
    return { missing: 'NotSupportedError: this browser has no private file system (navigator.storage.getDirectory)' };
  }
  try {
    await pyodide.mountNativeFS(PRIVATE_FILES, await navigator.storage.getDirectory());
    return { path: PRIVATE_FILES };
  } catch (error) {
    return { missing: `${error.name}: ${error.message}` };
  }
}

// Emscripten's syncfs: true reads the mounted private file system into CPython's view of it
// (what the Rust engine or an earlier visit wrote), false writes CPython's changes back.
function syncPrivateFiles(pyodide, populate) {
  if (!privateFiles.path) return Promise.resolve();
  return new Promise((resolve, reject) => pyodide.FS.syncfs(populate, (error) => (error ? reject(error) : resolve())));
}

let booting = null;
let bootSeconds = 0;
let privateFiles = {};

self.onmessage = async (event) => {
  const { id, files, program, epoch, limit, maxSteps, maxLines, speed } = event.data;
  try {
    const pyodide = await (booting ??= boot());
    postMessage({ running: { id, bootSeconds } });
    const run = pyodide.pyimport('browser').run;
    await syncPrivateFiles(pyodide, true);
    const filesProxy = pyodide.toPy(files);
    const privateProxy = pyodide.toPy(privateFiles);
    try {
      const result = JSON.parse(run(filesProxy, program, epoch, limit ?? null, maxSteps ?? null, maxLines ?? null, speed ?? null, privateProxy));
      await syncPrivateFiles(pyodide, false);
      postMessage({ id, result });
    } finally {
      filesProxy.destroy();
      privateProxy.destroy();
      run.destroy();
    }
  } catch (error) {
    postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
