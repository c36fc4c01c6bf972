//! Years (domain.md §6): a disclosure for year N compares with year N−1, states assets as
//! at the end of N (决算) or during N−1 (预算), and its part and table headings name year N.
//! A year that does not fit is usually a paragraph copied from an earlier year's document.

use super::scan::{self, at, line_location, year_at, Place};
use super::{finding, Context, RuleInfo};
use crate::document::Block;
use crate::finding::{Finding, Severity};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "year.comparison",
        family: "year",
        severity: Severity::Warning,
        title_zh: "比较年度不是上一年度",
        title_en: "Comparison with a year other than the previous one",
        doc_zh: "N 年度的预决算应与 N−1 年度比较（决算也可与本年预算比较）。",
        doc_en: "A disclosure for year N compares with year N−1 (a 决算 also with the year-N budget).",
    },
    RuleInfo {
        id: "year.heading",
        family: "year",
        severity: Severity::Warning,
        title_zh: "标题中的年度与文件年度不符",
        title_en: "A heading names another year",
        doc_zh: "部分标题、表名中的“YYYY年度部门预算/决算”应与文件年度一致。",
        doc_en:
            "Part headings and table titles naming a year's budget or final accounts must name the document's year.",
    },
    RuleInfo {
        id: "year.as-of",
        family: "year",
        severity: Severity::Warning,
        title_zh: "“截至”日期的年度不符",
        title_en: "An as-of date in the wrong year",
        doc_zh: "决算的资产情况截至 N 年末；预算的资产情况截至 N−1 年（或 N 年）。",
        doc_en: "A 决算 states assets as at the end of year N; a budget as at a date in N−1 (or N).",
    },
    RuleInfo {
        id: "year.performance-period",
        family: "year",
        severity: Severity::Warning,
        title_zh: "绩效实施时间不含文件年度",
        title_en: "A performance period outside the document's year",
        doc_zh: "绩效目标表、绩效自评表中的实施时间（实施期、实施周期）应包含文件年度。",
        doc_en: "The implementation period of a performance form must include the document's year.",
    },
];

/// Labels of the implementation period in 绩效 forms.
const PERIOD_LABELS: &[&str] = &["实施时间", "实施期限", "实施周期", "实施期间", "执行期限", "项目期限"];

/// Words that make a heading name a year's disclosure: `2019年度部门决算`.
const DISCLOSURE_WORDS: &[&str] =
    &["部门预算", "部门决算", "单位预算", "单位决算", "预算公开", "决算公开", "预算表", "决算表", "情况说明"];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let (Some(year), Some(kind)) = (d.profile.year, d.profile.kind) else { return };
    performance_periods(ctx, year, kind, out);
    for p in scan::pieces(d) {
        let c = &p.folded;
        let title_like = p.place == Place::Heading || (p.place == Place::Paragraph && c.len() <= 40);
        if title_like {
            let s: String = c.iter().collect();
            if DISCLOSURE_WORDS.iter().any(|w| s.contains(w)) {
                if let Some((i, y)) = (0..c.len()).find_map(|i| year_at(c, i).map(|y| (i, y))) {
                    // A budget may have a section on last year's execution (`2023年预算执行情况`).
                    let last_years_execution = kind == "预算" && y + 1 == year && s.contains("执行");
                    if y != year && at(c, i + 4, "年") && !last_years_execution {
                        let mut f = finding(
                            "year.heading",
                            Severity::Warning,
                            format!("标题写的是 {y} 年，文件是 {year} 年度{kind}"),
                            format!("the heading names {y}; the document is the {year} {}", kind_en(kind)),
                        );
                        f.locations.push(line_location(d, p.line_of(i)));
                        f.expected = Some(format!("{year}年"));
                        f.actual = Some(format!("{y}年"));
                        out.push(f);
                    }
                }
            }
        }
        for i in 0..c.len() {
            let Some(y) = year_at(c, i) else { continue };
            if !at(c, i + 4, "年") {
                continue;
            }
            let after = i + 5 + usize::from(at(c, i + 5, "度"));
            let before = |w: &str| i >= w.chars().count() && at(c, i - w.chars().count(), w);
            if before("与") || before("比") || before("较") || before("同") {
                // `与2019年相比`, `比2019年增加`; a 决算 may compare with the year's own budget.
                let own_budget = kind == "决算" && y == year && (at(c, after, "预算") || at(c, after, "年初"));
                let compared = before("与") && !(at(c, after, "相比") || at(c, after, "比较") || at(c, after, "同期"));
                if y + 1 != year && !own_budget && !compared {
                    let mut f = finding(
                        "year.comparison",
                        Severity::Warning,
                        format!("{year} 年度{kind}与 {y} 年比较；应与上年（{} 年）比较", year - 1),
                        format!(
                            "the {year} {} compares with {y}, not with the previous year {}",
                            kind_en(kind),
                            year - 1
                        ),
                    );
                    f.locations.push(line_location(d, p.line_of(i)));
                    f.expected = Some(format!("{}年", year - 1));
                    f.actual = Some(format!("{y}年"));
                    out.push(f);
                }
            }
            if before("截至") || before("截止") || before("截止到") {
                let ok = if kind == "决算" { y == year } else { y + 1 == year || y == year };
                if !ok {
                    let want = if kind == "决算" { format!("{year}年") } else { format!("{}年", year - 1) };
                    let mut f = finding(
                        "year.as-of",
                        Severity::Warning,
                        format!("{year} 年度{kind}写“截至{y}年”，应为{want}"),
                        format!("the {year} {} states a position as at {y}; expected {want}", kind_en(kind)),
                    );
                    f.locations.push(line_location(d, p.line_of(i)));
                    f.expected = Some(want);
                    f.actual = Some(format!("{y}年"));
                    out.push(f);
                }
            }
        }
    }
}

/// 绩效 forms: the cells after an implementation-period label in its row must cover the
/// document's year (`实施时间 | 2023年` in a 2024 budget was copied from last year's form).
fn performance_periods(ctx: &Context, year: u32, kind: &str, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    for b in &d.doc.blocks {
        let Block::Table(t) = b else { continue };
        for row in &t.rows {
            let Some(at_label) = row.cells.iter().position(|c| PERIOD_LABELS.contains(&fold_str(&c.text).as_str()))
            else {
                continue;
            };
            // The value: the first cell after the label(s) that names a year.
            let Some((cell, years)) = row.cells.iter().skip(at_label + 1).find_map(|c| {
                let f = scan::fold(&c.text);
                let ys: Vec<u32> = (0..f.len()).filter_map(|i| year_at(&f, i)).collect();
                (!ys.is_empty()).then_some((c, ys))
            }) else {
                continue;
            };
            let (lo, hi) = (years.iter().min().copied().unwrap_or(year), years.iter().max().copied().unwrap_or(year));
            if (lo..=hi).contains(&year) {
                continue;
            }
            let printed = cell.text.trim().to_owned();
            let mut f = finding(
                "year.performance-period",
                Severity::Warning,
                format!("{year} 年度{kind}的绩效实施时间为“{printed}”，不含 {year} 年"),
                format!(
                    "the {year} {} gives the performance period \"{printed}\", which does not include {year}",
                    kind_en(kind)
                ),
            );
            f.locations.push(line_location(d, cell.span.line));
            f.expected = Some(format!("{year}年"));
            f.actual = Some(printed);
            out.push(f);
        }
    }
}

fn fold_str(s: &str) -> String {
    scan::fold(s).into_iter().collect()
}

fn kind_en(kind: &str) -> &'static str {
    if kind == "决算" {
        "final accounts"
    } else {
        "budget"
    }
}
