// @ts-check
// budgetlint web page: input handling and wiring. scripts/build-web.mjs joins strings.js,
// protocol.js, engine.js, view.js and this file, in that order, into one classic script inlined
// into dist/index.html. Needs, from the same page: createBudgetlint() (wasm-bindgen no-modules
// glue, wrapped), <script id="bl-wasm"> (gzip + base64 wasm), <script id="bl-worker"> (the
// worker's script), <script id="bl-samples"> (JSON samples); in a page built with --split also
// createBudgetlintReader() and <script id="bl-reader-wasm"> (the reader module).

const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** @returns {CheckInput | null} */
function currentInput() {
  const s = state.source;
  if (s.kind === 'bytes') return { bytes: s.bytes };
  if (s.kind === 'html') return { text: s.html };
  const text = $('text').value;
  return text.trim() ? { text } : null;
}

/** @param {File | null | undefined} file */
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
    setStatus('readFailed', errorText(err));
  }
}

/** @param {Uint8Array} bytes @param {string} encoding */
function decodeForDisplay(bytes, encoding) {
  try {
    return new TextDecoder(encoding || 'utf-8').decode(bytes);
  } catch (_) {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** @type {Engine} */
let engine;
/** @type {Promise<void>} */
let enginePromise;

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
  /** @type {Stage | null} */
  let stage = null;
  const tick = () => {
    if (stage) setStatus('stage', stage, secs());
    else if (input.bytes) setStatus('reading', state.source.kind === 'bytes' ? state.source.name : '', Math.ceil(input.bytes.length / 1024), secs());
  };
  tick();
  const ticker = setInterval(tick, 250);
  try {
    await enginePromise;
    /** @type {CheckOptions} */
    const options = {
      lang: state.lang,
      rounding: /** @type {CheckOptions['rounding']} */ ($('rounding').value),
      disable: currentDisabled(),
      severity: currentSeverity(),
    };
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
    setStatus('done', Math.round(performance.now() - t0), /** @type {EngineMode} */ (engine.mode));
    document.body.dataset.checked = String((+(document.body.dataset.checked || 0)) + 1);
  } catch (err) {
    clearInterval(ticker);
    console.error('budgetlint:', err);
    if (err instanceof EngineError && err.trapped) setStatus('trapped');
    else if (err instanceof EngineError && err.timeout) setStatus('timeout');
    else setStatus('checkFailed', errorText(err));
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

  /** @param {Lang} lang */
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
  $('file').addEventListener('change', () => {
    const input = $('file');
    loadFile(input.files && input.files[0]);
    input.value = '';
  });
  // Paste: a table copied from Word or a browser comes with text/html; read that (rowspan,
  // colspan and cells survive). Without a <table> the plain text is as good and keeps the
  // tabs of tab-separated text (code editors put every line in a <div> on the clipboard).
  $('text').addEventListener('paste', (e) => {
    const cd = e.clipboardData;
    const html = cd && cd.types && [...cd.types].includes('text/html') ? cd.getData('text/html') : '';
    if (!cd || !html || !/<table[\s>]/i.test(html)) return;
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
    const target = /** @type {HTMLInputElement} */ (e.target);
    if (target.classList.contains('family-check')) {
      const family = /** @type {HTMLElement} */ (target.closest('.rule-family'));
      for (const c of family.querySelectorAll('.rule-check')) /** @type {HTMLInputElement} */ (c).checked = target.checked;
    }
    readRuleSettings();
    if (state.report) runCheck();
  });

  // Drag and drop: the whole window accepts files (so a missed drop never navigates away).
  const drop = $('drop');
  let depth = 0;
  /** @param {DragEvent} e @returns {e is DragEvent & { dataTransfer: DataTransfer }} */
  const hasFiles = (e) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
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
  // The browser tests set this global before the page's script runs (a stuck check and a
  // short watchdog); nothing on the page sets it.
  const hooks = /** @type {{ __budgetlintTest?: EngineTestHooks }} */ (/** @type {unknown} */ (window)).__budgetlintTest;
  const eng = new Engine(hooks || {});
  engine = eng;
  enginePromise = eng.start().then((info) => {
    state.version = info.version;
    state.rules = info.rules;
    state.docs = info.docs || [];
    state.engineMode = eng.mode;
    document.body.dataset.engine = eng.mode || '';
    renderRuleToggles();
    $('version').textContent = t('version', info.version);
    if (!state.busy) {
      setStatus('engineReady', info.version, /** @type {EngineMode} */ (eng.mode));
      if (SAMPLES.length) eng.warmUp(SAMPLES[0].text);
    }
  }, (err) => {
    setStatus('engineFailed', err instanceof EngineError && err.key ? t(err.key) : errorText(err));
    throw err;
  });
}

init();
