//! Readers: every input format becomes the same `Document`.

pub mod decode;
pub mod html_table;
pub mod numbering;
pub mod pdf;
pub mod rendered;
pub mod text;

use crate::document::Document;

/// At most the first `max` bytes of `s`, cut back to a char boundary.
pub(crate) fn head(s: &str, max: usize) -> &str {
    let mut n = max.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// Read raw bytes (a `.txt`/`.md` file or pasted text) into a document.
pub fn read_bytes(bytes: &[u8]) -> Document {
    if pdf::is_pdf(bytes) {
        return pdf::read(bytes);
    }
    let decoded = decode::decode(bytes);
    let mut doc = text::read(&decoded.text, decoded.encoding);
    doc.issues.splice(0..0, decoded.issues);
    doc
}

/// Read text that is already decoded (the page passes a JS string).
pub fn read_str(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text::read(text, "UTF-8")
}
