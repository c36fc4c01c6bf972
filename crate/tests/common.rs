//! Helpers shared by the integration tests.
#![allow(dead_code)]

use budgetlint::report::{Report, ReportFinding};
use budgetlint::{check, Input, Options};
use std::path::PathBuf;

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(rel)
}

pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn check_file(rel: &str) -> Report {
    check(Input::Bytes(&read(rel)), &Options::default())
}

pub fn check_text(text: &str) -> Report {
    check(Input::Text(text), &Options::default())
}

/// (rule, severity, line, column, expected, actual) of each finding, for compact assertions.
pub fn digest(r: &Report) -> Vec<(String, String, u32, String, String, String)> {
    r.findings.iter().map(digest_one).collect()
}

pub fn digest_one(f: &ReportFinding) -> (String, String, u32, String, String, String) {
    let loc = f.locations.first();
    (
        f.rule.to_owned(),
        f.severity.as_str().to_owned(),
        loc.map_or(0, |l| l.line),
        loc.and_then(|l| l.column.clone()).unwrap_or_default(),
        f.expected.clone().unwrap_or_default(),
        f.actual.clone().unwrap_or_default(),
    )
}

/// The five sample disclosures, by file stem (`samples/<stem>.txt`, `parity/<stem>.<ext>`).
pub const SAMPLES: [&str; 5] = [
    "000_94a3ed044e7312ad",
    "001_1d3965113ca8330b",
    "002_be18d6bea231d86c",
    "003_b3d5e7f0c80101b4",
    "004_eb9ab8f41db5dee9",
];

/// (rule, message) of each finding, sorted: what two formats of one document must share
/// (line numbers differ between formats, the rule and its figures must not).
pub fn findings(rel: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> =
        check_file(rel).findings.iter().map(|f| (f.rule.to_owned(), f.message.clone())).collect();
    v.sort();
    v
}
