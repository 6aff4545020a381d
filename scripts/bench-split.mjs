// What each split point of the app (src/main.rs) fetches when first used: its own chunk and the
// chunks it shares with others (scripts/split), as dist/__wasm_split.js lists them, gzip -9 each.
// A chunk fetched for one split point is not fetched again for the next; each line counts all.
//
//   node scripts/bench-split.mjs [dist]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const loader = readFileSync(join(dist, '__wasm_split.js'), 'utf8');
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

const chunks = new Map(
  [...loader.matchAll(/const (__chunk_\d+) = makeLoad\([\s\S]*?new URL\("\.\/([\w.-]+)"/g)].map(([, name, file]) => [name, file]),
);
const rows = [...loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)\);/g)]
  .map(([, name, fetcher, deps]) => {
    const own = fetcher.match(/new URL\("\.\/([\w.-]+)"/)?.[1];
    const files = [...(own ? [own] : []), ...deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunks.get(d))];
    return { name, files, bytes: files.reduce((sum, file) => sum + gz(file), 0) };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
if (rows.length === 0) throw new Error(`no split point in ${join(dist, '__wasm_split.js')}`);
console.log(`\n${'fetched when first used, by split point (src/main.rs)'.padEnd(52)} ${'files'.padStart(12)} ${'gzip -9'.padStart(12)}`);
for (const { name, files, bytes } of rows) {
  console.log(`${name.padEnd(52)} ${String(files.length).padStart(12)} ${kib(bytes).padStart(12)}`);
}
const all = [...new Set(rows.flatMap((r) => r.files))];
console.log(`${'all of them'.padEnd(52)} ${String(all.length).padStart(12)} ${kib(all.reduce((s, f) => s + gz(f), 0)).padStart(12)}`);
