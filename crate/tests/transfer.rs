//! The web page reads PDF, Word/Excel and GB18030 files in a second wasm module and hands the
//! document to the checker module (`ingest::transfer`): the document that arrives must check
//! exactly like the one read in place, and `reader_for` must send every such file there.

mod common;
use budgetlint::document::{Block, Document};
use budgetlint::ingest::transfer::{Incoming, Outgoing};
use budgetlint::ingest::{read_bytes, reader_for, Reader};
use budgetlint::{check_document, Options};
use common::*;

fn through_transfer(doc: &Document) -> Document {
    // JSON, as the wasm bindings' serializer produces (json_compatible).
    let json = serde_json::to_string(&Outgoing::new(doc)).expect("serialise");
    serde_json::from_str::<Incoming>(&json).expect("deserialise").into_document()
}

fn line_starts(doc: &Document) -> Vec<Vec<(usize, u32)>> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.line_starts.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn transferred_documents_check_like_the_original() {
    let files = [
        ("parity/000_94a3ed044e7312ad.docx", Reader::Office),
        ("parity/002_be18d6bea231d86c.pdf", Reader::Pdf),
        ("office/sample000-tables.xlsx", Reader::Office),
        ("office/sample000-tables.xls", Reader::Office),
        ("corpus/上海市普陀区财政局部门25年预算.pdf", Reader::Pdf),
        ("encodings/planted.gb18030.txt", Reader::Gb18030),
    ];
    for (rel, reader) in files {
        let bytes = read(rel);
        assert_eq!(reader_for(&bytes), Some(reader), "{rel}");
        let doc = read_bytes(&bytes);
        let back = through_transfer(&doc);
        assert_eq!(back.lines, doc.lines, "{rel}");
        assert_eq!(line_starts(&back), line_starts(&doc), "{rel}");
        assert_eq!(back.encoding, doc.encoding, "{rel}");
        let opts = Options::default();
        let (a, b) = (check_document(&doc, &opts), check_document(&back, &opts));
        assert!(!a.findings.is_empty(), "{rel}: the fixture has findings to compare");
        assert_eq!(serde_json::to_value(&b).unwrap(), serde_json::to_value(&a).unwrap(), "{rel}");
    }
}

#[test]
fn read_issues_survive_the_transfer() {
    // A ZIP that is no Office document: an `input.unreadable` issue, with its code.
    let doc = read_bytes(b"PK\x03\x04 not really a zip");
    assert!(!doc.issues.is_empty());
    let back = through_transfer(&doc);
    let codes = |d: &Document| d.issues.iter().map(|i| (i.code, i.zh.clone())).collect::<Vec<_>>();
    assert_eq!(codes(&back), codes(&doc));
    // An unknown code cannot come back as itself: it counts as unreadable input.
    let json = serde_json::to_string(&Outgoing::new(&doc)).unwrap().replace("input.unreadable", "input.made-up");
    let back = serde_json::from_str::<Incoming>(&json).unwrap().into_document();
    assert!(back.issues.iter().all(|i| i.code == "input.unreadable"));
}

#[test]
fn text_and_html_need_no_reader() {
    for rel in ["samples/000_94a3ed044e7312ad.txt", "parity/000_94a3ed044e7312ad.html"] {
        assert_eq!(reader_for(&read(rel)), None, "{rel}");
    }
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("合计".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    assert_eq!(reader_for(&utf16), None);
    assert_eq!(reader_for(b""), None);
}
