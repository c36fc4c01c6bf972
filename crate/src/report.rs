//! The report: what every output (JSON, text, the page) renders, and its assembly from a
//! document. [`assemble`] runs the rule families the options leave on, applies the user's
//! severities, merges identical findings, orders them and counts them, and describes the
//! document as understood. It sits above `rules` (which only emit findings) and below
//! `output` (which only renders a finished report).

use crate::document::Document;
use crate::finding::Finding;
use crate::options::{Lang, Level, Options};
use crate::rules;
use crate::structure::Disclosure;
use serde::Serialize;

/// The finding types are part of the report's shape, so they stay reachable from here.
pub use crate::finding::{Location, Severity};

/// The version every report names (`tool.version`), also `budgetlint --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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

/// The user's level for a rule: its own entry, else its family's.
fn level_for(options: &Options, rule: &str) -> Option<Level> {
    options.severity.get(rule).or_else(|| rule.split('.').next().and_then(|f| options.severity.get(f))).copied()
}

fn disabled(options: &Options, rule: &str) -> bool {
    options.disable.iter().any(|d| rule == d || rule.strip_prefix(d.as_str()).is_some_and(|r| r.starts_with('.')))
        || level_for(options, rule) == Some(Level::Off)
}

/// The report on `doc`, whose structure `disclosure` is (the caller analyses it once).
pub fn assemble(doc: &Document, disclosure: &Disclosure, options: &Options) -> Report {
    let ctx = rules::Context::new(disclosure, options.rounding);
    let mut findings: Vec<Finding> = Vec::new();
    for family in rules::FAMILIES {
        if family.rules.iter().all(|r| disabled(options, r.id)) {
            continue;
        }
        (family.check)(&ctx, &mut findings);
    }
    findings.retain(|f| !disabled(options, f.rule));
    for f in &mut findings {
        match level_for(options, f.rule) {
            Some(Level::Error) => f.severity = Severity::Error,
            Some(Level::Warning) => f.severity = Severity::Warning,
            Some(Level::Info) => f.severity = Severity::Info,
            Some(Level::Off) | None => {}
        }
    }
    let mut findings = group(findings);
    findings.sort_by(|a, b| {
        let line = |f: &Finding| f.locations.first().map_or(0, |l| l.line);
        line(a).cmp(&line(b)).then(a.severity.cmp(&b.severity)).then(a.rule.cmp(b.rule))
    });
    let mut summary = Summary::default();
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    Report {
        tool: Tool { name: "budgetlint", version: VERSION },
        document: document_info(doc, disclosure),
        summary,
        findings: findings
            .into_iter()
            .map(|f| ReportFinding {
                rule: f.rule,
                severity: f.severity,
                message: match options.lang {
                    Lang::Zh => f.message.zh,
                    Lang::En => f.message.en,
                },
                locations: f.locations,
                expected: f.expected,
                actual: f.actual,
                help: format!("rules.html#{}", f.rule),
            })
            .collect(),
    }
}

/// The document as understood: its profile, encoding and tables.
fn document_info(doc: &Document, disclosure: &Disclosure) -> DocumentInfo {
    let p = &disclosure.profile;
    DocumentInfo {
        kind: p.kind.map(str::to_owned),
        level: p.level.map(str::to_owned),
        year: p.year,
        department: p.department.clone(),
        units: p.units.iter().map(|u| u.label().to_owned()).collect(),
        encoding: doc.encoding.clone(),
        tables: disclosure.tables.len(),
        recognised: disclosure.tables.iter().filter_map(|t| t.kind.map(|k| k.id.to_owned())).collect(),
        declared: p
            .declared
            .iter()
            .map(|d| DeclaredInfo {
                label: d.label.clone(),
                name: d.name.clone(),
                kind: d.kind.map(|k| k.id.to_owned()),
                empty: d.empty,
                reason: d.reason.clone(),
            })
            .collect(),
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
    use crate::finding::Message;

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
