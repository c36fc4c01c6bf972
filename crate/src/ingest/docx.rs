//! Word documents (DOCX): `word/document.xml` walked in order. Paragraphs become lines
//! (headings — by outline level or a "Heading N"/"标题 N" style — get Markdown `#` marks so the
//! text reader sees their level; automatic numbering is rendered as Word would print it),
//! tables become tab-separated rows with every cell's source (`表格N!B3`). Merged cells are
//! laid out like the other readers do: the text in the first grid position, the positions it
//! covers (`gridSpan`, `vMerge` continuation, `gridBefore`) left empty.

use super::archive::{self, attr, local, Archive, Ev};
use super::rendered::Rendering;
use crate::document::{CellRef, Document, ReadIssue};
use std::collections::HashMap;

/// Rows of one table and cells of one row beyond these are not read.
const MAX_TABLE_CELLS: usize = 200_000;
/// A `gridSpan` wider than this is damage, not layout.
const MAX_GRID_SPAN: usize = 64;

pub fn read(bytes: &[u8]) -> Document {
    let mut out = Rendering::new("DOCX");
    let mut ar = match Archive::open(bytes, "Word (DOCX)") {
        Ok(a) => a,
        Err(issue) => {
            out.issues.push(issue);
            return out.into_document();
        }
    };
    let mut issues = Vec::new();
    let styles = ar.part("word/styles.xml").map(|x| Styles::parse(&x, &mut issues)).unwrap_or_default();
    let numbering = ar.part("word/numbering.xml").map(|x| Numbering::parse(&x, &mut issues)).unwrap_or_default();
    match ar.part("word/document.xml") {
        Some(xml) => Body::new(&mut out, &styles, numbering).walk(&xml, &mut issues),
        None => issues.push(archive::unreadable(
            "文件中没有 word/document.xml，不是完整的 Word 文档，无法读取正文".into(),
            "the package has no word/document.xml; it is not a complete Word document".into(),
        )),
    }
    out.issues.extend(ar.issues);
    out.issues.extend(issues);
    out.into_document()
}

// ------------------------------------------------------------------ styles

#[derive(Default, Clone)]
struct Style {
    outline: Option<u8>,
    num: Option<(String, usize)>,
    based_on: Option<String>,
}

#[derive(Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn parse(xml: &str, issues: &mut Vec<ReadIssue>) -> Self {
        let mut by_id = HashMap::new();
        let mut cur: Option<(String, Style)> = None;
        let mut num_id: Option<String> = None;
        let mut ilvl = 0usize;
        archive::walk(xml, "word/styles.xml", issues, |ev| {
            match ev {
                Ev::Start(e) => match local(e.name().as_ref()) {
                    b"style" => cur = attr(e, b"styleId").map(|id| (id, Style::default())),
                    b"name" => {
                        if let (Some((_, s)), Some(n)) = (cur.as_mut(), attr(e, b"val")) {
                            if s.outline.is_none() {
                                s.outline = heading_level_from_name(&n);
                            }
                        }
                    }
                    b"basedOn" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.based_on = attr(e, b"val");
                        }
                    }
                    b"outlineLvl" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.outline = attr(e, b"val").and_then(|v| v.parse().ok()).filter(|l: &u8| *l < 9);
                        }
                    }
                    b"numId" => num_id = attr(e, b"val"),
                    b"ilvl" => ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    _ => {}
                },
                Ev::End(b"numPr") => {
                    if let (Some((_, s)), Some(n)) = (cur.as_mut(), num_id.take()) {
                        s.num = Some((n, ilvl));
                    }
                    ilvl = 0;
                }
                Ev::End(b"style") => {
                    if let Some((id, s)) = cur.take() {
                        by_id.insert(id, s);
                    }
                }
                _ => {}
            }
            true
        });
        Styles { by_id }
    }

    /// Outline level and numbering of a style, following `basedOn` a bounded number of steps.
    fn resolve(&self, id: &str) -> Style {
        let mut out = Style::default();
        let mut cur = self.by_id.get(id);
        for _ in 0..16 {
            let Some(s) = cur else { break };
            out.outline = out.outline.or(s.outline);
            if out.num.is_none() {
                out.num.clone_from(&s.num);
            }
            cur = s.based_on.as_deref().and_then(|b| self.by_id.get(b));
        }
        out
    }
}

/// `heading 2` / `Heading 2` / `标题 2` → outline level 1 (0-based).
fn heading_level_from_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

// ------------------------------------------------------------------ numbering

#[derive(Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

#[derive(Default)]
struct Numbering {
    /// abstractNumId → levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Counters per abstract list: Word continues a list across `w:num`s that share it.
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn parse(xml: &str, issues: &mut Vec<ReadIssue>) -> Self {
        let mut n = Numbering::default();
        let mut abs: Option<(String, Vec<Level>)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
        let mut override_lvl = 0usize;
        archive::walk(xml, "word/numbering.xml", issues, |ev| {
            match ev {
                Ev::Start(e) => match local(e.name().as_ref()) {
                    b"abstractNum" => abs = attr(e, b"abstractNumId").map(|id| (id, Vec::new())),
                    b"lvl" if abs.is_some() => {
                        let i = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0usize);
                        lvl = Some((i.min(8), Level { start: 1, ..Default::default() }));
                    }
                    b"start" => {
                        if let Some((_, l)) = lvl.as_mut() {
                            l.start = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    b"numFmt" => {
                        if let Some((_, l)) = lvl.as_mut() {
                            l.fmt = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"lvlText" => {
                        if let Some((_, l)) = lvl.as_mut() {
                            l.text = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"num" => num = attr(e, b"numId").map(|id| (id, String::new(), HashMap::new())),
                    b"abstractNumId" => {
                        if let Some(nm) = num.as_mut() {
                            nm.1 = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"lvlOverride" => override_lvl = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                    b"startOverride" => {
                        if let (Some(nm), Some(v)) = (num.as_mut(), attr(e, b"val").and_then(|v| v.parse().ok())) {
                            nm.2.insert(override_lvl, v);
                        }
                    }
                    _ => {}
                },
                Ev::End(b"lvl") => {
                    if let (Some((_, levels)), Some((i, l))) = (abs.as_mut(), lvl.take()) {
                        if levels.len() <= i {
                            levels.resize(i + 1, Level::default());
                        }
                        levels[i] = l;
                    }
                }
                Ev::End(b"abstractNum") => {
                    if let Some((id, levels)) = abs.take() {
                        n.abstracts.insert(id, levels);
                    }
                }
                Ev::End(b"num") => {
                    if let Some((id, a, o)) = num.take() {
                        n.nums.insert(id, (a, o));
                    }
                }
                _ => {}
            }
            true
        });
        n
    }

    /// The label Word prints for the next paragraph of list `num_id` at level `ilvl`.
    fn next_label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abs_id, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs_id)?;
        let ilvl = ilvl.min(8);
        let level = levels.get(ilvl)?;
        let starts: Vec<u32> =
            (0..9).map(|i| overrides.get(&i).copied().or(levels.get(i).map(|l| l.start)).unwrap_or(1)).collect();
        let counters = self.counters.entry(abs_id.clone()).or_insert_with(|| {
            let mut c = [0u32; 9];
            for (i, v) in c.iter_mut().enumerate() {
                *v = starts[i].saturating_sub(1);
            }
            c
        });
        counters[ilvl] = counters[ilvl].saturating_add(1);
        for (i, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            *c = starts[i].saturating_sub(1);
        }
        if level.fmt == "bullet" || level.fmt == "none" {
            return Some(if level.fmt == "bullet" { "- ".into() } else { String::new() });
        }
        let mut label = level.text.clone();
        for (i, l) in levels.iter().enumerate().take(ilvl + 1) {
            let placeholder = format!("%{}", i + 1);
            if label.contains(&placeholder) {
                label = label.replace(&placeholder, &format_counter(counters[i], &l.fmt));
            }
        }
        Some(label)
    }
}

/// A list counter in Word's number format `fmt`.
fn format_counter(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting" | "chineseCountingThousand" | "ideographDigital" | "japaneseCounting" => {
            chinese_number(n).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "ideographTraditional" if (1..=10).contains(&n) => {
            "甲乙丙丁戊己庚辛壬癸".chars().nth(n as usize - 1).map_or_else(|| n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" if n >= 1 => {
            let base = if fmt == "lowerLetter" { b'a' } else { b'A' };
            let c = (base + ((n - 1) % 26) as u8) as char;
            std::iter::repeat_n(c, (n as usize - 1) / 26 + 1).collect()
        }
        "lowerRoman" | "upperRoman" if (1..4000).contains(&n) => {
            let r = roman(n);
            if fmt == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (lists longer than that print digits).
fn chinese_number(n: u32) -> Option<String> {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => Some(D[n as usize].to_owned()),
        10..=19 => Some(format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] })),
        20..=99 => Some(format!("{}十{}", D[(n / 10) as usize], if n % 10 == 0 { "" } else { D[(n % 10) as usize] })),
        _ => None,
    }
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

// ------------------------------------------------------------------ body

/// A cell being read: its text and how many grid columns it covers; `None` text for a
/// `vMerge` continuation (covered by the cell above).
struct PendingCell {
    text: String,
    span: usize,
    merged_below: bool,
}

struct TableState {
    number: u16,
    rows: usize,
    cells: usize,
    row: Vec<PendingCell>,
    grid_before: usize,
    cell: Option<PendingCell>,
    truncated: bool,
}

struct Body<'r, 's> {
    out: &'r mut Rendering,
    styles: &'s Styles,
    numbering: Numbering,
    /// Open `w:tbl` elements; only the outermost lays out rows, inner tables' text goes into
    /// the outer cell.
    table_depth: usize,
    table: Option<TableState>,
    tables_seen: u16,
    /// Open `w:p` elements (text boxes nest paragraphs inside runs).
    p_depth: usize,
    para: String,
    p_style: Option<String>,
    p_outline: Option<u8>,
    p_num: (Option<String>, usize),
    /// Inside `w:t` (text) — other elements' text (field codes, deleted text) is not shown.
    in_t: bool,
    /// Inside content Word does not show as such (`mc:Fallback` duplicates, `w:delText`).
    skip_depth: usize,
}

impl<'r, 's> Body<'r, 's> {
    fn new(out: &'r mut Rendering, styles: &'s Styles, numbering: Numbering) -> Self {
        Body {
            out,
            styles,
            numbering,
            table_depth: 0,
            table: None,
            tables_seen: 0,
            p_depth: 0,
            para: String::new(),
            p_style: None,
            p_outline: None,
            p_num: (None, 0),
            in_t: false,
            skip_depth: 0,
        }
    }

    fn walk(mut self, xml: &str, issues: &mut Vec<ReadIssue>) {
        archive::walk(xml, "word/document.xml", issues, |ev| {
            self.event(ev);
            true
        });
        // A truncated part: flush what was open.
        if self.table.is_some() {
            self.end_table();
        }
    }

    fn event(&mut self, ev: Ev) {
        match ev {
            Ev::Start(e) => {
                let qname = e.name();
                let name = local(qname.as_ref());
                if self.skip_depth > 0 {
                    self.skip_depth += 1;
                    return;
                }
                match name {
                    b"Fallback" | b"delText" | b"instrText" => self.skip_depth = 1,
                    b"p" => {
                        self.p_depth += 1;
                        if self.p_depth == 1 {
                            self.para.clear();
                            self.p_style = None;
                            self.p_outline = None;
                            self.p_num = (None, 0);
                        } else {
                            self.para.push(' ');
                        }
                    }
                    b"pStyle" if self.p_depth == 1 => self.p_style = attr(e, b"val"),
                    b"outlineLvl" if self.p_depth == 1 => {
                        self.p_outline = attr(e, b"val").and_then(|v| v.parse().ok()).filter(|l: &u8| *l < 9)
                    }
                    b"numId" if self.p_depth == 1 => self.p_num.0 = attr(e, b"val"),
                    b"ilvl" if self.p_depth == 1 => {
                        self.p_num.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
                    }
                    b"t" => self.in_t = true,
                    b"tab" if self.p_depth > 0 => self.para.push(' '),
                    b"br" | b"cr" if self.p_depth > 0 => {
                        // A line break inside a table cell is a space in the cell; in a
                        // paragraph it starts a new rendered line.
                        self.para.push(if self.table.is_some() { ' ' } else { '\n' })
                    }
                    b"tbl" => {
                        self.table_depth += 1;
                        if self.table_depth == 1 {
                            if !self.para.is_empty() && self.p_depth > 0 {
                                // A table cannot start inside a paragraph; damaged markup.
                                self.para.clear();
                            }
                            self.tables_seen = self.tables_seen.saturating_add(1);
                            self.out.push_break(None);
                            self.table = Some(TableState {
                                number: self.tables_seen,
                                rows: 0,
                                cells: 0,
                                row: Vec::new(),
                                grid_before: 0,
                                cell: None,
                                truncated: false,
                            });
                        }
                    }
                    _ if self.table_depth == 1 => self.table_start(name, e),
                    _ => {}
                }
            }
            Ev::End(name) => {
                if self.skip_depth > 0 {
                    self.skip_depth -= 1;
                    return;
                }
                match name {
                    b"t" => self.in_t = false,
                    b"p" => {
                        self.p_depth = self.p_depth.saturating_sub(1);
                        if self.p_depth == 0 {
                            self.end_paragraph();
                        }
                    }
                    b"tbl" => {
                        if self.table_depth == 1 {
                            self.end_table();
                        }
                        self.table_depth = self.table_depth.saturating_sub(1);
                    }
                    b"tc" if self.table_depth == 1 => {
                        if let Some(t) = self.table.as_mut() {
                            if let Some(c) = t.cell.take() {
                                t.row.push(c);
                            }
                        }
                    }
                    b"tr" if self.table_depth == 1 => self.end_row(),
                    _ => {}
                }
            }
            Ev::Text(s) => {
                if self.in_t && self.skip_depth == 0 {
                    self.para.push_str(s);
                }
            }
        }
    }

    fn table_start(&mut self, name: &[u8], e: &quick_xml::events::BytesStart) {
        let Some(t) = self.table.as_mut() else { return };
        match name {
            b"tr" => {
                t.row.clear();
                t.grid_before = 0;
            }
            b"gridBefore" => {
                t.grid_before = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0).min(MAX_GRID_SPAN)
            }
            b"tc" => t.cell = Some(PendingCell { text: String::new(), span: 1, merged_below: false }),
            b"gridSpan" => {
                if let Some(c) = t.cell.as_mut() {
                    c.span = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, MAX_GRID_SPAN);
                }
            }
            b"vMerge" => {
                if let Some(c) = t.cell.as_mut() {
                    // `w:val="restart"` starts a merge; no value (or `continue`) continues it.
                    c.merged_below = attr(e, b"val").is_none_or(|v| v != "restart");
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.para);
        let style = self.p_style.as_deref().map(|s| self.styles.resolve(s)).unwrap_or_default();
        let outline = self.p_outline.or(style.outline);
        let num = match &self.p_num.0 {
            Some(id) if id != "0" => Some((id.clone(), self.p_num.1)),
            Some(_) => None,
            None => style.num,
        };
        let label = num.and_then(|(id, lvl)| self.numbering.next_label(&id, lvl)).unwrap_or_default();
        if let Some(t) = self.table.as_mut() {
            // A paragraph inside a cell: cell text, paragraphs separated by a space.
            if let Some(c) = t.cell.as_mut() {
                if !c.text.is_empty() {
                    c.text.push(' ');
                }
                c.text.push_str(&label);
                c.text.push_str(text.trim());
            }
            return;
        }
        let body = format!("{label}{}", text.trim());
        if body.trim().is_empty() {
            return;
        }
        let line = match outline {
            Some(l) if !body.contains('\n') => format!("{} {body}", "#".repeat(usize::from(l.min(5)) + 1)),
            _ => body,
        };
        self.out.push_text(&line, None);
        self.out.push_break(None);
    }

    fn end_row(&mut self) {
        let Some(t) = self.table.as_mut() else { return };
        if let Some(c) = t.cell.take() {
            t.row.push(c);
        }
        if t.truncated {
            return;
        }
        t.rows += 1;
        let row_no = t.rows as u32;
        let mut cells: Vec<(String, Option<CellRef>)> = Vec::new();
        for _ in 0..t.grid_before {
            cells.push((String::new(), None));
        }
        for c in std::mem::take(&mut t.row) {
            let col = cells.len() as u32 + 1;
            if c.merged_below {
                cells.push((String::new(), None));
            } else {
                let r = CellRef { grid: t.number, row: row_no, col };
                cells.push((c.text.replace('\n', " "), Some(r)));
            }
            for _ in 1..c.span {
                cells.push((String::new(), None));
            }
        }
        t.cells += cells.len();
        if t.cells > MAX_TABLE_CELLS {
            t.truncated = true;
            self.out.issues.push(archive::too_large(
                format!("Word 表格{} 超过 {MAX_TABLE_CELLS} 个单元格，后面的行未读取", t.number),
                format!(
                    "Word table {} has more than {MAX_TABLE_CELLS} cells; the remaining rows were not read",
                    t.number
                ),
            ));
            return;
        }
        self.out.push_row(&cells, None);
    }

    fn end_table(&mut self) {
        if self.table.take().is_some() {
            self.out.push_break(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_in_chinese_and_roman() {
        assert_eq!(format_counter(1, "chineseCounting"), "一");
        assert_eq!(format_counter(12, "chineseCounting"), "十二");
        assert_eq!(format_counter(30, "chineseCountingThousand"), "三十");
        assert_eq!(format_counter(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_counter(14, "upperRoman"), "XIV");
        assert_eq!(format_counter(27, "lowerLetter"), "aa");
        assert_eq!(heading_level_from_name("heading 2"), Some(1));
        assert_eq!(heading_level_from_name("标题 1"), Some(0));
        assert_eq!(heading_level_from_name("Normal"), None);
    }
}
