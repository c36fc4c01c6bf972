//! Readers: every input format becomes the same `Document`.

#[cfg(feature = "office")]
pub mod archive;
pub mod decode;
#[cfg(feature = "office")]
pub mod docx;
pub mod html;
pub mod html_table;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod rendered;
#[cfg(feature = "office")]
pub mod sheet;
pub mod text;
pub mod transfer;
#[cfg(feature = "office")]
pub mod xls;
#[cfg(feature = "office")]
pub mod xlsx;

use crate::document::{self, Document};

/// At most the first `max` bytes of `s`, cut back to a char boundary.
pub(crate) fn head(s: &str, max: usize) -> &str {
    let mut n = max.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// A reader that a build may leave out (Cargo features `pdf`, `office`, `gb18030`): the
/// checker module of a page built with `--split` has none of them and loads the reader module
/// when `reader_for` says a file needs one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Pdf,
    /// DOCX/XLSX (ZIP) and XLS (OLE2).
    Office,
    /// Text in GB18030/GBK.
    Gb18030,
}

impl Reader {
    pub fn name(self) -> &'static str {
        match self {
            Reader::Pdf => "pdf",
            Reader::Office => "office",
            Reader::Gb18030 => "gb18030",
        }
    }

    /// Whether this build has the reader.
    pub fn available(self) -> bool {
        match self {
            Reader::Pdf => cfg!(feature = "pdf"),
            Reader::Office => cfg!(feature = "office"),
            Reader::Gb18030 => cfg!(feature = "gb18030"),
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when the bytes look like a PDF (`%PDF-` within the first kilobyte).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// The optional reader these bytes need (told by the content, as `read_bytes` does), or
/// `None` for UTF-8/UTF-16 text and HTML, which every build reads.
pub fn reader_for(bytes: &[u8]) -> Option<Reader> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC) {
        Some(Reader::Office)
    } else if is_pdf(bytes) {
        Some(Reader::Pdf)
    } else if decode::needs_legacy(bytes) {
        Some(Reader::Gb18030)
    } else {
        None
    }
}

/// Read a file's raw bytes into a document; the format is told by the content (magic
/// bytes), never by the file name.
pub fn read_bytes(bytes: &[u8]) -> Document {
    match reader_for(bytes) {
        Some(r) if !r.available() => return missing_reader(r),
        #[cfg(feature = "office")]
        Some(Reader::Office) if bytes.starts_with(OLE_MAGIC) => return xls::read(bytes),
        #[cfg(feature = "office")]
        Some(Reader::Office) => return read_zip(bytes),
        #[cfg(feature = "pdf")]
        Some(Reader::Pdf) => return pdf::read(bytes),
        _ => {}
    }
    let decoded = decode::decode(bytes);
    let mut doc = read_text(&decoded.text, decoded.encoding);
    doc.issues.splice(0..0, decoded.issues);
    doc
}

/// Bytes for a reader this build lacks (the page asks `reader_for` first, so this is only
/// met by a caller that did not).
fn missing_reader(r: Reader) -> Document {
    unsupported(document::ReadIssue {
        code: "input.unreadable",
        zh: format!("此版本未包含 {} 读取器，无法读取该文件", r.name()),
        en: format!("this build has no {} reader and cannot read the file", r.name()),
        span: None,
    })
}

/// A ZIP package: Word or Excel by the parts it holds.
#[cfg(feature = "office")]
fn read_zip(bytes: &[u8]) -> Document {
    let kind = archive::Archive::open(bytes, "Office").map(|a| (a.has("word/document.xml"), a.has("xl/workbook.xml")));
    match kind {
        Ok((true, _)) => docx::read(bytes),
        Ok((_, true)) => xlsx::read(bytes),
        Ok(_) => unsupported(archive::unreadable(
            "文件是 ZIP 压缩包，但不是 Word（DOCX）或 Excel（XLSX）文档，无法检查。请提供 PDF、DOCX、XLSX、XLS、HTML 或文本文件".into(),
            "the file is a ZIP archive but not a Word (DOCX) or Excel (XLSX) document; provide PDF, DOCX, XLSX, XLS, HTML or text".into(),
        )),
        Err(issue) => unsupported(issue),
    }
}

fn unsupported(issue: document::ReadIssue) -> Document {
    let mut r = rendered::Rendering::new("?");
    r.issues.push(issue);
    r.into_document()
}

/// Decoded text: an HTML document, or text (with any embedded `<table>` fragments).
fn read_text(text: &str, encoding: &str) -> Document {
    if html::looks_like_html(text) {
        html::read(text, encoding)
    } else {
        text::read(text, encoding)
    }
}

/// Read text that is already decoded (the page passes a JS string, or pasted `text/html`).
pub fn read_str(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    read_text(text, "UTF-8")
}
