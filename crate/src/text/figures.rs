//! Figures in running text: `1,246.27万元`, `1147.09 元`, `63%`, `０.２３万元` — the number as
//! printed (decimals kept), its unit, and where it stands.

use crate::text::number::{parse_number, Printed, Unit};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureUnit {
    Money(Unit),
    Percent,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: Printed,
    pub unit: FigureUnit,
    /// Byte range of the number and its unit in the text.
    pub start: usize,
    pub end: usize,
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．' | ',' | '，')
}

/// Every figure with a money unit or a percent sign in `text`.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        let after_digit = i > 0 && (chars[i - 1].1.is_ascii_digit() || ('０'..='９').contains(&chars[i - 1].1));
        if !digit || after_digit {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_number_char(chars[j].1) {
            j += 1;
        }
        // A trailing comma or dot is punctuation, not part of the number.
        while j > i && matches!(chars[j - 1].1, '.' | '．' | ',' | '，') {
            j -= 1;
        }
        let num_end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let token = &text[start..num_end];
        // `，` between digits is a thousands separator only in `1,234` shape.
        let number = parse_number(&token.replace('，', ","));
        let mut k = j;
        while k < chars.len() && chars[k].1 == ' ' {
            k += 1;
        }
        let rest_at = chars.get(k).map_or(text.len(), |(b, _)| *b);
        let rest = &text[rest_at..];
        let unit = if rest.starts_with('%') || rest.starts_with('％') {
            Some((FigureUnit::Percent, rest.chars().next().map_or(1, char::len_utf8)))
        } else {
            Unit::parse_prefix(rest).map(|u| (FigureUnit::Money(u), u.label().len()))
        };
        if let (Some((value, _)), Some((unit, len))) = (number, unit) {
            out.push(Figure { value, unit, start, end: rest_at + len });
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrative_figures() {
        let f =
            figures("2020 年度总收入为 1147.09 元，上年收入 920.14 万元，增长 24.67%；预算1,246.27万元、０.２３万元。");
        let shown: Vec<(String, u32, FigureUnit)> =
            f.iter().map(|f| (f.value.value.to_string(), f.value.decimals, f.unit)).collect();
        assert_eq!(
            shown,
            vec![
                ("1147.09".into(), 2, FigureUnit::Money(Unit::Yuan)),
                ("920.14".into(), 2, FigureUnit::Money(Unit::Wanyuan)),
                ("24.67".into(), 2, FigureUnit::Percent),
                ("1246.27".into(), 2, FigureUnit::Money(Unit::Wanyuan)),
                ("0.23".into(), 2, FigureUnit::Money(Unit::Wanyuan)),
            ]
        );
        // 2020 年 is a year, not money.
        assert!(figures("2020年度").is_empty());
        let s = "支出 6.39 万元";
        let g = &figures(s)[0];
        assert_eq!(&s[g.start..g.end], "6.39 万元");
    }
}
