// @ts-check
// Runs inside a Web Worker created from a Blob URL. The build makes the worker's script from
// the wasm-bindgen glue (function createBudgetlint, and createBudgetlintReader in a page built
// with --split), protocol.js and this file. The checker module's bytes arrive with INIT. In a
// split page, the reader module (PDF, Word/Excel, GB18030 text) is asked for only when the
// checker's readerFor says a file needs it: the page unpacks it then, so pasted text never
// pays for it.

/** @type {BudgetlintApi | null} */
let engine = null;
/** @type {BudgetlintReaderApi | null} the reader module once instantiated */
let reader = null;
/** @type {{ promise: Promise<BudgetlintReaderApi>, resolve: (r: BudgetlintReaderApi) => void, reject: (e: unknown) => void } | null} while its bytes are on the way */
let readerWaiting = null;
/** @type {WorkerTestHooks} */
let hooks = {};

/** @param {FromWorker} msg */
function reply(msg) {
  self.postMessage(msg);
}

/** @returns {Promise<BudgetlintReaderApi>} */
function loadReader() {
  if (reader) return Promise.resolve(reader);
  if (!readerWaiting) {
    /** @type {(r: BudgetlintReaderApi) => void} */
    let resolve = () => {};
    /** @type {(e: unknown) => void} */
    let reject = () => {};
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    readerWaiting = { promise, resolve, reject };
    reply({ type: MSG.NEED_READER });
  }
  return readerWaiting.promise;
}

/** @param {Uint8Array} bytes */
function onReaderBytes(bytes) {
  const waiting = readerWaiting;
  readerWaiting = null;
  if (!waiting) return;
  try {
    const r = createBudgetlintReader();
    r.initSync({ module: bytes });
    reader = r;
    reply({ type: MSG.READER_READY });
    waiting.resolve(r);
  } catch (err) {
    waiting.reject(err);
  }
}

/** @param {BudgetlintApi} checker @param {CheckMessage} msg */
async function check(checker, msg) {
  if (hooks.stallChecks && hooks.stallChecks > 0) {
    // Test hook: a check that goes silent after it started, as a hung wasm call would.
    hooks.stallChecks--;
    reply({ type: MSG.PROGRESS, id: msg.id, stage: 'parse' });
    return;
  }
  try {
    const bytes = msg.bytes ? new Uint8Array(msg.bytes) : null;
    // The checker says whether the bytes need the reader module (magic bytes, encoding).
    const needs = bytes ? checker.readerFor(bytes) || null : null;
    /** @type {PageReport} */
    let report;
    if (bytes && needs) {
      let r = reader;
      if (!r) {
        reply({ type: MSG.PROGRESS, id: msg.id, stage: 'reader' });
        r = await loadReader();
      }
      // The wasm calls are synchronous: say what is about to happen so the page can show it,
      // and so the page's watchdog knows the check is alive (each stage has its own time).
      reply({ type: MSG.PROGRESS, id: msg.id, stage: 'parse', size: bytes.byteLength });
      const doc = r.readBytes(bytes);
      reply({ type: MSG.PROGRESS, id: msg.id, stage: 'check' });
      report = checker.checkDocument(doc, msg.options);
    } else {
      reply({ type: MSG.PROGRESS, id: msg.id, stage: 'parse', size: bytes ? bytes.byteLength : (msg.text || '').length });
      report = bytes ? checker.checkBytes(bytes, msg.options) : checker.check(msg.text || '', msg.options);
    }
    reply({ type: MSG.RESULT, id: msg.id, report, reader: needs });
  } catch (err) {
    // A RuntimeError means a wasm instance trapped (panic = abort) and is unusable.
    const trapped = typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
    reply({ type: MSG.ERROR, id: msg.id, trapped, message: errorText(err) });
  }
}

// V8 compiles wasm lazily and optimises a function only after it has run a while, so the
// first check of a session is several times slower than the next (sample 000: ~650 ms, then
// ~190 ms). The page sends a built-in sample to check once while the user is still pasting
// or choosing a file (WARMUP, only when no check is waiting), which moves most of that off
// their first check.
/** @param {BudgetlintApi} checker @param {string} text */
function warmUp(checker, text) {
  try {
    checker.check(text, {});
  } catch (_) {
    // A trapped instance shows on the next real check, which restarts the worker.
  }
}

self.onmessage = function (event) {
  const msg = /** @type {ToWorker} */ (event.data || {});
  if (msg.type === MSG.INIT) {
    try {
      hooks = msg.hooks || {};
      const api = createBudgetlint();
      api.initSync({ module: msg.wasm });
      engine = api;
      reply({ type: MSG.READY, version: api.version(), rules: api.rules(), docs: api.ruleDocs() });
    } catch (err) {
      reply({ type: MSG.INIT_ERROR, message: errorText(err) });
    }
  } else if (msg.type === MSG.READER) {
    onReaderBytes(msg.wasm);
  } else if (msg.type === MSG.CHECK && engine) {
    check(engine, msg);
  } else if (msg.type === MSG.WARMUP && engine) {
    warmUp(engine, msg.text);
  }
};
