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
use crate::finding::{Finding, Severity};
use crate::text::norm::compact;

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

/// The names a document uses for itself: its department and the units of its 单位名称
/// lists. A list entry that is a near variant of a name already taken (the department's, or
/// a more frequent spelling) is a spelling to check, not a reference.
fn reference_names(ctx: &Context) -> Vec<Vec<char>> {
    let d = ctx.disclosure;
    let mut listed: Vec<(Vec<char>, usize)> = Vec::new();
    for b in &d.doc.blocks {
        let Block::Table(t) = b else { continue };
        let Some(col) = t.rows.iter().take(3).find_map(|r| r.cells.iter().position(|c| compact(&c.text) == "单位名称"))
        else {
            continue;
        };
        for r in &t.rows {
            if let Some(c) = r.cells.get(col) {
                let name = bare_name(&c.text);
                match listed.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => listed.push((name, 1)),
                }
            }
        }
    }
    listed.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    let mut out: Vec<Vec<char>> = d.profile.department.iter().map(|dep| bare_name(dep)).collect();
    for (name, _) in listed {
        if !out.contains(&name) && !out.iter().any(|r| near_variant(&name, r)) {
            out.push(name);
        }
    }
    out.retain(|n| n.len() >= 5 && n.len() <= 40);
    out
}

/// Same beginning, same last char, one or two chars inserted or dropped.
fn near_variant(w: &[char], r: &[char]) -> bool {
    w.len() >= 4
        && w.get(..3) == r.get(..3)
        && w.last() == r.last()
        && w != r
        && !contains(w, r)
        && !contains(r, w)
        && indel_distance(w, r).is_some_and(|n| (1..=2).contains(&n))
}

/// A name without its bracketed qualifier: `某局（本级）`, `某局(汇总)` → `某局`.
fn bare_name(s: &str) -> Vec<char> {
    fold(s.split(['（', '(']).next().unwrap_or(""))
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

/// Words of a sentence that names other bodies on purpose: `加挂上海市普陀区人民政府外事办公室
/// 牌子`, `与…合署办公`. A name there that differs from the department's is another body.
const OTHER_BODIES: &[&str] = &["加挂", "挂牌", "牌子", "合署", "下设", "下属", "所属"];

/// Whether the sentence around char `i` of `c` names other bodies (see `OTHER_BODIES`).
fn names_other_bodies(c: &[char], i: usize) -> bool {
    let stop = |ch: &char| matches!(ch, '。' | '；' | ';' | '\n');
    let start = c.get(..i).and_then(|h| h.iter().rposition(stop)).map_or(0, |k| k + 1);
    let end = c.get(i..).and_then(|t| t.iter().position(stop)).map_or(c.len(), |k| i + k);
    let sentence = c.get(start..end).unwrap_or(&[]);
    OTHER_BODIES.iter().any(|w| contains(sentence, &w.chars().collect::<Vec<_>>()))
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let refs = reference_names(ctx);
    let pieces = scan::pieces(d);
    for r in &refs {
        let Some(head) = r.get(..3) else { continue };
        for p in &pieces {
            let c = &p.folded;
            for i in p.find(head) {
                if names_other_bodies(c, i) {
                    continue;
                }
                // The longest window ending on the name's last char that is a near variant.
                let lens = (r.len().saturating_sub(2)..=r.len() + 2).rev();
                let variant = lens.filter(|l| *l >= 4).find_map(|l| {
                    let w = c.get(i..i + l)?;
                    (near_variant(w, r) && !refs.iter().any(|x| x.as_slice() == w))
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
