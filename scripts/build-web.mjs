#!/usr/bin/env node
// Builds the offline page: cargo (wasm32, profile `wasm`) → wasm-bindgen (no-modules) →
// wasm-opt (npm `binaryen`) → dist/index.html, one self-contained file with the wasm
// (base64), the glue, the app, the CSS and the sample documents inlined.
//
// Usage: node scripts/build-web.mjs [--skip-cargo] [--out DIR]
//   --skip-cargo  reuse target/wasm32-unknown-unknown/wasm/budgetlint.wasm as it is
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipCargo = args.includes('--skip-cargo');
const outIdx = args.indexOf('--out');
const outDir = resolve(root, outIdx >= 0 ? args[outIdx + 1] : 'dist');

const rawWasm = join(root, 'target/wasm32-unknown-unknown/wasm/budgetlint.wasm');
const pkgDir = join(root, 'web/pkg');
const samplesDir = join(root, 'tests/fixtures/samples');
const binDir = join(root, 'node_modules/.bin');

function step(msg) {
  console.log(`\x1b[1m==> ${msg}\x1b[0m`);
}
function die(msg) {
  console.error(`build-web: ${msg}`);
  process.exit(1);
}
function run(cmd, argv, opts = {}) {
  try {
    return execFileSync(cmd, argv, { cwd: root, stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  } catch (err) {
    if (err.code === 'ENOENT') die(`${cmd} not found; run scripts/setup.sh first`);
    die(`${cmd} ${argv.join(' ')} failed (exit ${err.status})`);
  }
}
const fmtSize = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
function sizeLine(label, buf) {
  const gz = gzipSync(buf, { level: 9 }).length;
  return `${label.padEnd(22)} ${String(buf.length).padStart(9)} B (${fmtSize(buf.length)})  gzip ${String(gz).padStart(8)} B (${fmtSize(gz)})`;
}

// ------------------------------------------------------------------ toolchain checks
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const m = lock.match(/\[\[package\]\]\nname = "wasm-bindgen"\nversion = "([^"]+)"/);
if (!m) die('wasm-bindgen not found in Cargo.lock');
const wantBindgen = m[1];
const haveBindgen = run('wasm-bindgen', ['--version'], { capture: true }).trim().split(/\s+/)[1];
if (haveBindgen !== wantBindgen) {
  die(`wasm-bindgen CLI is ${haveBindgen}, Cargo.lock needs ${wantBindgen}; run scripts/setup.sh`);
}
const wasmOpt = join(binDir, 'wasm-opt');
if (!existsSync(wasmOpt)) die('node_modules/.bin/wasm-opt missing; run `npm ci` (or scripts/setup.sh)');

// ------------------------------------------------------------------ wasm
if (!skipCargo) {
  step('cargo build --lib --target wasm32-unknown-unknown --profile wasm -p budgetlint');
  run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', '-p', 'budgetlint']);
}
if (!existsSync(rawWasm)) die(`${rawWasm} missing`);

step(`wasm-bindgen ${wantBindgen} --target no-modules`);
rmSync(pkgDir, { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'no-modules', '--no-typescript', '--out-dir', pkgDir, rawWasm]);
const bgWasm = join(pkgDir, 'budgetlint_bg.wasm');
const optWasm = join(pkgDir, 'budgetlint_opt.wasm');

step('wasm-opt -Oz (npm binaryen)');
run(wasmOpt, [
  '-Oz',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
  '--strip-debug', '--strip-producers',
  bgWasm, '-o', optWasm,
]);
const wasm = readFileSync(optWasm);
const glue = readFileSync(join(pkgDir, 'budgetlint.js'), 'utf8');
if (!/^let wasm_bindgen = /m.test(glue)) die('unexpected wasm-bindgen glue (expected --target no-modules output)');

// The glue declares a global `wasm_bindgen`; wrap it so that every call creates a fresh,
// independent instance (used to recover from a trap on the main thread).
const wrappedGlue = `function createBudgetlint() {\n${glue}\nreturn wasm_bindgen;\n}`;

// ------------------------------------------------------------------ smoke test + sample labels
step('smoke test in node');
const api = new Function(`${wrappedGlue}\nreturn createBudgetlint();`)();
api.initSync({ module: wasm });
const version = api.version();
const rules = api.rules();
if (!Array.isArray(rules) || !rules.length) die('rules() returned nothing');

function label(text, report, lang) {
  const d = report.document;
  let dept = d.department;
  let year = d.year;
  let kind = d.kind;
  if (!year || !kind) {
    const mm = text.match(/(20\d\d)\s*年度?\s*(?:部门)?\s*(决算|预算)/);
    if (mm) { year = year || Number(mm[1]); kind = kind || mm[2]; }
  }
  if (!dept) {
    const line = text.split('\n').map((l) => l.trim()).find((l) => /^[^\s，。：:]{2,30}(局|中心|委员会|办公室|院|所|站|部)$/.test(l));
    dept = line || null;
  }
  const kindEn = { 决算: 'final accounts', 预算: 'budget' };
  if (lang === 'zh') return [dept || '（未署名单位）', year, kind].filter(Boolean).join(' ');
  return [dept || '(unnamed department)', year, kind ? kindEn[kind] || kind : null].filter(Boolean).join(' ');
}
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort().map((file) => {
  const bytes = readFileSync(join(samplesDir, file));
  const report = api.checkBytes(bytes, { lang: 'zh' });
  const text = new TextDecoder(report.document.encoding).decode(bytes);
  const id = file.split('_')[0];
  const zh = label(text, report, 'zh');
  const en = label(text, report, 'en');
  console.log(`  sample ${id}: ${zh} — ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.infos} infos`);
  return { id, file, label: { zh: `${id} · ${zh}`, en: `${id} · ${en}` }, text };
});
console.log(`  budgetlint ${version}, ${rules.length} rules`);

// ------------------------------------------------------------------ page
step('assemble dist/index.html');
const webDir = join(root, 'web');
const read = (f) => readFileSync(join(webDir, f), 'utf8');
function scriptSafe(code, what) {
  // Inline <script> contents must not contain "</script" or "<!--".
  if (/<\/script|<!--/i.test(code)) die(`${what} contains "</script" or "<!--"; cannot inline it`);
  return code;
}
const jsonForScript = (v) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const parts = {
  '/*@STYLE@*/': read('style.css'),
  '/*@SAMPLES@*/': jsonForScript(samples),
  '/*@WASM_BASE64@*/': wasm.toString('base64'),
  '/*@GLUE@*/': scriptSafe(wrappedGlue, 'wasm-bindgen glue'),
  '/*@WORKER@*/': scriptSafe(read('worker.js'), 'web/worker.js'),
  '/*@APP@*/': scriptSafe(read('app.js'), 'web/app.js'),
};
let html = read('index.html');
for (const [marker, content] of Object.entries(parts)) {
  if (html.split(marker).length !== 2) die(`web/index.html must contain ${marker} exactly once`);
  html = html.split(marker).join(content);
}
if (/<\/style/i.test(parts['/*@STYLE@*/'])) die('style.css contains "</style"');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, 'index.html');
writeFileSync(outFile, html);

const htmlBuf = readFileSync(outFile);
console.log('');
console.log(sizeLine('wasm (cargo)', readFileSync(rawWasm)));
console.log(sizeLine('wasm (wasm-bindgen)', readFileSync(bgWasm)));
console.log(sizeLine('wasm (wasm-opt -Oz)', wasm));
console.log(sizeLine('glue js', Buffer.from(glue)));
console.log(sizeLine('dist/index.html', htmlBuf));
console.log(`\nwrote ${outFile} (${statSync(outFile).size} bytes)`);
