//! Every registered rule is documented (crate/docs/rules/<id>.md), and its examples behave:
//! the bad example makes the rule fire, the good example leaves it silent.

use budgetlint::{check, ruledocs, rules, Input, Options};

#[test]
fn every_rule_is_documented_with_working_examples() {
    let mut problems = Vec::new();
    for info in rules::all_rules() {
        let doc = match ruledocs::parse(info) {
            Ok(d) => d,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        // Input rules report unreadable bytes and size limits: not expressible as a short
        // text example, so theirs are shown but not run.
        if info.family == "input" {
            continue;
        }
        let fires =
            |text: &str| check(Input::Text(text), &Options::default()).findings.iter().any(|f| f.rule == info.id);
        if !fires(&doc.bad) {
            problems.push(format!("crate/docs/rules/{}.md: the bad example does not make {} fire", info.id, info.id));
        }
        if fires(&doc.good) {
            problems.push(format!("crate/docs/rules/{}.md: {} fires on the good example", info.id, info.id));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_doc_file_documents_a_registered_rule() {
    let stale: Vec<&str> = ruledocs::documented().filter(|id| rules::rule(id).is_none()).collect();
    assert!(stale.is_empty(), "documentation for rules that are not registered: {stale:?}");
}

#[test]
fn explain_prints_the_documentation() {
    let text = ruledocs::explain("residue.alternative").unwrap();
    assert!(text.starts_with("residue.alternative — 模板备选措辞未选定"));
    assert!(text.contains("## 依据") && text.contains("```text") && text.contains("增加（减少）"));
    assert!(ruledocs::explain("no.such-rule").is_none());
    assert_eq!(ruledocs::all().len(), rules::all_rules().count());
}
