//! Hostile and broken PDFs: each gives a clear message (a read issue reported as an
//! `input.*` finding) and no panic, in bounded time.

mod common;
use budgetlint::ingest::{pdf, read_bytes};
use budgetlint::{check, Input, Options};

/// A PDF file from object bodies (numbered from 1) with a correct cross-reference table.
fn build(objs: &[String], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1)
            .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &str) -> String {
    format!("<< {dict} /Length {} >>\nstream\n{data}\nendstream", data.len())
}

/// One page showing `content` with font F1: a Type0 Identity-H font whose ToUnicode maps
/// 0x0001 to the Kangxi radical ⼀ (U+2F00) and 0x0002.. to 合计 and digits.
fn one_page(content: &str, extra_res: &str, extra_objs: &[String]) -> Vec<String> {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 3 beginbfchar <0001> <2F00> <0002> <5408> <0003> <8BA1> endbfchar 1 beginbfrange <0010> <0019> <0030> endbfrange endcmap end end";
    let mut v = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> {extra_res} >> >>"),
        stream("", content),
        "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /W [16 [500 500 500 500 500 500 500 500 500 500]] >>".to_owned(),
        stream("", cmap),
    ];
    v.extend_from_slice(extra_objs);
    v
}

fn codes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '⼀' => "0001".to_owned(),
            '合' => "0002".to_owned(),
            '计' => "0003".to_owned(),
            d => format!("{:04X}", 0x10 + d.to_digit(10).unwrap()),
        })
        .collect()
}

fn rules(bytes: &[u8]) -> Vec<&'static str> {
    check(Input::Bytes(bytes), &Options::default()).findings.iter().map(|f| f.rule).collect()
}

#[test]
fn minimal_pdf_text_with_radicals_normalised() {
    let content = format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET", codes("⼀合计12"));
    let bytes = build(&one_page(&content, "", &[]), "");
    let doc = read_bytes(&bytes);
    assert_eq!(doc.encoding, "PDF");
    assert!(doc.lines.iter().any(|l| l == "一合计12"), "{:?}", doc.lines);
    assert!(doc.issues.is_empty(), "{:?}", doc.issues);
    assert_eq!(pdf::page_count(&bytes), 1);
}

#[test]
fn truncated_pdf_gives_a_message() {
    let content = format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET", codes("合计"));
    let bytes = build(&one_page(&content, "", &[]), "");
    for cut in [9, 40, bytes.len() / 3, bytes.len() / 2, bytes.len() - 30] {
        let doc = read_bytes(&bytes[..cut]);
        assert!(!doc.issues.is_empty() || doc.lines.iter().any(|l| l.contains("合计")), "cut at {cut}");
    }
    assert!(rules(&bytes[..40]).contains(&"input.unreadable"));
}

#[test]
fn garbage_after_header_is_damaged() {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((x >> 16) as u8);
    }
    let r = check(Input::Bytes(&bytes), &Options::default());
    let f = r.findings.iter().find(|f| f.rule == "input.unreadable").expect("damaged message");
    assert!(f.message.contains("损坏"), "{}", f.message);
}

#[test]
fn encrypted_pdf_is_refused_clearly() {
    let mut objs = one_page("BT /F1 12 Tf 72 700 Td <0002> Tj ET", "", &[]);
    objs.push("<< /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >>".to_owned());
    let bytes = build(&objs, "/Encrypt 8 0 R /ID [<01> <01>]");
    let r = check(Input::Bytes(&bytes), &Options::default());
    let f = r.findings.iter().find(|f| f.rule == "input.unreadable").expect("encrypted message");
    assert!(f.message.contains("加密"));
}

#[test]
fn image_only_pdf_needs_ocr() {
    // A page that only paints an image (what a scanner produces).
    let img = stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        "\u{0}\u{ff}\u{ff}\u{0}",
    );
    let bytes = build(&one_page("q 500 0 0 700 40 60 cm /Im1 Do Q", "/XObject << /Im1 8 0 R >>", &[img]), "");
    let r = check(Input::Bytes(&bytes), &Options::default());
    let f = r.findings.iter().find(|f| f.rule == "input.pdf-no-text").expect("OCR message");
    assert!(f.message.contains("OCR"), "{}", f.message);
}

#[test]
fn deeply_nested_and_self_drawing_forms_are_bounded() {
    // Form 8 draws form 9 draws … 8 + 199; the last draws itself.
    let n = 200;
    let mut forms = Vec::new();
    for i in 0..n {
        let me = 8 + i;
        let next = if i + 1 < n { me + 1 } else { me };
        forms.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X {next} 0 R >> >>"),
            &format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET /X Do", codes("1")),
        ));
    }
    let bytes = build(&one_page("/X Do", "/XObject << /X 8 0 R >>", &forms), "");
    let start = std::time::Instant::now();
    let r = check(Input::Bytes(&bytes), &Options::default());
    assert!(start.elapsed().as_secs() < 10);
    let f = r.findings.iter().find(|f| f.rule == "input.too-large").expect("nesting message");
    assert!(f.message.contains("嵌套"), "{}", f.message);
}

#[test]
fn caps_give_partial_results_with_a_message() {
    let content = format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET", codes("12"));
    let mut objs = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_owned(), String::new()];
    let pages = 30;
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 3 + i)).collect();
    objs[1] = format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" "));
    let content_obj = 3 + pages;
    for _ in 0..pages {
        objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_obj} 0 R /Resources << /Font << /F1 {} 0 R >> >> >>", content_obj + 1));
    }
    let base = one_page(&content, "", &[]);
    objs.push(base[3].clone());
    objs.push(
        base[4]
            .replace("6 0 R", &format!("{} 0 R", content_obj + 2))
            .replace("7 0 R", &format!("{} 0 R", content_obj + 3)),
    );
    objs.push(base[5].clone());
    objs.push(base[6].clone());
    let bytes = build(&objs, "");
    let limits = pdf::Limits { max_pages: 5, ..Default::default() };
    let doc = pdf::read_with(&bytes, limits);
    assert!(doc.issues.iter().any(|i| i.code == "input.too-large" && i.zh.contains("前 5 页")), "{:?}", doc.issues);
    assert!(doc.lines.iter().any(|l| l == "12"), "{:?}", doc.lines);
    let limits = pdf::Limits { max_operators: 3, ..Default::default() };
    let doc = pdf::read_with(&bytes, limits);
    assert!(doc.issues.iter().any(|i| i.code == "input.too-large"));
}

/// Bounded random mutation of real and built PDFs (a stable-toolchain stand-in for the
/// `cargo fuzz` target in `fuzz/`): flipped, inserted and deleted bytes never panic.
#[test]
fn mutated_pdfs_never_panic() {
    let content = format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET 0 0 m 100 0 l S 10 10 50 50 re f", codes("⼀合计12"));
    let seeds = [
        build(&one_page(&content, "", &[]), ""),
        common::read("corpus/江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for seed in &seeds {
        for _ in 0..40 {
            let mut b = seed.clone();
            for _ in 0..1 + next() % 20 {
                let at = (next() as usize) % b.len().max(1);
                match next() % 3 {
                    0 => b[at] = next() as u8,
                    1 => b.insert(at, next() as u8),
                    _ => {
                        b.remove(at);
                    }
                }
            }
            let _ = read_bytes(&b);
        }
    }
}

/// Regression: an input cargo fuzz found that took 13 s (nested arrays of numbers re-parsed
/// after every failed `n g R` look-ahead).
#[test]
fn fuzz_found_nested_arrays_are_fast() {
    let bytes = common::read("pdf/fuzz-nested-arrays.pdf");
    let start = std::time::Instant::now();
    let _ = check(Input::Bytes(&bytes), &Options::default());
    assert!(start.elapsed().as_secs() < 3, "{:?}", start.elapsed());
}

/// Many pages each drawing a dense grid of rulings: grid building has a document-wide
/// budget, so this stays fast.
#[test]
fn dense_rulings_on_every_page_are_bounded() {
    let mut content = String::from("BT /F1 12 Tf 72 700 Td <0010> Tj ET ");
    for i in 0..100 {
        let k = 50 + i * 7;
        content.push_str(&format!("50 {k} m 750 {k} l S {k} 50 m {k} 750 l S "));
    }
    let pages = 200;
    let mut objs = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_owned()];
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 3 + i)).collect();
    objs.push(format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")));
    let c = 3 + pages;
    for _ in 0..pages {
        objs.push(format!(
            "<< /Type /Page /MediaBox [0 0 800 800] /Contents {c} 0 R /Resources << /Font << /F1 {} 0 R >> >> >>",
            c + 1
        ));
    }
    let base = one_page(&content, "", &[]);
    objs.push(base[3].clone());
    objs.push(base[4].replace("6 0 R", &format!("{} 0 R", c + 2)).replace("7 0 R", &format!("{} 0 R", c + 3)));
    objs.push(base[5].clone());
    objs.push(base[6].clone());
    let bytes = build(&objs, "");
    let start = std::time::Instant::now();
    let doc = read_bytes(&bytes);
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    assert!(doc.lines.iter().any(|l| l.contains('0')));
}
