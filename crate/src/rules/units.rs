//! Units (domain.md §2, §6): a table whose unit line contradicts the size of its figures. (A
//! figure in the text whose unit slipped is `narrative.unit`, which knows the claims.) The unit
//! cannot be proved wrong from the figures alone, so this is a warning. Evidence:
//! - the text restates the table's total in 万元, and it matches only in the other unit;
//! - without such a figure, magnitudes no department's accounts can reach:
//! - a 万元 table with a figure of 1 亿万元 (10⁸ 万元 = 1 万亿元) or more: printed in 元;
//! - a totals table in 元 whose largest figure is under 10,000 元: a department's whole
//!   year cannot cost less than one salary, so it was printed in 万元.

use super::{finding, Context, RuleInfo};
use crate::document::Block;
use crate::finding::{Finding, Severity};
use crate::interval::Interval;
use crate::structure::ColumnKind;
use crate::text::figures::FigureUnit;
use crate::text::number::{CellValue, Printed, Unit};
use rust_decimal::Decimal;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "unit.table-magnitude",
        family: "unit",
        severity: Severity::Warning,
        title_zh: "表格金额单位与数额大小矛盾",
        title_en: "A table's unit contradicts its figures",
        doc_zh: "标为万元的表出现上万亿元的数，或标为元的总表合计不足一万元，金额单位多半标错。",
        doc_en: "A 万元 table with figures of a trillion yuan, or a 元 totals table under 10,000 yuan: the unit line is probably wrong.",
    },
];

/// Kinds whose largest figure is the whole year's money of the department.
const TOTALS: &[&str] = &[
    "final.summary",
    "final.income",
    "final.expense",
    "final.fiscal-summary",
    "budget.summary",
    "budget.income",
    "budget.expense",
    "budget.fiscal-summary",
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    tables(ctx, out);
}

fn tables(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    for t in &d.tables {
        let Some(unit) = t.unit else { continue };
        // The largest money figure and where it stands.
        let mut max: Option<(Decimal, usize, usize)> = None;
        for r in 0..t.body.len() {
            for col in t.columns.iter().filter(|c| c.kind == ColumnKind::Money) {
                if let CellValue::Number(p) = t.value(r, col.index) {
                    let v = p.value.abs();
                    if max.is_none_or(|(m, _, _)| v > m) {
                        max = Some((v, r, col.index));
                    }
                }
            }
        }
        let Some((v, row, col)) = max else { continue };
        let printed = match t.value(row, col) {
            CellValue::Number(p) => p,
            _ => continue,
        };
        let evidence = narrative_evidence(ctx, printed, unit);
        let (zh, en) = match (unit, evidence) {
            (_, Some((other, said))) => (
                format!(
                    "{}标为{}，但正文以万元写的“{said}”与表中最大数 {v} 按{}计相符、按{}计不符，金额单位疑为{}",
                    t.display_name(),
                    unit.label(),
                    other.label(),
                    unit.label(),
                    other.label()
                ),
                format!(
                    "{} is labelled {} but the text's \"{said}\" matches its largest figure {v} read in {}, not in {}: probably {}",
                    t.display_name(),
                    unit.label(),
                    other.label(),
                    unit.label(),
                    other.label()
                ),
            ),
            (Unit::Wanyuan, None) if v >= Decimal::from(100_000_000) => (
                format!("{}标为万元，但最大数 {v} 万元超过一万亿元，金额单位疑为元", t.display_name()),
                format!(
                    "{} is labelled 万元 but its largest figure {v} 万元 exceeds a trillion yuan: probably 元",
                    t.display_name()
                ),
            ),
            (Unit::Yuan, None)
                if t.kind.is_some_and(|k| TOTALS.contains(&k.id)) && !v.is_zero() && v < Decimal::from(10_000) =>
            {
                (
                    format!("{}标为元，但全年合计最大只有 {v} 元，金额单位疑为万元", t.display_name()),
                    format!("{} is labelled 元 but its largest total is {v} 元: probably 万元", t.display_name()),
                )
            }
            _ => continue,
        };
        let name = t.body.get(row).and_then(|r| r.cells.first()).map(|c| c.text.trim().to_owned()).unwrap_or_default();
        let mut f = finding("unit.table-magnitude", Severity::Warning, zh, en);
        f.locations.push(ctx.cell_location(t, row, col, &name));
        f.actual = Some(unit.label().to_owned());
        out.push(f);
    }
}

/// The text restates a table's total in 万元 (`本部门2024年预算收入1,246.27万元`): if that
/// figure matches the table's largest figure read in the other unit (元 ↔ 万元) and no 万元
/// figure of the text matches it read in the printed unit, the unit line is wrong. Returns
/// the other unit and the figure as the text prints it.
fn narrative_evidence(ctx: &Context, total: Printed, unit: Unit) -> Option<(Unit, String)> {
    let other = match unit {
        Unit::Yuan => Unit::Wanyuan,
        Unit::Wanyuan => Unit::Yuan,
        _ => return None,
    };
    let d = ctx.disclosure;
    // Figures with at least four significant digits: `1.00万元` matches too much by chance.
    let said: Vec<(Interval, &crate::structure::NarrativeFigure)> = d
        .figures
        .iter()
        .filter(|f| f.figure.unit == FigureUnit::Money(Unit::Wanyuan))
        .filter(|f| f.figure.value.value.abs().mantissa().unsigned_abs() >= 1000)
        .filter_map(|f| Some((in_yuan(f.figure.value, Unit::Wanyuan, ctx)?, f)))
        .collect();
    let as_printed = in_yuan(total, unit, ctx)?;
    let as_other = in_yuan(total, other, ctx)?;
    if said.iter().any(|(w, _)| w.overlaps(&as_printed)) {
        return None;
    }
    let (_, f) = said.iter().find(|(w, _)| w.overlaps(&as_other))?;
    let text = match d.doc.blocks.get(f.block)? {
        Block::Paragraph(p) => p.text.get(f.figure.start..f.figure.end)?.trim().to_owned(),
        Block::Heading(h) => h.text.get(f.figure.start..f.figure.end)?.trim().to_owned(),
        Block::Table(_) => return None,
    };
    Some((other, text))
}

/// A printed figure in `unit` as an interval of 元 (None on overflow: hostile input).
fn in_yuan(p: Printed, unit: Unit, ctx: &Context) -> Option<Interval> {
    let i = p.interval(ctx.rounding);
    let f = unit.in_yuan();
    Some(Interval { lo: i.lo.checked_mul(f)?, hi: i.hi.checked_mul(f)? })
}
