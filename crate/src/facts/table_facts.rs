//! Figures of the recognised tables as facts: (scope, measure, key) → printed value, with
//! the table cell it came from. The same fact printed in two tables must agree; that is what
//! the cross-table rules compare.
//!
//! - scope: whose money (`all`, `fiscal`, `gpb`, `govfund`, `soe`), from the table kind and,
//!   in 04-style tables, from the column (合计 / 一般公共预算 / 政府性基金 / 国有资本经营);
//! - measure: what the figure is (`exp-total`, `exp-basic`, `exp-personnel`, `income`, …),
//!   from the column's header path, or for summary tables from the row item (`data/items.txt`);
//! - key: the 合计 row, a function code (类 rows of summary tables are mapped to their code
//!   by name) or an economic code.

use crate::structure::catalog::TableKind;
use crate::structure::vocab;
use crate::structure::{ColumnKind, Disclosure, Line, Table};
use crate::text::norm::{bare_label, key};
use crate::text::number::{CellValue, Unit};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Total,
    Function(String),
    Economic(String),
}

impl Key {
    pub fn display(&self) -> String {
        match self {
            Key::Total => "合计".to_owned(),
            Key::Function(c) | Key::Economic(c) => c.clone(),
        }
    }
}

/// Which figure of the year a fact is: the document's own (决算数 in a 决算, this year's
/// budget in a 预算), the 预算数 a 决算 prints beside it, or last year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Own,
    Budget(crate::facts::claims::BudgetKind),
    Previous,
}

#[derive(Debug, Clone)]
pub struct TableFact {
    pub scope: &'static str,
    pub measure: String,
    pub key: Key,
    pub table: usize,
    pub row: usize,
    pub col: usize,
    pub value: CellValue,
    pub unit: Option<Unit>,
    /// How the row is named in messages.
    pub row_name: String,
    pub period: Period,
}

const ITEMS: &str = include_str!("../../data/items.txt");

fn items() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static I: OnceLock<HashMap<&str, (&str, &str)>> = OnceLock::new();
    I.get_or_init(|| {
        ITEMS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f.len() == 3).then(|| (f[0], (f[1], f[2])))
            })
            .collect()
    })
}

/// Scope of a column in a table of `kind`: 04-style fund columns name their own scope.
fn column_scope(kind: &TableKind, roles: &[&str]) -> &'static str {
    for r in roles.iter().rev() {
        match *r {
            "gpb" => return "gpb",
            "gov-fund" => return "govfund",
            "soe-capital" => return "soe",
            _ => {}
        }
    }
    match kind.scope {
        "all" => "all",
        "fiscal" => "fiscal",
        "gpb" => "gpb",
        "govfund" => "govfund",
        "soe" => "soe",
        _ => "-",
    }
}

/// The roles along a column's header path, outermost first (unknown headers skipped).
fn path_roles(t: &Table, col: usize) -> Vec<&'static str> {
    let path = &t.columns[col].path;
    path.iter()
        .enumerate()
        .filter_map(|(i, p)| vocab::lookup(&bare_label(p), i + 1 < path.len()).map(|e| e.role))
        .collect()
}

/// What a money column measures in a code-keyed table.
fn column_measure(kind: &TableKind, roles: &[&str]) -> Option<String> {
    let period = roles.iter().find(|r| **r == "period");
    if period.is_some() {
        return None;
    }
    // The innermost role that says more than "total"/"amount".
    let specific = roles.iter().rev().find(|r| !matches!(**r, "total" | "amount" | "gpb" | "gov-fund" | "soe-capital"));
    let basic_table =
        matches!(kind.id, "final.gpb-basic" | "budget.gpb-basic" | "budget.gpb-basic-function" | "budget.fiscal-basic");
    let m = match specific.copied() {
        None | Some("year-expense") => {
            if kind.id == "final.income" || kind.id == "budget.income" {
                "income"
            } else if basic_table {
                "exp-basic"
            } else {
                "exp-total"
            }
        }
        Some("basic") => "exp-basic",
        Some("project" | "special-business") => "exp-project",
        Some("personnel") => "exp-personnel",
        Some("public") => "exp-public",
        Some("fiscal-income") => "income-fiscal",
        Some("upper-subsidy") => "income-upper-subsidy",
        Some("service-income") => "income-service",
        Some("business-income") => "income-business",
        Some("affiliate-income") => "income-affiliate",
        Some("other-income") => "income-other",
        Some("year-income") => "income",
        Some("carry-over") => "carry-begin",
        Some("carry-forward") => "carry-end",
        Some("remit-upper") => "exp-remit-upper",
        Some("business-exp") => "exp-business",
        Some("affiliate-subsidy") => "exp-affiliate",
        _ => return None,
    };
    Some(m.to_owned())
}

/// Names of function classes (类) as this document prints them, mapped to their codes.
fn class_codes(d: &Disclosure) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for t in &d.tables {
        if t.kind.is_none_or(|k| k.keys != "function") {
            continue;
        }
        for p in &t.panels {
            for l in &p.lines {
                if let Some(c) = l.code.as_ref().filter(|c| c.len() == 3) {
                    m.entry(l.name_key.clone()).or_insert_with(|| c.clone());
                }
            }
        }
    }
    m
}

/// Every fact the recognised tables print.
pub fn collect(d: &Disclosure) -> Vec<TableFact> {
    let classes = class_codes(d);
    let default_unit = (d.profile.units.len() == 1).then(|| d.profile.units[0]);
    let mut out = Vec::new();
    for t in &d.tables {
        let Some(kind) = t.kind else { continue };
        let unit = t.unit.or(default_unit);
        match kind.keys {
            "function" | "economic" => coded_facts(t, kind, unit, &mut out),
            "items" => item_facts(t, kind, unit, &classes, &mut out),
            "unit" => unit_total_facts(t, kind, unit, &mut out),
            _ => super::column_subjects::collect(t, kind, unit, d.profile.kind, d.profile.year, &mut out),
        }
    }
    out
}

/// Record `f` with the value its cell prints (text and percentages are not money facts).
/// This year's fact for line `l`'s cell in column `col`, kept when the cell holds a figure or
/// nothing (text or a percent there is not an amount of the measure).
#[allow(clippy::too_many_arguments)]
fn push_cell(
    out: &mut Vec<TableFact>,
    t: &Table,
    l: &Line,
    col: usize,
    scope: &'static str,
    measure: String,
    key: Key,
    unit: Option<Unit>,
) {
    let value = t.value(l.row, col);
    if matches!(value, CellValue::Text | CellValue::Percent(_)) {
        return;
    }
    let (table, row, row_name, period) = (t.index, l.row, l.display(), Period::Own);
    out.push(TableFact { scope, measure, key, table, row, col, value, unit, row_name, period });
}

fn coded_facts(t: &Table, kind: &TableKind, unit: Option<Unit>, out: &mut Vec<TableFact>) {
    if !t.header_reliable {
        return;
    }
    for p in &t.panels {
        for l in &p.lines {
            let key = match (&l.code, kind.keys) {
                (None, _) if l.is_total() => Key::Total,
                (Some(c), "function") if matches!(c.len(), 3 | 5 | 7) => Key::Function(c.clone()),
                (Some(c), "economic") if matches!(c.len(), 3 | 5) && l.code2.is_none() => Key::Economic(c.clone()),
                _ => continue,
            };
            // A named total (`人员经费合计` in the 06 table) is that part's total, not the table's.
            let named = match named_total(&l.name_key) {
                NamedTotal::Plain => None,
                NamedTotal::Of(m) => Some(m),
                NamedTotal::Unknown => continue,
            };
            for &col in &l.values {
                if t.columns.get(col).is_none_or(|c| c.kind == ColumnKind::Label || c.subset) {
                    continue;
                }
                let roles = path_roles(t, col);
                let Some(measure) = column_measure(kind, &roles) else { continue };
                // The row names the part in a column that holds the whole (合计/决算数) or the
                // part itself (the 人员经费 block of a side-by-side 06 table).
                let measure = match named {
                    Some(m) if measure == m || matches!(measure.as_str(), "exp-total" | "exp-basic") => m.to_owned(),
                    Some(_) => continue,
                    None => measure,
                };
                let scope = column_scope(kind, &roles);
                push_cell(out, t, l, col, scope, measure, key.clone(), unit);
            }
        }
    }
}

/// Tables by unit (部门收入总表, 部门支出总表): only the 合计 row speaks for the document, and
/// only columns that say what they hold (a fund, 基本支出, 项目支出 …). The bare 合计 column
/// is left out: in the 收入总表 it includes 上年结转 (a 收入总计), elsewhere it does not.
fn unit_total_facts(t: &Table, kind: &TableKind, unit: Option<Unit>, out: &mut Vec<TableFact>) {
    if !t.header_reliable {
        return;
    }
    for p in &t.panels {
        for l in p.lines.iter().filter(|l| l.code.is_none() && l.is_total()) {
            for &col in &l.values {
                if t.columns.get(col).is_none_or(|c| c.kind == ColumnKind::Label || c.subset) {
                    continue;
                }
                let roles = path_roles(t, col);
                let fund = roles.iter().any(|r| matches!(*r, "gpb" | "gov-fund" | "soe-capital"));
                let specific = roles.iter().any(|r| matches!(*r, "basic" | "project" | "personnel" | "public"));
                if !fund && !specific {
                    continue;
                }
                let Some(measure) = column_measure(kind, &roles) else { continue };
                let scope = column_scope(kind, &roles);
                push_cell(out, t, l, col, scope, measure, Key::Total, unit);
            }
        }
    }
}

enum NamedTotal {
    /// `合计`, `总计`, `小计`, or a row that is not a total at all.
    Plain,
    /// `人员经费合计`: the total of one part, with that part's measure.
    Of(&'static str),
    /// `XX合计` for a part we do not know: not a fact.
    Unknown,
}

fn named_total(name_key: &str) -> NamedTotal {
    let Some(part) = name_key.strip_suffix("合计").filter(|p| !p.is_empty()) else {
        return NamedTotal::Plain;
    };
    match vocab::lookup(part, false).map(|e| e.role) {
        // `本年支出合计`, `收入合计`, `金额合计`: the whole.
        None if matches!(part, "本年" | "总" | "收入" | "支出") => NamedTotal::Plain,
        Some("total" | "amount" | "year-income" | "year-expense") => NamedTotal::Plain,
        Some("personnel") => NamedTotal::Of("exp-personnel"),
        Some("public") => NamedTotal::Of("exp-public"),
        Some("basic") => NamedTotal::Of("exp-basic"),
        Some("project") => NamedTotal::Of("exp-project"),
        _ => NamedTotal::Unknown,
    }
}

fn item_facts(
    t: &Table,
    kind: &TableKind,
    unit: Option<Unit>,
    classes: &HashMap<String, String>,
    out: &mut Vec<TableFact>,
) {
    for (pi, p) in t.panels.iter().enumerate() {
        if p.lines.iter().any(|l| l.code.is_some()) {
            continue;
        }
        for l in &p.lines {
            if l.subset || l.name.is_empty() {
                continue;
            }
            let (scope_word, mut measure, key) = if let Some((s, m)) = items().get(l.name_key.as_str()) {
                (*s, (*m).to_owned(), Key::Total)
            } else if let Some(code) = classes.get(&l.name_key) {
                ("table", "exp-total".to_owned(), Key::Function(code.clone()))
            } else {
                continue;
            };
            // On the expenditure side, a funding line (`一、财政拨款`) is spending of that money.
            if pi > 0 && measure == "income" {
                measure = "exp-total".to_owned();
            }
            if pi == 0 && matches!(key, Key::Function(_)) {
                continue;
            }
            for &col in &l.values {
                if t.columns.get(col).is_none_or(|c| c.kind == ColumnKind::Label) {
                    continue;
                }
                let roles = path_roles(t, col);
                let scope = match scope_word {
                    "table" => column_scope(kind, &roles),
                    "gpb" => "gpb",
                    "govfund" => "govfund",
                    "soe" => "soe",
                    "fiscal" => "fiscal",
                    _ => "all",
                };
                // Only the first money column of a side, unless columns name their fund.
                let fund_col = roles.iter().any(|r| matches!(*r, "gpb" | "gov-fund" | "soe-capital"));
                if !fund_col && Some(&col) != l.values.first() {
                    continue;
                }
                push_cell(out, t, l, col, scope, measure.clone(), key.clone(), unit);
            }
        }
    }
}

/// Matching key of a class name, for lookups by name.
pub fn name_key(s: &str) -> String {
    bare_label(&key(s))
}
