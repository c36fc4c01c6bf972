//! The document model every reader produces: blocks in reading order, each with the
//! place in the user's input it came from.

/// A heading's numbering style is part of the document model; the type lives with its parser.
pub use crate::text::numbering::NumberingStyle;
use serde::{Deserialize, Serialize};

/// Where something came from in the user's input. Every reader also renders the input as
/// text lines (`Document::lines`, what the page shows); `line`/`end_line` are 1-based,
/// inclusive lines of that rendering. Paginated sources (PDF) add the 1-based `page`;
/// grids (XLSX sheets, DOCX tables) add the `cell` the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    pub line: u32,
    pub end_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
}

/// A cell of a grid in the source: sheet (XLSX, 1-based, names in `Document::sheets`) or
/// table (DOCX, 1-based), and its 1-based row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellRef {
    pub grid: u16,
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    /// `B12` style address.
    pub fn address(&self) -> String {
        let mut col = self.col;
        let mut letters = Vec::new();
        while col > 0 {
            let rem = ((col - 1) % 26) as u8;
            letters.push((b'A' + rem) as char);
            col = (col - 1) / 26;
        }
        letters.iter().rev().collect::<String>() + &self.row.to_string()
    }
}

impl Span {
    pub fn line(line: u32) -> Self {
        Span { line, end_line: line, page: None, cell: None }
    }

    pub fn lines(line: u32, end_line: u32) -> Self {
        Span { line, end_line: end_line.max(line), page: None, cell: None }
    }

    /// The smallest span covering both.
    pub fn join(self, o: Span) -> Span {
        Span {
            line: self.line.min(o.line),
            end_line: self.end_line.max(o.end_line),
            page: self.page.or(o.page),
            cell: None,
        }
    }
}

/// A heading with its numbering as printed (`第一部分`, `一、`, `（一）`, `1.`, `(1)`, `①`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heading {
    pub numbering: Option<String>,
    pub style: NumberingStyle,
    /// Markdown `#` depth when the input used it (0 when not).
    pub markdown_level: u8,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub span: Span,
    /// Span of each source line joined into this paragraph, with the char offset where it starts.
    #[serde(skip)]
    pub line_starts: Vec<(usize, u32)>,
}

impl Paragraph {
    /// The input line holding the char at `offset` of `text`.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.line_starts.iter().rev().find(|(o, _)| *o <= offset).map_or(self.span.line, |(_, l)| *l)
    }
}

/// One cell of a table as read: its text and where it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawCell {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawRow {
    pub cells: Vec<RawCell>,
    pub span: Span,
}

impl RawRow {
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.cells.iter().map(|c| c.text.as_str())
    }

    pub fn non_empty(&self) -> usize {
        self.cells.iter().filter(|c| !c.text.trim().is_empty()).count()
    }
}

/// How a table was written in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableForm {
    Tabs,
    Pipes,
    Html,
    CellPerLine,
}

/// A grid of cells as the reader found it, before any interpretation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawTable {
    pub rows: Vec<RawRow>,
    pub form: TableForm,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    Table(RawTable),
}

impl Block {
    pub fn span(&self) -> Span {
        match self {
            Block::Heading(h) => h.span,
            Block::Paragraph(p) => p.span,
            Block::Table(t) => t.span,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Heading(h) => Some(&h.text),
            Block::Paragraph(p) => Some(&p.text),
            Block::Table(_) => None,
        }
    }
}

/// A problem met while reading the input, reported to the user in Chinese and English.
#[derive(Debug, Clone, Serialize)]
pub struct ReadIssue {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The encoding the input was decoded from (`UTF-8`, `GB18030`, …).
    pub encoding: String,
    /// Names of the grids `CellRef::grid` points at (sheet names; empty for text).
    pub sheets: Vec<String>,
    /// The input text after decoding, line by line, for excerpts and highlighting.
    #[serde(skip)]
    pub lines: Vec<String>,
    pub issues: Vec<ReadIssue>,
}

impl Document {
    /// How a cell is named in a location: `Sheet1!B12`, or `表格3!B12` for Word tables.
    pub fn cell_name(&self, c: CellRef) -> String {
        let grid = match self.sheets.get((c.grid as usize).wrapping_sub(1)) {
            Some(name) => name.clone(),
            None => format!("表格{}", c.grid),
        };
        format!("{grid}!{}", c.address())
    }

    /// The input line `n` (1-based), trimmed, for excerpts.
    pub fn line_text(&self, n: u32) -> Option<&str> {
        self.lines.get((n as usize).checked_sub(1)?).map(|s| s.trim())
    }
}

/// `ReadIssue` as read back (a document handed between wasm modules): its code is one of
/// the registered `input.*` rule ids; anything else counts as unreadable input.
#[derive(Deserialize)]
struct ReadIssueIn {
    code: String,
    zh: String,
    en: String,
    span: Option<Span>,
}

// By hand: a derive would borrow the `&'static str` code from the input.
impl<'de> Deserialize<'de> for ReadIssue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let i = ReadIssueIn::deserialize(d)?;
        let code = crate::rules::rule(&i.code).map_or("input.unreadable", |r| r.id);
        Ok(ReadIssue { code, zh: i.zh, en: i.en, span: i.span })
    }
}
