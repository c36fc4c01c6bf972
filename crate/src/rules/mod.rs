//! The rules. One file per rule family; each family declares its rules (`RULES`) and one
//! `check` function over the analysed disclosure. The registry below lists the families:
//! a new rule is a new entry in its family's `RULES` plus the code that emits it.

pub mod arithmetic;
mod code_structure;
mod column_sums;
mod completeness;
mod cross_table;
mod input;
mod layout;
mod names;
mod narrative;
mod narrative_counts;
mod narrative_links;
mod panel_totals;
mod performance;
mod residue;
mod row_identities;
pub mod scan;
mod subject_codes;
mod three_public;
mod units;
mod years;

use crate::facts::claims::{self, Claims};
use crate::facts::table_facts::{self, TableFact};
use crate::finding::{Finding, Location, Message, Severity};
use crate::interval::Rounding;
use crate::structure::{Disclosure, Table};
use serde::Serialize;
use std::cell::OnceCell;

/// What the registry says about one rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub family: &'static str,
    pub severity: Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// What it checks and why (Chinese).
    pub doc_zh: &'static str,
    pub doc_en: &'static str,
}

pub struct Family {
    pub rules: &'static [RuleInfo],
    pub check: fn(&Context, &mut Vec<Finding>),
}

/// Every rule family, in report order.
pub const FAMILIES: &[Family] = &[
    Family { rules: input::RULES, check: input::check },
    Family { rules: column_sums::RULES, check: column_sums::check },
    Family { rules: row_identities::RULES, check: row_identities::check },
    Family { rules: panel_totals::RULES, check: panel_totals::check },
    Family { rules: code_structure::RULES, check: code_structure::check },
    Family { rules: subject_codes::RULES, check: subject_codes::check },
    Family { rules: cross_table::RULES, check: cross_table::check },
    Family { rules: three_public::RULES, check: three_public::check },
    Family { rules: completeness::RULES, check: completeness::check },
    Family { rules: residue::RULES, check: residue::check },
    Family { rules: years::RULES, check: years::check },
    Family { rules: names::RULES, check: names::check },
    Family { rules: units::RULES, check: units::check },
    Family { rules: layout::RULES, check: layout::check },
    Family { rules: narrative::RULES, check: narrative::check },
    Family { rules: narrative_links::RULES, check: narrative_links::check },
    Family { rules: narrative_counts::RULES, check: narrative_counts::check },
    Family { rules: performance::RULES, check: performance::check },
];

pub fn all_rules() -> impl Iterator<Item = &'static RuleInfo> {
    FAMILIES.iter().flat_map(|f| f.rules.iter())
}

pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    all_rules().find(|r| r.id == id)
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub disclosure: &'a Disclosure<'a>,
    pub rounding: Rounding,
    /// Derived facts several families use, built on first use and then shared (most
    /// documents need them; a family that is turned off never pays for them).
    claims: OnceCell<Claims>,
    table_facts: OnceCell<Vec<TableFact>>,
}

impl<'a> Context<'a> {
    pub fn new(disclosure: &'a Disclosure<'a>, rounding: Rounding) -> Self {
        Context { disclosure, rounding, claims: OnceCell::new(), table_facts: OnceCell::new() }
    }

    /// The narrative's claims (facts/claims).
    pub fn claims(&self) -> &Claims {
        self.claims.get_or_init(|| claims::collect(self.disclosure))
    }

    /// The tables' figures keyed by scope, measure and subject (facts/table_facts).
    pub fn table_facts(&self) -> &[TableFact] {
        self.table_facts.get_or_init(|| table_facts::collect(self.disclosure))
    }

    /// A location for one cell of a table.
    pub fn cell_location(&self, t: &Table, row: usize, col: usize, row_name: &str) -> Location {
        let span = t.cell_span(row, col);
        Location {
            line: span.line,
            end_line: span.end_line,
            page: span.page,
            cell: span.cell.map(|c| self.disclosure.doc.cell_name(c)),
            table: Some(t.display_name()),
            row: Some(row_name.to_owned()).filter(|s| !s.is_empty()),
            column: Some(t.column_name(col)),
            excerpt: self.disclosure.doc.line_text(span.line).map(|s| excerpt(s, 120)),
        }
    }
}

/// Cut a line to at most `max` chars for an excerpt, with tabs shown as spaces.
pub fn excerpt(s: &str, max: usize) -> String {
    let s: String = s.replace('\t', "  ");
    if s.chars().count() <= max {
        s
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// The finding for a printed figure that differs from the sum it should equal:
/// `表：行的列 86.40 与下级科目合计 68.40（52.10 + 16.30）不符`.
#[allow(clippy::too_many_arguments)]
pub fn sum_finding(
    ctx: &Context,
    rule: &'static str,
    t: &Table,
    row: usize,
    col: usize,
    row_name: &str,
    m: arithmetic::Mismatch,
    (what_zh, what_en): (&str, &str),
) -> Finding {
    let column = t.column_name(col);
    let note_zh = m.note_zh.map(|n| format!("；{n}")).unwrap_or_default();
    let note_en = m.note_en.map(|n| format!("; {n}")).unwrap_or_default();
    let mut f = finding(
        rule,
        m.severity,
        format!(
            "{}：{row_name}的{column} {} 与{what_zh} {}（{}）不符{note_zh}",
            t.display_name(),
            m.actual,
            m.expected,
            m.expression
        ),
        format!(
            "{}: {row_name}, {column}: {} differs from {what_en}, {} ({}){note_en}",
            t.display_name(),
            m.actual,
            m.expected,
            m.expression
        ),
    );
    f.locations.push(ctx.cell_location(t, row, col, row_name));
    f.expected = Some(m.expected);
    f.actual = Some(m.actual);
    f
}

pub fn finding(rule: &'static str, severity: Severity, zh: String, en: String) -> Finding {
    Finding { rule, severity, message: Message { zh, en }, locations: Vec::new(), expected: None, actual: None }
}
