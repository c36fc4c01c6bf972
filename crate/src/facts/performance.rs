//! 绩效 (performance) forms and statements: what the 绩效自评表 / 绩效目标完成情况表 print
//! (budget, actual, execution rate and score of the project's funds; the score of each
//! indicator; the total) and what the 绩效 narrative says of a project (`项目全年预算数17万元，
//! 执行数10.18万元，完成预算的59.88%`, `项目自评得分96分`).
//!
//! These forms are key–value grids rather than column tables, and converters drop or merge
//! their cells, so they are read row by row from the raw cells: a figure is taken only where
//! its row leaves no doubt which heading it stands under; everything else is left unread.

use super::claims::{Claims, Role};
use crate::document::{Block, RawRow};
use crate::structure::{Disclosure, Table};
use crate::text::norm::key;
use crate::text::number::{cell_value, parse_number, CellValue, Printed, Unit};

/// Where a figure of a form stands: table, row (counted over header and body rows), column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

/// A figure printed in a form's cell.
#[derive(Debug, Clone)]
pub struct Value {
    pub printed: Printed,
    /// The money unit the cell itself prints (`28 万`), if any.
    pub unit: Option<Unit>,
    pub percent: bool,
    pub text: String,
    pub at: At,
}

/// A row of the project's funds: `年度资金总额：28万 27.78万 99.21%`.
#[derive(Debug, Clone, Default)]
pub struct FundRow {
    pub label: String,
    pub budget: Option<Value>,
    pub actual: Option<Value>,
    pub rate: Option<Value>,
    pub score: Option<Value>,
    /// The rate cell is printed but empty (`%`).
    pub rate_blank: bool,
}

/// An indicator row's score, with the full marks its label or 分值 column gives.
#[derive(Debug, Clone)]
pub struct Scored {
    pub label: String,
    pub weight: Option<Printed>,
    pub score: Value,
}

/// Where a stated total score stands.
#[derive(Debug, Clone)]
pub enum TotalAt {
    Cell(Value),
    /// A line above the form (`自评得分：95`).
    Line {
        printed: Printed,
        line: u32,
    },
}

impl TotalAt {
    pub fn printed(&self) -> Printed {
        match self {
            TotalAt::Cell(v) => v.printed,
            TotalAt::Line { printed, .. } => *printed,
        }
    }
}

/// One 绩效 form: consecutive table pieces from its first table to the next form.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub tables: Vec<usize>,
    /// `项目名称` as printed.
    pub name: Option<String>,
    /// A form for the whole department (`部门整体支出绩效自评表`).
    pub whole: bool,
    pub unit: Option<Unit>,
    pub funds: Vec<FundRow>,
    /// Full marks of the funds' score (`预算执行情况（万元）(20分)`, `得分(20分*执行率)`).
    pub fund_weight: Option<Printed>,
    /// The form defines the funds' score as full marks × 执行率.
    pub score_times_rate: bool,
    pub scores: Vec<Scored>,
    /// Every indicator row after the score heading had a readable score.
    pub scores_complete: bool,
    pub total: Option<TotalAt>,
}

impl Form {
    /// The funds row that stands for the whole project (the first, `年度资金总额`).
    pub fn project_funds(&self) -> Option<&FundRow> {
        self.funds.first()
    }

    /// The table the form starts with (its display name is the form's name in messages).
    pub fn first_table<'a>(&self, d: &'a Disclosure) -> Option<&'a Table> {
        self.tables.first().and_then(|i| d.tables.get(*i))
    }
}

/// What one 绩效 paragraph says of a project (or of the whole department).
#[derive(Debug, Clone)]
pub struct Statement {
    pub block: usize,
    pub name: Option<String>,
    pub whole: bool,
    /// Mentions (indices into the claims) of the budget, actual and rate.
    pub budgets: Vec<usize>,
    pub actuals: Vec<usize>,
    pub rates: Vec<usize>,
    pub score: Option<(Printed, u32, String)>,
}

/// Rows of one table, header rows first, at most this many per form (bounded work).
const MAX_ROWS: usize = 400;

/// How many rows below a funds heading can hold the funds' figures.
const FUND_ROWS: usize = 6;

/// Is this table a 绩效 form (or a piece of one)?
fn is_performance(t: &Table) -> bool {
    t.kind.is_some_and(|k| k.id.contains("performance"))
}

fn rows(t: &Table) -> impl Iterator<Item = &RawRow> {
    t.header.iter().chain(t.body.iter()).take(MAX_ROWS)
}

/// Every 绩效 form of the document.
pub fn forms(d: &Disclosure) -> Vec<Form> {
    let mut out: Vec<Form> = Vec::new();
    let mut prev_end: Option<u32> = None;
    let mut prev_perf = false;
    for (ti, t) in d.tables.iter().enumerate() {
        if !is_performance(t) {
            prev_perf = false;
            prev_end = Some(t.span.end_line);
            continue;
        }
        let lead = lead_text(d, prev_end, t.span.line);
        let starts = !prev_perf
            || t.title.is_some()
            || lead.iter().any(|(_, s)| !s.starts_with("注"))
            || rows(t).any(|r| r.cells.iter().any(|c| is_name_label(&key(&c.text))));
        if starts || out.is_empty() {
            let mut f = Form { scores_complete: true, ..Default::default() };
            f.whole = t.title.as_deref().is_some_and(|s| s.contains("整体"))
                || lead.iter().any(|(_, s)| s.contains("整体") && s.contains("表"));
            f.total = lead
                .iter()
                .rev()
                .find_map(|(line, s)| stated_total(s).map(|p| TotalAt::Line { printed: p, line: *line }));
            out.push(f);
        }
        if let Some(f) = out.last_mut() {
            f.tables.push(ti);
        }
        prev_perf = true;
        prev_end = Some(t.span.end_line);
    }
    for f in &mut out {
        read_form(d, f);
    }
    out
}

/// Paragraph texts (key form) with their lines between the previous table and this one.
fn lead_text(d: &Disclosure, after: Option<u32>, before: u32) -> Vec<(u32, String)> {
    d.doc
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Table(_)))
        .filter(|b| {
            let s = b.span();
            after.is_none_or(|a| s.line > a) && s.end_line < before
        })
        .filter_map(|b| b.text().map(|t| (b.span().line, key(t))))
        .filter(|(_, t)| !t.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take(8)
        .rev()
        .collect()
}

/// `自评得分：95` alone on a line above a form.
fn stated_total(k: &str) -> Option<Printed> {
    for prefix in ["自评得分", "总得分", "评价得分", "总分"] {
        if let Some(rest) = k.strip_prefix(prefix) {
            let rest = rest.trim_start_matches([':', '为']);
            let rest = rest.strip_suffix('分').unwrap_or(rest);
            return parse_number(rest).filter(|(p, pct)| !pct && is_score(p)).map(|(p, _)| p);
        }
    }
    None
}

/// A score is a small number; anything else is not read as one (and sums of scores stay far
/// from the decimal type's limits whatever the input prints).
fn is_score(p: &Printed) -> bool {
    p.value.abs() <= rust_decimal::Decimal::from(100_000) && p.decimals <= 6
}

fn is_name_label(k: &str) -> bool {
    matches!(k.trim_end_matches(':'), "项目名称" | "专项(项目)名称" | "专项名称" | "项目(专项)名称")
}

/// The role of a heading cell over the funds' figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FundRole {
    Budget,
    Actual,
    Rate,
    Score,
}

fn fund_role(k: &str) -> Option<FundRole> {
    if k.contains("执行率") && !k.contains("得分") {
        Some(FundRole::Rate)
    } else if k.starts_with("得分") || k.starts_with("自评得分") {
        Some(FundRole::Score)
    } else if (k.contains("预算数") || k.contains("全年预算")) && !k.contains("执行") {
        Some(FundRole::Budget)
    } else if k.contains("执行数") || k.contains("全年执行") || k == "实际支出" || k.contains("实际支出数")
    {
        Some(FundRole::Actual)
    } else {
        None
    }
}

/// A figure cell of a funds row: `28 万`, `27.78`, `99.21%`, or an empty rate `%`.
enum FundCell {
    Figure(Printed, Option<Unit>, bool),
    BlankRate,
}

fn fund_cell(text: &str) -> Option<FundCell> {
    let k = key(text);
    if k == "%" {
        return Some(FundCell::BlankRate);
    }
    for (suffix, unit) in [("万元", Unit::Wanyuan), ("万", Unit::Wanyuan), ("元", Unit::Yuan)] {
        if let Some(n) = k.strip_suffix(suffix) {
            return match parse_number(n) {
                Some((p, false)) => Some(FundCell::Figure(p, Some(unit), false)),
                _ => None,
            };
        }
    }
    match cell_value(&k) {
        CellValue::Number(p) => Some(FundCell::Figure(p, None, false)),
        CellValue::Percent(p) => Some(FundCell::Figure(p, None, true)),
        _ => None,
    }
}

/// `(20分)` at the end of a label: the full marks of what the label names.
pub fn label_weight(k: &str) -> Option<Printed> {
    let body = k.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let inner = body.get(open + 1..)?;
    let n = inner.strip_suffix('分').unwrap_or(inner);
    match parse_number(n) {
        Some((p, false)) if inner.ends_with('分') => Some(p),
        _ => None,
    }
}

/// The number before `分` in a heading such as `得分(20分*执行率)`.
fn weight_in(k: &str) -> Option<Printed> {
    k.match_indices('分').find_map(|(end, _)| {
        let before = k.get(..end)?;
        let start = before.rfind(|c: char| !(c.is_ascii_digit() || c == '.')).map_or(0, |i| i + 1);
        match parse_number(before.get(start..)?) {
            Some((p, false)) => Some(p),
            _ => None,
        }
    })
}

fn read_form(d: &Disclosure, f: &mut Form) {
    // (table, row index, row) over all pieces.
    let mut all: Vec<(usize, usize, &RawRow)> = Vec::new();
    for &ti in &f.tables {
        if let Some(t) = d.tables.get(ti) {
            all.extend(rows(t).enumerate().map(|(ri, r)| (ti, ri, r)));
        }
    }
    let keys: Vec<Vec<String>> = all.iter().map(|(_, _, r)| r.cells.iter().map(|c| key(&c.text)).collect()).collect();
    for ks in &keys {
        for (ci, k) in ks.iter().enumerate() {
            if f.name.is_none() && is_name_label(k) {
                f.name = all_cells_after(ks, ci).next().map(|(_, s)| s.to_owned());
            }
            if f.unit.is_none() && (k.contains("(万元)") || k.contains("单位:万元")) {
                f.unit = Some(Unit::Wanyuan);
            }
            if k.contains("得分") && k.contains("分值") && k.contains("执行率") && k.contains('×') {
                f.score_times_rate = true;
            }
        }
    }
    f.whole |= f
        .tables
        .first()
        .and_then(|i| d.tables.get(*i))
        .is_some_and(|t| rows(t).take(4).any(|r| r.cells.iter().any(|c| key(&c.text).contains("部门职能"))));
    read_funds(f, &all, &keys);
    read_scores(f, &all, &keys);
    if !matches!(f.total, Some(TotalAt::Cell(_))) {
        read_total_row(f, &all, &keys);
    }
}

/// A `总分 | 94` row of a form without indicator scores (only unambiguous labels: a
/// `合计` row there may be the funds' total).
fn read_total_row(f: &mut Form, all: &[(usize, usize, &RawRow)], keys: &[Vec<String>]) {
    for (ri, ks) in keys.iter().enumerate() {
        let Some(ci) = ks.iter().position(|k| matches!(k.trim_end_matches(':'), "总分" | "自评总分" | "总得分"))
        else {
            continue;
        };
        let Some((vi, s)) = all_cells_after(ks, ci).next() else { continue };
        if let Some((p, false)) = parse_number(s).filter(|(p, _)| is_score(p)) {
            let (ti, tr, raw) = all[ri];
            let text = raw.cells.get(vi).map_or(s, |c| c.text.as_str());
            f.total = Some(TotalAt::Cell(value(p, None, false, text, At { table: ti, row: tr, col: vi })));
        }
    }
}

fn all_cells_after(ks: &[String], ci: usize) -> impl Iterator<Item = (usize, &str)> {
    ks.iter().enumerate().skip(ci + 1).filter(|(_, s)| !s.is_empty()).map(|(i, s)| (i, s.as_str()))
}

fn value(p: Printed, unit: Option<Unit>, percent: bool, text: &str, at: At) -> Value {
    Value { printed: p, unit, percent, text: text.trim().to_owned(), at }
}

fn read_funds(f: &mut Form, all: &[(usize, usize, &RawRow)], keys: &[Vec<String>]) {
    for (ri, ks) in keys.iter().enumerate() {
        let roles: Vec<(usize, FundRole)> =
            ks.iter().enumerate().filter_map(|(ci, k)| fund_role(k).map(|r| (ci, r))).collect();
        let has = |r: FundRole| roles.iter().any(|(_, x)| *x == r);
        if !(has(FundRole::Budget) && has(FundRole::Actual)) {
            continue;
        }
        for (ci, k) in ks.iter().enumerate() {
            if fund_role(k) == Some(FundRole::Score) {
                f.score_times_rate |= k.contains("执行率");
                f.fund_weight = f.fund_weight.or_else(|| weight_in(k));
            } else if fund_role(k).is_none() {
                f.fund_weight = f.fund_weight.or_else(|| label_weight(k));
            }
            let _ = ci;
        }
        let (ti, tr, _) = all[ri];
        // Key–value: `预算数: | 20万 | 执行数: | 14.4万`.
        let kv: Vec<(FundRole, usize)> = roles
            .iter()
            .filter_map(|(ci, r)| {
                let (vi, s) = all_cells_after(ks, *ci).next()?;
                matches!(fund_cell(s), Some(FundCell::Figure(..))).then_some((*r, vi))
            })
            .collect();
        if kv.len() >= 2 {
            let mut row = FundRow { label: "预算执行情况".to_owned(), ..Default::default() };
            for (r, vi) in kv {
                let Some(FundCell::Figure(p, u, pct)) = fund_cell(&ks[vi]) else { continue };
                // A rate must print `%`, amounts and scores must not; scores stay small.
                if pct == (r == FundRole::Rate) && (r != FundRole::Score || is_score(&p)) {
                    let v = value(p, u, pct, &all[ri].2.cells[vi].text, At { table: ti, row: tr, col: vi });
                    assign(&mut row, r, v);
                }
            }
            f.funds.push(row);
            return;
        }
        // Column form: the figures are in the rows below, one per heading, in order.
        let order: Vec<FundRole> = roles.iter().map(|(_, r)| *r).collect();
        for (rj, ks2) in keys.iter().enumerate().skip(ri + 1).take(FUND_ROWS) {
            if ks2.iter().any(|k| k.contains("指标") || k.contains("目标")) {
                break;
            }
            let Some(label_at) = ks2.iter().rposition(|k| !k.is_empty() && fund_cell(k).is_none()) else {
                continue;
            };
            let cells: Vec<(usize, FundCell)> =
                all_cells_after(ks2, label_at).filter_map(|(i, s)| fund_cell(s).map(|c| (i, c))).collect();
            if cells.len() != order.len() {
                continue;
            }
            let (tj, trj, raw) = all[rj];
            let mut row = FundRow { label: ks2[label_at].trim_end_matches(':').to_owned(), ..Default::default() };
            let mut ok = true;
            for ((ci, c), r) in cells.into_iter().zip(order.iter()) {
                match c {
                    FundCell::BlankRate if *r == FundRole::Rate => row.rate_blank = true,
                    FundCell::Figure(p, u, pct)
                        if pct == (*r == FundRole::Rate) && (*r != FundRole::Score || is_score(&p)) =>
                    {
                        let text = raw.cells.get(ci).map_or("", |c| c.text.as_str());
                        assign(&mut row, *r, value(p, u, pct, text, At { table: tj, row: trj, col: ci }));
                    }
                    _ => ok = false,
                }
            }
            if ok {
                f.funds.push(row);
            }
        }
        return;
    }
}

fn assign(row: &mut FundRow, r: FundRole, v: Value) {
    match r {
        FundRole::Budget => row.budget = Some(v),
        FundRole::Actual => row.actual = Some(v),
        FundRole::Rate => row.rate = Some(v),
        FundRole::Score => row.score = Some(v),
    }
}

fn is_score_heading(k: &str) -> bool {
    matches!(k, "得分" | "自评得分" | "实际得分" | "评价得分" | "得分(分)")
}

fn is_total_label(k: &str) -> bool {
    matches!(k.trim_end_matches(':'), "总分" | "合计" | "总计" | "自评得分" | "得分合计" | "总得分" | "自评总分")
}

fn read_scores(f: &mut Form, all: &[(usize, usize, &RawRow)], keys: &[Vec<String>]) {
    let Some(hi) =
        keys.iter().position(|ks| ks.iter().any(|k| is_score_heading(k)) && ks.iter().any(|k| k.contains("指标")))
    else {
        // No indicator scores; a total row may still stand alone.
        return;
    };
    let header = &keys[hi];
    let Some(sc) = header.iter().rposition(|k| is_score_heading(k)) else { return };
    let last = header.iter().rposition(|k| !k.is_empty()) == Some(sc);
    let weight_col = header.iter().position(|k| matches!(k.as_str(), "分值" | "指标分值" | "分值(分)" | "权重"));
    for (ri, ks) in keys.iter().enumerate().skip(hi + 1) {
        if ks == header || ks.first().is_some_and(|k| k.starts_with('(') && k.contains("概述")) {
            continue;
        }
        let (ti, tr, raw) = all[ri];
        if let Some(ci) = ks.iter().position(|k| is_total_label(k)) {
            if let Some((vi, s)) = all_cells_after(ks, ci).next() {
                if let Some((p, false)) = parse_number(s).filter(|(p, _)| is_score(p)) {
                    f.total = Some(TotalAt::Cell(value(
                        p,
                        None,
                        false,
                        &raw.cells[vi].text,
                        At { table: ti, row: tr, col: vi },
                    )));
                }
            }
            break;
        }
        let score_at = if last {
            ks.iter().rposition(|k| !k.is_empty())
        } else if ks.len() == header.len() {
            Some(sc)
        } else {
            None
        };
        let before = score_at.unwrap_or(ks.len());
        // Label cells: short texts before the score (not the long 指标说明/评分标准 cells).
        let labels: Vec<(usize, &String)> =
            ks.iter().enumerate().take(before).filter(|(_, k)| is_label_text(k)).collect();
        let weighted = labels.iter().rev().find_map(|(i, k)| label_weight(k).map(|w| (*i, w)));
        let label_weight_v = weighted.map(|(_, w)| w);
        let col_weight = weight_col.filter(|_| ks.len() == header.len()).and_then(|wc| match cell_value(&ks[wc]) {
            CellValue::Number(p) => Some(p),
            _ => None,
        });
        let weight = label_weight_v.or(col_weight);
        let score = score_at.and_then(|ci| match cell_value(&ks[ci]) {
            CellValue::Number(p) if is_score(&p) => Some((ci, p)),
            _ => None,
        });
        match score {
            Some((ci, p)) => {
                let at =
                    weighted.map(|(i, _)| i).or_else(|| labels.iter().rev().find(|(i, _)| *i < 4).map(|(i, _)| *i));
                let label = at.and_then(|i| raw.cells.get(i)).map(|c| c.text.trim().to_owned()).unwrap_or_default();
                f.scores.push(Scored {
                    label,
                    weight,
                    score: value(p, None, false, &raw.cells[ci].text, At { table: ti, row: tr, col: ci }),
                });
            }
            None if weight.is_some() || ks.iter().filter(|k| !k.is_empty()).count() > 2 => {
                f.scores_complete = false;
            }
            None => {}
        }
    }
}

/// A short label (an indicator's name), not a value, a target or an explanation.
fn is_label_text(k: &str) -> bool {
    let n = k.chars().count();
    (2..=30).contains(&n)
        && !k.starts_with(['≥', '≤', '>', '<', '=', '》', '《'])
        && !k.contains('=')
        && matches!(cell_value(k), CellValue::Text)
}

/// Every 绩效 paragraph that states a project's (or the department's) budget, actual,
/// rate or self-evaluation score.
pub fn statements(d: &Disclosure, c: &Claims) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for m_i in 0..c.mentions.len() {
        let m = &c.mentions[m_i];
        let Some(Block::Paragraph(p)) = d.doc.blocks.get(m.block) else { continue };
        let money = m.is_money();
        let kind = match m.role {
            Role::Budget(_) if money => 0,
            Role::Actual if money => 1,
            Role::Rate(_) if !money => 2,
            _ => continue,
        };
        if out.last().is_none_or(|s| s.block != m.block) {
            let (name, whole) = subject_of(&p.text);
            if name.is_none() && !whole {
                continue;
            }
            out.push(Statement {
                block: m.block,
                name,
                whole,
                budgets: Vec::new(),
                actuals: Vec::new(),
                rates: Vec::new(),
                score: self_score(&p.text).map(|(v, off, s)| (v, p.line_at(off), s)),
            });
        }
        if let Some(s) = out.last_mut().filter(|s| s.block == m.block) {
            [&mut s.budgets, &mut s.actuals, &mut s.rates][kind].push(m_i);
        }
    }
    // Paragraphs that state only a score (`2022 年部门整体绩效自评得分 98 分。`).
    for (bi, b) in d.doc.blocks.iter().enumerate() {
        let Block::Paragraph(p) = b else { continue };
        if out.iter().any(|s| s.block == bi) {
            continue;
        }
        let Some((v, off, printed)) = self_score(&p.text) else { continue };
        let (name, whole) = subject_of(&p.text);
        if name.is_some() || whole {
            out.push(Statement {
                block: bi,
                name,
                whole,
                budgets: Vec::new(),
                actuals: Vec::new(),
                rates: Vec::new(),
                score: Some((v, p.line_at(off), printed)),
            });
        }
    }
    out.sort_by_key(|s| s.block);
    out
}

/// Words that show a paragraph's lead is not a project's name (`发现的问题及原因：项目…`).
const NOT_A_NAME: &[&str] = &["部门", "整体", "根据", "年", "问题", "原因", "措施", "情况", "说明"];

/// The project a 绩效 paragraph is about: `3. 新型农村合作医疗管理工作项目绩效自评综述：`,
/// `（1）“医疗照顾”项目绩效目标完成情况综述。`, `医保信息化建设：项目全年预算数…`; or the
/// whole department (`整体自评得分`, `部门整体绩效`).
fn subject_of(text: &str) -> (Option<String>, bool) {
    let k = key(text);
    let lead = k.split(['。', ';', '；']).next().unwrap_or("");
    let mut rest: &str = lead;
    if let Some(n) = crate::text::numbering::parse(rest) {
        rest = n.rest;
    }
    let rest = rest.trim_start_matches(['.', '、', ' ']);
    let head_end = rest.find(':').unwrap_or(rest.len());
    let head = rest.get(..head_end).unwrap_or("");
    let after = rest.get(head_end..).unwrap_or("").trim_start_matches(':');
    let name = if let Some(i) = head.find("绩效") {
        head.get(..i)
    } else if after.starts_with("项目") {
        Some(head)
    } else {
        None
    };
    let name = name
        .map(|n| n.trim_end_matches("项目").trim())
        .filter(|n| {
            let len = n.chars().count();
            (3..=40).contains(&len) && !NOT_A_NAME.iter().any(|w| n.contains(w))
        })
        .map(str::to_owned);
    let whole = name.is_none() && (lead.contains("整体") || lead.contains("部门支出绩效") || lead.contains("部门绩效"));
    (name, whole)
}

/// `自评得分96分`, `自评得 89 分`, `绩效自评得分为 98 分`: the value, its byte offset in the
/// paragraph, and the figure as printed.
fn self_score(text: &str) -> Option<(Printed, usize, String)> {
    for marker in ["自评得分", "评价得分", "自评得"] {
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|s| s.find(marker)).map(|i| i + from) {
            from = i + marker.len();
            let rest = text.get(from..)?;
            let trimmed = rest.trim_start_matches([' ', '为', '：', ':', '\u{3000}']);
            let start = from + (rest.len() - trimmed.len());
            let num_len = trimmed.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(trimmed.len());
            let num = trimmed.get(..num_len)?;
            let after = trimmed.get(num_len..)?.trim_start();
            if num.is_empty() || !after.starts_with('分') {
                continue;
            }
            if let Some((p, false)) = parse_number(num).filter(|(p, _)| is_score(p)) {
                return Some((p, start, num.to_owned()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        assert_eq!(
            subject_of("3. 新型农村合作医疗管理工作项目绩效自评综述：根据").0.as_deref(),
            Some("新型农村合作医疗管理工作")
        );
        assert_eq!(subject_of("（1）“医疗照顾”项目绩效目标完成情况综述。项目全年").0.as_deref(), Some("医疗照顾"));
        assert_eq!(subject_of("医保信息化建设：项目全年预算数为 247.96 万元").0.as_deref(), Some("医保信息化建设"));
        assert_eq!(
            subject_of("基本医疗(含生育)业务经办管理:项目全年预算数为73万元").0.as_deref(),
            Some("基本医疗(含生育)业务经办管理")
        );
        assert_eq!(subject_of("2020 年度整体自评得分 95 分。全年调整预算数"), (None, true));
        assert_eq!(subject_of("根据预算绩效管理要求，本部门组织").0, None);
    }

    #[test]
    fn scores_in_text() {
        assert_eq!(self_score("项目自评得分 96 分。").map(|s| s.2), Some("96".to_owned()));
        assert_eq!(self_score("项目自评得 89 分。").map(|s| s.2), Some("89".to_owned()));
        assert_eq!(self_score("部门整体绩效自评得分为98分").map(|s| s.2), Some("98".to_owned()));
        assert!(self_score("自评得分情况良好").is_none());
    }

    #[test]
    fn weights() {
        assert_eq!(label_weight("预算执行(25分)").map(|p| p.value.to_string()), Some("25".to_owned()));
        assert_eq!(label_weight("债务还本付息(2)"), None);
        assert_eq!(weight_in("得分(20分执行率)").map(|p| p.value.to_string()), Some("20".to_owned()));
        assert_eq!(stated_total("自评得分:95").map(|p| p.value.to_string()), Some("95".to_owned()));
    }
}
