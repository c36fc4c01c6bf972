//! Totals of item lists — the two-sided summary tables (收入支出决算总表, 财政拨款收入支出决算
//! 总表, 部门收支总表 …): 本年收入合计 = Σ income items, 本年支出合计 = Σ expenditure items,
//! an outline item (`一、财政拨款`) = Σ its numbered sub-items (`1、…`), 收入总计 = 本年收入合计
//! plus 使用非财政拨款结余 and 年初结转和结余, 支出总计 = 本年支出合计 plus 结余分配 and
//! 年末结转和结余, and 收入总计 = 支出总计 (domain.md §3).

use super::arithmetic::{check_sum, Term};
use super::{sum_finding, Context, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::structure::{ColumnKind, Line, Panel, Table};
use crate::text::numbering::NumberingStyle;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "table.item-sum",
        family: "table",
        severity: Severity::Error,
        title_zh: "收支项目合计或总计不符",
        title_en: "Item total or grand total does not add up",
        doc_zh: "收支总表类的表中：本年收入合计等于各收入项目之和，本年支出合计等于各支出项目之和；带编号的项目（一、1、(1)）等于其下一级编号项目之和；收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余，支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余（预算表为 上年结转 / 结转下年）。“其中”项不参与相加。",
        doc_en: "In summary tables: the year's income total equals the sum of the income items and the expenditure total the sum of the expenditure items; a numbered item equals the sum of its numbered sub-items; grand totals equal the year's total plus carry-overs and balances. 其中 (of which) lines are excluded.",
    },
    RuleInfo {
        id: "table.balance",
        family: "table",
        severity: Severity::Error,
        title_zh: "收入总计与支出总计不相等",
        title_en: "Income grand total differs from expenditure grand total",
        doc_zh: "收支总表中收入总计必须等于支出总计（收支平衡）。比较按区间算术进行。",
        doc_en: "In a summary table the income grand total must equal the expenditure grand total.",
    },
];

const YEAR_TOTALS: &[&str] = &["本年收入合计", "本年支出合计", "收入合计", "支出合计"];
const GRAND_TOTALS: &[&str] = &["收入总计", "支出总计", "总计"];
/// Lines between the year's total and the grand total that add into the grand total.
const ADJUSTMENTS: &[&str] = &[
    "使用非财政拨款结余",
    "使用非财政拨款结余(含专用结余)",
    "用事业基金弥补收支差额",
    "年初结转和结余",
    "年初财政拨款结转和结余",
    "上年结转",
    "上年结转结余",
    "结余分配",
    "年末结转和结余",
    "年末财政拨款结转和结余",
    "结转下年",
];
/// Breakdown lines under an adjustment (by fund type): not added again.
const FUND_BREAKDOWN: &[&str] = &[
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
    "国有资本经营财政拨款",
    "一般公共预算拨款",
    "政府性基金拨款",
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for t in &ctx.disclosure.tables {
        let mut grand: Vec<(&Panel, &Line)> = Vec::new();
        for panel in &t.panels {
            if panel.lines.iter().any(|l| l.code.is_some()) {
                continue;
            }
            check_panel(ctx, t, panel, out);
            if let Some(g) = panel.lines.iter().find(|l| GRAND_TOTALS.contains(&l.name_key.as_str())) {
                grand.push((panel, g));
            }
        }
        check_balance(ctx, t, &grand, out);
    }
}

fn first_money_col(t: &Table, panel: &Panel) -> Option<usize> {
    panel.value_cols.iter().copied().find(|&c| t.columns[c].kind != ColumnKind::Measure)
}

fn term<'a>(t: &'a Table, l: &Line, col: usize) -> Term<'a> {
    Term { value: t.value(l.row, col), text: t.cell_text(l.row, col) }
}

fn check_panel(ctx: &Context, t: &Table, panel: &Panel, out: &mut Vec<Finding>) {
    let Some(year_idx) = panel.lines.iter().position(|l| YEAR_TOTALS.contains(&l.name_key.as_str())) else {
        return;
    };
    let items: Vec<&Line> = panel.lines[..year_idx].iter().filter(|l| !l.subset && !l.name.is_empty()).collect();
    let year = &panel.lines[year_idx];
    let grand_idx = panel.lines.iter().position(|l| GRAND_TOTALS.contains(&l.name_key.as_str()));
    let cols: Vec<usize> =
        panel.value_cols.iter().copied().filter(|&c| t.columns[c].kind != ColumnKind::Measure).collect();
    if let Some(levels) = outline_levels(&items) {
        for &col in &cols {
            // 本年合计 = Σ top-level items; each item = Σ its next-level items.
            let top: Vec<Term> =
                items.iter().zip(&levels).filter(|(_, l)| **l == 0).map(|(i, _)| term(t, i, col)).collect();
            if let Some(m) = check_sum(ctx.rounding, term(t, year, col), &top) {
                out.push(sum_finding(
                    ctx,
                    "table.item-sum",
                    t,
                    year.row,
                    col,
                    &year.display(),
                    m,
                    ("各项目之和", "the sum of the items"),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                let level = levels[i];
                let children: Vec<Term> = items[i + 1..]
                    .iter()
                    .zip(&levels[i + 1..])
                    .take_while(|(_, l)| **l > level)
                    .filter(|(_, l)| **l == level + 1)
                    .map(|(c, _)| term(t, c, col))
                    .collect();
                if children.is_empty() {
                    continue;
                }
                if let Some(m) = check_sum(ctx.rounding, term(t, item, col), &children) {
                    out.push(sum_finding(
                        ctx,
                        "table.item-sum",
                        t,
                        item.row,
                        col,
                        &item.display(),
                        m,
                        ("下一级项目之和", "the sum of its sub-items"),
                    ));
                }
            }
        }
    }
    // 总计 = 本年合计 + adjustments; fund-type breakdown lines under an adjustment are skipped.
    let Some(grand_idx) = grand_idx.filter(|g| *g > year_idx) else {
        return;
    };
    let between = &panel.lines[year_idx + 1..grand_idx];
    let mut adjustments: Vec<&Line> = Vec::new();
    for l in between {
        if ADJUSTMENTS.contains(&l.name_key.as_str()) {
            adjustments.push(l);
        } else if l.name.is_empty()
            || l.subset
            || (!adjustments.is_empty() && FUND_BREAKDOWN.contains(&l.name_key.as_str()))
        {
            continue;
        } else {
            // An unknown line: we cannot tell whether it adds in, so the total is not checked.
            return;
        }
    }
    let grand = &panel.lines[grand_idx];
    for &col in &cols {
        let mut parts = vec![term(t, year, col)];
        parts.extend(adjustments.iter().map(|a| term(t, a, col)));
        if let Some(m) = check_sum(ctx.rounding, term(t, grand, col), &parts) {
            let names: Vec<&str> = std::iter::once(year.name_key.as_str())
                .chain(adjustments.iter().map(|a| a.name_key.as_str()))
                .collect();
            let zh = format!("{}之和", names.join("、"));
            let en = format!("the sum of {}", names.join(", "));
            out.push(sum_finding(ctx, "table.item-sum", t, grand.row, col, &grand.display(), m, (&zh, &en)));
        }
    }
}

/// Outline depth of each item from its numbering style (first style seen = level 0).
/// `None` when some items are numbered and others not: the structure is then unclear.
fn outline_levels(items: &[&Line]) -> Option<Vec<usize>> {
    let numbered = items.iter().filter(|l| l.numbering.is_some()).count();
    if numbered == 0 {
        return Some(vec![0; items.len()]);
    }
    if numbered != items.len() {
        return None;
    }
    let mut order: Vec<NumberingStyle> = Vec::new();
    let mut levels = Vec::with_capacity(items.len());
    for l in items {
        let style = l.numbering.map(|n| n.0)?;
        let level = match order.iter().position(|s| *s == style) {
            Some(p) => {
                order.truncate(p + 1);
                p
            }
            None => {
                order.push(style);
                order.len() - 1
            }
        };
        levels.push(level);
    }
    Some(levels)
}

fn check_balance(ctx: &Context, t: &Table, grand: &[(&Panel, &Line)], out: &mut Vec<Finding>) {
    let Some(((p0, g0), rest)) = grand.split_first() else {
        return;
    };
    let Some(c0) = first_money_col(t, p0) else {
        return;
    };
    for (p, g) in rest {
        let Some(c) = first_money_col(t, p) else {
            continue;
        };
        let Some(m) = check_sum(ctx.rounding, term(t, g, c), &[term(t, g0, c0)]) else {
            continue;
        };
        let label0 = g0.display();
        let mut f = sum_finding(ctx, "table.balance", t, g.row, c, &g.display(), m, (&label0, &label0));
        f.locations.push(ctx.cell_location(t, g0.row, c0, &label0));
        out.push(f);
    }
}
