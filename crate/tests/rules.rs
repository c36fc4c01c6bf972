//! Every table-arithmetic rule: a fixture with the problem (it fires, at the right place,
//! with the right numbers) and its corrected twin (silent).

mod common;
use common::*;

fn f(
    rule: &str,
    sev: &str,
    line: u32,
    col: &str,
    exp: &str,
    act: &str,
) -> (String, String, u32, String, String, String) {
    (rule.into(), sev.into(), line, col.into(), exp.into(), act.into())
}

#[test]
fn total_sum() {
    assert_eq!(
        digest(&check_file("rules/table.total-sum.bad.txt")),
        vec![
            f("table.total-sum", "error", 5, "本年支出合计", "90.00", "100.00"),
            f("table.total-sum", "error", 5, "项目支出", "30.00", "40.00"),
        ]
    );
    assert_eq!(digest(&check_file("rules/table.total-sum.good.txt")), vec![]);
}

#[test]
fn rounding_differences_are_never_errors() {
    assert_eq!(digest(&check_file("rules/table.total-sum.rounding.txt")), vec![]);
    // Three parts printed to 2 places: |total − Σ| may reach (3+1)·0.005 = 0.02 …
    assert_eq!(digest(&check_file("rules/table.total-sum.edge.txt")), vec![]);
    // … and one cent more cannot be rounding (only truncation could explain it: info).
    let r = check_file("rules/table.total-sum.beyond-edge.txt");
    assert_eq!(digest(&r), vec![f("table.total-sum", "info", 5, "本年支出合计", "90.00", "90.03")]);
}

#[test]
fn truncation_only_is_info_and_accepted_on_request() {
    let r = check_file("rules/table.total-sum.truncation.txt");
    assert_eq!(r.summary.errors, 0);
    assert_eq!(r.summary.infos, 2);
    let opts = budgetlint::Options { rounding: budgetlint::interval::Rounding::RoundOrTruncate, ..Default::default() };
    let r = budgetlint::check(budgetlint::Input::Bytes(&read("rules/table.total-sum.truncation.txt")), &opts);
    assert_eq!(r.findings.len(), 0);
}

#[test]
fn subject_sum() {
    assert_eq!(
        digest(&check_file("rules/table.subject-sum.bad.txt")),
        vec![
            f("table.subject-sum", "error", 7, "本年支出合计", "52.00", "50.00"),
            f("table.subject-sum", "error", 7, "基本支出", "32.00", "30.00"),
        ]
    );
    let r = check_file("rules/table.subject-sum.bad.txt");
    assert_eq!(
        r.findings[0].message,
        "支出决算表（公开03表）：20805 行政事业单位养老支出的本年支出合计 50.00 与下级科目合计 52.00（52.00）不符"
    );
    assert_eq!(r.findings[0].locations[0].row.as_deref(), Some("20805 行政事业单位养老支出"));
    assert_eq!(r.findings[0].locations[0].table.as_deref(), Some("支出决算表（公开03表）"));
    assert_eq!(digest(&check_file("rules/table.subject-sum.good.txt")), vec![]);
}

#[test]
fn row_sum() {
    let r = check_file("rules/table.row-sum.bad.txt");
    assert_eq!(
        digest(&r),
        vec![
            f("table.row-sum", "error", 6, "基本支出/小计", "78.40", "76.40"),
            f("table.row-sum", "error", 10, "基本支出/小计", "68.40", "66.40"),
            f("table.row-sum", "error", 11, "基本支出/小计", "68.40", "66.40"),
            f("table.row-sum", "error", 12, "基本支出/小计", "68.40", "66.40"),
        ]
    );
    assert_eq!(
        r.findings[1].message,
        "一般公共预算财政拨款支出决算表（公开05表）：221 住房保障支出的基本支出/小计 66.40 与人员经费、公用经费之和 68.40（52.10 + 16.30）不符"
    );
    assert_eq!(digest(&check_file("rules/table.row-sum.good.txt")), vec![]);
}

#[test]
fn item_sum() {
    assert_eq!(
        digest(&check_file("rules/table.item-sum.bad.txt")),
        vec![f("table.item-sum", "error", 8, "收入/决算数", "120.00", "130.00")]
    );
    assert_eq!(digest(&check_file("rules/table.item-sum.good.txt")), vec![]);
}

#[test]
fn balance() {
    let r = check_file("rules/table.balance.bad.txt");
    assert_eq!(digest(&r), vec![f("table.balance", "error", 11, "支出/决算数", "130.00", "125.00")]);
    assert_eq!(r.findings[0].locations.len(), 2, "both totals are cited");
    assert_eq!(digest(&check_file("rules/table.balance.good.txt")), vec![]);
}

#[test]
fn code_prefix() {
    let r = check_file("rules/code.prefix.bad.txt");
    assert_eq!(digest(&r), vec![f("code.prefix", "error", 7, "功能分类科目编码", "299…", "22960")]);
    assert_eq!(digest(&check_file("rules/code.prefix.good.txt")), vec![]);
}

#[test]
fn code_duplicate() {
    let r = check_file("rules/code.duplicate.bad.txt");
    assert_eq!(
        digest(&r),
        vec![
            f("code.duplicate", "error", 9, "功能分类科目编码", "", "2101501"),
            // The reference tells which of the two is wrong.
            f("code.name-mismatch", "warning", 9, "功能分类科目编码", "行政运行", "一般行政管理事务"),
        ]
    );
    assert_eq!(r.findings[0].locations[1].line, 8);
    assert_eq!(digest(&check_file("rules/code.duplicate.good.txt")), vec![]);
}

#[test]
fn code_names_against_the_reference() {
    let r = check_file("rules/code.name-mismatch.bad.txt");
    assert_eq!(
        digest(&r),
        vec![f("code.name-mismatch", "warning", 7, "科目编码", "卫生健康支出", "医疗卫生与计划生育支出")]
    );
    assert_eq!(
        r.findings[0].message,
        "科目 210 印为“医疗卫生与计划生育支出”，2024 年支出功能分类科目中该编码的名称为“卫生健康支出”（“医疗卫生与计划生育支出”是 2016–2018 年使用的名称）"
    );
    // Traditional characters, a （款） suffix: the same names.
    assert_eq!(digest(&check_file("rules/code.name-mismatch.good.txt")), vec![]);
    // The old name was right in 2018.
    assert_eq!(digest(&check_file("rules/code.name-mismatch.earlier-year.txt")), vec![]);
    // Summary tables name the classes without codes.
    let r = check_file("rules/code.name-mismatch.summary.txt");
    assert_eq!(
        digest(&r),
        vec![f("code.name-mismatch", "warning", 8, "支出/项目", "卫生健康支出", "医疗卫生与计划生育支出")]
    );
    let in_2018 = String::from_utf8(read("rules/code.name-mismatch.summary.txt")).unwrap().replace("2023", "2018");
    assert_eq!(digest(&check_text(&in_2018)), vec![]);

    let r = check_file("rules/code.inconsistent-name.bad.txt");
    assert_eq!(
        digest(&r),
        vec![f("code.inconsistent-name", "warning", 17, "科目编码", "科技转化与推广服务", "技术推广服务")]
    );
    assert_eq!(r.findings[0].locations[1].line, 9, "both places are given");
    assert_eq!(digest(&check_file("rules/code.inconsistent-name.good.txt")), vec![]);

    let r = check_file("rules/code.unknown.bad.txt");
    assert_eq!(digest(&r), vec![f("code.unknown", "info", 9, "科目编码", "", "2101555")]);
    assert_eq!(digest(&check_file("rules/code.unknown.good.txt")), vec![]);
}

#[test]
fn three_public_against_economic_lines() {
    let r = check_file("rules/cross.three-public-economic.bad.txt");
    assert_eq!(digest(&r), vec![f("cross.three-public-economic", "warning", 12, "合计", "≤ 0.80万元", "0.90万元")]);
    // Compared with the 决算数 row, not the 预算数 row (0.90).
    let other = &r.findings[0].locations[1];
    assert_eq!((other.line, other.column.as_deref()), (21, Some("公务接待费")));
    assert_eq!(digest(&check_file("rules/cross.three-public-economic.good.txt")), vec![]);
    // A budget's 三公 table with last year's and this year's columns: this year's (2025) is
    // compared; last year's 1.00 would have hidden the problem.
    assert_eq!(
        digest(&check_file("rules/cross.three-public-economic.dated-columns.txt")),
        vec![f("cross.three-public-economic", "warning", 11, "合计", "≤ 0.50万元", "0.80万元")]
    );
    // Without the unit lines the two tables cannot be compared (one may be in 元).
    let no_units =
        String::from_utf8(read("rules/cross.three-public-economic.bad.txt")).unwrap().replace("金额单位：万元\n", "");
    assert_eq!(digest(&check_text(&no_units)), vec![]);
}

#[test]
fn budget_tables_by_unit_take_part_in_cross_checks() {
    // 部门支出总表 (rows by unit): its 合计 row's 项目支出 is all funds' project spending, so the
    // 一般公共预算支出表's 项目支出 cannot exceed it. (Completeness is not what this tests.)
    let opts = budgetlint::Options { disable: vec!["completeness".into()], ..Default::default() };
    let run = |rel: &str| digest(&budgetlint::check(budgetlint::Input::Bytes(&read(rel)), &opts));
    assert_eq!(
        run("rules/cross.part-exceeds-whole.budget.bad.txt"),
        vec![f("cross.part-exceeds-whole", "error", 18, "项目支出", "≤ 40.00万元", "45.00万元")]
    );
    assert_eq!(run("rules/cross.part-exceeds-whole.budget.good.txt"), vec![]);
}

#[test]
fn a_title_wrapped_over_two_lines_still_announces_its_table() {
    // Text copied out of a PDF breaks a long title: `…收入支出决` / `算表`.
    let text = String::from_utf8(read("rules/completeness.missing-table.bad.txt")).unwrap()
        + "\n政府性基金预算财政拨款收入支出决\n算表\n\n国有资本经营预算财政拨款支出决算表\n";
    let got: Vec<_> = digest(&check_text(&text)).into_iter().map(|(rule, ..)| rule).collect();
    assert!(!got.iter().any(|r| r == "completeness.missing-table"), "{got:?}");
}

#[test]
fn named_totals_are_the_totals_of_their_part() {
    // 06 without a 合计 row: 人员经费合计 and 公用经费合计 are the parts' totals, not the
    // table's (a 上海 2024 决算 read from PDF gave a false 基本支出 error here).
    assert_eq!(digest(&check_file("rules/cross.same-figure.named-totals.txt")), vec![]);
    let text = String::from_utf8(read("rules/cross.same-figure.named-totals.txt"))
        .unwrap()
        .replace("\t50.00\t302", "\t55.00\t302")
        .replace("基本工资\t50.00", "基本工资\t55.00")
        .replace("人员经费合计\t\t50.00", "人员经费合计\t\t55.00");
    assert_eq!(
        digest(&check_text(&text)),
        vec![f("cross.same-figure", "error", 16, "决算数", "50.00万元", "55.00万元")]
    );
}

#[test]
fn a_narrative_file_whose_tables_are_published_apart() {
    // The narrative half of a split publication: its 目录 lists the tables of the other
    // file, and a few of their titles stand on lines of their own. One warning, no errors.
    let text = String::from_utf8(read("rules/completeness.no-tables.bad.txt")).unwrap().replacen(
        "第一部分 部门概况",
        "目录\n收入支出决算总表\n收入决算表\n支出决算表\n财政拨款收入支出决算总表\n第一部分 部门概况",
        1,
    );
    let r = check_text(&text);
    assert_eq!(r.summary.errors, 0, "{:?}", digest(&r));
    assert!(r.findings.iter().any(|f| f.rule == "completeness.no-tables"));
}

#[test]
fn an_empty_table_explained_by_a_zero_budget() {
    // `政府性基金拨款支出预算为0` explains an empty 政府性基金 table as well as `无`.
    let bad = String::from_utf8(read("rules/completeness.empty-table.bad.txt")).unwrap();
    assert!(check_text(&bad).findings.iter().any(|f| f.rule == "completeness.empty-table"));
    let explained = bad.replacen("\n", "\n政府性基金预算财政拨款支出为0。\n", 1);
    assert!(!check_text(&explained).findings.iter().any(|f| f.rule == "completeness.empty-table"));
}

#[test]
fn every_rule_has_a_firing_fixture() {
    // A registered rule without a fixture that makes it fire is not tested.
    let dir = fixture("rules");
    for rule in budgetlint::rules::all_rules().filter(|r| r.family != "input") {
        let bad = dir.join(format!("{}.bad.txt", rule.id));
        let good = dir.join(format!("{}.good.txt", rule.id));
        assert!(bad.exists() && good.exists(), "missing fixtures for {}", rule.id);
        let r = budgetlint::check(budgetlint::Input::Bytes(&std::fs::read(&bad).unwrap()), &Default::default());
        assert!(r.findings.iter().any(|f| f.rule == rule.id), "{} does not fire on its fixture", rule.id);
        let r = budgetlint::check(budgetlint::Input::Bytes(&std::fs::read(&good).unwrap()), &Default::default());
        assert!(r.findings.is_empty(), "{} twin is not clean: {:?}", rule.id, digest(&r));
    }
}

#[test]
fn disabling_a_rule_or_family() {
    let bytes = read("rules/table.total-sum.bad.txt");
    let opts = budgetlint::Options { disable: vec!["table.total-sum".into()], ..Default::default() };
    assert!(budgetlint::check(budgetlint::Input::Bytes(&bytes), &opts).findings.is_empty());
    let opts = budgetlint::Options { disable: vec!["table".into()], ..Default::default() };
    assert!(budgetlint::check(budgetlint::Input::Bytes(&bytes), &opts).findings.is_empty());
}

#[test]
fn cross_table() {
    let r = check_file("rules/cross.same-figure.bad.txt");
    assert_eq!(
        digest(&r),
        vec![
            f("cross.same-figure", "error", 18, "本年支出合计", "86.00万元", "85.00万元"),
            f("cross.same-figure", "error", 19, "本年支出合计", "86.00万元", "85.00万元"),
        ]
    );
    assert_eq!(
        r.findings[1].message,
        "卫生健康支出（210）的一般公共预算财政拨款支出合计：财政拨款收入支出决算总表（公开04表）为 86.00万元，一般公共预算财政拨款支出决算表（公开05表）为 85.00万元，两表不一致"
    );
    assert_eq!(r.findings[1].locations[1].line, 8, "the other table's cell is cited too");
    let r = check_file("rules/cross.part-exceeds-whole.bad.txt");
    assert_eq!(r.summary.errors, 4);
    assert!(r
        .findings
        .iter()
        .all(|f| f.rule == "cross.part-exceeds-whole" && f.actual.as_deref() == Some("65.00万元")));
}

#[test]
fn cross_table_converts_units() {
    // The same 05 table once in 元 and once in 万元: equal after conversion, so silent;
    // one yuan off beyond rounding is reported.
    let yuan = "某某局2023年度部门决算\n\n支出决算表\n金额单位：元\n功能分类科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n\t合计\t1,000,050.00\t600,000.00\t400,050.00\n210\t卫生健康支出\t1,000,050.00\t600,000.00\t400,050.00\n\n";
    let wan = "一般公共预算财政拨款支出决算表\n金额单位：万元\n功能分类科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n\t合计\t100.01\t60.00\t40.01\n210\t卫生健康支出\t100.01\t60.00\t40.01\n";
    assert_eq!(digest(&check_text(&format!("{yuan}{wan}"))), vec![]);
    let over = wan.replace("60.00", "60.02").replace("100.01", "100.03");
    let r = check_text(&format!("{yuan}{over}"));
    assert_eq!(r.summary.errors, 4, "{:#?}", digest(&r));
    assert!(r.findings.iter().all(|f| f.rule == "cross.part-exceeds-whole"));
}
