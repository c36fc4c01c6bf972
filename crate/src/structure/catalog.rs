//! The table catalogue (`data/tables.txt`): kinds of table and how to recognise them by
//! their titles.

use crate::textnorm::key;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct TableKind {
    pub id: &'static str,
    /// `决算`, `预算`, or `-` for both.
    pub doc: &'static str,
    /// Position in the national set (0: not part of it).
    pub number: u32,
    /// Part of the national minimum for its document kind.
    pub minimum: bool,
    /// Whose money: `all`, `fiscal`, `gpb`, `govfund`, `soe`, `-`.
    pub scope: &'static str,
    /// What rows are keyed by: `function`, `economic`, `unit`, `items`, `-`.
    pub keys: &'static str,
    patterns: Vec<Vec<&'static str>>,
    exclude: Vec<&'static str>,
    pub name: &'static str,
}

const DATA: &str = include_str!("../../data/tables.txt");

pub fn kinds() -> &'static [TableKind] {
    static K: OnceLock<Vec<TableKind>> = OnceLock::new();
    K.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                if f.len() < 9 {
                    return None;
                }
                Some(TableKind {
                    id: f[0],
                    doc: f[1],
                    number: f[2].parse().unwrap_or(0),
                    minimum: f[3] == "yes",
                    scope: f[4],
                    keys: f[5],
                    patterns: f[6].split('|').map(|alt| alt.split('+').collect()).collect(),
                    exclude: if f[7] == "-" { Vec::new() } else { f[7].split('|').collect() },
                    name: f[8],
                })
            })
            .collect()
    })
}

pub fn by_id(id: &str) -> Option<&'static TableKind> {
    kinds().iter().find(|k| k.id == id)
}

/// The kind a table title names, preferring kinds of the document's own kind (决算/预算).
pub fn recognise(title: &str, doc_kind: Option<&str>) -> Option<&'static TableKind> {
    let t = key(title).replace(['“', '”', '"'], "");
    let mut best: Option<(&TableKind, usize, bool)> = None;
    for k in kinds() {
        if k.exclude.iter().any(|x| t.contains(x)) {
            continue;
        }
        let score = k
            .patterns
            .iter()
            .filter(|alt| alt.iter().all(|w| t.contains(w)))
            .map(|alt| alt.iter().map(|w| w.len()).sum::<usize>())
            .max();
        let Some(score) = score else { continue };
        let same_doc = doc_kind.is_none_or(|d| k.doc == d || k.doc == "-");
        let better = match best {
            None => true,
            Some((_, s, d)) => (same_doc, score) > (d, s),
        };
        if better {
            best = Some((k, score, same_doc));
        }
    }
    best.map(|(k, _, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(title: &str, doc: &str) -> &'static str {
        recognise(title, Some(doc)).map_or("-", |k| k.id)
    }

    #[test]
    fn national_final_accounts_titles() {
        assert_eq!(id("收入支出决算总表", "决算"), "final.summary");
        assert_eq!(id("收入决算表", "决算"), "final.income");
        assert_eq!(id("支出决算表", "决算"), "final.expense");
        assert_eq!(id("财政拨款收入支出决算总表", "决算"), "final.fiscal-summary");
        assert_eq!(id("一般公共预算财政拨款支出决算表（按功能分类科目）", "决算"), "final.gpb-expense");
        assert_eq!(id("一般公共预算财政拨款基本支出决算表(按经济分类科目)", "决算"), "final.gpb-basic");
        assert_eq!(id("一般公共预算财政拨款基本支出决算明细表", "决算"), "final.gpb-basic");
        assert_eq!(id("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "决算"), "final.three-public");
        assert_eq!(id("财政拨款“三公”经费支出决算表", "决算"), "final.three-public");
        assert_eq!(id("政府性基金预算财政拨款收入支出决算表", "决算"), "final.gov-fund");
        assert_eq!(id("国有资本经营预算财政拨款支出决算表", "决算"), "final.soe");
    }

    #[test]
    fn budget_titles_national_and_regional() {
        assert_eq!(id("部门综合预算收支总表", "预算"), "budget.summary");
        assert_eq!(id("部门综合预算收入总表", "预算"), "budget.income");
        assert_eq!(id("部门综合预算支出总表", "预算"), "budget.expense");
        assert_eq!(id("部门综合预算财政拨款收支总表", "预算"), "budget.fiscal-summary");
        assert_eq!(id("部门综合预算一般公共预算支出明细表（按支出功能分类科目）", "预算"), "budget.gpb-expense");
        assert_eq!(id("部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "预算"), "budget.gpb-economic");
        assert_eq!(
            id("部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", "预算"),
            "budget.gpb-basic-function"
        );
        assert_eq!(id("部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", "预算"), "budget.gpb-basic");
        assert_eq!(id("部门综合预算政府性基金收支表", "预算"), "budget.gov-fund");
        assert_eq!(
            id("部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表", "预算"),
            "budget.three-public"
        );
        assert_eq!(id("部门财务收支预算总表", "预算"), "budget.summary");
        assert_eq!(id("部门“三公”经费和机关运行经费预算表", "预算"), "budget.three-public");
        assert_eq!(id("报表目录", "预算"), "any.catalogue");
        assert_eq!(id("某某情况说明", "预算"), "-");
    }
}
