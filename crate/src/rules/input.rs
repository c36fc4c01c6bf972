//! Problems met while reading the input (encoding, size limits, unreadable parts): they
//! are reported like findings so the user sees them next to the results.

use super::{Context, RuleInfo};
use crate::finding::{Finding, Location, Message, Severity};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "input.encoding",
        family: "input",
        severity: Severity::Warning,
        title_zh: "输入编码有误",
        title_en: "Input encoding problem",
        doc_zh: "输入中有无法解码的字节。文字与数字可能缺失，检查结果可能不完整。请以 UTF-8 或 GB18030 保存后重试。",
        doc_en: "Some input bytes could not be decoded; text and figures may be missing, so results may be incomplete. Save the file as UTF-8 or GB18030 and retry.",
    },
    RuleInfo {
        id: "input.too-large",
        family: "input",
        severity: Severity::Warning,
        title_zh: "输入超出处理上限",
        title_en: "Input exceeds a processing limit",
        doc_zh: "为保证任何输入都能在有限时间内检查完毕，过长的行或过多的行会被截断，只检查前面部分。",
        doc_en: "To keep every check bounded, over-long lines or too many lines are cut and only the first part is checked.",
    },
    RuleInfo {
        id: "input.pdf-no-text",
        family: "input",
        severity: Severity::Warning,
        title_zh: "PDF 没有文字层",
        title_en: "PDF has no text layer",
        doc_zh: "PDF 中没有可提取的文字（扫描件或图片），无法检查。请先进行 OCR 文字识别，再检查识别后的文件。",
        doc_en: "The PDF has no extractable text (a scan or images), so nothing can be checked. Run OCR on it first and check the result.",
    },
    RuleInfo {
        id: "input.unreadable",
        family: "input",
        severity: Severity::Warning,
        title_zh: "文件无法完整读取",
        title_en: "File cannot be read (completely)",
        doc_zh: "文件已损坏、被截断、加密，或不是支持的格式（如旧版 .doc），全部或部分内容未能读取。请重新保存为 DOCX、XLSX、PDF 或文本后再检查。",
        doc_en: "The file is damaged, truncated, encrypted or in an unsupported format (such as legacy .doc); all or part of it was not read. Save it again as DOCX, XLSX, PDF or text and retry.",
    },
    RuleInfo {
        id: "input.images-only",
        family: "input",
        severity: Severity::Warning,
        title_zh: "表格是图片，无法检查",
        title_en: "Tables are images and cannot be checked",
        doc_zh: "网页中没有文字表格，只有图片：表格多半以图片形式发布，其中的数字无法读取和核对。",
        doc_en: "The page has no text tables, only images: the tables are probably published as pictures, so their figures cannot be read or checked.",
    },
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for issue in &ctx.disclosure.doc.issues {
        let Some(info) = RULES.iter().find(|r| r.id == issue.code) else {
            continue;
        };
        out.push(Finding {
            rule: info.id,
            severity: info.severity,
            message: Message { zh: issue.zh.clone(), en: issue.en.clone() },
            locations: issue
                .span
                .map(|s| Location { line: s.line, end_line: s.end_line, page: s.page, ..Default::default() })
                .into_iter()
                .collect(),
            expected: None,
            actual: None,
        });
    }
}
