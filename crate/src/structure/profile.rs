//! The document profile: 决算 or 预算, 部门 or 单位, the year, the department or unit, the
//! money units, and the list of tables the document itself declares (its 目录 / 报表目录
//! with 是否空表 and 表格为空的理由).

use super::catalog::{self, TableKind};
use super::table::Table;
use crate::document::{Block, Document, Span};
use crate::text::norm::{bare_label, compact, key};
use crate::text::number::Unit;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Profile {
    /// `决算` or `预算`.
    pub kind: Option<&'static str>,
    /// `部门` or `单位`.
    pub level: Option<&'static str>,
    pub year: Option<u32>,
    pub department: Option<String>,
    /// The money units the tables state, in order of first use.
    pub units: Vec<Unit>,
    /// Tables the document says it contains.
    pub declared: Vec<DeclaredTable>,
}

/// One entry of the document's own table list.
#[derive(Debug, Clone, Serialize)]
pub struct DeclaredTable {
    /// `表1`, `公开01表`, … when printed.
    pub label: Option<String>,
    pub name: String,
    #[serde(skip)]
    pub kind: Option<&'static TableKind>,
    /// `是否空表`: Some(true) when declared empty.
    pub empty: Option<bool>,
    /// `表格为空的理由`.
    pub reason: Option<String>,
    pub span: Span,
}

pub fn profile(doc: &Document, tables: &[Table]) -> Profile {
    let head: Vec<&str> = doc.blocks.iter().take(8).filter_map(Block::text).collect();
    let mut joined: String = head.concat().split_whitespace().collect();
    // Without a title page, the part headings say it: `第二部分 2018年度部门决算情况说明`.
    if !joined.contains("决算") && !joined.contains("预算") {
        if let Some(h) = doc.blocks.iter().find_map(|b| match b {
            Block::Heading(h)
                if (h.text.contains("决算") || h.text.contains("预算")) && year_in(&key(&h.text)).is_some() =>
            {
                Some(key(&h.text))
            }
            _ => None,
        }) {
            joined = h + &joined;
        }
    }
    let all_titles: String = tables.iter().filter_map(|t| t.title.as_deref()).collect();
    let kind = if joined.contains("决算") {
        Some("决算")
    } else if joined.contains("预算") {
        Some("预算")
    } else if all_titles.matches("决算").count() > all_titles.matches("预算").count() {
        Some("决算")
    } else if all_titles.contains("预算") {
        Some("预算")
    } else {
        None
    };
    let level = if joined.contains("单位预算") || joined.contains("单位决算") {
        Some("单位")
    } else if joined.contains("部门") || kind.is_some() {
        Some("部门")
    } else {
        None
    };
    let mut units = Vec::new();
    for u in tables.iter().filter_map(|t| t.unit) {
        if !units.contains(&u) {
            units.push(u);
        }
    }
    let department = tables
        .iter()
        .find_map(|t| t.department.clone())
        .or_else(|| head.iter().map(|s| s.trim()).find(|s| is_department_name(s)).map(compact));
    let mut declared = declared_in_catalogue(tables, kind);
    if declared.is_empty() {
        declared = declared_in_contents(doc, kind);
    }
    Profile { kind, level, year: year_in(&joined), department, units, declared }
}

/// The first `20xx年` (or `20xx 年`, `20xx年度`) in the text.
pub fn year_in(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let y = s.get(i..i + 4)?;
        let ok = y.starts_with("20") && y.chars().all(|c| c.is_ascii_digit());
        let next = s.get(i + 4..)?.trim_start();
        (ok && (next.starts_with('年') || next.starts_with("度")) && (i == 0 || !b[i - 1].is_ascii_digit()))
            .then(|| y.parse().ok())
            .flatten()
    })
}

fn is_department_name(s: &str) -> bool {
    let n = s.chars().count();
    let t = s.trim_end_matches(['）', ')']);
    (4..=40).contains(&n)
        && ["局", "委", "办", "院", "中心", "厅", "部", "会", "处", "所", "站", "队", "办公室"]
            .iter()
            .any(|e| t.ends_with(e) || s.contains(&format!("{e}（")) || s.contains(&format!("{e}(")))
        && !s.contains("公开")
        && !s.contains("说明")
}

/// The 报表目录 grid: label, name, 是否空表, 表格为空的理由.
fn declared_in_catalogue(tables: &[Table], doc_kind: Option<&str>) -> Vec<DeclaredTable> {
    let mut out = Vec::new();
    for t in tables {
        let header: Vec<String> = t.columns.iter().map(|c| key(&c.path.join(""))).collect();
        let find = |words: &[&str]| header.iter().position(|h| words.iter().any(|w| h.contains(w)));
        let Some(empty_col) = find(&["是否空表", "是否为空"]) else { continue };
        let name_col = find(&["名称", "内容"]).unwrap_or(1);
        let label_col = find(&["序号", "报表", "表号", "编号"]).filter(|c| *c != name_col).unwrap_or(0);
        let reason_col = find(&["理由", "原因", "说明"]);
        for (ri, row) in t.body.iter().enumerate() {
            let name = compact(t.cell_text(ri, name_col));
            if name.is_empty() {
                continue;
            }
            let label = Some(compact(t.cell_text(ri, label_col))).filter(|s| !s.is_empty());
            let empty = match key(t.cell_text(ri, empty_col)).as_str() {
                "是" | "空表" | "是(空表)" => Some(true),
                "否" => Some(false),
                _ => None,
            };
            let reason = reason_col.map(|c| compact(t.cell_text(ri, c))).filter(|s| !s.is_empty());
            out.push(DeclaredTable {
                kind: catalog::recognise(&name, doc_kind),
                label,
                name,
                empty,
                reason,
                span: row.span,
            });
        }
    }
    out
}

/// Table names listed in the 目录 (`二、收入决算表`) when there is no 报表目录 grid.
fn declared_in_contents(doc: &Document, doc_kind: Option<&str>) -> Vec<DeclaredTable> {
    let Some(start) = doc.blocks.iter().position(|b| b.text().is_some_and(|t| key(t) == "目录")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen_first: Option<String> = None;
    for b in doc.blocks.iter().skip(start + 1).take(120) {
        let Some(text) = b.text() else { break };
        let k = key(text);
        // The contents end where the first entry comes round again as a real section.
        match &seen_first {
            None => seen_first = Some(k.clone()),
            Some(f) if *f == k => break,
            _ => {}
        }
        let name = bare_label(text);
        if !name.ends_with('表') && !name.contains("表(") && !name.contains("表（") {
            continue;
        }
        // A table name is short; a longer entry is several lines run together.
        if name.chars().count() > 40 {
            continue;
        }
        if let Some(kind) = catalog::recognise(&name, doc_kind) {
            out.push(DeclaredTable {
                label: None,
                name: compact(text),
                kind: Some(kind),
                empty: None,
                reason: None,
                span: b.span(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_in("2020年度部门决算公开说明"), Some(2020));
        assert_eq!(year_in("2020 年度部门决算"), Some(2020));
        assert_eq!(year_in("渭南市医疗保障局2024年部门预算"), Some(2024));
        assert_eq!(year_in("12020年"), None);
    }
}
