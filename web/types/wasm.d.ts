// The wasm modules' API as the page and its worker use it (crate/src/wasm.rs). wasm-bindgen
// runs with --no-typescript; scripts/build-web.mjs wraps each module's glue in a function
// (createBudgetlint, createBudgetlintReader) that returns a fresh, independent instance.
// The report itself is generated from the schema (report.d.ts); the rest is written here.

// No global `Report` or `Location`: the DOM has interfaces of those names.
type Finding = import('./report.js').Finding;
type ReportLocation = import('./report.js').Location;
type ReportSummary = import('./report.js').ReportSummary;
type ReportDocument = import('./report.js').ReportDocument;
type Severity = Finding['severity'];

/** What check(), checkBytes() and checkDocument() return: the report plus the input as the
 * reader rendered it (the lines that locations' line numbers refer to). */
type PageReport = import('./report.js').Report & { text?: string };

/** The reader module a file needs when the checker lacks it (readerFor). */
type ReaderName = 'pdf' | 'office' | 'gb18030';

/** Options of a check (crate/src/lib.rs `Options`); every field has a default. */
interface CheckOptions {
  lang?: 'zh' | 'en';
  rounding?: 'round' | 'round-or-truncate';
  /** Rule ids or family names not to run. */
  disable?: string[];
  /** Severity overrides by rule id or family. */
  severity?: Record<string, Severity | 'off'>;
}

/** A rule of the registry (crate/src/rules/mod.rs `RuleInfo`). */
interface RuleInfo {
  id: string;
  family: string;
  severity: Severity;
  title_zh: string;
  title_en: string;
  doc_zh: string;
  doc_en: string;
}

/** A rule's documentation from crate/docs/rules/<id>.md (crate/src/ruledocs.rs `RuleDoc`). */
interface RuleDoc {
  id: string;
  family: string;
  severity: Severity;
  title_zh: string;
  title_en: string;
  checks_zh: string;
  why_zh: string;
  checks_en: string;
  why_en: string;
  /** A minimal input the rule fires on. */
  bad: string;
  /** The same input corrected. */
  good: string;
}

/** A document read by the reader module, for the checker's checkDocument (opaque here). */
type TransferredDocument = { readonly __transferred: unique symbol };

interface WasmInit {
  initSync(init: { module: BufferSource | WebAssembly.Module }): unknown;
  version(): string;
}

/** The checker module (the page's only module, or in a --split page the one it starts with). */
interface BudgetlintApi extends WasmInit {
  check(text: string, options?: CheckOptions): PageReport;
  checkBytes(bytes: Uint8Array, options?: CheckOptions): PageReport;
  /** The reader module the bytes need, when this build lacks it. */
  readerFor(bytes: Uint8Array): ReaderName | null | undefined;
  /** Only in a checker built without some reader (a --split page). */
  checkDocument(document: TransferredDocument, options?: CheckOptions): PageReport;
  rules(): RuleInfo[];
  ruleDocs(): RuleDoc[];
}

/** The reader module of a --split page. */
interface BudgetlintReaderApi extends WasmInit {
  readBytes(bytes: Uint8Array): TransferredDocument;
}

declare function createBudgetlint(): BudgetlintApi;
declare function createBudgetlintReader(): BudgetlintReaderApi;
