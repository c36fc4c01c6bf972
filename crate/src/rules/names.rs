//! Names (domain.md §6): the department or unit is named one way throughout — title,
//! tables, the 单位构成 list and the text — and a 单位 document speaks of itself as a 单位.
//!
//! A variant is the reference name with one or two characters inserted or dropped
//! (`XX市社会保险服务中心` / `XX市社会保险事业服务中心`), same beginning and same last
//! character. Substitutions are not reported: `普陀区财政局` and `普陀区民政局` are two
//! departments, not a misspelling.

use super::scan::{self, fold, line_location, Place};
use super::{finding, Context, RuleInfo};
use crate::document::Block;
use crate::report::{Finding, Severity};
use crate::textnorm::compact;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "name.variant",
        family: "name",
        severity: Severity::Warning,
        title_zh: "单位名称前后写法不一致",
        title_en: "The department's name is written differently",
        doc_zh: "标题、表格、单位构成名单和正文中的部门（单位）名称应完全一致。",
        doc_en: "The department or unit name must be the same in the title, tables, unit list and text.",
    },
    RuleInfo {
        id: "name.level-wording",
        family: "name",
        severity: Severity::Info,
        title_zh: "单位预算中自称“本部门”",
        title_en: "A 单位 document calls itself 部门",
        doc_zh: "单位预算（决算）应自称“本单位”，“本部门”是部门预算（决算）的用语。",
        doc_en: "A unit-level (单位) disclosure refers to itself as 本单位, not 本部门.",
    },
];

/// The names a document uses for itself: its department and the units of its 单位构成 list.
fn reference_names(ctx: &Context) -> Vec<Vec<char>> {
    let d = ctx.disclosure;
    let mut out: Vec<Vec<char>> = Vec::new();
    if let Some(dep) = &d.profile.department {
        out.push(fold(dep));
    }
    for b in &d.doc.blocks {
        let Block::Table(t) = b else { continue };
        let Some(col) = t.rows.iter().take(3).find_map(|r| r.cells.iter().position(|c| compact(&c.text) == "单位名称"))
        else {
            continue;
        };
        for r in &t.rows {
            if let Some(c) = r.cells.get(col) {
                let name = fold(c.text.trim_end_matches(['）', ')']).split(['（', '(']).next().unwrap_or(""));
                if name.len() >= 5 && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out.retain(|n| n.len() >= 5 && n.len() <= 40);
    out
}

/// Edit distance when the two differ only by inserted or dropped chars (else None).
fn indel_distance(a: &[char], b: &[char]) -> Option<usize> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let diff = long.len() - short.len();
    // Longest common subsequence equals the shorter string exactly when only insertions differ.
    let mut k = 0;
    for c in long {
        if k < short.len() && short[k] == *c {
            k += 1;
        }
    }
    (k == short.len()).then_some(diff)
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let refs = reference_names(ctx);
    let pieces = scan::pieces(d);
    for r in &refs {
        let Some(last) = r.last() else { continue };
        let Some(head) = r.get(..3) else { continue };
        for p in &pieces {
            let c = &p.folded;
            for i in p.find(head) {
                // The longest window ending on the name's last char that is a near variant.
                let lens = (r.len().saturating_sub(2)..=r.len() + 2).rev();
                let variant = lens.filter(|l| *l >= 4).find_map(|l| {
                    let w = c.get(i..i + l)?;
                    (w.last() == Some(last)
                        && w != r.as_slice()
                        && !contains(w, r)
                        && !contains(r, w)
                        && !refs.iter().any(|x| x.as_slice() == w)
                        && indel_distance(w, r).is_some_and(|n| (1..=2).contains(&n)))
                    .then(|| w.iter().collect::<String>())
                });
                if let Some(v) = variant {
                    let name: String = r.iter().collect();
                    let mut f = finding(
                        "name.variant",
                        Severity::Warning,
                        format!("名称“{v}”与“{name}”写法不一致"),
                        format!("the name \"{v}\" differs from \"{name}\""),
                    );
                    f.locations.push(line_location(d, p.line_of(i)));
                    f.expected = Some(name);
                    f.actual = Some(v);
                    out.push(f);
                }
            }
        }
    }
    if d.profile.level == Some("单位") {
        let word = fold("本部门");
        for p in pieces.iter().filter(|p| p.place != Place::Cell) {
            for i in p.find(&word) {
                let mut f = finding(
                    "name.level-wording",
                    Severity::Info,
                    "单位预决算中自称“本部门”，应为“本单位”".into(),
                    "a unit-level disclosure calls itself 本部门 (department); use 本单位".into(),
                );
                f.locations.push(line_location(d, p.line_of(i)));
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indels_only() {
        let a = fold("某市社会保险服务中心");
        assert_eq!(indel_distance(&a, &fold("某市社会保险事业服务中心")), Some(2));
        assert_eq!(indel_distance(&fold("普陀区财政局"), &fold("普陀区民政局")), None);
    }
}
