#!/usr/bin/env node
// @ts-check
// Builds the offline page: cargo (wasm32, profile `wasm`) → wasm-bindgen (no-modules) →
// wasm-opt (npm `binaryen`) → dist/index.html, one self-contained file with the wasm
// (base64), the glue, the app, the CSS and the sample documents inlined.
//
// The wasm module is embedded gzip-compressed (the page unpacks it with DecompressionStream):
// base64 of the compressed module is 45% of the base64 of the module itself.
//
// The page's script is web/strings.js, protocol.js, engine.js, view.js and app.js joined in
// that order into one classic script (one function scope, so the files share their top-level
// names and leak none); the worker's is protocol.js and worker.js joined the same way, after
// the glue. No bundler: the files are scripts, not modules, and web/tsconfig*.json type-check
// them as the same two programs. web/index.html's own texts are filled in from strings.js.
//
// With --split the page gets two modules from the same crate with different Cargo features
// (see crate/Cargo.toml): the checker (text and HTML readers, every rule), unpacked and
// instantiated when the page opens, and the reader (PDF, DOCX/XLSX/XLS, GB18030 text),
// embedded the same way but unpacked and instantiated only when a file needs it. Measured
// (README, "Size"): the split saves ~8 ms of start-up but the two modules share ~280 KB of
// code (std, serde, decimal, NFKC tables, the text reader), so the page is 16% larger and the
// build compiles the crate twice; one module is the default.
//
// Usage: node scripts/build-web.mjs [--split] [--skip-cargo] [--out DIR]
//   --split       checker + lazily loaded reader module (see above)
//   --skip-cargo  reuse target/wasm32-unknown-unknown/wasm/page-*.wasm as they are
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipCargo = args.includes('--skip-cargo');
const split = args.includes('--split');
const outIdx = args.indexOf('--out');
const outDir = resolve(root, outIdx >= 0 ? args[outIdx + 1] : 'dist');

const cargoOut = join(root, 'target/wasm32-unknown-unknown/wasm');
const pkgDir = join(root, 'web/pkg');
const samplesDir = join(root, 'tests/fixtures/samples');
const binDir = join(root, 'node_modules/.bin');

/**
 * One wasm module of the page. `wrap`: the function the page calls to get a fresh instance
 * of the module's glue.
 * @typedef {{ name: string, features: string | null, wrap: string }} ModuleSpec
 */
/** @type {ModuleSpec[]} */
const SPECS = split
  ? [
    { name: 'checker', features: 'wasm-checker', wrap: 'createBudgetlint' },
    { name: 'reader', features: 'wasm-reader', wrap: 'createBudgetlintReader' },
  ]
  : [{ name: 'single', features: null, wrap: 'createBudgetlint' }];
// Where each module's stages go: cargo's output copied away (raw), wasm-bindgen's output
// directory (dir) and module (bg), wasm-opt's module (opt).
const MODULES = SPECS.map((spec) => {
  const dir = join(pkgDir, spec.name);
  return {
    ...spec,
    raw: join(cargoOut, `page-${spec.name}.wasm`),
    dir,
    bg: join(dir, 'budgetlint_bg.wasm'),
    opt: join(dir, 'budgetlint_opt.wasm'),
  };
});

/** @param {string} msg */
function step(msg) {
  console.log(`\x1b[1m==> ${msg}\x1b[0m`);
}
/** @param {string} msg @returns {never} */
function die(msg) {
  console.error(`build-web: ${msg}`);
  process.exit(1);
}
/** @param {string} cmd @param {string[]} argv @param {{ capture?: boolean }} [opts] @returns {string} */
function run(cmd, argv, opts = {}) {
  try {
    return execFileSync(cmd, argv, { cwd: root, stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  } catch (e) {
    const err = /** @type {NodeJS.ErrnoException & { status?: number }} */ (e);
    if (err.code === 'ENOENT') die(`${cmd} not found; run scripts/setup.sh first`);
    die(`${cmd} ${argv.join(' ')} failed (exit ${err.status})`);
  }
}
/** @param {number} n */
const fmtSize = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
/** @param {string} label @param {Buffer} buf */
function sizeLine(label, buf) {
  const gz = gzipSync(buf, { level: 9 }).length;
  return `${label.padEnd(26)} ${String(buf.length).padStart(9)} B (${fmtSize(buf.length)})  gzip ${String(gz).padStart(8)} B (${fmtSize(gz)})`;
}

// ------------------------------------------------------------------ toolchain checks
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const m = lock.match(/\[\[package\]\]\nname = "wasm-bindgen"\nversion = "([^"]+)"/);
if (!m) die('wasm-bindgen not found in Cargo.lock');
const wantBindgen = /** @type {string} */ (m[1]);
const haveBindgen = run('wasm-bindgen', ['--version'], { capture: true }).trim().split(/\s+/)[1];
if (haveBindgen !== wantBindgen) {
  die(`wasm-bindgen CLI is ${haveBindgen}, Cargo.lock needs ${wantBindgen}; run scripts/setup.sh`);
}
const wasmOpt = join(binDir, 'wasm-opt');
if (!existsSync(wasmOpt)) die('node_modules/.bin/wasm-opt missing; run `npm ci` (or scripts/setup.sh)');

// ------------------------------------------------------------------ wasm
// Cargo writes both builds to the same budgetlint.wasm: copy each away before the next.
// Their dependencies are compiled once and shared (same target dir and profile).
for (const mod of MODULES) {
  if (!skipCargo) {
    const argv = ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', '-p', 'budgetlint'];
    if (mod.features) argv.push('--no-default-features', '--features', mod.features);
    step(`cargo ${argv.join(' ')}`);
    run('cargo', argv);
    copyFileSync(join(cargoOut, 'budgetlint.wasm'), mod.raw);
  }
  if (!existsSync(mod.raw)) die(`${mod.raw} missing`);
}

rmSync(pkgDir, { recursive: true, force: true });
for (const mod of MODULES) {
  step(`wasm-bindgen ${wantBindgen} --target no-modules (${mod.name})`);
  // wasm-bindgen names its output after the input file: budgetlint.js, budgetlint_bg.wasm.
  mkdirSync(mod.dir, { recursive: true });
  const input = join(mod.dir, 'budgetlint.wasm');
  copyFileSync(mod.raw, input);
  run('wasm-bindgen', ['--target', 'no-modules', '--no-typescript', '--out-dir', mod.dir, input]);
  rmSync(input);
}

// The modules' optimisations are independent: run them side by side.
step(`wasm-opt -Oz (npm binaryen)${MODULES.length > 1 ? ', the modules in parallel' : ''}`);
await Promise.all(MODULES.map((mod) => promisify(execFile)(wasmOpt, [
  '-Oz',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
  '--strip-debug', '--strip-producers',
  mod.bg, '-o', mod.opt,
], { cwd: root }).catch((/** @type {{ stderr?: string, message: string }} */ err) => die(`wasm-opt (${mod.name}) failed: ${err.stderr || err.message}`))));

const BUILT = MODULES.map((mod) => {
  const wasm = readFileSync(mod.opt);
  const glue = readFileSync(join(mod.dir, 'budgetlint.js'), 'utf8');
  if (!/^let wasm_bindgen = /m.test(glue)) die(`unexpected wasm-bindgen glue for ${mod.name} (expected --target no-modules output)`);
  // The glue declares a global `wasm_bindgen`; wrap it so that every call creates a fresh,
  // independent instance (used to recover from a trap), and so both modules' glue coexist.
  const wrapped = `function ${mod.wrap}() {\n${glue}\nreturn wasm_bindgen;\n}`;
  return { ...mod, wasm, glue, wrapped };
});
/** @typedef {typeof BUILT[number]} BuiltModule */
const checker = BUILT[0];
const reader = split ? BUILT[1] : undefined;
const wrappedGlue = BUILT.map((mod) => mod.wrapped).join('\n');
/** @param {BuiltModule | undefined} mod */
const embed = (mod) => (mod ? gzipSync(mod.wasm, { level: 9 }).toString('base64') : '');

// ------------------------------------------------------------------ smoke test + sample labels
step('smoke test in node');
/** @type {BudgetlintApi} */
const api = new Function(`${checker.wrapped}\nreturn createBudgetlint();`)();
api.initSync({ module: checker.wasm });
const version = api.version();
const rules = api.rules();
if (!Array.isArray(rules) || !rules.length) die('rules() returned nothing');

/** A sample's name for the menu. @param {string} text @param {PageReport} report @param {'zh' | 'en'} lang */
function label(text, report, lang) {
  const d = report.document;
  let dept = d.department;
  let year = d.year;
  let kind = /** @type {string | null} */ (d.kind);
  if (!year || !kind) {
    const mm = text.match(/(20\d\d)\s*年度?\s*(?:部门)?\s*(决算|预算)/);
    if (mm) { year = year || Number(mm[1]); kind = kind || mm[2]; }
  }
  if (!dept) {
    const line = text.split('\n').map((l) => l.trim()).find((l) => /^[^\s，。：:]{2,30}(局|中心|委员会|办公室|院|所|站|部)$/.test(l));
    dept = line || null;
  }
  /** @type {Record<string, string>} */
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
const docs = api.ruleDocs();
if (!Array.isArray(docs) || !docs.length) die('ruleDocs() returned nothing');
const undocumented = rules.filter((r) => !docs.some((d) => d.id === r.id)).map((r) => r.id);
if (undocumented.length) console.warn(`  warning: rules without documentation: ${undocumented.join(', ')}`);
console.log(`  budgetlint ${version}, ${rules.length} rules, ${docs.length} documented`);

// The reader module: only for the files that need it, and its documents check like the
// CLI's (the DOCX print of sample 000 has the sample's table.total-sum errors).
const docx = readFileSync(join(root, 'tests/fixtures/parity/000_94a3ed044e7312ad.docx'));
const probes = [docx, Buffer.from('%PDF-1.7\n'), Buffer.from([0xca, 0xd5, 0xc8, 0xeb]), Buffer.from('收入')];
const needs = JSON.stringify(probes.map((b) => api.readerFor(b)));
const wantNeeds = JSON.stringify(split ? ['office', 'pdf', 'gb18030', null] : [null, null, null, null]);
if (needs !== wantNeeds) die(`readerFor gave ${needs}, expected ${wantNeeds}`);
/** @type {PageReport} */
let docxReport;
if (!reader) docxReport = api.checkBytes(docx, { lang: 'zh' });
else {
  /** @type {BudgetlintReaderApi} */
  const readerApi = new Function(`${reader.wrapped}\nreturn createBudgetlintReader();`)();
  readerApi.initSync({ module: reader.wasm });
  if (readerApi.version() !== version) die(`reader module is ${readerApi.version()}, checker ${version}`);
  docxReport = api.checkDocument(readerApi.readBytes(docx), { lang: 'zh' });
}
const docxErrors = docxReport.findings.filter((f) => f.rule === 'table.total-sum').length;
if (docxReport.document.encoding !== 'DOCX' || !docxErrors) die(`reader smoke test: DOCX gave ${JSON.stringify(docxReport.summary)}`);
console.log(`  reader module: sample 000 as DOCX — ${docxReport.summary.errors} errors (${docxErrors} table.total-sum)`);

// ------------------------------------------------------------------ page
step('assemble dist/index.html');
const webDir = join(root, 'web');
/** @param {string} f */
const read = (f) => readFileSync(join(webDir, f), 'utf8');
/** @param {string} code @param {string} what */
function scriptSafe(code, what) {
  // Inline <script> contents must not contain "</script" or "<!--".
  if (/<\/script|<!--/i.test(code)) die(`${what} contains "</script" or "<!--"; cannot inline it`);
  return code;
}
/** @param {unknown} v */
const jsonForScript = (v) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

// The scripts each program is made of, in order: the .js files of web/tsconfig.json (the
// page) and web/tsconfig.worker.json (its worker), so what is type-checked together is what
// runs together.
/** @param {string} config @returns {string[]} */
function scriptsOf(config) {
  const files = /** @type {{ files?: string[] }} */ (JSON.parse(read(config))).files || [];
  const js = files.filter((f) => f.endsWith('.js'));
  if (!js.length) die(`web/${config} lists no .js files`);
  return js;
}
// Whole-line comments are for the reader of web/, not the browser: most are the JSDoc types
// (a third of the files' size). Only lines that are nothing but a comment go: a `//` line,
// or a `/** … */` block that starts a line and ends one. web/ has no multi-line template
// literal or string in which such a line could stand (the result is parsed below to be sure,
// and the browser tests run it).
/** @param {string} code @param {string} what */
function stripCommentLines(code, what) {
  const out = [];
  let inDoc = false;
  for (const line of code.split('\n')) {
    const s = line.trim();
    if (inDoc) {
      if (s.includes('*/')) {
        if (!s.endsWith('*/') || s.indexOf('*/') !== s.length - 2) die(`${what}: code after a multi-line /** … */ comment`);
        inDoc = false;
      }
      continue;
    }
    if (s.startsWith('//')) continue;
    if (s.startsWith('/**')) {
      const close = s.indexOf('*/', 3);
      if (close < 0) { inDoc = true; continue; }
      if (close === s.length - 2) continue;
    }
    out.push(line);
  }
  if (inDoc) die(`${what}: unterminated /** comment`);
  return out.join('\n');
}
/** One classic script: the files in one function scope ('use strict', nothing leaks). @param {string[]} files */
function joinScripts(files) {
  const body = files.map((f) => `// ---- web/${f}\n${stripCommentLines(scriptSafe(read(f), `web/${f}`), `web/${f}`)}`).join('\n');
  const code = `(function () {\n'use strict';\n${body}\n})();`;
  try {
    new Function(code); // parses only
  } catch (err) {
    die(`the script made of ${files.join(', ')} does not parse: ${String(err)}`);
  }
  return code;
}
const pageScript = joinScripts(scriptsOf('tsconfig.json'));
const workerScript = joinScripts(scriptsOf('tsconfig.worker.json'));

// The markup's texts (data-i18n, data-i18n-placeholder) come from strings.js's Chinese table,
// so the page reads right before its script runs and every text is written once.
const STRINGS = new Function(`${read('strings.js')}\nreturn STRINGS;`)();
/** @param {string} key @param {string} where */
function zhText(key, where) {
  const v = STRINGS.zh[key];
  if (typeof v !== 'string') die(`web/index.html: ${where}="${key}" is not a plain string of web/strings.js`);
  return v;
}
/** @param {string} s */
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** @param {string} template */
function fillTexts(template) {
  let out = template.replace(/(\sdata-i18n="([\w]+)"[^>]*>)([^<]*)</g, (_, open, key, inner) => {
    if (inner.trim()) die(`web/index.html: the element with data-i18n="${key}" must be empty (its text comes from web/strings.js)`);
    return `${open}${escapeHtml(zhText(key, 'data-i18n'))}<`;
  });
  out = out.replace(/\sdata-i18n-placeholder="([\w]+)"/g, (all, key) => `${all} placeholder="${escapeHtml(zhText(key, 'data-i18n-placeholder'))}"`);
  return out;
}

const parts = {
  '/*@STYLE@*/': read('style.css'),
  '/*@SAMPLES@*/': jsonForScript(samples),
  '/*@WASM_BASE64@*/': embed(checker),
  '/*@READER_WASM_BASE64@*/': embed(reader),
  '/*@GLUE@*/': scriptSafe(wrappedGlue, 'wasm-bindgen glue'),
  '/*@WORKER@*/': workerScript,
  '/*@APP@*/': pageScript,
};
let html = fillTexts(read('index.html'));
for (const [marker, content] of Object.entries(parts)) {
  if (html.split(marker).length !== 2) die(`web/index.html must contain ${marker} exactly once`);
  html = html.split(marker).join(content);
}
if (/<\/style/i.test(parts['/*@STYLE@*/'])) die('style.css contains "</style"');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, 'index.html');
writeFileSync(outFile, html);

// ------------------------------------------------------------------ rules reference
step('assemble dist/rules.html');
const rulesFile = join(outDir, 'rules.html');
writeFileSync(rulesFile, rulesPage(rules, docs, version, read('style.css')));

const htmlBuf = readFileSync(outFile);
console.log('');
for (const mod of BUILT) {
  console.log(sizeLine(`${mod.name} wasm (cargo)`, readFileSync(mod.raw)));
  console.log(sizeLine(`${mod.name} wasm (wasm-bindgen)`, readFileSync(mod.bg)));
  console.log(sizeLine(`${mod.name} wasm (wasm-opt -Oz)`, mod.wasm));
  console.log(sizeLine(`${mod.name} glue js`, Buffer.from(mod.glue)));
  console.log(`${`${mod.name} embedded (gz+base64)`.padEnd(26)} ${String(embed(mod).length).padStart(9)} B`);
}
console.log(sizeLine(relative(root, outFile), htmlBuf));
console.log(sizeLine(relative(root, rulesFile), readFileSync(rulesFile)));
console.log(`\nwrote ${outFile} (${statSync(outFile).size} bytes) and ${rulesFile}`);

// ------------------------------------------------------------------ rules page renderer
// One static, self-contained page (no script, no network) documenting every rule, from the
// same crate/docs/rules/*.md the CLI's `explain` prints. Findings link to `rules.html#<id>`.
/** @param {RuleInfo[]} ruleList @param {RuleDoc[]} docList @param {string} ver @param {string} baseCss */
function rulesPage(ruleList, docList, ver, baseCss) {
  /** @param {unknown} s */
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // The docs' prose uses `code` spans and blank-line paragraphs only.
  /** @param {string} s */
  const prose = (s) => String(s).split(/\n\s*\n/).map((para) =>
    `<p>${esc(para.trim()).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\n/g, '<br>')}</p>`).join('\n');
  const sevZh = { error: '错误', warning: '警告', info: '提示' };
  /** @type {string[]} */
  const families = [];
  for (const r of ruleList) if (!families.includes(r.family)) families.push(r.family);
  const byId = new Map(docList.map((d) => [d.id, d]));
  const toc = families.map((f) => `<li><a href="#family-${esc(f)}">${esc(f)}</a> <span class="muted">(${ruleList.filter((r) => r.family === f).length})</span></li>`).join('');
  const sections = families.map((fam) => {
    const items = ruleList.filter((r) => r.family === fam).map((r) => {
      const d = byId.get(r.id);
      const body = d ? `
  <div class="lang-cols">
    <div lang="zh-CN"><h4>检查内容</h4>${prose(d.checks_zh)}<h4>依据</h4>${prose(d.why_zh)}</div>
    <div lang="en"><h4>What it checks</h4>${prose(d.checks_en)}<h4>Why it matters</h4>${prose(d.why_en)}</div>
  </div>
  <div class="examples">
    <div><h4>错误示例 / Bad</h4><pre class="excerpt">${esc(d.bad)}</pre></div>
    <div><h4>正确示例 / Good</h4><pre class="excerpt">${esc(d.good)}</pre></div>
  </div>` : `<p>${esc(r.doc_zh)}</p><p lang="en">${esc(r.doc_en)}</p>`;
      return `<article class="rule sev-${esc(r.severity)}" id="${esc(r.id)}">
  <h3><a href="#${esc(r.id)}"><code>${esc(r.id)}</code></a> ${esc(r.title_zh)} <span class="muted" lang="en">/ ${esc(r.title_en)}</span></h3>
  <p class="meta"><span class="count sev-${esc(r.severity)}">默认严重程度 / default severity: <strong>${esc(sevZh[r.severity] || r.severity)} ${esc(r.severity)}</strong></span></p>${body}
</article>`;
    }).join('\n');
    return `<section id="family-${esc(fam)}"><h2>${esc(fam)}</h2>\n${items}\n</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>budgetlint 规则说明 / Rules reference</title>
<style>
${baseCss}
.rules-page { display: block; max-width: 1100px; margin: 0 auto; padding: 0 16px 40px; }
.rules-page article.rule { border: 1px solid var(--border); border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
.rules-page article.rule:target { outline: 3px solid var(--accent, #2563eb); }
.rules-page h4 { margin: 10px 0 2px; font-size: .9rem; }
.rules-page .lang-cols, .rules-page .examples { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.rules-page pre.excerpt { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 24em; overflow: auto; }
@media (max-width: 800px) { .rules-page .lang-cols, .rules-page .examples { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header class="top"><div class="brand"><h1><span class="logo" aria-hidden="true">¥✓</span> budgetlint 规则说明 <span class="muted" lang="en">Rules reference</span></h1>
<p class="tagline">v${esc(ver)} · ${ruleList.length} 条规则 / rules · <a href="index.html">返回检查页面 / back to the checker</a></p></div></header>
<main class="rules-page">
<p>每条规则：检查什么、依据（所执行的勾稽关系或规定及其出处）、默认严重程度，以及一个会触发规则的最小错误示例和改正后的正确示例（示例均经自动测试验证）。选项（关闭规则或规则族、调整严重程度、舍入方式）见检查页面的“检查设置”或命令行 <code>--disable</code>、<code>--severity</code>、<code>--config</code>。</p>
<p lang="en">For every rule: what it checks, why (the identity or regulation it enforces, with its source), its default severity, and a minimal bad example that triggers it next to the corrected good one (both verified by the test suite). Options (turn rules or families off, change severities, rounding) are under the checker's settings or the CLI's <code>--disable</code>, <code>--severity</code>, <code>--config</code>.</p>
<nav aria-label="规则族 / families"><ul>${toc}</ul></nav>
${sections}
</main>
</body>
</html>
`;
}
