//! Layout hygiene (domain.md §6): section numbering that skips, repeats or runs backwards at
//! one level; 目录 entries with no section; page numbers or figures stuck to headings;
//! doubled punctuation; unbalanced brackets and quotes. These are matters of form: info.

use super::scan::{self, line_location, Place};
use super::{finding, Context, RuleInfo};
use crate::document::Block;
use crate::finding::{Finding, Severity};
use crate::text::norm::{bare_label, key};
use crate::text::numbering::{self, NumberingStyle};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "layout.numbering",
        family: "layout",
        severity: Severity::Info,
        title_zh: "标题序号跳号、重号或倒序",
        title_en: "Section numbering skips, repeats or goes backwards",
        doc_zh: "同一层级的标题序号应连续：一、二、三……",
        doc_en: "Headings at one level are numbered consecutively.",
    },
    RuleInfo {
        id: "layout.contents",
        family: "layout",
        severity: Severity::Info,
        title_zh: "目录与正文不一致",
        title_en: "Contents and body disagree",
        doc_zh: "目录列出的每一部分、每一节都应在正文中出现；正文的每一部分都应列入目录。",
        doc_en: "Every part or section the 目录 lists appears in the body, and every part of the body is listed.",
    },
    RuleInfo {
        id: "layout.stuck-figure",
        family: "layout",
        severity: Severity::Info,
        title_zh: "标题后粘连数字",
        title_en: "Figures stuck to a heading",
        doc_zh: "标题末尾粘连了页码或数字（多为复制粘贴遗留）。",
        doc_en: "A heading ends in a page number or stray figure (usually left over from copying).",
    },
    RuleInfo {
        id: "layout.punctuation",
        family: "layout",
        severity: Severity::Info,
        title_zh: "标点重复",
        title_en: "Doubled punctuation",
        doc_zh: "“。。”“，，”等重复标点。",
        doc_en: "Doubled punctuation such as 。。 or ，，.",
    },
    RuleInfo {
        id: "layout.brackets",
        family: "layout",
        severity: Severity::Info,
        title_zh: "括号或引号不成对",
        title_en: "Unbalanced brackets or quotes",
        doc_zh: "段落中的括号、书名号、引号应成对出现。",
        doc_en: "Brackets, title marks and quotes in a paragraph come in pairs.",
    },
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    numbering_sequence(ctx, out);
    contents(ctx, out);
    let d = ctx.disclosure;
    let pieces = scan::pieces(d);
    let text: Vec<&scan::Piece> = pieces.iter().filter(|p| p.place != Place::Cell).collect();
    for (open, close, zh, en) in
        [('(', ')', "括号", "brackets"), ('《', '》', "书名号", "title marks"), ('“', '”', "引号", "quotes")]
    {
        brackets(ctx, &text, (open, close), (zh, en), out);
    }
    for p in &pieces {
        punctuation(ctx, p, out);
        if p.place == Place::Heading {
            stuck_figure(ctx, p, out);
        }
    }
}

fn style_name(s: NumberingStyle) -> (&'static str, &'static str) {
    match s {
        NumberingStyle::Part => ("第X部分", "part"),
        NumberingStyle::ChineseComma => ("一、", "一、"),
        NumberingStyle::ChineseParen => ("（一）", "(一)"),
        NumberingStyle::ArabicDot => ("1.", "1."),
        NumberingStyle::ArabicParen => ("（1）", "(1)"),
        NumberingStyle::Circled => ("①", "①"),
        NumberingStyle::None => ("", ""),
    }
}

/// Numbered headings and numbered paragraphs (list items too long to be headings still
/// count: without them a list of long items would look like a list with gaps). `None`
/// marks a table: list items never continue across one.
/// (style, ordinal, label as printed, line, is a heading); `None` for a table.
type Numbered = Option<(NumberingStyle, u32, String, u32, bool)>;

fn numbered(ctx: &Context) -> Vec<Numbered> {
    let mut out = Vec::new();
    let blocks = &ctx.disclosure.doc.blocks;
    for (bi, b) in blocks.iter().enumerate() {
        // `注：1. 本表反映…` then `2. 本套报表…`: the list began inside the previous line.
        let prev = bi.checked_sub(1).and_then(|i| blocks.get(i)).and_then(|p| p.text()).unwrap_or("");
        let inline_start = |o: u32, label: &str| {
            o > 1 && label.chars().last().is_some_and(|sep| prev.contains(&format!("{}{sep}", o - 1)))
        };
        match b {
            Block::Heading(h) if h.style != NumberingStyle::None => {
                let ordinal = h.numbering.as_deref().and_then(numbering::parse).map(|n| n.ordinal);
                if let (Some(o), Some(label)) = (ordinal, &h.numbering) {
                    out.push(Some((h.style, o, label.clone(), h.span.line, !inline_start(o, label))));
                }
            }
            Block::Paragraph(p) => {
                if let Some(n) = numbering::parse(&p.text) {
                    out.push(Some((n.style, n.ordinal, n.label.trim().to_owned(), p.span.line, false)));
                }
            }
            Block::Table(_) => out.push(None),
            _ => {}
        }
    }
    out
}

/// A line laid out in columns (`八、社会保障和就业支出        1068.78`, PDF text of a
/// table): its numbering is a row's, not a section's.
fn table_like(line: &str) -> bool {
    let segments: Vec<&str> = line.trim().split("   ").map(str::trim).filter(|s| !s.is_empty()).collect();
    // A figure in a column (`1068.78`), not a year in a title (`2019 年度部门预算表`).
    let figure = |s: &str| {
        let mut tokens = s.split_whitespace();
        let first = tokens.next().unwrap_or("");
        let year = tokens.next().is_some_and(|t| t.starts_with('年')) || first.contains('年');
        !first.is_empty() && first.starts_with(|c: char| c.is_ascii_digit()) && !year
    };
    segments.len() >= 3 || segments.iter().skip(1).any(|s| figure(s) || numbering::parse(s).is_some())
}

fn is_list_style(s: NumberingStyle) -> bool {
    matches!(s, NumberingStyle::ArabicDot | NumberingStyle::ArabicParen | NumberingStyle::Circled)
}

fn numbering_sequence(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    // The open levels, outermost first: (style, last ordinal).
    let mut stack: Vec<(NumberingStyle, u32)> = Vec::new();
    for item in numbered(ctx) {
        let Some((style, ordinal, label, line, heading)) = item else {
            // Text after a table starts new lists (and converters spill cell text as lines).
            stack.retain(|(s, _)| !is_list_style(*s));
            continue;
        };
        // Deeply indented lines of PDF text are table rows or centred captions.
        let raw = d.doc.lines.get((line as usize).wrapping_sub(1)).map_or("", String::as_str);
        let indent = raw.chars().take_while(|c| *c == ' ').count();
        // A part heading (`第二部分`) is often centred; other deep-indented lines are rows.
        if table_like(raw) || (indent >= 8 && style != NumberingStyle::Part) {
            continue;
        }
        let own = stack.iter().position(|(s, _)| *s == style);
        let fits = |k: usize| stack.get(k).is_some_and(|(_, last)| ordinal == last.saturating_add(1));
        if own.is_some_and(|k| fits(k) || ordinal == 1) || (own.is_none() && ordinal == 1) {
            let k = own.unwrap_or(stack.len());
            stack.truncate(k);
            stack.push((style, ordinal));
            continue;
        }
        // `9、` where the level 一、…八、 continues (or `四、` after `1、2、3、`): the right
        // number in another style. Only headings: a note's `2.` may follow a `1.` printed
        // inside the previous line.
        let candidates = match own {
            Some(k) => (0..k).rev().collect::<Vec<_>>(),
            None => stack.len().checked_sub(1).into_iter().collect(),
        };
        let outer = candidates.into_iter().find(|&j| heading && fits(j));
        if let Some(j) = outer {
            let (want_zh, want_en) = style_name(stack[j].0);
            let mut f = finding(
                "layout.numbering",
                Severity::Info,
                format!("同级标题序号样式混用：“{label}”接在“{want_zh}”样式的第 {} 个之后", ordinal.saturating_sub(1)),
                format!(
                    "numbering styles mixed at one level: {label} follows {want_en}-style number {}",
                    ordinal.saturating_sub(1)
                ),
            );
            f.locations.push(line_location(d, line));
            out.push(f);
            stack.truncate(j);
            stack.push((style, ordinal));
            continue;
        }
        let Some(k) = own else {
            stack.push((style, ordinal));
            continue;
        };
        stack.truncate(k + 1);
        let last = stack[k].1;
        stack[k].1 = ordinal;
        let (zh, en) = style_name(style);
        let (what_zh, what_en) = if ordinal == last {
            ("重号", "repeats")
        } else if ordinal > last {
            ("跳号", "skips")
        } else {
            ("倒序", "goes backwards")
        };
        let mut f = finding(
            "layout.numbering",
            Severity::Info,
            format!("“{zh}”级标题序号{what_zh}：上一个是第 {last} 个，此处为“{label}”"),
            format!("{en}-level numbering {what_en}: {label} follows number {last}"),
        );
        f.locations.push(line_location(d, line));
        f.expected = Some(last.saturating_add(1).to_string());
        f.actual = Some(ordinal.to_string());
        out.push(f);
    }
}

/// An entry of the 目录 without its page number and dot leaders.
fn entry_key(text: &str) -> String {
    let k = bare_label(text).replace("年度", "年").replace(':', "");
    k.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '_')).to_owned()
}

fn contents(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let blocks = &d.doc.blocks;
    let Some(start) = blocks.iter().position(|b| b.text().is_some_and(|t| key(t) == "目录")) else { return };
    // Entries run until the first one comes round again as a real section.
    let mut entries: Vec<(String, u32)> = Vec::new();
    // Ordinals of the parts the 目录 lists (`第二部分` → 2).
    let mut parts_listed: Vec<u32> = Vec::new();
    let mut body_start = blocks.len();
    for (i, b) in blocks.iter().enumerate().skip(start + 1).take(200) {
        let Some(text) = b.text() else {
            body_start = i;
            break;
        };
        let k = entry_key(text);
        // A sentence is body text, not an entry: the 目录 has ended.
        if entries.first().is_some_and(|(f, _)| *f == k) || text.chars().count() > 40 {
            body_start = i;
            break;
        }
        if k.chars().count() >= 2 {
            let part = match b {
                Block::Heading(h) if h.style == NumberingStyle::Part => {
                    h.numbering.as_deref().and_then(numbering::parse)
                }
                _ => numbering::parse(text).filter(|n| n.style == NumberingStyle::Part),
            };
            if let Some(n) = part {
                parts_listed.push(n.ordinal);
            }
            entries.push((k, b.span().line));
        }
    }
    if entries.len() < 3 || body_start >= blocks.len() {
        return;
    }
    let body: Vec<String> = blocks[body_start..]
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.rows.iter().flat_map(|r| r.texts()).map(key).collect::<Vec<_>>().join("|")),
            _ => b.text().map(|t| bare_label(t).replace("年度", "年").replace(':', "")),
        })
        .collect();
    // Parts of the body the 目录 does not list (when it lists parts at all).
    if !parts_listed.is_empty() {
        let unlisted: Vec<(String, u32)> = blocks[body_start..]
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) if h.style == NumberingStyle::Part => {
                    // Matched by number: titles are often shortened in the body.
                    let ordinal = h.numbering.as_deref().and_then(numbering::parse).map(|n| n.ordinal);
                    let listed = ordinal.is_none_or(|o| parts_listed.contains(&o));
                    (!listed)
                        .then(|| (format!("{}{}", h.numbering.as_deref().unwrap_or(""), h.text.trim()), h.span.line))
                }
                _ => None,
            })
            .collect();
        if !unlisted.is_empty() {
            let names: Vec<&str> = unlisted.iter().map(|(e, _)| e.as_str()).collect();
            let mut f = finding(
                "layout.contents",
                Severity::Info,
                format!("正文的 {} 个部分不在目录中：{}", names.len(), names.join("、")),
                format!("{} parts of the body are not in the contents: {}", names.len(), names.join(", ")),
            );
            for (_, line) in &unlisted {
                f.locations.push(line_location(d, *line));
            }
            out.push(f);
        }
    }
    let missing: Vec<(String, u32)> = entries
        .into_iter()
        .filter(|(entry, _)| {
            !body.iter().any(|b| b.contains(entry) || (b.chars().count() >= 4 && entry.contains(b.as_str())))
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    // One finding for the whole 目录: a document whose tables are published separately
    // misses them all at once.
    let names: Vec<&str> = missing.iter().map(|(e, _)| e.as_str()).collect();
    let mut f = finding(
        "layout.contents",
        Severity::Info,
        format!("目录列出的 {} 项在正文中找不到：{}", names.len(), names.join("、")),
        format!("{} contents entries have no section in the body: {}", names.len(), names.join(", ")),
    );
    for (_, line) in &missing {
        f.locations.push(line_location(d, *line));
    }
    out.push(f);
}

fn stuck_figure(ctx: &Context, p: &scan::Piece, out: &mut Vec<Finding>) {
    let c = &p.folded;
    // Stuck means glued: `情况说明1048.28`, not a figure set apart in a column.
    let printed = p.text.trim_end();
    let glued = printed
        .trim_end_matches(|ch: char| ch.is_ascii_digit() || matches!(ch, '.' | ','))
        .chars()
        .last()
        .is_some_and(|ch| !ch.is_whitespace());
    let line = p.line_of(0);
    if !glued || ctx.disclosure.doc.line_text(line).is_some_and(table_like) {
        return;
    }
    let digits = c.iter().rev().take_while(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',')).count();
    if digits == 0 || digits == c.len() {
        return;
    }
    let head: String = c[..c.len() - digits].iter().collect();
    // `附件1`, `表2`, `指标3`, `2020` in a title, `第3` are numbering, not stray figures.
    let before = head.chars().last();
    let numbering_word = ["附件", "附表", "表", "件", "第", "号", "指标", "目标", "项目", "年", "年度", "-", "—"]
        .iter()
        .any(|w| head.ends_with(w));
    if numbering_word || before.is_none_or(|b| b <= '\u{2e80}') {
        return;
    }
    let tail: String = c[c.len() - digits..].iter().collect();
    let mut f = finding(
        "layout.stuck-figure",
        Severity::Info,
        format!("标题“{head}”后粘连数字“{tail}”"),
        format!("heading \"{head}\" ends in a stray figure \"{tail}\""),
    );
    f.locations.push(line_location(ctx.disclosure, p.line_of(c.len() - digits)));
    out.push(f);
}

fn punctuation(ctx: &Context, p: &scan::Piece, out: &mut Vec<Finding>) {
    let c = &p.folded;
    let mut i = 0;
    while i + 1 < c.len() {
        let a = c[i];
        if matches!(a, '。' | ',' | '、' | ';' | ':' | '!' | '?' | '！' | '？') && c[i + 1] == a {
            let mut f = finding(
                "layout.punctuation",
                Severity::Info,
                format!("标点重复：“{}{}”", display(a), display(a)),
                format!("doubled punctuation \"{a}{a}\""),
            );
            f.locations.push(line_location(ctx.disclosure, p.line_of(i)));
            out.push(f);
            while i + 1 < c.len() && c[i + 1] == a {
                i += 1;
            }
        }
        i += 1;
    }
}

fn display(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        _ => c,
    }
}

/// Brackets of one kind over the text in reading order. An open bracket may be closed in
/// one of the next few blocks when they follow closely (hard-wrapped PDF text splits
/// `（主\n要是教育收费）` across blocks the reader could not join); otherwise it is unpaired.
fn brackets(
    ctx: &Context,
    text: &[&scan::Piece],
    (open, close): (char, char),
    (zh, en): (&str, &str),
    out: &mut Vec<Finding>,
) {
    const CARRY: usize = 3;
    let report = |at: (usize, usize), out: &mut Vec<Finding>| {
        let (o, cl) = if open == '(' { ('（', '）') } else { (open, close) };
        let mut f = finding(
            "layout.brackets",
            Severity::Info,
            format!("{zh}不成对（“{o}”与“{cl}”）"),
            format!("unbalanced {en} ({o} {cl})"),
        );
        f.locations.push(line_location(ctx.disclosure, text[at.0].line_of(at.1)));
        out.push(f);
    };
    // Open brackets not yet closed: (piece, index).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut carried = 0;
    for (k, p) in text.iter().enumerate() {
        let adjacent = k > 0 && {
            let last = text[k - 1];
            p.block == last.block + 1
                && p.line_of(0) <= last.line_of(last.folded.len().saturating_sub(1)).saturating_add(6)
        };
        if !stack.is_empty() && (!adjacent || carried >= CARRY) {
            report(stack[0], out);
            stack.clear();
        }
        let c = &p.folded;
        // A list marker `1)` / `一)` at the very start closes nothing.
        let marker = c.iter().take(4).position(|ch| *ch == ')').filter(|&m| {
            m > 0
                && c[..m].iter().all(|ch| ch.is_ascii_digit() || numbering::is_chinese_numeral(*ch))
                && !c.contains(&'(')
        });
        for (i, ch) in c.iter().enumerate() {
            if *ch == open {
                stack.push((k, i));
            } else if *ch == close && Some(i) != marker && stack.pop().is_none() {
                report((k, i), out);
            }
        }
        carried = if stack.is_empty() { 0 } else { carried + 1 };
    }
    if let Some(&first) = stack.first() {
        report(first, out);
    }
}
