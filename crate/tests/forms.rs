//! The same table written as tab rows, a Markdown pipe table and an HTML fragment, and the
//! same file in UTF-8 (with and without BOM), GB18030 and UTF-16, give the same findings.

mod common;
use common::*;

/// (rule, column, expected, actual): everything but the line, which differs by form.
fn essence(r: &budgetlint::report::Report) -> Vec<(String, String, String, String)> {
    digest(r).into_iter().map(|(rule, _, _, col, exp, act)| (rule, col, exp, act)).collect()
}

const ROWS: &[&[&str]] = &[
    &["功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
    &["", "合计", "100.00", "60.00", "40.00"],
    &["208", "社会保障和就业支出", "50.00", "30.00", "20.00"],
    &["221", "住房保障支出", "40.00", "30.00", "10.00"],
];

fn caption() -> String {
    "支出决算表\n公开03表\n金额单位：万元\n".to_owned()
}

fn as_tabs() -> String {
    caption() + &ROWS.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n") + "\n"
}

fn as_pipes() -> String {
    let mut s = caption();
    for (i, r) in ROWS.iter().enumerate() {
        s += &format!("| {} |\n", r.join(" | "));
        if i == 0 {
            s += &format!("|{}|\n", vec!["---"; r.len()].join("|"));
        }
    }
    s
}

fn as_html() -> String {
    let mut s = caption() + "<table border=\"1\">\n";
    for r in ROWS {
        s += "<tr>";
        for c in r.iter() {
            s += &format!("<td>{}</td>", c.replace('合', "&#21512;"));
        }
        s += "</tr>\n";
    }
    s + "</table>\n"
}

#[test]
fn tab_pipe_and_html_tables_agree() {
    let want = vec![
        ("table.total-sum".to_owned(), "本年支出合计".to_owned(), "90.00".to_owned(), "100.00".to_owned()),
        ("table.total-sum".to_owned(), "项目支出".to_owned(), "30.00".to_owned(), "40.00".to_owned()),
    ];
    assert_eq!(essence(&check_text(&as_tabs())), want);
    assert_eq!(essence(&check_text(&as_pipes())), want);
    assert_eq!(essence(&check_text(&as_html())), want);
    // The finding points at the 合计 row's line in each form.
    assert_eq!(check_text(&as_tabs()).findings[0].locations[0].line, 5);
    assert_eq!(check_text(&as_pipes()).findings[0].locations[0].line, 6);
    assert_eq!(check_text(&as_html()).findings[0].locations[0].line, 6);
}

#[test]
fn encodings_agree() {
    let text = as_tabs();
    let base = essence(&check_text(&text));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    for (bytes, enc) in
        [(text.as_bytes().to_vec(), "UTF-8"), (bom, "UTF-8"), (gbk.into_owned(), "GB18030"), (utf16, "UTF-16LE")]
    {
        let r = budgetlint::check(budgetlint::Input::Bytes(&bytes), &Default::default());
        assert_eq!(r.document.encoding, enc);
        assert_eq!(essence(&r), base, "{enc}");
    }
}

#[test]
fn full_width_digits_and_debris() {
    let text = as_tabs().replace("100.00", "１００．００").replace("社会保障", "[bookmark: _Toc1]社会保障");
    let r = check_text(&text);
    // Same findings; the figure is quoted as printed.
    let strip =
        |v: Vec<(String, String, String, String)>| v.into_iter().map(|(a, b, c, _)| (a, b, c)).collect::<Vec<_>>();
    assert_eq!(strip(essence(&r)), strip(essence(&check_text(&as_tabs()))));
    assert_eq!(r.findings[0].actual.as_deref(), Some("１００．００"));
}

#[test]
fn hostile_input_is_bounded_and_never_panics() {
    let garbage: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let r = budgetlint::check(budgetlint::Input::Bytes(&garbage), &Default::default());
    assert!(r.findings.iter().any(|f| f.rule == "input.encoding"));
    let deep = "<table>".repeat(5000) + &"<tr><td>1</td></tr>".repeat(10);
    let _ = check_text(&deep);
    let long_line = "1\t".repeat(30_000);
    let r = check_text(&long_line);
    assert!(r.findings.iter().any(|f| f.rule == "input.too-large"));
    let _ = check_text("\t\t\t\n\t\n|\n|||\n<table><tr><td colspan=999999999>");
}
