#!/usr/bin/env node
// Run by scripts/split once the chunks and the words are in $TRUNK_STAGING_DIR: fills in
// index.html's preload script. `/* words */ {}`: the words file of each language (words/, named
// by build.rs with this build's id). `/* lesson chunks */ {}`: the wasm files each lesson's split
// point loads, read from
// the split loader (__wasm_split.js) as it loads them: a lesson's own split_<lesson>.wasm and the
// chunks it waits for. The lessons are those of `with_lessons!` (src/scenarios/mod.rs), each keyed
// by its scenario id, its module's name with dashes (a test in src/scenarios/mod.rs holds them to
// that). The first lesson is in the main module: no files.
//
//   TRUNK_STAGING_DIR=dist node scripts/lesson-chunks.mjs   # by hand, on a built dist/
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('lesson-chunks: TRUNK_STAGING_DIR is not set (run by scripts/split)');
  process.exit(2);
}
const fail = (why) => {
  console.error(`lesson-chunks: ${why}`);
  process.exit(1);
};

const catalogue = readFileSync(new URL('../src/scenarios/mod.rs', import.meta.url), 'utf8');
const listed = catalogue.match(/macro_rules! with_lessons \{[\s\S]*?\$then! \{([^}]*)\}/);
if (!listed) fail('no with_lessons! list in src/scenarios/mod.rs');
const lessons = listed[1].split(',').map((name) => name.trim()).filter(Boolean);

const loader = readFileSync(join(dir, '__wasm_split.js'), 'utf8');
// `const __chunk_45 = makeLoad(() => { … fetch(new URL("./chunk_45.wasm", …`
const chunkFiles = new Map(
  [...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)].map(
    ([, name, file]) => [name, file],
  ),
);
// `export const __wasm_split_load_<split> = wrapAsyncCb(makeLoad(() => { … "./split_<split>.wasm" … }, [deps]));`
const splits = new Map(
  [
    ...loader.matchAll(
      /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\n\}\n, \[([^\]]*)\]\)\);/g,
    ),
  ].map(([, split, file, deps]) => [split, [file, deps]]),
);
if (chunkFiles.size === 0 || splits.size === 0) fail(`${join(dir, '__wasm_split.js')} is not in the form this script reads`);

// Written small, as the page's script reads it: a lesson's chunk_<n>.wasm by their numbers (its own
// split_<lesson>.wasm goes without saying), and null for the first lesson, in the main module. The
// first lesson is also the one a link without a known lesson opens: the script takes the first key.
const files = {};
for (const [i, lesson] of lessons.entries()) {
  const id = lesson.replaceAll('_', '-');
  if (i === 0) {
    if (splits.has(lesson)) fail(`the first lesson, ${lesson}, has a split point: it should be in the main module`);
    files[id] = null;
    continue;
  }
  const [file, deps] = splits.get(lesson) ?? fail(`no split point for the lesson ${lesson} in __wasm_split.js`);
  if (file !== `split_${lesson}.wasm`) fail(`the lesson ${lesson} loads ${file}, not split_${lesson}.wasm`);
  files[id] = deps
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const chunk = chunkFiles.get(name) ?? fail(`${lesson} waits for ${name}, which __wasm_split.js does not load`);
      const number = chunk.match(/^chunk_(\d+)\.wasm$/) ?? fail(`${lesson} waits for ${chunk}, not a chunk_<n>.wasm`);
      return Number(number[1]);
    });
}

const words = {};
for (const file of readdirSync(join(dir, 'words'))) {
  const [, lang] = file.match(/^(zh|en)-[0-9a-f]{16}\.txt$/) ?? fail(`words/${file} is not a words file build.rs names`);
  if (words[lang]) fail(`two words files for ${lang}: ${words[lang]} and words/${file}`);
  words[lang] = `words/${file}`;
}
if (!words.zh || !words.en) fail(`words/ should have one file for each language: ${JSON.stringify(words)}`);

const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
for (const [mark, value] of [['/* lesson chunks */ {}', files], ['/* words */ {}', words]]) {
  if (!html.includes(mark)) fail(`no \`${mark}\` in ${page}`);
  html = html.replace(mark, `${mark.slice(0, -2)}${JSON.stringify(value)}`);
}
writeFileSync(page, html);
console.log(`lesson-chunks: ${lessons.length} lessons, ${Object.values(files).flat().filter((n) => n !== null).length} chunks named`);
