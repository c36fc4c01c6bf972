//! Imports point one way. Every top-level module of the library is a layer, and `LAYERS`
//! below is the one place that says which layers each may use; this test reads the
//! `crate::…` paths of every source file and fails when a module uses a layer it may not
//! (one above it in the pipeline), or when a new module is not placed in the table.
//! Test code (`#[cfg(test)] mod tests`) is not checked: a test may build its input with the
//! readers at any layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each layer and the layers it may import, bottom of the pipeline first.
const LAYERS: &[(&str, &[&str])] = &[
    // Printed-precision arithmetic and text utilities (keys, numbering, numbers, figures,
    // captions): every layer uses them, they use nothing of the crate's.
    ("interval", &[]),
    ("text", &["interval"]),
    // Data models and reference data.
    ("document", &["text"]),
    ("codes", &["text"]),
    ("finding", &[]),
    ("options", &["finding", "interval"]),
    // The pipeline: readers → structure → facts → rules → report → output.
    ("ingest", &["document", "text", "interval"]),
    ("structure", &["document", "text", "interval"]),
    ("facts", &["structure", "document", "text", "interval"]),
    ("rules", &["facts", "structure", "document", "codes", "finding", "text", "interval"]),
    ("ruledocs", &["rules", "finding"]),
    ("report", &["rules", "structure", "document", "finding", "options"]),
    ("output", &["report", "structure", "ingest", "document", "options"]),
];

/// Files that wire the layers together and may use any of them.
const ENTRY_POINTS: &[&str] = &["lib.rs", "wasm.rs"];

/// Known imports against the direction, by file. Each names the change that removes it.
const EXCEPTIONS: &[(&str, &str)] = &[
    // `document.rs` maps reader issue codes to rule ids with `rules::rule`. The `rules` branch
    // (issue 15) turns reader issues into an enum and removes this import: delete this entry
    // when it is merged.
    ("document.rs", "rules"),
];

/// The layers named by the `crate::…` paths in `src` (comment lines and the test module
/// excluded). A name that is not a module (`crate::check`) stands for the crate root.
fn imports(src: &str, modules: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut code = String::new();
    let mut lines = src.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t == "#[cfg(test)]" && lines.peek().is_some_and(|n| n.trim_start().starts_with("mod tests {")) {
            // Test modules close their file throughout the crate.
            break;
        }
        if !t.starts_with("//") {
            code.push_str(line);
            code.push('\n');
        }
    }
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + "crate::".len()..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let names: Vec<&str> = match after.strip_prefix('{') {
            Some(group) => top_level_names(group),
            None => vec![leading_ident(after)],
        };
        for n in names.into_iter().filter(|n| !n.is_empty()) {
            out.insert(if modules.contains(n) { n.to_owned() } else { "crate root".to_owned() });
        }
    }
    out
}

fn leading_ident(s: &str) -> &str {
    let s = s.trim_start();
    &s[..s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len())]
}

/// The first name of each item in `a, b::{c, d}, e as f}`: `a`, `b`, `e`.
fn top_level_names(group: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(leading_ident(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(leading_ident(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's path under `src`, with `/` separators.
fn relative(src: &Path, path: &Path) -> String {
    path.strip_prefix(src)
        .expect("under src")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files declared by `#[cfg(test)] mod NAME;` are test code as a whole.
fn test_only_files(src: &Path, files: &[PathBuf]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(f).expect("read source");
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim() != "#[cfg(test)]" {
                continue;
            }
            let Some(name) = lines.next().and_then(|n| n.trim().strip_prefix("mod ")?.strip_suffix(';')) else {
                continue;
            };
            let dir = f.parent().expect("parent");
            // `x/mod.rs` and `lib.rs` declare children in their own directory, `x.rs` in `x/`.
            let stem = f.file_stem().expect("stem").to_string_lossy();
            let base = if stem == "mod" || stem == "lib" { dir.to_path_buf() } else { dir.join(&*stem) };
            for child in [base.join(format!("{name}.rs")), base.join(name).join("mod.rs")] {
                out.insert(relative(src, &child));
            }
        }
    }
    out
}

#[test]
fn imports_point_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let modules: BTreeSet<&str> = allowed.keys().copied().collect();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let test_only = test_only_files(&src, &files);
    let mut problems = Vec::new();
    for f in &files {
        let rel = relative(&src, f);
        // The CLI is a separate crate target: it uses the library through `budgetlint::`.
        if rel.starts_with("bin/") || ENTRY_POINTS.contains(&rel.as_str()) || test_only.contains(&rel) {
            continue;
        }
        let layer = rel.split('/').next().unwrap_or_default().trim_end_matches(".rs");
        let Some(may) = allowed.get(layer) else {
            problems.push(format!("{rel}: module `{layer}` is not in LAYERS (crate/tests/layers.rs): place it"));
            continue;
        };
        let text = std::fs::read_to_string(f).expect("read source");
        for used in imports(&text, &modules) {
            let ok = used == layer
                || may.contains(&used.as_str())
                || EXCEPTIONS.iter().any(|&(file, to)| file == rel && to == used);
            if !ok {
                problems.push(format!("{rel}: `{layer}` uses `{used}`, which it may not (allowed: {may:?})"));
            }
        }
    }
    assert!(problems.is_empty(), "imports against the layer direction:\n{}", problems.join("\n"));
}

/// The table itself allows no cycle, so following it always ends at the bottom.
#[test]
fn the_layer_table_is_acyclic() {
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    assert_eq!(allowed.len(), LAYERS.len(), "a layer is listed twice");
    // Each layer may only use layers listed before it.
    for (i, (layer, uses)) in LAYERS.iter().enumerate() {
        for u in *uses {
            let j = LAYERS.iter().position(|(l, _)| l == u);
            assert!(j.is_some_and(|j| j < i), "`{layer}` may use `{u}`, which is not a layer listed before it");
        }
    }
}

#[test]
fn the_scanner_finds_grouped_and_inline_paths() {
    let modules: BTreeSet<&str> = ["text", "structure", "rules", "report", "facts"].into();
    let src = "use crate::{text::norm::{key, bare}, structure as s,\n    facts};\n\
               // crate::rules in a comment is not an import\n\
               fn f() { crate::report::group(v); my_crate::rules::x(); crate::check(); }\n\
               #[cfg(test)]\nmod tests {\n    use crate::rules::FAMILIES;\n}\n";
    let found: Vec<String> = imports(src, &modules).into_iter().collect();
    assert_eq!(found, ["crate root", "facts", "report", "structure", "text"]);
}
