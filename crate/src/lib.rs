//! budgetlint: checks Chinese government department budget and final-accounts disclosures
//! (部门预算公开 / 部门决算公开).
//!
//! One direction of data flow: input → `ingest` (Document) → `structure` (Disclosure) →
//! `rules` (findings) → `Report`. The CLI, the wasm bindings and the tests all call
//! [`check`].

pub mod codes;
pub mod document;
pub mod facts;
pub mod ingest;
pub mod interval;
pub mod output;
pub mod report;
pub mod ruledocs;
pub mod rules;
pub mod structure;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

use interval::Rounding;
use report::{Finding, Report, ReportFinding, Severity, Summary, Tool};
use serde::Deserialize;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the user handed us.
pub enum Input<'a> {
    /// Raw bytes of a file (encoding detected).
    Bytes(&'a [u8]),
    /// Text already decoded (pasted text, a JS string).
    Text(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Options for a check. Every field has a default, so `{}` is a valid options object.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    pub lang: Lang,
    /// `round` (default): printed figures are rounded; `round-or-truncate`: also accept
    /// figures whose extra digits were cut off.
    pub rounding: Rounding,
    /// Rule ids (or family prefixes such as `table`) not to run.
    pub disable: Vec<String>,
    /// Severity overrides by rule id or family (`{"layout": "warning", "year.heading": "off"}`);
    /// a rule id wins over its family.
    pub severity: std::collections::BTreeMap<String, Level>,
}

/// A severity chosen by the user for a rule or family; `off` turns it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            _ => Severity::parse(s).map(|s| match s {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Info => Level::Info,
            }),
        }
    }
}

/// The user's level for a rule: its own entry, else its family's.
fn level_for(options: &Options, rule: &str) -> Option<Level> {
    options.severity.get(rule).or_else(|| rule.split('.').next().and_then(|f| options.severity.get(f))).copied()
}

impl Default for Options {
    fn default() -> Self {
        Options { lang: Lang::Zh, rounding: Rounding::Round, disable: Vec::new(), severity: Default::default() }
    }
}

impl<'de> Deserialize<'de> for Rounding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "round" => Ok(Rounding::Round),
            "round-or-truncate" | "truncate" => Ok(Rounding::RoundOrTruncate),
            other => Err(serde::de::Error::custom(format!("unknown rounding '{other}' (round | round-or-truncate)"))),
        }
    }
}

fn disabled(options: &Options, rule: &str) -> bool {
    options.disable.iter().any(|d| rule == d || rule.strip_prefix(d.as_str()).is_some_and(|r| r.starts_with('.')))
        || level_for(options, rule) == Some(Level::Off)
}

/// Check one document.
pub fn check(input: Input, options: &Options) -> Report {
    check_document(&read(input), options)
}

/// Read the input into a document (format detected from the content).
pub fn read(input: Input) -> document::Document {
    match input {
        Input::Bytes(b) => ingest::read_bytes(b),
        Input::Text(t) => ingest::read_str(t),
    }
}

/// Check a document already read (the page also needs the document's rendered lines).
pub fn check_document(doc: &document::Document, options: &Options) -> Report {
    let disclosure = structure::analyse(doc);
    let ctx = rules::Context::new(&disclosure, options.rounding);
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
    let mut findings = report::group(findings);
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
    let p = &disclosure.profile;
    let document = report::DocumentInfo {
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
            .map(|d| report::DeclaredInfo {
                label: d.label.clone(),
                name: d.name.clone(),
                kind: d.kind.map(|k| k.id.to_owned()),
                empty: d.empty,
                reason: d.reason.clone(),
            })
            .collect(),
    };
    Report {
        tool: Tool { name: "budgetlint", version: VERSION },
        document,
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
