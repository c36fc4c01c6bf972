// Runs inside a Web Worker created from a Blob URL. The build prepends the wasm-bindgen
// glue (function createBudgetlint) to this file's text; the wasm bytes arrive by message.
'use strict';
(function () {
  let engine = null;

  function reply(msg) {
    self.postMessage(msg);
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
      return;
    }
    if (msg.type === 'check') {
      try {
        // The wasm call is synchronous: say what is about to happen so the page can show it.
        reply({ type: 'progress', id: msg.id, stage: 'parse', size: msg.bytes ? msg.bytes.byteLength : msg.text.length });
        const report = msg.bytes
          ? engine.checkBytes(new Uint8Array(msg.bytes), msg.options)
          : engine.check(msg.text, msg.options);
        reply({ type: 'result', id: msg.id, report: report });
      } catch (err) {
        // A RuntimeError means the wasm instance trapped (panic = abort) and is unusable.
        const trapped = typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
        reply({ type: 'error', id: msg.id, trapped: trapped, message: String(err && err.message || err) });
      }
    }
  };
})();
