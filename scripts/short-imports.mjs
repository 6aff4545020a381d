// Part of scripts/split: gives the functions the wasm-bindgen glue hands the app's main module
// short names, in the module's import section and as the keys of the glue's import object.
//
// wasm-bindgen names each import after its Rust function and a hash (`__wbg_set_innerHTML_a9d3…`),
// under the glue's own file name as the module (`./coroutine-playground-<hash>_bg.js`). The hashes
// do not compress: 250 of them cost 3.7 KB gzip in the wasm and 3.1 KB in the glue, for names only
// the glue and the wasm read. The imports of `__wasm_split.js` keep their names: they are that
// file's exports.
//
//   node scripts/short-imports.mjs <main module .wasm> <its glue .js>
//
// Each name must be found exactly once in the glue, as an object key: if a later wasm-bindgen
// writes its glue differently, the build stops here instead of shipping a page that cannot start.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: short-imports.mjs <module.wasm> <glue.js>');
  process.exit(2);
}
const fail = (why) => {
  console.error(`short-imports: ${why}`);
  process.exit(1);
};

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
const glueModule = `./${basename(gluePath, '.js')}_bg.js`;

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function toLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const name = (text) => Buffer.concat([toLeb(Buffer.byteLength(text)), Buffer.from(text)]);

/** Where an import's description ends (its kind byte at `at`): function, table, memory, global, tag. */
function descriptionEnd(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    return flags & 1 ? leb(bytes, p)[1] : p;
  };
  switch (kind) {
    case 0: return leb(bytes, at)[1];
    case 1: return limits(at + 1);
    case 2: return limits(at);
    case 3: return at + 2;
    case 4: return leb(bytes, at + 1)[1];
    default: return fail(`an import of kind ${kind}, which this script does not know`);
  }
}

/** Short names: a, b, …, Z, aa, ab, … */
function shortName(index) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let text = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / letters.length)) {
    text = letters[(i - 1) % letters.length] + text;
  }
  return text;
}

const sections = [];
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, start] = leb(wasm, at + 1);
  sections.push({ id, bytes: wasm.subarray(at, start + size), start, end: start + size });
  at = start + size;
}
const imports = sections.find((s) => s.id === 2);
if (!imports) fail(`${wasmPath} has no import section`);

const renamed = new Map();
let [count, p] = leb(wasm, imports.start);
const entries = [];
for (let i = 0; i < count; i++) {
  let length;
  [length, p] = leb(wasm, p);
  const module = wasm.toString('utf8', p, p + length);
  p += length;
  [length, p] = leb(wasm, p);
  const field = wasm.toString('utf8', p, p + length);
  p += length;
  const end = descriptionEnd(wasm, p);
  const description = wasm.subarray(p, end);
  p = end;
  if (module === glueModule) {
    if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
    entries.push(Buffer.concat([name('b'), name(renamed.get(field)), description]));
  } else {
    entries.push(Buffer.concat([name(module), name(field), description]));
  }
}
if (p !== imports.end) fail('the import section was not read to its end');
if (renamed.size === 0) fail(`no import of ${glueModule} in ${wasmPath}`);

const once = (text, what) => {
  const found = glue.split(text).length - 1;
  if (found !== 1) fail(`${what} is found ${found} times in ${gluePath}, not once`);
};
once(`"${glueModule}": import0,`, `the glue's module key "${glueModule}"`);
glue = glue.replace(`"${glueModule}": import0,`, '"b": import0,');
for (const [field, short] of renamed) {
  const uses = glue.match(new RegExp(`(?<![\\w$])${field}(?![\\w$])`, 'g'))?.length ?? 0;
  if (uses !== 1) fail(`the import ${field} is named ${uses} times in ${gluePath}, not once`);
  const key = new RegExp(`(?<![\\w$])${field}:`);
  if (!key.test(glue)) fail(`the import ${field} is not a key of the glue's import object`);
  glue = glue.replace(key, `${short}:`);
}

const body = Buffer.concat([toLeb(entries.length), ...entries]);
const section = Buffer.concat([Buffer.from([2]), toLeb(body.length), body]);
const out = Buffer.concat([wasm.subarray(0, 8), ...sections.map((s) => (s === imports ? section : s.bytes))]);
writeFileSync(wasmPath, out);
writeFileSync(gluePath, glue);
console.log(`short-imports: ${renamed.size} imports of ${glueModule} renamed`);
