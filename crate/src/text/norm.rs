//! Text normalisation for matching (never for display): NFKC (full-width forms, Kangxi
//! radicals from CJK PDF fonts), no whitespace, one form of quotes and brackets, traditional
//! characters as simplified (`data/hant_hans.txt`).

use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const HANT_HANS: &str = include_str!("../../data/hant_hans.txt");

/// The simplified form of a traditional character (the character itself otherwise).
fn simplified(c: char) -> char {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        HANT_HANS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .filter_map(|pair| {
                let mut cs = pair.chars();
                Some((cs.next()?, cs.next()?))
            })
            .collect()
    });
    map.get(&c).copied().unwrap_or(c)
}

/// The matching key of a label: `本年支 出 合计` and `本年支出合计` compare equal.
pub fn key(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '*' | '\u{200b}'))
        .map(|c| match c {
            '【' | '〔' | '［' => '[',
            '】' | '〕' | '］' => ']',
            '：' => ':',
            _ => simplified(c),
        })
        .collect()
}

/// `key`, then without a leading outline number (`1.`, `一、`, `(1)`, `其中:`).
pub fn bare_label(s: &str) -> String {
    let k = key(s);
    let mut rest: &str = &k;
    if let Some(n) = crate::text::numbering::parse(rest) {
        rest = n.rest;
    }
    let rest = rest.strip_prefix("其中:").or_else(|| rest.strip_prefix("其中")).unwrap_or(rest);
    rest.trim_start_matches([':', '、', '.']).to_owned()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Display form of a label printed with wrap spaces (`合 计`, `彩票公益 金安排的 支出`):
/// whitespace next to a CJK character is dropped, other runs become one space.
pub fn compact(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|n| !n.is_whitespace());
            let keep = !prev.is_some_and(|p| is_cjk(p) || p == ' ') && !next.is_some_and(|n| is_cjk(*n));
            if keep {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(key("本年支 出 合计"), "本年支出合计");
        assert_eq!(key("因公出国 (境) 费用"), "因公出国(境)费用");
        assert_eq!(key("因公出国（境）费用"), "因公出国(境)费用");
        assert_eq!(key("⼀般公共预算"), "一般公共预算");
        assert_eq!(key("衛生健康支出"), "卫生健康支出");
        assert_eq!(key("一般公共預算財政撥款"), "一般公共预算财政拨款");
        assert_eq!(bare_label("1. 一般公共预算财政拨款"), "一般公共预算财政拨款");
        assert_eq!(bare_label("一、财政拨款"), "财政拨款");
        assert_eq!(bare_label("其中：专项资金"), "专项资金");
        assert_eq!(bare_label("(1)工资福利支出"), "工资福利支出");
        assert_eq!(compact("合 计"), "合计");
        assert_eq!(compact("彩票公益 金安排的 支出"), "彩票公益金安排的支出");
        assert_eq!(compact("维修(护)费  2020 年"), "维修(护)费2020年");
        assert_eq!(compact("A  B"), "A B");
    }
}
