//! WebAssembly bindings: `check(text, options?)`, `checkBytes(bytes, options?)`, `rules()`,
//! `ruleDocs()` (each rule's documentation with its examples), `version()`. Reports are plain
//! JS objects with the same shape as the CLI's JSON, plus `text`: the input as the reader
//! rendered it (for DOCX, XLSX, XLS, HTML the lines that locations' line numbers refer to), so
//! the page can show it.

use crate::{check_document, read, rules as registry, Input, Options};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn options(js: JsValue) -> Result<Options, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(js).map_err(|e| JsValue::from_str(&format!("选项无效 / invalid options: {e}")))
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from_str(&e.to_string()))
}

fn run(input: Input, opts: JsValue) -> Result<JsValue, JsValue> {
    let options = options(opts)?;
    let doc = read(input);
    let report = to_js(&check_document(&doc, &options))?;
    js_sys::Reflect::set(&report, &JsValue::from_str("text"), &JsValue::from_str(&doc.lines.join("\n")))?;
    Ok(report)
}

#[wasm_bindgen]
pub fn check(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    run(Input::Text(text), opts)
}

#[wasm_bindgen(js_name = checkBytes)]
pub fn check_bytes(bytes: &[u8], opts: JsValue) -> Result<JsValue, JsValue> {
    run(Input::Bytes(bytes), opts)
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

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}
