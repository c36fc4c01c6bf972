//! WebAssembly bindings. The default build (every reader, feature `wasm-checker`) is the
//! page's one module. A page built with `scripts/build-web.mjs --split` has two modules from
//! this crate with different Cargo features, so that what only some inputs need is loaded
//! only when such an input arrives:
//!
//! - `wasm-checker` without the readers (the module the page starts with): `check(text,
//!   options?)`, `checkBytes(bytes, options?)`, `readerFor(bytes)` (the reader module the bytes
//!   need, if this build lacks it), `checkDocument(document, options?)` (only in a build
//!   without some reader), `rules()`, `ruleDocs()`.
//! - `wasm-reader` (loaded for PDF, Word/Excel and GB18030 files): `readBytes(bytes)`, the
//!   document for `checkDocument`.
//!
//! Both export `version()`. Reports are plain JS objects with the same shape as the CLI's
//! JSON, plus `text`: the input as the reader rendered it (for DOCX, XLSX, XLS, HTML, PDF the
//! lines that locations' line numbers refer to), so the page can show it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from_str(&e.to_string()))
}

#[cfg(feature = "wasm-checker")]
mod checker {
    use super::to_js;
    use crate::document::Document;
    use crate::{check_document, ingest, read, rules as registry, Input, Options};
    use wasm_bindgen::prelude::*;

    fn options(js: JsValue) -> Result<Options, JsValue> {
        if js.is_undefined() || js.is_null() {
            return Ok(Options::default());
        }
        serde_wasm_bindgen::from_value(js).map_err(|e| JsValue::from_str(&format!("选项无效 / invalid options: {e}")))
    }

    fn run(doc: Document, opts: JsValue) -> Result<JsValue, JsValue> {
        let options = options(opts)?;
        let report = to_js(&check_document(&doc, &options))?;
        js_sys::Reflect::set(&report, &JsValue::from_str("text"), &JsValue::from_str(&doc.lines.join("\n")))?;
        Ok(report)
    }

    #[wasm_bindgen]
    pub fn check(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
        run(read(Input::Text(text)), opts)
    }

    #[wasm_bindgen(js_name = checkBytes)]
    pub fn check_bytes(bytes: &[u8], opts: JsValue) -> Result<JsValue, JsValue> {
        run(read(Input::Bytes(bytes)), opts)
    }

    /// `"pdf"`, `"office"` or `"gb18030"` when the bytes need a reader this module lacks
    /// (the page then reads them with the reader module), else `null`.
    #[wasm_bindgen(js_name = readerFor)]
    pub fn reader_for(bytes: &[u8]) -> Option<String> {
        ingest::reader_for(bytes).filter(|r| !r.available()).map(|r| r.name().to_owned())
    }

    /// Check a document read by the reader module's `readBytes`. Only a checker that lacks
    /// a reader has it (deserialising a document costs 40 KB of wasm).
    #[cfg(not(all(feature = "pdf", feature = "office", feature = "gb18030")))]
    #[wasm_bindgen(js_name = checkDocument)]
    pub fn check_transferred(document: JsValue, opts: JsValue) -> Result<JsValue, JsValue> {
        let incoming: ingest::transfer::Incoming = serde_wasm_bindgen::from_value(document)
            .map_err(|e| JsValue::from_str(&format!("文档无效 / invalid document: {e}")))?;
        run(incoming.into_document(), opts)
    }

    #[wasm_bindgen]
    pub fn rules() -> Result<JsValue, JsValue> {
        let v: Vec<_> = registry::all_rules().collect();
        to_js(&v)
    }

    #[wasm_bindgen(js_name = ruleDocs)]
    pub fn rule_docs() -> Result<JsValue, JsValue> {
        to_js(&crate::ruledocs::all())
    }
}

#[cfg(feature = "wasm-reader")]
mod reader {
    use super::to_js;
    use crate::ingest::{read_bytes, transfer::Outgoing};
    use wasm_bindgen::prelude::*;

    /// Read a file of any supported format into a document for the checker's
    /// `checkDocument`.
    #[wasm_bindgen(js_name = readBytes)]
    pub fn read(bytes: &[u8]) -> Result<JsValue, JsValue> {
        to_js(&Outgoing::new(&read_bytes(bytes)))
    }
}
