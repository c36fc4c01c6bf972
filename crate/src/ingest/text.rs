//! Plain text and Markdown (what users paste, and `.txt`/`.md` files) → `Document`.
//!
//! Tables arrive as tab-separated line runs, Markdown pipe tables, HTML `<table>` fragments,
//! or Word's "one cell per line" export (each cell a line starting with a tab, rows
//! separated by blank lines). Converter debris is removed here; line numbers are kept.

use super::html_table;
use crate::document::*;
use crate::text::numbering::{self, NumberingStyle};

/// Text lines above this count are not read (bounded work on hostile input).
const MAX_LINES: usize = 400_000;
/// Lines longer than this are cut (a single 10 MB line is not a disclosure).
const MAX_LINE_CHARS: usize = 20_000;

pub fn read(text: &str, encoding: &str) -> Document {
    let mut issues = Vec::new();
    let mut lines: Vec<String> = text.split('\n').map(|l| l.trim_end_matches('\r').to_owned()).collect();
    if lines.len() > MAX_LINES {
        issues.push(ReadIssue {
            code: "input.too-large",
            zh: format!("输入共 {} 行，超过上限 {} 行，只检查了前 {} 行", lines.len(), MAX_LINES, MAX_LINES),
            en: format!("the input has {} lines; only the first {} were checked", lines.len(), MAX_LINES),
            span: None,
        });
        lines.truncate(MAX_LINES);
    }
    for (i, l) in lines.iter_mut().enumerate() {
        if l.chars().count() > MAX_LINE_CHARS {
            *l = l.chars().take(MAX_LINE_CHARS).collect();
            issues.push(ReadIssue {
                code: "input.too-large",
                zh: format!("第 {} 行超过 {} 个字符，已截断", i + 1, MAX_LINE_CHARS),
                en: format!("line {} is longer than {} characters and was cut", i + 1, MAX_LINE_CHARS),
                span: Some(Span::line(i as u32 + 1)),
            });
        }
    }
    let blocks = Reader { lines: &lines, pos: 0, blocks: Vec::new() }.run();
    Document { blocks, encoding: encoding.to_owned(), sheets: Vec::new(), lines, issues }
}

struct Reader<'a> {
    lines: &'a [String],
    pos: usize,
    blocks: Vec<Block>,
}

#[derive(Debug, PartialEq)]
enum LineKind {
    Blank,
    Html,
    Pipe,
    /// `\tcell` alone: one cell of Word's cell-per-line export.
    CellLine,
    Tabs,
    Text,
}

fn kind(line: &str) -> LineKind {
    let trimmed = line.trim_end_matches([' ', '\u{3000}', '\t', '\u{a0}']);
    if trimmed.trim().is_empty() {
        return if line.starts_with('\t') && line.trim().is_empty() { LineKind::CellLine } else { LineKind::Blank };
    }
    let lower_has_table = trimmed.contains("<table") || trimmed.contains("<TABLE");
    if lower_has_table {
        return LineKind::Html;
    }
    let t = trimmed.trim_start();
    if t.starts_with('|') && t.len() > 1 && t[1..].contains('|') {
        return LineKind::Pipe;
    }
    if line.starts_with('\t') && !trimmed[1..].contains('\t') {
        return LineKind::CellLine;
    }
    if trimmed.contains('\t') {
        return LineKind::Tabs;
    }
    LineKind::Text
}

impl Reader<'_> {
    fn run(mut self) -> Vec<Block> {
        while self.pos < self.lines.len() {
            match kind(&self.lines[self.pos]) {
                LineKind::Blank => self.pos += 1,
                LineKind::Html => self.html(),
                LineKind::Pipe => self.pipes(),
                LineKind::CellLine => {
                    if !self.cell_per_line() {
                        self.tabs();
                    }
                }
                LineKind::Tabs => self.tabs(),
                LineKind::Text => self.text(),
            }
        }
        self.blocks
    }

    fn line_no(&self, i: usize) -> u32 {
        i as u32 + 1
    }

    fn html(&mut self) {
        let start = self.pos;
        let mut depth = 0i32;
        let mut end = start;
        for (i, l) in self.lines.iter().enumerate().skip(start) {
            let lower = l.to_ascii_lowercase();
            depth += lower.matches("<table").count() as i32;
            depth -= lower.matches("</table").count() as i32;
            end = i;
            if depth <= 0 {
                break;
            }
        }
        let fragment = self.lines[start..=end].join("\n");
        // Text before the table on its first line is a paragraph of its own.
        if let Some(idx) = fragment.to_ascii_lowercase().find("<table") {
            let before = clean_text(&fragment[..idx]);
            if !before.0.trim().is_empty() {
                self.push_text_line(before.0.trim(), before.1, self.line_no(start));
            }
        }
        for t in html_table::parse_tables(&fragment, self.line_no(start)) {
            self.blocks.push(Block::Table(t));
        }
        self.pos = end + 1;
    }

    fn pipes(&mut self) {
        let start = self.pos;
        let mut rows = Vec::new();
        while self.pos < self.lines.len() && kind(&self.lines[self.pos]) == LineKind::Pipe {
            let line = self.lines[self.pos].trim();
            let inner = line.strip_prefix('|').unwrap_or(line);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            let cells: Vec<&str> = split_pipes(inner);
            let is_rule = cells.iter().all(|c| {
                let c = c.trim();
                !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
            });
            if !is_rule {
                rows.push(self.row(cells.iter().map(|c| c.replace("\\|", "|")), self.pos));
            }
            self.pos += 1;
        }
        self.push_table(rows, TableForm::Pipes, start);
    }

    fn tabs(&mut self) {
        let start = self.pos;
        let mut rows = Vec::new();
        while self.pos < self.lines.len() {
            let k = kind(&self.lines[self.pos]);
            // A row whose only cell is followed by empty cells (`国有资本经营财政拨款\t\t\t`)
            // stays in the run when the run goes on after it.
            let lone_cell_row = k == LineKind::Text
                && self.lines[self.pos].contains('\t')
                && self.pos > start
                && self.lines[self.pos + 1..]
                    .iter()
                    .find(|n| !(kind(n) == LineKind::Text && n.contains('\t')))
                    .is_some_and(|n| kind(n) == LineKind::Tabs);
            if !(matches!(k, LineKind::Tabs | LineKind::CellLine) || lone_cell_row)
                || self.lines[self.pos].trim().is_empty()
            {
                break;
            }
            let line = self.lines[self.pos].trim_end_matches(['\r', '\n']);
            let cells: Vec<&str> = line.split('\t').collect();
            // Markdown rule rows like `----\t------` carry no cells.
            let is_rule = cells.iter().all(|c| c.trim().is_empty() || c.trim().chars().all(|ch| ch == '-'))
                && cells.iter().any(|c| c.contains("---"));
            if !is_rule {
                rows.push(self.row(cells.into_iter().map(str::to_owned), self.pos));
            }
            self.pos += 1;
        }
        if self.pos == start {
            // Defensive: a line we could not consume as a table is read as text.
            self.text();
            return;
        }
        // Strip trailing empty columns shared by every row.
        let width = rows.iter().map(|r: &RawRow| last_non_empty(r)).max().unwrap_or(0);
        for r in &mut rows {
            r.cells.truncate(width.max(1));
        }
        // A lone row with a single filled cell is a line of text with a stray tab.
        if rows.len() == 1 && rows[0].non_empty() <= 1 {
            let text: String = rows[0].texts().collect::<Vec<_>>().join(" ");
            let cleaned = clean_text(&text);
            if !cleaned.0.trim().is_empty() {
                self.push_text_line(cleaned.0.trim(), cleaned.1, self.line_no(start));
            }
            return;
        }
        self.push_table(rows, TableForm::Tabs, start);
    }

    /// Word's "cell per line" export. Returns false when the lines do not form such a table.
    fn cell_per_line(&mut self) -> bool {
        let start = self.pos;
        let mut rows: Vec<RawRow> = Vec::new();
        let mut i = start;
        let mut current: Vec<(String, usize)> = Vec::new();
        let flush = |current: &mut Vec<(String, usize)>, rows: &mut Vec<RawRow>, reader: &Reader| {
            if current.is_empty() {
                return;
            }
            let first = current[0].1;
            let mut row = reader.row(current.iter().map(|(t, _)| t.clone()), first);
            for (cell, (_, l)) in row.cells.iter_mut().zip(current.iter()) {
                cell.span = Span::line(reader.line_no(*l));
            }
            row.span = Span::lines(reader.line_no(first), reader.line_no(current.last().map_or(first, |c| c.1)));
            rows.push(row);
            current.clear();
        };
        while i < self.lines.len() {
            match kind(&self.lines[i]) {
                LineKind::CellLine => current.push((self.lines[i].trim_start_matches('\t').to_owned(), i)),
                LineKind::Blank => flush(&mut current, &mut rows, self),
                _ => break,
            }
            i += 1;
        }
        flush(&mut current, &mut rows, self);
        let multi = rows.iter().filter(|r| r.cells.len() >= 2).count();
        if rows.len() < 2 || multi < 2 {
            return false;
        }
        self.pos = i;
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for r in &mut rows {
            while r.cells.len() < width {
                let span = r.span;
                r.cells.push(RawCell { text: String::new(), span });
            }
        }
        self.push_table(rows, TableForm::CellPerLine, start);
        true
    }

    fn row(&self, cells: impl Iterator<Item = String>, line_idx: usize) -> RawRow {
        let span = Span::line(self.line_no(line_idx));
        let cells = cells.map(|c| RawCell { text: clean_cell(&c), span }).collect();
        RawRow { cells, span }
    }

    fn push_table(&mut self, rows: Vec<RawRow>, form: TableForm, start: usize) {
        if rows.is_empty() {
            return;
        }
        let span = Span::lines(self.line_no(start), self.line_no(self.pos.saturating_sub(1).max(start)));
        self.blocks.push(Block::Table(RawTable { rows, form, span }));
    }

    fn text(&mut self) {
        let idx = self.pos;
        self.pos += 1;
        let (text, md_level) = clean_text(&self.lines[idx]);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.push_text_line(text, md_level, self.line_no(idx));
    }

    fn push_text_line(&mut self, text: &str, md_level: u8, line: u32) {
        let numbering = numbering::parse(text);
        let is_heading = md_level > 0 || numbering.as_ref().is_some_and(|n| looks_like_heading(n.rest));
        if is_heading {
            let (style, label, rest) = match &numbering {
                Some(n) => (n.style, Some(n.label.trim().to_owned()), n.rest),
                None => (NumberingStyle::None, None, text),
            };
            self.blocks.push(Block::Heading(Heading {
                numbering: label,
                style,
                markdown_level: md_level,
                text: rest.trim().to_owned(),
                span: Span::line(line),
            }));
            return;
        }
        // Hard-wrapped prose (PDF copy, converters) continues a paragraph that did not end
        // a sentence; short lines such as table titles are never joined.
        if let Some(Block::Paragraph(p)) = self.blocks.last_mut() {
            let prev_len = p.text.chars().count();
            let ends_sentence = p.text.ends_with(['。', '；', '！', '？', '：', ':', ';']);
            if !ends_sentence
                && prev_len >= 24
                && line <= p.span.end_line + 3
                && numbering.is_none()
                && !looks_like_caption(&p.text)
                && !looks_like_caption(text)
            {
                let offset = p.text.len();
                p.text.push_str(text);
                p.line_starts.push((offset, line));
                p.span.end_line = line;
                return;
            }
        }
        self.blocks.push(Block::Paragraph(Paragraph {
            text: text.to_owned(),
            span: Span::line(line),
            line_starts: vec![(0, line)],
        }));
    }
}

fn last_non_empty(r: &RawRow) -> usize {
    r.cells.iter().rposition(|c| !c.text.trim().is_empty()).map_or(0, |i| i + 1)
}

fn split_pipes(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            out.push(&s[start..i]);
            start = i + 1;
        }
    }
    out.push(&s[start..]);
    out
}

/// Table titles, labels, unit and department lines are never joined into prose.
fn looks_like_caption(s: &str) -> bool {
    let t: String = s.split_whitespace().collect();
    let core = t.trim_end_matches([')', '）']);
    let core = core.rfind(['(', '（']).map_or(core, |p| &core[..p]);
    core.ends_with('表')
        || ["公开", "表", "附表", "单位：", "单位:", "金额单位", "编制部门", "编制单位", "部门名称", "注：", "注:"]
            .iter()
            .any(|p| t.starts_with(p))
}

/// A numbered line is a heading when what follows the number is short and not a sentence.
fn looks_like_heading(rest: &str) -> bool {
    let r = rest.trim().trim_end_matches(['。', '.', '：', ':']);
    let n = r.chars().count();
    n > 0 && n <= 40 && !r.contains(['，', '；', ',', ';']) && !r.contains("万元")
}

/// Remove converter debris from a line of text; returns the text and its Markdown `#` depth.
pub fn clean_text(line: &str) -> (String, u8) {
    let mut s = strip_debris(line);
    let t = s.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    let mut md_level = 0u8;
    if hashes > 0 && hashes <= 6 && t[hashes..].starts_with([' ', '\u{3000}']) {
        md_level = hashes as u8;
        s = t[hashes..].trim_start().to_owned();
    }
    let t = s.trim_start();
    for marker in ["- ", "* ", "+ ", "• ", "· "] {
        if let Some(r) = t.strip_prefix(marker) {
            s = r.to_owned();
            break;
        }
    }
    (s, md_level)
}

fn clean_cell(cell: &str) -> String {
    let s = strip_debris(cell);
    let s = html_table::decode_entities(&s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drop `[bookmark: …]`, `[image: …]`, `<input …>` and other stray tags, and `**`.
pub fn strip_debris(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        if rest.starts_with("[bookmark:") || rest.starts_with("[image:") || rest.starts_with("[Image:") {
            if let Some(end) = rest.find(']') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if rest.starts_with('<') {
            if let Some(end) = stray_tag_len(rest) {
                rest = &rest[end..];
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix("**") {
            rest = r;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Length of an HTML-ish tag at the start of `s` (`<p>`, `</span>`, `<input type=…>`), if any.
fn stray_tag_len(s: &str) -> Option<usize> {
    let end = super::head(s, 400).find('>')?;
    let inner = s[1..end].trim_start_matches('/');
    let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let known = [
        "p", "br", "span", "input", "div", "font", "b", "i", "u", "strong", "em", "sup", "sub", "a", "img", "o:p", "hr",
    ];
    if !name.is_empty() && known.contains(&name.to_ascii_lowercase().as_str()) {
        Some(end + 1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Document {
        read(s, "UTF-8")
    }

    #[test]
    fn debris_is_removed_and_lines_kept() {
        let d = doc("[bookmark: _Toc1][bookmark: _Toc2]一、基本职能\n**第二部分** 表\n<input type=\"checkbox\"> 是");
        match &d.blocks[0] {
            Block::Heading(h) => {
                assert_eq!(h.text, "基本职能");
                assert_eq!(h.span.line, 1);
            }
            b => panic!("{b:?}"),
        }
        assert!(matches!(&d.blocks[1], Block::Heading(h) if h.text == "表" && h.style == NumberingStyle::Part));
        assert!(matches!(&d.blocks[2], Block::Paragraph(p) if p.text == "是"));
    }

    #[test]
    fn tab_run_is_a_table() {
        let d = doc("收入决算表\n项目\t合计\t基本\n合计\t3.00\t3.00\n201\t1.00\t1.00\n\n注：尾差");
        let tables: Vec<&RawTable> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows.len(), 3);
        assert_eq!(tables[0].rows[1].cells[1].text, "3.00");
        assert_eq!(tables[0].rows[2].span.line, 4);
    }

    #[test]
    fn pipe_and_html_tables() {
        let d = doc("| 项目 | 金额 |\n|---|---|\n| 合计 | 1.00 |\n\n<table><tr><td>a</td><td>1</td></tr>\n<tr><td>b</td><td>2</td></tr></table>");
        let n = d.blocks.iter().filter(|b| matches!(b, Block::Table(_))).count();
        assert_eq!(n, 2);
        if let Block::Table(t) = &d.blocks[0] {
            assert_eq!(t.rows.len(), 2);
            assert_eq!(t.rows[1].cells[1].text, "1.00");
        }
    }

    #[test]
    fn cell_per_line_export() {
        let d = doc("\t项目名称\n\t党建\n\n\t预算数:\n\t88万\n\t执行数:\n\t88万\n");
        match &d.blocks[0] {
            Block::Table(t) => {
                assert_eq!(t.form, TableForm::CellPerLine);
                assert_eq!(t.rows.len(), 2);
                assert_eq!(t.rows[1].cells[1].text, "88万");
            }
            b => panic!("{b:?}"),
        }
    }

    #[test]
    fn wrapped_prose_is_joined() {
        let d = doc("6. 制定全区定点医药机构协议和支付管理办法并组织实施，监督管理纳入\n\n医保范围内的医疗服务行为。");
        assert_eq!(d.blocks.len(), 1);
        match &d.blocks[0] {
            Block::Paragraph(p) => {
                assert!(p.text.ends_with("医疗服务行为。"));
                assert_eq!(p.line_at(p.text.find("医保范围").unwrap()), 3);
            }
            b => panic!("{b:?}"),
        }
    }
}
