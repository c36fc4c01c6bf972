//! The 绩效 (performance) family: forms read as key–value grids, their arithmetic, and the
//! 绩效 text against the forms. Each case states the numbers it checks.

mod common;
use common::*;

/// (rule, severity, line, expected, actual) of the performance findings.
fn perf(r: &budgetlint::report::Report) -> Vec<(String, String, u32, String, String)> {
    digest(r)
        .into_iter()
        .filter(|(rule, ..)| rule.starts_with("performance."))
        .map(|(rule, sev, line, _, e, a)| (rule, sev, line, e, a))
        .collect()
}

fn p(rule: &str, sev: &str, line: u32, e: &str, a: &str) -> (String, String, u32, String, String) {
    (rule.into(), sev.into(), line, e.into(), a.into())
}

fn fixture_text(rel: &str) -> String {
    String::from_utf8(read(rel)).unwrap()
}

#[test]
fn table_rate() {
    let r = check_file("rules/performance.rate.bad.txt");
    // 10.18 ÷ 17 = 59.88 %, the form prints 95.88 % (the 其中 row has it right).
    assert_eq!(perf(&r), vec![p("performance.rate", "error", 6, "59.88%", "95.88%")]);
    assert_eq!(
        r.findings[0].message,
        "预算（项目）绩效目标自评表（2020年度）（新型农村合作医疗管理工作）：年度资金总额的执行率应为 59.88%（10.18 ÷ 17），表中为 95.88%"
    );
    assert_eq!(r.findings[0].locations[0].column.as_deref(), Some("执行率"));
    assert_eq!(perf(&check_file("rules/performance.rate.good.txt")), vec![]);
}

#[test]
fn table_rate_rounding_and_truncation() {
    let good = fixture_text("rules/performance.rate.good.txt");
    // 59.882…: 59.9 % and 60 % are rounding; 59.8 % only truncation explains (info).
    for (printed, want) in [("59.9%", vec![]), ("60%", vec![]), ("59.8%", vec![])] {
        let text = good.replacen("59.88%", printed, 1);
        assert_eq!(perf(&check_text(&text)), want, "{printed}");
    }
    // With 17.00: 10.18 ÷ 17.00 ∈ [59.835 %, 59.929 %]; 59.82 % only truncation explains.
    let text = good.replacen("\t17\t10.18\t59.88%", "\t17.00\t10.18\t59.82%", 1);
    assert_eq!(perf(&check_text(&text)), vec![p("performance.rate", "info", 6, "59.88%", "59.82%")]);
    // A zero budget has no rate to check.
    let zero = good.replacen("\t17\t10.18\t59.88%", "\t0\t10.18\t%", 1);
    assert_eq!(perf(&check_text(&zero)), vec![]);
}

#[test]
fn score_formula() {
    let r = check_file("rules/performance.score-formula.bad.txt");
    // 得分（20分*执行率）: 20 × 24.62 % = 4.92, the form prints 14.
    assert_eq!(perf(&r), vec![p("performance.score-formula", "error", 6, "4.92", "14")]);
    assert_eq!(perf(&check_file("rules/performance.score-formula.good.txt")), vec![]);
    let good = fixture_text("rules/performance.score-formula.good.txt");
    // 59.76 % gives 11.95, printed as a whole number 12: rounding.
    let text = good.replacen("14.77\t24.62%\t5", "102.17\t59.76%\t12", 1).replacen("\t60\t", "\t170.96\t", 1);
    assert_eq!(perf(&check_text(&text)).into_iter().filter(|f| f.0 == "performance.score-formula").count(), 0);
    // Above 100 % full marks are accepted.
    let over = good.replacen("14.77\t24.62%\t5", "113.87\t189.78%\t20", 1);
    assert_eq!(perf(&check_text(&over)).into_iter().filter(|f| f.0 == "performance.score-formula").count(), 0);
    // Without the formula in the heading the score is not checked against the rate.
    let plain = fixture_text("rules/performance.score-formula.bad.txt").replacen("得分 (20分*执行率)", "得分", 1);
    assert_eq!(perf(&check_text(&plain)), vec![]);
}

#[test]
fn score_total() {
    let r = check_file("rules/performance.score-total.bad.txt");
    // 5 + 30 + 30 + 20 = 85, the form says 94.
    assert_eq!(perf(&r), vec![p("performance.score-total", "error", 12, "85", "94")]);
    assert!(r.findings[0].message.contains("总分应为 85（5 + 30 + 30 + 20），表中为 94"));
    assert_eq!(perf(&check_file("rules/performance.score-total.good.txt")), vec![]);
    // A row whose score cannot be read (cells lost in conversion): no sum is attempted.
    let lost = fixture_text("rules/performance.score-total.bad.txt").replacen("≥99%\t≥99%\t30", "≥99%\t≥99%", 1);
    assert_eq!(perf(&check_text(&lost)), vec![]);
}

#[test]
fn score_total_stated_above_the_form() {
    let text = "部门整体支出绩效自评表\n\n自评得分：96\n\n一级指标\t二级指标\t三级指标\t分值\t得分\n投入\t预算执行（20分）\t预算完成率（10分）\t10\t10\n\t\t预算调整率（10分）\t10\t8\n产出\t履职尽责（80分）\t项目产出（80分）\t80\t76\n";
    // 10 + 8 + 76 = 94. Three whole-number scores could round to anything within ±1.5, so
    // 96 is only likely wrong (warning); 99 cannot be rounding (error).
    let r = check_text(text);
    assert_eq!(perf(&r), vec![p("performance.score-total", "warning", 3, "94", "96")]);
    let r = check_text(&text.replace("自评得分：96", "自评得分：99"));
    assert_eq!(perf(&r), vec![p("performance.score-total", "error", 3, "94", "99")]);
    assert_eq!(perf(&check_text(&text.replace("自评得分：96", "自评得分：95"))), vec![]);
    assert_eq!(perf(&check_text(&text.replace("自评得分：96", "自评得分：94"))), vec![]);
}

#[test]
fn score_exceeds() {
    let r = check_file("rules/performance.score-exceeds.bad.txt");
    assert_eq!(perf(&r), vec![p("performance.score-exceeds", "warning", 8, "≤ 30", "35")]);
    assert!(r.findings[0].message.contains("“线上稽查医药服务机构（30分）”得分 35 超过该项分值 30"));
    assert_eq!(perf(&check_file("rules/performance.score-exceeds.good.txt")), vec![]);
}

#[test]
fn text_against_form() {
    let r = check_file("rules/performance.text-table.bad.txt");
    // The text says 执行数 11.18 万元 (and 65.76 %, consistent with it); the form 10.18.
    assert_eq!(perf(&r), vec![p("performance.text-table", "error", 3, "10.18 万元", "11.18万元")]);
    assert_eq!(r.findings[0].locations.len(), 2, "text and form cell");
    assert_eq!(r.findings[0].locations[1].line, 10);
    assert_eq!(perf(&check_file("rules/performance.text-table.good.txt")), vec![]);
}

#[test]
fn text_against_form_rate_and_score() {
    // The text gives only the rate; the form prints 59.88 %.
    let good = fixture_text("rules/performance.text-table.good.txt");
    let rate_only =
        good.replacen("项目全年预算数17万元，执行数10.18万元，完成预算的59.88%", "项目预算执行率为69.88%", 1);
    assert_eq!(perf(&check_text(&rate_only)), vec![p("performance.text-table", "error", 3, "59.88%", "69.88%")]);
    // A stated total on the form against the text's 自评得分.
    let with_total = format!("{good}\n总分\t94\n");
    let r = check_text(&with_total);
    assert_eq!(perf(&r), vec![p("performance.text-table", "error", 3, "94", "96")]);
    assert!(r.findings[0].message.contains("自评得分：文中为 96 分"));
}

#[test]
fn text_against_form_by_inference_is_a_warning() {
    // Names that do not contain each other: tied by the same 执行数 and a shared 3-char run.
    let bad = fixture_text("rules/performance.text-table.good.txt")
        .replacen("新型农村合作医疗管理工作项目绩效自评综述", "农村合作医疗监管项目绩效自评综述", 1)
        .replacen("项目全年预算数17万元", "项目全年预算数19万元", 1)
        .replacen("完成预算的59.88%", "完成预算的53.58%", 1);
    assert_eq!(perf(&check_text(&bad)), vec![p("performance.text-table", "warning", 3, "17 万元", "19万元")]);
}

#[test]
fn department_score_and_combined_forms() {
    // The department's overall score against the department-wide form's stated score.
    let text = "2020 年度整体自评得分 95 分。全年调整预算数 1147.09 万元，执行数 1147.09 万元，完成预算的 100%。\n\n部门整体支出绩效自评表\n\n自评得分：93\n\n一级指标\t二级指标\t三级指标\t分值\t得分\n投入\t预算执行（20分）\t预算完成率（20分）\t20\t18\n产出\t履职尽责（80分）\t项目产出（80分）\t80\t75\n";
    let got = perf(&check_text(text));
    assert_eq!(got, vec![p("performance.text-table", "error", 1, "93", "95")]);
    // A form for several projects at once is compared with none of them.
    let combined = "党建工作经费项目绩效目标完成情况综述。项目全年预算数3万元，执行数为3万元，完成预算的100%。\n\n医疗保险网络维护项目绩效目标完成情况综述。项目全年预算数20万元，执行数为20万元，完成预算的100%。\n\n项目支出绩效目标完成情况表\n\n项目名称\t党建工作经费、医疗保险网络维护费\n预算执行情况(万元)\t预算数:\t23万\t执行数:\t23万\n";
    assert_eq!(perf(&check_text(combined)), vec![]);
    // …but its budget is the sum of theirs: 3 + 25 = 28, not 23.
    let wrong = combined.replacen("项目全年预算数20万元", "项目全年预算数25万元", 1);
    assert_eq!(perf(&check_text(&wrong)), vec![p("performance.text-table", "error", 1, "23 万元", "28 万元")]);
    // A form that also names a project the text does not describe: the sum is not checked.
    let more = wrong.replacen("医疗保险网络维护费\n", "医疗保险网络维护费、档案整理\n", 1);
    assert_eq!(perf(&check_text(&more)), vec![]);
}

/// A sample with one printed figure changed: the performance findings it then gets.
fn mutated(rel: &str, from: &str, to: &str) -> Vec<(String, String, u32, String, String)> {
    let text = fixture_text(rel);
    assert!(text.contains(from), "{rel}: {from}");
    perf(&check_text(&text.replacen(from, to, 1)))
}

#[test]
fn real_forms_are_read_and_tied_to_their_text() {
    const S0: &str = "samples/000_94a3ed044e7312ad.txt";
    const S3: &str = "samples/003_b3d5e7f0c80101b4.txt";
    const S4: &str = "samples/004_eb9ab8f41db5dee9.txt";
    // 000: the text of 新型农村合作医疗管理工作 against its form (西安市高陵区新型农村合作医疗管理工作).
    assert_eq!(
        mutated(S0, "执行数10.18万元，完成预算的59.88%", "执行数11.18万元，完成预算的65.76%"),
        vec![p("performance.text-table", "error", 569, "10.18 万元", "11.18万元")]
    );
    // 000: the form's own rate (10.18 ÷ 17 = 59.88 %).
    assert_eq!(
        mutated(S0, "10.18\t59.88%", "10.18\t95.88%"),
        vec![p("performance.rate", "error", 713, "59.88%", "95.88%")]
    );
    // 000: 整体自评得分 95 分 in the text against 自评得分：95 above the department-wide form
    // (96 would be one unit off: two whole numbers whose intervals touch, not a provable error).
    assert_eq!(mutated(S0, "自评得分：95", "自评得分：96"), vec![]);
    assert_eq!(
        mutated(S0, "自评得分：95", "自评得分：97"),
        vec![p("performance.text-table", "error", 609, "97", "95")]
    );
    // 004: cell-per-line forms (`预算数: | 20万 | 执行数: | 14.4万`).
    assert_eq!(
        mutated(S4, "执行数为14.4万元，完成预算的72%", "执行数为15.4万元，完成预算的77%"),
        vec![p("performance.text-table", "error", 185, "14.4 万元", "15.4万元")]
    );
    // 003: 12 + 80 = 92; a total of 95 is three points off over ten whole-number scores, more
    // than half of what rounding could allow (±5.5) but not beyond it: a warning.
    // 001: one form for five projects (预算数: 88万); the text gives 3 + 20 + 45 + 10 + 10.
    assert_eq!(
        mutated("samples/001_1d3965113ca8330b.txt", "项目全年预算数20万元", "项目全年预算数25万元"),
        vec![p("performance.text-table", "error", 79, "88 万元", "93 万元")]
    );
    let got = mutated(S3, "总分\t92", "总分\t95");
    assert!(got.contains(&p("performance.score-total", "warning", 699, "92", "95")), "{got:?}");
}

#[test]
fn absurd_figures_do_not_panic() {
    // 26-digit amounts, scores and weights and a budget of 10⁻¹⁰, with every family on: the
    // 26-digit runs are not read as figures (text/number.rs caps them), the rest is checked with
    // overflow-checked arithmetic.
    let r = budgetlint::check(budgetlint::Input::Bytes(&read("performance/huge-figures.txt")), &Default::default());
    assert!(r.findings.iter().all(|f| !f.message.contains("99999999999999999")), "{:?}", r.findings);
}
