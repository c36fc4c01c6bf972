//! Compiles the rule documentation in: every `docs/rules/<rule id>.md` becomes an entry of
//! `RULE_DOCS` (id, text) in `$OUT_DIR/rule_docs.rs`, included by `src/ruledocs.rs`. A new
//! rule's documentation is one new file; no list to edit.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .filter_map(|p| {
                    let id = p.file_stem()?.to_str()?.to_owned();
                    // README.md describes the format; it documents no rule.
                    (id != "README").then(|| (id, p.display().to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    let mut out = String::from("pub static RULE_DOCS: &[(&str, &str)] = &[\n");
    for (id, path) in entries {
        let _ = writeln!(out, "    ({id:?}, include_str!({path:?})),");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("rule_docs.rs");
    std::fs::write(dest, out).expect("write rule_docs.rs");
}
