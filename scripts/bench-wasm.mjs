#!/usr/bin/env node
// Benchmark (not a test): time of a check per file, in node's V8 (the engine Chromium
// uses), on the optimised modules that ship in the page. Build them first with
// `node scripts/build-web.mjs` (or `--single`). A file the checker module cannot read
// (PDF, Word/Excel, GB18030) goes through the reader module and checkDocument, as in the
// page. Usage: node scripts/bench-wasm.mjs [FILE…] (default: the five samples). Prints
// median and min of 30 runs after 3 warm-up runs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
function load(name) {
  const dir = join(root, 'web/pkg', name);
  if (!existsSync(dir)) return null;
  const glue = readFileSync(join(dir, 'budgetlint.js'), 'utf8');
  const api = new Function(`${glue}\nreturn wasm_bindgen;`)();
  api.initSync({ module: readFileSync(join(dir, 'budgetlint_opt.wasm')) });
  return api;
}
const api = load('checker') || load('single');
if (!api) throw new Error('web/pkg/checker (or web/pkg/single) missing: run node scripts/build-web.mjs');
const reader = load('reader');
const checkBytes = (bytes) => (api.readerFor(bytes) ? api.checkDocument(reader.readBytes(bytes), {}) : api.checkBytes(bytes, {}));

let files = process.argv.slice(2);
if (!files.length) {
  const dir = join(root, 'tests/fixtures/samples');
  files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f));
}
const RUNS = 30;
for (const file of files) {
  const bytes = readFileSync(file);
  for (let i = 0; i < 3; i++) checkBytes(bytes);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    checkBytes(bytes);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const name = basename(file).padEnd(40);
  console.log(`${name} ${String(bytes.length).padStart(9)} bytes  median ${times[RUNS >> 1].toFixed(3).padStart(8)} ms  min ${times[0].toFixed(3).padStart(8)} ms`);
}
