//! DOCX, XLSX, XLS and HTML readers: parity with the text samples, exact numbers from
//! workbooks, provenance, and hostile input.

mod common;
use budgetlint::document::{Block, Document, RawTable};
use budgetlint::ingest::read_bytes;
use common::*;
use std::io::Write;
use std::time::{Duration, Instant};

#[test]
fn docx_and_html_versions_of_the_samples_give_the_same_findings() {
    for s in SAMPLES {
        let text = findings(&format!("samples/{s}.txt"));
        for ext in ["docx", "html"] {
            let other = findings(&format!("parity/{s}.{ext}"));
            assert_eq!(other, text, "{s}.{ext} differs from the text version");
        }
    }
    // Not vacuous: sample 000 has findings, and they come from the readers' formats.
    assert!(findings("samples/000_94a3ed044e7312ad.txt").len() > 10);
    assert_eq!(check_file("parity/000_94a3ed044e7312ad.docx").document.encoding, "DOCX");
    assert_eq!(check_file("parity/000_94a3ed044e7312ad.html").document.encoding, "HTML (UTF-8)");
}

#[test]
fn docx_findings_point_at_word_table_cells() {
    let r = check_file("parity/000_94a3ed044e7312ad.docx");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "table.subject-sum" && f.message.contains("21015"))
        .expect("subject-sum on 21015");
    let cell = f.locations[0].cell.as_deref().expect("a cell location");
    assert!(cell.starts_with("表格") && cell.contains('!'), "{cell}");
    // The merged header cells of the first parity table were expanded to the text's grid.
    let doc = read_bytes(&read("parity/000_94a3ed044e7312ad.docx"));
    let summary = tables(&doc).into_iter().find(|t| t.rows[0].texts().any(|c| c == "收 入")).unwrap();
    let header: Vec<&str> = summary.rows[0].texts().collect();
    assert_eq!(header, vec!["收 入", "", "支 出", ""]);
}

fn tables(doc: &Document) -> Vec<&RawTable> {
    doc.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
}

/// The table cell whose text is `label` in column 0, and the text of its column `col`.
fn cell_right_of<'a>(doc: &'a Document, label: &str, col: usize) -> Option<(&'a str, String)> {
    for t in tables(doc) {
        for r in &t.rows {
            if r.cells.first().is_some_and(|c| c.text == label) {
                let c = r.cells.get(col)?;
                return Some((c.text.as_str(), c.span.cell.map(|c| doc.cell_name(c)).unwrap_or_default()));
            }
        }
    }
    None
}

#[test]
fn xlsx_numbers_are_exact_and_printed_with_the_cell_format() {
    for file in ["office/sample000-tables.xlsx", "office/sample000-tables.lo.xlsx"] {
        let doc = read_bytes(&read(file));
        assert_eq!(doc.encoding, "XLSX");
        assert_eq!(doc.sheets.len(), 23, "{file}");
        // 1147.09 stored as a number with format #,##0.00.
        let (text, cell) = cell_right_of(&doc, "本年收入合计", 1).unwrap();
        assert_eq!(text, "1,147.09");
        assert_eq!(cell, "收入支出决算总表!B31", "{file}"); // openpyxl: A31 本年收入合计, B31 1147.09
                                                            // 0.4 prints as 0.40 with two decimals; the code stays text.
        let (text, cell) = cell_right_of(&doc, "30205", 2).unwrap();
        assert_eq!(text, "0.40");
        assert_eq!(cell, "表9!C24", "{file}");
    }
}

#[test]
fn xls_template_is_read_with_its_sheets_codes_and_tables() {
    let doc = read_bytes(&read("office/budget_template.xls"));
    assert_eq!(doc.encoding, "XLS");
    assert_eq!(doc.sheets.len(), 16);
    assert_eq!(doc.sheets[0], "封面");
    let t = tables(&doc)
        .into_iter()
        .find(|t| t.rows.iter().any(|r| r.texts().any(|c| c == "高等教育")))
        .expect("收入总表 body");
    let row = t.rows.iter().find(|r| r.texts().any(|c| c == "高等教育")).unwrap();
    let texts: Vec<&str> = row.texts().take(4).collect();
    // Codes split over 类/款/项 keep their leading zeros (text cells).
    assert_eq!(texts, vec!["205", "02", "05", "高等教育"]);
    // LibreOffice puts 高等教育 at D11 of 单位收入总表.
    assert_eq!(doc.cell_name(row.cells[3].span.cell.unwrap()), "单位收入总表!D11");
    let r = check_file("office/budget_template.xls");
    assert_eq!(r.summary.errors, 0, "{:#?}", r.findings);
    assert!(r.document.recognised.contains(&"budget.gov-fund".to_owned()));
    assert_eq!(r.document.tables, 11);
}

#[test]
fn portal_page_with_image_tables_says_so() {
    let r = check_file("office/budget2017.jsp");
    assert_eq!(r.document.tables, 0);
    let f = r.findings.iter().find(|f| f.rule == "input.images-only").expect("images-only finding");
    assert!(f.message.contains("8 张图片") && f.message.contains("无法检查"), "{}", f.message);
}

#[test]
fn pasted_html_goes_through_the_html_reader() {
    let html = "<html><body><p>收入决算表</p><p>金额单位：万元</p><table><tr><td>项目</td><td>合计</td></tr>\
<tr><td>合计</td><td>3.00</td></tr><tr><td>201 一般公共服务支出</td><td>1.00</td></tr>\
<tr><td>205 教育支出</td><td>1.00</td></tr></table></body></html>";
    let r = check_text(html);
    assert!(r.document.encoding.starts_with("HTML"));
    assert_eq!(r.document.tables, 1);
    assert!(r.findings.iter().any(|f| f.rule == "table.total-sum"), "{:#?}", r.findings);
}

// ------------------------------------------------------------------ crafted documents

fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn lines(doc: &Document) -> Vec<&str> {
    doc.lines.iter().map(String::as_str).filter(|l| !l.trim().is_empty()).collect()
}

#[test]
fn docx_numbering_headings_and_merged_cells() {
    let numbering = format!(
        "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>\
</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    let styles = format!(
        "<w:styles {W}><w:style w:styleId=\"a1\"><w:name w:val=\"标题 1\"/></w:style>\
<w:style w:styleId=\"T2\"><w:name w:val=\"Sub\"/><w:basedOn w:val=\"a1\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style></w:styles>"
    );
    let p = |style: &str, num: Option<(u8, u8)>, text: &str| {
        let mut ppr = String::new();
        if !style.is_empty() {
            ppr.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
        }
        if let Some((id, lvl)) = num {
            ppr.push_str(&format!("<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>"));
        }
        format!("<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let tc = |props: &str, text: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p("", None, text));
    let body = [
        p("a1", None, "部门概况"),
        p("", Some((3, 0)), "主要职责"),
        p("", Some((3, 1)), "职能"),
        p("", Some((3, 1)), "机构"),
        p("", Some((3, 0)), "人员情况"),
        p("T2", None, "收入决算表"),
        p("", None, "金额单位：万元"),
        "<w:tbl><w:tr>".to_owned()
            + &tc("<w:vMerge w:val=\"restart\"/>", "项目")
            + &tc("<w:gridSpan w:val=\"2\"/>", "本年收入")
            + "</w:tr><w:tr>"
            + &tc("<w:vMerge/>", "")
            + &tc("", "财政拨款")
            + &tc("", "其他<w:br/>收入")
            + "</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>"
            + &tc("", "1,246.27")
            + &tc("", "0.10")
            + "</w:tr></w:tbl>",
        // Deleted text and the fallback copy of a text box are not shown.
        "<w:p><w:r><w:delText>删除的</w:delText><w:t>保留&amp;的</w:t></w:r></w:p>".to_owned(),
    ]
    .concat();
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let bytes = zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/numbering.xml", &numbering),
    ]);
    let doc = read_bytes(&bytes);
    assert_eq!(
        lines(&doc),
        vec![
            "# 部门概况",
            "一、主要职责",
            "（一）职能",
            "（二）机构",
            "二、人员情况",
            "## 收入决算表",
            "金额单位：万元",
            "项目\t本年收入\t",
            "\t财政拨款\t其他 收入",
            "\t1,246.27\t0.10",
            "保留&的",
        ]
    );
    let t = tables(&doc)[0];
    assert_eq!(doc.cell_name(t.rows[2].cells[1].span.cell.unwrap()), "表格1!B3");
    assert_eq!(t.rows[1].cells[0].span.cell, None, "covered by the merge above");
    assert!(matches!(&doc.blocks[0], Block::Heading(h) if h.text == "部门概况" && h.markdown_level == 1));
}

#[test]
fn xlsx_shared_strings_formats_and_general_numbers() {
    let workbook =
        "<workbook xmlns:r=\"r\"><sheets><sheet name=\"收入决算表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    let rels = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    let strings = "<sst><si><t>项目</t></si><si><r><t>合</t></r><r><t>计</t></r><rPh><t>ごうけい</t></rPh></si><si><t>金额单位：万元</t></si></sst>";
    let styles =
        "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"#,##0.00_);[Red]\\(#,##0.00\\)\"/></numFmts>\
<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>";
    let sheet = "<worksheet><sheetData>\
<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c></row>\
<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"C3\" t=\"str\"><f>x</f><v>占比</v></c></row>\
<row r=\"4\"><c r=\"A4\" t=\"s\"><v>1</v></c><c r=\"B4\" s=\"1\"><v>1246.2700000000001</v></c><c r=\"C4\" s=\"2\"><v>0.125</v></c></row>\
<row r=\"5\"><c r=\"A5\" t=\"s\"><v>99</v></c><c r=\"B5\" s=\"1\"><v>0.1</v></c><c r=\"C5\"><v>0.30000000000000004</v></c></row>\
</sheetData><mergeCells><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>";
    let bytes = zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet),
    ]);
    let doc = read_bytes(&bytes);
    assert_eq!(
        lines(&doc),
        vec!["# 收入决算表", "金额单位：万元", "项目\t合计\t占比", "合计\t1,246.27\t12.50%", "\t0.10\t0.3"]
    );
    let t = tables(&doc)[0];
    assert_eq!(doc.cell_name(t.rows[2].cells[1].span.cell.unwrap()), "收入决算表!B5");
}

// ------------------------------------------------------------------ hostile input

fn issue_codes(doc: &Document) -> Vec<&str> {
    doc.issues.iter().map(|i| i.code).collect()
}

#[test]
fn zip_bombs_are_cut_at_the_cap() {
    for f in ["office/hostile/bomb.docx", "office/hostile/bomb-lying.docx"] {
        let t = Instant::now();
        let doc = read_bytes(&read(f));
        let issue = doc.issues.iter().find(|i| i.code == "input.too-large").expect(f);
        assert!(issue.zh.contains("压缩炸弹") && issue.zh.contains("48 MB"), "{}", issue.zh);
        assert!(doc.lines.iter().any(|l| l == "bomb"), "partial content kept");
        assert!(t.elapsed() < Duration::from_secs(60));
    }
}

#[test]
fn truncated_and_garbage_packages_get_a_clear_message() {
    let full = read("parity/001_1d3965113ca8330b.docx");
    for cut in [full.len() / 2, full.len() - 30, 100, 4] {
        let doc = read_bytes(&full[..cut]);
        assert!(issue_codes(&doc).contains(&"input.unreadable"), "cut at {cut}: {:?}", issue_codes(&doc));
        assert!(doc.issues[0].zh.contains("损坏") || doc.issues[0].zh.contains("无法"), "{}", doc.issues[0].zh);
    }
    let mut garbage = b"PK\x03\x04".to_vec();
    let mut x = 12345u32;
    for _ in 0..50_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    let doc = read_bytes(&garbage);
    assert_eq!(issue_codes(&doc), vec!["input.unreadable"]);
    // A ZIP that is neither Word nor Excel.
    let doc = read_bytes(&zip(&[("a.txt", "hello")]));
    assert!(doc.issues[0].zh.contains("不是 Word"));
    // OLE2 header with junk after it: not a workbook.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(7u8, 4096));
    let doc = read_bytes(&ole);
    assert_eq!(issue_codes(&doc), vec!["input.unreadable"]);
}

/// Found by `cargo fuzz` (target xls) when XLS went through calamine 0.35, which sliced out
/// of range in its formula parser (a wasm trap). Our BIFF reader reads the sheets around it.
#[test]
fn fuzzed_xls_that_crashed_calamine_is_read() {
    // The fuzzer's crash input is the template with eight bytes changed.
    let mut xls = read("office/budget_template.xls");
    for (at, byte) in
        [(160067, 0), (160069, 8), (160070, 1), (204946, 0), (204947, 16), (204948, 2), (204949, 8), (204950, 15)]
    {
        xls[at] = byte;
    }
    let doc = read_bytes(&xls);
    assert_eq!(doc.sheets.len(), 16);
}

#[test]
fn xls_reads_like_the_same_workbook_as_xlsx() {
    // LibreOffice saved the XLSX as BIFF8: same cells, same printed figures (1,147.09, 0.40:
    // the number formats' decimals are applied to the stored doubles).
    let xls = read_bytes(&read("office/sample000-tables.xls"));
    let xlsx = read_bytes(&read("office/sample000-tables.lo.xlsx"));
    assert_eq!(xls.encoding, "XLS");
    assert_eq!(xls.sheets, xlsx.sheets);
    assert_eq!(xls.lines, xlsx.lines);
    let (text, cell) = cell_right_of(&xls, "本年收入合计", 1).unwrap();
    assert_eq!((text, cell.as_str()), ("1,147.09", "收入支出决算总表!B31"));
    assert_eq!(cell_right_of(&xls, "30205", 2).unwrap().0, "0.40");
    let a: Vec<_> = check_file("office/sample000-tables.xls").findings.iter().map(|f| f.message.clone()).collect();
    let b: Vec<_> = check_file("office/sample000-tables.lo.xlsx").findings.iter().map(|f| f.message.clone()).collect();
    assert_eq!(a, b);
}

#[test]
fn legacy_word_doc_is_recognised() {
    // LibreOffice's .doc: an OLE2 file like XLS, told apart by its WordDocument stream.
    let doc = read_bytes(&read("office/hostile/legacy.doc"));
    assert_eq!(issue_codes(&doc), vec!["input.unreadable"]);
    assert!(doc.issues[0].zh.contains(".doc") && doc.issues[0].zh.contains(".docx"), "{}", doc.issues[0].zh);
}

#[test]
fn huge_sheet_is_capped_with_a_message() {
    let mut sheet = String::from("<worksheet><sheetData>");
    for r in 1..=3100u32 {
        sheet.push_str(&format!("<row r=\"{r}\">"));
        for c in 0..100u32 {
            sheet.push_str(&format!("<c><v>{}</v></c>", r * 100 + c));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("<row r=\"3101\"><c r=\"XFD3101\"><v>1</v></c></row></sheetData></worksheet>");
    let bytes = zip(&[
        ("xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\" xmlns:r=\"r\"/></sheets></workbook>"),
        (
            "xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Target=\"/xl/worksheets/s.xml\"/></Relationships>",
        ),
        ("xl/worksheets/s.xml", &sheet),
    ]);
    let t = Instant::now();
    let doc = read_bytes(&bytes);
    assert!(
        doc.issues.iter().any(|i| i.code == "input.too-large" && i.zh.contains("300000")),
        "{:?}",
        issue_codes(&doc)
    );
    assert!(t.elapsed() < Duration::from_secs(60));
    let r = budgetlint::check(budgetlint::Input::Bytes(&bytes), &budgetlint::Options::default());
    assert!(r.findings.iter().any(|f| f.rule == "input.too-large"));
}

#[test]
fn deep_xml_nesting_is_refused() {
    let deep = "<w:sdt>".repeat(5000);
    let document = format!("<w:document {W}><w:body><w:p><w:r><w:t>前文</w:t></w:r></w:p>{deep}</w:body></w:document>");
    let doc = read_bytes(&zip(&[("word/document.xml", &document)]));
    assert!(doc.issues.iter().any(|i| i.code == "input.too-large" && i.zh.contains("嵌套")));
    assert!(doc.lines.iter().any(|l| l == "前文"));
}

#[test]
fn deep_and_broken_html_is_bounded() {
    let deep =
        format!("<html><body>{}<p>正文</p>{}</body></html>", "<div><span>".repeat(100_000), "</table>".repeat(1000));
    let t = Instant::now();
    let doc = budgetlint::ingest::read_str(&deep);
    assert!(doc.lines.iter().any(|l| l == "正文"));
    let nested = format!(
        "<html><body>{}1{}</body></html>",
        "<table><tr><td>".repeat(10_000),
        "</td></tr></table>".repeat(10_000)
    );
    let doc = budgetlint::ingest::read_str(&nested);
    assert!(tables(&doc).len() <= 1);
    let lt = format!("<html><body>{}</body></html>", "<a".repeat(500_000));
    let _ = budgetlint::ingest::read_str(&lt);
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());
}

/// Bounded mutation test (stable toolchain; the `fuzz/` targets do the same unbounded):
/// flip, insert and cut bytes of every office fixture; the readers must neither panic nor hang.
#[test]
fn mutated_office_files_never_panic() {
    let files = [
        "parity/001_1d3965113ca8330b.docx",
        "office/sample000-tables.lo.xlsx",
        "office/budget_template.xls",
        "parity/004_eb9ab8f41db5dee9.html",
    ];
    let mut x = 0x9E37_79B9u32;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x
    };
    let t = Instant::now();
    for f in files {
        let orig = read(f);
        for round in 0..40 {
            let mut m = orig.clone();
            for _ in 0..(1 + round % 8) {
                let at = next() as usize % m.len();
                match next() % 3 {
                    0 => m[at] ^= 1 << (next() % 8),
                    1 => m.insert(at, next() as u8),
                    _ => m.truncate(at.max(8)),
                }
            }
            let _ = read_bytes(&m);
        }
    }
    assert!(t.elapsed() < Duration::from_secs(300));
}
