//! The lines around a table: its title (`收入决算表`), label (`公开02表`, `表3`), the
//! department (`编制部门：…`), the money unit (`金额单位：万元`) and notes (`注：…`).

use crate::text::norm::key;
use crate::text::number::Unit;

#[derive(Debug, Clone, PartialEq)]
pub enum Caption {
    Title(String),
    Label(String),
    Department(String),
    Unit(Unit),
    Note(String),
}

/// Everything a caption line (or a table cell at the top of a table) says. A line such as
/// `部门：XX局  公开01表  金额单位：万元` says several things.
pub fn parse_line(text: &str) -> Vec<Caption> {
    let k = key(text);
    let mut out = Vec::new();
    if k.is_empty() {
        return out;
    }
    if k.starts_with("注:") || k.starts_with("注1") || k.starts_with("备注:") || k.starts_with("说明:") {
        out.push(Caption::Note(text.trim().to_owned()));
        return out;
    }
    if let Some(u) = unit_in(&k) {
        out.push(Caption::Unit(u));
    }
    if let Some(l) = label_in(&k) {
        // `公开01表：收支预算总表`: the label, then the title.
        if let Some((_, rest)) = text.split_once(['：', ':']).filter(|(head, _)| label_in(&key(head)).is_some()) {
            if is_title(&key(rest)) {
                out.push(Caption::Title(rest.split_whitespace().collect::<Vec<_>>().join("")));
            }
        }
        out.push(Caption::Label(l));
    }
    for prefix in ["编制部门:", "编制单位:", "部门名称:", "单位名称:", "填报单位:", "部门:", "预算单位:"]
    {
        if let Some(pos) = k.find(prefix) {
            let rest = &k[pos + prefix.len()..];
            let end = rest
                .find("公开")
                .or_else(|| rest.find("金额单位"))
                .or_else(|| rest.find("单位:"))
                .unwrap_or(rest.len());
            let name = rest[..end].trim_end_matches(['表', ' ']).to_owned();
            if !name.is_empty() {
                out.push(Caption::Department(name));
            }
            break;
        }
    }
    if out.is_empty() && is_title(&k) {
        out.push(Caption::Title(text.split_whitespace().collect::<Vec<_>>().join("")));
    }
    out
}

/// `金额单位：万元`, `单位：元`, `单位:万元`.
pub fn unit_in(k: &str) -> Option<Unit> {
    // `单位名称:` is not a unit line; in `编制单位:  单位:元` the second one is.
    k.match_indices("单位:")
        .chain(k.match_indices("单位："))
        .find_map(|(pos, m)| Unit::parse_prefix(&k[pos + m.len()..]))
}

/// `公开01表`, `公开表一`, `表3`, `附表1`, `表13`.
pub fn label_in(k: &str) -> Option<String> {
    if let Some(pos) = k.find("公开") {
        let rest = &k[pos + "公开".len()..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with('表') {
            return Some(format!("公开{digits}表"));
        }
        if let Some(r) = rest.strip_prefix('表') {
            let n: String = r
                .chars()
                .take_while(|c| crate::text::numbering::is_chinese_numeral(*c) || c.is_ascii_digit())
                .collect();
            if !n.is_empty() {
                return Some(format!("公开表{n}"));
            }
        }
    }
    let is_bare_label = |s: &str| -> Option<String> {
        let (prefix, rest) =
            if let Some(r) = s.strip_prefix("附表") { ("附表", r) } else { ("表", s.strip_prefix('表')?) };
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
        (!n.is_empty() && rest.len() == n.len()).then(|| format!("{prefix}{n}"))
    };
    is_bare_label(k)
}

/// A short line naming a table: ends in 表 (possibly followed by a parenthesis).
fn is_title(k: &str) -> bool {
    let n = k.chars().count();
    if !(3..=60).contains(&n) || k.contains('。') || k.contains(',') || k.contains('，') {
        return false;
    }
    // `…支出决算表（按功能分类科目）`, `…政府采购（资产配置、购买服务）预算表`, `(2018年度)`.
    let core = match k.strip_suffix(')').and_then(|r| r.rfind('(').map(|p| &r[..p])) {
        Some(c) if !c.is_empty() => c,
        _ => k,
    };
    core.ends_with('表') || core == "报表目录" || core.ends_with("公开报表")
}

/// A parenthesised qualifier on its own line under a title: `(按经济分类科目)`.
pub fn is_title_qualifier(text: &str) -> bool {
    let k = key(text);
    (k.starts_with('(') && k.ends_with(')') && k.chars().count() <= 20) && !k.contains("年度")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_lines() {
        assert_eq!(parse_line("金额单位：万元"), vec![Caption::Unit(Unit::Wanyuan)]);
        assert_eq!(parse_line("单位：元"), vec![Caption::Unit(Unit::Yuan)]);
        assert_eq!(parse_line("编制单位：  单位：元"), vec![Caption::Unit(Unit::Yuan)]);
        assert_eq!(parse_line("公开 01 表"), vec![Caption::Label("公开01表".into())]);
        assert_eq!(parse_line("表 1"), vec![Caption::Label("表1".into())]);
        assert_eq!(parse_line("收入支出决算总表"), vec![Caption::Title("收入支出决算总表".into())]);
        assert_eq!(
            parse_line("编制部门：西安市高陵区医疗保障局（汇总）"),
            vec![Caption::Department("西安市高陵区医疗保障局(汇总)".into())]
        );
        let multi = parse_line("部门：鄂州市医疗保障服务中心 公开03表 金额单位：万元");
        assert!(multi.contains(&Caption::Unit(Unit::Wanyuan)));
        assert!(multi.contains(&Caption::Label("公开03表".into())));
        assert!(multi.contains(&Caption::Department("鄂州市医疗保障服务中心".into())));
        assert!(matches!(parse_line("注：本表反映部门本年度取得的各项收入情况。")[0], Caption::Note(_)));
        assert!(parse_line("2020 年度总收入为 1147.09 元，上年收入 920.14 万元。").is_empty());
        assert!(parse_line("单位名称：XX局").iter().all(|c| !matches!(c, Caption::Unit(_))));
        assert!(is_title_qualifier("(按经济分类科目)"));
        assert_eq!(
            parse_line("部门综合预算政府采购（资产配置、购买服务）预算表"),
            vec![Caption::Title("部门综合预算政府采购（资产配置、购买服务）预算表".into())]
        );
        assert_eq!(parse_line("报表目录"), vec![Caption::Title("报表目录".into())]);
    }
}
