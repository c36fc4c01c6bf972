//! What XLSX and XLS readers share: how a cell's number is printed from its number format
//! (exactly, as a decimal), and how a sheet's cells become heading, text lines and table rows.

use super::archive::too_large;
use super::rendered::Rendering;
use crate::document::CellRef;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Non-empty cells read per sheet; a disclosure workbook has a few thousand.
pub const MAX_SHEET_CELLS: usize = 300_000;
/// Columns laid out per row (a stray value in column XFD would make every row 16 384 cells).
pub const MAX_COLS: u32 = 256;
/// Sheets read per workbook.
pub const MAX_SHEETS: usize = 256;

/// The parts of an Excel number format that decide how a number is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NumFmt {
    /// Digits after the decimal point; `None` for General (as many as the value has).
    pub decimals: Option<u32>,
    pub thousands: bool,
    pub percent: bool,
    pub date: bool,
}

impl NumFmt {
    /// Parse the first section of a format code (`#,##0.00;[Red]-#,##0.00` → 2 decimals,
    /// thousands separators). Quoted text, `[…]` and escaped characters are not format.
    pub fn parse(code: &str) -> NumFmt {
        if code.eq_ignore_ascii_case("general") || code.is_empty() {
            return NumFmt::default();
        }
        let mut plain = String::new();
        let mut chars = code.chars();
        let mut in_quote = false;
        let mut in_bracket = false;
        while let Some(c) = chars.next() {
            match c {
                '"' => in_quote = !in_quote,
                _ if in_quote => {}
                '[' => in_bracket = true,
                ']' => in_bracket = false,
                _ if in_bracket => {}
                '\\' | '_' | '*' => {
                    chars.next();
                }
                ';' => break,
                _ => plain.push(c),
            }
        }
        let lower = plain.to_ascii_lowercase();
        if lower.contains("general") {
            return NumFmt::default();
        }
        let date = lower.contains(['y', 'd', 'h', 's']) || (lower.contains('m') && !lower.contains('0'));
        let decimals = match plain.find('.') {
            Some(p) => plain[p + 1..].chars().take_while(|c| matches!(c, '0' | '#' | '?')).count() as u32,
            None => 0,
        };
        let int_part = plain.split('.').next().unwrap_or("");
        NumFmt { decimals: Some(decimals), thousands: int_part.contains(','), percent: plain.contains('%'), date }
    }

    /// Excel's built-in formats that matter for figures (ids below 164 are not in the file).
    pub fn builtin(id: u32) -> NumFmt {
        let code = match id {
            1 => "0",
            2 => "0.00",
            3 => "#,##0",
            4 => "#,##0.00",
            9 => "0%",
            10 => "0.00%",
            11 => "0.00E+00",
            14..=22 | 45..=47 => "yyyy-mm-dd",
            37 | 38 => "#,##0",
            39 | 40 => "#,##0.00",
            _ => "General",
        };
        NumFmt::parse(code)
    }
}

/// Print a number the way the cell shows it. `raw` is the exact decimal text stored in the
/// file (XLSX `<v>`, or the shortest round-trip text of an XLS double). Never goes through a
/// float: the value is parsed as a decimal and rounded half away from zero like Excel.
pub fn display_number(raw: &str, fmt: NumFmt) -> String {
    let raw = raw.trim();
    let Some(mut d) = Decimal::from_str(raw).ok().or_else(|| Decimal::from_scientific(raw).ok()) else {
        return raw.to_owned();
    };
    if fmt.date {
        if let Some(s) = serial_date(d) {
            return s;
        }
    }
    if fmt.percent {
        match d.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => d = p,
            None => return raw.to_owned(),
        }
    }
    let body = match fmt.decimals {
        Some(n) => {
            let n = n.min(20);
            let mut r = d.round_dp_with_strategy(n, RoundingStrategy::MidpointAwayFromZero);
            r.rescale(n);
            r.to_string()
        }
        // General: Excel keeps 15 significant digits; more are binary noise of the double
        // (`0.30000000000000004`).
        None => round_significant(d, 15).normalize().to_string(),
    };
    let body = if fmt.thousands { group_thousands(&body) } else { body };
    if fmt.percent {
        body + "%"
    } else {
        body
    }
}

fn round_significant(d: Decimal, digits: u32) -> Decimal {
    if d.is_zero() {
        return d;
    }
    let int_digits = d.abs().trunc().to_string().trim_start_matches('0').len() as i64;
    let scale = if int_digits > 0 {
        digits as i64 - int_digits
    } else {
        // 0.000123: leading zeros after the point do not count.
        let frac = d.abs().fract().to_string();
        let zeros = frac.trim_start_matches("0.").chars().take_while(|c| *c == '0').count() as i64;
        digits as i64 + zeros
    };
    if scale < 0 {
        d
    } else {
        d.round_dp_with_strategy(scale.min(28) as u32, RoundingStrategy::MidpointAwayFromZero)
    }
}

fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Excel serial day (1900 system, with its phantom 1900-02-29) → `yyyy-mm-dd`.
fn serial_date(d: Decimal) -> Option<String> {
    let days: i64 = d.trunc().to_string().parse().ok()?;
    if !(1..=2_958_465).contains(&days) {
        return None;
    }
    // Days since 1970-01-01; serial 25569 is 1970-01-01.
    let z = days - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The cells of one sheet as printed, keyed by 1-based (row, column).
#[derive(Default)]
pub struct SheetCells {
    pub name: String,
    pub cells: BTreeMap<(u32, u32), String>,
    /// Set when the sheet had more cells than `MAX_SHEET_CELLS`.
    pub truncated: bool,
}

impl SheetCells {
    /// Add a cell; returns `false` once the sheet is full.
    pub fn put(&mut self, row: u32, col: u32, text: String) -> bool {
        if text.trim().is_empty() {
            return true;
        }
        if self.cells.len() >= MAX_SHEET_CELLS {
            self.truncated = true;
            return false;
        }
        self.cells.insert((row, col), text);
        true
    }
}

/// A sheet is a section: its name as a heading, then its used range. Rows are table rows;
/// single-value or `label：value` rows above the first and below the last table row (title,
/// unit line, notes) are text, so captions are found as in any document; two or more empty
/// rows end a table.
pub fn render(out: &mut Rendering, grid: u16, sheet: &SheetCells) {
    out.push_text(&format!("# {}", sheet.name.replace('\n', " ")), None);
    out.push_break(None);
    if sheet.truncated {
        out.issues.push(too_large(
            format!("工作表“{}”的单元格超过 {MAX_SHEET_CELLS} 个，后面的单元格未读取", sheet.name),
            format!("sheet “{}” has more than {MAX_SHEET_CELLS} cells; the rest were not read", sheet.name),
        ));
    }
    let Some(min_col) = sheet.cells.keys().map(|k| k.1).min() else { return };
    let mut max_col = sheet.cells.keys().map(|k| k.1).max().unwrap_or(min_col);
    if max_col - min_col >= MAX_COLS {
        max_col = min_col + MAX_COLS - 1;
        out.issues.push(too_large(
            format!("工作表“{}”超过 {MAX_COLS} 列，右侧的列未读取", sheet.name),
            format!("sheet “{}” is wider than {MAX_COLS} columns; columns to the right were not read", sheet.name),
        ));
    }
    let mut rows: BTreeMap<u32, Vec<(u32, &str)>> = BTreeMap::new();
    for (&(r, c), t) in &sheet.cells {
        if c <= max_col {
            rows.entry(r).or_default().push((c, t.as_str()));
        }
    }
    // Caption-like rows (`编制单位：…  单位：元`) are text wherever they are outside the table.
    let caption_like = |cs: &[(u32, &str)]| cs.iter().all(|(_, t)| t.contains(['：', ':']));
    let multi: Vec<u32> = rows.iter().filter(|(_, cs)| cs.len() > 1 && !caption_like(cs)).map(|(r, _)| *r).collect();
    let (first, last) = (multi.first().copied().unwrap_or(u32::MAX), multi.last().copied().unwrap_or(0));
    let mut prev: Option<u32> = None;
    for (&r, cs) in &rows {
        // One empty row inside a table is layout; two or more separate tables.
        if prev.is_some_and(|p| r > p.saturating_add(2)) {
            out.push_break(None);
        }
        prev = Some(r);
        if (cs.len() == 1 || caption_like(cs)) && (r < first || r > last) {
            let text: Vec<&str> = cs.iter().map(|(_, t)| *t).collect();
            out.push_break(None);
            out.push_text(&text.join("  "), None);
            out.push_break(None);
            continue;
        }
        let mut cells: Vec<(String, Option<CellRef>)> = Vec::with_capacity((max_col - min_col + 1) as usize);
        for col in min_col..=max_col {
            let text = cs.iter().find(|(c, _)| *c == col).map_or("", |(_, t)| *t);
            let r_ref = (!text.is_empty()).then_some(CellRef { grid, row: r, col });
            cells.push((text.to_owned(), r_ref));
        }
        out.push_row(&cells, None);
    }
    out.push_break(None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_the_cell() {
        let two = NumFmt::parse("#,##0.00;[Red]-#,##0.00");
        assert_eq!(display_number("1246.27", two), "1,246.27");
        assert_eq!(display_number("0.1", two), "0.10");
        assert_eq!(display_number("1246.2700000000001", two), "1,246.27");
        assert_eq!(display_number("-1234567.005", two), "-1,234,567.01");
        assert_eq!(display_number("0.30000000000000004", NumFmt::default()), "0.3");
        assert_eq!(display_number("1147.09", NumFmt::default()), "1147.09");
        assert_eq!(display_number("0.125", NumFmt::parse("0.00%")), "12.50%");
        assert_eq!(display_number("1.5E-3", NumFmt::builtin(2)), "0.00");
        assert_eq!(display_number("45000", NumFmt::builtin(14)), "2023-03-15");
        assert_eq!(display_number("abc", two), "abc");
        // Out of decimal range: printed as stored, never a panic.
        let huge = "79228162514264337593543950335";
        assert_eq!(display_number(huge, NumFmt::parse("0.00%")), huge);
        assert_eq!(display_number("1E+300", two), "1E+300");
        assert_eq!(NumFmt::parse("\"¥\"#,##0.0_);(#,##0.0)").decimals, Some(1));
    }
}
