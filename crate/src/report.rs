//! Findings and the report: what every output (JSON, text, the page) renders.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A place in the input a finding points at.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    pub line: u32,
    pub end_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// `Sheet1!B12` for workbooks, `表格3 第2行第4列` for Word tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// A message in both languages; the report carries the one the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: Message,
    pub locations: Vec<Location>,
    pub expected: Option<String>,
    pub actual: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentInfo {
    /// `决算`, `预算` or null when undecided.
    pub kind: Option<String>,
    /// `部门` or `单位`.
    pub level: Option<String>,
    pub year: Option<u32>,
    pub department: Option<String>,
    /// Money units the tables state (`万元`, `元`).
    pub units: Vec<String>,
    pub encoding: String,
    pub tables: usize,
    /// Standard table kinds recognised, in document order (`final.income`, …).
    pub recognised: Vec<String>,
    /// The document's own table list (目录 / 报表目录).
    pub declared: Vec<DeclaredInfo>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DeclaredInfo {
    pub label: Option<String>,
    pub name: String,
    pub kind: Option<String>,
    pub empty: Option<bool>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// A finding as it appears in the report (message in the chosen language).
#[derive(Debug, Clone, Serialize)]
pub struct ReportFinding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub locations: Vec<Location>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// Where the rule is documented (relative to the site root).
    pub help: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub tool: Tool,
    pub document: DocumentInfo,
    pub summary: Summary,
    pub findings: Vec<ReportFinding>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// Merge findings that say exactly the same thing (same rule, severity, message and
/// figures) into one finding with all their locations, in order of first appearance. A
/// template with fifty `XX` is one finding with fifty places, not fifty findings; this holds
/// for every rule, so no rule needs its own de-duplication.
pub fn group(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut merged: Vec<usize> = Vec::with_capacity(findings.len());
    // Keyed lookup keeps this linear on documents with thousands of findings.
    type Key = (&'static str, Severity, String, String, Option<String>, Option<String>);
    let mut index: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for f in findings {
        let key: Key =
            (f.rule, f.severity, f.message.zh.clone(), f.message.en.clone(), f.expected.clone(), f.actual.clone());
        if let Some(&k) = index.get(&key) {
            for l in f.locations {
                if !out[k].locations.iter().any(|x| x.line == l.line && x.cell == l.cell && x.column == l.column) {
                    out[k].locations.push(l);
                }
            }
            merged[k] += 1;
        } else {
            index.insert(key, out.len());
            out.push(f);
            merged.push(1);
        }
    }
    for (f, n) in out.iter_mut().zip(merged) {
        let places = f.locations.len();
        if n > 1 && places > 1 {
            f.message.zh.push_str(&format!("（共 {places} 处）"));
            f.message.en.push_str(&format!(" ({places} places)"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rule: &'static str, msg: &str, line: u32) -> Finding {
        Finding {
            rule,
            severity: Severity::Warning,
            message: Message { zh: msg.into(), en: msg.into() },
            locations: vec![Location { line, end_line: line, ..Default::default() }],
            expected: None,
            actual: None,
        }
    }

    #[test]
    fn identical_findings_are_grouped() {
        let g =
            group(vec![at("a.x", "m", 3), at("a.y", "m", 4), at("a.x", "m", 9), at("a.x", "n", 9), at("a.x", "m", 9)]);
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].locations.iter().map(|l| l.line).collect::<Vec<_>>(), vec![3, 9]);
        assert_eq!(g[0].message.zh, "m（共 2 处）");
        assert_eq!(g[1].message.zh, "m");
        assert_eq!(g[2].locations.len(), 1);
    }
}
