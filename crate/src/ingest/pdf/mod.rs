//! PDF reader: a PDF with a text layer becomes the same `Document` as pasted text.
//!
//! The file structure is found by scanning for objects (damaged cross-reference tables do
//! not matter), the page contents are interpreted into positioned glyphs and ruling lines,
//! and `layout` rebuilds lines, paragraphs and tables (grids from ruling lines, otherwise
//! column alignment). Everything is bounded (`Limits`); problems become read issues with a
//! clear message, never a panic.

mod content;
mod file;
mod font;
mod layout;
mod syntax;

use crate::document::{Document, ReadIssue};
use crate::ingest::rendered::Rendering;
use content::{Budget, Interp, PageContent};
use file::PdfFile;
use syntax::{Dict, Obj};

/// Caps that bound the work on any input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_pages: usize,
    pub max_objects: usize,
    /// Largest decoded size of one stream.
    pub max_stream_bytes: usize,
    /// Decoded bytes over the whole document.
    pub total_stream_bytes: usize,
    /// Content stream operators over the whole document.
    pub max_operators: usize,
    pub max_glyphs: usize,
    /// Form XObjects drawn inside Form XObjects.
    pub max_form_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pages: 2_000,
            max_objects: 500_000,
            max_stream_bytes: 64 << 20,
            total_stream_bytes: 512 << 20,
            max_operators: 20_000_000,
            max_glyphs: 5_000_000,
            max_form_depth: 12,
        }
    }
}

/// A page as the layout sees it.
pub struct Page {
    pub number: u32,
    /// MediaBox (x0, y0, x1, y1).
    pub bbox: [f64; 4],
    pub content: PageContent,
}

fn issue(code: &'static str, zh: String, en: String) -> ReadIssue {
    ReadIssue { code, zh, en, span: None }
}

// Format detection lives with the other magic bytes, where builds without this reader see it.
pub use super::is_pdf;

pub fn read(bytes: &[u8]) -> Document {
    read_with(bytes, Limits::default())
}

pub fn read_with(bytes: &[u8], limits: Limits) -> Document {
    let (pages, mut issues) = extract(bytes, limits);
    let mut r = Rendering::new("PDF");
    layout::render(&pages, &mut r);
    let chars: usize = pages.iter().map(|p| p.content.glyphs.len()).sum();
    let images: usize = pages.iter().map(|p| p.content.images).sum();
    if chars == 0 && !issues.iter().any(|i| i.code == "input.unreadable") {
        issues.push(if images > 0 || !pages.is_empty() {
            issue(
                "input.pdf-no-text",
                format!("该 PDF 共 {} 页，没有可提取的文字（可能是扫描件或图片）。请先进行 OCR 文字识别，再检查识别后的文件", pages.len()),
                format!("this PDF ({} pages) has no extractable text (probably scanned or images); run OCR on it first and check the result", pages.len()),
            )
        } else {
            issue(
                "input.unreadable",
                "无法读取该 PDF：文件已损坏或不完整，找不到任何页面".into(),
                "cannot read this PDF: the file is damaged or incomplete and no page was found".into(),
            )
        });
    }
    r.issues = issues;
    r.into_document()
}

/// The number of pages in the page tree (0 for an unreadable or encrypted file).
pub fn page_count(bytes: &[u8]) -> usize {
    let f = PdfFile::parse(bytes, Limits::default());
    let mut pages = Vec::new();
    if let Some(pages_root) = f.dict(&f.trailer, b"Root").and_then(|root| f.dict(root, b"Pages")) {
        collect_pages(&f, pages_root, &Inherited::default(), 0, &mut pages, &mut Vec::new());
    }
    pages.len()
}

/// Pages with their glyphs and rulings, and what went wrong on the way.
pub fn extract(bytes: &[u8], limits: Limits) -> (Vec<Page>, Vec<ReadIssue>) {
    let mut issues = Vec::new();
    let f = PdfFile::parse(bytes, limits);
    if f.is_encrypted() {
        issues.push(issue(
            "input.unreadable",
            "该 PDF 已加密，无法读取文字。请先用 PDF 阅读器解除密码或“打印为 PDF”另存一份未加密的文件再检查".into(),
            "this PDF is encrypted and its text cannot be read; remove the password (or print it to a new PDF) and check that file".into(),
        ));
        return (Vec::new(), issues);
    }
    let mut page_dicts = Vec::new();
    if let Some(root) = f.dict(&f.trailer, b"Root") {
        if let Some(pages) = f.dict(root, b"Pages") {
            collect_pages(&f, pages, &Inherited::default(), 0, &mut page_dicts, &mut Vec::new());
        }
    }
    let capped_pages = page_dicts.len() > limits.max_pages;
    page_dicts.truncate(limits.max_pages);
    let mut interp = Interp::new(
        &f,
        Budget {
            ops_left: limits.max_operators,
            glyphs_left: limits.max_glyphs,
            max_form_depth: limits.max_form_depth,
            exhausted: false,
            too_deep: false,
        },
    );
    let mut pages = Vec::new();
    for (i, (d, inh)) in page_dicts.iter().enumerate() {
        let mut data = Vec::new();
        match f.get(d, b"Contents") {
            Obj::Array(a) => {
                for c in a {
                    if let Some(b) = f.stream_data(c) {
                        data.extend_from_slice(&b);
                        data.push(b'\n');
                    }
                }
            }
            c => data = f.stream_data(c).unwrap_or_default(),
        }
        let res = inh.resources.clone().unwrap_or_default();
        let bbox = inh.media_box.unwrap_or([0.0, 0.0, 595.0, 842.0]);
        // Rotated pages are turned upright so that lines stay horizontal.
        let ctm = match inh.rotate.rem_euclid(360) {
            90 => [0.0, -1.0, 1.0, 0.0, -bbox[1], bbox[2]],
            180 => [-1.0, 0.0, 0.0, -1.0, bbox[2], bbox[3]],
            270 => [0.0, 1.0, -1.0, 0.0, bbox[3], -bbox[0]],
            _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        };
        let bbox = if matches!(inh.rotate.rem_euclid(360), 90 | 270) {
            [0.0, 0.0, bbox[3] - bbox[1], bbox[2] - bbox[0]]
        } else {
            bbox
        };
        interp.run(&data, &res, ctm, 0);
        let content = std::mem::take(&mut interp.out);
        pages.push(Page { number: i as u32 + 1, bbox, content });
        if interp.budget.exhausted {
            break;
        }
    }
    let b = &interp.budget;
    if capped_pages {
        issues.push(issue(
            "input.too-large",
            format!("该 PDF 超过 {} 页的上限，只检查了前 {} 页", limits.max_pages, limits.max_pages),
            format!(
                "this PDF has more than {} pages; only the first {} were checked",
                limits.max_pages, limits.max_pages
            ),
        ));
    }
    if b.exhausted || f.truncated.get() {
        issues.push(issue(
            "input.too-large",
            format!("该 PDF 内容超出处理上限（对象、解压数据或绘制指令过多），只检查了前 {} 页中读出的部分", pages.len()),
            format!("this PDF exceeds a processing limit (objects, decompressed data or drawing operators); only what was read from the first {} pages was checked", pages.len()),
        ));
    }
    if b.too_deep {
        issues.push(issue(
            "input.too-large",
            format!("该 PDF 的表单对象嵌套超过 {} 层，更深层的内容未读取", limits.max_form_depth),
            format!(
                "this PDF nests form objects deeper than {} levels; the deeper content was not read",
                limits.max_form_depth
            ),
        ));
    }
    if f.damaged_streams.get() > 0 && !pages.is_empty() {
        issues.push(issue(
            "input.unreadable",
            format!("该 PDF 有 {} 个数据流已损坏，相应内容可能缺失，检查结果可能不完整", f.damaged_streams.get()),
            format!(
                "{} data streams of this PDF are damaged; their content may be missing and results incomplete",
                f.damaged_streams.get()
            ),
        ));
    }
    (pages, issues)
}

#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Dict>,
    media_box: Option<[f64; 4]>,
    rotate: i64,
}

/// Walks the page tree (bounded depth, each node once) collecting page dictionaries with
/// their inherited attributes.
fn collect_pages(
    f: &PdfFile,
    node: &Dict,
    inh: &Inherited,
    depth: usize,
    out: &mut Vec<(Dict, Inherited)>,
    seen: &mut Vec<*const Dict>,
) {
    if depth > 64 || out.len() > f.limits.max_pages || seen.contains(&(node as *const Dict)) {
        return;
    }
    seen.push(node as *const Dict);
    let mut inh = inh.clone();
    if let Some(r) = f.dict(node, b"Resources") {
        inh.resources = Some(r.clone());
    }
    if let Some(a) = f.get(node, b"MediaBox").as_array() {
        let v: Vec<f64> = a.iter().filter_map(|o| f.resolve(o).as_num()).collect();
        if let [x0, y0, x1, y1] = v[..] {
            inh.media_box = Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)]);
        }
    }
    if let Some(r) = f.get(node, b"Rotate").as_num() {
        inh.rotate = r as i64;
    }
    match f.get(node, b"Kids").as_array() {
        Some(kids) if f.get(node, b"Type").as_name() != Some(b"Page") => {
            for k in kids {
                if let Some(d) = f.resolve(k).as_dict() {
                    collect_pages(f, d, &inh, depth + 1, out, seen);
                }
            }
        }
        _ if f.get(node, b"Type").as_name() == Some(b"Pages") => {}
        _ => out.push((node.clone(), inh)),
    }
}
