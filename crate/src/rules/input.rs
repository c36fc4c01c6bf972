//! Problems met while reading the input (encoding, size limits, unreadable parts): they
//! are reported like findings so the user sees them next to the results.

use super::{Context, RuleInfo};
use crate::report::{Finding, Location, Message, Severity};

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
        id: "input.pdf-encrypted",
        family: "input",
        severity: Severity::Warning,
        title_zh: "PDF 已加密",
        title_en: "PDF is encrypted",
        doc_zh: "加密的 PDF 无法读取文字。请解除密码或“打印为 PDF”另存一份未加密的文件后再检查。",
        doc_en: "An encrypted PDF's text cannot be read. Remove the password (or print it to a new PDF) and check that file.",
    },
    RuleInfo {
        id: "input.pdf-damaged",
        family: "input",
        severity: Severity::Warning,
        title_zh: "PDF 已损坏",
        title_en: "PDF is damaged",
        doc_zh: "PDF 文件损坏或不完整，部分或全部内容无法读取，检查结果可能不完整。",
        doc_en: "The PDF is damaged or incomplete; some or all of its content cannot be read, so results may be incomplete.",
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
