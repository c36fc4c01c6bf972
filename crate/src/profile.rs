//! A first reading of what the document is: 决算 or 预算, the year, the department.
//! Taken from the title lines at the top and the tables' 编制部门 captions.

use crate::document::{Block, Document};
use crate::report::DocumentInfo;
use crate::structure::Table;

pub fn profile(doc: &Document, tables: &[Table]) -> DocumentInfo {
    let head: Vec<&str> = doc.blocks.iter().take(6).filter_map(Block::text).collect();
    let joined: String = head.concat().split_whitespace().collect();
    let kind = if joined.contains("决算") {
        Some("决算")
    } else if joined.contains("预算") {
        Some("预算")
    } else {
        None
    };
    let year = year_in(&joined);
    let department = tables
        .iter()
        .find_map(|t| t.department.clone())
        .or_else(|| head.iter().map(|s| s.trim()).find(|s| is_department_name(s)).map(str::to_owned));
    DocumentInfo {
        kind: kind.map(str::to_owned),
        year,
        department,
        encoding: doc.encoding.clone(),
        tables: tables.len(),
    }
}

/// The first `20xx年` (or `20xx 年`) in the text.
fn year_in(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let y = s.get(i..i + 4)?;
        let ok = y.starts_with("20") && y.chars().all(|c| c.is_ascii_digit());
        let next = s.get(i + 4..)?;
        (ok && (next.starts_with('年') || next.starts_with("度")) && (i == 0 || !b[i - 1].is_ascii_digit()))
            .then(|| y.parse().ok())
            .flatten()
    })
}

fn is_department_name(s: &str) -> bool {
    let n = s.chars().count();
    (4..=40).contains(&n)
        && ["局", "委", "办", "院", "中心", "厅", "部", "会", "处", "所", "站", "队"]
            .iter()
            .any(|e| s.trim_end_matches(['）', ')']).ends_with(e) || s.contains(&format!("{e}（")))
        && !s.contains("公开")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_in("2020年度部门决算公开说明"), Some(2020));
        assert_eq!(year_in("渭南市医疗保障局2024年部门预算"), Some(2024));
        assert_eq!(year_in("12020年"), None);
    }
}
