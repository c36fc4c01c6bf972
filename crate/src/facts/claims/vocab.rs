//! The words of the narrative: concepts and their subject words (`data/concepts.txt`), and
//! the cue words that say what role a figure plays (current, last year's, budget, actual,
//! change, share, rate). Cues are matched on the normalised text just before a figure.

use crate::text::norm::key;
use std::sync::OnceLock;

const CONCEPTS: &str = include_str!("../../../data/concepts.txt");

#[derive(Debug)]
pub struct Concept {
    pub id: &'static str,
    /// Table facts printing the same quantity: (scope, measure) of the 合计 row.
    pub facts: Vec<(&'static str, &'static str)>,
    pub name: &'static str,
    aliases: Vec<String>,
}

pub fn concepts() -> &'static [Concept] {
    static C: OnceLock<Vec<Concept>> = OnceLock::new();
    C.get_or_init(|| {
        CONCEPTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let [id, facts, name, aliases] = f[..] else { return None };
                let facts = facts.split(',').filter_map(|p| p.split_once(':')).collect();
                let aliases = aliases.split('|').map(key).filter(|a| !a.is_empty()).collect();
                Some(Concept { id, facts, name, aliases })
            })
            .collect()
    })
}

pub fn concept(i: usize) -> Option<&'static Concept> {
    concepts().get(i)
}

pub fn index_of(id: &str) -> Option<usize> {
    concepts().iter().position(|c| c.id == id)
}

/// Under a heading about 一般公共预算财政拨款, documents often write just 财政拨款收入/支出
/// for the general-budget part: the words may mean either.
pub fn widen_for_section(ids: &mut Vec<usize>, section: &str) {
    if !section.contains("一般公共预算") {
        return;
    }
    for (broad, narrow) in [("fiscal-income", "gpb-income"), ("fiscal-expense", "gpb-expense")] {
        if let (Some(b), Some(n)) = (index_of(broad), index_of(narrow)) {
            if ids.contains(&b) && !ids.contains(&n) {
                ids.push(n);
            }
        }
    }
}

/// The concepts named in normalised `text` by the alias ending nearest its end (the longest
/// one at equal ends), with the byte offset where that alias starts. Several concepts when
/// the winning alias is listed under several. Only role and filler words may follow the
/// alias (`人员经费支出决算为`, `收入总计减少`), and an all-funds concept qualified by a fund
/// (`政府性基金项目支出`) is not that concept: both give no concept rather than a wrong one.
pub fn resolve(text: &str) -> Option<(Vec<usize>, usize)> {
    let mut best: Option<(usize, usize, &str)> = None; // (end, len, alias)
    for c in concepts() {
        for a in &c.aliases {
            if let Some(p) = text.rfind(a.as_str()) {
                let cand = (p + a.len(), a.len(), a.as_str());
                if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                    best = Some(cand);
                }
            }
        }
    }
    let (mut end, mut len, mut alias) = best?;
    // `会议费预算支出`, `“三公”经费预算支出`: a generic total right after a named concept is
    // the role of that concept, not the department's total.
    if GENERIC.contains(&alias) {
        let start = end - len;
        let adjacent = concepts()
            .iter()
            .flat_map(|c| c.aliases.iter())
            .filter(|a| text[..start].ends_with(a.as_str()))
            .max_by_key(|a| a.len());
        if let Some(a) = adjacent {
            (end, len, alias) = (start, a.len(), a.as_str());
        }
    }
    if !trailing_ok(text.get(end..).unwrap_or("")) {
        return None;
    }
    let before = text.get(..end - len).unwrap_or("");
    let ids: Vec<usize> = concepts()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.aliases.iter().any(|a| a == alias))
        .filter(|(_, c)| !(c.facts.iter().all(|f| f.0 == "all") && !c.facts.is_empty() && !clean_lead(before)))
        .map(|(i, _)| i)
        .collect();
    (!ids.is_empty()).then_some((ids, end - len))
}

const GENERIC: &[&str] =
    &["预算支出", "预算收入", "部门支出", "部门收入", "当年支出", "当年收入", "本年支出", "本年收入"];

/// What may stand before an all-funds concept's words without narrowing it: numbering, a
/// year, `本部门`, `其中`, or the department's name (`…办公厅2019年度收入总计`). Anything else
/// (`政府性基金项目支出`, `其他资金收入预算总计`) names a part, not the whole.
fn clean_lead(before: &str) -> bool {
    const TOKENS: &[&str] =
        &["本部门", "本单位", "部门", "单位", "全年", "本年度", "本年", "当年", "其中", "年度", "年", "全部", "主要"];
    let mut t =
        before.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | ':' | '、' | '.' | '(' | ')'));
    for _ in 0..8 {
        let before_len = t.len();
        for tok in TOKENS {
            t = t.strip_suffix(tok).unwrap_or(t);
        }
        t = t.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | ':' | '、' | '.' | '(' | ')'));
        if t.len() == before_len {
            break;
        }
    }
    t.is_empty()
        || [
            "厅",
            "局",
            "院",
            "委员会",
            "委",
            "办公室",
            "处",
            "部",
            "中心",
            "所",
            "站",
            "会",
            "室",
            "府",
            "馆",
            "社",
            "团",
            "校",
            "队",
        ]
        .iter()
        .any(|s| t.ends_with(s))
}

/// A clause that is only role words (`支出决算为`, `年初预算为`, `较上年增加`): its figure is
/// about the subject named before it in the sentence.
pub fn bare_role(clause: &str) -> bool {
    let c = clause.trim_start_matches(|ch: char| ch.is_ascii_digit() || matches!(ch, '.' | '、' | '(' | ')' | ':'));
    trailing_ok(c) || direction_suffix(c).is_some() && trailing_ok(c.get(..c.len().saturating_sub(6)).unwrap_or(""))
}

/// Words that may stand between a subject and its figure.
const TRAILING: &[&str] = &[
    "支出决算数",
    "支出决算",
    "决算数",
    "决算",
    "年初预算数",
    "年初预算",
    "调整预算数",
    "调整预算",
    "调整后预算",
    "全年预算",
    "预算调整数",
    "全年预算数",
    "预算数",
    "预算安排",
    "预算",
    "执行数",
    "实际支出",
    "支出",
    "合计",
    "总额",
    "金额",
    "总计",
    "共计",
    "共",
    "为",
    "是",
    "中",
    "达",
    "约",
    "了",
    "各",
    "均",
    "的",
    "收入",
    "安排",
    "资金",
    "经费",
    "数",
];

pub fn trailing_ok(rest: &str) -> bool {
    // What follows a comparison word (`较上年增加`, `比2019年减少`) is the comparison.
    let cut = ["较", "比", "与", "同比"].iter().filter_map(|w| rest.find(w)).min().unwrap_or(rest.len());
    let mut r = rest.get(..cut).unwrap_or("");
    for _ in 0..8 {
        if r.is_empty() {
            return true;
        }
        if direction_suffix(r).is_some_and(|_| UP.iter().chain(DOWN).any(|w| r == *w || r == format!("{w}了"))) {
            return true;
        }
        match TRAILING.iter().find(|w| r.starts_with(*w)) {
            Some(w) => r = &r[w.len()..],
            None => return false,
        }
    }
    r.is_empty()
}

/// Filler words between a cue and its figure: `预算为`, `决算数是`, `共计`, `增加了`.
const FILLERS: &[&str] =
    &["为", "是", ":", "共计", "合计为", "共", "约", "达到", "达", "了", "计", "总额为", "金额为", "金额", "数额"];

/// `text` without trailing filler words.
pub fn strip_fillers(text: &str) -> &str {
    let mut t = text.trim_end();
    for _ in 0..4 {
        let before = t.len();
        for f in FILLERS {
            if let Some(r) = t.strip_suffix(f) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    t
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dir {
    Up,
    Down,
    /// 持平, 无增减, 一致.
    Flat,
    /// Template residue `增加/减少`: no direction stated.
    Unknown,
}

const UP: &[&str] = &["增加", "增长", "上升", "上涨", "提高", "超支", "增幅", "增长率", "多支出", "增支"];
const DOWN: &[&str] = &["减少", "下降", "降低", "节约", "缩减", "压减", "降幅", "减幅", "下降率", "减支", "节支"];
pub const FLAT: &[&str] = &["基本持平", "持平", "无增减", "一致", "无变化", "不变"];

/// The direction word `text` ends with, if any.
pub fn direction_suffix(text: &str) -> Option<Dir> {
    let text = text.trim_end_matches(')');
    let up = UP.iter().any(|w| text.ends_with(w));
    let down = DOWN.iter().any(|w| text.ends_with(w));
    if !up && !down {
        return None;
    }
    // `增加/减少`, `增加（减少）`, `增长(下降)`: both words in the tail is template residue.
    let tail: String = text.chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
    let both = UP.iter().any(|w| tail.contains(w)) && DOWN.iter().any(|w| tail.contains(w));
    Some(if both {
        Dir::Unknown
    } else if up {
        Dir::Up
    } else {
        Dir::Down
    })
}

/// The direction word a clause starts with (`增加基本支出`).
pub fn direction_prefix(text: &str) -> Option<Dir> {
    if UP.iter().any(|w| text.starts_with(w)) {
        Some(Dir::Up)
    } else if DOWN.iter().any(|w| text.starts_with(w)) {
        Some(Dir::Down)
    } else {
        None
    }
}

/// A comparison is being made: `较上年`, `比2019年`, `与上年相比`, `同比`.
pub fn compares(text: &str) -> bool {
    ["较", "比", "相比", "同比", "环比"].iter().any(|w| text.contains(w))
}

/// The comparison is with the budget (`决算数较预算数减少`), not with last year (`与上年相比`,
/// `比上年预算增加`): the word after 较/比/与 names the base.
pub fn against_budget(text: &str) -> bool {
    text.char_indices().any(|(p, c)| {
        let after = &text[p + c.len_utf8()..];
        let is_cmp = matches!(c, '较' | '与') || (c == '比' && !text[..p].ends_with('相'));
        let after = after
            .strip_prefix("年初")
            .or_else(|| after.strip_prefix("调整"))
            .or_else(|| after.strip_prefix("全年"))
            .unwrap_or(after);
        is_cmp && after.starts_with("预算")
    })
}

/// Four-digit years written `2019年` / `2019 年度`.
pub fn years(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.match_indices('年').filter_map(move |(p, _)| {
        let before = &s[..p];
        let digits: String = before.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        (digits.len() == 4).then(|| digits.chars().rev().collect::<String>().parse().ok()).flatten()
    })
}

/// Last year's figure: `上年收入`, `2019年支出` in a 2020 document (not `上年结转`, an
/// income item, and not `较上年`, a comparison).
pub fn previous_year(text: &str, doc_year: Option<u32>) -> bool {
    if compares(text) {
        return false;
    }
    let prior_word = ["上年", "去年", "上一年", "上年度"].iter().any(|w| {
        text.match_indices(w).any(|(p, _)| !["结转", "结余", "基数"].iter().any(|x| text[p + w.len()..].starts_with(x)))
    });
    prior_word || doc_year.is_some_and(|y| years(text).any(|v| v + 1 == y))
}

const ACTUAL: &[&str] = &[
    "决算",
    "决算数",
    "执行数",
    "实际支出",
    "全年支出",
    "实际执行",
    "支出决算",
    "决算支出",
    "实际完成",
    "执行金额",
    "实际使用",
];
const BUDGET: &[&str] =
    &["预算", "预算数", "预算安排", "预算调整数", "调整预算数", "调整预算", "年初预算数", "全年预算数", "预算总额"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BudgetKind {
    /// 年初预算
    Initial,
    /// 调整预算 / 预算调整数 / 全年预算
    Adjusted,
    /// 预算 without saying which
    Any,
}

fn budget_kind(text: &str) -> BudgetKind {
    let tail: String = text.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
    if tail.contains("年初") {
        BudgetKind::Initial
    } else if tail.contains("调整") {
        BudgetKind::Adjusted
    } else {
        BudgetKind::Any
    }
}

pub fn actual_suffix(text: &str) -> bool {
    ACTUAL.iter().any(|w| text.ends_with(w))
}

pub fn budget_suffix(text: &str) -> Option<BudgetKind> {
    BUDGET.iter().any(|w| text.ends_with(w)).then(|| budget_kind(text))
}

/// A completion rate: `完成年初预算的`, `完成预算`, `预算执行率`, `执行率`.
pub fn rate_cue(text: &str) -> Option<BudgetKind> {
    let t = text.trim_end_matches(['的', '为', ':']);
    let tail: String = t.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
    let rate = (tail.contains("完成") && tail.contains("预算")) || tail.ends_with("执行率") || tail.ends_with("完成率");
    rate.then(|| budget_kind(&tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(t: &str) -> Vec<&'static str> {
        resolve(&key(t)).map(|(v, _)| v.iter().map(|i| concepts()[*i].id).collect()).unwrap_or_default()
    }

    #[test]
    fn nearest_longest_alias_wins() {
        assert_eq!(ids("2020年度一般公共预算财政拨款基本支出"), vec!["gpb-basic"]);
        assert_eq!(ids("其中：基本支出"), vec!["basic"]);
        assert_eq!(ids("2020 年度“三公”经费财政拨款支出预算为"), vec!["three-public"]);
        assert_eq!(ids("政府采购货物类支出"), vec!["procurement-goods"]);
        assert_eq!(ids("本部门政府采购支出总额共"), vec!["procurement"]);
        assert_eq!(ids("2020 年度总收入为"), vec!["grand-income", "income"]);
        assert_eq!(ids("因公出国（境）费支出决算"), vec!["abroad"]);
        assert!(ids("基本工资").is_empty());
        assert_eq!(ids("本年度一般公共预算“三公”经费预算支出"), vec!["three-public"]);
        assert_eq!(ids("本年度一般公共预算会议费预算支出"), vec!["meeting"]);
        assert_eq!(ids("本部门2024年预算收入"), vec!["grand-income", "income"]);
        // Not the subject: the alias is followed by other words, or narrowed by a fund.
        assert!(ids("主要包括商品和服务支出中办公费").is_empty());
        assert!(ids("政府性基金项目支出总额").is_empty());
        assert_eq!(ids("一般公共预算项目支出总额"), vec!["gpb-project"]);
        assert_eq!(ids("公务接待费支出决算比2017年增加"), vec!["reception"]);
        assert_eq!(ids("2.财政专户管理资金收入预算总计"), vec!["special-account-income"]);
        assert_eq!(ids("江苏省人大常委会办公厅2019年度收入预算总计"), vec!["grand-income"]);
        assert_eq!(ids("与2017年相比，财政拨款收入减少"), vec!["fiscal-income"]);
    }

    #[test]
    fn cues() {
        assert_eq!(direction_suffix("较上年增加"), Some(Dir::Up));
        assert_eq!(direction_suffix("与2017年相比，财政拨款收入减少"), Some(Dir::Down));
        assert_eq!(direction_suffix("比2018年增加/减少"), Some(Dir::Unknown));
        assert_eq!(direction_suffix("增长(减少)"), Some(Dir::Unknown));
        assert_eq!(direction_suffix("增长"), Some(Dir::Up));
        assert!(previous_year("上年收入", Some(2020)));
        assert!(previous_year("2019年支出", Some(2020)));
        assert!(!previous_year("上年结转", Some(2020)));
        assert!(!previous_year("较上年", Some(2020)));
        assert!(!previous_year("2020年度总收入", Some(2020)));
        assert!(against_budget("决算数较预算数减少"));
        assert!(!against_budget("比上年预算减少"));
        assert!(!against_budget("与上年相比收、支预算总计各增加"));
        assert!(against_budget("支出决算数比年初预算减少"));
        assert_eq!(budget_suffix("年初预算"), Some(BudgetKind::Initial));
        assert_eq!(budget_suffix("预算调整数"), Some(BudgetKind::Adjusted));
        assert_eq!(rate_cue("完成年初预算的"), Some(BudgetKind::Initial));
        assert_eq!(rate_cue("完成预算"), Some(BudgetKind::Any));
        assert_eq!(rate_cue("预算执行率为"), Some(BudgetKind::Any));
        assert_eq!(strip_fillers("支出决算为"), "支出决算");
    }
}
