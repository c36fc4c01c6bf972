//! Column sums down a classification hierarchy: the 合计 row equals the sum of the top-level
//! (类) rows, each 类 the sum of its 款, each 款 the sum of its 项 — the next level only,
//! never all descendants (domain.md §3). Works for function codes (3/5/7 digits), economic
//! codes (3/5) and unit codes (611 → 611001), in every money column.

use super::arithmetic::{check_sum, Term};
use super::{sum_finding, Context, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::structure::{ColumnKind, Line, Panel, Table};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "table.total-sum",
        family: "table",
        severity: Severity::Error,
        title_zh: "合计行与各类科目之和不符",
        title_en: "Total row differs from the sum of the top-level rows",
        doc_zh: "按科目编码列示的表中，“合计”行每一栏应等于各类级（最上一级）科目之和。比较按区间算术进行：每个数按其打印的小数位代表一个区间，只有在任何四舍五入都无法解释时才报错误。依据：部门决算/预算报表的表内勾稽关系。",
        doc_en: "In a table listed by classification code, each column of the 合计 row must equal the sum of the top-level (类) rows. Figures are compared as intervals (each printed figure stands for every value that rounds to it), so rounding never yields an error.",
    },
    RuleInfo {
        id: "table.subject-sum",
        family: "table",
        severity: Severity::Error,
        title_zh: "上级科目与下级科目之和不符",
        title_en: "Parent subject differs from the sum of its sub-subjects",
        doc_zh: "类级科目应等于其下各款之和，款级科目应等于其下各项之和（只加下一级，不重复相加更下级）。经济分类、单位编码同理。比较按区间算术进行，尾差不报错。",
        doc_en: "A 类 row must equal the sum of its 款 rows and a 款 row the sum of its 项 rows (next level only). Economic and unit codes likewise. Interval arithmetic: rounding differences are never errors.",
    },
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for t in &ctx.disclosure.tables {
        for panel in &t.panels {
            check_panel(ctx, t, panel, out);
        }
    }
}

/// Positional parent of each coded line: the nearest line above with a shorter code.
pub fn parents(lines: &[&Line]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let len = l.code.as_ref().map_or(0, String::len);
        while stack.last().is_some_and(|&s| lines[s].code.as_ref().map_or(0, String::len) >= len) {
            stack.pop();
        }
        out.push(stack.last().copied());
        stack.push(i);
    }
    out
}

/// Positions (in the panel's value columns) of the columns holding money.
fn money_positions<'a>(t: &'a Table, panel: &'a Panel) -> impl Iterator<Item = usize> + 'a {
    panel.value_cols.iter().enumerate().filter_map(|(k, &c)| {
        t.columns.get(c).is_some_and(|col| matches!(col.kind, ColumnKind::Money | ColumnKind::Other)).then_some(k)
    })
}

fn check_panel(ctx: &Context, t: &Table, panel: &Panel, out: &mut Vec<Finding>) {
    let coded: Vec<&Line> = panel.lines.iter().filter(|l| l.code.is_some() && !l.subset).collect();
    if coded.len() < 2 {
        return;
    }
    let parent_of = parents(&coded);
    let total = panel.lines.iter().find(|l| l.is_total());
    let roots: Vec<&Line> = coded.iter().zip(&parent_of).filter(|(_, p)| p.is_none()).map(|(l, _)| *l).collect();
    for k in money_positions(t, panel) {
        // Each line's figure at position k of its own block's value columns.
        let term = |l: &Line| {
            let col = l.values.get(k).copied().unwrap_or(usize::MAX);
            Term { value: t.value(l.row, col), text: t.cell_text(l.row, col) }
        };
        if let Some(total) = total {
            if !roots.is_empty() {
                let parts: Vec<Term> = roots.iter().map(|l| term(l)).collect();
                let rule = ("table.total-sum", ("各类科目合计", "the sum of the top-level rows"));
                report(ctx, t, k, total, &parts, rule, out);
            }
        }
        for (pi, parent) in coded.iter().enumerate() {
            let children: Vec<Term> =
                coded.iter().zip(&parent_of).filter(|(_, p)| **p == Some(pi)).map(|(l, _)| term(l)).collect();
            if !children.is_empty() {
                let rule = ("table.subject-sum", ("下级科目合计", "the sum of its sub-subjects"));
                report(ctx, t, k, parent, &children, rule, out);
            }
        }
    }
}

fn report(
    ctx: &Context,
    t: &Table,
    k: usize,
    total: &Line,
    parts: &[Term],
    (rule, what): (&'static str, (&str, &str)),
    out: &mut Vec<Finding>,
) {
    let Some(&col) = total.values.get(k) else { return };
    let total_term = Term { value: t.value(total.row, col), text: t.cell_text(total.row, col) };
    if let Some(m) = check_sum(ctx.rounding, total_term, parts) {
        out.push(sum_finding(ctx, rule, t, total.row, col, &total.display(), m, what));
    }
}
