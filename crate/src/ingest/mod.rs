//! Readers: every input format becomes the same `Document`.

pub mod archive;
pub mod decode;
pub mod docx;
pub mod html;
pub mod html_table;
pub mod numbering;
pub mod pdf;
pub mod rendered;
pub mod sheet;
pub mod text;
pub mod xls;
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

/// Read a file's raw bytes into a document; the format is told by the content (magic
/// bytes), never by the file name.
pub fn read_bytes(bytes: &[u8]) -> Document {
    match bytes {
        [b'P', b'K', 3, 4, ..] => return read_zip(bytes),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => return xls::read(bytes),
        _ if pdf::is_pdf(bytes) => return pdf::read(bytes),
        _ => {}
    }
    let decoded = decode::decode(bytes);
    let mut doc = read_text(&decoded.text, decoded.encoding);
    doc.issues.splice(0..0, decoded.issues);
    doc
}

/// A ZIP package: Word or Excel by the parts it holds.
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
