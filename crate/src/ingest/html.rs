//! HTML documents: portal pages (also JSP/ASP templates saved from a site) and the
//! `text/html` a browser or Word puts on the clipboard. Block elements (`p`, `div`, `h1`–`h6`,
//! `li`, `br`, …) become lines, `<h1>`–`<h6>` get Markdown `#` marks, tables go through the
//! same `<table>` scanner the text reader uses for embedded fragments (rowspan/colspan,
//! `<br>` in cells, entities), and each cell keeps its source (`表格N!B3`).
//!
//! A small scanner rather than an HTML5 parser: what we need is block boundaries, tables and
//! entities, and the hostile parts of real input (Word's `<![if …]>` and `<!--[if …]>`
//! conditionals, `<xml>` islands, `mso-` styles, scripts, JSP directives) are all droppable
//! by tag. It runs in one linear pass with no recursion, so nesting depth costs nothing.

use super::html_table;
use super::rendered::Rendering;
use crate::document::{CellRef, Document, ReadIssue};

/// Is this decoded text an HTML document (as opposed to text with an embedded fragment)?
pub fn looks_like_html(text: &str) -> bool {
    let mut t = text.trim_start_matches('\u{feff}').trim_start();
    // Windows clipboard HTML header (`Version:0.9 StartHTML:…`) precedes the markup.
    if t.starts_with("Version:") {
        if let Some(p) = super::head(t, 1024).find('<') {
            t = &t[p..];
        }
    }
    // JSP/ASP directives and an XML declaration may come first.
    for _ in 0..16 {
        let lower = super::head(t, 16).to_ascii_lowercase();
        let skip = if lower.starts_with("<%") {
            t.find("%>").map(|p| p + 2)
        } else if lower.starts_with("<?") {
            t.find("?>").map(|p| p + 2)
        } else if lower.starts_with("<!--") {
            t.find("-->").map(|p| p + 3)
        } else {
            None
        };
        match skip {
            Some(n) => t = t[n..].trim_start(),
            None => break,
        }
    }
    let lower = super::head(t, 32).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<meta"].iter().any(|p| lower.starts_with(p))
}

/// Elements whose content is never document text.
const DROPPED: &[&str] = &["script", "style", "head", "xml", "template", "noscript", "select", "svg", "object"];
/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "center",
    "hr",
    "title",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "caption",
    "form",
    "fieldset",
    "address",
    "figure",
    "figcaption",
    "body",
    "html",
];

pub fn read(text: &str, encoding: &str) -> Document {
    let mut out = Rendering::new(&format!("HTML ({encoding})"));
    let html = strip_non_content(text);
    let lower = html.to_ascii_lowercase();
    let mut gt = html_table::NextGt::default();
    let mut line = String::new();
    let mut heading = 0usize;
    let mut tables = 0u16;
    let mut images = 0usize;
    // Layout tables descended into; each costs a scan to its end, so nesting is bounded.
    let mut layout_budget = 64u32;
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<') else {
            line.push_str(&html[i..]);
            break;
        };
        line.push_str(&html[i..i + lt]);
        i += lt;
        let Some((name, closing, len)) = tag_at(&html, i, &mut gt) else {
            line.push('<');
            i += 1;
            continue;
        };
        if name == "table" && !closing {
            flush(&mut out, &mut line, heading);
            let end = table_end(&lower[i..]).map_or(html.len(), |n| i + n);
            if layout_budget > 0 && lower[i + len..end].contains("<table") {
                layout_budget -= 1;
                // A layout table (portal pages wrap their content in one): its cells are
                // blocks of the page and the data tables are the ones inside.
                i += len;
                continue;
            }
            for t in html_table::parse_tables(&html[i..end], 1) {
                tables = tables.saturating_add(1);
                out.push_break(None);
                for (ri, row) in t.rows.iter().enumerate() {
                    let cells: Vec<(String, Option<CellRef>)> = row
                        .cells
                        .iter()
                        .enumerate()
                        .map(|(ci, c)| {
                            let r = (!c.text.is_empty()).then_some(CellRef {
                                grid: tables,
                                row: ri as u32 + 1,
                                col: ci as u32 + 1,
                            });
                            (c.text.clone(), r)
                        })
                        .collect();
                    out.push_row(&cells, None);
                }
                out.push_break(None);
            }
            i = end;
            continue;
        }
        if name == "img" {
            images += 1;
        }
        if BLOCKS.contains(&name.as_str()) {
            flush(&mut out, &mut line, heading);
            heading = match (name.as_bytes(), closing) {
                ([b'h', d @ b'1'..=b'6'], false) => usize::from(d - b'0'),
                _ => 0,
            };
        } else if matches!(name.as_str(), "td" | "th" | "tr" | "table" | "tbody" | "thead" | "tfoot") {
            // Cells of a layout table, or stray cells: blocks of their own.
            flush(&mut out, &mut line, heading);
            heading = 0;
        }
        i += len;
    }
    flush(&mut out, &mut line, heading);
    if tables == 0 && images > 0 {
        out.issues.push(ReadIssue {
            code: "input.images-only",
            zh: format!(
                "网页中没有文字表格，只有 {images} 张图片：表格可能以图片形式发布，其中的数字无法检查。请取得含文字表格的 PDF、Word 或 Excel 文件"
            ),
            en: format!(
                "the page has no text tables, only {images} image(s): the tables are probably published as pictures and their figures cannot be checked; get a PDF, Word or Excel version with text tables"
            ),
            span: None,
        });
    }
    out.into_document()
}

/// Write the pending text as a line (headings with `#` marks).
fn flush(out: &mut Rendering, line: &mut String, heading: usize) {
    let text = html_table::decode_entities(line);
    line.clear();
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return;
    }
    if heading > 0 {
        out.push_text(&format!("{} {text}", "#".repeat(heading)), None);
    } else {
        out.push_text(&text, None);
    }
    out.push_break(None);
}

/// Name, whether it is a closing tag, and length of the tag at `html[i]` (a `<`).
fn tag_at(html: &str, i: usize, gt: &mut html_table::NextGt) -> Option<(String, bool, usize)> {
    let end = gt.find(html, i)? - i;
    let inner = &html[i + 1..i + end];
    let (closing, inner) = inner.strip_prefix('/').map_or((false, inner), |r| (true, r));
    let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((name.to_ascii_lowercase(), closing, end + 1))
}

/// Length of the `<table>…</table>` at the start of `lower` (lower-cased HTML), nested
/// tables included.
fn table_end(lower: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(p) = lower[i..].find("table") {
        let at = i + p;
        let before = &lower.as_bytes()[..at];
        let after = lower.as_bytes().get(at + 5).copied().unwrap_or(b'>');
        let boundary = matches!(after, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/');
        if before.ends_with(b"</") && boundary {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return lower[at..].find('>').map(|q| at + q + 1);
            }
        } else if before.ends_with(b"<") && boundary {
            depth += 1;
        }
        i = at + 5;
    }
    None
}

/// Remove what is never content: comments (also Word's `<!--[if …]>…<![endif]-->`), the
/// `<![if …]>`/`<![endif]>` markers of Word's down-level conditionals (their content stays:
/// it holds list numbers), JSP/ASP/PHP code, and elements in `DROPPED` with their content.
fn strip_non_content(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let lower = html.to_ascii_lowercase();
    let mut gt = html_table::NextGt::default();
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<') else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..i + lt]);
        i += lt;
        let rest = &lower[i..];
        let skip_to = |close: &str| rest.find(close).map_or(html.len(), |p| i + p + close.len());
        if rest.starts_with("<!--") {
            i = skip_to("-->");
        } else if rest.starts_with("<![") || rest.starts_with("<!") || rest.starts_with("<?") {
            i = skip_to(">");
        } else if rest.starts_with("<%") {
            i = skip_to("%>");
        } else if let Some((name, false, len)) = tag_at(html, i, &mut gt) {
            if DROPPED.contains(&name.as_str()) && !html[i..i + len].ends_with("/>") {
                i = skip_to(&format!("</{name}"));
                // past the closing tag's '>'
                i = lower[i..].find('>').map_or(html.len(), |p| i + p + 1).min(html.len());
            } else {
                out.push_str(&html[i..i + len]);
                i += len;
            }
        } else {
            out.push('<');
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    #[test]
    fn detects_documents_not_fragments() {
        assert!(looks_like_html("<!DOCTYPE html><html><body>x</body></html>"));
        assert!(looks_like_html("\u{feff}  <html xmlns:o=\"urn:schemas-microsoft-com:office:office\">"));
        assert!(looks_like_html("<%@ page language=\"java\"%>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"));
        assert!(looks_like_html("Version:0.9\r\nStartHTML:0000000105\r\n<html><body>"));
        assert!(looks_like_html("<meta charset='utf-8'><table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html("支出决算表\n<table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html("项目\t合计"));
    }

    #[test]
    fn word_clipboard_debris_is_dropped() {
        let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style>p.MsoNormal{mso-style-parent:\"\";}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings>x</o:OfficeDocumentSettings></xml><![endif]--></head><body lang=ZH-CN>\
<h1>第一部分&nbsp;部门概况</h1>\
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>一、<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span><![endif]>主要职责<o:p></o:p></p>\
<script>var a = '<p>not text</p>';</script>\
<p>收入&amp;支出</p></body></html>";
        let doc = read(html, "UTF-8");
        let texts: Vec<&str> = doc.lines.iter().map(String::as_str).filter(|l| !l.is_empty()).collect();
        assert_eq!(texts, vec!["# 第一部分 部门概况", "一、 主要职责", "收入&支出"]);
        assert!(matches!(doc.blocks[0], Block::Heading(_)));
    }

    #[test]
    fn tables_keep_cells_and_merges() {
        let html = "<html><body><p>收入决算表</p><table border=1><tr><td rowspan=2>项目</td><td colspan=2>本年收入</td></tr>\
<tr><td>财政拨款</td><td>其他<br>收入</td></tr><tr><td>合计</td><td>1,246.27</td><td>0.10</td></tr></table><p>注：无</p></body></html>";
        let doc = read(html, "UTF-8");
        let t = doc.blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).unwrap();
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.texts().collect()).collect();
        assert_eq!(
            rows,
            vec![vec!["项目", "本年收入", ""], vec!["", "财政拨款", "其他 收入"], vec!["合计", "1,246.27", "0.10"]]
        );
        assert_eq!(doc.cell_name(t.rows[2].cells[1].span.cell.unwrap()), "表格1!B3");
    }

    #[test]
    fn layout_tables_are_descended_into() {
        let html = "<html><body><table width=100%><tr><td>导航</td></tr><tr><td><p>收入决算表</p>\
<table><tr><td>项目</td><td>合计</td></tr><tr><td>合计</td><td>1.00</td></tr></table></td></tr></table></body></html>";
        let doc = read(html, "UTF-8");
        let t: Vec<_> =
            doc.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows[1].texts().collect::<Vec<_>>(), vec!["合计", "1.00"]);
        assert!(doc.lines.iter().any(|l| l == "导航") && doc.lines.iter().any(|l| l == "收入决算表"));
    }

    #[test]
    fn image_only_page_says_so() {
        let doc = read("<html><body><p>2018年部门预算</p><img src=a.gif><img src=b.gif></body></html>", "UTF-8");
        assert!(doc.issues.iter().any(|i| i.code == "input.images-only" && i.zh.contains("2 张图片")));
    }

    #[test]
    fn deep_nesting_and_broken_markup_are_bounded() {
        let deep = "<div>".repeat(200_000) + "正文" + &"</div>".repeat(10);
        let doc = read(&deep, "UTF-8");
        assert!(doc.lines.iter().any(|l| l == "正文"));
        let tables = "<table><tr><td>".repeat(20_000) + "x";
        let _ = read(&tables, "UTF-8");
        let _ = read("<<<<>>>> <table <tr <!-- <![if <% <script", "UTF-8");
    }
}
