//! Rule documentation: one Markdown file per rule (`crate/docs/rules/<id>.md`, format in
//! `crate/docs/rules/README.md`), compiled in by `build.rs`. It feeds `budgetlint explain`,
//! the page's rule panel (wasm `ruleDocs()`) and the generated rules reference page.
//!
//! The text lives in data, not in the registry's `RuleInfo` literals, so that families can
//! be added on parallel branches without touching a shared struct.

use crate::finding::Severity;
use crate::rules::{self, RuleInfo};
use serde::Serialize;

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// The sections every rule's file has, in order: (heading, field).
pub const SECTIONS: &[&str] = &["检查内容", "依据", "What it checks", "Why it matters", "错误示例", "正确示例"];

/// A rule's documentation, with its registry entry.
#[derive(Debug, Clone, Serialize)]
pub struct RuleDoc {
    pub id: &'static str,
    pub family: &'static str,
    pub severity: Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub checks_zh: String,
    pub why_zh: String,
    pub checks_en: String,
    pub why_en: String,
    /// A minimal input the rule fires on.
    pub bad: String,
    /// The same input corrected: the rule stays silent.
    pub good: String,
}

/// The raw Markdown of a rule's documentation.
pub fn source(id: &str) -> Option<&'static str> {
    RULE_DOCS.iter().find(|(i, _)| *i == id).map(|(_, s)| *s)
}

/// Ids of all documentation files (to find files whose rule no longer exists).
pub fn documented() -> impl Iterator<Item = &'static str> {
    RULE_DOCS.iter().map(|(id, _)| *id)
}

/// The text under each `## heading` of a document (headings match by prefix, so
/// `## 错误示例 / Bad` is the `错误示例` section).
fn sections(md: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in md.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            out.push((h.trim().to_owned(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// The contents of the first fenced block of a section (the example input).
fn fenced(body: &str) -> Option<String> {
    let mut lines = body.lines().skip_while(|l| !l.trim_start().starts_with("```"));
    lines.next()?;
    let mut out = String::new();
    for l in lines {
        if l.trim_start().starts_with("```") {
            return Some(out);
        }
        out.push_str(l);
        out.push('\n');
    }
    None
}

/// Why a rule's documentation is incomplete, or its parsed form.
pub fn parse(info: &RuleInfo) -> Result<RuleDoc, String> {
    let md = source(info.id).ok_or_else(|| {
        format!(
            "rule {} has no documentation: add crate/docs/rules/{}.md (see crate/docs/rules/README.md)",
            info.id, info.id
        )
    })?;
    let secs = sections(md);
    let get = |name: &str| -> Result<String, String> {
        let body = secs
            .iter()
            .find(|(h, _)| h.starts_with(name))
            .map(|(_, b)| b.trim().to_owned())
            .filter(|b| !b.is_empty())
            .ok_or_else(|| format!("crate/docs/rules/{}.md: section \"## {name}\" is missing or empty", info.id))?;
        Ok(body)
    };
    let example = |name: &str| -> Result<String, String> {
        fenced(&get(name)?)
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| format!("crate/docs/rules/{}.md: section \"## {name}\" has no fenced example", info.id))
    };
    Ok(RuleDoc {
        id: info.id,
        family: info.family,
        severity: info.severity,
        title_zh: info.title_zh,
        title_en: info.title_en,
        checks_zh: get(SECTIONS[0])?,
        why_zh: get(SECTIONS[1])?,
        checks_en: get(SECTIONS[2])?,
        why_en: get(SECTIONS[3])?,
        bad: example(SECTIONS[4])?,
        good: example(SECTIONS[5])?,
    })
}

/// The documentation of every registered rule that has it, in registry order.
pub fn all() -> Vec<RuleDoc> {
    rules::all_rules().filter_map(|r| parse(r).ok()).collect()
}

/// `budgetlint explain RULE`: the rule's documentation as plain text.
pub fn explain(id: &str) -> Option<String> {
    let info = rules::rule(id)?;
    let mut out = format!(
        "{} — {} / {}\n严重程度 / severity: {}   规则族 / family: {}\n\n",
        info.id,
        info.title_zh,
        info.title_en,
        info.severity.as_str(),
        info.family
    );
    match source(id) {
        // The file is written to be read as text: print it without its `# id` line.
        Some(md) => out.push_str(md.lines().skip_while(|l| l.starts_with("# ")).collect::<Vec<_>>().join("\n").trim()),
        None => {
            out.push_str(info.doc_zh);
            out.push('\n');
            out.push_str(info.doc_en);
        }
    }
    out.push('\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_examples() {
        let md = "# x\n\n## 检查内容\n甲\n\n## 错误示例 / Bad\n\n```text\na\nb\n```\n";
        let s = sections(md);
        assert_eq!(s[0], ("检查内容".to_owned(), "甲\n\n".to_owned()));
        assert_eq!(fenced(&s[1].1).as_deref(), Some("a\nb\n"));
        assert_eq!(fenced("no fence"), None);
    }
}
