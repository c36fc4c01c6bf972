//! Classification codes against the reference (`data/codes/`, see `crate::codes`): the name
//! printed beside a code is the one the classification gives it in the document's year; one
//! code carries one name throughout the document; a well-formed code the classification does
//! not have is pointed out.
//!
//! Bad: a 2024 budget printing `210 医疗卫生与计划生育支出` (the name until 2018; since 2019
//! 卫生健康支出). Good: a 2018 document printing the same line.

use super::{finding, Context, RuleInfo};
use crate::codes::{self, Entry, Lookup, Scheme};
use crate::finding::{Finding, Location, Severity};
use crate::structure::table::leading_code;
use crate::structure::{ColumnKind, Table};
use crate::text::norm::{compact, key};
use std::collections::HashMap;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "code.name-mismatch",
        family: "code",
        severity: Severity::Warning,
        title_zh: "科目名称与当年分类科目不符",
        title_en: "Subject name differs from the classification of the year",
        doc_zh: "科目编码旁的名称应与文件所属年度《政府收支分类科目》中的名称一致（不计空格、全角半角、繁简体、“（项）”等后缀和表格中的截断或简称）。科目名称逐年有调整，例如 210 类 2018 年及以前为“医疗卫生与计划生育支出”，2019 年起为“卫生健康支出”：2018 年的文件用旧名是对的，2024 年的文件用旧名则不对。",
        doc_en: "The name beside a code should be the one the classification of the document's year gives it (ignoring spaces, full-width forms, traditional characters, suffixes such as （项） and names cut or abbreviated in tables). Names change: class 210 was 医疗卫生与计划生育支出 until 2018 and is 卫生健康支出 since 2019, so the old name is right in a 2018 document and wrong in a 2024 one.",
    },
    RuleInfo {
        id: "code.inconsistent-name",
        family: "code",
        severity: Severity::Warning,
        title_zh: "同一科目编码在文件中名称不一",
        title_en: "One code printed with two names",
        doc_zh: "同一文件中同一科目编码应始终使用同一名称。不同表中同一编码印成两个不同名称，说明编码或名称至少有一处有误。",
        doc_en: "Within one document a code always carries the same name. The same code printed with two different names in different tables means a code or a name is wrong somewhere.",
    },
    RuleInfo {
        id: "code.unknown",
        family: "code",
        severity: Severity::Info,
        title_zh: "分类科目中没有的编码",
        title_en: "Code not in the classification",
        doc_zh: "格式正确的科目编码在文件所属年度的分类科目参考数据中没有（只在参考数据完整列出该上级科目的下级科目时提示）。可能是编码有误，也可能是参考数据未收录的地方科目，因此只作提示。",
        doc_en: "A well-formed code that the reference classification for the document's year does not have (reported only where the reference lists all siblings). The code may be wrong, or a local subject the reference lacks, so this is informational.",
    },
];

/// A code printed in a table, with the name beside it.
struct Occurrence {
    scheme: Scheme,
    code: String,
    name: String,
    table: usize,
    row: usize,
    col: usize,
}

/// Locations listed for one finding at most (the same line is often printed in many tables).
const MAX_LOCATIONS: usize = 3;

/// Does this label column hold classification codes? Recognised function/economic tables,
/// or a header naming subjects; never a column of unit codes.
fn code_column(t: &Table, col: usize) -> bool {
    let Some(c) = t.columns.get(col) else { return false };
    if c.kind != ColumnKind::Label || matches!(c.role, Some("line-no" | "note")) {
        return false;
    }
    let header = key(&c.path.join(""));
    if header.contains("单位") {
        return false;
    }
    t.kind.is_some_and(|k| matches!(k.keys, "function" | "economic"))
        || ["科目", "功能分类", "经济分类"].iter().any(|w| header.contains(w))
}

fn occurrences(ctx: &Context) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for t in &ctx.disclosure.tables {
        let cols: Vec<usize> = (0..t.columns.len()).filter(|&c| code_column(t, c)).collect();
        if cols.is_empty() {
            continue;
        }
        for row in 0..t.body.len() {
            for (i, &col) in cols.iter().enumerate() {
                let Some((code, rest)) = leading_code(t.cell_text(row, col)) else { continue };
                let Some(scheme) = Scheme::of(&code) else { continue };
                // The name is in the code's own cell (`208 社会保障和就业支出`) or in the next
                // label cell when that is not a code itself.
                let name = if rest.is_empty() {
                    cols.get(i + 1).filter(|&&n| n == col + 1).map_or("", |&n| t.cell_text(row, n))
                } else {
                    &rest
                };
                // A name has words: a second code, a sub-code (`302 | 01`) or a figure is not one.
                let name = if name.chars().any(is_cjk) && (!rest.is_empty() || leading_code(name).is_none()) {
                    name
                } else {
                    ""
                };
                out.push(Occurrence { scheme, code, name: compact(name), table: t.index, row, col });
            }
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn location(ctx: &Context, o: &Occurrence) -> Option<Location> {
    let t = ctx.disclosure.tables.get(o.table)?;
    Some(ctx.cell_location(t, o.row, o.col, &format!("{} {}", o.code, o.name)))
}

fn join_names(entries: &[&Entry]) -> String {
    entries.iter().map(|e| e.name).collect::<Vec<_>>().join("”或“")
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let occ = occurrences(ctx);
    let year = ctx.disclosure.profile.year;
    name_mismatch(ctx, &occ, year, out);
    if let Some(y) = year {
        class_names_of_other_years(ctx, y, out);
    }
    inconsistent_names(ctx, &occ, out);
    unknown_codes(ctx, &occ, year, out);
}

/// Occurrences grouped by a key, groups in order of first appearance (a map from key to
/// group keeps this linear on documents with many thousands of codes).
fn groups<'a, K: Eq + std::hash::Hash>(
    occ: impl Iterator<Item = &'a Occurrence>,
    key: impl Fn(&Occurrence) -> K,
) -> Vec<Vec<&'a Occurrence>> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<Vec<&Occurrence>> = Vec::new();
    for o in occ {
        let i = *index.entry(key(o)).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        if let Some(g) = out.get_mut(i) {
            g.push(o);
        }
    }
    out
}

fn name_mismatch(ctx: &Context, occ: &[Occurrence], year: Option<u32>, out: &mut Vec<Finding>) {
    let named = occ.iter().filter(|o| !o.name.is_empty());
    for g in groups(named, |o| (o.scheme, o.code.clone(), codes::name_key(&o.name))) {
        let Some(first) = g.first() else { continue };
        let Lookup::Valid(entries) = codes::lookup(&first.code, year) else { continue };
        if entries.iter().any(|e| codes::names_agree(&first.name, e.name)) {
            continue;
        }
        // The printed name may be right for another year: say which.
        let other = match codes::lookup(&first.code, None) {
            Lookup::Valid(all) => all.into_iter().find(|e| codes::names_agree(&first.name, e.name)),
            _ => None,
        };
        let (note_zh, note_en) = match other {
            Some(e) => (
                format!("（“{}”是 {}使用的名称）", e.name, e.years_zh()),
                format!(" (\"{}\" is the name {})", e.name, e.years_en()),
            ),
            None => (String::new(), String::new()),
        };
        let expected = join_names(&entries);
        let (year_zh, year_en) = match year {
            Some(y) => (format!("{y} 年"), format!("{y} ")),
            None => (String::new(), String::new()),
        };
        let mut f = finding(
            "code.name-mismatch",
            Severity::Warning,
            format!(
                "科目 {} 印为“{}”，{year_zh}{}中该编码的名称为“{expected}”{note_zh}",
                first.code,
                first.name,
                first.scheme.name_zh()
            ),
            format!(
                "Code {} is printed as \"{}\"; the {year_en}{} names it \"{}\"{note_en}",
                first.code,
                first.name,
                first.scheme.name_en(),
                expected.replace("”或“", "\" or \"")
            ),
        );
        f.locations.extend(g.iter().take(MAX_LOCATIONS).filter_map(|o| location(ctx, o)));
        f.expected = Some(expected);
        f.actual = Some(first.name.clone());
        out.push(f);
    }
}

fn inconsistent_names(ctx: &Context, occ: &[Occurrence], out: &mut Vec<Finding>) {
    let named = occ.iter().filter(|o| !o.name.is_empty());
    for g in groups(named, |o| (o.scheme, o.code.clone())) {
        let Some(first) = g.first() else { continue };
        // Within one table a second name is code.duplicate's business.
        let Some(other) = g.iter().find(|o| {
            o.table != first.table
                && !codes::names_agree(&o.name, &first.name)
                && !codes::names_agree(&first.name, &o.name)
        }) else {
            continue;
        };
        let (ta, tb) = (&ctx.disclosure.tables[first.table], &ctx.disclosure.tables[other.table]);
        let mut f = finding(
            "code.inconsistent-name",
            Severity::Warning,
            format!(
                "科目 {} 在{}中为“{}”，在{}中为“{}”，同一编码名称不一",
                first.code,
                ta.display_name(),
                first.name,
                tb.display_name(),
                other.name
            ),
            format!(
                "Code {} is \"{}\" in {} but \"{}\" in {}",
                first.code,
                first.name,
                ta.display_name(),
                other.name,
                tb.display_name()
            ),
        );
        f.locations.extend([other, first].into_iter().filter_map(|o| location(ctx, o)));
        f.expected = Some(first.name.clone());
        f.actual = Some(other.name.clone());
        out.push(f);
    }
}

fn unknown_codes(ctx: &Context, occ: &[Occurrence], year: Option<u32>, out: &mut Vec<Finding>) {
    let Some(y) = year else { return };
    for g in groups(occ.iter(), |o| (o.scheme, o.code.clone())) {
        let Some(first) = g.first() else { continue };
        let (zh, en) = match codes::lookup(&first.code, Some(y)) {
            Lookup::Unknown { covered: true } => (
                format!("科目编码 {}（{}）不在 {y} 年{}中", first.code, first.name, first.scheme.name_zh()),
                format!("Code {} ({}) is not in the {y} {}", first.code, first.name, first.scheme.name_en()),
            ),
            Lookup::OtherYears { entries, covered: true } => {
                let when: Vec<String> = entries.iter().map(|e| format!("“{}”{}", e.name, e.years_zh())).collect();
                let when_en: Vec<String> = entries.iter().map(|e| format!("\"{}\" {}", e.name, e.years_en())).collect();
                (
                    format!(
                        "科目编码 {}（{}）不在 {y} 年{}中（该编码用于：{}）",
                        first.code,
                        first.name,
                        first.scheme.name_zh(),
                        when.join("；")
                    ),
                    format!(
                        "Code {} ({}) is not in the {y} {} (it was used for {})",
                        first.code,
                        first.name,
                        first.scheme.name_en(),
                        when_en.join("; ")
                    ),
                )
            }
            _ => continue,
        };
        let mut f = finding("code.unknown", Severity::Info, zh, en);
        f.locations.extend(g.iter().take(MAX_LOCATIONS).filter_map(|o| location(ctx, o)));
        f.actual = Some(first.code.clone());
        out.push(f);
    }
}

/// Summary tables list the classes by name only (`九、医疗卫生与计划生育支出`). A name that
/// is a class's name in other years only (never in the document's year, for any class) is
/// reported with the class's name for the year.
fn class_names_of_other_years(ctx: &Context, year: u32, out: &mut Vec<Finding>) {
    for t in &ctx.disclosure.tables {
        if t.kind.is_none_or(|k| k.keys != "items") {
            continue;
        }
        for p in &t.panels {
            let label = p.label_cols.first().copied().unwrap_or(0);
            for l in p.lines.iter().filter(|l| l.code.is_none() && !l.name.is_empty()) {
                let named = codes::classes_named(&l.name);
                if named.is_empty() || named.iter().any(|e| e.valid_in(year)) {
                    continue;
                }
                let Some(e) = named.first() else { continue };
                let Lookup::Valid(now) = codes::lookup(e.code, Some(year)) else { continue };
                let expected = join_names(&now);
                let printed = crate::text::numbering::parse(&l.name).map_or(l.name.as_str(), |n| n.rest);
                let mut f = finding(
                    "code.name-mismatch",
                    Severity::Warning,
                    format!(
                        "{}：“{}”是 {} 类 {}使用的名称，{year} 年该类名称为“{expected}”",
                        t.display_name(),
                        printed,
                        e.code,
                        e.years_zh()
                    ),
                    format!(
                        "{}: \"{}\" is the name of class {} {}; in {year} it is \"{}\"",
                        t.display_name(),
                        printed,
                        e.code,
                        e.years_en(),
                        expected.replace("”或“", "\" or \"")
                    ),
                );
                f.locations.push(ctx.cell_location(t, l.row, label, &l.display()));
                f.expected = Some(expected);
                f.actual = Some(printed.to_owned());
                out.push(f);
            }
        }
    }
}
