//! Hygiene families on whole documents, grouping of identical findings, and the options
//! that change what is reported (disable, severity, rounding).

mod common;
use budgetlint::{check, Input, Level, Options};
use common::*;

/// The official 决算 template (附件2：部门决算模板.pdf as `pdftotext -layout` text): the
/// residue rules find its placeholders, and grouping keeps the report short.
#[test]
fn template_residue_is_found_and_grouped() {
    let r = check_file("corpus/final-accounts-template.txt");
    let residue: Vec<_> = r.findings.iter().filter(|f| f.rule.starts_with("residue.")).collect();
    let xx = residue.iter().find(|f| f.message.contains("“XX”")).expect("XX placeholders");
    assert!(xx.locations.len() > 100, "{}", xx.locations.len());
    assert!(xx.message.ends_with(&format!("（共 {} 处）", xx.locations.len())));
    assert!(residue.iter().any(|f| f.rule == "residue.instruction" && f.locations.len() > 20));
    assert!(residue.iter().any(|f| f.rule == "residue.alternative" && f.message.contains("增加（减少）")));
    // Hundreds of places, a dozen findings.
    assert!(residue.len() <= 15, "{:#?}", residue.iter().map(|f| &f.message).collect::<Vec<_>>());
    assert_eq!(r.summary.errors, 0);
}

#[test]
fn severity_override_by_rule_and_family() {
    let bytes = read("rules/residue.alternative.bad.txt");
    let mut opts = Options::default();
    opts.severity.insert("residue".into(), Level::Info);
    let r = check(Input::Bytes(&bytes), &opts);
    assert_eq!(digest(&r)[0].1, "info");
    // The rule's own entry wins over its family's.
    opts.severity.insert("residue.alternative".into(), Level::Error);
    let r = check(Input::Bytes(&bytes), &opts);
    assert_eq!((r.summary.errors, digest(&r)[0].1.as_str()), (1, "error"));
    opts.severity.insert("residue.alternative".into(), Level::Off);
    assert!(check(Input::Bytes(&bytes), &opts).findings.is_empty());
}

#[test]
fn disabling_a_hygiene_family() {
    let bytes = read("rules/layout.punctuation.bad.txt");
    assert_eq!(check(Input::Bytes(&bytes), &Options::default()).findings.len(), 2);
    let opts = Options { disable: vec!["layout".into()], ..Default::default() };
    assert!(check(Input::Bytes(&bytes), &opts).findings.is_empty());
    let opts = Options { disable: vec!["layout.punctuation".into()], ..Default::default() };
    assert!(check(Input::Bytes(&bytes), &opts).findings.is_empty());
    // A prefix that is not a whole family name disables nothing.
    let opts = Options { disable: vec!["lay".into()], ..Default::default() };
    assert_eq!(check(Input::Bytes(&bytes), &opts).findings.len(), 2);
}

#[test]
fn options_from_json_config() {
    let opts: Options = serde_json::from_str(
        r#"{"disable": ["layout"], "severity": {"residue.placeholder": "error"}, "rounding": "round-or-truncate", "lang": "en"}"#,
    )
    .unwrap();
    assert_eq!(opts.severity.get("residue.placeholder"), Some(&Level::Error));
    let r = check(Input::Bytes(&read("rules/residue.placeholder.bad.txt")), &opts);
    assert_eq!(r.summary.errors, 1);
    assert!(r.findings[0].message.starts_with("template placeholder"));
    assert!(serde_json::from_str::<Options>(r#"{"severity": {"x": "loud"}}"#).is_err());
}

/// The blank 单位预算 workbook (budget_template.xls, sheets exported as tab-separated text in
/// workbook order): placeholders, alternatives, `……` and the notes to the preparer.
#[test]
fn budget_workbook_template_residue() {
    let r = check_file("corpus/budget-template.txt");
    let got: Vec<(&str, usize)> =
        r.findings.iter().filter(|f| f.rule.starts_with("residue.")).map(|f| (f.rule, f.locations.len())).collect();
    assert_eq!(
        got,
        vec![
            ("residue.placeholder", 21),
            ("residue.placeholder", 14),
            ("residue.alternative", 7),
            ("residue.instruction", 3)
        ]
    );
    // The years fit a 2026 budget: compared with the 2025 budget, assets as at 2025.
    assert!(r.findings.iter().all(|f| !f.rule.starts_with("year.")));
}

/// Hostile numbering and years must not overflow (the wasm page would die on a panic).
#[test]
fn extreme_ordinals_and_years_do_not_panic() {
    let text = "某某局2023年度部门决算\n第4294967295部分 甲\n第4294967295部分 乙\n一、甲\n第1部分 丙\n与2099年相比，截至2000年，比2000年\n";
    let r = check(Input::Text(text), &Options::default());
    assert!(r.findings.iter().any(|f| f.rule == "year.comparison"));
    assert!(r.findings.iter().any(|f| f.rule == "year.as-of"));
}

/// A real document with its own name misspelt once in a table (a character inserted):
/// exactly that cell is reported; the untouched document gives no name finding.
#[test]
fn name_variant_in_a_real_document() {
    let text = String::from_utf8(read("samples/002_be18d6bea231d86c.txt")).unwrap();
    let names = |t: &str| -> Vec<(String, u32)> {
        check(Input::Text(t), &Options::default())
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("name."))
            .map(|f| (f.actual.clone().unwrap_or_default(), f.locations[0].line))
            .collect()
    };
    assert_eq!(names(&text), vec![]);
    let mutated =
        text.replacen("1\t611001\t渭南市医疗保障局\t2024年飞行", "1\t611001\t渭南市医疗保障管理局\t2024年飞行", 1);
    assert!(mutated.len() > text.len(), "the mutation applies");
    assert_eq!(names(&mutated), vec![("渭南市医疗保障管理局".to_owned(), 268)]);
}

/// A 元 table relabelled 万元 in a real budget: the text's `1,246.27万元` matches the table's
/// 12,462,702.17 only when read in 元. The untouched document gives no unit finding.
#[test]
fn unit_line_contradicted_by_the_text() {
    let text = String::from_utf8(read("samples/002_be18d6bea231d86c.txt")).unwrap();
    let units = |t: &str| -> Vec<(String, u32, String)> {
        check(Input::Text(t), &Options::default())
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("unit."))
            .map(|f| (f.rule.to_owned(), f.locations[0].line, f.message.clone()))
            .collect()
    };
    assert_eq!(units(&text), vec![]);
    // Line 353 is the unit line of 部门综合预算收入总表.
    let mut lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines[352], "单位：元");
    lines[352] = "单位：万元";
    let mutated = lines.join("\n");
    let got = units(&mutated);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1), ("unit.table-magnitude", 358));
    assert!(got[0].2.contains("“1,246.27万元”"), "{}", got[0].2);
}

#[test]
fn a_budget_may_report_last_years_execution() {
    let text = "某某局2024年部门预算\n\n一、2023年预算执行情况说明\n2023年预算执行数为120.00万元。\n二、2022年预算执行情况说明\n";
    let r = check(Input::Text(text), &Options::default());
    let got: Vec<(&str, u32)> =
        r.findings.iter().filter(|f| f.rule == "year.heading").map(|f| (f.rule, f.locations[0].line)).collect();
    assert_eq!(got, vec![("year.heading", 5)]);
}

/// Hard-wrapped PDF text: a bracket opened in one block and closed in the next is paired; one
/// never closed is reported where it opens.
#[test]
fn brackets_across_wrapped_blocks() {
    let rule = |t: &str| -> Vec<u32> {
        check(Input::Text(t), &Options::default())
            .findings
            .iter()
            .filter(|f| f.rule == "layout.brackets")
            .flat_map(|f| f.locations.iter().map(|l| l.line))
            .collect()
    };
    let wrapped = "（十二）以提高履职能力为重点加强自身建设。巩固“三\n严三实”专题教育成果。\n三、财政专户管理资金：包括专户管理行政事业性收费（主\n\n要是教育收费）、其他非税收入。\n";
    assert_eq!(rule(wrapped), Vec::<u32>::new());
    let unclosed = "一、预算绩效管理情况\n平均得分99.33分（其中，绩效评级为“优”的项目39个。\n\n十一、其他重要事项的情况说明\n\n（一）机关运行经费支出情况\n\n二、政府采购\n\n三、国有资产\n";
    assert_eq!(rule(unclosed), vec![2]);
}

#[test]
fn a_part_missing_from_the_contents() {
    let text = "某某局2023年度部门决算\n目录\n第一部分 部门概况\n第二部分 部门决算情况说明\n第三部分 名词解释\n第一部分 部门概况\n主要职能是负责全区的社会保险经办工作。\n第二部分 部门决算情况说明\n本年收入合计120.00万元。\n第三部分 名词解释\n基本支出：指为保障机构正常运转发生的支出。\n第四部分 附件\n绩效自评表见附件。\n";
    let r = check(Input::Text(text), &Options::default());
    let got: Vec<(&str, Vec<u32>)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "layout.contents")
        .map(|f| (f.message.as_str(), f.locations.iter().map(|l| l.line).collect()))
        .collect();
    assert_eq!(got, vec![("正文的 1 个部分不在目录中：第四部分附件", vec![12])]);
}
