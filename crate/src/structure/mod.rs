//! Structure: from blocks to an understood disclosure (tables with their captions,
//! columns and rows; the outline of headings).

pub mod caption;
pub mod table;
pub mod vocab;

use crate::document::Document;
pub use table::{Column, ColumnKind, HeaderNode, Line, Panel, Table};

/// What the rules see: the document and its understood tables.
pub struct Disclosure<'a> {
    pub doc: &'a Document,
    pub tables: Vec<Table>,
}

pub fn analyse(doc: &Document) -> Disclosure<'_> {
    Disclosure { doc, tables: table::assemble(doc) }
}
