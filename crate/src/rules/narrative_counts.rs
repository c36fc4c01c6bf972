//! Counts in the narrative (团组, 人次, 批次, 辆; domain.md §6): against the tables that print
//! them, one count stated twice with
//! different numbers, and a vehicle purchase whose count and amount disagree (no vehicle
//! bought but a 公务用车购置费 spent, or vehicles bought with no 购置费).
//!
//! A count the 三公 or 国有资产 table prints must equal the narrative's (an error: counts are
//! whole numbers). The other two are warnings. Two statements of "the same" count may differ in scope (a 三公 section
//! counts vehicles paid from appropriations, the assets section all vehicles; a summary may
//! count all units, a paragraph one), and vehicles can be bought from other funds or
//! transferred in: a reviewer must look, but the figures alone do not prove an error.
//!
//! Bad: `本年度购置（更新）公务用车 0 辆` beside `公务用车购置费支出 25.00 万元`.

use super::narrative::line_location;
use super::{finding, Context, RuleInfo};
use crate::facts::claims::counts::Count;
use crate::facts::claims::{vocab, Claims, Mention};
use crate::facts::table_facts::{Key, Period, TableFact};
use crate::finding::{Finding, Severity};
use crate::text::number::CellValue;
use std::collections::BTreeMap;

pub const RULES: &[RuleInfo] = &[RuleInfo {
    id: "narrative.count",
    family: "narrative",
    severity: Severity::Warning,
    title_zh: "说明中的数量前后不一致或与金额矛盾",
    title_en: "A count in the narrative is stated twice differently or contradicts an amount",
    doc_zh: "说明中的因公出国（境）团组数和人次、公务接待批次和人次、购置（更新）公务用车数、公务用车保有量、车辆总数，同一口径出现两次时数字应一致；购置车辆 0 辆却有公务用车购置费，或购置了公务用车而购置费为 0，均需说明。两处口径可能不同（财政拨款与全部资金、部门与单位），车辆也可能用其他资金购置或调拨取得，故为警告。说明中的数量与“三公”经费表、国有资产占用情况表印出的同一数量不一致时为错误。",
    doc_en: "The narrative's counts (出国团组 and 人次, 接待批次 and 人次, official cars bought, official cars held, vehicles held) stated twice should agree; no vehicle bought but a 公务用车购置费 spent, or official cars bought with no 购置费, needs explaining. The two statements may differ in scope, and vehicles may be bought from other funds or transferred in, hence a warning. A count differing from the same count a 三公 or assets table prints is an error.",
}];

/// At most this many findings per count kind.
const MAX_PER_KIND: usize = 5;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let c = ctx.claims();
    stated_twice(ctx, c, out);
    against_tables(ctx, c, ctx.table_facts(), out);
    purchases(ctx, c, ctx.table_facts(), out);
}

/// Each count against a table column printing the same count (a 三公 table's 团组数 or 批次,
/// a 国有资产 table's 车辆数), same period. Counts are exact: any difference is an error.
fn against_tables(ctx: &Context, c: &Claims, facts: &[TableFact], out: &mut Vec<Finding>) {
    for n in &c.counts {
        let measure = format!("count:{}", n.id());
        let Some(f) = facts.iter().find(|f| f.measure == measure && f.period == Period::Own && f.key == Key::Total)
        else {
            continue;
        };
        let printed = match f.value {
            CellValue::Number(p) if p.value == rust_decimal::Decimal::from(n.value) => continue,
            CellValue::Dash if n.value == 0 => continue,
            CellValue::Number(_) | CellValue::Dash => {
                ctx.disclosure.tables[f.table].cell_text(f.row, f.col).trim().to_owned()
            }
            _ => continue,
        };
        let t = &ctx.disclosure.tables[f.table];
        let name = n.name();
        let mut fi = finding(
            "narrative.count",
            Severity::Error,
            format!("说明中{name}为 {}，{}为 {printed}，两者不一致", n.printed, t.display_name()),
            format!("the narrative gives the {} as {}, {} prints {printed}", n.id(), n.printed, t.display_name()),
        );
        fi.locations.push(count_location(ctx, n));
        fi.locations.push(ctx.cell_location(t, f.row, f.col, &f.row_name));
        fi.expected = Some(printed);
        fi.actual = Some(n.printed.clone());
        out.push(fi);
    }
}

fn count_location(ctx: &Context, n: &Count) -> crate::finding::Location {
    line_location(ctx, n.line)
}

/// Each statement of a count against the first statement of the same kind.
fn stated_twice(ctx: &Context, c: &Claims, out: &mut Vec<Finding>) {
    let mut by_kind: BTreeMap<usize, Vec<&Count>> = BTreeMap::new();
    for n in &c.counts {
        by_kind.entry(n.kind).or_default().push(n);
    }
    for members in by_kind.values() {
        let Some((first, rest)) = members.split_first() else { continue };
        let mut seen = Vec::new();
        for n in rest.iter().filter(|n| n.value != first.value) {
            if seen.contains(&n.value) {
                continue;
            }
            seen.push(n.value);
            if seen.len() > MAX_PER_KIND {
                break;
            }
            let name = first.name();
            let mut f = finding(
                "narrative.count",
                Severity::Warning,
                format!("说明中{name}前后不一致：先为 {}，后为 {}", first.printed, n.printed),
                format!("the narrative gives the {} as {} and later as {}", first.id(), first.printed, n.printed),
            );
            f.locations.push(count_location(ctx, n));
            f.locations.push(count_location(ctx, first));
            f.expected = Some(first.printed.clone());
            f.actual = Some(n.printed.clone());
            out.push(f);
        }
    }
}

/// An amount of 公务用车购置费: printed, whether it is zero, and where.
struct Amount {
    printed: String,
    zero: bool,
    location: crate::finding::Location,
}

fn amounts(ctx: &Context, c: &Claims, facts: &[TableFact]) -> Vec<Amount> {
    let mut v = Vec::new();
    let concept = vocab::index_of("vehicle-purchase");
    let said = |m: &&Mention| m.is_current_like(c.budget_doc) && concept.is_some_and(|k| m.concepts == [k]);
    for m in c.mentions.iter().filter(said) {
        v.push(Amount {
            printed: m.printed.clone(),
            zero: m.figure.value.value.is_zero(),
            location: super::narrative::mention_location(ctx, m),
        });
    }
    for f in facts.iter().filter(|f| f.measure == "car-purchase" && f.period == Period::Own && f.key == Key::Total) {
        let zero = match f.value {
            CellValue::Number(p) => p.value.is_zero(),
            CellValue::Dash => true,
            // A blank cell is no figure: not evidence either way.
            _ => continue,
        };
        let t = &ctx.disclosure.tables[f.table];
        let unit = f.unit.map_or("", |u| u.label());
        v.push(Amount {
            printed: format!("{}{unit}", t.cell_text(f.row, f.col).trim()),
            zero,
            location: ctx.cell_location(t, f.row, f.col, &f.row_name),
        });
    }
    v
}

fn purchases(ctx: &Context, c: &Claims, facts: &[TableFact], out: &mut Vec<Finding>) {
    let amounts = amounts(ctx, c, facts);
    let bought = |ids: &[&str]| c.counts.iter().filter(|n| ids.contains(&n.id())).collect::<Vec<_>>();
    // No vehicle at all bought (公务用车 or any vehicle) but a purchase amount.
    let none: Vec<&Count> =
        bought(&["official-cars-purchased", "vehicles-purchased"]).into_iter().filter(|n| n.value == 0).collect();
    if let (Some(n), Some(a)) = (none.first(), amounts.iter().find(|a| !a.zero)) {
        out.push(purchase_mismatch(
            ctx,
            n,
            a,
            format!("说明中购置车辆为 {}，但公务用车购置费为 {}：未购置车辆却有购置费，需说明", n.printed, a.printed),
            format!(
                "the narrative says {} vehicles were bought, but the official-car purchase cost is {}",
                n.printed, a.printed
            ),
            "购置费为 0，或购置数大于 0",
        ));
    }
    // 公务用车 bought but the purchase amount is zero.
    let some: Vec<&Count> = bought(&["official-cars-purchased"]).into_iter().filter(|n| n.value > 0).collect();
    let zero = amounts.iter().find(|a| a.zero);
    if let (Some(n), Some(a)) = (some.first(), zero.filter(|_| amounts.iter().all(|a| a.zero))) {
        out.push(purchase_mismatch(
            ctx,
            n,
            a,
            format!("说明中购置（更新）公务用车 {}，但公务用车购置费为 {}：需说明资金来源", n.printed, a.printed),
            format!(
                "the narrative says {} official cars were bought, but the purchase cost is {}",
                n.printed, a.printed
            ),
            "购置费大于 0",
        ));
    }
}

/// A vehicle count the purchase amount contradicts: a warning at both places, since a
/// purchase may be paid from another year's funds and only needs explaining.
fn purchase_mismatch(ctx: &Context, n: &Count, a: &Amount, zh: String, en: String, expected: &str) -> Finding {
    let mut f = finding("narrative.count", Severity::Warning, zh, en);
    f.locations.push(count_location(ctx, n));
    f.locations.push(a.location.clone());
    f.expected = Some(expected.to_owned());
    f.actual = Some(a.printed.clone());
    f
}
