//! The command line: output formats, exit codes, stdin, several files; and the JSON report
//! against its schema (crate/schema/report.schema.json).

mod common;
use common::*;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
}

#[test]
fn exit_codes_and_text_output() {
    let bad = fixture("rules/table.total-sum.bad.txt");
    let good = fixture("rules/table.total-sum.good.txt");
    let out = bin().args(["check"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("（50.00 + 40.00）不符"), "{first}");
    assert!(first.contains("table.total-sum.bad.txt:5: error table.total-sum "), "{first}");
    assert_eq!(bin().arg("check").arg(&good).output().unwrap().status.code(), Some(0));
    assert_eq!(bin().args(["check", "/nonexistent/file.txt"]).output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["check", "--format", "yaml"]).arg(&good).output().unwrap().status.code(), Some(2));
    assert_eq!(bin().output().unwrap().status.code(), Some(2));
}

#[test]
fn stdin_and_json() {
    let mut child =
        bin().args(["check", "-", "--format", "json"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(&read("rules/table.row-sum.bad.txt")).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["errors"], 4);
    assert_eq!(v["findings"][0]["rule"], "table.row-sum");
    assert_eq!(v["findings"][0]["locations"][0]["line"], 6);
    assert_eq!(v["findings"][0]["locations"][0]["column"], "基本支出/小计");
    conforms(&v, &schema(), &schema());
}

#[test]
fn several_files_give_an_array() {
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(fixture("rules/table.total-sum.good.txt"))
        .arg(fixture("samples/000_94a3ed044e7312ad.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    for r in arr {
        conforms(r, &schema(), &schema());
    }
    // 17 table errors and the narrative rate 94.36% (990.23 ÷ 1094.42 = 90.48%).
    assert_eq!(arr[1]["summary"]["errors"], 18);
}

#[test]
fn rules_lists_every_rule_and_english_output() {
    let out = bin().args(["rules", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "table.total-sum",
        "table.subject-sum",
        "table.row-sum",
        "table.item-sum",
        "table.balance",
        "code.prefix",
        "code.duplicate",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let out = bin().args(["check", "--lang", "en"]).arg(fixture("rules/table.total-sum.bad.txt")).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("differs from the sum of the top-level rows"), "{text}");
}

fn schema() -> Value {
    serde_json::from_str(include_str!("../schema/report.schema.json")).unwrap()
}

/// A small validator for the parts of JSON Schema the report schema uses.
fn conforms(v: &Value, s: &Value, root: &Value) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return conforms(v, &root["$defs"][name], root);
    }
    if let Some(c) = s.get("const") {
        assert_eq!(v, c);
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        assert!(e.contains(v), "{v} not in {e:?}");
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(x) => vec![x.as_str()],
            Value::Array(xs) => xs.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_u64() || v.is_i64(),
            "null" => v.is_null(),
            "boolean" => v.is_boolean(),
            _ => false,
        });
        assert!(ok, "{v} is not {types:?}");
    }
    if let (Some(obj), Some(props)) = (v.as_object(), s.get("properties").and_then(Value::as_object)) {
        for req in s.get("required").and_then(Value::as_array).into_iter().flatten() {
            assert!(obj.contains_key(req.as_str().unwrap()), "missing {req} in {v}");
        }
        for (k, val) in obj {
            match props.get(k) {
                Some(ps) => conforms(val, ps, root),
                None => assert!(s.get("additionalProperties") != Some(&Value::Bool(false)), "unexpected key {k}"),
            }
        }
    }
    if let (Some(arr), Some(items)) = (v.as_array(), s.get("items")) {
        for item in arr {
            conforms(item, items, root);
        }
    }
}

#[test]
fn explain_prints_docs_with_examples() {
    let out = bin().args(["explain", "table.total-sum"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("table.total-sum — "), "{text}");
    assert!(text.contains("## 错误示例") && text.contains("## 正确示例") && text.contains("```text"));
    let out = bin().args(["explain", "year.heading", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "year.heading");
    assert!(v["bad"].as_str().unwrap().contains("2022年度部门决算"));
    assert_eq!(bin().args(["explain", "no.such-rule"]).output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["explain"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn severity_disable_and_config_options() {
    let bad = fixture("rules/residue.alternative.bad.txt");
    // A warning by default: exit 0.
    assert_eq!(bin().arg("check").arg(&bad).output().unwrap().status.code(), Some(0));
    // Raised to an error for its family: exit 1.
    let out = bin().args(["check", "--severity", "residue=error"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout).unwrap().contains(": error residue.alternative "));
    // Turned off by id, or by disabling its family.
    for args in [["--severity", "residue.alternative=off"], ["--disable", "residue"]] {
        let out = bin().arg("check").args(args).arg(&bad).arg("--format").arg("json").output().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{args:?}");
    }
    assert_eq!(bin().args(["check", "--severity", "residue"]).arg(&bad).output().unwrap().status.code(), Some(2));
    // The same from a config file, plus rounding and language.
    let dir = std::env::temp_dir().join(format!("budgetlint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("budgetlint.json");
    std::fs::write(
        &cfg,
        r#"{"severity": {"residue.alternative": "error"}, "lang": "en", "rounding": "round-or-truncate"}"#,
    )
    .unwrap();
    let out = bin().arg("check").arg("--config").arg(&cfg).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout).unwrap().contains("error residue.alternative template alternative"));
    let trunc = fixture("rules/table.total-sum.truncation.txt");
    let out = bin().arg("check").arg("--config").arg(&cfg).arg(&trunc).arg("--format").arg("json").output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "truncation accepted by the config's rounding");
    std::fs::write(&cfg, r#"{"severity": {"residue": "loud"}}"#).unwrap();
    assert_eq!(bin().arg("check").arg("--config").arg(&cfg).arg(&bad).output().unwrap().status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
