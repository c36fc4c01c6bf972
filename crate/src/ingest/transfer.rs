//! A document handed from one wasm module to another. The web page reads PDF, Word/Excel and
//! GB18030 files in a second module loaded only when such a file arrives (Cargo feature
//! `wasm-reader`); that module sends the `Document` it read to the checker module, which has
//! no binary readers. The document's serde form leaves out what only the checker's excerpts
//! need (the rendered lines, paragraph line starts), so the transfer carries them beside it.

use crate::document::{Block, Document};
use serde::{Deserialize, Serialize};

/// The sending side: borrows the document.
#[derive(Serialize)]
pub struct Outgoing<'a> {
    document: &'a Document,
    lines: &'a [String],
    /// `line_starts` of each paragraph, in block order.
    line_starts: Vec<&'a [(usize, u32)]>,
}

/// The receiving side.
#[derive(Deserialize)]
pub struct Incoming {
    document: Document,
    lines: Vec<String>,
    line_starts: Vec<Vec<(usize, u32)>>,
}

fn paragraphs_mut(doc: &mut Document) -> impl Iterator<Item = &mut Vec<(usize, u32)>> {
    doc.blocks.iter_mut().filter_map(|b| match b {
        Block::Paragraph(p) => Some(&mut p.line_starts),
        _ => None,
    })
}

impl<'a> Outgoing<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let line_starts = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.line_starts.as_slice()),
                _ => None,
            })
            .collect();
        Outgoing { document: doc, lines: &doc.lines, line_starts }
    }
}

impl Incoming {
    pub fn into_document(self) -> Document {
        let mut doc = self.document;
        doc.lines = self.lines;
        for (slot, starts) in paragraphs_mut(&mut doc).zip(self.line_starts) {
            *slot = starts;
        }
        doc
    }
}
