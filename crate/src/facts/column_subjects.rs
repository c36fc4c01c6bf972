//! Facts of the tables whose columns (not rows) say what a figure is about: the 三公 table
//! (因公出国（境）费, 公务接待费, 公务用车购置及运行维护费 and its two parts, 会议费, 培训费, the
//! 三公 小计, and 机关运行经费 in Shanghai's combined table), the 机关运行经费 table (its 合计
//! row) and the 政府采购 table (its 合计 row). These tables print 预算数 beside 决算数, or 上年
//! beside 本年, so every fact carries the period it belongs to: a narrative 决算 figure is
//! never compared with a 预算 cell.
//!
//! The measure is the column's role (`data/columns.txt`): `outbound`, `reception`, `car`,
//! `car-purchase`, `car-maintenance`, `meeting`, `training`, `office-running`, and
//! `three-public` for a 小计/合计 whose siblings are the 三公 items only; `procurement` for
//! the 政府采购 total.

use super::claims::BudgetKind;
use super::table_facts::{Key, Period, TableFact};
use crate::structure::catalog::TableKind;
use crate::structure::profile::year_in;
use crate::structure::{vocab, Column, ColumnKind, Table};
use crate::text::norm::bare_label;
use crate::text::number::{CellValue, Unit};

/// Column roles that name a subject in these tables.
const SUBJECTS: &[&str] =
    &["outbound", "reception", "car", "car-purchase", "car-maintenance", "meeting", "training", "office-running"];

/// What a header or row label says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    At(Period),
    /// 增减变化, another year, 上年决算 in a budget: not a figure the narrative restates as
    /// this year's, budget or last year's.
    Skip,
}

/// The period a label names, for a document of `doc_kind` and `year`.
fn stamp(label: &str, doc_kind: Option<&str>, year: Option<u32>) -> Option<Stamp> {
    // `一般公共预算财政拨款安排的“三公”经费` names a fund, not a budget.
    let l = bare_label(label).replace("一般公共预算", "").replace("政府性基金预算", "").replace("国有资本经营预算", "");
    if l.contains("增减") || l.contains("变化") || l.contains("比上年") {
        return Some(Stamp::Skip);
    }
    let final_doc = doc_kind == Some("决算");
    let by_year = match year_in(&l) {
        Some(y) if Some(y) == year => Some(Period::Own),
        Some(y) if Some(y + 1) == year => return Some(Stamp::At(Period::Previous)),
        Some(_) => return Some(Stamp::Skip),
        None => None,
    };
    if l.starts_with("上年") || l.starts_with("上一年") {
        return Some(Stamp::At(Period::Previous));
    }
    let word = if l.contains("决算") || l.contains("执行数") {
        if final_doc {
            Some(Stamp::At(Period::Own))
        } else {
            Some(Stamp::Skip)
        }
    } else if l.contains("预算") {
        let kind = if l.contains("年初") {
            BudgetKind::Initial
        } else if l.contains("调整") || l.contains("全年") {
            BudgetKind::Adjusted
        } else {
            BudgetKind::Any
        };
        Some(Stamp::At(if final_doc { Period::Budget(kind) } else { Period::Own }))
    } else if matches!(l.as_str(), "当年" | "本年") {
        Some(Stamp::At(Period::Own))
    } else {
        None
    };
    word.or(by_year.map(Stamp::At))
}

/// The period of a column from its header path: the innermost label that names one.
fn column_stamp(c: &Column, doc_kind: Option<&str>, year: Option<u32>) -> Option<Stamp> {
    let stamps: Vec<Stamp> = c.path.iter().filter_map(|p| stamp(p, doc_kind, year)).collect();
    if stamps.contains(&Stamp::Skip) {
        return Some(Stamp::Skip);
    }
    stamps.last().copied()
}

fn role_of(label: &str, group: bool) -> Option<&'static str> {
    vocab::lookup(&bare_label(label), group).map(|e| e.role)
}

/// The labels of a column's path that are not about time (`合计/预算数` → `合计`).
fn subject_path(c: &Column) -> Vec<&str> {
    c.path
        .iter()
        .map(String::as_str)
        .filter(|p| {
            // `机关运行经费预算数`, `“三公”经费预算数` name a subject and a period at once.
            role_of(p, false).is_some_and(|r| SUBJECTS.contains(&r))
                || p.contains("三公")
                || (stamp(p, None, None).is_none() && role_of(p, true) != Some("period"))
        })
        .collect()
}

/// The subject a 三公-table column holds, if its header says so unambiguously.
fn column_subject(t: &Table, c: &Column) -> Option<&'static str> {
    let path = subject_path(c);
    let n = path.len();
    let roles: Vec<Option<&str>> = path.iter().enumerate().map(|(i, p)| role_of(p, i + 1 < n)).collect();
    let subjects: Vec<&str> = roles.iter().flatten().copied().filter(|r| SUBJECTS.contains(r)).collect();
    let own = roles.last().copied().flatten();
    let own_is_total = matches!(own, Some("total" | "amount")) || n == 0;
    match subjects.as_slice() {
        [one] if own == Some(one) || own_is_total => Some(one),
        ["car", inner @ ("car-purchase" | "car-maintenance")] if own == Some(inner) => Some(inner),
        [] if own_is_total && n > 0 => {
            // A 小计/合计 is the 三公 total when its siblings are 三公 items only (the
            // Jiangsu 合计 also holds 会议费 and 培训费).
            let parent = &path[..n - 1];
            let siblings: Vec<Option<&str>> = t
                .columns
                .iter()
                .map(subject_path)
                .filter(|p| p.len() > n - 1 && p[..n - 1] == *parent && p.len() == n)
                .map(|p| role_of(p[n - 1], false))
                .collect();
            let items = siblings.iter().flatten().filter(|r| SUBJECTS.contains(r)).count();
            let other = siblings.iter().flatten().any(|r| matches!(*r, "meeting" | "training" | "office-running"));
            (items > 0 && !other).then_some("three-public")
        }
        _ => None,
    }
}

/// The narrative count (`data/counts.txt`) a column prints, from its whole header path.
fn count_kind(c: &Column) -> Option<&'static str> {
    let path: String = c.path.iter().map(|p| crate::text::norm::key(p)).collect();
    super::claims::counts::kind_of_header(&path)
}

/// The label of a body row: its first non-empty label cell.
fn row_label(t: &Table, r: usize) -> String {
    t.columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Label)
        .map(|c| t.cell_text(r, c.index).trim())
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_owned()
}

fn is_total_label(l: &str) -> bool {
    matches!(bare_label(l).as_str(), "合计" | "总计")
}

/// Every subject fact of the table: one per (column, row) whose period is known.
pub fn collect(
    t: &Table,
    kind: &TableKind,
    unit: Option<Unit>,
    doc_kind: Option<&str>,
    year: Option<u32>,
    out: &mut Vec<TableFact>,
) {
    if !t.header_reliable {
        return;
    }
    // Count columns (团组数, 批次, 车辆数) are measures or, unrecognised, money-like numbers.
    let counted = |c: &Column| {
        (kind.id.ends_with(".three-public") || kind.id.ends_with(".assets")).then(|| count_kind(c)).flatten()
    };
    let money: Vec<&Column> = t
        .columns
        .iter()
        .filter(|c| !c.subset && (c.kind == ColumnKind::Money || (c.kind != ColumnKind::Label && counted(c).is_some())))
        .collect();
    let rows: Vec<usize> = (0..t.body.len())
        .filter(|&r| money.iter().any(|c| matches!(t.value(r, c.index), CellValue::Number(_))))
        .collect();
    let scope = match kind.scope {
        "all" => "all",
        "fiscal" => "fiscal",
        "gpb" => "gpb",
        _ => "-",
    };
    let procurement = kind.id.ends_with(".procurement");
    let office = kind.id.ends_with(".office-running");
    for c in &money {
        let count_measure = counted(c).map(|id| format!("count:{id}"));
        let measure = if let Some(m) = count_measure.as_deref() {
            m
        } else if procurement {
            if c.path
                .last()
                .and_then(|p| role_of(p, false))
                .is_none_or(|r| !matches!(r, "amount" | "total" | "government-procurement"))
            {
                continue;
            }
            "procurement"
        } else if office {
            match column_subject(t, c) {
                Some("office-running") => "office-running",
                _ => continue,
            }
        } else {
            let Some(m) = column_subject(t, c) else { continue };
            m
        };
        let col_stamp = column_stamp(c, doc_kind, year);
        for &r in &rows {
            let label = row_label(t, r);
            let row_stamp = stamp(&label, doc_kind, year);
            // Rows by unit or by item: only the total row speaks for the whole document.
            if row_stamp.is_none() && (rows.len() > 1 || procurement || office) && !is_total_label(&label) {
                continue;
            }
            let period = match row_stamp.or(col_stamp) {
                Some(Stamp::At(p)) => p,
                Some(Stamp::Skip) => continue,
                // No period printed: a budget's table is this year's budget; a 决算 table
                // that does not say whether it shows 预算数 or 决算数 is left alone.
                None if doc_kind == Some("预算") => Period::Own,
                None => continue,
            };
            let value = t.value(r, c.index);
            if matches!(value, CellValue::Text | CellValue::Percent(_)) {
                continue;
            }
            let row_name = if label.is_empty() { t.column_name(c.index) } else { label.clone() };
            out.push(TableFact {
                scope,
                measure: measure.to_owned(),
                key: Key::Total,
                table: t.index,
                row: r,
                col: c.index,
                value,
                unit,
                row_name,
                period,
            });
            if procurement || office {
                break;
            }
        }
    }
}
