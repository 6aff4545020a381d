// The page's service worker, registered the first time a learner asks for CPython (by
// offline.js), never on a first visit: it keeps CPython in the page, and the page itself,
// for the next time and for a time without a network.
//
// - pyodide/: the npm package's files, which never change for a version. The CPython worker
//   (cpython/worker.js) stores them in the cache named below as it downloads them, with its
//   progress bar; here they are answered from that cache first.
// - Everything else of this site: from the network, kept as it passes, and from that copy when the
//   network fails. The page shell (index.html and the files it names) is kept at install, and the
//   files the page loaded before this worker came (offline.js sends their list) when told.
// - Not touched: requests with `cache: 'no-store'`, which are a lesson's real I/O (src/web/io.rs)
//   and must be measured as they are, and other sites'. Where the browser can, the lessons' files
//   (sites/) bypass this worker altogether (static routing), so it adds nothing to their timing.
'use strict';

// The same name in cpython/worker.js; a test checks both against package.json's pyodide.
const PYODIDE_CACHE = 'pyodide-0.25.1';
const PAGE_CACHE = 'page';

/** The shell's files: index.html, every local href/src it names (trunk's hashed names), the words
 * of both languages (named in its preload script), and the app's wasm chunks. */
async function keepShell() {
  const cache = await caches.open(PAGE_CACHE);
  const index = new URL('./', self.location.href);
  const response = await fetch(index, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(index, response);
  const named = [...html.matchAll(/\s(?:href|src)="([^"#]+)"/g)]
    .map(([, path]) => new URL(path, index))
    .filter((url) => url.origin === index.origin && url.href !== index.href);
  const words = [...html.matchAll(/"(words\/(?:zh|en)-[0-9a-f]{16}\.txt)"/g)].map(([, path]) => new URL(path, index));
  // The app's chunks (scripts/split), which its script fetches only when a part is first drawn:
  // named in __wasm_split.js, so that every part works without a network too.
  const split = new URL('__wasm_split.js', index);
  const loader = await fetch(split).then((r) => (r.ok ? r.text() : ''), () => '');
  const chunks = [...loader.matchAll(/"\.\/([\w-]+\.wasm)"/g)].map(([, file]) => new URL(file, split));
  await Promise.all([...named, ...words, ...(loader ? [split] : []), ...chunks].map((url) => cache.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  try {
    event.addRoutes?.({ condition: { urlPattern: new URLPattern({ pathname: '*/sites/*' }) }, source: 'network' });
  } catch {
    // No static routing here: the fetch handler lets sites/ through (no-store) all the same.
  }
  event.waitUntil(keepShell().catch(() => undefined).then(() => self.skipWaiting()));
});

// The page's files loaded before this worker was there (offline.js sends them), kept if not yet.
self.addEventListener('message', (event) => {
  const keep = event.data?.keep;
  if (!Array.isArray(keep)) return;
  const here = new URL(self.location.href).origin;
  event.waitUntil(caches.open(PAGE_CACHE).then((cache) => Promise.all(
    keep
      .filter((url) => typeof url === 'string' && new URL(url).origin === here)
      .map(async (url) => (await cache.match(url)) ?? cache.add(url).catch(() => undefined)),
  )));
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function cacheFirst(request) {
  // In either cache: pyodide.js comes with the page's list (offline.js).
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(PYODIDE_CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGE_CACHE);
  // Every link (?s=…&code=…) is the one page: kept once, under its address.
  const key = request.mode === 'navigate' ? new URL('./', self.location.href).href : request;
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (offline) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || request.cache === 'no-store') return;
  event.respondWith(url.pathname.includes('/pyodide/') ? cacheFirst(request) : networkFirst(request));
});
