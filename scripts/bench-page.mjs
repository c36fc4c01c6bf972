#!/usr/bin/env node
// Benchmark (not a test): how soon the offline page answers, in headless Chromium from
// file://. For each page, RUNS fresh page loads; each pastes sample 000 and presses 检查 as
// soon as the page's script has run, and reports (median, min):
//   ready  navigation start → checker engine ready (body[data-engine] set)
//   text   navigation start → first report of the pasted text (body[data-checked]); with
//          --delay MS the paste comes MS after the engine is ready (as a person's would) and
//          `text` is paste → report
//   pdf    then a PDF dropped on the page → its report (includes loading the reader module)
// Usage: node scripts/bench-page.mjs [PAGE.html …] [--runs N] [--delay MS]
//        (default: dist/index.html)
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsIdx = args.indexOf('--runs');
const RUNS = runsIdx >= 0 ? Number(args.splice(runsIdx, 2)[1]) : 9;
const delayIdx = args.indexOf('--delay');
const DELAY = delayIdx >= 0 ? Number(args.splice(delayIdx, 2)[1]) : 0;
const pages = args.length ? args : [join(root, 'dist/index.html')];
const samples = join(root, 'tests/fixtures/samples');
const text = readFileSync(join(samples, readdirSync(samples).filter((f) => f.startsWith('000_'))[0]), 'utf8');
const pdf = readFileSync(join(root, 'tests/fixtures/corpus/上海市普陀区财政局部门25年预算.pdf'));

// Stamps performance.now() when body[data-engine] / body[data-checked] first change.
function stamp() {
  window.__t = {};
  new MutationObserver(() => {
    const d = document.body && document.body.dataset;
    if (!d) return;
    if (d.engine && !window.__t.ready) window.__t.ready = performance.now();
    if (d.checked && !window.__t[`checked${d.checked}`]) window.__t[`checked${d.checked}`] = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-engine', 'data-checked'] });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[s.length >> 1].toFixed(0).padStart(5)} ms  min ${s[0].toFixed(0).padStart(5)} ms`;
};
try {
  // Round-robin over the pages, so that a busy moment of the machine hits them alike.
  const results = pages.map(() => ({ ready: [], text: [], pdf: [] }));
  for (let i = 0; i < RUNS; i++) {
    for (const [p, file] of pages.entries()) {
      const r = results[p];
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(stamp);
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'domcontentloaded' });
      if (DELAY) {
        await page.waitForFunction(() => window.__t.ready, null, { timeout: 60_000 });
        await page.waitForTimeout(DELAY);
      }
      // As a paste would (Playwright's fill types 60 KB slowly).
      const pasted = await page.evaluate((t) => {
        window.__t.pasted = performance.now();
        const area = document.getElementById('text');
        area.value = t;
        area.dispatchEvent(new Event('input', { bubbles: true }));
        document.getElementById('check').click();
        return window.__t.pasted;
      }, text);
      await page.waitForFunction(() => window.__t.checked1, null, { timeout: 60_000 });
      const t = await page.evaluate(() => window.__t);
      r.ready.push(t.ready);
      r.text.push(t.checked1 - (DELAY ? pasted : 0));
      const before = await page.evaluate(() => performance.now());
      await page.setInputFiles('#file', { name: 'budget.pdf', mimeType: 'application/pdf', buffer: pdf });
      await page.waitForFunction(() => window.__t.checked2, null, { timeout: 60_000 });
      r.pdf.push((await page.evaluate(() => window.__t.checked2)) - before);
      await context.close();
    }
  }
  for (const [p, file] of pages.entries()) {
    console.log(file);
    for (const k of Object.keys(results[p])) console.log(`  ${k.padEnd(6)} ${stat(results[p][k])}`);
  }
} finally {
  await browser.close();
}
