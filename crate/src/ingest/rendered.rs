//! Readers of structured formats (PDF, DOCX, XLSX, HTML) render their input as text lines —
//! paragraphs as lines, tables as tab-separated rows — and hand it here. The text reader then
//! finds headings, paragraphs and tables exactly as for pasted text, so every format gets the
//! same table assembly; the reader's provenance (page, grid cell) is put back on the spans.

use super::text;
use crate::document::{Block, CellRef, Document, ReadIssue, Span};
use std::collections::HashMap;

/// A format reader's output before block detection.
#[derive(Debug, Default)]
pub struct Rendering {
    /// One entry per rendered line. Table rows are cells joined by `\t` (cells must not
    /// contain tabs or newlines: use `push_row`).
    pub lines: Vec<String>,
    /// The 1-based page of each line (PDF), parallel to `lines`.
    pub pages: Vec<Option<u32>>,
    /// Source cell of (0-based line index, 0-based cell index) for table rows.
    pub cells: HashMap<(usize, usize), CellRef>,
    /// Grid names for `CellRef::grid` (sheet names).
    pub sheets: Vec<String>,
    pub issues: Vec<ReadIssue>,
    /// What to report as the document's encoding/format (e.g. `PDF`, `DOCX`).
    pub format: String,
}

impl Rendering {
    pub fn new(format: &str) -> Self {
        Rendering { format: format.to_owned(), ..Default::default() }
    }

    /// A line of text (a paragraph, a heading, a caption) on `page`.
    pub fn push_text(&mut self, text: &str, page: Option<u32>) {
        for l in text.split('\n') {
            self.lines.push(l.replace('\t', " "));
            self.pages.push(page);
        }
    }

    /// A table row: the cells with where each came from.
    pub fn push_row(&mut self, cells: &[(String, Option<CellRef>)], page: Option<u32>) {
        let idx = self.lines.len();
        let texts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(ci, (t, r))| {
                if let Some(r) = r {
                    self.cells.insert((idx, ci), *r);
                }
                t.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect();
        // A row needs a tab to be read as a row, even with a single cell.
        let mut line = texts.join("\t");
        if !line.contains('\t') {
            line.push('\t');
        }
        self.lines.push(line);
        self.pages.push(page);
    }

    /// An empty line: ends a paragraph or a table.
    pub fn push_break(&mut self, page: Option<u32>) {
        self.lines.push(String::new());
        self.pages.push(page);
    }

    /// Find headings, paragraphs and tables, then restore pages and cells on every span.
    pub fn into_document(self) -> Document {
        let text = self.lines.join("\n");
        let mut doc = text::read(&text, &self.format);
        doc.sheets = self.sheets;
        doc.issues.extend(self.issues);
        let page_of = |line: u32| self.pages.get((line as usize).wrapping_sub(1)).copied().flatten();
        let fix = |s: &mut Span| {
            s.page = page_of(s.line);
        };
        for b in &mut doc.blocks {
            match b {
                Block::Heading(h) => fix(&mut h.span),
                Block::Paragraph(p) => fix(&mut p.span),
                Block::Table(t) => {
                    fix(&mut t.span);
                    for r in &mut t.rows {
                        fix(&mut r.span);
                        for (ci, c) in r.cells.iter_mut().enumerate() {
                            fix(&mut c.span);
                            c.span.cell = self.cells.get(&((c.span.line as usize).wrapping_sub(1), ci)).copied();
                        }
                    }
                }
            }
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_cells_survive_block_detection() {
        let mut r = Rendering::new("TEST");
        r.push_text("支出决算表", Some(1));
        r.push_text("金额单位：万元", Some(1));
        let c = |row, col| Some(CellRef { grid: 1, row, col });
        r.push_row(&[("项目".into(), c(1, 1)), ("合计".into(), c(1, 2))], Some(2));
        r.push_row(&[("合计".into(), c(2, 1)), ("1.00".into(), c(2, 2))], Some(2));
        r.sheets.push("Sheet1".into());
        let doc = r.into_document();
        let t = doc.blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).unwrap();
        assert_eq!(t.rows[1].cells[1].span.page, Some(2));
        assert_eq!(t.rows[1].cells[1].span.cell, Some(CellRef { grid: 1, row: 2, col: 2 }));
        assert_eq!(doc.cell_name(t.rows[1].cells[1].span.cell.unwrap()), "Sheet1!B2");
        assert_eq!(doc.encoding, "TEST");
    }
}
