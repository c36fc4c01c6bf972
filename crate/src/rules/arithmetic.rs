//! The one place where a printed total is compared with its printed parts. Every sum rule
//! goes through `check_sum`, so all of them treat rounding, truncation, blanks and dashes
//! the same way (domain.md §2).

use crate::finding::Severity;
use crate::interval::{Interval, Rounding};
use crate::text::number::{CellValue, Printed};
use rust_decimal::Decimal;

/// One printed figure taking part in a sum.
#[derive(Debug, Clone, Copy)]
pub struct Term<'a> {
    pub value: CellValue,
    /// The text as printed, for messages.
    pub text: &'a str,
}

impl Term<'_> {
    fn printed(&self) -> Option<Printed> {
        match self.value {
            CellValue::Number(p) => Some(p),
            _ => None,
        }
    }

    /// Blank and dash cells count as an exact zero.
    fn interval(&self, rounding: Rounding) -> Interval {
        self.printed().map_or(Interval::zero(), |p| p.interval(rounding))
    }

    pub fn is_blank(&self) -> bool {
        matches!(self.value, CellValue::Blank | CellValue::Dash) || self.printed().is_some_and(|p| p.value.is_zero())
    }

    /// Only numbers, blanks and dashes can take part in a sum.
    pub fn is_summable(&self) -> bool {
        matches!(self.value, CellValue::Number(_) | CellValue::Blank | CellValue::Dash)
    }
}

#[derive(Debug, Clone)]
pub struct Mismatch {
    pub severity: Severity,
    /// The parts' sum as a point value, printed to the precision of the figures.
    pub expected: String,
    /// The total as printed (`空` when blank).
    pub actual: String,
    /// `52.10 + 16.30`
    pub expression: String,
    /// Why the severity is lower than error, if it is.
    pub note_zh: Option<&'static str>,
    pub note_en: Option<&'static str>,
}

/// Is the printed `total` consistent with the printed `parts`?
pub fn check_sum(rounding: Rounding, total: Term, parts: &[Term]) -> Option<Mismatch> {
    if !total.is_summable() || parts.iter().any(|p| !p.is_summable()) {
        return None;
    }
    let sum = Interval::sum(parts.iter().map(|p| p.interval(Rounding::Round)));
    if total.interval(Rounding::Round).overlaps(&sum) {
        return None;
    }
    let lenient_sum = Interval::sum(parts.iter().map(|p| p.interval(Rounding::RoundOrTruncate)));
    let truncation_explains = total.interval(Rounding::RoundOrTruncate).overlaps(&lenient_sum);
    if truncation_explains && rounding == Rounding::RoundOrTruncate {
        return None;
    }
    let (mut severity, mut note_zh, mut note_en) = (Severity::Error, None, None);
    if truncation_explains {
        severity = Severity::Info;
        note_zh = Some("仅在截尾（非四舍五入）取数时才能解释该差异");
        note_en = Some("only truncation instead of rounding explains the difference");
    } else if matches!(total.value, CellValue::Blank) {
        severity = Severity::Warning;
        note_zh = Some("合计栏为空");
        note_en = Some("the total cell is blank");
    } else if parts.iter().all(|p| matches!(p.value, CellValue::Blank)) {
        severity = Severity::Warning;
        note_zh = Some("各组成栏均为空");
        note_en = Some("all parts are blank");
    }
    let decimals =
        parts.iter().chain(std::iter::once(&total)).filter_map(|t| t.printed().map(|p| p.decimals)).max().unwrap_or(0);
    let point: Decimal = parts.iter().filter_map(|p| p.printed()).map(|p| p.value).sum();
    Some(Mismatch {
        severity,
        expected: format_decimal(point, decimals),
        actual: if matches!(total.value, CellValue::Blank) { "空".to_owned() } else { total.text.trim().to_owned() },
        expression: expression(parts),
        note_zh,
        note_en,
    })
}

/// `a + b + c`, skipping blank parts; long lists are shortened.
pub fn expression(parts: &[Term]) -> String {
    let shown: Vec<&str> = parts.iter().filter(|p| !p.is_blank()).map(|p| p.text.trim()).collect();
    if shown.is_empty() {
        return "0".to_owned();
    }
    if shown.len() <= 8 {
        shown.join(" + ")
    } else {
        format!("{} + … 共{}项", shown[..6].join(" + "), shown.len())
    }
}

/// A percentage printed with `decimals` places: `12.50%`.
pub fn format_percent(v: Decimal, decimals: u32) -> String {
    format!("{}%", format_decimal(v, decimals))
}

/// A decimal printed with exactly `decimals` places and thousands separators.
pub fn format_decimal(v: Decimal, decimals: u32) -> String {
    let r = v.round_dp(decimals);
    let s = format!("{:.*}", decimals as usize, r);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::number::cell_value;

    fn t(s: &str) -> Term<'_> {
        Term { value: cell_value(s), text: s }
    }

    #[test]
    fn rounding_never_errors() {
        assert!(check_sum(Rounding::Round, t("318.26"), &[t("100.09"), t("100.09"), t("118.09")]).is_none());
        assert!(check_sum(Rounding::Round, t("3.02"), &[t("1.00"), t("1.00"), t("1.00")]).is_none());
    }

    #[test]
    fn real_difference_is_an_error_with_numbers() {
        let m = check_sum(Rounding::Round, t("86.40"), &[t("52.10"), t("16.30")]).unwrap();
        assert_eq!(m.severity, Severity::Error);
        assert_eq!(m.expected, "68.40");
        assert_eq!(m.expression, "52.10 + 16.30");
        let m = check_sum(Rounding::Round, t("3.05"), &[t("1.00"), t("1.00"), t("1.00")]).unwrap();
        assert_eq!(m.severity, Severity::Error);
    }

    #[test]
    fn truncation_only_is_info() {
        // 1.009 + 1.009 truncated to 1.00 + 1.00, total 2.018 printed as 2.02: rounding
        // admits at most 2.00 ± 0.015, truncation explains it.
        let m = check_sum(Rounding::Round, t("2.02"), &[t("1.00"), t("1.00")]).unwrap();
        assert_eq!(m.severity, Severity::Info);
        assert!(check_sum(Rounding::RoundOrTruncate, t("2.02"), &[t("1.00"), t("1.00")]).is_none());
        assert_eq!(check_sum(Rounding::Round, t("2.05"), &[t("1.00"), t("1.00")]).unwrap().severity, Severity::Error);
    }

    #[test]
    fn blanks_and_dashes_are_zero() {
        assert!(check_sum(Rounding::Round, t("1.00"), &[t("1.00"), t(""), t("—")]).is_none());
        let m = check_sum(Rounding::Round, t(""), &[t("1.00")]).unwrap();
        assert_eq!(m.severity, Severity::Warning);
        assert!(check_sum(Rounding::Round, t("合计"), &[t("1.00")]).is_none());
    }

    #[test]
    fn formatting() {
        assert_eq!(format_decimal(Decimal::new(1246270217, 2), 2), "12,462,702.17");
        assert_eq!(format_decimal(Decimal::new(-5, 1), 2), "-0.50");
        assert_eq!(format_decimal(Decimal::new(140, 0), 0), "140");
    }
}
