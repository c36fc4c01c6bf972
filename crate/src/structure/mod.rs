//! Structure: from blocks to an understood disclosure (tables with their captions,
//! columns and rows; the outline of headings).

pub mod catalog;
pub mod profile;
pub mod table;
pub mod vocab;

use crate::document::Document;
pub use table::{Column, ColumnKind, HeaderNode, Line, Panel, Table};

use crate::document::Block;
use crate::text::figures::{figures, Figure};

/// A figure in a paragraph or heading, with the input line it stands on.
#[derive(Debug, Clone)]
pub struct NarrativeFigure {
    pub block: usize,
    pub line: u32,
    pub figure: Figure,
}

/// What the rules see: the document, its profile, its understood tables and the
/// narrative's figures.
pub struct Disclosure<'a> {
    pub doc: &'a Document,
    pub profile: profile::Profile,
    pub tables: Vec<Table>,
    pub figures: Vec<NarrativeFigure>,
}

pub fn analyse(doc: &Document) -> Disclosure<'_> {
    let mut narrative = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let (text, line_of): (&str, Box<dyn Fn(usize) -> u32>) = match b {
            Block::Paragraph(p) => (&p.text, Box::new(|o| p.line_at(o))),
            Block::Heading(h) => (&h.text, Box::new(|_| h.span.line)),
            Block::Table(_) => continue,
        };
        for f in figures(text) {
            narrative.push(NarrativeFigure { block: bi, line: line_of(f.start), figure: f });
        }
    }
    let mut tables = table::assemble(doc);
    let profile = profile::profile(doc, &tables);
    for t in &mut tables {
        t.kind = t.title.as_deref().and_then(|title| catalog::recognise(title, profile.kind));
        if t.kind.is_none() {
            let (header, rows) = content_keys(t);
            t.kind = catalog::recognise_content(&header, &rows, profile.kind);
        }
    }
    Disclosure { doc, profile, tables, figures: narrative }
}

/// Rows read for recognising a table by its content (enough for a header and the first
/// classes or items; bounded work on long tables).
const CONTENT_ROWS: usize = 60;

/// The header text and the body text of a table as matching keys, cells separated by `|`.
fn content_keys(t: &Table) -> (String, String) {
    let join = |rows: &[crate::document::RawRow]| -> String {
        rows.iter().take(CONTENT_ROWS).flat_map(|r| r.texts()).map(crate::text::norm::key).collect::<Vec<_>>().join("|")
    };
    (join(&t.header), join(&t.body))
}
