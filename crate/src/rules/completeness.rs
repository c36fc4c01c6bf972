//! Completeness (domain.md §1, §3, §6): the tables a document declares are there, the
//! national minimum for its kind is covered (present, or declared empty with a reason),
//! empty tables say why, the mandatory explanations are written, and the function and
//! economic classifications are shown to the required level.

use super::{finding, Context, RuleInfo};
use crate::document::{Block, Span};
use crate::finding::{Finding, Location, Severity};
use crate::structure::catalog::{self, TableKind};
use crate::structure::{Disclosure, Table};
use crate::text::caption;
use crate::text::norm::key;
use crate::text::number::CellValue;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "completeness.declared-missing",
        family: "completeness",
        severity: Severity::Error,
        title_zh: "目录中列出的表未公开",
        title_en: "A table the document lists is missing",
        doc_zh: "文件自己的目录或报表目录列出、且未声明为空表的表，必须在文件中出现。依据：《地方预决算公开操作规程》（财预〔2016〕143号）要求完整公开全部报表。",
        doc_en: "Every table the document's own contents or table list declares (and does not declare empty) must be in the document (财预〔2016〕143号: publish all tables).",
    },
    RuleInfo {
        id: "completeness.missing-table",
        family: "completeness",
        severity: Severity::Error,
        title_zh: "缺少规定必须公开的表",
        title_en: "A mandatory table is missing",
        doc_zh: "部门决算须公开全国统一的九张表，部门预算须公开八（九）张表；某张表没有数据时也要公开空表并说明理由。既未公开、也未声明为空表并说明理由的，视为缺表。文件中一张标准表都没有时（报表可能另行公开），只提示一次。",
        doc_en: "A final-accounts disclosure publishes the nine national tables and a budget the eight (nine); a table without data is published empty with a reason. A table neither present nor declared empty with a reason is missing. A document with no standard table at all (tables published separately) gets a single warning instead.",
    },
    RuleInfo {
        id: "completeness.no-tables",
        family: "completeness",
        severity: Severity::Warning,
        title_zh: "文件中没有公开报表",
        title_en: "The document contains no standard tables",
        doc_zh: "文件中没有识别到任何标准公开报表。若报表另行公开（例如单独的“公开表”文件），请一并检查该文件。此时目录中列出的报表属于另一文件，不再逐表报告缺失。",
        doc_en: "No standard disclosure table was found. If the tables are published separately, check that file too. The tables the contents list then belong to the other file and are not reported missing one by one.",
    },
    RuleInfo {
        id: "completeness.empty-no-reason",
        family: "completeness",
        severity: Severity::Warning,
        title_zh: "声明为空表但未说明理由",
        title_en: "Declared empty without a reason",
        doc_zh: "报表目录中标为空表的表，应写明表格为空的理由（如“本部门无政府性基金预算收支”）。",
        doc_en: "A table declared empty in the table list should state why it is empty.",
    },
    RuleInfo {
        id: "completeness.empty-table",
        family: "completeness",
        severity: Severity::Warning,
        title_zh: "空表未作说明",
        title_en: "Empty table without explanation",
        doc_zh: "公开的表没有任何数字，文件却没有声明空表或说明原因（如“本部门无国有资本经营预算财政拨款收支，并已公开空表”）。",
        doc_en: "A published table has no figures, and the document neither declares it empty nor explains why.",
    },
    RuleInfo {
        id: "completeness.section",
        family: "completeness",
        severity: Severity::Warning,
        title_zh: "缺少必须的情况说明",
        title_en: "A mandatory explanation is missing",
        doc_zh: "部门预决算须说明“三公”经费、机关运行经费、政府采购（决算须含授予中小企业合同金额）、国有资产占用、预算绩效，并附名词解释。文件中找不到相应说明的，予以提示。",
        doc_en: "Disclosures must explain the 三公 expenses, office running costs, government procurement (final accounts: with the amount awarded to SMEs), state assets, performance, and include a glossary. Missing ones are flagged.",
    },
    RuleInfo {
        id: "completeness.detail-level",
        family: "completeness",
        severity: Severity::Warning,
        title_zh: "科目未细化到规定层级",
        title_en: "Classification not shown to the required level",
        doc_zh: "一般公共预算（财政拨款）支出表应按功能分类列到项级（7位编码），基本支出表应按经济分类列到款级（5位编码）。",
        doc_en: "The general-budget expenditure table lists function subjects down to 项 (7-digit codes); the basic-expenditure table lists economic subjects down to 款 (5-digit codes).",
    },
];

fn loc(d: &Disclosure, span: Span) -> Location {
    Location {
        line: span.line,
        end_line: span.end_line,
        page: span.page,
        excerpt: d.doc.line_text(span.line).map(|s| super::excerpt(s, 120)),
        ..Default::default()
    }
}

/// Table titles printed without a table under them (an empty table as published).
fn announced(d: &Disclosure) -> Vec<(&'static TableKind, Span)> {
    let lines: Vec<(&str, Span)> = d
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.as_str(), p.span)),
            Block::Heading(h) => Some((h.text.as_str(), h.span)),
            Block::Table(_) => None,
        })
        .collect();
    let is_title = |text: &str| caption::parse_line(text).iter().any(|c| matches!(c, caption::Caption::Title(_)));
    let mut out = Vec::new();
    for (i, &(text, span)) in lines.iter().enumerate() {
        let title = if is_title(text) {
            Some((text.to_owned(), span))
        } else {
            // A title wrapped over two lines in text copied from a PDF
            // (`…会议费、培训费支` / `出预算表`): the short tail completes it.
            lines.get(i + 1).and_then(|&(next, next_span)| {
                let joined = format!("{}{}", text.trim(), next.trim());
                (next.trim().chars().count() <= 8 && key(next).ends_with('表') && is_title(&joined))
                    .then(|| (joined, span.join(next_span)))
            })
        };
        if let Some((t, span)) = title {
            if let Some(k) = catalog::recognise(&t, d.profile.kind) {
                out.push((k, span));
            }
        }
    }
    out
}

fn has_figures(t: &Table) -> bool {
    (0..t.body.len())
        .any(|r| (0..t.columns.len()).any(|c| matches!(t.value(r, c), CellValue::Number(p) if !p.is_zero())))
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let present: Vec<&'static TableKind> = d.tables.iter().filter_map(|t| t.kind).collect();
    let announced = announced(d);
    let is_present =
        |k: &TableKind| present.iter().any(|p| p.id == k.id) || announced.iter().any(|(a, _)| a.id == k.id);
    let text: String = d.doc.blocks.iter().filter_map(Block::text).map(key).collect();
    let mut reported: Vec<&str> = Vec::new();
    // Without a single standard table read, the tables are elsewhere (a publication split
    // into a narrative file and a tables file, or a reader that could not see them): the
    // 目录 and the title lines then name tables of the other file, so only the no-tables
    // warning below is given.
    let read_any = present.iter().any(|k| k.number > 0);

    for decl in d.profile.declared.iter().filter(|_| read_any) {
        let Some(kind) = decl.kind else { continue };
        if decl.empty == Some(true) {
            if decl.reason.is_none() {
                let mut f = finding(
                    "completeness.empty-no-reason",
                    Severity::Warning,
                    format!("报表目录将“{}”标为空表，但未写明表格为空的理由", decl.name),
                    format!("\"{}\" is declared empty without a reason", decl.name),
                );
                f.locations.push(loc(d, decl.span));
                out.push(f);
            }
            continue;
        }
        if !is_present(kind) && !reported.contains(&kind.id) {
            reported.push(kind.id);
            let mut f = finding(
                "completeness.declared-missing",
                Severity::Error,
                format!(
                    "目录列出了“{}”{}，但文件中没有这张表",
                    decl.name,
                    decl.label.as_deref().map(|l| format!("（{l}）")).unwrap_or_default()
                ),
                format!("the contents list \"{}\" but the document does not contain it", decl.name),
            );
            f.locations.push(loc(d, decl.span));
            f.expected = Some(decl.name.clone());
            out.push(f);
        }
    }

    let Some(doc_kind) = d.profile.kind else { return };
    let standard: Vec<&TableKind> = catalog::kinds().iter().filter(|k| k.doc == doc_kind && k.number > 0).collect();
    // A table or two pasted on their own are not a disclosure: completeness is judged only
    // for whole documents (a table list, a narrative, or most of the standard tables).
    let present_standard = standard.iter().filter(|k| is_present(k)).count();
    let whole = !d.profile.declared.is_empty() || present_standard >= 3 || text.chars().count() >= 2000;
    if !whole {
        return;
    }
    if !read_any {
        {
            let mut f = finding(
                "completeness.no-tables",
                Severity::Warning,
                format!("文件中没有识别到{doc_kind}公开报表；如报表另行公开，请一并检查"),
                "no standard tables were found; if they are published separately, check that file too".to_owned(),
            );
            f.locations.push(Location { line: 1, end_line: 1, ..Default::default() });
            out.push(f);
        }
    } else {
        for k in standard.iter().filter(|k| k.minimum) {
            if is_present(k) || reported.contains(&k.id) {
                continue;
            }
            let declared_empty =
                d.profile.declared.iter().any(|x| x.kind.is_some_and(|dk| dk.id == k.id) && x.empty == Some(true));
            if declared_empty {
                continue;
            }
            let mut f = finding(
                "completeness.missing-table",
                Severity::Error,
                format!("缺少“{}”：既未公开，也未声明为空表并说明理由", k.name),
                format!("\"{}\" is neither published nor declared empty with a reason", k.name),
            );
            f.locations.push(Location { line: 1, end_line: 1, ..Default::default() });
            f.expected = Some(k.name.to_owned());
            out.push(f);
        }
    }

    // Empty tables must be explained.
    for t in &d.tables {
        let Some(k) = t.kind.filter(|k| k.number > 0) else { continue };
        if has_figures(t) {
            continue;
        }
        let declared_empty =
            d.profile.declared.iter().any(|x| x.kind.is_some_and(|dk| dk.id == k.id) && x.empty == Some(true));
        let word = match k.scope {
            "govfund" => "政府性基金",
            "soe" => "国有资本经营",
            _ => "",
        };
        // `本部门无政府性基金…`, or `政府性基金拨款支出预算为0`.
        let says_none = |i: usize| {
            let after: String = text[i + word.len()..].chars().take(20).collect();
            text[..i].chars().rev().take(20).any(|c| c == '无') || after.contains("为0") || after.contains("为零")
        };
        let explained = text.contains("空表")
            || (!word.is_empty() && text.match_indices(word).any(|(i, _)| says_none(i)))
            || t.notes.iter().any(|n| n.contains('无'));
        if !declared_empty && !explained {
            let mut f = finding(
                "completeness.empty-table",
                Severity::Warning,
                format!("{}没有任何数字，文件未声明空表或说明原因", t.display_name()),
                format!("{} has no figures and the document does not say why", t.display_name()),
            );
            f.locations.push(loc(d, t.span));
            out.push(f);
        }
    }

    sections(doc_kind, &text, out);
    detail_levels(ctx, out);
}

fn sections(doc_kind: &str, text: &str, out: &mut Vec<Finding>) {
    // Only for documents with a narrative: a bare set of tables is not an explanation.
    if text.chars().count() < 2000 {
        return;
    }
    let mut required: Vec<(&str, &[&str])> = vec![
        ("“三公”经费情况说明", &["三公"]),
        ("机关运行经费情况说明", &["机关运行经费"]),
        ("政府采购情况说明", &["政府采购"]),
        ("国有资产占用情况说明", &["国有资产", "车辆"]),
        ("预算绩效情况说明", &["绩效"]),
        ("名词解释", &["名词解释", "名词解析", "专业名词", "术语解释"]),
    ];
    if doc_kind == "决算" {
        required.push(("政府采购授予中小企业合同金额", &["中小企业"]));
    }
    for (name, words) in required {
        if words.iter().any(|w| text.contains(w)) {
            continue;
        }
        let mut f = finding(
            "completeness.section",
            Severity::Warning,
            format!("文件中找不到{name}"),
            format!("the document has no {}", name),
        );
        f.locations.push(Location { line: 1, end_line: 1, ..Default::default() });
        f.expected = Some(name.to_owned());
        out.push(f);
    }
}

fn detail_levels(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    for t in &d.tables {
        let Some(k) = t.kind else { continue };
        let (need, what_zh, what_en) = match k.id {
            "final.gpb-expense" | "budget.gpb-expense" => {
                (7, "功能分类应列到项级（7位编码）", "function subjects down to 项 (7 digits)")
            }
            "final.gpb-basic" | "budget.gpb-basic" => {
                (5, "经济分类应列到款级（5位编码）", "economic subjects down to 款 (5 digits)")
            }
            _ => continue,
        };
        let codes: Vec<usize> =
            t.panels.iter().flat_map(|p| p.lines.iter()).filter_map(|l| l.code.as_ref().map(String::len)).collect();
        if codes.is_empty() || codes.iter().any(|l| *l >= need) {
            continue;
        }
        let mut f = finding(
            "completeness.detail-level",
            Severity::Warning,
            format!("{}：{what_zh}，表中最细只到 {} 位编码", t.display_name(), codes.iter().max().unwrap_or(&0)),
            format!("{}: should list {what_en}", t.display_name()),
        );
        f.locations.push(loc(d, t.span));
        out.push(f);
    }
}
