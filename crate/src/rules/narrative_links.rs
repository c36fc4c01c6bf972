//! The narrative against the tables and against itself (domain.md §2, §5): a narrative
//! amount whose concept (or classification item) a recognised table prints must equal that
//! cell, 元/万元 converted; one concept stated twice with different values, or one change
//! stated twice with different amounts, is reported with both places; a figure whose unit
//! does not fit its neighbours (`1147.09 元` amid 万元) is a warning.

use super::narrative::{judge, mention_location, subject};
use super::{finding, Context, RuleInfo};
use crate::facts::claims::{self, Base, BudgetKind, Claims, Mention, Role};
use crate::facts::table_facts::{Key, Period, TableFact};
use crate::finding::{Finding, Severity};
use crate::interval::{Interval, Rounding};
use crate::text::figures::FigureUnit;
use crate::text::number::{CellValue, Unit};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "narrative.text-table",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "说明中的数字与报表不一致",
        title_en: "A narrative figure differs from the table",
        doc_zh: "情况说明中复述报表的数字（收入总计、本年收入合计、本年支出合计、财政拨款收入支出、一般公共预算财政拨款支出、基本支出、项目支出、人员经费、公用经费、按科目列示的支出、“三公”经费各项、会议费、培训费、机关运行经费、政府采购总额、公用经费所列经济科目等）必须与报表一致，决算数只比决算数栏、预算数只比预算数栏；元与万元换算后按区间比较，尾差不报错。文字可能指多个口径时，与任一相符即可。",
        doc_en: "A narrative figure restating a table figure (totals, fiscal income and expenditure, basic and project expenditure, personnel and public costs, expenditure by classification item, each 三公 item, 会议费, 培训费, 机关运行经费, the 政府采购 total, the economic lines of a 公用经费 list) must equal the table cell of the same period (决算 against 决算数, budget against 预算数) after 元/万元 conversion; rounding never errors, and a figure whose words allow several readings only needs to fit one.",
    },
    RuleInfo {
        id: "narrative.text-text",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "说明中同一数字前后不一致",
        title_en: "The narrative states one figure twice with different values",
        doc_zh: "同一口径的同一数字（如财政拨款支出、“三公”经费决算数）或同一增减额在说明中出现两次时，数值必须一致。",
        doc_en: "The same figure (e.g. fiscal expenditure, the 三公 actual) or the same change stated twice in the narrative must have one value.",
    },
    RuleInfo {
        id: "narrative.unit",
        family: "narrative",
        severity: Severity::Warning,
        title_zh: "金额单位疑似有误",
        title_en: "Implausible unit",
        doc_zh: "同一段中其他金额都以万元表示，而某个数字以“元”表示且量级与万元数相当（如“总收入为 1147.09 元，上年收入 920.14 万元”），单位很可能写错。",
        doc_en: "A figure in 元 whose size matches the 万元 figures around it (`1147.09 元` next to `920.14 万元`) most likely has the wrong unit.",
    },
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let (c, facts) = (ctx.claims(), ctx.table_facts());
    let slipped = unit_slips(ctx, c, out);
    text_table(ctx, c, facts, &slipped, out);
    text_text(ctx, c, &slipped, out);
    changes_twice(ctx, c, out);
}

fn wan_to_yuan() -> Decimal {
    Unit::Wanyuan.in_yuan()
}

/// Figures printed in 元 amid 万元 figures of the same size: a slipped unit. Returns the
/// mentions concerned, so the other checks do not report the same slip again.
fn unit_slips(ctx: &Context, c: &Claims, out: &mut Vec<Finding>) -> Vec<bool> {
    let mut slipped = vec![false; c.mentions.len()];
    for (i, m) in c.mentions.iter().enumerate() {
        if m.figure.unit != FigureUnit::Money(Unit::Yuan) || m.figure.value.decimals == 0 {
            continue;
        }
        let v = m.figure.value.value;
        if v < Decimal::ONE {
            continue;
        }
        // Mentions are in document order: the paragraph's are one run.
        let lo = c.mentions.partition_point(|n| n.block < m.block);
        let hi = c.mentions.partition_point(|n| n.block <= m.block);
        let peer = c.mentions.get(lo..hi).unwrap_or(&[]).iter().find(|n| {
            n.figure.unit == FigureUnit::Money(Unit::Wanyuan) && {
                let w = n.figure.value.value;
                !w.is_zero() && v * Decimal::TEN >= w && v <= w * Decimal::TEN
            }
        });
        let Some(peer) = peer else { continue };
        slipped[i] = true;
        let mut f = finding(
            "narrative.unit",
            Severity::Warning,
            format!("“{}”的单位疑为万元：同段金额以万元表示（如 {}），量级相当", m.printed, peer.printed),
            format!(
                "“{}” is probably in 万元: the figures around it are in 万元 (e.g. {}) and of the same size",
                m.printed, peer.printed
            ),
        );
        f.locations.push(mention_location(ctx, m));
        if peer.line != m.line {
            f.locations.push(mention_location(ctx, peer));
        }
        f.expected = Some(format!("{}万元", crate::rules::arithmetic::format_decimal(v, m.figure.value.decimals)));
        f.actual = Some(m.printed.clone());
        out.push(f);
    }
    slipped
}

/// A mention in another unit would fit: the unit slipped (reported by `narrative.unit`).
fn slip_explains(m: &Mention, other: Interval) -> bool {
    let i = m.interval(Rounding::Round);
    i.scale(wan_to_yuan()).overlaps(&other) || other.scale(wan_to_yuan()).overlaps(&i)
}

/// Figures the narrative states as this year's amount (in a budget: the budget).
fn current_like(c: &Claims, m: &Mention) -> bool {
    m.is_current_like(c.budget_doc)
}

/// Fund scopes a classification item's figure may be in, from the whole it is listed under.
fn item_scopes(c: &Claims, m: &Mention) -> Vec<&'static str> {
    let whole = m.enumeration.and_then(|e| c.enumerations.get(e)).and_then(|e| c.mentions.get(e.whole));
    let ids: Vec<&str> = whole
        .map(|w| w.concepts.iter().filter_map(|i| claims::vocab::concept(*i)).map(|c| c.id).collect())
        .unwrap_or_default();
    if ids.iter().any(|i| i.starts_with("gpb")) {
        vec!["gpb"]
    } else if ids.iter().any(|i| i.starts_with("fiscal")) {
        vec!["fiscal", "gpb"]
    } else if ids.iter().any(|i| *i == "expense" || *i == "grand-expense") {
        vec!["all"]
    } else {
        vec!["gpb", "all", "fiscal"]
    }
}

fn candidates<'f>(c: &Claims, m: &Mention, facts: &'f [TableFact]) -> Vec<&'f TableFact> {
    match &m.item {
        Some(Key::Function(code)) => {
            let scopes = item_scopes(c, m);
            facts
                .iter()
                .filter(|f| {
                    f.key == Key::Function(code.clone()) && f.measure == "exp-total" && scopes.contains(&f.scope)
                })
                .collect()
        }
        Some(Key::Economic(code)) => facts
            .iter()
            .filter(|f| f.key == Key::Economic(code.clone()) && matches!(f.measure.as_str(), "exp-total" | "exp-basic"))
            .collect(),
        _ => economic_line(c, m, facts).unwrap_or_else(|| concept_facts(m, facts)),
    }
}

/// The 合计-row facts of the concepts a figure names.
fn concept_facts<'f>(m: &Mention, facts: &'f [TableFact]) -> Vec<&'f TableFact> {
    let concepts: Vec<&claims::Concept> = m.concepts.iter().filter_map(|i| claims::vocab::concept(*i)).collect();
    facts
        .iter()
        .filter(|f| f.key == Key::Total)
        .filter(|f| concepts.iter().any(|k| k.facts.iter().any(|(s, me)| *s == f.scope && *me == f.measure)))
        .collect()
}

/// A line of a 公用经费 (or 基本支出) list, `公用经费 41.11 万元，主要包括办公费 17.15 万元、
/// 培训费 0.09 万元`: the basic-expenditure table's economic line of that name (30216 培训费),
/// not the department's whole 培训费 of the 三公 table. `None` when the figure is not in such
/// a list; no candidates when the line is not found by name, or when the list's whole is not
/// the table's own 公用经费 (other funds: the lines may differ).
fn economic_line<'f>(c: &Claims, m: &Mention, facts: &'f [TableFact]) -> Option<Vec<&'f TableFact>> {
    let whole = m.enumeration.and_then(|e| c.enumerations.get(e)).and_then(|e| c.mentions.get(e.whole))?;
    let ids: Vec<&str> = whole.concepts.iter().filter_map(|i| claims::vocab::concept(*i)).map(|k| k.id).collect();
    let basic_list = ids.iter().any(|i| matches!(*i, "public" | "basic" | "gpb-basic" | "personnel"))
        || matches!(whole.item, Some(Key::Economic(_)));
    // `基本支出…其中：人员经费 x、公用经费 y`: parts of the structure, not economic lines.
    let structure = m
        .concepts
        .iter()
        .filter_map(|i| claims::vocab::concept(*i))
        .any(|k| k.facts.iter().any(|(_, me)| me.starts_with("exp-")));
    if !basic_list || structure {
        return None;
    }
    let lines = || {
        facts
            .iter()
            .filter(|f| matches!(f.key, Key::Economic(_)) && matches!(f.measure.as_str(), "exp-total" | "exp-basic"))
    };
    // The longest line name the words before the figure end with.
    let words = claims::vocab::strip_fillers(&m.clause);
    let code = lines()
        .filter_map(|f| {
            let Key::Economic(code) = &f.key else { return None };
            let name =
                crate::text::norm::bare_label(&crate::text::norm::key(f.row_name.trim_start_matches(code.as_str())));
            (!name.is_empty() && words.ends_with(name.as_str())).then_some((name.len(), code))
        })
        .max()
        .map(|(_, code)| code.clone());
    let same_funds = concept_facts(whole, facts)
        .iter()
        .any(|f| fact_interval(f, Rounding::Round).is_some_and(|t| t.overlaps(&whole.interval(Rounding::Round))));
    let Some(code) = code.filter(|_| same_funds) else { return Some(Vec::new()) };
    Some(lines().filter(|f| f.key == Key::Economic(code.clone())).collect())
}

fn fact_interval(f: &TableFact, r: Rounding) -> Option<Interval> {
    let u = f.unit?;
    match f.value {
        CellValue::Number(p) => Some(p.interval(r).scale(u.in_yuan())),
        CellValue::Blank | CellValue::Dash => Some(Interval::zero()),
        _ => None,
    }
}

/// Which table figures a narrative amount restates: this year's (the 决算 of a final
/// account, the budget of a budget), the 预算数 a final account prints beside the 决算数, or
/// last year's.
fn mention_period(c: &Claims, m: &Mention) -> Option<Period> {
    if current_like(c, m) {
        return Some(Period::Own);
    }
    match m.role {
        _ if !m.is_money() => None,
        Role::Budget(k) => Some(Period::Budget(k)),
        Role::Previous => Some(Period::Previous),
        _ => None,
    }
}

/// Whether a table figure of period `f` may be the narrative's figure of period `m`, and
/// whether surely. A 决算's 预算数 is the adjusted budget (全年预算数: the national template's
/// note says so), so the narrative's `年初预算` is another figure, and a bare `预算为` may
/// mean either: only matching words are sure.
fn period_fit(m: Period, f: Period) -> Option<bool> {
    use BudgetKind::*;
    match (m, f) {
        (Period::Budget(a), Period::Budget(b)) if a == b => Some(a != Any),
        (Period::Budget(Initial), Period::Budget(_)) | (Period::Budget(_), Period::Budget(Initial)) => None,
        (Period::Budget(_), Period::Budget(_)) => Some(false),
        (a, b) => (a == b).then_some(true),
    }
}

fn text_table(ctx: &Context, c: &Claims, facts: &[TableFact], slipped: &[bool], out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    for (i, m) in c.mentions.iter().enumerate() {
        let Some(period) = mention_period(c, m) else { continue };
        if slipped[i] {
            continue;
        }
        let fit: Vec<(&TableFact, bool)> = candidates(c, m, facts)
            .into_iter()
            .filter(|f| fact_interval(f, Rounding::Round).is_some())
            .filter_map(|f| period_fit(period, f.period).map(|sure| (f, sure)))
            .collect();
        let cands: Vec<&TableFact> = fit.iter().map(|(f, _)| *f).collect();
        let sure = fit.iter().all(|(_, s)| *s);
        let Some(first) = cands.first() else { continue };
        let fits = |r: Rounding| cands.iter().any(|f| fact_interval(f, r).is_some_and(|t| t.overlaps(&m.interval(r))));
        let Some(sev) = judge(ctx, fits) else { continue };
        let sev = if sure { sev } else { sev.max(Severity::Warning) };
        if cands.iter().any(|f| fact_interval(f, Rounding::Round).is_some_and(|t| slip_explains(m, t))) {
            continue;
        }
        let t = &d.tables[first.table];
        let cell = t.cell_text(first.row, first.col).trim();
        let cell = if cell.is_empty() { "空" } else { cell };
        let unit = first.unit.map_or("", |u| u.label());
        let (zh, en) = match period {
            Period::Own if !c.budget_doc && m.role == Role::Actual => ("决算数", "actual"),
            Period::Budget(_) => ("预算数", "budget"),
            Period::Previous => ("上年数", "last year's figure"),
            Period::Own => ("", ""),
        };
        let who = format!("{}{zh}", subject(m));
        let en_who = if en.is_empty() { subject(m) } else { format!("{} ({en})", subject(m)) };
        let mut f = finding(
            "narrative.text-table",
            sev,
            format!("说明中{who}为 {}，{}为 {cell}{unit}，两者不一致", m.printed, t.display_name()),
            format!("the narrative gives {en_who} as {}, {} prints {cell}{unit}", m.printed, t.display_name()),
        );
        f.locations.push(mention_location(ctx, m));
        f.locations.push(ctx.cell_location(t, first.row, first.col, &first.row_name));
        f.expected = Some(format!("{cell}{unit}"));
        f.actual = Some(m.printed.clone());
        out.push(f);
    }
}

/// What a figure is, for comparing two statements: its concept or item, role and the whole
/// it is listed under (a 培训费 inside 公用经费 is not the department's 培训费).
fn identity(c: &Claims, m: &Mention) -> Option<(String, Option<String>)> {
    // Items are compared with the tables instead: one code under two names is a code error
    // (code rules), not one figure stated twice.
    let what = match (&m.item, m.concepts.as_slice()) {
        (None, [one]) => format!("concept:{one}"),
        _ => return None,
    };
    let context =
        m.enumeration.and_then(|e| c.enumerations.get(e)).and_then(|e| c.mentions.get(e.whole)).map(|w| {
            match (&w.item, w.concepts.as_slice()) {
                (Some(k), _) => k.display(),
                (None, ids) => format!("{ids:?}"),
            }
        });
    Some((what, context))
}

/// What groups statements of one figure: identity, list context and role (or current value).
type GroupKey = (String, Option<String>, String);

/// At most this many findings for one subject: a document restating one figure with many
/// values needs its first few pointed out, not every pair.
const MAX_PER_SUBJECT: usize = 10;

/// Each statement of a figure against the first statement of the same figure.
fn text_text(ctx: &Context, c: &Claims, slipped: &[bool], out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    for (i, m) in c.mentions.iter().enumerate() {
        if !current_like(c, m) || slipped[i] {
            continue;
        }
        if let Some((what, context)) = identity(c, m) {
            groups.entry((what, context, format!("{:?}", m.role))).or_default().push(i);
        }
    }
    for members in groups.values() {
        let Some((&first, rest)) = members.split_first() else { continue };
        let a = &c.mentions[first];
        let mut seen: Vec<&crate::text::number::Printed> = Vec::new();
        for &j in rest {
            let b = &c.mentions[j];
            let fits = |r: Rounding| a.interval(r).overlaps(&b.interval(r));
            let Some(sev) = judge(ctx, fits) else { continue };
            if slip_explains(a, b.interval(Rounding::Round)) || seen.contains(&&b.figure.value) {
                continue;
            }
            seen.push(&b.figure.value);
            if seen.len() > MAX_PER_SUBJECT {
                break;
            }
            let who = subject(a);
            let mut f = finding(
                "narrative.text-text",
                sev,
                format!("说明中{who}前后不一致：第 {} 行为 {}，第 {} 行为 {}", a.line, a.printed, b.line, b.printed),
                format!(
                    "the narrative gives {who} as {} (line {}) and {} (line {})",
                    a.printed, a.line, b.printed, b.line
                ),
            );
            f.locations.push(mention_location(ctx, b));
            f.locations.push(mention_location(ctx, a));
            f.expected = Some(a.printed.clone());
            f.actual = Some(b.printed.clone());
            out.push(f);
        }
    }
}

/// The same year-on-year change of one concept (and current figure) stated twice with
/// different amounts: each against the first.
fn changes_twice(ctx: &Context, c: &Claims, out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<GroupKey, Vec<(&Mention, &Mention)>> = BTreeMap::new();
    for ch in c.changes.iter().filter(|ch| ch.base == Base::PriorYear) {
        let (Some(cur), Some(amt)) =
            (ch.current.and_then(|i| c.mentions.get(i)), ch.amount.and_then(|i| c.mentions.get(i)))
        else {
            continue;
        };
        if let Some((what, context)) = identity(c, cur) {
            groups.entry((what, context, cur.figure.value.value.to_string())).or_default().push((cur, amt));
        }
    }
    for members in groups.values() {
        let Some(((cur_a, amt_a), rest)) = members.split_first() else { continue };
        for (n, (_, amt_b)) in rest.iter().enumerate() {
            if n >= MAX_PER_SUBJECT {
                break;
            }
            let sign = |m: &Mention| matches!(m.role, Role::Change(claims::Dir::Down));
            let fits = |r: Rounding| sign(amt_a) == sign(amt_b) && amt_a.interval(r).overlaps(&amt_b.interval(r));
            let Some(sev) = judge(ctx, fits) else { continue };
            let who = subject(cur_a);
            let mut f = finding(
                "narrative.text-text",
                sev,
                format!(
                    "说明中{who}（{}）的增减额前后不一致：第 {} 行为 {}，第 {} 行为 {}",
                    cur_a.printed, amt_a.line, amt_a.printed, amt_b.line, amt_b.printed
                ),
                format!(
                    "the narrative gives the change of {who} ({}) as {} (line {}) and {} (line {})",
                    cur_a.printed, amt_a.printed, amt_a.line, amt_b.printed, amt_b.line
                ),
            );
            f.locations.push(mention_location(ctx, amt_b));
            f.locations.push(mention_location(ctx, amt_a));
            f.expected = Some(amt_a.printed.clone());
            f.actual = Some(amt_b.printed.clone());
            out.push(f);
        }
    }
}
