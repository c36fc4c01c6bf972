//! Chinese section numbering: 第一部分, 一、, （一）, 1. / 1、, (1), ①.

use serde::{Deserialize, Serialize};

/// The numbering styles Chinese documents use, from outermost to innermost by convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberingStyle {
    /// 第一部分 / 第3部分
    Part,
    /// 一、
    ChineseComma,
    /// （一） / (一)
    ChineseParen,
    /// 1. / 1、 / 1．
    ArabicDot,
    /// （1） / (1)
    ArabicParen,
    /// ① ② …
    Circled,
    /// No numbering (Markdown `#` only).
    None,
}

pub fn is_chinese_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇' | '两')
}

/// The value of a Chinese numeral up to 999 (`十二` = 12, `二十三` = 23).
pub fn chinese_numeral_value(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut current = 0u32;
    let mut any = false;
    for c in s.chars() {
        any = true;
        match c {
            '十' => {
                total += if current == 0 { 10 } else { current * 10 };
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    any.then_some(total + current)
}

/// A numbering prefix found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering<'a> {
    pub style: NumberingStyle,
    /// The prefix as printed, e.g. `（一）`.
    pub label: &'a str,
    /// The ordinal it stands for (1-based).
    pub ordinal: u32,
    /// The text after the prefix.
    pub rest: &'a str,
}

/// Recognise the numbering at the start of `s` (leading spaces allowed).
pub fn parse(s: &str) -> Option<Numbering<'_>> {
    let t = s.trim_start_matches([' ', '\u{3000}', '\t']);
    let start = s.len() - t.len();
    let take = |len: usize, style, ordinal| {
        let rest = t[len..].trim_start_matches([' ', '\u{3000}', '\t']);
        Some(Numbering { style, label: &s[start..start + len], ordinal, rest })
    };
    // 第一部分 / 第3部分
    if let Some(after) = t.strip_prefix('第') {
        let num_len: usize = after
            .char_indices()
            .take_while(|(_, c)| is_chinese_numeral(*c) || c.is_ascii_digit())
            .map(|(_, c)| c.len_utf8())
            .sum();
        if num_len > 0 && after[num_len..].starts_with("部分") {
            let n = &after[..num_len];
            let ordinal = n.parse().ok().or_else(|| chinese_numeral_value(n))?;
            return take('第'.len_utf8() + num_len + "部分".len(), NumberingStyle::Part, ordinal);
        }
    }
    // （一） (一) （1） (1)
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(after) = t.strip_prefix(open) {
            if let Some(end) = after.find(close) {
                let inner = after[..end].trim();
                let len = open.len_utf8() + end + close.len_utf8();
                if !inner.is_empty() && inner.chars().all(is_chinese_numeral) {
                    return take(len, NumberingStyle::ChineseParen, chinese_numeral_value(inner)?);
                }
                if !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
                    return take(len, NumberingStyle::ArabicParen, inner.parse().ok()?);
                }
            }
        }
    }
    // ① … ⑳
    if let Some(c) = t.chars().next() {
        if ('①'..='⑳').contains(&c) {
            return take(c.len_utf8(), NumberingStyle::Circled, c as u32 - '①' as u32 + 1);
        }
    }
    // 一、 / 十二、
    let cn_len: usize = t.chars().take_while(|c| is_chinese_numeral(*c)).map(char::len_utf8).sum();
    if cn_len > 0 && cn_len <= 9 && t[cn_len..].starts_with(['、', '，']) {
        let ordinal = chinese_numeral_value(&t[..cn_len])?;
        return take(cn_len + '、'.len_utf8(), NumberingStyle::ChineseComma, ordinal);
    }
    // 1. 1、 1． (not 1.5 — that is a number)
    let d_len = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if d_len > 0 && d_len <= 3 {
        let after = &t[d_len..];
        for sep in ['、', '．', '.'] {
            if let Some(rest) = after.strip_prefix(sep) {
                if sep == '.' && rest.starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                return take(d_len + sep.len_utf8(), NumberingStyle::ArabicDot, t[..d_len].parse().ok()?);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles() {
        let p = parse("第一部分 部门概况").unwrap();
        assert_eq!((p.style, p.ordinal, p.rest), (NumberingStyle::Part, 1, "部门概况"));
        assert_eq!(parse("第3部分 名词解释").unwrap().ordinal, 3);
        let p = parse("十二、国有资产占用").unwrap();
        assert_eq!((p.style, p.ordinal), (NumberingStyle::ChineseComma, 12));
        assert_eq!(parse("（一）主要职责。").unwrap().style, NumberingStyle::ChineseParen);
        assert_eq!(parse("(二) 机构").unwrap().ordinal, 2);
        assert_eq!(parse("（3）医疗").unwrap().style, NumberingStyle::ArabicParen);
        assert_eq!(parse("1. 基本支出").unwrap().style, NumberingStyle::ArabicDot);
        assert_eq!(parse("10、其他").unwrap().ordinal, 10);
        assert_eq!(parse("②其他").unwrap().ordinal, 2);
        assert!(parse("1.5万元").is_none());
        assert!(parse("2020年度").is_none());
        assert_eq!(chinese_numeral_value("二十三"), Some(23));
    }
}
