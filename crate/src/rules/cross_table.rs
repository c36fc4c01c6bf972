//! Figures printed in more than one table must agree (domain.md §3): 01 ↔ 02/03 by 类 and
//! totals, 04 一般公共预算 column ↔ 05, 05 ↔ 06 (基本支出, 人员经费, 公用经费), 08 ↔ 04 政府性
//! 基金, the budget tables' equivalents, and a function code carrying different amounts for
//! the same measure in two tables. Parts never exceed their whole: a 一般公共预算 (or 政府性
//! 基金) figure cannot exceed the same figure for all funds. Tables in 元 and 万元 are
//! compared after exact conversion.

use super::{finding, Context, RuleInfo};
use crate::facts::table_facts::{Key, Period, TableFact};
use crate::finding::{Finding, Severity};
use crate::interval::{Interval, Rounding};
use crate::structure::Table;
use crate::text::number::CellValue;
use std::collections::BTreeMap;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "cross.same-figure",
        family: "cross",
        severity: Severity::Error,
        title_zh: "同一数字在两张表中不一致",
        title_en: "One figure differs between two tables",
        doc_zh: "同一口径的同一数字（同一资金范围、同一指标、同一科目或合计）在不同表中必须一致，例如收入支出决算总表的各类支出与支出决算表、财政拨款收入支出决算总表的一般公共预算财政拨款栏与一般公共预算财政拨款支出决算表、一般公共预算财政拨款支出决算表的基本支出（人员经费、公用经费）与基本支出决算表。元与万元表换算后比较，按区间算术判断，尾差不报错。",
        doc_en: "The same figure (same funds, measure and subject or total) printed in two tables must agree, e.g. the summary table's expenditure by class and the expenditure table, the general-budget column of the fiscal summary and the general-budget expenditure table, basic expenditure (personnel, public) in the expenditure and basic-expenditure tables. Tables in 元 and 万元 are compared after conversion; rounding never yields an error.",
    },
    RuleInfo {
        id: "cross.part-exceeds-whole",
        family: "cross",
        severity: Severity::Error,
        title_zh: "部分资金的数字大于全部资金",
        title_en: "A part of the funds exceeds all funds",
        doc_zh: "一般公共预算财政拨款、政府性基金预算财政拨款、国有资本经营预算财政拨款都是全部资金（以及财政拨款）的一部分：同一科目、同一指标下，它们的数字不能大于全部资金的数字，例如一般公共预算财政拨款基本支出不能大于支出决算表的基本支出。",
        doc_en: "General-budget, government-fund and state-capital appropriations are parts of all funds (and of fiscal appropriations): for the same subject and measure they cannot exceed the all-funds figure, e.g. general-budget basic expenditure cannot exceed the expenditure table's basic expenditure.",
    },
];

fn scope_zh(s: &str) -> &'static str {
    match s {
        "fiscal" => "财政拨款",
        "gpb" => "一般公共预算财政拨款",
        "govfund" => "政府性基金预算财政拨款",
        "soe" => "国有资本经营预算财政拨款",
        _ => "",
    }
}

fn measure_zh(m: &str) -> &'static str {
    match m {
        "exp-total" => "支出合计",
        "exp-basic" => "基本支出",
        "exp-project" => "项目支出",
        "exp-personnel" => "人员经费",
        "exp-public" => "公用经费",
        "exp-remit-upper" => "上缴上级支出",
        "exp-business" => "经营支出",
        "exp-affiliate" => "对附属单位补助支出",
        "income" => "收入",
        "income-fiscal" => "财政拨款收入",
        "income-upper-subsidy" => "上级补助收入",
        "income-service" => "事业收入",
        "income-business" => "经营收入",
        "income-affiliate" => "附属单位上缴收入",
        "income-other" => "其他收入",
        "carry-begin" => "年初结转和结余",
        "carry-end" => "年末结转和结余",
        "non-fiscal-balance" => "使用非财政拨款结余",
        "surplus-distribution" => "结余分配",
        "grand-income" => "收入总计",
        "grand-expense" => "支出总计",
        _ => "数字",
    }
}

/// The fact's value in 元 (or in the table's own unit when no unit is known).
fn interval(f: &TableFact, rounding: Rounding) -> Interval {
    let base = match f.value {
        CellValue::Number(p) => p.interval(rounding),
        _ => Interval::zero(),
    };
    f.unit.map_or(base, |u| base.scale(u.in_yuan()))
}

fn comparable(a: &TableFact, b: &TableFact) -> bool {
    a.table != b.table && a.unit.is_some() == b.unit.is_some()
}

fn printed(t: &Table, f: &TableFact) -> String {
    let text = t.cell_text(f.row, f.col).trim();
    // A blank cell stands for zero; say "空" without a unit rather than "空万元".
    match f.unit {
        _ if text.is_empty() => "空".to_owned(),
        Some(u) => format!("{text}{}", u.label()),
        None => text.to_owned(),
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let facts = ctx.table_facts();
    let mut groups: BTreeMap<(&str, &str, &Key), Vec<&TableFact>> = BTreeMap::new();
    // Only each table's own figures: a 预算数 printed beside the 决算数 is another figure.
    for f in facts.iter().filter(|f| f.period == Period::Own) {
        groups.entry((f.scope, f.measure.as_str(), &f.key)).or_default().push(f);
    }
    for ((scope, measure, key), fs) in &groups {
        // Compare each table's figure with the first table that prints it.
        let Some(first) = fs.first() else { continue };
        let mut seen_tables = vec![first.table];
        for f in fs.iter().skip(1) {
            if seen_tables.contains(&f.table) || !comparable(first, f) {
                continue;
            }
            seen_tables.push(f.table);
            let (a, b) = (interval(first, Rounding::Round), interval(f, Rounding::Round));
            if a.overlaps(&b) {
                continue;
            }
            let lenient = interval(first, Rounding::RoundOrTruncate).overlaps(&interval(f, Rounding::RoundOrTruncate));
            if lenient && ctx.rounding == Rounding::RoundOrTruncate {
                continue;
            }
            let severity = if lenient { Severity::Info } else { Severity::Error };
            let (ta, tb) = (&d.tables[first.table], &d.tables[f.table]);
            let what = format!("{}{}", scope_zh(scope), measure_zh(measure));
            let subject = subject(first, key);
            let mut fi = finding(
                "cross.same-figure",
                severity,
                format!(
                    "{subject}的{what}：{}为 {}，{}为 {}，两表不一致",
                    ta.display_name(),
                    printed(ta, first),
                    tb.display_name(),
                    printed(tb, f)
                ),
                format!(
                    "{subject}, {scope} {measure}: {} prints {}, {} prints {}",
                    ta.display_name(),
                    printed(ta, first),
                    tb.display_name(),
                    printed(tb, f)
                ),
            );
            fi.locations.push(ctx.cell_location(tb, f.row, f.col, &f.row_name));
            fi.locations.push(ctx.cell_location(ta, first.row, first.col, &first.row_name));
            fi.expected = Some(printed(ta, first));
            fi.actual = Some(printed(tb, f));
            out.push(fi);
        }
    }
    parts_within_whole(ctx, &groups, out);
}

/// `卫生健康支出（210）` or `本年支出合计`: the row's name without code or outline number.
fn subject(f: &TableFact, key: &Key) -> String {
    let name = f.row_name.trim();
    let name = match key {
        Key::Function(c) | Key::Economic(c) => name.trim_start_matches(c.as_str()).trim(),
        Key::Total => name,
    };
    let name = crate::text::numbering::parse(name).map_or(name, |n| n.rest);
    match key {
        Key::Total => name.to_owned(),
        Key::Function(c) | Key::Economic(c) => format!("{name}（{c}）"),
    }
}

type Groups<'a> = BTreeMap<(&'a str, &'a str, &'a Key), Vec<&'a TableFact>>;

fn parts_within_whole(ctx: &Context, groups: &Groups, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    const WHOLE_OF: &[(&str, &str)] = &[
        ("gpb", "all"),
        ("govfund", "all"),
        ("soe", "all"),
        ("fiscal", "all"),
        ("gpb", "fiscal"),
        ("govfund", "fiscal"),
    ];
    for ((scope, measure, key), parts) in groups {
        if !measure.starts_with("exp-") {
            continue;
        }
        for (part_scope, whole_scope) in WHOLE_OF.iter().filter(|(p, _)| p == scope) {
            let Some(wholes) = groups.get(&(*whole_scope, *measure, *key)) else { continue };
            let (Some(part), Some(whole)) = (parts.first(), wholes.first()) else { continue };
            if part.table == whole.table || !comparable(part, whole) {
                continue;
            }
            // Certainly larger: even the smallest value the part may stand for exceeds the
            // largest the whole may stand for.
            let (p, w) = (interval(part, Rounding::RoundOrTruncate), interval(whole, Rounding::RoundOrTruncate));
            if p.lo <= w.hi {
                continue;
            }
            let (tp, tw) = (&d.tables[part.table], &d.tables[whole.table]);
            let subject = subject(part, key);
            let mut fi = finding(
                "cross.part-exceeds-whole",
                Severity::Error,
                format!(
                    "{subject}的{}{} {}（{}）大于{}{} {}（{}）",
                    scope_zh(part_scope),
                    measure_zh(measure),
                    printed(tp, part),
                    tp.display_name(),
                    if scope_zh(whole_scope).is_empty() { "全部资金的" } else { scope_zh(whole_scope) },
                    measure_zh(measure),
                    printed(tw, whole),
                    tw.display_name()
                ),
                format!(
                    "{subject}: {part_scope} {measure} {} ({}) exceeds {whole_scope} {measure} {} ({})",
                    printed(tp, part),
                    tp.display_name(),
                    printed(tw, whole),
                    tw.display_name()
                ),
            );
            fi.locations.push(ctx.cell_location(tp, part.row, part.col, &part.row_name));
            fi.locations.push(ctx.cell_location(tw, whole.row, whole.col, &whole.row_name));
            fi.expected = Some(format!("≤ {}", printed(tw, whole)));
            fi.actual = Some(printed(tp, part));
            out.push(fi);
        }
    }
}
