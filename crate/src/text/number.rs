//! Numbers as printed in disclosures: `1,246.27`, `12,462,702.17`, `0.00`, `-3.5`, `63%`,
//! full-width digits, and the dash/slash cells that mean "none".

use crate::interval::{Interval, Rounding};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// A figure exactly as printed: its value and the number of decimals it was printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Printed {
    pub value: Decimal,
    pub decimals: u32,
}

impl Printed {
    pub fn interval(&self, rounding: Rounding) -> Interval {
        Interval::printed(self.value, self.decimals, rounding)
    }

    pub fn is_zero(&self) -> bool {
        self.value.is_zero()
    }
}

/// Money units; conversions between them are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
pub enum Unit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "千元")]
    Qianyuan,
    #[serde(rename = "万元")]
    Wanyuan,
    #[serde(rename = "亿元")]
    Yiyuan,
}

impl Unit {
    /// How many 元 one of this unit is.
    pub fn in_yuan(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::Qianyuan => Decimal::from(1_000),
            Unit::Wanyuan => Decimal::from(10_000),
            Unit::Yiyuan => Decimal::from(100_000_000),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::Qianyuan => "千元",
            Unit::Wanyuan => "万元",
            Unit::Yiyuan => "亿元",
        }
    }

    /// The unit named at the start of `s` (`万元…`, `元`), if any.
    pub fn parse_prefix(s: &str) -> Option<Unit> {
        let s = s.trim_start();
        [("亿元", Unit::Yiyuan), ("万元", Unit::Wanyuan), ("千元", Unit::Qianyuan), ("元", Unit::Yuan)]
            .into_iter()
            .find(|(p, _)| s.starts_with(p))
            .map(|(_, u)| u)
    }
}

/// What a table cell holds, numerically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue {
    /// Nothing printed: no figure (counts as 0 in sums).
    Blank,
    /// `-`, `—`, `/`, `－`: printed "none", i.e. zero.
    Dash,
    Number(Printed),
    Percent(Printed),
    /// Some other text.
    Text,
}

/// Map full-width digits and punctuation used in numbers to ASCII.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '％' => '%',
            '＋' => '+',
            _ => c,
        })
        .collect()
}

/// Parse a whole cell or token as a printed number: optional sign, digits with optional
/// thousands commas, optional decimals, optional `%`. Returns the number and whether it
/// carried a percent sign. Rejects anything else (codes are numbers too; callers decide).
/// Longest integer part read as a figure.
const MAX_INTEGER_DIGITS: usize = 16;
/// Longest fraction read as a figure.
const MAX_DECIMALS: usize = 12;

pub fn parse_number(raw: &str) -> Option<(Printed, bool)> {
    let s = ascii_digits(raw.trim());
    let s = s.trim();
    let (s, percent) = match s.strip_suffix('%') {
        Some(r) => (r.trim_end(), true),
        None => (s, false),
    };
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if body.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() || !int_part.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if int_part.starts_with(',') || int_part.ends_with(',') || int_part.contains(",,") {
        return None;
    }
    // Thousands groups, when present, must be of three digits.
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    if let Some(f) = frac_part {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let digits: String = int_part.chars().filter(|c| *c != ',').collect();
    let text = match frac_part {
        Some(f) => format!("{}{}.{}", if neg { "-" } else { "" }, digits, f),
        None => format!("{}{}", if neg { "-" } else { "" }, digits),
    };
    // No disclosure prints more than 16 integer digits (a national budget in 元 has 14) or
    // more than 12 decimals; longer runs are identifiers or garbage, and admitting them would
    // let unit conversions and sums overflow rust_decimal's 28 digits.
    if digits.len() > MAX_INTEGER_DIGITS || frac_part.map_or(0, str::len) > MAX_DECIMALS {
        return None;
    }
    let value = Decimal::from_str(&text).ok()?;
    let decimals = frac_part.map_or(0, |f| f.len() as u32);
    Some((Printed { value, decimals }, percent))
}

/// Classify a table cell's text.
pub fn cell_value(text: &str) -> CellValue {
    let t = text.trim();
    if t.is_empty() {
        return CellValue::Blank;
    }
    if matches!(t, "-" | "—" | "－" | "/" | "／" | "——" | "--" | "－－" | "―") {
        return CellValue::Dash;
    }
    match parse_number(t) {
        Some((p, false)) => CellValue::Number(p),
        Some((p, true)) => CellValue::Percent(p),
        None => CellValue::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Printed {
        match cell_value(s) {
            CellValue::Number(p) => p,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn overlong_digit_runs_are_not_figures() {
        assert_eq!(num("9999999999999999").value, Decimal::from_str("9999999999999999").unwrap());
        assert_eq!(cell_value("99999999999999999"), CellValue::Text);
        assert_eq!(cell_value("0.0000000000001"), CellValue::Text);
        assert_eq!(num("0.000000000001").decimals, 12);
    }

    #[test]
    fn printed_forms() {
        assert_eq!(num("1,246.27").value, Decimal::from_str("1246.27").unwrap());
        assert_eq!(num("1,246.27").decimals, 2);
        assert_eq!(num("12,462,702.17").decimals, 2);
        assert_eq!(num("0.00").decimals, 2);
        assert_eq!(num("140").decimals, 0);
        assert_eq!(num("-3.5").value, Decimal::from_str("-3.5").unwrap());
        assert_eq!(num("１２３．４０").decimals, 2);
        assert!(matches!(cell_value("63%"), CellValue::Percent(_)));
        assert!(matches!(cell_value("６３％"), CellValue::Percent(_)));
        assert_eq!(cell_value("—"), CellValue::Dash);
        assert_eq!(cell_value(""), CellValue::Blank);
        assert_eq!(cell_value("1,24.5"), CellValue::Text);
        assert_eq!(cell_value("合计"), CellValue::Text);
        assert_eq!(cell_value("1.2.3"), CellValue::Text);
    }
}
