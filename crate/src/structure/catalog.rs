//! The table catalogue (`data/tables.txt`): kinds of table and how to recognise them by
//! their titles, or, for a table without a recognisable title, by what its header and rows
//! say (a header with 人员经费 and 公用经费 over rows of 工资福利支出 … is a 基本支出 table).

use crate::text::norm::key;
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
    /// Content patterns: alternatives of words that must all hold; `word` appears in the
    /// header, `=word` in the rows, `!word` not in the header, `!=word` not in the rows.
    content: Vec<Vec<&'static str>>,
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
                    patterns: alternatives(f[6]),
                    exclude: if f[7] == "-" { Vec::new() } else { f[7].split('|').collect() },
                    name: f[8],
                    content: match f.get(9) {
                        Some(c) if *c != "-" && !c.is_empty() => alternatives(c),
                        _ => Vec::new(),
                    },
                })
            })
            .collect()
    })
}

pub fn by_id(id: &str) -> Option<&'static TableKind> {
    kinds().iter().find(|k| k.id == id)
}

fn alternatives(field: &'static str) -> Vec<Vec<&'static str>> {
    field.split('|').map(|alt| alt.split('+').collect()).collect()
}

/// The best-scoring kind, preferring kinds of the document's own kind (决算/预算); `score`
/// gives a kind's score or `None` when it does not match.
fn best(doc_kind: Option<&str>, score: impl Fn(&TableKind) -> Option<usize>) -> Option<&'static TableKind> {
    let mut best: Option<(&TableKind, usize, bool)> = None;
    for k in kinds() {
        let Some(score) = score(k) else { continue };
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

/// Length of the longest alternative whose words all satisfy `has` (`None`: none does);
/// `!` words (what must be absent) do not count towards the length.
fn longest_match(alts: &[Vec<&str>], has: impl Fn(&str) -> bool) -> Option<usize> {
    alts.iter()
        .filter(|alt| alt.iter().all(|w| has(w)))
        .map(|alt| alt.iter().filter(|w| !w.starts_with('!')).map(|w| w.len()).sum::<usize>())
        .max()
}

/// The kind a table title names, preferring kinds of the document's own kind (决算/预算).
pub fn recognise(title: &str, doc_kind: Option<&str>) -> Option<&'static TableKind> {
    let t = key(title).replace(['“', '”', '"'], "");
    best(doc_kind, |k| {
        if k.exclude.iter().any(|x| t.contains(x)) {
            return None;
        }
        longest_match(&k.patterns, |w| t.contains(w))
    })
}

/// The kind a table's content names: `header` is the table's header text, `rows` the text
/// of its body cells (both as matching keys, cells separated by `|`). For tables whose title
/// is missing or not recognised.
pub fn recognise_content(header: &str, rows: &str, doc_kind: Option<&str>) -> Option<&'static TableKind> {
    if header.is_empty() && rows.is_empty() {
        return None;
    }
    best(doc_kind, |k| {
        longest_match(&k.content, |w| {
            if let Some(w) = w.strip_prefix("!=") {
                !rows.contains(w)
            } else if let Some(w) = w.strip_prefix('!') {
                !header.contains(w)
            } else if let Some(w) = w.strip_prefix('=') {
                rows.contains(w)
            } else {
                header.contains(w)
            }
        })
    })
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

    fn by_content(text: &str, doc: &str) -> &'static str {
        let doc_ = crate::ingest::read_str(text);
        let tables = crate::structure::table::assemble(&doc_);
        let Some(t) = tables.first() else { return "no table" };
        let keys = |rows: &[crate::document::RawRow]| -> String {
            rows.iter().flat_map(|r| r.texts()).map(key).collect::<Vec<_>>().join("|")
        };
        recognise_content(&keys(&t.header), &keys(&t.body), Some(doc)).map_or("-", |k| k.id)
    }

    #[test]
    fn untitled_tables_by_their_content() {
        // A 基本支出 table: 人员经费/公用经费 over economic codes, spaces inside words.
        let basic = "科目编码\t科目名称\t合计\t人员 经费\t公用 经费\n\t合计\t3.00\t2.00\t1.00\n301\t工资福利支出\t2.00\t2.00\t\n302\t商品和服务支出\t1.00\t\t1.00\n";
        assert_eq!(by_content(basic, "决算"), "final.gpb-basic");
        assert_eq!(by_content(basic, "预算"), "budget.gpb-basic");
        // The same columns over function codes with 项目支出: not a 基本支出 table.
        let gpb = "科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t3.00\t2.00\t1.00\n208\t社会保障和就业支出\t3.00\t2.00\t1.00\n";
        assert_eq!(by_content(gpb, "决算"), "final.gpb-expense");
        // Traditional characters and numbering in a 三公 header.
        let three = "項目\t1.因公出國（境）費\t2.公務接待費\t3.公務用車購置及運行維護費\n預算數\t1.00\t2.00\t3.00\n";
        assert_eq!(by_content(three, "决算"), "final.three-public");
        let expense = "功能分类科目编码\t科目名称\t本年支 出 合计\t基本支出\t项目支出\t上缴上级支出\n\t合计\t3.00\t2.00\t1.00\t\n";
        assert_eq!(by_content(expense, "决算"), "final.expense");
        assert_eq!(by_content("序号\t单位名称\n1\t某某局（机关）\n", "预算"), "any.unit-list");
        assert_eq!(by_content("项目\t说明\n甲\t乙\n", "预算"), "-");
    }
}
