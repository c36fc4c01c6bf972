// Runs inside a Web Worker created from a Blob URL. The build prepends the wasm-bindgen glue
// (function createBudgetlint, and createBudgetlintReader in a page built with --split) to this
// file's text. The checker module's bytes arrive with `init`. In a split page, the reader
// module (PDF, Word/Excel, GB18030 text) is asked for only when the checker's readerFor says a
// file needs it: the page unpacks it then, so pasted text never pays for it.
'use strict';
(function () {
  let engine = null;
  let reader = null; // the reader module once instantiated
  let readerWaiting = null; // { resolve, reject } while its bytes are on the way

  function reply(msg) {
    self.postMessage(msg);
  }

  function loadReader() {
    if (reader) return Promise.resolve(reader);
    if (!readerWaiting) {
      readerWaiting = {};
      readerWaiting.promise = new Promise((resolve, reject) => {
        readerWaiting.resolve = resolve;
        readerWaiting.reject = reject;
      });
      reply({ type: 'need-reader' });
    }
    return readerWaiting.promise;
  }

  function onReaderBytes(bytes) {
    const waiting = readerWaiting;
    readerWaiting = null;
    if (!waiting) return;
    try {
      const r = createBudgetlintReader();
      r.initSync({ module: bytes });
      reader = r;
      reply({ type: 'reader-ready' });
      waiting.resolve(r);
    } catch (err) {
      waiting.reject(err);
    }
  }

  async function check(msg) {
    let stage = 'parse';
    try {
      const bytes = msg.bytes ? new Uint8Array(msg.bytes) : null;
      // The checker says whether the bytes need the reader module (magic bytes, encoding).
      const needs = bytes ? engine.readerFor(bytes) : null;
      let report;
      if (needs) {
        if (!reader) {
          stage = 'reader';
          reply({ type: 'progress', id: msg.id, stage });
          await loadReader();
        }
        // The wasm calls are synchronous: say what is about to happen so the page can show it.
        stage = 'parse';
        reply({ type: 'progress', id: msg.id, stage, size: bytes.byteLength });
        const doc = reader.readBytes(bytes);
        report = engine.checkDocument(doc, msg.options);
      } else {
        reply({ type: 'progress', id: msg.id, stage, size: bytes ? bytes.byteLength : msg.text.length });
        report = bytes ? engine.checkBytes(bytes, msg.options) : engine.check(msg.text, msg.options);
      }
      reply({ type: 'result', id: msg.id, report: report, reader: needs });
    } catch (err) {
      // A RuntimeError means a wasm instance trapped (panic = abort) and is unusable.
      const trapped = typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
      reply({ type: 'error', id: msg.id, trapped: trapped, message: String(err && err.message || err) });
    }
  }

  // V8 compiles wasm lazily and optimises a function only after it has run a while, so the
  // first check of a session is several times slower than the next (sample 000: ~650 ms, then
  // ~190 ms). The page sends a built-in sample to check once while the user is still pasting
  // or choosing a file (`warmup`, only when no check is waiting), which moves most of that off
  // their first check.
  function warmUp(text) {
    try {
      engine.check(text, {});
    } catch (_) {
      // A trapped instance shows on the next real check, which restarts the worker.
    }
  }

  self.onmessage = function (event) {
    const msg = event.data || {};
    if (msg.type === 'init') {
      try {
        engine = createBudgetlint();
        engine.initSync({ module: msg.wasm });
        reply({ type: 'ready', version: engine.version(), rules: engine.rules(), docs: engine.ruleDocs() });
      } catch (err) {
        reply({ type: 'init-error', message: String(err && err.message || err) });
      }
    } else if (msg.type === 'reader') {
      onReaderBytes(msg.wasm);
    } else if (msg.type === 'check') {
      check(msg);
    } else if (msg.type === 'warmup' && engine) {
      warmUp(msg.text);
    }
  };
})();
