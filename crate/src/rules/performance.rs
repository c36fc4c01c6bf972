//! 绩效 (performance) forms and their narrative: the execution rate a form prints equals
//! 执行数 ÷ 预算数; a funds score the form defines as 分值 × 执行率 equals it; the indicator
//! scores add up to the stated total and none exceeds its full marks; and what the 绩效 text
//! says of a project (budget, actual, rate, self-evaluation score) is what its form prints.
//!
//! The narrative's own rate (`完成预算的P%` against the amounts of the same sentence) is
//! narrative.rate; these rules add the table side and the text ↔ table link. Every
//! comparison is made on intervals (domain.md §2): rounding never makes an error.

use super::arithmetic::{format_decimal, format_percent};
use super::narrative::{judge, mention_location};
use super::{excerpt, finding, Context, RuleInfo};
use crate::facts::claims::Mention;
use crate::facts::performance::{self, At, Form, FundRow, Statement, TotalAt, Value};
use crate::finding::{Finding, Location, Severity};
use crate::interval::{Interval, Rounding};
use crate::text::figures::FigureUnit;
use crate::text::norm::key;
use crate::text::number::{Printed, Unit};
use rust_decimal::Decimal;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "performance.rate",
        family: "performance",
        severity: Severity::Error,
        title_zh: "绩效自评表执行率计算错误",
        title_en: "Execution rate in a performance form is wrong",
        doc_zh: "绩效自评表中的执行率（B/A）应等于全年执行数 ÷ 全年预算数，按印刷精度用区间判断，尾差不报错。",
        doc_en: "The execution rate (B/A) a performance form prints must equal actual ÷ budget of the same row, judged on the printed precision.",
    },
    RuleInfo {
        id: "performance.score-formula",
        family: "performance",
        severity: Severity::Error,
        title_zh: "预算执行得分与“分值×执行率”不符",
        title_en: "Budget-execution score differs from full marks × rate",
        doc_zh: "表头或说明规定预算执行得分 = 分值 × 执行率（如“得分（20分*执行率）”）时，表中得分应等于该乘积（执行率超过100%时按满分亦可）。",
        doc_en: "Where the form defines the budget-execution score as full marks × execution rate (得分（20分*执行率）), the printed score must equal it (full marks when the rate exceeds 100 % is accepted).",
    },
    RuleInfo {
        id: "performance.score-total",
        family: "performance",
        severity: Severity::Error,
        title_zh: "绩效自评总分与各项得分之和不符",
        title_en: "Total score differs from the sum of the scores",
        doc_zh: "绩效自评表的总分（或表前“自评得分”）应等于预算执行得分与各指标得分之和；尾差解释不了为错误，差额至少 1 分且超过尾差容许范围一半为警告。只有表中每一指标行都读得出得分时才检查。",
        doc_en: "A performance form's total (or the 自评得分 stated above it) must equal the budget-execution score plus every indicator's score; checked only when every indicator row's score could be read.",
    },
    RuleInfo {
        id: "performance.score-exceeds",
        family: "performance",
        severity: Severity::Warning,
        title_zh: "得分超过该项分值",
        title_en: "A score exceeds its full marks",
        doc_zh: "指标得分不应超过该指标的分值（标签中的“（N分）”或分值列）。",
        doc_en: "An indicator's score should not exceed its full marks (the （N分） of its label or the 分值 column).",
    },
    RuleInfo {
        id: "performance.text-table",
        family: "performance",
        severity: Severity::Error,
        title_zh: "绩效说明与绩效自评表不符",
        title_en: "Performance text differs from its form",
        doc_zh: "绩效说明中某项目的预算数、执行数、执行率、自评得分应与该项目绩效自评表（按项目名称对应）一致；部门整体自评得分应与部门整体绩效自评表一致。项目名称只能靠相同执行数与名称中相同字词推断对应时，只作警告。多个项目合填的表，其预算数、执行数应等于文中各项目之和。",
        doc_en: "A project's budget, actual, rate and self-evaluation score in the 绩效 text must match its form (matched by 项目名称); the department's overall score must match the department-wide form. When the form can only be inferred (same actual, shared words in the name) the finding is a warning. A form for several projects must show the sums of their figures.",
    },
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let forms = performance::forms(d);
    if forms.is_empty() {
        return;
    }
    for f in &forms {
        for row in &f.funds {
            rate(ctx, f, row, out);
            score_formula(ctx, f, row, out);
        }
        score_exceeds(ctx, f, out);
        score_total(ctx, f, out);
    }
    let statements = performance::statements(d, ctx.claims());
    text_table(ctx, &forms, &statements, out);
}

/// A printed figure without grouping: `17`, `10.18`.
fn plain(p: &Printed) -> String {
    format_decimal(p.value, p.decimals).replace(',', "")
}

/// The form's name in messages: its title, or `项目名称` in brackets.
fn form_name(ctx: &Context, f: &Form) -> String {
    let title = f.first_table(ctx.disclosure).map(|t| t.display_name()).filter(|n| !n.starts_with('第'));
    match (&f.name, title) {
        (Some(n), Some(t)) => format!("{t}（{n}）"),
        (Some(n), None) => format!("绩效自评表（{n}）"),
        (None, Some(t)) => t,
        (None, None) => "绩效自评表".to_owned(),
    }
}

/// The location of a form's cell.
fn cell_location(ctx: &Context, at: At, row_name: &str, column: Option<&str>) -> Location {
    let d = ctx.disclosure;
    let Some(t) = d.tables.get(at.table) else { return Location::default() };
    let row = t.header.iter().chain(t.body.iter()).nth(at.row);
    let span = row.map_or(t.span, |r| r.cells.get(at.col).map_or(r.span, |c| c.span));
    Location {
        line: span.line,
        end_line: span.end_line,
        page: span.page,
        cell: span.cell.map(|c| d.doc.cell_name(c)),
        table: Some(t.display_name()),
        row: Some(row_name.to_owned()).filter(|s| !s.is_empty()),
        column: column.map(str::to_owned),
        excerpt: d.doc.line_text(span.line).map(|s| excerpt(s, 120)),
    }
}

/// One location per text line the figures stand on.
fn text_locations(ctx: &Context, ms: &[&Mention]) -> Vec<Location> {
    let mut out: Vec<Location> = Vec::new();
    for m in ms {
        if !out.iter().any(|l| l.line == m.line) {
            out.push(mention_location(ctx, m));
        }
    }
    out
}

fn line_location(ctx: &Context, line: u32) -> Location {
    Location {
        line,
        end_line: line,
        excerpt: ctx.disclosure.doc.line_text(line).map(|s| excerpt(s, 120)),
        ..Default::default()
    }
}

/// A money cell as an interval in 元 (the cell's own unit, else the form's).
fn money(f: &Form, v: &Value, r: Rounding) -> Option<Interval> {
    let unit = v.unit.or(f.unit)?;
    Some(v.printed.interval(r).scale(unit.in_yuan()))
}

/// 执行数 ÷ 预算数 × 100 over the two cells' intervals; `None` for a zero budget.
fn rate_of(budget: &Value, actual: &Value, r: Rounding) -> Option<Interval> {
    actual.printed.interval(r).percent_of(budget.printed.interval(r))
}

fn rate(ctx: &Context, f: &Form, row: &FundRow, out: &mut Vec<Finding>) {
    let (Some(b), Some(a), Some(p)) = (&row.budget, &row.actual, &row.rate) else { return };
    // Both money cells must be in one unit for the quotient to mean anything.
    if b.unit != a.unit {
        return;
    }
    let fits = |r: Rounding| rate_of(b, a, r).is_some_and(|e| e.overlaps(&p.printed.interval(r)));
    if rate_of(b, a, Rounding::Round).is_none() {
        return;
    }
    let Some(sev) = judge(ctx, fits) else { return };
    let Some(exp) = a.printed.value.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(b.printed.value))
    else {
        return;
    };
    let kd = p.printed.decimals.max(2);
    let name = form_name(ctx, f);
    let mut fi = finding(
        "performance.rate",
        sev,
        format!(
            "{name}：{}的执行率应为 {}（{} ÷ {}），表中为 {}",
            row.label,
            format_percent(exp, kd),
            plain(&a.printed),
            plain(&b.printed),
            p.text
        ),
        format!(
            "{name}: {} execution rate should be {} ({} ÷ {}); the form prints {}",
            row.label,
            format_percent(exp, kd),
            plain(&a.printed),
            plain(&b.printed),
            p.text
        ),
    );
    fi.locations.push(cell_location(ctx, p.at, &row.label, Some("执行率")));
    fi.expected = Some(format_percent(exp, kd));
    fi.actual = Some(p.text.clone());
    out.push(fi);
}

fn score_formula(ctx: &Context, f: &Form, row: &FundRow, out: &mut Vec<Finding>) {
    if !f.score_times_rate {
        return;
    }
    let (Some(w), Some(s)) = (f.fund_weight, &row.score) else { return };
    let weight = w.value;
    // The rate as printed, else computed from the amounts.
    let rate_at = |r: Rounding| -> Option<Interval> {
        match (&row.rate, &row.budget, &row.actual) {
            (Some(p), _, _) => Some(p.printed.interval(r)),
            (None, Some(b), Some(a)) if b.unit == a.unit => rate_of(b, a, r),
            _ => None,
        }
    };
    let Some(mid_rate) = rate_at(Rounding::Round).map(|i| i.midpoint()) else { return };
    let fits = |r: Rounding| {
        let Some(rt) = rate_at(r) else { return true };
        let exp = rt.scale(weight / Decimal::ONE_HUNDRED);
        // Above 100 % the score is often capped at full marks.
        let capped = Interval { lo: exp.lo.min(weight), hi: exp.hi.min(weight) };
        let printed = s.printed.interval(r);
        exp.overlaps(&printed) || capped.overlaps(&printed)
    };
    let Some(sev) = judge(ctx, fits) else { return };
    let Some(exp) = weight.checked_mul(mid_rate).map(|x| x / Decimal::ONE_HUNDRED) else { return };
    let rate_txt = match &row.rate {
        Some(p) => p.text.clone(),
        None => format_percent(mid_rate, 2),
    };
    let name = form_name(ctx, f);
    let exp_txt = format_decimal(exp, 2);
    let mut fi = finding(
        "performance.score-formula",
        sev,
        format!("{name}：{}的得分应为 {exp_txt}（{} × {rate_txt}），表中为 {}", row.label, plain(&w), s.text),
        format!(
            "{name}: {} score should be {exp_txt} ({} × {rate_txt}); the form prints {}",
            row.label,
            plain(&w),
            s.text
        ),
    );
    fi.locations.push(cell_location(ctx, s.at, &row.label, Some("得分")));
    fi.expected = Some(exp_txt);
    fi.actual = Some(s.text.clone());
    out.push(fi);
}

fn score_exceeds(ctx: &Context, f: &Form, out: &mut Vec<Finding>) {
    let name = form_name(ctx, f);
    let fund = f.funds.iter().filter_map(|r| Some((r.label.as_str(), f.fund_weight?, r.score.as_ref()?)));
    let rows = f.scores.iter().filter_map(|s| Some((s.label.as_str(), s.weight?, &s.score)));
    for (label, w, s) in fund.chain(rows) {
        if s.printed.interval(Rounding::Round).lo <= w.interval(Rounding::Round).hi {
            continue;
        }
        let who = if label.is_empty() { String::new() } else { format!("“{label}”") };
        let mut fi = finding(
            "performance.score-exceeds",
            Severity::Warning,
            format!("{name}：{who}得分 {} 超过该项分值 {}", s.text, plain(&w)),
            format!("{name}: the score {} of {who} exceeds its full marks {}", s.text, plain(&w)),
        );
        fi.locations.push(cell_location(ctx, s.at, label, Some("得分")));
        fi.expected = Some(format!("≤ {}", plain(&w)));
        fi.actual = Some(s.text.clone());
        out.push(fi);
    }
}

/// Scores listed in a message: all of them when few, else their count.
const LIST_SCORES: usize = 16;

fn score_total(ctx: &Context, f: &Form, out: &mut Vec<Finding>) {
    let Some(total) = &f.total else { return };
    if !f.scores_complete || f.scores.is_empty() {
        return;
    }
    let parts: Vec<&Value> =
        f.funds.first().and_then(|r| r.score.as_ref()).into_iter().chain(f.scores.iter().map(|s| &s.score)).collect();
    let fits =
        |r: Rounding| Interval::sum(parts.iter().map(|v| v.printed.interval(r))).overlaps(&total.printed().interval(r));
    let sum: Decimal = parts.iter().map(|v| v.printed.value).sum();
    let decimals = parts.iter().map(|v| v.printed.decimals).max().unwrap_or(0);
    let (sev, note_zh, note_en) = match judge(ctx, fits) {
        Some(sev) => (sev, "", ""),
        None => {
            // Rounding could explain the gap: scores are seldom rounded figures, so a gap of at
            // least one point and more than half of what rounding allows is still likely wrong.
            let gap = (total.printed().value - sum).abs();
            let bound = Interval::sum(parts.iter().map(|v| v.printed.interval(Rounding::Round))).hi - sum
                + crate::interval::half_ulp(total.printed().decimals);
            if gap < Decimal::ONE || gap * Decimal::TWO <= bound {
                return;
            }
            (
                Severity::Warning,
                "（若各项得分为四舍五入后的数，差额尚可由尾差解释）",
                " (rounded scores could still explain the gap)",
            )
        }
    };
    let sum_txt = format_decimal(sum, decimals);
    let expr = if parts.len() <= LIST_SCORES {
        parts.iter().map(|v| plain(&v.printed)).collect::<Vec<_>>().join(" + ")
    } else {
        format!("{} 项得分之和", parts.len())
    };
    let expr_en = if parts.len() <= LIST_SCORES { expr.clone() } else { format!("sum of {} scores", parts.len()) };
    let printed = plain(&total.printed());
    let name = form_name(ctx, f);
    let mut fi = finding(
        "performance.score-total",
        sev,
        format!("{name}：总分应为 {sum_txt}（{expr}），表中为 {printed}{note_zh}"),
        format!("{name}: the total score should be {sum_txt} ({expr_en}); the form states {printed}{note_en}"),
    );
    fi.locations.push(match total {
        TotalAt::Cell(v) => cell_location(ctx, v.at, "总分", None),
        TotalAt::Line { line, .. } => line_location(ctx, *line),
    });
    fi.expected = Some(sum_txt);
    fi.actual = Some(printed);
    out.push(fi);
}

/// How a statement was tied to its form.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    /// One name contains the other.
    Name,
    /// Same actual and a shared run of three characters in the names: probably the same.
    Inferred,
    /// The department-wide statement and form.
    Whole,
}

/// Name keys compared without the words that vary between text and form.
fn name_key(s: &str) -> String {
    let k = key(s);
    let k = k.trim_end_matches("项目");
    k.trim_end_matches("资金").trim_end_matches("补助").to_owned()
}

fn contains_either(a: &str, b: &str) -> bool {
    a.chars().count() >= 3 && b.chars().count() >= 3 && (a.contains(b) || b.contains(a))
}

/// Do the two names share a run of at least three characters?
fn shares_run(a: &str, b: &str) -> bool {
    let ac: Vec<char> = a.chars().collect();
    ac.windows(3).any(|w| b.contains(&w.iter().collect::<String>()))
}

fn text_table(ctx: &Context, forms: &[Form], statements: &[Statement], out: &mut Vec<Finding>) {
    let names: Vec<String> = statements.iter().filter_map(|s| s.name.as_deref().map(name_key)).collect();
    // A form for several projects at once (`项目名称：A、B、C`) is nobody's own form.
    let combined = |f: &Form| {
        f.name.as_deref().is_some_and(|n| {
            let k = name_key(n);
            k.contains('、') && names.iter().filter(|s| contains_either(&k, s)).count() >= 2
        })
    };
    let named: Vec<(usize, String)> = forms
        .iter()
        .enumerate()
        .filter(|(_, f)| !combined(f))
        .filter_map(|(i, f)| f.name.as_deref().map(|n| (i, name_key(n))))
        .collect();
    let mut by_name: Vec<Option<usize>> = vec![None; statements.len()];
    for (si, s) in statements.iter().enumerate() {
        let Some(sn) = s.name.as_deref().map(name_key) else { continue };
        let exact: Vec<usize> = named.iter().filter(|(_, n)| *n == sn).map(|(i, _)| *i).collect();
        let near: Vec<usize> = named.iter().filter(|(_, n)| contains_either(n, &sn)).map(|(i, _)| *i).collect();
        by_name[si] = match (exact.as_slice(), near.as_slice()) {
            ([i], _) | ([], [i]) => Some(*i),
            _ => None,
        };
    }
    for f in forms.iter().filter(|f| combined(f)) {
        combined_form(ctx, f, statements, out);
    }
    let c = ctx.claims();
    for (si, s) in statements.iter().enumerate() {
        let tie = if s.whole {
            let whole: Vec<usize> = (0..forms.len()).filter(|i| forms[*i].whole).collect();
            match whole.as_slice() {
                [i] => Some((*i, Match::Whole)),
                _ => None,
            }
        } else if let Some(i) = by_name[si] {
            Some((i, Match::Name))
        } else {
            inferred(ctx, forms, &named, &by_name, s).map(|i| (i, Match::Inferred))
        };
        let Some((fi, how)) = tie else { continue };
        let f = &forms[fi];
        let m = |v: &[usize]| -> Vec<&Mention> { v.iter().filter_map(|i| c.mentions.get(*i)).collect() };
        compare(ctx, f, s, how, &m(&s.budgets), &m(&s.actuals), &m(&s.rates), out);
    }
}

/// Characters left of a combined form's name once its projects' names are taken out that
/// still allow the list to be complete (`、`, a trailing `费`).
const NAME_GLUE: &[char] = &['、', ',', '，', '费', '及', '和'];

/// A form for several projects at once: its budget and actual equal the sums of what the
/// text gives for those projects, when the text describes every project it names.
fn combined_form(ctx: &Context, f: &Form, statements: &[Statement], out: &mut Vec<Finding>) {
    let (Some(name), Some(funds)) = (f.name.as_deref(), f.project_funds()) else { return };
    let mut rest = name_key(name);
    let mut members: Vec<&Statement> = Vec::new();
    for s in statements {
        let Some(sn) = s.name.as_deref().map(name_key).filter(|n| n.chars().count() >= 3) else { continue };
        if rest.contains(&sn) {
            rest = rest.replacen(&sn, "", 1);
            members.push(s);
        }
    }
    if members.len() < 2 || rest.chars().any(|ch| !NAME_GLUE.contains(&ch)) {
        return;
    }
    let c = ctx.claims();
    for (what_zh, what_en, cell, pick) in [
        (
            "预算数",
            "budget",
            funds.budget.as_ref(),
            (|s: &Statement| s.budgets.clone()) as fn(&Statement) -> Vec<usize>,
        ),
        ("执行数", "actual", funds.actual.as_ref(), |s: &Statement| s.actuals.clone()),
    ] {
        let Some(cell) = cell else { continue };
        // One figure per project, or the sum is not defined.
        let said: Option<Vec<&Mention>> = members
            .iter()
            .map(|s| match pick(s).as_slice() {
                [i] => c.mentions.get(*i),
                _ => None,
            })
            .collect();
        let Some(said) = said else { continue };
        let fits = |r: Rounding| {
            let parts: Option<Vec<Interval>> = said.iter().map(|m| m.is_money().then(|| m.interval(r))).collect();
            match (parts, money(f, cell, r)) {
                (Some(p), Some(v)) => Interval::sum(p).overlaps(&v),
                _ => true,
            }
        };
        let Some(sev) = judge(ctx, fits) else { continue };
        let expr = said.iter().map(|m| m.printed.as_str()).collect::<Vec<_>>().join(" + ");
        let Some(unit) = cell.unit.or(f.unit) else { continue };
        let table_txt = format!("{} {}", plain(&cell.printed), unit.label());
        // The printed figures' sum, in the form's unit.
        let sum = said.iter().try_fold(Decimal::ZERO, |a, m| match m.figure.unit {
            FigureUnit::Money(u) => a.checked_add(m.figure.value.value.checked_mul(u.in_yuan())?),
            FigureUnit::Percent => None,
        });
        let decimals = said.iter().map(|m| m.figure.value.decimals).max().unwrap_or(0);
        let Some(sum) = sum.and_then(|s| s.checked_div(unit.in_yuan())) else { continue };
        let sum_txt = format!("{} {}", format_decimal(sum, decimals), unit.label());
        let form = form_name(ctx, f);
        let n = members.len();
        let mut fi = finding(
            "performance.text-table",
            sev,
            format!("{form}合填 {n} 个项目，{what_zh}为 {table_txt}；文中各项目{what_zh}之和为 {sum_txt}（{expr}）"),
            format!("{form} covers {n} projects with a {what_en} of {table_txt}; the text's {what_en}s of those projects add up to {sum_txt} ({expr})"),
        );
        fi.locations.extend(text_locations(ctx, &said));
        fi.locations.push(cell_location(ctx, cell.at, &funds.label, Some(what_zh)));
        fi.expected = Some(table_txt);
        fi.actual = Some(sum_txt);
        out.push(fi);
    }
}

/// The one unclaimed form whose actual equals the statement's and whose name shares words.
fn inferred(
    ctx: &Context,
    forms: &[Form],
    named: &[(usize, String)],
    by_name: &[Option<usize>],
    s: &Statement,
) -> Option<usize> {
    let sn = name_key(s.name.as_deref()?);
    let actual = s.actuals.first().and_then(|i| ctx.claims().mentions.get(*i))?;
    let hits: Vec<usize> = named
        .iter()
        .filter(|(i, n)| !by_name.contains(&Some(*i)) && shares_run(&sn, n))
        .filter(|(i, _)| {
            let f = &forms[*i];
            f.project_funds()
                .and_then(|r| r.actual.as_ref())
                .and_then(|v| money(f, v, Rounding::Round))
                .is_some_and(|v| actual.interval(Rounding::Round).overlaps(&v))
        })
        .map(|(i, _)| *i)
        .collect();
    match hits.as_slice() {
        [i] => Some(*i),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn compare(
    ctx: &Context,
    f: &Form,
    s: &Statement,
    how: Match,
    budgets: &[&Mention],
    actuals: &[&Mention],
    rates: &[&Mention],
    out: &mut Vec<Finding>,
) {
    let who_zh = match &s.name {
        Some(n) => format!("项目“{n}”"),
        None => "部门整体".to_owned(),
    };
    let who_en = match &s.name {
        Some(n) => format!("project {n}"),
        None => "the department as a whole".to_owned(),
    };
    // An inferred match is likely, not certain: its contradictions are warnings.
    let tie = |sev: Severity| if how == Match::Inferred && sev == Severity::Error { Severity::Warning } else { sev };
    let name = form_name(ctx, f);
    let (note_zh, note_en) = if how == Match::Inferred {
        ("（按相同执行数和相近名称推断为同一项目）", " (taken as the same project: same actual, similar name)")
    } else {
        ("", "")
    };
    let fund_label = f.project_funds().map_or("", |r| r.label.as_str());
    let funds = f.project_funds();
    let mut amounts_compared = false;
    for (what_zh, what_en, cell, said) in [
        ("预算数", "budget", funds.and_then(|r| r.budget.as_ref()), budgets),
        ("执行数", "actual", funds.and_then(|r| r.actual.as_ref()), actuals),
    ] {
        let Some(cell) = cell else { continue };
        if said.is_empty() || money(f, cell, Rounding::Round).is_none() {
            continue;
        }
        amounts_compared = true;
        let fits = |r: Rounding| {
            let v = money(f, cell, r);
            said.iter().any(|m| v.is_some_and(|v| m.interval(r).overlaps(&v)))
        };
        let Some(sev) = judge(ctx, fits) else { continue };
        let text: Vec<&str> = said.iter().map(|m| m.printed.as_str()).collect();
        let unit = cell.unit.or(f.unit).map_or("", Unit::label);
        let table_txt = format!("{} {unit}", plain(&cell.printed));
        let mut fi = finding(
            "performance.text-table",
            tie(sev),
            format!("{who_zh}的{what_zh}：文中为 {}，{name}中为 {table_txt}{note_zh}", text.join("、")),
            format!("{who_en}: the text gives the {what_en} as {}, {name} as {table_txt}{note_en}", text.join(", ")),
        );
        fi.locations.extend(text_locations(ctx, said));
        fi.locations.push(cell_location(ctx, cell.at, fund_label, Some(what_zh)));
        fi.expected = Some(table_txt);
        fi.actual = Some(text.join("、"));
        out.push(fi);
    }
    // With both amounts on both sides, a rate that differs is already wrong on one side
    // (narrative.rate or performance.rate says which); compare rates only otherwise.
    let table_rate = funds.and_then(|r| r.rate.as_ref());
    let both_amounts =
        !budgets.is_empty() && !actuals.is_empty() && funds.is_some_and(|r| r.budget.is_some() && r.actual.is_some());
    if let (Some(cell), false, false) = (table_rate, both_amounts && amounts_compared, rates.is_empty()) {
        let fits = |r: Rounding| rates.iter().any(|m| m.interval(r).overlaps(&cell.printed.interval(r)));
        if let Some(sev) = judge(ctx, fits) {
            let text: Vec<&str> = rates.iter().map(|m| m.printed.as_str()).collect();
            let mut fi = finding(
                "performance.text-table",
                tie(sev),
                format!("{who_zh}的执行率：文中为 {}，{name}中为 {}{note_zh}", text.join("、"), cell.text),
                format!(
                    "{who_en}: the text gives the execution rate as {}, {name} as {}{note_en}",
                    text.join(", "),
                    cell.text
                ),
            );
            fi.locations.extend(text_locations(ctx, rates));
            fi.locations.push(cell_location(ctx, cell.at, fund_label, Some("执行率")));
            fi.expected = Some(cell.text.clone());
            fi.actual = Some(text.join("、"));
            out.push(fi);
        }
    }
    let (Some((said, line, printed)), Some(total)) = (&s.score, &f.total) else { return };
    let fits = |r: Rounding| said.interval(r).overlaps(&total.printed().interval(r));
    let Some(sev) = judge(ctx, fits) else { return };
    let table_txt = plain(&total.printed());
    let mut fi = finding(
        "performance.text-table",
        tie(sev),
        format!("{who_zh}的自评得分：文中为 {printed} 分，{name}中为 {table_txt} 分{note_zh}"),
        format!("{who_en}: the text gives the self-evaluation score as {printed}, {name} as {table_txt}{note_en}"),
    );
    fi.locations.push(line_location(ctx, *line));
    fi.locations.push(match total {
        TotalAt::Cell(v) => cell_location(ctx, v.at, "总分", None),
        TotalAt::Line { line, .. } => line_location(ctx, *line),
    });
    fi.expected = Some(table_txt);
    fi.actual = Some(printed.clone());
    out.push(fi);
}
