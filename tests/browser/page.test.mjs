// @ts-check
// Headless browser test of dist/index.html (build it first: node scripts/build-web.mjs).
// Run: node --test tests/browser/
// BUDGETLINT_DIST=DIR tests the page in DIR instead (scripts/test.sh also tests the page built
// with --split into target/page-split).
// Uses playwright-core with the system Chromium (CHROMIUM env overrides /usr/bin/chromium).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = resolve(root, process.env.BUDGETLINT_DIST || 'dist');
const pageFile = join(distDir, 'index.html');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const T = 60_000;

const PLANTED = [
  '支出决算表',
  '公开03表',
  '金额单位：万元',
  '项目\t本年支出合计\t基本支出\t项目支出',
  '合计\t10.00\t4.00\t5.00',
].join('\n');

// What Word puts on the clipboard for a small table (trimmed): conditional comments, mso-
// styles, <o:p>, entities, a rowspan/colspan header and a <br> inside a cell.
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta charset="utf-8"><style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN><!--StartFragment-->
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-family:宋体;mso-ascii-font-family:"Times New Roman"'>支出决算表<o:p></o:p></span></b></p>
<p class=MsoNormal>公开03表&nbsp;&nbsp;金额单位：万元<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0'><td rowspan=2 style='mso-border-alt:solid windowtext .5pt'><p class=MsoNormal>项目<o:p></o:p></p></td>
<td rowspan=2><p class=MsoNormal>本年支出<br>合计<o:p></o:p></p></td><td colspan=2><p class=MsoNormal>本年支出<o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal>基本支出</p></td><td><p class=MsoNormal>项目支出</p></td></tr>
<tr><td><p class=MsoNormal>合计</p></td><td><p class=MsoNormal>10.00</p></td><td><p class=MsoNormal><![if !supportMisalignedColumns]>4.00<![endif]></p></td><td><p class=MsoNormal>5.00</p></td></tr>
</table><!--EndFragment--></body></html>`;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {import('../../scripts/serve.mjs').RunningServer} */
let server;

before(async () => {
  assert.ok(existsSync(pageFile), `${pageFile} missing; run \`node scripts/build-web.mjs\` first`);
  assert.ok(existsSync(executablePath), `${executablePath} missing; run scripts/setup.sh`);
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  server = await startServer({ root: distDir, port: 0, host: '127.0.0.1' });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens a page that records every request and every page error.
 * @param {string} url
 * @param {{ initScript?: () => void }} [opts]
 */
async function open(url, { initScript } = {}) {
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  /** @type {string[]} */
  const requests = [];
  /** @type {string[]} */
  const errors = [];
  /** @type {{ closed: boolean }[]} every Web Worker the page started, and whether it has ended */
  const workers = [];
  page.on('worker', (w) => {
    const seen = { closed: false };
    w.on('close', () => { seen.closed = true; });
    workers.push(seen);
  });
  context.on('request', (r) => requests.push(r.url())); // includes requests from workers
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  // Engine ready: the status names the engine and body gets data-engine.
  await page.waitForFunction(() => document.body.dataset.engine, null, { timeout: 20_000 });
  return { context, page, requests, errors, workers };
}

/** @param {string[]} requests @param {string} pageUrl */
function assertNoForeignRequests(requests, pageUrl) {
  const foreign = requests.filter((u) => u !== pageUrl && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], `unexpected requests: ${foreign.join(', ')}`);
}

// How many times the reader module (PDF, Word/Excel, GB18030) was instantiated. A page built
// with `--split` has one: it is unpacked and instantiated only for a file that needs it (once),
// never for pasted text. The default page has a single module with every reader.
/** @typedef {import('playwright-core').Page} Page */
/** @param {Page} page */
async function readerLoads(page) {
  return page.evaluate(() => Number(document.body.dataset.readerLoads) || 0);
}
/** @param {Page} page */
async function loadsForAFile(page) {
  return page.evaluate(() => (document.getElementById('bl-reader-wasm')?.textContent?.trim() ? 1 : 0));
}

/**
 * Waits (up to 5 s) until `cond` holds, for state that node-side events update.
 * @param {() => boolean} cond @param {() => string} message
 */
async function assertEventually(cond, message) {
  for (let i = 0; i < 50 && !cond(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(cond(), message());
}

/** A locator's text (textContent; '' when it has none). @param {import('playwright-core').Locator} loc */
async function text(loc) {
  return (await loc.textContent()) ?? '';
}

/** @param {Page} page */
async function checkedCount(page) {
  return page.evaluate(() => Number(document.body.dataset.checked) || 0);
}
/** @param {Page} page @param {number} before */
async function waitForCheck(page, before) {
  await page.waitForFunction((n) => (Number(document.body.dataset.checked) || 0) > n, before, { timeout: 20_000 });
}

describe('budgetlint page', { timeout: T }, () => {
  test('file:// — sample 000 shows table.total-sum errors; clicking one highlights its line', { timeout: T }, async () => {
    const url = pathToFileURL(pageFile).href;
    const { context, page, requests, errors } = await open(url);
    try {
      assert.equal(await page.evaluate(() => document.body.dataset.engine), 'worker', 'check should run in a Web Worker');
      const options = await page.locator('#sample option').allTextContents();
      assert.equal(options.length, 6, `five samples expected, got ${options}`);
      const sample000 = options.find((o) => o.startsWith('000')) || '';
      assert.match(sample000, /西安市高陵区医疗保障局.*2020.*决算/);

      let n = await checkedCount(page);
      await page.selectOption('#sample', '000');
      await waitForCheck(page, n);
      n = await checkedCount(page);
      await page.getByRole('button', { name: '检查', exact: true }).click();
      await waitForCheck(page, n);

      const errorCount = Number(await text(page.locator('#summary .count.sev-error strong')));
      assert.ok(errorCount > 0, 'errors expected for sample 000');
      assert.equal(await readerLoads(page), 0, 'a text sample does not load the reader module');
      assert.ok(await page.locator('#findings .group.sev-error').isVisible());
      assert.match(await text(page.locator('#profile')), /2020/);

      const finding = page.locator('#findings li.finding[data-rule="table.total-sum"]').first();
      assert.ok(await finding.count() === 1 && await finding.isVisible(), 'a table.total-sum finding is shown');
      const button = finding.locator('.finding-main');
      const line = Number(await button.getAttribute('data-line'));
      assert.ok(line > 0);
      assert.match(await text(button), new RegExp(`第${line}(–\\d+)?行`));

      // Rule documentation on demand.
      await finding.locator('.rule-doc-toggle').click();
      assert.ok((await text(finding.locator('.rule-doc'))).length > 10);

      await button.click();
      const row = page.locator(`#L${line}`);
      await page.waitForFunction((l) => {
        const el = /** @type {HTMLElement} */ (document.getElementById(`L${l}`));
        const doc = /** @type {HTMLElement} */ (document.getElementById('doc'));
        const r = el.getBoundingClientRect();
        const d = doc.getBoundingClientRect();
        return r.top >= d.top && r.bottom <= d.bottom && r.top >= 0 && r.bottom <= innerHeight;
      }, line, { timeout: 5_000 });
      const cls = String(await row.getAttribute('class'));
      assert.match(cls, /\bhl-error\b/, `line ${line} highlighted as error: ${cls}`);
      assert.match(cls, /\bcurrent\b/);
      assert.ok(await row.isVisible());

      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('http:// — pasted text with a planted row-sum error; English toggle; no network', { timeout: T }, async () => {
    const url = server.url;
    const { context, page, requests, errors } = await open(url);
    try {
      assert.equal(await page.evaluate(() => document.body.dataset.engine), 'worker');
      await page.fill('#text', PLANTED);
      const n = await checkedCount(page);
      await page.click('#check');
      await waitForCheck(page, n);

      const finding = page.locator('#findings li.finding[data-rule="table.row-sum"]');
      assert.equal(await finding.count(), 1, 'one table.row-sum finding');
      assert.equal(await finding.locator('.finding-main').getAttribute('data-line'), '5');
      assert.match(await text(finding.locator('.finding-line')), /第5行/);
      assert.match(String(await page.locator('#L5').getAttribute('class')), /\bhl-error\b/);
      assert.ok(Number(await text(page.locator('#summary .count.sev-error strong'))) >= 1);

      // File picker: the same text as UTF-16LE bytes goes through checkBytes().
      const k = await checkedCount(page);
      await page.setInputFiles('#file', {
        name: 'planted-utf16.txt', mimeType: 'text/plain',
        buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLANTED, 'utf16le')]),
      });
      await waitForCheck(page, k);
      assert.match(await text(page.locator('#profile')), /UTF-16/i);
      assert.equal(await page.locator('#findings li.finding[data-rule="table.row-sum"] .finding-main').getAttribute('data-line'), '5');
      assert.equal(await page.inputValue('#text'), PLANTED);
      assert.match(await text(page.locator('#L5 .lt')), /^合计\t10\.00/);
      assert.equal(await readerLoads(page), 0, 'pasted text and a UTF-16 file do not load the reader module');

      // The same text in GB18030 needs the reader module's tables: it is loaded now, once.
      let g = await checkedCount(page);
      const gbk = readFileSync(join(root, 'tests/fixtures/encodings/planted.gb18030.txt'));
      await page.setInputFiles('#file', { name: 'planted-gbk.txt', mimeType: 'text/plain', buffer: gbk });
      await waitForCheck(page, g);
      assert.match(await text(page.locator('#profile')), /GB18030/);
      assert.equal(await page.locator('#findings li.finding[data-rule="table.row-sum"] .finding-main').getAttribute('data-line'), '5');
      assert.equal(await page.inputValue('#text'), PLANTED + '\n');
      assert.equal(await readerLoads(page), await loadsForAFile(page));
      g = await checkedCount(page);
      await page.setInputFiles('#file', { name: 'planted-gbk-2.txt', mimeType: 'text/plain', buffer: gbk });
      await waitForCheck(page, g);
      assert.equal(await readerLoads(page), await loadsForAFile(page), 'the reader module is instantiated once');

      // English toggle: UI labels change, and the check is re-run in English.
      assert.equal((await text(page.locator('#check'))).trim(), '检查');
      const m = await checkedCount(page);
      await page.click('#lang-en');
      assert.equal((await text(page.locator('#check'))).trim(), 'Check');
      assert.equal(await text(page.locator('#results-h')), 'Results');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await waitForCheck(page, m);
      assert.match(await text(page.locator('#findings li.finding[data-rule="table.row-sum"] .finding-line')), /Line 5/);

      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('rule docs with examples; family off and severity override; rules reference page', { timeout: T }, async () => {
    const url = pathToFileURL(pageFile).href;
    const { context, page, requests, errors } = await open(url);
    try {
      // Sample 004 has template residue (warnings) and layout notes (infos).
      let n = await checkedCount(page);
      await page.selectOption('#sample', '004');
      await waitForCheck(page, n);
      const residue = page.locator('#findings li.finding[data-rule="residue.alternative"]').first();
      assert.ok(await residue.isVisible());
      assert.match(await text(residue.locator('.finding-msg')), /共 2 处/);
      await residue.locator('.rule-doc-toggle').click();
      const doc = residue.locator('.rule-doc');
      assert.match(await text(doc), /检查内容[\s\S]*依据[\s\S]*错误示例[\s\S]*正确示例/);
      assert.equal(await doc.locator('pre').count(), 2, 'bad and good examples');
      assert.equal(await doc.locator('a').getAttribute('href'), 'rules.html#residue.alternative');

      // Settings: the layout family off, residue.alternative raised to an error.
      await page.locator('details.settings summary').click();
      assert.ok(await page.locator('.rule-family[data-family="layout"]').isVisible());
      n = await checkedCount(page);
      await page.uncheck('#family-layout');
      await waitForCheck(page, n);
      assert.equal(await page.locator('#findings li.finding[data-rule^="layout."]').count(), 0);
      assert.equal(await page.locator('#rule-layout-numbering').isChecked(), false, 'the family box unticks its rules');
      n = await checkedCount(page);
      await page.selectOption('select.rule-severity[data-rule="residue.alternative"]', 'error');
      await waitForCheck(page, n);
      assert.ok(await page.locator('#findings .group.sev-error li.finding[data-rule="residue.alternative"]').count() > 0);
      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors, []);

      // The reference page: linked from the header, every rule documented, offline.
      assert.equal(await page.locator('#rules-link').getAttribute('href'), 'rules.html');
      const ref = await context.newPage();
      /** @type {string[]} */
      const refRequests = [];
      ref.on('request', (r) => refRequests.push(r.url()));
      await ref.goto(new URL('rules.html#year.comparison', url).href);
      const ids = await ref.locator('article.rule').evaluateAll((a) => a.map((x) => x.id));
      const registered = await page.evaluate(() => [...document.querySelectorAll('input.rule-check')].map((c) => /** @type {HTMLInputElement} */ (c).value));
      assert.deepEqual(ids, registered);
      const art = ref.locator('article.rule[id="year.comparison"]');
      assert.match(await text(art), /与2021年相比/);
      assert.equal(await art.locator('pre').count(), 2);
      assert.deepEqual(refRequests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
    } finally {
      await context.close();
    }
  });

  test('DOCX upload is read in the worker and its findings shown with the rendered document', { timeout: T }, async () => {
    const url = server.url;
    const { context, page, requests, errors } = await open(url);
    try {
      const n = await checkedCount(page);
      await page.setInputFiles('#file', {
        name: 'sample000.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: readFileSync(join(root, 'tests/fixtures/parity/000_94a3ed044e7312ad.docx')),
      });
      await waitForCheck(page, n);
      assert.match(await text(page.locator('#profile')), /DOCX/);
      assert.equal(await readerLoads(page), await loadsForAFile(page), 'a DOCX loads the reader module');
      const finding = page.locator('#findings li.finding[data-rule="table.total-sum"]').first();
      assert.ok(await finding.isVisible(), 'table.total-sum from the Word tables');
      assert.ok(Number(await text(page.locator('#summary .count.sev-error strong'))) >= 10);
      // The document panel shows the rendering that line numbers refer to, not ZIP bytes.
      const line = Number(await finding.locator('.finding-main').getAttribute('data-line'));
      assert.match(await text(page.locator(`#L${line} .lt`)), /\t/);
      assert.match(await text(page.locator('#doc')), /收入支出决算总表/);
      assert.match(await text(page.locator('#status')), /检查完成/);
      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('PDF upload is read in the worker: findings carry the page they are on', { timeout: T }, async () => {
    const url = server.url;
    const { context, page, requests, errors } = await open(url);
    try {
      const n = await checkedCount(page);
      // A published budget (WPS PDF, 上海市普陀区财政局 2025): its text says 887.36 万元 for
      // 2080506 where the table prints 873,617.00 元 — a real contradiction, found in the browser.
      await page.setInputFiles('#file', {
        name: 'budget.pdf',
        mimeType: 'application/pdf',
        buffer: readFileSync(join(root, 'tests/fixtures/corpus/上海市普陀区财政局部门25年预算.pdf')),
      });
      await waitForCheck(page, n);
      assert.match(await text(page.locator('#profile')), /PDF/);
      assert.equal(await readerLoads(page), await loadsForAFile(page), 'a PDF loads the reader module');
      const finding = page.locator('#findings li.finding[data-rule="narrative.text-table"]').filter({ hasText: '887.36' });
      assert.equal(await finding.count(), 1, 'the 887.36 vs 873,617.00 contradiction');
      assert.equal(Number(await text(page.locator('#summary .count.sev-error strong'))), 1);
      // The document panel shows the PDF's text as read, which line numbers refer to.
      assert.match(await text(page.locator('#doc')), /机关事业单位职业年金缴费支出/);
      assert.match(await text(page.locator('#status')), /检查完成/);
      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('pasting from Word reads the clipboard HTML (merged header, <br> in a cell)', { timeout: T }, async () => {
    const url = pathToFileURL(pageFile).href;
    const { context, page, requests, errors } = await open(url);
    try {
      const n = await checkedCount(page);
      await page.evaluate((html) => {
        const dt = new DataTransfer();
        dt.setData('text/html', html);
        dt.setData('text/plain', '支出决算表 项目 本年支出合计 …');
        const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
        document.getElementById('text')?.dispatchEvent(ev);
      }, WORD_HTML);
      await waitForCheck(page, n);
      assert.match(await text(page.locator('#source')), /HTML/);
      assert.match(await text(page.locator('#profile')), /HTML/);
      const finding = page.locator('#findings li.finding[data-rule="table.row-sum"]');
      assert.equal(await finding.count(), 1, 'the planted row-sum error in the pasted table');
      assert.match(await text(finding), /10\.00/);
      const line = Number(await finding.locator('.finding-main').getAttribute('data-line'));
      assert.match(await text(page.locator(`#L${line} .lt`)), /^合计\t10\.00\t4\.00\t5\.00/);
      assert.match(await text(page.locator('#doc')), /本年支出 合计/);
      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('watchdog: a check that goes silent is stopped, the worker restarted, and the next check works', { timeout: T }, async () => {
    const url = pathToFileURL(pageFile).href;
    // The test hook (read once at start): the worker answers the first check with one
    // PROGRESS and then nothing, as a hung wasm call would; the watchdog waits 2 s, not 60.
    const { context, page, requests, errors, workers } = await open(url, {
      initScript: () => {
        /** @type {{ __budgetlintTest?: object }} */ (/** @type {unknown} */ (window)).__budgetlintTest = { stallChecks: 1, checkTimeoutMs: 2000 };
      },
    });
    try {
      assert.equal(await page.evaluate(() => document.body.dataset.engine), 'worker');
      assert.equal(workers.length, 1);
      await page.fill('#text', PLANTED);
      const n = await checkedCount(page);
      await page.click('#check');
      // The PROGRESS the worker sent re-armed the watchdog; nothing came after it.
      await page.waitForFunction(() => document.getElementById('status')?.classList.contains('status-error'), null, { timeout: 20_000 });
      assert.equal(await text(page.locator('#status')), '检查超时，已停止并重新启动检查引擎。');
      assert.equal(await checkedCount(page), n, 'the stalled check gave no report');
      assert.equal(await page.locator('#check').isDisabled(), false, 'the user can check again');
      assert.equal(await page.evaluate(() => document.body.getAttribute('aria-busy')), null);
      await assertEventually(() => workers.length === 2 && workers[0].closed && !workers[1].closed,
        () => `the stuck worker is ended and a new one started: ${JSON.stringify(workers)}`);

      // The message follows the language like every status.
      await page.click('#lang-en');
      assert.equal(await text(page.locator('#status')), 'The check took too long; it was stopped and the checker restarted.');

      // The next check runs in the new worker and finds the planted error.
      await page.click('#check');
      await waitForCheck(page, n);
      assert.equal(await page.locator('#findings li.finding[data-rule="table.row-sum"]').count(), 1);
      assert.match(await text(page.locator('#status')), /^Checked in \d+ ms \(background worker\)$/);
      assert.equal(workers.length, 2, 'no further restart');
      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors.filter((e) => !/^budgetlint: .*timeout/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test('the markup carries the Chinese texts of strings.js before any script runs', { timeout: T }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(pageFile).href);
      assert.equal(await text(page.locator('#check')), '检查');
      assert.equal(await text(page.locator('#results-h')), '检查结果');
      assert.match(String(await page.locator('#text').getAttribute('placeholder')), /^在此粘贴部门预算或决算公开文本/);
      const empty = await page.evaluate(() => [...document.querySelectorAll('[data-i18n]')].filter((e) => !e.textContent).map((e) => e.outerHTML));
      assert.deepEqual(empty, []);
    } finally {
      await context.close();
    }
  });

  test('main-thread fallback when Worker is unavailable', { timeout: T }, async () => {
    const url = pathToFileURL(pageFile).href;
    const { context, page, requests, errors } = await open(url, {
      initScript: () => {
        window.Worker = /** @type {typeof Worker} */ (/** @type {unknown} */ (function () { throw new Error('no workers here'); }));
      },
    });
    try {
      assert.equal(await page.evaluate(() => document.body.dataset.engine), 'main');
      const n = await checkedCount(page);
      await page.selectOption('#sample', '000');
      await waitForCheck(page, n);
      assert.ok(Number(await text(page.locator('#summary .count.sev-error strong'))) > 0);
      assert.ok(await page.locator('#findings li.finding[data-rule="table.total-sum"]').count() > 0);
      assert.equal(await readerLoads(page), 0);
      // A DOCX on the main thread (the reader module, if split, is instantiated there).
      const k = await checkedCount(page);
      await page.setInputFiles('#file', {
        name: 'sample000.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: readFileSync(join(root, 'tests/fixtures/parity/000_94a3ed044e7312ad.docx')),
      });
      await waitForCheck(page, k);
      assert.match(await text(page.locator('#profile')), /DOCX/);
      assert.ok(await page.locator('#findings li.finding[data-rule="table.total-sum"]').count() > 0);
      assert.equal(await readerLoads(page), await loadsForAFile(page));
      assertNoForeignRequests(requests, url);
      assert.deepEqual(errors.filter((e) => !/no workers here/.test(e)), []);
    } finally {
      await context.close();
    }
  });
});
