//! 三公 figures against the basic-expenditure economic lines (domain.md §3, inequalities).
//!
//! The 三公 table reports the whole of each 三公 item paid from 一般公共预算 (or all fiscal)
//! appropriations, basic and project expenditure together; the 基本支出 table's economic
//! lines 30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费 and 31013 公务用车
//! 购置 are the basic-expenditure part of the same spending. So each economic line should not
//! exceed the matching 三公 figure. This holds by definition but rests on how units book
//! their spending to economic codes (not on a printed sum), so a violation is a warning.
//!
//! Bad: 06 prints 30217 公务接待费 1.20 while 07 prints 公务接待费 决算数 0.80.

use super::{finding, Context, RuleInfo};
use crate::facts::table_facts::{Key, Period};
use crate::finding::{Finding, Location, Severity};
use crate::interval::{Interval, Rounding};
use crate::structure::{ColumnKind, Table};
use crate::text::number::{CellValue, Unit};

pub const RULES: &[RuleInfo] = &[RuleInfo {
    id: "cross.three-public-economic",
    family: "cross",
    severity: Severity::Warning,
    title_zh: "基本支出经济科目大于“三公”经费",
    title_en: "Basic-expenditure economic line exceeds the 三公 figure",
    doc_zh: "“三公”经费表反映一般公共预算财政拨款（或财政拨款）安排的全部“三公”经费（基本支出和项目支出），基本支出表中的 30212 因公出国（境）费用、30217 公务接待费、30231 公务用车运行维护费、31013 公务用车购置只是其中的基本支出部分，因此不应大于“三公”经费表的对应数（决算比决算数，预算比本年预算数）。该关系取决于单位的科目列支口径而不是表内求和，故作为警告。",
    doc_en: "The 三公 table reports all 三公 spending from general-budget (or fiscal) appropriations, basic and project; the basic-expenditure table's economic lines 30212, 30217, 30231 and 31013 are the basic part of it, so none should exceed the matching 三公 figure (final against final, budget against this year's budget). This rests on how spending is booked to economic codes, not on a printed sum, hence a warning.",
}];

/// The economic lines and the 三公 item (column role) each one is part of.
const LINES: &[(&str, &str, &str)] = &[
    ("30212", "outbound", "因公出国（境）费"),
    ("30217", "reception", "公务接待费"),
    ("30231", "car-maintenance", "公务用车运行维护费"),
    ("31013", "car-purchase", "公务用车购置费"),
];

/// A figure with where it stands.
struct Cell<'a> {
    table: &'a Table,
    row: usize,
    col: usize,
    row_name: String,
}

impl Cell<'_> {
    fn interval(&self, unit: Option<Unit>) -> Option<Interval> {
        let CellValue::Number(p) = self.table.value(self.row, self.col) else { return None };
        let base = p.interval(Rounding::RoundOrTruncate);
        Some(unit.map_or(base, |u| base.scale(u.in_yuan())))
    }

    fn printed(&self, unit: Option<Unit>) -> String {
        let text = self.table.cell_text(self.row, self.col).trim();
        format!("{text}{}", unit.map_or("", |u| u.label()))
    }

    fn location(&self, ctx: &Context) -> Location {
        ctx.cell_location(self.table, self.row, self.col, &self.row_name)
    }
}

/// The 三公 table's figure for an item in the document's own period (决算数 of a 决算, this
/// year's budget of a budget), as the table facts read it (facts/column_subjects.rs).
fn three_public_figure<'a>(ctx: &'a Context, t: &'a Table, role: &str) -> Option<Cell<'a>> {
    ctx.table_facts()
        .iter()
        .find(|f| f.table == t.index && f.measure == role && f.period == Period::Own && f.key == Key::Total)
        .map(|f| Cell { table: t, row: f.row, col: f.col, row_name: f.row_name.clone() })
}

/// The economic line's figure in a basic-expenditure table: the line's first money column
/// (its total; in side-by-side blocks, the block's own figure).
fn economic_figure<'a>(t: &'a Table, code: &str) -> Option<Cell<'a>> {
    for p in &t.panels {
        for l in &p.lines {
            if l.code.as_deref() != Some(code) {
                continue;
            }
            let col = l
                .values
                .iter()
                .copied()
                .find(|&c| t.columns.get(c).is_some_and(|c| c.kind == ColumnKind::Money && !c.subset))?;
            return Some(Cell { table: t, row: l.row, col, row_name: l.display() });
        }
    }
    None
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let default_unit = (d.profile.units.len() == 1).then(|| d.profile.units[0]);
    let unit = |t: &Table| t.unit.or(default_unit);
    let three: Vec<&Table> = d
        .tables
        .iter()
        .filter(|t| {
            t.header_reliable && t.kind.is_some_and(|k| matches!(k.id, "final.three-public" | "budget.three-public"))
        })
        .collect();
    let basic: Vec<&Table> = d
        .tables
        .iter()
        .filter(|t| t.header_reliable && t.kind.is_some_and(|k| matches!(k.id, "final.gpb-basic" | "budget.gpb-basic")))
        .collect();
    for (code, role, item) in LINES {
        for b in &basic {
            let Some(econ) = economic_figure(b, code) else { continue };
            for t in &three {
                let Some(tp) = three_public_figure(ctx, t, role) else { continue };
                // Only with both units known: budgets print one table in 元 and the other in
                // 万元, and a table whose unit line was not read cannot be converted.
                if unit(b).is_none() || unit(t).is_none() {
                    continue;
                }
                let (Some(e), Some(w)) = (econ.interval(unit(b)), tp.interval(unit(t))) else { continue };
                if e.lo <= w.hi {
                    continue;
                }
                let (ep, wp) = (econ.printed(unit(b)), tp.printed(unit(t)));
                let mut f = finding(
                    "cross.three-public-economic",
                    Severity::Warning,
                    format!(
                        "{}中 {} 为 {ep}，大于{}的{item} {wp}：基本支出中的该项只是“三公”经费的一部分",
                        b.display_name(),
                        econ.row_name,
                        t.display_name()
                    ),
                    format!(
                        "{}: {} is {ep}, more than the {item} of {}, {wp}; the basic-expenditure line is part of the 三公 figure",
                        b.display_name(),
                        econ.row_name,
                        t.display_name()
                    ),
                );
                f.locations.push(econ.location(ctx));
                f.locations.push(tp.location(ctx));
                f.expected = Some(format!("≤ {wp}"));
                f.actual = Some(ep);
                out.push(f);
            }
        }
    }
}
