// @ts-check
// The checker engine: unpacks the embedded wasm, runs checks in a Web Worker made from a Blob
// URL (protocol.js), and falls back to the main thread when the worker cannot be created or
// does not start. A trap restarts the worker on the next check; a check the worker stops
// talking about is stopped by the watchdog, which restarts the worker at once.
// In a split page the reader module is unpacked and instantiated only for a file that needs
// it (the checker's readerFor says so); body[data-reader-loads] counts its instantiations.
// No DOM rendering here: errors carry flags (or a string key) that the page turns into text.

/** Where checks run: a Web Worker, or the page's own thread when no worker could start. */
/** @typedef {'worker' | 'main'} EngineMode */
/** @typedef {{ text: string, bytes?: undefined } | { bytes: Uint8Array, text?: undefined }} CheckInput */
/** @typedef {{ version: string, rules: RuleInfo[], docs: RuleDoc[] }} EngineInfo */
/**
 * A check waiting for the worker; `timer` is its watchdog.
 * @typedef {{
 *   resolve: (report: PageReport) => void, reject: (err: Error) => void,
 *   timer: ReturnType<typeof setTimeout> | undefined, onProgress?: (msg: ProgressMessage) => void,
 * }} PendingCheck
 */
/**
 * Set only by the browser tests (see WorkerTestHooks): `checkTimeoutMs` shortens the watchdog.
 * @typedef {WorkerTestHooks & { checkTimeoutMs?: number }} EngineTestHooks
 */

/** How long a check may go without a message from the worker (its PROGRESS or its answer). */
const CHECK_TIMEOUT_MS = 60000;
const WORKER_START_TIMEOUT_MS = 15000;

/** A failed check or start. `trapped`: the wasm instance died; `timeout`: the watchdog fired;
 * `key`: a text of strings.js that explains it better than `message`. */
class EngineError extends Error {
  /** @param {string} message @param {{ trapped?: boolean, timeout?: boolean, key?: 'oldBrowser' }} [flags] */
  constructor(message, flags = {}) {
    super(message);
    this.trapped = !!flags.trapped;
    this.timeout = !!flags.timeout;
    this.key = flags.key;
  }
}

/** The text of the page's <script id=…> that holds embedded data. @param {string} id */
function embedded(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing`);
  return node.textContent || '';
}

// The wasm modules are embedded gzip-compressed, as base64 in <script id=…>: `bl-wasm`
// (unpacked at start) and, in a page built with --split, `bl-reader-wasm` (PDF, Word/Excel
// and GB18030 readers, unpacked only when such a file arrives). Compression makes the page
// 44% smaller; the browser's DecompressionStream unpacks a module in ~10–20 ms.
/** @param {string} id @returns {Promise<Uint8Array>} */
async function readEmbeddedWasm(id) {
  const b64 = embedded(id).replace(/\s+/g, '');
  /** @type {Uint8Array} */
  let gz;
  const fromBase64 = /** @type {{ fromBase64?: (s: string) => Uint8Array }} */ (/** @type {unknown} */ (Uint8Array)).fromBase64;
  if (typeof fromBase64 === 'function') gz = fromBase64(b64);
  else {
    const bin = atob(b64);
    gz = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  }
  if (typeof DecompressionStream !== 'function') throw new EngineError('DecompressionStream missing', { key: 'oldBrowser' });
  const stream = new Blob([/** @type {BlobPart} */ (gz)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** @param {Worker} worker @param {ToWorker} msg @param {Transferable[]} [transfer] */
function postToWorker(worker, msg, transfer) {
  worker.postMessage(msg, transfer || []);
}

class Engine {
  /** @param {EngineTestHooks} [hooks] */
  constructor(hooks = {}) {
    /** @type {Uint8Array | null} the checker module's bytes */
    this.wasm = null;
    /** @type {Promise<Uint8Array> | null} the reader's bytes: made on first need, kept for a restarted worker */
    this.readerWasm = null;
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {Promise<void> | null} a worker being started after the watchdog stopped one */
    this.restarting = null;
    /** @type {EngineMode | null} */
    this.mode = null;
    /** @type {BudgetlintApi | null} main-thread instance */
    this.main = null;
    /** @type {BudgetlintReaderApi | null} main-thread reader instance */
    this.mainReader = null;
    /** @type {Map<number, PendingCheck>} */
    this.pending = new Map();
    this.nextId = 1;
    /** @type {EngineInfo | null} */
    this.info = null;
    this.checkTimeoutMs = hooks.checkTimeoutMs || CHECK_TIMEOUT_MS;
    /** @type {WorkerTestHooks | undefined} */
    this.workerHooks = hooks.stallChecks ? { stallChecks: hooks.stallChecks } : undefined;
  }

  /** @returns {Promise<EngineInfo>} */
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

  /** @returns {EngineInfo} */
  startMain() {
    const api = createBudgetlint();
    api.initSync({ module: /** @type {Uint8Array} */ (this.wasm) });
    this.main = api;
    return { version: api.version(), rules: api.rules(), docs: api.ruleDocs() };
  }

  /** @returns {Promise<EngineInfo>} */
  startWorker() {
    return new Promise((resolve, reject) => {
      /** @type {Worker} */
      let worker;
      /** @type {string | undefined} */
      let url;
      try {
        const src = embedded('bl-glue') + '\n' + embedded('bl-worker');
        url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
        worker = new Worker(url);
      } catch (err) {
        if (url) URL.revokeObjectURL(url);
        reject(err);
        return;
      }
      const blobUrl = url;
      /** @param {Error} err */
      const fail = (err) => {
        clearTimeout(timer);
        URL.revokeObjectURL(blobUrl);
        worker.terminate();
        reject(err);
      };
      const timer = setTimeout(() => fail(new Error('worker start timeout')), WORKER_START_TIMEOUT_MS);
      worker.onerror = (e) => { e.preventDefault(); fail(new Error(e.message || 'worker error')); };
      worker.onmessage = (e) => {
        const msg = /** @type {FromWorker} */ (e.data);
        if (msg.type === MSG.READY) {
          clearTimeout(timer);
          URL.revokeObjectURL(blobUrl);
          this.worker = worker;
          worker.onmessage = (ev) => this.onWorkerMessage(/** @type {FromWorker} */ (ev.data));
          worker.onerror = (ev) => { ev.preventDefault(); this.failAll(new Error(ev.message || 'worker error'), true); };
          resolve({ version: msg.version, rules: msg.rules, docs: msg.docs || [] });
        } else if (msg.type === MSG.INIT_ERROR) {
          fail(new Error(msg.message));
        }
      };
      // The test hooks go to the first worker only: the one the watchdog restarts is sound.
      postToWorker(worker, { type: MSG.INIT, wasm: /** @type {Uint8Array} */ (this.wasm), hooks: this.workerHooks });
      this.workerHooks = undefined;
    });
  }

  /** Let the worker check a built-in sample while the user is still pasting (see worker.js). @param {string} text */
  warmUp(text) {
    if (this.worker && text) postToWorker(this.worker, { type: MSG.WARMUP, text });
  }

  stopWorker() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
  }

  // After the watchdog: a fresh worker now, so the next check does not wait for one (if it
  // cannot start, the next check tries again and reports why).
  restartWorker() {
    this.stopWorker();
    const restarting = this.startWorker().then(() => {}, (err) => {
      console.warn('budgetlint: restarting the worker failed:', err);
    }).finally(() => {
      if (this.restarting === restarting) this.restarting = null;
    });
    this.restarting = restarting;
  }

  /** @param {Error} err @param {boolean} restart */
  failAll(err, restart) {
    for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(err); }
    this.pending.clear();
    if (restart) this.stopWorker();
  }

  readerBytes() {
    if (!this.readerWasm) {
      const bytes = readEmbeddedWasm('bl-reader-wasm');
      this.readerWasm = bytes;
      bytes.catch(() => { if (this.readerWasm === bytes) this.readerWasm = null; });
    }
    return this.readerWasm;
  }

  static readerLoaded() {
    document.body.dataset.readerLoads = String((+(document.body.dataset.readerLoads || 0)) + 1);
  }

  // (Re)starts a check's watchdog: it fires when the worker has said nothing about the check
  // for checkTimeoutMs, stops the worker (a wasm call cannot be interrupted otherwise) and
  // starts a new one. Every PROGRESS re-arms it, so a long check that keeps reporting its
  // stages runs on and only one that went silent is stopped.
  /** @param {number} id @param {PendingCheck} p */
  armWatchdog(id, p) {
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      if (this.pending.get(id) !== p) return;
      this.pending.delete(id);
      this.restartWorker();
      p.reject(new EngineError('timeout', { timeout: true }));
    }, this.checkTimeoutMs);
  }

  /** @param {FromWorker} msg */
  onWorkerMessage(msg) {
    if (msg.type === MSG.NEED_READER) {
      const worker = this.worker;
      this.readerBytes().then((wasm) => {
        if (worker && worker === this.worker) postToWorker(worker, { type: MSG.READER, wasm });
      }, (err) => this.failAll(err, true));
      return;
    }
    if (msg.type === MSG.READER_READY) {
      Engine.readerLoaded();
      return;
    }
    if (msg.type !== MSG.PROGRESS && msg.type !== MSG.RESULT && msg.type !== MSG.ERROR) return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === MSG.PROGRESS) {
      this.armWatchdog(msg.id, p);
      if (p.onProgress) p.onProgress(msg);
      return;
    }
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.type === MSG.RESULT) p.resolve(msg.report);
    else {
      if (msg.trapped) this.stopWorker();
      p.reject(new EngineError(msg.message, { trapped: msg.trapped }));
    }
  }

  /**
   * @param {CheckInput} input
   * @param {CheckOptions} options
   * @param {(msg: ProgressMessage) => void} [onProgress]
   * @returns {Promise<PageReport>}
   */
  async check(input, options, onProgress) {
    if (this.mode === 'main') return this.checkMain(input, options);
    if (this.restarting) await this.restarting;
    if (!this.worker) await this.startWorker();
    const worker = /** @type {Worker} */ (this.worker);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      /** @type {PendingCheck} */
      const p = { resolve, reject, timer: undefined, onProgress };
      this.pending.set(id, p);
      this.armWatchdog(id, p);
      if (input.bytes) {
        const copy = input.bytes.slice();
        postToWorker(worker, { type: MSG.CHECK, id, options, bytes: copy.buffer }, [copy.buffer]);
      } else {
        postToWorker(worker, { type: MSG.CHECK, id, options, text: input.text });
      }
    });
  }

  /** @param {CheckInput} input @param {CheckOptions} options @returns {Promise<PageReport>} */
  async checkMain(input, options) {
    if (!this.main) this.startMain();
    const main = /** @type {BudgetlintApi} */ (this.main);
    try {
      if (!input.bytes) return main.check(input.text, options);
      if (!main.readerFor(input.bytes)) return main.checkBytes(input.bytes, options);
      if (!this.mainReader) {
        const r = createBudgetlintReader();
        r.initSync({ module: await this.readerBytes() });
        this.mainReader = r;
        Engine.readerLoaded();
      }
      return main.checkDocument(this.mainReader.readBytes(input.bytes), options);
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) {
        this.main = null; // fresh instances are made on the next check
        this.mainReader = null;
        throw new EngineError(err.message, { trapped: true });
      }
      throw err;
    }
  }
}
