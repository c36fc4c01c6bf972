//! Identities across the columns of one row, read from the header tree: a 合计/小计 column
//! equals the sum of its sibling columns — 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 +
//! 经营支出 + 对附属单位补助支出; 基本支出(小计) = 人员经费 + 公用经费; 本年收入合计 = Σ
//! income columns; 公务用车 小计 = 购置费 + 运行维护费; 合计 = 一般公共预算 + 政府性基金 +
//! 国有资本经营; and the budget tables' equivalents. A sibling whose header is not in the
//! column vocabulary (`data/columns.txt`) makes the group unknown and it is not checked.

use super::arithmetic::{check_sum, Term};
use super::{sum_finding, Context, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::structure::vocab::{self, Kind};
use crate::structure::{ColumnKind, HeaderNode, Table};
use crate::text::norm::key;

pub const RULES: &[RuleInfo] = &[RuleInfo {
    id: "table.row-sum",
    family: "table",
    severity: Severity::Error,
    title_zh: "合计栏与各组成栏之和不符",
    title_en: "Total column differs from the sum of its component columns",
    doc_zh: "表头写明的行内关系必须成立：合计（小计）栏等于同一表头分组下各组成栏之和，例如 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出，基本支出 = 人员经费 + 公用经费，合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算，公务用车购置及运行维护费 = 购置费 + 运行维护费。“其中”栏不参与相加；表头含无法识别的栏目时不作判断。比较按区间算术进行，尾差不报错。",
    doc_en: "Identities stated by the header must hold on every row: a 合计/小计 column equals the sum of its sibling columns (e.g. total = basic + project + …; basic = personnel + public; total = general budget + government funds + state capital). 其中 (of which) columns are excluded; groups with unrecognised headers are not checked. Interval arithmetic: rounding never yields an error.",
}];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for t in ctx.disclosure.tables.iter().filter(|t| t.header_reliable) {
        check_group(ctx, t, &t.tree, out);
    }
}

/// How a header node contributes to its parent's sum.
enum Value {
    /// Not a money column (labels, line numbers, remarks): ignored.
    Skip,
    /// Its figure is the sum of these columns.
    Columns(Vec<usize>),
    /// Cannot be used in a sum (unknown header, period group, subset).
    Unknown,
}

fn is_subset(n: &HeaderNode) -> bool {
    key(&n.text).starts_with("其中")
}

/// A 合计/小计 figure column. A label column never is, even under a header reading 合计
/// (a template's empty 合计 row taken for a header row over the code column).
fn is_total(t: &Table, n: &HeaderNode) -> bool {
    n.is_leaf()
        && !is_subset(n)
        && t.columns.get(n.first).is_some_and(|c| !matches!(c.kind, ColumnKind::Label))
        && vocab::lookup(&n.key, false).is_some_and(|e| e.kind == Kind::Total)
}

fn value_of(t: &Table, n: &HeaderNode) -> Value {
    if n.is_leaf() {
        let col = &t.columns[n.first];
        if matches!(col.kind, ColumnKind::Label) || vocab::lookup(&n.key, false).is_some_and(|e| e.kind == Kind::Label)
        {
            return Value::Skip;
        }
        if is_subset(n) || col.kind == ColumnKind::Measure {
            return Value::Unknown;
        }
        return match vocab::lookup(&n.key, false) {
            Some(e) if matches!(e.kind, Kind::Part | Kind::Total) => Value::Columns(vec![n.first]),
            _ => Value::Unknown,
        };
    }
    if is_subset(n) || vocab::lookup(&n.key, true).is_some_and(|e| e.kind == Kind::Period) {
        return Value::Unknown;
    }
    // A group's figure is its own total column, or else the sum of its parts.
    if let Some(total) = n.children.iter().find(|c| is_total(t, c)) {
        return Value::Columns(vec![total.first]);
    }
    let mut cols = Vec::new();
    for c in &n.children {
        match value_of(t, c) {
            Value::Skip => {}
            Value::Columns(v) => cols.extend(v),
            Value::Unknown => return Value::Unknown,
        }
    }
    if cols.is_empty() {
        Value::Skip
    } else {
        Value::Columns(cols)
    }
}

fn check_group(ctx: &Context, t: &Table, children: &[HeaderNode], out: &mut Vec<Finding>) {
    let totals: Vec<&HeaderNode> = children.iter().filter(|c| is_total(t, c)).collect();
    if totals.len() == 1 {
        let total = totals[0];
        let mut parts: Vec<usize> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut known = true;
        for c in children.iter().filter(|c| c.first != total.first) {
            match value_of(t, c) {
                Value::Skip => {}
                Value::Columns(cols) => {
                    parts.extend(cols);
                    names.push(c.text.split_whitespace().collect());
                }
                Value::Unknown => known = false,
            }
        }
        if known && !parts.is_empty() {
            check_rows(ctx, t, total.first, &parts, &names, out);
        }
    }
    for c in children.iter().filter(|c| !c.is_leaf()) {
        check_group(ctx, t, &c.children, out);
    }
}

fn check_rows(ctx: &Context, t: &Table, total: usize, parts: &[usize], names: &[String], out: &mut Vec<Finding>) {
    let what_zh = format!("{}之和", names.join("、"));
    let what_en = format!("the sum of {}", names.join(", "));
    let mut rows_with_figures = 0;
    let mut found = Vec::new();
    for (ri, _) in t.body.iter().enumerate() {
        let terms: Vec<Term> =
            parts.iter().map(|&c| Term { value: t.value(ri, c), text: t.cell_text(ri, c) }).collect();
        let total_term = Term { value: t.value(ri, total), text: t.cell_text(ri, total) };
        // Rows with no figure in any involved column say nothing.
        if total_term.is_blank() && terms.iter().all(Term::is_blank) {
            continue;
        }
        rows_with_figures += 1;
        if let Some(m) = check_sum(ctx.rounding, total_term, &terms) {
            let row_name = row_name(t, ri);
            found.push(sum_finding(ctx, "table.row-sum", t, ri, total, &row_name, m, (&what_zh, &what_en)));
        }
    }
    // An identity that fails on every row, each by a different amount, means we misread
    // the header (a converter lost header cells): say nothing rather than guess. A real
    // error repeats its difference up the hierarchy, so equal differences are kept.
    let same_difference = found.iter().all(|f| difference(f) == difference(&found[0]));
    if found.len() >= 2 && found.len() == rows_with_figures && !same_difference {
        return;
    }
    out.extend(found);
}

/// expected − actual, from the finding's printed figures.
fn difference(f: &Finding) -> Option<rust_decimal::Decimal> {
    let parse = |s: &Option<String>| s.as_deref().and_then(crate::text::number::parse_number).map(|(p, _)| p.value);
    Some(parse(&f.expected)? - parse(&f.actual)?)
}

/// The row's label from the first panel (code and name), or its first text cell.
fn row_name(t: &Table, ri: usize) -> String {
    t.panels
        .iter()
        .flat_map(|p| p.lines.iter())
        .find(|l| l.row == ri)
        .map(|l| l.display())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("第{}行", ri + 1))
}
