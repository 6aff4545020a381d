// A dependency-free static file server for the end-to-end tests: serves a built `dist/` on
// 127.0.0.1 at a free port, so each test run owns its server and never collides with a
// `scripts/serve` the developer has open. Like a careful static host, it sends the policy that
// the build wrote to `csp.txt` (scripts/csp-hash) as a Content-Security-Policy header.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DIST = resolve(fileURLToPath(new URL('../../dist', import.meta.url)));

// Browsers refuse `WebAssembly.instantiateStreaming` unless .wasm comes as application/wasm,
// and module scripts unless .js comes with a JavaScript type.
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// What a static host compresses (`gzip` below): text and wasm, not images already compressed.
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.txt']);

/**
 * Starts serving `root` (default: the repo's dist/). Resolves to `{ url, close, csp }`, where
 * `url` has no trailing slash (e.g. `http://127.0.0.1:40123`), `close()` stops the server and
 * `csp` is the policy sent with every response (`null` when the build wrote no csp.txt).
 * `gzip`: text and wasm go gzip-compressed (level 9) to a browser that accepts it, as a static
 * host sends them: for figures of a slow link (scripts/bench-page.mjs). Off for the tests, which
 * read files as the build wrote them.
 */
export async function startServer({ root = DIST, gzip = false } = {}) {
  const rootDir = resolve(root);
  if (!(await stat(rootDir).catch(() => null))?.isDirectory()) {
    throw new Error(`startServer: ${rootDir} is not a directory (run \`scripts/build\` first)`);
  }
  const csp = (await readFile(join(rootDir, 'csp.txt'), 'utf8').catch(() => null))?.trim() || null;
  const headers = csp ? { 'content-security-policy': csp } : {};
  const zippedFiles = new Map();
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(rootDir, path));
      if (file !== rootDir && !file.startsWith(rootDir + sep)) {
        return send(res, 403, 'text/plain', 'forbidden', req.method, headers);
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file).catch(() => null);
      if (body === null) return send(res, 404, 'text/plain', `not found: ${path}`, req.method, headers);
      const ext = extname(file).toLowerCase();
      const type = MIME[ext] ?? 'application/octet-stream';
      if (gzip && COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const zipped = { 'content-encoding': 'gzip', vary: 'accept-encoding', ...headers };
        // Compressed once per file: only the first response of each waits for it.
        if (!zippedFiles.has(file)) zippedFiles.set(file, gzipSync(body, { level: 9 }));
        return send(res, 200, type, zippedFiles.get(file), req.method, zipped);
      }
      send(res, 200, type, body, req.method, headers);
    } catch (err) {
      send(res, 500, 'text/plain', String(err), req.method, headers);
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    csp,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// On every response, as a host that sets it site-wide would: a worker script gets its policy from
// its own response.
function send(res, status, type, body, method = 'GET', headers = {}) {
  // no-store: a rebuilt dist/ must never be hidden behind a cached wasm.
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(method === 'HEAD' ? undefined : body);
}
