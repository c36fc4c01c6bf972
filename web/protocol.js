// @ts-check
// The messages between the page (engine.js) and its Web Worker (worker.js), defined once:
// scripts/build-web.mjs puts this file in front of both scripts, and the type check reads it
// with each, so a message type or field spelled differently on one side does not compile.
//
// One check:   page CHECK{id} → worker PROGRESS{id}* → RESULT{id} | ERROR{id}
// The engine's watchdog restarts the worker when a check goes CHECK_TIMEOUT_MS without any
// message for it, so the worker says PROGRESS before every long synchronous wasm call.

const MSG = Object.freeze(/** @type {const} */ ({
  /** page → worker: the checker module's bytes; answered by READY or INIT_ERROR. */
  INIT: 'init',
  /** worker → page: the checker is instantiated; its version, rules and rule docs. */
  READY: 'ready',
  /** worker → page: the checker could not be instantiated. */
  INIT_ERROR: 'init-error',
  /** page → worker: check a text or a file's bytes. */
  CHECK: 'check',
  /** worker → page: a check entered a stage (and is alive). */
  PROGRESS: 'progress',
  /** worker → page: a check's report. */
  RESULT: 'result',
  /** worker → page: a check failed; `trapped` when the wasm instance is dead. */
  ERROR: 'error',
  /** worker → page (split page only): send the reader module's bytes. */
  NEED_READER: 'need-reader',
  /** page → worker: the reader module's bytes. */
  READER: 'reader',
  /** worker → page: the reader module is instantiated (the page counts these). */
  READER_READY: 'reader-ready',
  /** page → worker: check a built-in sample once to warm the wasm up (no answer). */
  WARMUP: 'warmup',
}));

/** What the worker says a check is doing: loading the reader, reading the input, checking it. */
/** @typedef {'reader' | 'parse' | 'check'} Stage */

/**
 * Set only by the browser tests (a global the page reads at start; nothing in the page's
 * UI sets it): `stallChecks` makes the page's first worker answer that many checks with one
 * PROGRESS and then nothing, as if the wasm call never returned.
 * @typedef {{ stallChecks?: number }} WorkerTestHooks
 */

/** @typedef {{ type: typeof MSG.INIT, wasm: Uint8Array, hooks?: WorkerTestHooks }} InitMessage */
/** @typedef {{ type: typeof MSG.CHECK, id: number, options: CheckOptions, text?: string, bytes?: ArrayBuffer }} CheckMessage */
/** @typedef {{ type: typeof MSG.READER, wasm: Uint8Array }} ReaderMessage */
/** @typedef {{ type: typeof MSG.WARMUP, text: string }} WarmupMessage */
/** @typedef {InitMessage | CheckMessage | ReaderMessage | WarmupMessage} ToWorker */

/** @typedef {{ type: typeof MSG.READY, version: string, rules: RuleInfo[], docs: RuleDoc[] }} ReadyMessage */
/** @typedef {{ type: typeof MSG.INIT_ERROR, message: string }} InitErrorMessage */
/** @typedef {{ type: typeof MSG.PROGRESS, id: number, stage: Stage, size?: number }} ProgressMessage */
/** @typedef {{ type: typeof MSG.RESULT, id: number, report: PageReport, reader: ReaderName | null }} ResultMessage */
/** @typedef {{ type: typeof MSG.ERROR, id: number, trapped: boolean, message: string }} ErrorMessage */
/** @typedef {{ type: typeof MSG.NEED_READER }} NeedReaderMessage */
/** @typedef {{ type: typeof MSG.READER_READY }} ReaderReadyMessage */
/** @typedef {ReadyMessage | InitErrorMessage | ProgressMessage | ResultMessage | ErrorMessage | NeedReaderMessage | ReaderReadyMessage} FromWorker */

/** The text of an error, for a message or the page's status. @param {unknown} err */
const errorText = (err) => String((err && /** @type {{ message?: unknown }} */ (err).message) || err);
