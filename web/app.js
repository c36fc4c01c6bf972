// budgetlint web page. Classic script (inlined into dist/index.html by scripts/build-web.mjs).
// Needs, from the same page: createBudgetlint() (wasm-bindgen no-modules glue, wrapped),
// <script id="bl-wasm"> (gzip + base64 wasm), <script id="bl-worker"> (worker source),
// <script id="bl-samples"> (JSON samples); in a page built with --split also
// createBudgetlintReader() and <script id="bl-reader-wasm"> (the reader module).
'use strict';
(function () {
  // ---------------------------------------------------------------- strings
  const STRINGS = {
    zh: {
      skip: '跳到检查结果',
      tagline: '部门预算、决算公开文本检查：表内求和、行列勾稽、科目编码等',
      inputHeading: '输入文本',
      samples: '示例',
      samplesPlaceholder: '选择示例文档…',
      openFile: '打开文件…',
      clear: '清空',
      pasteLabel: '粘贴公开文本',
      pastePlaceholder: '在此粘贴部门预算或决算公开文本（从 Word 或网页复制的表格会按原表格读取），或把 PDF、Word（.docx）、Excel（.xlsx/.xls）、网页（.html）、.txt / .md 文件拖到这里',
      dropHint: '松开鼠标以载入文件',
      settings: '检查设置',
      rounding: '舍入方式',
      roundingRound: '四舍五入',
      roundingTruncate: '四舍五入或截断',
      rulesEnabled: '启用的规则',
      check: '检查',
      resultsHeading: '检查结果',
      resultsEmpty: '尚未检查。粘贴文本、打开文件或选择示例，然后点击“检查”。',
      docHeading: '文档内容',
      docEmpty: '检查后在此显示带行号的文档，被引用的行会高亮。',
      footer: '本页面完全离线运行：文本只在你的浏览器中检查，不会上传。',
      sevError: '错误', sevWarning: '警告', sevInfo: '提示',
      summaryLine: (s) => `错误 ${s.errors} · 警告 ${s.warnings} · 提示 ${s.infos}`,
      noFindings: '未发现问题。',
      line: (a, b) => (b && b !== a ? `第${a}–${b}行` : `第${a}行`),
      noLine: '全文',
      moreLocations: (n) => `另有 ${n} 处`,
      expected: '应为', actual: '实为',
      showDoc: '规则说明', hideDoc: '收起说明',
      kind: '类型', year: '年度', department: '单位', encoding: '编码', tables: '表格数',
      unknown: '未识别',
      page: (p) => `第${p}页`,
      checking: '正在检查…',
      reading: (name, kb, s) => `正在读取并检查 ${name}（${kb} KB）… 已用 ${s} 秒`,
      stage: (st, s) => `${st === 'reader' ? '正在载入 PDF/Office 读取模块' : st === 'parse' ? '正在读取文件并识别表格' : '正在检查'}… 已用 ${s} 秒`,
      sourceHtml: (n) => `粘贴的网页/Word 内容（HTML，${n.toLocaleString()} 字符），按原表格读取`,
      done: (ms, mode) => `检查完成，用时 ${ms} 毫秒（${mode === 'worker' ? '后台线程' : '主线程'}）`,
      loadingEngine: '正在载入检查引擎…',
      engineReady: (v, mode) => `检查引擎 v${v} 已就绪（${mode === 'worker' ? '后台线程' : '主线程'}）`,
      engineFailed: (m) => `检查引擎载入失败：${m}`,
      oldBrowser: '浏览器版本过旧（不支持 DecompressionStream），请使用 Chrome/Edge 80、Firefox 113、Safari 16.4 或更新版本',
      checkFailed: (m) => `检查失败：${m}`,
      trapped: '检查引擎发生内部错误，已重新启动；请重试或报告此文档。',
      timeout: '检查超时，已停止并重新启动检查引擎。',
      emptyInput: '请先粘贴文本、打开文件或选择示例。',
      sourceFile: (name, n) => `已载入文件：${name}（${n.toLocaleString()} 字节；右侧显示读取出的文字与表格）`,
      sourceSample: (label) => `示例：${label}`,
      sourcePasted: (n) => `粘贴的文本：${n.toLocaleString()} 行`,
      readFailed: (m) => `无法读取文件：${m}`,
      tooBig: '文件超过 50 MB，未载入。',
      version: (v) => `budgetlint v${v}`,
      ruleLabel: (r) => `${r.id} — ${r.title_zh}`,
      lineHas: (ids) => `本行问题：${ids}`,
      rulesLink: '规则说明',
      familyLabel: (f, n) => `${f} 规则族（${n} 条）`,
      severityFor: (id) => `${id} 的严重程度`,
      sevDefault: (sev) => `默认（${({ error: '错误', warning: '警告', info: '提示' })[sev] || sev}）`,
      sevOpt: { error: '错误', warning: '警告', info: '提示' },
      docChecks: '检查内容', docWhy: '依据', docBad: '错误示例', docGood: '正确示例',
      docFull: '在规则说明页中查看',
      docSeverity: (sev) => `默认严重程度：${({ error: '错误', warning: '警告', info: '提示' })[sev] || sev}`,
    },
    en: {
      skip: 'Skip to results',
      tagline: 'Checks Chinese government budget / final-accounts disclosures: table sums, cross-checks, subject codes and more',
      inputHeading: 'Input',
      samples: 'Samples',
      samplesPlaceholder: 'Choose a sample document…',
      openFile: 'Open file…',
      clear: 'Clear',
      pasteLabel: 'Paste disclosure text',
      pastePlaceholder: 'Paste a department budget or final-accounts disclosure here (tables copied from Word or a web page are read as tables), or drop a PDF, Word (.docx), Excel (.xlsx/.xls), web page (.html), .txt or .md file',
      dropHint: 'Release to load the file',
      settings: 'Settings',
      rounding: 'Rounding',
      roundingRound: 'Round half up',
      roundingTruncate: 'Round or truncate',
      rulesEnabled: 'Enabled rules',
      check: 'Check',
      resultsHeading: 'Results',
      resultsEmpty: 'Nothing checked yet. Paste text, open a file or choose a sample, then press “Check”.',
      docHeading: 'Document',
      docEmpty: 'After a check the document appears here with line numbers; cited lines are highlighted.',
      footer: 'This page works entirely offline: your text is checked in your browser and never uploaded.',
      sevError: 'Errors', sevWarning: 'Warnings', sevInfo: 'Notes',
      summaryLine: (s) => `${s.errors} errors · ${s.warnings} warnings · ${s.infos} notes`,
      noFindings: 'No problems found.',
      line: (a, b) => (b && b !== a ? `Lines ${a}–${b}` : `Line ${a}`),
      noLine: 'Whole text',
      moreLocations: (n) => `+${n} more`,
      expected: 'Expected', actual: 'Actual',
      showDoc: 'About this rule', hideDoc: 'Hide',
      kind: 'Kind', year: 'Year', department: 'Department', encoding: 'Encoding', tables: 'Tables',
      unknown: 'not detected',
      page: (p) => `page ${p}`,
      checking: 'Checking…',
      reading: (name, kb, s) => `Reading and checking ${name} (${kb} KB)… ${s} s`,
      stage: (st, s) => `${st === 'reader' ? 'Loading the PDF/Office reader module' : st === 'parse' ? 'Reading the file and finding tables' : 'Checking'}… ${s} s`,
      sourceHtml: (n) => `Pasted web/Word content (HTML, ${n.toLocaleString()} characters), read as tables`,
      done: (ms, mode) => `Checked in ${ms} ms (${mode === 'worker' ? 'background worker' : 'main thread'})`,
      loadingEngine: 'Loading the checker…',
      engineReady: (v, mode) => `Checker v${v} ready (${mode === 'worker' ? 'background worker' : 'main thread'})`,
      engineFailed: (m) => `Could not load the checker: ${m}`,
      oldBrowser: 'This browser is too old (no DecompressionStream); use Chrome/Edge 80, Firefox 113, Safari 16.4 or newer',
      checkFailed: (m) => `Check failed: ${m}`,
      trapped: 'The checker hit an internal error and was restarted; try again or report this document.',
      timeout: 'The check took too long; it was stopped and the checker restarted.',
      emptyInput: 'Paste text, open a file or choose a sample first.',
      sourceFile: (name, n) => `Loaded file: ${name} (${n.toLocaleString()} bytes; the text and tables read from it are shown)`,
      sourceSample: (label) => `Sample: ${label}`,
      sourcePasted: (n) => `Pasted text: ${n.toLocaleString()} lines`,
      readFailed: (m) => `Could not read the file: ${m}`,
      tooBig: 'The file is larger than 50 MB and was not loaded.',
      version: (v) => `budgetlint v${v}`,
      ruleLabel: (r) => `${r.id} — ${r.title_en}`,
      lineHas: (ids) => `Findings on this line: ${ids}`,
      rulesLink: 'Rules reference',
      familyLabel: (f, n) => `${f} family (${n} rules)`,
      severityFor: (id) => `Severity of ${id}`,
      sevDefault: (sev) => `Default (${sev})`,
      sevOpt: { error: 'Error', warning: 'Warning', info: 'Note' },
      docChecks: 'What it checks', docWhy: 'Why it matters', docBad: 'Bad example', docGood: 'Good example',
      docFull: 'Open in the rules reference',
      docSeverity: (sev) => `Default severity: ${sev}`,
    },
  };
  const SEVERITIES = ['error', 'warning', 'info'];
  const SEV_KEY = { error: 'sevError', warning: 'sevWarning', info: 'sevInfo' };
  const CHECK_TIMEOUT_MS = 60000;
  const MAX_FILE_BYTES = 50 * 1024 * 1024;

  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  // ---------------------------------------------------------------- state
  const state = {
    lang: 'zh',
    source: { kind: 'none' }, // {kind:'text'} | {kind:'bytes', bytes, name} | {kind:'sample', sample}
    report: null,
    docLines: [],
    rules: [],
    docs: [],
    busy: false,
    engineMode: null,
    version: '',
    statusKey: null, // [key, ...args] so the status can be re-rendered on language change
  };
  const t = (key, ...args) => {
    const v = STRINGS[state.lang][key];
    return typeof v === 'function' ? v(...args) : v;
  };

  // ---------------------------------------------------------------- embedded data
  // The wasm modules are embedded gzip-compressed, as base64 in <script id=…>: `bl-wasm`
  // (unpacked at start) and, in a page built with --split, `bl-reader-wasm` (PDF, Word/Excel
  // and GB18030 readers, unpacked only when such a file arrives). Compression makes the page
  // 44% smaller; the browser's DecompressionStream unpacks a module in ~10–20 ms.
  async function readEmbeddedWasm(id) {
    const b64 = $(id).textContent.replace(/\s+/g, '');
    let gz;
    if (typeof Uint8Array.fromBase64 === 'function') gz = Uint8Array.fromBase64(b64);
    else {
      const bin = atob(b64);
      gz = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
    }
    if (typeof DecompressionStream !== 'function') throw new Error(t('oldBrowser'));
    const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const SAMPLES = JSON.parse($('bl-samples').textContent || '[]');

  // ---------------------------------------------------------------- engine
  // Runs checks in a Worker made from a Blob URL; falls back to the main thread if the
  // worker cannot be created or does not start. A trap or timeout recreates the worker.
  // In a split page the reader module is unpacked and instantiated only for a file that needs
  // it (the checker's readerFor says so); body[data-reader-loads] counts its instantiations.
  class Engine {
    constructor() {
      this.wasm = null; // the checker module's bytes
      this.readerWasm = null; // promise of the reader's bytes: made on first need, kept for a restarted worker
      this.worker = null;
      this.mode = null;
      this.main = null; // main-thread instance
      this.mainReader = null; // main-thread reader instance
      this.pending = new Map();
      this.nextId = 1;
      this.info = null;
    }

    async start() {
      this.wasm = await readEmbeddedWasm('bl-wasm');
      try {
        this.info = await this.startWorker();
        this.mode = 'worker';
      } catch (err) {
        console.warn('budgetlint: worker unavailable, using the main thread:', err);
        this.stopWorker();
        this.info = this.startMain();
        this.mode = 'main';
      }
      return this.info;
    }

    startMain() {
      const api = createBudgetlint();
      api.initSync({ module: this.wasm });
      this.main = api;
      return { version: api.version(), rules: api.rules(), docs: api.ruleDocs() };
    }

    startWorker() {
      return new Promise((resolve, reject) => {
        let worker;
        let url;
        try {
          const src = $('bl-glue').textContent + '\n' + $('bl-worker').textContent;
          url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
          worker = new Worker(url);
        } catch (err) {
          if (url) URL.revokeObjectURL(url);
          reject(err);
          return;
        }
        const timer = setTimeout(() => fail(new Error('worker start timeout')), 15000);
        const fail = (err) => {
          clearTimeout(timer);
          URL.revokeObjectURL(url);
          worker.terminate();
          reject(err);
        };
        worker.onerror = (e) => { e.preventDefault(); fail(new Error(e.message || 'worker error')); };
        worker.onmessage = (e) => {
          const msg = e.data;
          if (msg.type === 'ready') {
            clearTimeout(timer);
            URL.revokeObjectURL(url);
            this.worker = worker;
            worker.onmessage = (ev) => this.onWorkerMessage(ev.data);
            worker.onerror = (ev) => { ev.preventDefault(); this.failAll(new Error(ev.message || 'worker error'), true); };
            resolve({ version: msg.version, rules: msg.rules, docs: msg.docs || [] });
          } else if (msg.type === 'init-error') {
            fail(new Error(msg.message));
          }
        };
        worker.postMessage({ type: 'init', wasm: this.wasm });
      });
    }

    // Let the worker check a built-in sample while the user is still pasting (see worker.js).
    warmUp(text) {
      if (this.worker && text) this.worker.postMessage({ type: 'warmup', text });
    }

    stopWorker() {
      if (this.worker) this.worker.terminate();
      this.worker = null;
    }

    failAll(err, restart) {
      for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(err); }
      this.pending.clear();
      if (restart) this.stopWorker();
    }

    readerBytes() {
      if (!this.readerWasm) {
        this.readerWasm = readEmbeddedWasm('bl-reader-wasm');
        this.readerWasm.catch(() => { this.readerWasm = null; });
      }
      return this.readerWasm;
    }

    static readerLoaded() {
      document.body.dataset.readerLoads = String((+document.body.dataset.readerLoads || 0) + 1);
    }

    onWorkerMessage(msg) {
      if (msg.type === 'need-reader') {
        const worker = this.worker;
        this.readerBytes().then((wasm) => {
          if (worker === this.worker) worker.postMessage({ type: 'reader', wasm });
        }, (err) => this.failAll(err, true));
        return;
      }
      if (msg.type === 'reader-ready') {
        Engine.readerLoaded();
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.type === 'progress') { this.pending.set(msg.id, p); if (p.onProgress) p.onProgress(msg); return; }
      if (msg.type === 'result') p.resolve(msg.report);
      else {
        const err = new Error(msg.message);
        err.trapped = msg.trapped;
        if (msg.trapped) this.stopWorker();
        p.reject(err);
      }
    }

    async check(input, options, onProgress) {
      if (this.mode === 'main') return this.checkMain(input, options);
      if (!this.worker) await this.startWorker();
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          this.pending.delete(id);
          this.stopWorker();
          const err = new Error('timeout');
          err.timeout = true;
          reject(err);
        }, CHECK_TIMEOUT_MS);
        this.pending.set(id, { resolve, reject, timer, onProgress });
        const msg = { type: 'check', id, options };
        if (input.bytes) {
          const copy = input.bytes.slice();
          msg.bytes = copy.buffer;
          this.worker.postMessage(msg, [copy.buffer]);
        } else {
          msg.text = input.text;
          this.worker.postMessage(msg);
        }
      });
    }

    async checkMain(input, options) {
      if (!this.main) this.startMain();
      try {
        if (!input.bytes) return this.main.check(input.text, options);
        if (!this.main.readerFor(input.bytes)) return this.main.checkBytes(input.bytes, options);
        if (!this.mainReader) {
          const r = createBudgetlintReader();
          r.initSync({ module: await this.readerBytes() });
          this.mainReader = r;
          Engine.readerLoaded();
        }
        return this.main.checkDocument(this.mainReader.readBytes(input.bytes), options);
      } catch (err) {
        if (err instanceof WebAssembly.RuntimeError) {
          this.main = null; // fresh instances are made on the next check
          this.mainReader = null;
          err.trapped = true;
        }
        throw err;
      }
    }
  }

  // ---------------------------------------------------------------- UI: static strings
  function applyLanguage() {
    const lang = state.lang;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
    $('lang-zh').setAttribute('aria-pressed', String(lang === 'zh'));
    $('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
    for (const opt of $('sample').options) {
      const s = SAMPLES.find((x) => x.id === opt.value);
      if (s) opt.textContent = s.label[lang];
    }
    renderRuleToggles();
    renderSource();
    renderStatus();
    if (state.version) $('version').textContent = t('version', state.version);
  }

  function setStatus(key, ...args) {
    state.statusKey = key ? [key, ...args] : null;
    renderStatus();
  }
  function renderStatus() {
    $('status').textContent = state.statusKey ? t(...state.statusKey) : '';
    $('status').classList.toggle('status-error', !!state.statusKey && /Failed|trapped|timeout|tooBig|emptyInput/.test(state.statusKey[0]));
  }

  function renderSource() {
    const s = state.source;
    let text = '';
    if (s.kind === 'bytes') text = t('sourceFile', s.name, s.bytes.length);
    else if (s.kind === 'sample') text = t('sourceSample', s.sample.label[state.lang]);
    else if (s.kind === 'html') text = t('sourceHtml', s.html.length);
    else if (s.kind === 'text' && $('text').value) text = t('sourcePasted', $('text').value.split('\n').length);
    $('source').textContent = text;
  }

  // Rules grouped by family: a family checkbox turns the whole family off (sent as the family
  // name in `disable`), each rule has its own checkbox and a severity override.
  function renderRuleToggles() {
    const box = $('rule-list');
    const { disabled, severity } = state.ruleSettings || { disabled: new Set(), severity: {} };
    box.replaceChildren();
    const families = [];
    for (const r of state.rules) if (!families.includes(r.family)) families.push(r.family);
    for (const fam of families) {
      const members = state.rules.filter((r) => r.family === fam);
      const famId = 'family-' + fam.replace(/[^a-z0-9]+/gi, '-');
      const rows = members.map((r) => {
        const id = 'rule-' + r.id.replace(/[^a-z0-9]+/gi, '-');
        const sel = el('select', { class: 'rule-severity', 'data-rule': r.id, 'aria-label': t('severityFor', r.id) },
          el('option', { value: '', text: t('sevDefault', r.severity) }),
          ...SEVERITIES.map((sev) => el('option', { value: sev, text: t('sevOpt')[sev], selected: severity[r.id] === sev })));
        return el('div', { class: 'rule-toggle' },
          el('input', { type: 'checkbox', id, value: r.id, class: 'rule-check', checked: !disabled.has(r.id) && !disabled.has(fam) }),
          el('label', { for: id, title: state.lang === 'zh' ? r.doc_zh : r.doc_en, text: t('ruleLabel', r) }),
          sel);
      });
      const famBox = el('input', { type: 'checkbox', id: famId, class: 'family-check', value: fam, checked: !disabled.has(fam) });
      box.append(el('div', { class: 'rule-family', 'data-family': fam },
        el('div', { class: 'rule-toggle family' }, famBox, el('label', { for: famId }, el('strong', { text: t('familyLabel', fam, members.length) }))),
        ...rows));
    }
  }
  function readRuleSettings() {
    const disabled = new Set();
    const severity = {};
    for (const fam of $('rule-list').querySelectorAll('.rule-family')) {
      const famOn = fam.querySelector('.family-check').checked;
      if (!famOn) disabled.add(fam.dataset.family);
      for (const c of fam.querySelectorAll('.rule-check')) if (!c.checked && famOn) disabled.add(c.value);
    }
    for (const sel of $('rule-list').querySelectorAll('.rule-severity')) if (sel.value) severity[sel.dataset.rule] = sel.value;
    state.ruleSettings = { disabled, severity };
    return state.ruleSettings;
  }
  function currentDisabled() {
    return [...readRuleSettings().disabled];
  }
  function currentSeverity() {
    return readRuleSettings().severity;
  }

  // ---------------------------------------------------------------- UI: results
  function lineLabel(loc) {
    return loc ? t('line', loc.line, loc.end_line) : t('noLine');
  }

  function renderReport() {
    const r = state.report;
    $('results-empty').hidden = !!r;
    $('results-body').hidden = !r;
    if (!r) return;

    const s = r.summary;
    $('summary').replaceChildren(
      ...SEVERITIES.map((sev) => el('span', { class: `count sev-${sev}`, 'data-severity': sev },
        el('strong', { text: String(s[sev === 'error' ? 'errors' : sev === 'warning' ? 'warnings' : 'infos']) }),
        ' ', t(SEV_KEY[sev]))),
    );
    $('summary').setAttribute('aria-label', t('summaryLine', s));

    const d = r.document;
    const prof = [
      ['kind', d.kind], ['year', d.year], ['department', d.department], ['encoding', d.encoding], ['tables', d.tables],
    ];
    $('profile').replaceChildren(...prof.flatMap(([k, v]) => [
      el('dt', { text: t(k) }),
      el('dd', { class: v === null || v === undefined ? 'muted' : null, text: v === null || v === undefined ? t('unknown') : String(v) }),
    ]));

    const box = $('findings');
    box.replaceChildren();
    if (!r.findings.length) {
      box.append(el('p', { class: 'ok', text: t('noFindings') }));
      return;
    }
    r.findings.forEach((f, i) => { f._index = i; });
    for (const sev of SEVERITIES) {
      const group = r.findings.filter((f) => f.severity === sev);
      if (!group.length) continue;
      const headingId = `findings-${sev}`;
      const list = el('ol', { class: 'finding-list', 'aria-labelledby': headingId });
      for (const f of group) list.append(renderFinding(f));
      box.append(el('section', { class: `group sev-${sev}` },
        el('h3', { id: headingId }, t(SEV_KEY[sev]), ' ', el('span', { class: 'badge', text: String(group.length) })),
        list));
    }
  }

  function renderFinding(f) {
    const loc = f.locations[0];
    const rule = state.rules.find((x) => x.id === f.rule);
    const where = [];
    if (loc) {
      if (loc.page) where.push(t('page', loc.page));
      if (loc.table) where.push(loc.table);
      if (loc.row) where.push(loc.row);
      if (loc.column) where.push(loc.column);
    }
    const main = el('button', {
      type: 'button', class: 'finding-main', 'data-rule': f.rule, 'data-line': loc ? loc.line : null,
      onclick: () => revealFinding(f),
    },
    el('span', { class: 'finding-line', text: lineLabel(loc) }),
    el('code', { class: 'finding-rule', text: f.rule }),
    el('span', { class: 'finding-msg', text: f.message }));

    const details = [];
    if (where.length) details.push(el('div', { class: 'finding-where muted', text: where.join(' › ') }));
    if (f.expected !== null && f.expected !== undefined && f.actual !== null && f.actual !== undefined) {
      details.push(el('div', { class: 'finding-values' },
        el('span', {}, t('expected'), ' ', el('strong', { text: String(f.expected) })),
        el('span', {}, t('actual'), ' ', el('strong', { text: String(f.actual) }))));
    }
    if (loc && loc.excerpt) details.push(el('pre', { class: 'excerpt', text: loc.excerpt }));
    if (f.locations.length > 1) {
      const more = el('div', { class: 'finding-more muted' }, t('moreLocations', f.locations.length - 1), ': ');
      f.locations.slice(1).forEach((l, i) => {
        if (i) more.append(', ');
        more.append(el('button', { type: 'button', class: 'linklike', text: lineLabel(l), onclick: () => revealLines([l], f.severity) }));
      });
      details.push(more);
    }

    const docId = `ruledoc-${f._index}`;
    const docBox = el('div', { id: docId, class: 'rule-doc', hidden: true });
    const toggle = el('button', {
      type: 'button', class: 'linklike rule-doc-toggle', 'aria-expanded': 'false', 'aria-controls': docId, text: t('showDoc'),
      onclick: () => {
        const open = docBox.hidden;
        if (open && !docBox.childNodes.length && rule) renderRuleDoc(docBox, rule, f.help);
        docBox.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? t('hideDoc') : t('showDoc');
      },
    });
    return el('li', { class: `finding sev-${f.severity}`, id: `finding-${f._index}`, 'data-rule': f.rule },
      main, ...details, rule ? toggle : null, docBox);
  }

  // The rule's documentation (crate/docs/rules/<id>.md via wasm ruleDocs()): what it checks,
  // why, and its bad/good examples, with a link to the rules reference page.
  function renderRuleDoc(box, rule, help) {
    const zh = state.lang === 'zh';
    const doc = state.docs.find((d) => d.id === rule.id);
    box.append(el('strong', { text: zh ? rule.title_zh : rule.title_en }),
      el('span', { class: 'muted', text: ' · ' + t('docSeverity', rule.severity) }));
    if (!doc) {
      box.append(el('p', { text: zh ? rule.doc_zh : rule.doc_en }));
    } else {
      const para = (title, text) => [el('h4', { text: title }), ...String(text).split(/\n\s*\n/).map((p) => el('p', { text: p.replace(/`/g, '') }))];
      box.append(...para(t('docChecks'), zh ? doc.checks_zh : doc.checks_en), ...para(t('docWhy'), zh ? doc.why_zh : doc.why_en),
        el('div', { class: 'doc-examples' },
          el('div', {}, el('h4', { text: t('docBad') }), el('pre', { class: 'excerpt', text: doc.bad })),
          el('div', {}, el('h4', { text: t('docGood') }), el('pre', { class: 'excerpt', text: doc.good }))));
    }
    box.append(el('p', {}, el('a', { href: help || `rules.html#${rule.id}`, target: '_blank', rel: 'noopener', text: t('docFull') })));
  }

  // ---------------------------------------------------------------- UI: document view
  function renderDocument() {
    const doc = $('doc');
    const r = state.report;
    $('doc-empty').hidden = !!r;
    doc.hidden = !r;
    if (!r) { doc.replaceChildren(); return; }
    const marks = new Map(); // line → {sev, findings}
    const rank = { error: 3, warning: 2, info: 1 };
    for (const f of r.findings) {
      for (const loc of f.locations) {
        const end = Math.max(loc.line, loc.end_line || loc.line);
        for (let n = loc.line; n <= end && n - loc.line < 10000; n++) {
          const m = marks.get(n) || { sev: null, findings: [] };
          if (!m.sev || rank[f.severity] > rank[m.sev]) m.sev = f.severity;
          if (!m.findings.includes(f)) m.findings.push(f);
          marks.set(n, m);
        }
      }
    }
    const frag = document.createDocumentFragment();
    const width = String(state.docLines.length).length;
    doc.style.setProperty('--ln-width', `${width + 1}ch`);
    state.docLines.forEach((text, i) => {
      const n = i + 1;
      const m = marks.get(n);
      const row = el('div', { class: m ? `line hl hl-${m.sev}` : 'line', id: `L${n}`, 'data-line': n },
        el('span', { class: 'ln', 'aria-hidden': 'true', text: String(n) }),
        el('span', { class: 'lt', text: text || '\u200b' }));
      if (m) {
        row.title = t('lineHas', m.findings.map((f) => f.rule).join(', '));
        row.addEventListener('click', () => {
          const target = $(`finding-${m.findings[0]._index}`);
          if (target) { target.scrollIntoView({ block: 'nearest', behavior: scrollBehavior() }); flash(target); target.querySelector('.finding-main').focus({ preventScroll: true }); }
        });
      }
      frag.append(row);
    });
    doc.replaceChildren(frag);
  }

  function scrollBehavior() {
    return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  }
  function flash(node) {
    node.classList.remove('flash');
    void node.offsetWidth; // restart the animation
    node.classList.add('flash');
    setTimeout(() => node.classList.remove('flash'), 1600);
  }
  // Scroll the document view (not the whole page) so that `row` is centred in it; then make
  // sure the document view itself is on screen (matters in the one-column layout).
  function scrollDocTo(row) {
    const doc = $('doc');
    const top = row.offsetTop - (doc.clientHeight - row.offsetHeight) / 2;
    doc.scrollTo({ top: Math.max(0, top), behavior: scrollBehavior() });
    const r = doc.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) {
      doc.scrollIntoView({ block: r.height > window.innerHeight ? 'start' : 'nearest', behavior: scrollBehavior() });
    }
  }
  function revealFinding(f) {
    if (f.locations.length) revealLines(f.locations, f.severity);
  }
  function revealLines(locs, severity) {
    let first = null;
    for (const loc of locs) {
      const end = Math.max(loc.line, loc.end_line || loc.line);
      for (let n = loc.line; n <= end && n - loc.line < 200; n++) {
        const row = $(`L${n}`);
        if (!row) continue;
        if (!first) first = row;
        flash(row);
        row.classList.add('current');
      }
    }
    for (const old of document.querySelectorAll('.line.current')) {
      if (!locs.some((l) => +old.dataset.line >= l.line && +old.dataset.line <= Math.max(l.line, l.end_line || l.line))) old.classList.remove('current');
    }
    if (first) scrollDocTo(first);
    void severity;
  }

  // ---------------------------------------------------------------- input handling
  function currentInput() {
    const s = state.source;
    if (s.kind === 'bytes') return { bytes: s.bytes };
    if (s.kind === 'html') return { text: s.html };
    const text = $('text').value;
    return text.trim() ? { text } : null;
  }

  async function loadFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) { setStatus('tooBig'); return; }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      state.source = { kind: 'bytes', bytes, name: file.name };
      $('sample').value = '';
      renderSource();
      await runCheck();
    } catch (err) {
      setStatus('readFailed', String(err && err.message || err));
    }
  }

  function decodeForDisplay(bytes, encoding) {
    try {
      return new TextDecoder(encoding || 'utf-8').decode(bytes);
    } catch (_) {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }

  let engine = null;
  let enginePromise = null;

  async function runCheck() {
    const input = currentInput();
    if (!input) { setStatus('emptyInput'); $('text').focus(); return; }
    if (state.busy) return;
    state.busy = true;
    $('check').disabled = true;
    document.body.setAttribute('aria-busy', 'true');
    setStatus('checking');
    const t0 = performance.now();
    // Large files take a while: show what is happening and for how long (the worker keeps
    // the page responsive, so this timer keeps ticking).
    const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
    let stage = null;
    const tick = () => {
      if (stage) setStatus('stage', stage, secs());
      else if (input.bytes) setStatus('reading', state.source.name || '', Math.ceil(input.bytes.length / 1024), secs());
    };
    tick();
    const ticker = setInterval(tick, 250);
    try {
      await enginePromise;
      const options = { lang: state.lang, rounding: $('rounding').value, disable: currentDisabled(), severity: currentSeverity() };
      const report = await engine.check(input, options, (msg) => { stage = msg.stage; tick(); });
      clearInterval(ticker);
      state.report = report;
      // The reader's rendering (DOCX, XLSX, HTML …) is what line numbers refer to.
      const text = typeof report.text === 'string' ? report.text
        : input.bytes ? decodeForDisplay(input.bytes, report.document.encoding) : input.text;
      state.docLines = text.split('\n').map((l) => l.replace(/\r$/, ''));
      if ((input.bytes && state.source.kind === 'bytes') || state.source.kind === 'html') {
        $('text').value = text; // show the decoded file; editing it switches to pasted-text mode
      }
      renderReport();
      renderDocument();
      setStatus('done', Math.round(performance.now() - t0), engine.mode);
      document.body.dataset.checked = String((+document.body.dataset.checked || 0) + 1);
    } catch (err) {
      clearInterval(ticker);
      console.error('budgetlint:', err);
      if (err && err.trapped) setStatus('trapped');
      else if (err && err.timeout) setStatus('timeout');
      else setStatus('checkFailed', String(err && err.message || err));
    } finally {
      state.busy = false;
      $('check').disabled = false;
      document.body.removeAttribute('aria-busy');
    }
  }

  // ---------------------------------------------------------------- wiring
  function init() {
    try {
      const saved = localStorage.getItem('budgetlint.lang');
      if (saved === 'en' || saved === 'zh') state.lang = saved;
    } catch (_) { /* storage unavailable (e.g. file:// in some browsers) */ }

    for (const s of SAMPLES) $('sample').append(el('option', { value: s.id, text: s.label[state.lang] }));

    const setLang = (lang) => {
      if (state.lang === lang) return;
      state.lang = lang;
      try { localStorage.setItem('budgetlint.lang', lang); } catch (_) { /* ignore */ }
      applyLanguage();
      if (state.report) runCheck(); // messages come from the checker in the chosen language
    };
    $('lang-zh').addEventListener('click', () => setLang('zh'));
    $('lang-en').addEventListener('click', () => setLang('en'));

    $('sample').addEventListener('change', () => {
      const s = SAMPLES.find((x) => x.id === $('sample').value);
      if (!s) return;
      $('text').value = s.text;
      state.source = { kind: 'sample', sample: s };
      renderSource();
      runCheck();
    });
    $('file').addEventListener('change', (e) => { loadFile(e.target.files[0]); e.target.value = ''; });
    // Paste: a table copied from Word or a browser comes with text/html; read that (rowspan,
    // colspan and cells survive). Without a <table> the plain text is as good and keeps the
    // tabs of tab-separated text (code editors put every line in a <div> on the clipboard).
    $('text').addEventListener('paste', (e) => {
      const cd = e.clipboardData;
      const html = cd && cd.types && [...cd.types].includes('text/html') ? cd.getData('text/html') : '';
      if (!html || !/<table[\s>]/i.test(html)) return;
      e.preventDefault();
      const doc = /^\s*(<!doctype|<html|<meta|<head|<body|Version:)/i.test(html) ? html : `<html><body>${html}</body></html>`;
      state.source = { kind: 'html', html: doc };
      $('text').value = cd.getData('text/plain') || '';
      $('sample').value = '';
      renderSource();
      runCheck();
    });
    $('text').addEventListener('input', () => {
      state.source = { kind: 'text' };
      $('sample').value = '';
      renderSource();
    });
    $('clear').addEventListener('click', () => {
      $('text').value = '';
      $('sample').value = '';
      state.source = { kind: 'none' };
      state.report = null;
      state.docLines = [];
      renderReport();
      renderDocument();
      renderSource();
      setStatus(null);
      $('text').focus();
    });
    $('check').addEventListener('click', runCheck);
    $('text').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runCheck(); }
    });
    $('rounding').addEventListener('change', () => { if (state.report) runCheck(); });
    $('rule-list').addEventListener('change', (e) => {
      // A family box ticks or unticks its rules too.
      if (e.target.classList.contains('family-check')) {
        for (const c of e.target.closest('.rule-family').querySelectorAll('.rule-check')) c.checked = e.target.checked;
      }
      readRuleSettings();
      if (state.report) runCheck();
    });

    // Drag and drop: the whole window accepts files (so a missed drop never navigates away).
    const drop = $('drop');
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    window.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; drop.classList.add('dragging'); } });
    window.addEventListener('dragleave', (e) => { if (hasFiles(e) && --depth <= 0) { depth = 0; drop.classList.remove('dragging'); } });
    window.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      drop.classList.remove('dragging');
      loadFile(e.dataTransfer.files[0]);
    });

    applyLanguage();
    setStatus('loadingEngine');
    engine = new Engine();
    enginePromise = engine.start().then((info) => {
      state.version = info.version;
      state.rules = info.rules;
      state.docs = info.docs || [];
      state.engineMode = engine.mode;
      document.body.dataset.engine = engine.mode;
      renderRuleToggles();
      $('version').textContent = t('version', info.version);
      if (!state.busy) {
        setStatus('engineReady', info.version, engine.mode);
        if (SAMPLES.length) engine.warmUp(SAMPLES[0].text);
      }
    }, (err) => {
      setStatus('engineFailed', String(err && err.message || err));
      throw err;
    });
  }

  init();
})();
