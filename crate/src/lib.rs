//! budgetlint: checks Chinese government department budget and final-accounts disclosures
//! (部门预算公开 / 部门决算公开).
//!
//! One direction of data flow: input → `ingest` (Document) → `structure` (Disclosure) →
//! `facts` (what tables and text state) → `rules` (findings) → `report` (Report) →
//! `output` (JSON, text). The CLI, the wasm bindings and the tests all call [`check`] or
//! [`check_document`]; this file only wires the stages together.
//!
//! Imports point one way, down this list (`crate/tests/layers.rs` fails otherwise):
//! - `output`, `ruledocs`: render reports and rule documentation;
//! - `report`: runs the rules, applies the `options`, builds the [`report::Report`];
//! - `rules`: emit `finding`s from facts and structure;
//! - `facts`: figures and claims read from tables and text;
//! - `structure`: tables, captions, profile of the disclosure;
//! - `ingest`: one reader per input format, each producing a `document`;
//! - `document`, `codes`, `finding`, `options`: data models and reference data;
//! - `text`, `interval`: text utilities (keys, numbering, numbers, figures, captions) and
//!   printed-precision arithmetic, used by every layer and importing none.

pub mod codes;
pub mod document;
pub mod facts;
pub mod finding;
pub mod ingest;
pub mod interval;
pub mod options;
pub mod output;
pub mod report;
pub mod ruledocs;
pub mod rules;
pub mod structure;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use options::{Lang, Level, Options};
use report::Report;
pub use report::VERSION;

/// What the user handed us.
pub enum Input<'a> {
    /// Raw bytes of a file (encoding detected).
    Bytes(&'a [u8]),
    /// Text already decoded (pasted text, a JS string).
    Text(&'a str),
}

/// Check one document.
pub fn check(input: Input, options: &Options) -> Report {
    check_document(&read(input), options)
}

/// Read the input into a document (format detected from the content).
pub fn read(input: Input) -> document::Document {
    match input {
        Input::Bytes(b) => ingest::read_bytes(b),
        Input::Text(t) => ingest::read_str(t),
    }
}

/// Check a document already read (the page also needs the document's rendered lines).
pub fn check_document(doc: &document::Document, options: &Options) -> Report {
    report::assemble(doc, &structure::analyse(doc), options)
}
