//! `<table>` fragments embedded in pasted text (converters and Word keep some tables as
//! HTML). A small, forgiving scanner: it only needs rows, cells, `colspan`/`rowspan`,
//! `<br>` and entities, and it must keep the input line of every cell for provenance.

use crate::document::{RawCell, RawRow, RawTable, Span, TableForm};

/// Limits that keep hostile input bounded.
const MAX_CELLS: usize = 200_000;
const MAX_SPAN: usize = 200;

struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
}

/// The next `>` at or after a position, searched once per `>`: scanning from every `<`
/// would be quadratic on text full of `<`.
#[derive(Default)]
pub(crate) struct NextGt {
    at: Option<usize>,
    none_left: bool,
}

impl NextGt {
    pub(crate) fn find(&mut self, s: &str, from: usize) -> Option<usize> {
        if let Some(a) = self.at.filter(|a| *a >= from) {
            return Some(a);
        }
        if self.none_left {
            return None;
        }
        match s.get(from..).and_then(|r| r.find('>')) {
            Some(p) => self.at = Some(from + p),
            None => self.none_left = true,
        }
        self.at.filter(|a| *a >= from)
    }
}

/// The tag starting at `html[i]` (a `<`), given the position of the next `>`.
fn parse_tag<'a>(html: &'a str, i: usize, gt: &mut NextGt) -> Option<(Tag<'a>, usize)> {
    let end = gt.find(html, i)? - i;
    let s = &html[i..];
    let inner = &s[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name_len = inner.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(inner.len());
    let name = inner[..name_len].to_ascii_lowercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '!' || c == '-') {
        return None;
    }
    Some((Tag { name, closing, attrs: &inner[name_len..] }, end + 1))
}

fn attr_number(attrs: &str, key: &str) -> Option<usize> {
    let lower = attrs.to_ascii_lowercase();
    let pos = lower.find(key)?;
    let rest = lower[pos + key.len()..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Decode the HTML entities that occur in office and portal output.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = super::head(rest, 12).find(';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "nbsp" | "ensp" | "emsp" => ' ',
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "ldquo" => '“',
                "rdquo" => '”',
                "mdash" => '—',
                "ndash" => '–',
                "middot" => '·',
                "lsquo" => '‘',
                "rsquo" => '’',
                "hellip" => '…',
                "times" => '×',
                "divide" => '÷',
                "yen" => '¥',
                "permil" => '‰',
                "deg" => '°',
                "plusmn" => '±',
                "le" => '≤',
                "ge" => '≥',
                "bull" => '•',
                "copy" => '©',
                _ => {
                    let n = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        ent.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    n.and_then(char::from_u32)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parse every top-level `<table>` in `html`; `first_line` is the input line `html` starts on.
pub fn parse_tables(html: &str, first_line: u32) -> Vec<RawTable> {
    let mut tables = Vec::new();
    let mut depth = 0usize;
    let mut rows: Vec<PendingRow> = Vec::new();
    let mut cell: Option<PendingCell> = None;
    let mut row: Option<PendingRow> = None;
    let mut line = first_line;
    let mut start_line = first_line;
    let mut i = 0;
    let bytes = html.as_bytes();
    let mut cells_seen = 0usize;
    let mut gt = NextGt::default();
    while i < html.len() {
        let b = bytes[i];
        if b == b'<' {
            if let Some((tag, len)) = parse_tag(html, i, &mut gt) {
                line += html[i..i + len].matches('\n').count() as u32;
                i += len;
                match (tag.name.as_str(), tag.closing) {
                    ("table", false) => {
                        depth += 1;
                        if depth == 1 {
                            rows.clear();
                            start_line = line;
                        }
                    }
                    ("table", true) if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            finish_cell(&mut cell, &mut row);
                            finish_row(&mut row, &mut rows);
                            if !rows.is_empty() {
                                tables.push(grid(std::mem::take(&mut rows), start_line, line));
                            }
                        }
                    }
                    ("tr", false) if depth == 1 => {
                        finish_cell(&mut cell, &mut row);
                        finish_row(&mut row, &mut rows);
                        row = Some((Vec::new(), line));
                    }
                    ("tr", true) if depth == 1 => {
                        finish_cell(&mut cell, &mut row);
                        finish_row(&mut row, &mut rows);
                    }
                    ("td" | "th", false) if depth == 1 => {
                        finish_cell(&mut cell, &mut row);
                        if row.is_none() {
                            row = Some((Vec::new(), line));
                        }
                        cells_seen += 1;
                        if cells_seen > MAX_CELLS {
                            break;
                        }
                        let cs = attr_number(tag.attrs, "colspan").unwrap_or(1).clamp(1, MAX_SPAN);
                        let rs = attr_number(tag.attrs, "rowspan").unwrap_or(1).clamp(1, MAX_SPAN);
                        cell = Some((String::new(), cs, rs, line));
                    }
                    ("td" | "th", true) if depth == 1 => finish_cell(&mut cell, &mut row),
                    ("br" | "p" | "div", _) => {
                        if let Some(c) = cell.as_mut() {
                            if !c.0.is_empty() && !c.0.ends_with(' ') {
                                c.0.push(' ');
                            }
                        }
                    }
                    _ => {}
                }
                continue;
            }
        }
        let next = html[i..].find('<').map_or(html.len(), |n| i + n.max(1));
        let text = &html[i..next];
        line += text.matches('\n').count() as u32;
        if let Some(c) = cell.as_mut() {
            c.0.push_str(text);
        }
        i = next;
    }
    if depth > 0 {
        finish_cell(&mut cell, &mut row);
        finish_row(&mut row, &mut rows);
        if !rows.is_empty() {
            tables.push(grid(rows, start_line, line));
        }
    }
    tables
}

/// Text, colspan, rowspan, input line.
type PendingCell = (String, usize, usize, u32);
type PendingRow = (Vec<PendingCell>, u32);

fn finish_cell(cell: &mut Option<PendingCell>, row: &mut Option<PendingRow>) {
    if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
        r.0.push(c);
    }
}

fn finish_row(row: &mut Option<PendingRow>, rows: &mut Vec<PendingRow>) {
    if let Some(r) = row.take() {
        rows.push(r);
    }
}

/// Lay the cells out on a grid, expanding `colspan`/`rowspan`: the text goes in the first
/// position and the positions it covers stay empty, the way flattened text tables look.
fn grid(rows: Vec<PendingRow>, start_line: u32, end_line: u32) -> RawTable {
    let mut occupied: Vec<Vec<bool>> = Vec::new();
    let mut out: Vec<RawRow> = Vec::new();
    for (r, (cells, row_line)) in rows.into_iter().enumerate() {
        if occupied.len() <= r {
            occupied.resize(r + 1, Vec::new());
        }
        let mut raw = Vec::new();
        let mut col = 0usize;
        let place = |raw: &mut Vec<RawCell>, col: usize, text: String, line: u32| {
            while raw.len() <= col {
                raw.push(RawCell { text: String::new(), span: Span::line(line) });
            }
            raw[col] = RawCell { text, span: Span::line(line) };
        };
        for (text, cs, rs, line) in cells {
            while occupied[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let clean = normalise_space(&decode_entities(&text));
            place(&mut raw, col, clean, line);
            for dr in 0..rs {
                if occupied.len() <= r + dr {
                    occupied.resize(r + dr + 1, Vec::new());
                }
                let occ = &mut occupied[r + dr];
                if occ.len() < col + cs {
                    occ.resize(col + cs, false);
                }
                for o in occ.iter_mut().skip(col).take(cs) {
                    *o = true;
                }
            }
            for extra in 1..cs {
                place(&mut raw, col + extra, String::new(), line);
            }
            col += cs;
        }
        let width = occupied[r].len().max(raw.len());
        while raw.len() < width {
            raw.push(RawCell { text: String::new(), span: Span::line(row_line) });
        }
        let span = raw.iter().fold(Span::line(row_line), |s, c| s.join(c.span));
        out.push(RawRow { cells: raw, span });
    }
    RawTable { rows: out, form: TableForm::Html, span: Span::lines(start_line, end_line) }
}

fn normalise_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_entities() {
        let html = "<table>\n<tr><td rowspan=\"2\">项目</td><td colspan=2>本年支出</td></tr>\n<tr><td>基本&nbsp;支出</td><td>项目<br>支出</td></tr>\n<tr><td>合计</td><td>1.00</td><td>2.00</td></tr></table>";
        let t = parse_tables(html, 10);
        assert_eq!(t.len(), 1);
        let rows: Vec<Vec<&str>> = t[0].rows.iter().map(|r| r.texts().collect()).collect();
        assert_eq!(rows[0], vec!["项目", "本年支出", ""]);
        assert_eq!(rows[1], vec!["", "基本 支出", "项目 支出"]);
        assert_eq!(rows[2], vec!["合计", "1.00", "2.00"]);
        assert_eq!(t[0].rows[2].span.line, 13);
    }

    #[test]
    fn unclosed_and_hostile() {
        let t = parse_tables("<table><tr><td colspan=99999>x<td>y", 1);
        assert_eq!(t.len(), 1);
        assert!(t[0].rows[0].cells.len() <= MAX_SPAN + 1);
        // Must not panic on broken markup.
        let _ = parse_tables("<<<>>> <table <tr", 1);
    }
}
