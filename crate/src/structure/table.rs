//! From raw grids to understood tables: captions, header rows vs body rows, tables broken
//! by a page break joined, columns given a header path and a kind, panels (the sides of a
//! two-sided table) and row keys (codes, names, outline numbering).

use super::vocab::{self, Kind};
use crate::document::{Block, Document, RawRow, RawTable, Span};
use crate::text::caption::{self, Caption};
use crate::text::norm::{bare_label, key};
use crate::text::number::{cell_value, CellValue, Unit};
use crate::text::numbering::{self, NumberingStyle};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// 0-based position among the document's tables.
    pub index: usize,
    /// What kind of table the catalogue says this is.
    #[serde(skip)]
    pub kind: Option<&'static super::catalog::TableKind>,
    pub title: Option<String>,
    pub label: Option<String>,
    pub unit: Option<Unit>,
    pub department: Option<String>,
    pub notes: Vec<String>,
    #[serde(skip)]
    pub header: Vec<RawRow>,
    #[serde(skip)]
    pub body: Vec<RawRow>,
    pub columns: Vec<Column>,
    #[serde(skip)]
    pub tree: Vec<HeaderNode>,
    #[serde(skip)]
    pub panels: Vec<Panel>,
    pub span: Span,
    /// How many pieces (page-break continuations) were joined into this table.
    pub pieces: u32,
    /// False when the header rows cannot be aligned with the body (a converter dropped
    /// cells): header-based identities are then not checked.
    pub header_reliable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// Row labels: codes, names, line numbers, remarks.
    Label,
    /// Money figures.
    Money,
    /// Numbers that are not money to be added (counts, rates).
    Measure,
    /// Neither recognised by its header nor by its content.
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub index: usize,
    /// Header texts from the outermost group to the column's own header.
    pub path: Vec<String>,
    pub kind: ColumnKind,
    /// Vocabulary role of the column's own header (`basic`, `total`, `code`, …).
    pub role: Option<&'static str>,
    /// A `其中` column: a subset of a sibling, never a part of a sum.
    pub subset: bool,
}

impl Column {
    /// `基本支出/人员经费` style display name; empty header gives `第N列`.
    pub fn name(&self) -> String {
        let parts: Vec<&str> = self.path.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
        if parts.is_empty() {
            format!("第{}列", self.index + 1)
        } else {
            parts.join("/")
        }
    }
}

/// A node of the header tree: a header cell and the columns it spans.
#[derive(Debug, Clone)]
pub struct HeaderNode {
    pub text: String,
    pub key: String,
    /// Columns under this node, in order (leaf: exactly one).
    pub first: usize,
    pub last: usize,
    pub children: Vec<HeaderNode>,
}

impl HeaderNode {
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// One side of a table: label columns followed by value columns.
#[derive(Debug, Clone)]
pub struct Panel {
    pub label_cols: Vec<usize>,
    pub value_cols: Vec<usize>,
    pub lines: Vec<Line>,
}

/// A body row as seen from one panel.
#[derive(Debug, Clone)]
pub struct Line {
    pub row: usize,
    /// Classification code (function, economic or unit code) when the row has one.
    pub code: Option<String>,
    /// A second code column (政府经济分类 beside 部门经济分类).
    pub code2: Option<String>,
    /// The row's name as printed (without its code).
    pub name: String,
    /// Matching key of the name without outline numbering.
    pub name_key: String,
    pub numbering: Option<(NumberingStyle, u32)>,
    /// `其中：…` rows are subsets of the row above.
    pub subset: bool,
    /// The value columns this line's figures are in (its panel's; blocks printed side by
    /// side and fused into one panel keep their own columns).
    pub values: Vec<usize>,
}

impl Line {
    /// How the row is named in messages: `2101501 行政运行` or `本年收入合计`.
    pub fn display(&self) -> String {
        match &self.code {
            Some(c) if !self.name.is_empty() => format!("{c} {}", self.name),
            Some(c) => c.clone(),
            None => self.name.clone(),
        }
    }

    /// `合计`, `总计`, `小计`, or a named total such as `人员经费合计`.
    pub fn is_total(&self) -> bool {
        self.code.is_none()
            && (matches!(self.name_key.as_str(), "合计" | "总计" | "小计")
                || (self.name_key.ends_with("合计") && self.name_key.chars().count() <= 10))
    }
}

impl Table {
    /// How a column is named in messages: its header path, or `第N列` when the header
    /// could not be aligned with the figures.
    pub fn column_name(&self, col: usize) -> String {
        match self.columns.get(col) {
            Some(c) if self.header_reliable => c.name(),
            _ => format!("第{}列", col + 1),
        }
    }

    /// A cell's numeric reading; out-of-range gives `Blank`.
    pub fn value(&self, row: usize, col: usize) -> CellValue {
        self.body.get(row).and_then(|r| r.cells.get(col)).map_or(CellValue::Blank, |c| cell_value(&c.text))
    }

    pub fn cell_text(&self, row: usize, col: usize) -> &str {
        self.body.get(row).and_then(|r| r.cells.get(col)).map_or("", |c| c.text.as_str())
    }

    pub fn cell_span(&self, row: usize, col: usize) -> Span {
        self.body.get(row).map(|r| r.cells.get(col).map_or(r.span, |c| c.span)).unwrap_or(self.span)
    }

    /// How the table is named in messages.
    pub fn display_name(&self) -> String {
        match (&self.title, &self.label) {
            (Some(t), Some(l)) => format!("{t}（{l}）"),
            (Some(t), None) => t.clone(),
            (None, Some(l)) => l.clone(),
            (None, None) => format!("第{}张表", self.index + 1),
        }
    }
}

/// Assemble every table of the document.
pub fn assemble(doc: &Document) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut last_table_block: Option<usize> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let Block::Table(raw) = block else { continue };
        let before_from = last_table_block.map_or(0, |b| b + 1);
        let captions = captions_before(&doc.blocks[before_from..bi]);
        let mut t = build(raw, captions, tables.len());
        t.notes.extend(notes_after(&doc.blocks[bi + 1..]));
        let between_only_captions = last_table_block.is_some_and(|lb| {
            doc.blocks[lb + 1..bi].iter().all(|b| match b {
                Block::Paragraph(p) => !parse_caption_or_note(&p.text).is_empty(),
                _ => false,
            })
        });
        if let Some(prev) = tables.last_mut() {
            if between_only_captions && continues(prev, &t) {
                prev.body.extend(t.body);
                prev.span = prev.span.join(t.span);
                prev.pieces += 1;
                prev.notes.extend(t.notes);
                finish(prev);
                last_table_block = Some(bi);
                continue;
            }
        }
        finish(&mut t);
        tables.push(t);
        last_table_block = Some(bi);
    }
    tables
}

fn parse_caption_or_note(text: &str) -> Vec<Caption> {
    let c = caption::parse_line(text);
    if c.is_empty() && caption::is_title_qualifier(text) {
        return vec![Caption::Title(String::new())];
    }
    c
}

/// Caption lines directly above a table, nearest last.
fn captions_before(blocks: &[Block]) -> Vec<Caption> {
    let mut out = Vec::new();
    let mut qualifier: Option<String> = None;
    for b in blocks.iter().rev().take(8) {
        let text = match b {
            Block::Paragraph(p) => &p.text,
            Block::Heading(h) => {
                // A heading such as `一、收入支出决算总表` names the table when nothing else does.
                let c = caption::parse_line(&h.text);
                if c.iter().any(|c| matches!(c, Caption::Title(_)))
                    && !out.iter().any(|c| matches!(c, Caption::Title(_)))
                {
                    out.extend(c);
                }
                break;
            }
            Block::Table(_) => break,
        };
        if caption::is_title_qualifier(text) {
            qualifier = Some(text.split_whitespace().collect());
            continue;
        }
        let c = caption::parse_line(text);
        if c.is_empty() || c.iter().any(|c| matches!(c, Caption::Note(_))) {
            break;
        }
        for mut item in c {
            if let (Caption::Title(t), Some(q)) = (&mut item, qualifier.take()) {
                t.push_str(&q);
            }
            out.push(item);
        }
    }
    out
}

fn notes_after(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks.iter().take(3) {
        match b {
            Block::Paragraph(p) if caption::parse_line(&p.text).iter().any(|c| matches!(c, Caption::Note(_))) => {
                out.push(p.text.clone())
            }
            _ => break,
        }
    }
    out
}

fn build(raw: &RawTable, mut captions: Vec<Caption>, index: usize) -> Table {
    let mut rows: Vec<RawRow> = raw.rows.clone();
    // Caption rows at the top (title row, `部门：… 公开01表`, unit row) and notes inside.
    let mut top = 0;
    while top < rows.len() {
        let texts: Vec<&str> = rows[top].texts().filter(|t| !t.trim().is_empty()).collect();
        if texts.is_empty() {
            top += 1;
            continue;
        }
        let parsed: Vec<Vec<Caption>> = texts.iter().map(|t| caption::parse_line(t)).collect();
        let all_caption = parsed.iter().all(|p| !p.is_empty()) && (texts.len() <= 3);
        if !all_caption {
            break;
        }
        captions.extend(parsed.into_iter().flatten());
        top += 1;
    }
    rows.drain(..top);
    let mut notes = Vec::new();
    rows.retain(|r| {
        let texts: Vec<&str> = r.texts().filter(|t| !t.trim().is_empty()).collect();
        if texts.len() == 1 && matches!(caption::parse_line(texts[0]).first(), Some(Caption::Note(_))) {
            notes.push(texts[0].to_owned());
            return false;
        }
        true
    });
    let split = header_len(&rows);
    let body = rows.split_off(split);
    let mut t = Table {
        index,
        kind: None,
        title: None,
        label: None,
        unit: None,
        department: None,
        notes,
        header: rows,
        body,
        columns: Vec::new(),
        tree: Vec::new(),
        panels: Vec::new(),
        span: raw.span,
        pieces: 1,
        header_reliable: true,
    };
    for c in captions {
        match c {
            Caption::Title(s) if !s.is_empty() && t.title.is_none() => t.title = Some(s),
            Caption::Label(s) if t.label.is_none() => t.label = Some(s),
            Caption::Unit(u) if t.unit.is_none() => t.unit = Some(u),
            Caption::Department(d) if t.department.is_none() => t.department = Some(d),
            Caption::Note(n) => t.notes.push(n),
            _ => {}
        }
    }
    t
}

/// The words that start a table's body rows.
fn is_total_word(k: &str) -> bool {
    matches!(
        k,
        "合计"
            | "总计"
            | "小计"
            | "本年收入合计"
            | "本年支出合计"
            | "收入总计"
            | "支出总计"
            | "预算数"
            | "决算数"
            | "预算"
            | "决算"
    )
}

pub fn is_code(s: &str) -> bool {
    let s = s.trim();
    (3..=9).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

/// A code at the start of a cell: `208`, `2080501`, `208 社会保障和就业支出`.
pub fn leading_code(s: &str) -> Option<(String, String)> {
    let t = s.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !(3..=9).contains(&digits.len()) {
        return None;
    }
    let rest = t[digits.len()..].trim_start();
    // `2024年预算数` is a year, not a code.
    if rest.starts_with(['.', '、', '．', '%', '年']) || rest.starts_with(|c: char| c.is_ascii_digit() || c == ',') {
        return None;
    }
    Some((digits, rest.to_owned()))
}

/// Column numbering rows (`1 2 3 …`) and `栏次` rows belong to the header.
fn is_column_number_row(r: &RawRow) -> bool {
    let texts: Vec<String> = r.texts().map(key).filter(|t| !t.is_empty()).collect();
    if texts.iter().any(|t| t == "栏次") {
        return true;
    }
    let nums: Vec<u32> = texts.iter().filter_map(|t| t.parse().ok()).collect();
    nums.len() >= 2 && nums.len() == texts.len() && nums.windows(2).all(|w| w[1] == w[0] + 1) && nums[0] <= 2
}

/// Number of leading header rows.
fn header_len(rows: &[RawRow]) -> usize {
    let mut last_numbering_row = None;
    for (i, r) in rows.iter().enumerate().take(8) {
        if is_column_number_row(r) {
            last_numbering_row = Some(i);
        }
    }
    if let Some(i) = last_numbering_row {
        return i + 1;
    }
    for (i, r) in rows.iter().enumerate() {
        if i >= 6 {
            return i;
        }
        // Header cells can say 合计 too; only the row's first filled cell (its label)
        // tells a body row by words.
        let (first_idx, first) = r
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.text.as_str()))
            .find(|(_, t)| !t.trim().is_empty())
            .unwrap_or((0, ""));
        // A label far to the right (`\t\t\t小计\t人员经费`) is a sub-header.
        let first = if first_idx <= 1 { first } else { "" };
        let has_number = r.cells.iter().any(|c| matches!(cell_value(&c.text), CellValue::Number(_) | CellValue::Dash));
        // A total word without any figure (`小计\t\t\t其中：…`) is a header row that lost cells.
        let body_like = has_number
            || leading_code(first).is_some()
            || numbering::parse(first).is_some_and(|n| !n.rest.is_empty())
            || caption::label_in(&key(first)).is_some()
            || (is_total_word(&bare_label(first))
                && i > 0
                && rows[i - 1..]
                    .iter()
                    .take(2)
                    .any(|r| r.cells.iter().any(|c| matches!(cell_value(&c.text), CellValue::Number(_)))));
        if body_like {
            return i;
        }
    }
    rows.len().min(2)
}

/// Does `next` continue `prev` across a page break?
fn continues(prev: &Table, next: &Table) -> bool {
    let same_name = match (&next.title, &prev.title) {
        (Some(a), Some(b)) => a == b,
        (None, _) => next.label.is_none() || next.label == prev.label,
        (Some(_), None) => false,
    };
    if !same_name || next.body.is_empty() {
        return false;
    }
    let keys = |rows: &[RawRow]| -> Vec<Vec<String>> { rows.iter().map(|r| r.texts().map(key).collect()).collect() };
    if next.header.is_empty() {
        // No repeated header: same width and a continuing code sequence.
        let w = |t: &Table| t.body.first().map_or(0, |r| r.cells.len());
        return next.title.is_none() && next.label.is_none() && w(prev) == w(next) && !prev.header.is_empty();
    }
    keys(&prev.header) == keys(&next.header)
}

/// Derive columns, header tree, panels and lines once the rows are final.
fn finish(t: &mut Table) {
    // A header row repeated inside the body (page break without a blank line) is dropped.
    let header_keys: Vec<Vec<String>> = t.header.iter().map(|r| r.texts().map(key).collect()).collect();
    t.body.retain(|r| {
        let k: Vec<String> = r.texts().map(key).collect();
        !header_keys.contains(&k) && !is_column_number_row(r)
    });
    let width = t.header.iter().chain(t.body.iter()).map(|r| r.cells.len()).max().unwrap_or(0);
    let paths = header_paths(&t.header, width);
    t.columns = (0..width)
        .map(|c| {
            let path: Vec<String> = paths[c].iter().map(|(_, _, text)| text.clone()).collect();
            classify_column(t, c, path)
        })
        .collect();
    t.tree = header_tree(&paths, 0, 0, width);
    t.header_reliable = header_aligned(t);
    t.panels = panels(t);
}

type PathElem = (usize, usize, String); // (header row, origin column, text)

/// For each column, the header cells above it: its own and the group cells spanning it.
/// Flattened merged cells leave the text in the first column of the span and blanks to its
/// right; a blank header cell belongs to the group on its left when a lower header row
/// refines it (has text in that column).
fn header_paths(header: &[RawRow], width: usize) -> Vec<Vec<PathElem>> {
    let text = |r: usize, c: usize| -> String {
        header
            .get(r)
            .and_then(|row| row.cells.get(c))
            .map(|cell| cell.text.split_whitespace().collect::<String>())
            .unwrap_or_default()
    };
    let mut paths: Vec<Vec<PathElem>> = vec![Vec::new(); width];
    for r in 0..header.len() {
        if is_column_number_row(&header[r]) {
            continue;
        }
        let mut current: Option<(usize, String)> = None;
        for (c, path) in paths.iter_mut().enumerate() {
            let t = text(r, c);
            if !t.is_empty() {
                current = Some((c, t.clone()));
                path.push((r, c, t));
                continue;
            }
            let refined_below =
                (r + 1..header.len()).any(|rr| !is_column_number_row(&header[rr]) && !text(rr, c).is_empty());
            // A group spans right only while its own first column is refined too.
            match &current {
                Some((oc, ot)) if refined_below && (r + 1..header.len()).any(|rr| !text(rr, *oc).is_empty()) => {
                    path.push((r, *oc, ot.clone()));
                }
                _ => current = None,
            }
        }
    }
    paths
}

fn header_tree(paths: &[Vec<PathElem>], depth: usize, from: usize, to: usize) -> Vec<HeaderNode> {
    let mut nodes = Vec::new();
    let mut c = from;
    while c < to {
        match paths[c].get(depth) {
            None => {
                // No header at this depth: at the top, a leaf with no header text.
                if depth == 0 {
                    let text = paths[c].last().map(|p| p.2.clone()).unwrap_or_default();
                    nodes.push(leaf(text, c));
                }
                c += 1;
            }
            Some(elem) => {
                let mut end = c + 1;
                while end < to && paths[end].get(depth).is_some_and(|e| e.0 == elem.0 && e.1 == elem.1) {
                    end += 1;
                }
                let deeper = (c..end).any(|cc| paths[cc].len() > depth + 1);
                let node = if deeper {
                    let mut children = header_tree(paths, depth + 1, c, end);
                    // Columns with nothing deeper are leaves of this group named by it.
                    for (cc, path) in paths.iter().enumerate().take(end).skip(c) {
                        if path.len() == depth + 1 {
                            children.push(leaf(String::new(), cc));
                        }
                    }
                    children.sort_by_key(|n| n.first);
                    HeaderNode { text: elem.2.clone(), key: bare_label(&elem.2), first: c, last: end - 1, children }
                } else {
                    leaf(elem.2.clone(), c).with_last(end - 1)
                };
                nodes.push(node);
                c = end;
            }
        }
    }
    nodes
}

fn leaf(text: String, c: usize) -> HeaderNode {
    HeaderNode { key: bare_label(&text), text, first: c, last: c, children: Vec::new() }
}

impl HeaderNode {
    fn with_last(mut self, last: usize) -> Self {
        self.last = last;
        self
    }
}

fn classify_column(t: &Table, c: usize, path: Vec<String>) -> Column {
    let own = path.last().cloned().unwrap_or_default();
    let own_key = bare_label(&own);
    let subset = key(&own).starts_with("其中");
    let entry = if own_key.is_empty() { None } else { vocab::lookup(&own_key, false) };
    // What the body says: numbers, codes or text.
    let (mut nums, mut codes, mut texts) = (0, 0, 0);
    for r in &t.body {
        let Some(cell) = r.cells.get(c) else { continue };
        if cell.text.trim().is_empty() {
            continue;
        }
        if leading_code(&cell.text).is_some() && !cell.text.contains('.') {
            codes += 1;
        } else {
            match cell_value(&cell.text) {
                CellValue::Number(_) | CellValue::Dash => nums += 1,
                CellValue::Percent(_) => texts += 1,
                _ => texts += 1,
            }
        }
    }
    let mut kind = match entry.map(|e| e.kind) {
        Some(Kind::Label) => ColumnKind::Label,
        Some(Kind::Measure) => ColumnKind::Measure,
        Some(Kind::Total | Kind::Part | Kind::Period) => ColumnKind::Money,
        None if texts > nums || codes > nums || (codes > 0 && texts == 0 && nums == 0) => ColumnKind::Label,
        None => ColumnKind::Other,
    };
    // A "money" header over a column of names or codes (misaligned header) is a label column.
    // (Whole amounts in 元 look like codes; only the leading columns hold codes.)
    if kind == ColumnKind::Money && (texts > nums || (codes > nums && c <= 1)) {
        kind = ColumnKind::Label;
    }
    Column { index: c, path, kind, role: entry.map(|e| e.role), subset }
}

/// The header is aligned when no label column carries a money header and every money
/// header sits over numbers.
fn header_aligned(t: &Table) -> bool {
    // Figures under no header at all: the header rows lost cells.
    let uncovered = t.columns.iter().any(|c| {
        c.path.is_empty()
            && !t.header.is_empty()
            && t.body
                .iter()
                .any(|r| r.cells.get(c.index).is_some_and(|x| matches!(cell_value(&x.text), CellValue::Number(_))))
    });
    if uncovered {
        return false;
    }
    for col in &t.columns {
        let own = col.path.last().map(|s| bare_label(s)).unwrap_or_default();
        let e = vocab::lookup(&own, false);
        let body_text = t
            .body
            .iter()
            .filter(|r| r.cells.get(col.index).is_some_and(|c| matches!(cell_value(&c.text), CellValue::Text)))
            .count();
        let body_num = t
            .body
            .iter()
            .filter(|r| r.cells.get(col.index).is_some_and(|c| matches!(cell_value(&c.text), CellValue::Number(_))))
            .count();
        let body_codes = t
            .body
            .iter()
            .filter(|r| {
                r.cells.get(col.index).is_some_and(|c| leading_code(&c.text).is_some() && !c.text.contains('.'))
            })
            .count();
        if matches!(e.map(|e| e.kind), Some(Kind::Total | Kind::Part))
            && (body_text > body_num || body_codes > body_num)
            && (body_text + body_codes) > 0
        {
            return false;
        }
    }
    true
}

/// Split the columns into panels: a run of label columns followed by value columns.
fn panels(t: &Table) -> Vec<Panel> {
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for col in &t.columns {
        let is_label = col.kind == ColumnKind::Label;
        let role_is_line_no = matches!(col.role, Some("line-no" | "note"));
        match groups.last_mut() {
            Some((_, values)) if !is_label || role_is_line_no => {
                if !role_is_line_no {
                    values.push(col.index);
                }
            }
            Some((labels, values)) if values.is_empty() => labels.push(col.index),
            _ => groups.push((vec![col.index], Vec::new())),
        }
        if groups.is_empty() && !is_label {
            groups.push((Vec::new(), vec![col.index]));
        }
    }
    let panels: Vec<Panel> = groups
        .into_iter()
        .map(|(label_cols, value_cols)| {
            let lines =
                t.body.iter().enumerate().filter_map(|(ri, r)| line_of(t, ri, r, &label_cols, &value_cols)).collect();
            Panel { label_cols, value_cols, lines }
        })
        .collect();
    fuse_continued_blocks(t, panels)
}

/// One list printed as several side-by-side blocks under one header group (the national
/// 06 table: 人员经费 | 公用经费 | 公用经费) is one panel. A total row whose label stands in
/// one block and whose figure in the next (`公用经费合计 … 193.97`) becomes one line.
fn fuse_continued_blocks(t: &Table, panels: Vec<Panel>) -> Vec<Panel> {
    let group = |p: &Panel| -> Option<String> {
        let c = t.columns.get(*p.label_cols.first()?)?;
        (c.path.len() >= 2).then(|| key(&c.path[0]))
    };
    let mut out: Vec<Panel> = Vec::new();
    for p in panels {
        let fuse = out.last().is_some_and(|prev| {
            prev.label_cols.len() == p.label_cols.len()
                && prev.value_cols.len() == p.value_cols.len()
                && group(prev).is_some()
                && group(prev) == group(&p)
        });
        if !fuse {
            out.push(p);
            continue;
        }
        let Some(prev) = out.last_mut() else { continue };
        for line in p.lines {
            let unlabeled = line.code.is_none() && line.name.is_empty();
            let split_total = prev.lines.iter_mut().find(|l| {
                l.row == line.row
                    && !l.name.is_empty()
                    && l.values.iter().all(|&c| matches!(t.value(l.row, c), CellValue::Blank))
            });
            match split_total {
                Some(l) if unlabeled => l.values = line.values,
                _ if unlabeled && line.values.iter().all(|&c| matches!(t.value(line.row, c), CellValue::Blank)) => {}
                _ => prev.lines.push(line),
            }
        }
    }
    out
}

fn line_of(t: &Table, ri: usize, r: &RawRow, label_cols: &[usize], value_cols: &[usize]) -> Option<Line> {
    let mut code: Option<String> = None;
    let mut code2 = None;
    let mut name = String::new();
    for &c in label_cols {
        let Some(cell) = r.cells.get(c) else { continue };
        let text = cell.text.trim();
        if text.is_empty() || matches!(t.columns.get(c).and_then(|col| col.role), Some("line-no" | "note")) {
            continue;
        }
        // Codes split over 类/款/项 columns (`205 | 02 | 05`, templates and workbooks do
        // this): a two-digit segment after a code, before any name, extends the code. Some
        // documents drop the leading zero (`301 | 2` for 30102).
        if let (Some(c), true) = (code.as_mut(), name.is_empty() && code2.is_none()) {
            if (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) && c.len() < 7 {
                c.push_str(&format!("{text:0>2}"));
                continue;
            }
        }
        if let Some((digits, rest)) = leading_code(text) {
            if code.is_none() {
                code = Some(digits);
            } else if code2.is_none() {
                code2 = Some(digits);
            }
            if name.is_empty() && !rest.is_empty() {
                name = rest;
            }
            continue;
        }
        if name.is_empty() {
            name = text.to_owned();
        }
    }
    let has_value = value_cols.iter().any(|&c| !matches!(t.value(ri, c), CellValue::Blank));
    if code.is_none() && name.is_empty() && !has_value {
        return None;
    }
    let k = key(&name);
    let numbering = numbering::parse(&k).map(|n| (n.style, n.ordinal));
    let subset = k.starts_with("其中");
    Some(Line {
        values: value_cols.to_vec(),
        row: ri,
        code,
        code2,
        name_key: bare_label(&name),
        name: crate::text::norm::compact(&name),
        numbering,
        subset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_str;

    fn tables(s: &str) -> Vec<Table> {
        assemble(&read_str(s))
    }

    #[test]
    fn captions_header_and_body() {
        let t = tables(
            "支出决算表\n\n公开 03 表\n\n编制部门：某局\n\n金额单位：万元\n\n项 目\t\t本年支 出 合计\t基本 支 出\t项目 支 出\n功能分类 科目编码\t科 目 名 称\n\t合 计\t3.00\t1.00\t2.00\n208\t社会保障和就业支出\t3.00\t1.00\t2.00\n\n注：本表反映部门本年度各项支出情况。",
        );
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.title.as_deref(), Some("支出决算表"));
        assert_eq!(t.label.as_deref(), Some("公开03表"));
        assert_eq!(t.unit, Some(Unit::Wanyuan));
        assert_eq!(t.department.as_deref(), Some("某局"));
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.body.len(), 2);
        assert_eq!(t.columns[1].path, vec!["项目", "科目名称"]);
        assert_eq!(t.columns[2].role, Some("total"));
        assert_eq!(t.columns[3].role, Some("basic"));
        assert_eq!(t.notes.len(), 1);
        assert_eq!(t.panels.len(), 1);
        assert_eq!(t.panels[0].lines[1].code.as_deref(), Some("208"));
    }

    #[test]
    fn grouped_header_paths() {
        let t = tables("功能分类科目编码\t科目名称\t本年支出合计\t基本支出\t\t\t项目支出\n\t\t\t小计\t人员经费\t公用经费\t\n\t合计\t3\t1\t0.5\t0.5\t2\n");
        let t = &t[0];
        assert_eq!(t.columns[3].path, vec!["基本支出", "小计"]);
        assert_eq!(t.columns[5].path, vec!["基本支出", "公用经费"]);
        assert_eq!(t.columns[6].path, vec!["项目支出"]);
        let group = t.tree.iter().find(|n| n.key == "基本支出").unwrap();
        assert_eq!(group.children.len(), 3);
    }

    #[test]
    fn two_sided_panels_and_page_break_join() {
        let t = tables(
            "财政拨款收入支出决算总表\n公开 04 表\n金额单位：万元\n收 入\t\t支 出\t\n项 目\t决算数\t项 目\t合计\n1.一般公共预算财政拨款\t2.00\t1.一般公共服务支出\t2.00\n\n财政拨款收入支出决算总表\n公开 04 表\n金额单位：万元\n收 入\t\t支 出\t\n项 目\t决算数\t项 目\t合计\n本年收入合计\t2.00\t本年支出合计\t2.00\n",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].pieces, 2);
        assert_eq!(t[0].body.len(), 2);
        assert_eq!(t[0].panels.len(), 2);
        assert_eq!(t[0].panels[1].lines[1].name_key, "本年支出合计");
    }
}
