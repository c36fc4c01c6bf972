// @ts-check
// Every text the page shows, in Chinese and English, in one place. The Chinese table is the
// reference: the English one is typed as the same shape, so a key missing from either (or a
// function taking other arguments) fails the type check (scripts/test.sh runs tsc).
// web/index.html names its texts by key (data-i18n, data-i18n-placeholder) and the build fills
// the Chinese ones in, so the page reads right before its script runs. Messages of findings
// are not here: the checker writes them in the chosen language.

/** @typedef {'zh' | 'en'} Lang */

/** @type {Readonly<Record<Severity, string>>} */
const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' };

const STRINGS_ZH = {
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
  summaryLine: (/** @type {ReportSummary} */ s) => `错误 ${s.errors} · 警告 ${s.warnings} · 提示 ${s.infos}`,
  noFindings: '未发现问题。',
  line: (/** @type {number} */ a, /** @type {number | undefined} */ b) => (b && b !== a ? `第${a}–${b}行` : `第${a}行`),
  noLine: '全文',
  moreLocations: (/** @type {number} */ n) => `另有 ${n} 处`,
  expected: '应为', actual: '实为',
  showDoc: '规则说明', hideDoc: '收起说明',
  kind: '类型', year: '年度', department: '单位', encoding: '编码', tables: '表格数',
  unknown: '未识别',
  page: (/** @type {number} */ p) => `第${p}页`,
  checking: '正在检查…',
  reading: (/** @type {string} */ name, /** @type {number} */ kb, /** @type {string} */ s) => `正在读取并检查 ${name}（${kb} KB）… 已用 ${s} 秒`,
  stage: (/** @type {Stage} */ st, /** @type {string} */ s) => `${st === 'reader' ? '正在载入 PDF/Office 读取模块' : st === 'parse' ? '正在读取文件并识别表格' : '正在检查'}… 已用 ${s} 秒`,
  sourceHtml: (/** @type {number} */ n) => `粘贴的网页/Word 内容（HTML，${n.toLocaleString()} 字符），按原表格读取`,
  done: (/** @type {number} */ ms, /** @type {EngineMode} */ mode) => `检查完成，用时 ${ms} 毫秒（${mode === 'worker' ? '后台线程' : '主线程'}）`,
  loadingEngine: '正在载入检查引擎…',
  engineReady: (/** @type {string} */ v, /** @type {EngineMode} */ mode) => `检查引擎 v${v} 已就绪（${mode === 'worker' ? '后台线程' : '主线程'}）`,
  engineFailed: (/** @type {string} */ m) => `检查引擎载入失败：${m}`,
  oldBrowser: '浏览器版本过旧（不支持 DecompressionStream），请使用 Chrome/Edge 80、Firefox 113、Safari 16.4 或更新版本',
  checkFailed: (/** @type {string} */ m) => `检查失败：${m}`,
  trapped: '检查引擎发生内部错误，已重新启动；请重试或报告此文档。',
  timeout: '检查超时，已停止并重新启动检查引擎。',
  emptyInput: '请先粘贴文本、打开文件或选择示例。',
  sourceFile: (/** @type {string} */ name, /** @type {number} */ n) => `已载入文件：${name}（${n.toLocaleString()} 字节；右侧显示读取出的文字与表格）`,
  sourceSample: (/** @type {string} */ label) => `示例：${label}`,
  sourcePasted: (/** @type {number} */ n) => `粘贴的文本：${n.toLocaleString()} 行`,
  readFailed: (/** @type {string} */ m) => `无法读取文件：${m}`,
  tooBig: '文件超过 50 MB，未载入。',
  version: (/** @type {string} */ v) => `budgetlint v${v}`,
  ruleLabel: (/** @type {RuleInfo} */ r) => `${r.id} — ${r.title_zh}`,
  lineHas: (/** @type {string} */ ids) => `本行问题：${ids}`,
  rulesLink: '规则说明',
  familyLabel: (/** @type {string} */ f, /** @type {number} */ n) => `${f} 规则族（${n} 条）`,
  severityFor: (/** @type {string} */ id) => `${id} 的严重程度`,
  sevDefault: (/** @type {Severity} */ sev) => `默认（${SEVERITY_ZH[sev]}）`,
  sevOpt: SEVERITY_ZH,
  docChecks: '检查内容', docWhy: '依据', docBad: '错误示例', docGood: '正确示例',
  docFull: '在规则说明页中查看',
  docSeverity: (/** @type {Severity} */ sev) => `默认严重程度：${SEVERITY_ZH[sev]}`,
};

/** @typedef {typeof STRINGS_ZH} UiStrings */
/** @typedef {keyof UiStrings} StringKey */
/**
 * The arguments a string takes: none for a plain string, a function's parameters otherwise.
 * @template {StringKey} K
 * @typedef {UiStrings[K] extends (...args: infer A) => string ? A : []} StringArgs
 */
/**
 * @template {StringKey} K
 * @typedef {UiStrings[K] extends (...args: any[]) => infer R ? R : UiStrings[K]} StringValue
 */

/** @type {UiStrings} */
const STRINGS_EN = {
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
};

/** @type {Readonly<Record<Lang, UiStrings>>} */
const STRINGS = { zh: STRINGS_ZH, en: STRINGS_EN };

/**
 * The text for `key` in `lang`, with a function's arguments filled in.
 * @template {StringKey} K
 * @param {Lang} lang
 * @param {K} key
 * @param {StringArgs<K>} args
 * @returns {StringValue<K>}
 */
function translate(lang, key, ...args) {
  const v = STRINGS[lang][key];
  return typeof v === 'function' ? /** @type {(...a: unknown[]) => StringValue<K>} */ (v)(...args) : /** @type {StringValue<K>} */ (v);
}
