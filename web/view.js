// @ts-check
// The page's state and its DOM rendering: static texts in the chosen language, the status
// line, the rule settings, the findings and the document view with its highlighted lines.
// app.js changes the state and calls these; nothing here talks to the engine.

/** @typedef {{ id: string, file: string, label: Record<Lang, string>, text: string }} Sample */
/**
 * What is being checked.
 * @typedef {{ kind: 'none' } | { kind: 'text' } | { kind: 'bytes', bytes: Uint8Array, name: string }
 *   | { kind: 'sample', sample: Sample } | { kind: 'html', html: string }} Source
 */
/** A finding as shown: its place in the report gives the ids of its list item. */
/** @typedef {Finding & { _index: number }} ShownFinding */
/** @typedef {{ disabled: Set<string>, severity: Record<string, Severity> }} RuleSettings */
/** The status as a strings.js key and its arguments, so it can be re-rendered in another language. */
/** @typedef {[StringKey, ...unknown[]]} StatusKey */

const SEVERITIES = /** @type {const} */ (['error', 'warning', 'info']);
const SEV_KEY = /** @type {const} */ ({ error: 'sevError', warning: 'sevWarning', info: 'sevInfo' });

/**
 * The page's elements that are not plain HTMLElements, by id.
 * @typedef {{ text: HTMLTextAreaElement, sample: HTMLSelectElement, rounding: HTMLSelectElement,
 *   file: HTMLInputElement, check: HTMLButtonElement }} TypedElements
 */
/**
 * The element with this id (the page's markup is fixed, so it is there).
 * @template {string} K
 * @param {K} id
 * @returns {K extends keyof TypedElements ? TypedElements[K] : HTMLElement}
 */
const $ = (id) => /** @type {any} */ (document.getElementById(id));

/**
 * A new element. attrs: `class`, `text` (its text), `on<event>` (a listener); other keys are
 * attributes (true: present, false/null/undefined: absent).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...(Node | string | null | undefined)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = String(v);
      else if (k === 'text') node.textContent = String(v);
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// ---------------------------------------------------------------- state
const state = {
  /** @type {Lang} */
  lang: 'zh',
  /** @type {Source} */
  source: { kind: 'none' },
  /** @type {PageReport | null} */
  report: null,
  /** @type {string[]} */
  docLines: [],
  /** @type {RuleInfo[]} */
  rules: [],
  /** @type {RuleDoc[]} */
  docs: [],
  busy: false,
  /** @type {EngineMode | null} */
  engineMode: null,
  version: '',
  /** @type {StatusKey | null} */
  statusKey: null,
  /** @type {RuleSettings | null} */
  ruleSettings: null,
};

/** @type {Sample[]} */
const SAMPLES = JSON.parse($('bl-samples').textContent || '[]');

/**
 * The text for `key` in the page's language.
 * @template {StringKey} K
 * @param {K} key
 * @param {StringArgs<K>} args
 */
const t = (key, ...args) => translate(state.lang, key, ...args);

// ---------------------------------------------------------------- static strings
function applyLanguage() {
  const lang = state.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = staticText(/** @type {HTMLElement} */ (node).dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    const field = /** @type {HTMLTextAreaElement} */ (node);
    field.placeholder = staticText(field.dataset.i18nPlaceholder);
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

/** A plain string named in the markup (data-i18n); scripts/build-web.mjs checks the names. @param {string | undefined} key */
function staticText(key) {
  const v = STRINGS[state.lang][/** @type {StringKey} */ (key)];
  return typeof v === 'string' ? v : '';
}

/**
 * @template {StringKey} K
 * @param {K | null} key
 * @param {StringArgs<K>} args
 */
function setStatus(key, ...args) {
  state.statusKey = key ? [key, ...args] : null;
  renderStatus();
}
function renderStatus() {
  const sk = state.statusKey;
  const text = sk ? /** @type {(k: StringKey, ...a: unknown[]) => unknown} */ (t)(...sk) : '';
  $('status').textContent = String(text);
  $('status').classList.toggle('status-error', !!sk && /Failed|trapped|timeout|tooBig|emptyInput/.test(sk[0]));
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

// ---------------------------------------------------------------- rule settings
// Rules grouped by family: a family checkbox turns the whole family off (sent as the family
// name in `disable`), each rule has its own checkbox and a severity override.
function renderRuleToggles() {
  const box = $('rule-list');
  const { disabled, severity } = state.ruleSettings || { disabled: new Set(), severity: {} };
  box.replaceChildren();
  /** @type {string[]} */
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
/** The settings as ticked and chosen in the rule list. @returns {RuleSettings} */
function readRuleSettings() {
  /** @type {Set<string>} */
  const disabled = new Set();
  /** @type {Record<string, Severity>} */
  const severity = {};
  for (const fam of $('rule-list').querySelectorAll('.rule-family')) {
    const famOn = /** @type {HTMLInputElement} */ (fam.querySelector('.family-check')).checked;
    if (!famOn) disabled.add(/** @type {string} */ (/** @type {HTMLElement} */ (fam).dataset.family));
    for (const c of fam.querySelectorAll('.rule-check')) {
      const box = /** @type {HTMLInputElement} */ (c);
      if (!box.checked && famOn) disabled.add(box.value);
    }
  }
  for (const node of $('rule-list').querySelectorAll('.rule-severity')) {
    const sel = /** @type {HTMLSelectElement} */ (node);
    if (sel.value) severity[/** @type {string} */ (sel.dataset.rule)] = /** @type {Severity} */ (sel.value);
  }
  state.ruleSettings = { disabled, severity };
  return state.ruleSettings;
}
function currentDisabled() {
  return [...readRuleSettings().disabled];
}
function currentSeverity() {
  return readRuleSettings().severity;
}

// ---------------------------------------------------------------- results
/** @param {ReportLocation | undefined} loc */
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
  /** @type {[StringKey, string | number | null | undefined][]} */
  const prof = [
    ['kind', d.kind], ['year', d.year], ['department', d.department], ['encoding', d.encoding], ['tables', d.tables],
  ];
  $('profile').replaceChildren(...prof.flatMap(([k, v]) => [
    el('dt', { text: staticText(k) }),
    el('dd', { class: v === null || v === undefined ? 'muted' : null, text: v === null || v === undefined ? t('unknown') : String(v) }),
  ]));

  const box = $('findings');
  box.replaceChildren();
  if (!r.findings.length) {
    box.append(el('p', { class: 'ok', text: t('noFindings') }));
    return;
  }
  const findings = /** @type {ShownFinding[]} */ (r.findings);
  findings.forEach((f, i) => { f._index = i; });
  for (const sev of SEVERITIES) {
    const group = findings.filter((f) => f.severity === sev);
    if (!group.length) continue;
    const headingId = `findings-${sev}`;
    const list = el('ol', { class: 'finding-list', 'aria-labelledby': headingId });
    for (const f of group) list.append(renderFinding(f));
    box.append(el('section', { class: `group sev-${sev}` },
      el('h3', { id: headingId }, t(SEV_KEY[sev]), ' ', el('span', { class: 'badge', text: String(group.length) })),
      list));
  }
}

/** @param {ShownFinding} f */
function renderFinding(f) {
  const loc = f.locations[0];
  const rule = state.rules.find((x) => x.id === f.rule);
  /** @type {string[]} */
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
      more.append(el('button', { type: 'button', class: 'linklike', text: lineLabel(l), onclick: () => revealLines([l]) }));
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
/** @param {HTMLElement} box @param {RuleInfo} rule @param {string} help */
function renderRuleDoc(box, rule, help) {
  const zh = state.lang === 'zh';
  const doc = state.docs.find((d) => d.id === rule.id);
  box.append(el('strong', { text: zh ? rule.title_zh : rule.title_en }),
    el('span', { class: 'muted', text: ' · ' + t('docSeverity', rule.severity) }));
  if (!doc) {
    box.append(el('p', { text: zh ? rule.doc_zh : rule.doc_en }));
  } else {
    /** @param {string} title @param {string} text */
    const para = (title, text) => [el('h4', { text: title }), ...String(text).split(/\n\s*\n/).map((p) => el('p', { text: p.replace(/`/g, '') }))];
    box.append(...para(t('docChecks'), zh ? doc.checks_zh : doc.checks_en), ...para(t('docWhy'), zh ? doc.why_zh : doc.why_en),
      el('div', { class: 'doc-examples' },
        el('div', {}, el('h4', { text: t('docBad') }), el('pre', { class: 'excerpt', text: doc.bad })),
        el('div', {}, el('h4', { text: t('docGood') }), el('pre', { class: 'excerpt', text: doc.good }))));
  }
  box.append(el('p', {}, el('a', { href: help || `rules.html#${rule.id}`, target: '_blank', rel: 'noopener', text: t('docFull') })));
}

// ---------------------------------------------------------------- document view
function renderDocument() {
  const doc = $('doc');
  const r = state.report;
  $('doc-empty').hidden = !!r;
  doc.hidden = !r;
  if (!r) { doc.replaceChildren(); return; }
  /** @type {Map<number, { sev: Severity | null, findings: ShownFinding[] }>} line → marks */
  const marks = new Map();
  const rank = { error: 3, warning: 2, info: 1 };
  for (const f of /** @type {ShownFinding[]} */ (r.findings)) {
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
        if (target) {
          target.scrollIntoView({ block: 'nearest', behavior: scrollBehavior() });
          flash(target);
          /** @type {HTMLElement} */ (target.querySelector('.finding-main')).focus({ preventScroll: true });
        }
      });
    }
    frag.append(row);
  });
  doc.replaceChildren(frag);
}

/** @returns {ScrollBehavior} */
function scrollBehavior() {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}
/** @param {HTMLElement} node */
function flash(node) {
  node.classList.remove('flash');
  void node.offsetWidth; // restart the animation
  node.classList.add('flash');
  setTimeout(() => node.classList.remove('flash'), 1600);
}
// Scroll the document view (not the whole page) so that `row` is centred in it; then make
// sure the document view itself is on screen (matters in the one-column layout).
/** @param {HTMLElement} row */
function scrollDocTo(row) {
  const doc = $('doc');
  const top = row.offsetTop - (doc.clientHeight - row.offsetHeight) / 2;
  doc.scrollTo({ top: Math.max(0, top), behavior: scrollBehavior() });
  const r = doc.getBoundingClientRect();
  if (r.top < 0 || r.bottom > window.innerHeight) {
    doc.scrollIntoView({ block: r.height > window.innerHeight ? 'start' : 'nearest', behavior: scrollBehavior() });
  }
}
/** @param {Finding} f */
function revealFinding(f) {
  if (f.locations.length) revealLines(f.locations);
}
/** @param {ReportLocation[]} locs */
function revealLines(locs) {
  /** @type {HTMLElement | null} */
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
    const line = Number(/** @type {HTMLElement} */ (old).dataset.line);
    if (!locs.some((l) => line >= l.line && line <= Math.max(l.line, l.end_line || l.line))) old.classList.remove('current');
  }
  if (first) scrollDocTo(first);
}
