//! Reference data of the 政府收支分类科目 (`data/codes/*.txt`): function classification and the
//! two economic classifications, each entry with the years it is valid. Parsed once, on
//! first use. Lookups are by (code, year): names change from year to year (210 was
//! 医疗卫生与计划生育支出 until 2018), so a name is only right or wrong for a given year.

use crate::text::norm::bare_label;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// 支出功能分类: 类 3 digits starting with 2, 款 5, 项 7.
    Function,
    /// 部门预算支出经济分类: 3xx / 3xxxx.
    EconomicDepartment,
    /// 政府预算支出经济分类: 5xx / 5xxxx.
    EconomicGovernment,
}

impl Scheme {
    /// The scheme a well-formed code belongs to, from its first digit and length.
    pub fn of(code: &str) -> Option<Scheme> {
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match (code.as_bytes().first(), code.len()) {
            (Some(b'2'), 3 | 5 | 7) => Some(Scheme::Function),
            (Some(b'3'), 3 | 5) => Some(Scheme::EconomicDepartment),
            (Some(b'5'), 3 | 5) => Some(Scheme::EconomicGovernment),
            _ => None,
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Scheme::Function => "支出功能分类科目",
            Scheme::EconomicDepartment => "部门预算支出经济分类科目",
            Scheme::EconomicGovernment => "政府预算支出经济分类科目",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Scheme::Function => "function classification",
            Scheme::EconomicDepartment => "department economic classification",
            Scheme::EconomicGovernment => "government economic classification",
        }
    }
}

/// One name of one code, valid from `from` to `to` (inclusive; `None`: still valid).
#[derive(Debug, Clone)]
pub struct Entry {
    pub code: &'static str,
    pub name: &'static str,
    pub from: u32,
    pub to: Option<u32>,
}

impl Entry {
    pub fn valid_in(&self, year: u32) -> bool {
        self.from <= year && self.to.is_none_or(|t| year <= t)
    }

    /// `2016–2018` or `2019 年起`.
    pub fn years_zh(&self) -> String {
        match self.to {
            Some(t) if t == self.from => format!("{t} 年"),
            Some(t) => format!("{}–{t} 年", self.from),
            None => format!("{} 年起", self.from),
        }
    }

    pub fn years_en(&self) -> String {
        match self.to {
            Some(t) if t == self.from => format!("{t}"),
            Some(t) => format!("{}–{t}", self.from),
            None => format!("since {}", self.from),
        }
    }
}

/// Years for which the reference lists every child of a parent code.
#[derive(Debug)]
struct Complete {
    /// Parent code; empty for the top level (the 类 list).
    parent: &'static str,
    from: u32,
    to: Option<u32>,
}

struct Reference {
    entries: HashMap<(Scheme, String), Vec<Entry>>,
    complete: HashMap<Scheme, Vec<Complete>>,
}

const FILES: &[(Scheme, &str)] = &[
    (Scheme::Function, include_str!("../data/codes/function.txt")),
    (Scheme::EconomicDepartment, include_str!("../data/codes/economic_department.txt")),
    (Scheme::EconomicGovernment, include_str!("../data/codes/economic_government.txt")),
];

fn year(s: Option<&str>) -> Option<u32> {
    s.map(str::trim).filter(|s| !s.is_empty()).and_then(|s| s.parse().ok())
}

fn reference() -> &'static Reference {
    static R: OnceLock<Reference> = OnceLock::new();
    R.get_or_init(|| {
        let mut entries: HashMap<(Scheme, String), Vec<Entry>> = HashMap::new();
        let mut complete: HashMap<Scheme, Vec<Complete>> = HashMap::new();
        for (scheme, text) in FILES {
            for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let f: Vec<&'static str> = line.split('\t').collect();
                if f.first() == Some(&"@complete") {
                    let parent = f.get(1).map_or("", |p| if *p == "-" { "" } else { p });
                    if let Some(from) = year(f.get(2).copied()) {
                        complete.entry(*scheme).or_default().push(Complete {
                            parent,
                            from,
                            to: year(f.get(3).copied()),
                        });
                    }
                    continue;
                }
                let (Some(code), Some(name), Some(from)) = (f.first(), f.get(1), year(f.get(2).copied())) else {
                    continue;
                };
                entries.entry((*scheme, (*code).to_owned())).or_default().push(Entry {
                    code,
                    name,
                    from,
                    to: year(f.get(3).copied()),
                });
            }
        }
        Reference { entries, complete }
    })
}

/// What the reference knows about a code in a year.
#[derive(Debug)]
pub enum Lookup {
    /// The names the code has in that year (several when the year of a rename is uncertain).
    Valid(Vec<&'static Entry>),
    /// The code is listed, but only for other years; `covered` as for `Unknown`.
    OtherYears { entries: Vec<&'static Entry>, covered: bool },
    /// Not listed; `covered` when the reference lists every sibling for that year, so the
    /// code is probably not an official one.
    Unknown { covered: bool },
}

/// The parent of a code: 5 digits → its 类, 7 digits → its 款, 类 → the top level ("").
pub fn parent(code: &str) -> &str {
    match code.len() {
        5 | 7 => code.get(..code.len() - 2).unwrap_or(""),
        _ => "",
    }
}

/// Look a code up for a year (`None`: any year).
pub fn lookup(code: &str, year: Option<u32>) -> Lookup {
    let Some(scheme) = Scheme::of(code) else {
        return Lookup::Unknown { covered: false };
    };
    let r = reference();
    let all: Vec<&'static Entry> =
        r.entries.get(&(scheme, code.to_owned())).map(|v| v.iter().collect()).unwrap_or_default();
    let Some(y) = year else {
        return if all.is_empty() { Lookup::Unknown { covered: false } } else { Lookup::Valid(all) };
    };
    let valid: Vec<&'static Entry> = all.iter().copied().filter(|e| e.valid_in(y)).collect();
    if !valid.is_empty() {
        return Lookup::Valid(valid);
    }
    let p = parent(code);
    let covered = r
        .complete
        .get(&scheme)
        .is_some_and(|cs| cs.iter().any(|c| c.parent == p && c.from <= y && c.to.is_none_or(|t| y <= t)));
    if all.is_empty() {
        Lookup::Unknown { covered }
    } else {
        Lookup::OtherYears { entries: all, covered }
    }
}

/// The function classes (类) whose name, exactly, is `name` in some year: for tables that
/// print classes by name only (收入支出决算总表, 财政拨款收支总表).
pub fn classes_named(name: &str) -> Vec<&'static Entry> {
    let k = name_key(name);
    let r = reference();
    let mut out: Vec<&'static Entry> = r
        .entries
        .iter()
        .filter(|((scheme, code), _)| *scheme == Scheme::Function && code.len() == 3)
        .flat_map(|(_, v)| v.iter())
        .filter(|e| name_key(e.name) == k)
        .collect();
    out.sort_by_key(|e| (e.code, e.from));
    out
}

/// Matching key of a classification name: `text::norm::key` without outline numbering and
/// without a level suffix (`行政运行（项）`).
pub fn name_key(name: &str) -> String {
    let mut k = bare_label(name);
    for suffix in ["(类)", "(款)", "(项)", "[类]", "[款]", "[项]"] {
        if let Some(s) = k.strip_suffix(suffix) {
            k = s.to_owned();
        }
    }
    k
}

/// Does a printed name agree with a reference name? Printed tables abbreviate and cut long
/// names (`职业年金` for 职业年金缴费, `机关事业单位基本养老保` at a cell edge): a printed
/// name of two or more characters that the reference name contains is accepted.
pub fn names_agree(printed: &str, reference: &str) -> bool {
    let (p, r) = (name_key(printed), name_key(reference));
    p == r || (p.chars().count() >= 2 && r.contains(&p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(l: Lookup) -> Vec<&'static str> {
        match l {
            Lookup::Valid(v) => v.iter().map(|e| e.name).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn names_by_year() {
        assert_eq!(names(lookup("210", Some(2018))), vec!["医疗卫生与计划生育支出"]);
        assert_eq!(names(lookup("210", Some(2024))), vec!["卫生健康支出"]);
        assert_eq!(names(lookup("20805", Some(2019))), vec!["行政事业单位离退休"]);
        assert_eq!(names(lookup("20805", Some(2020))), vec!["行政事业单位养老支出"]);
        assert_eq!(names(lookup("215", Some(2021))).len(), 2, "uncertain year of the rename: both names");
        assert_eq!(names(lookup("30217", Some(2024))), vec!["公务接待费"]);
        assert_eq!(names(lookup("50101", Some(2024))), vec!["工资奖金津补贴"]);
        assert!(matches!(lookup("21015", Some(2018)), Lookup::OtherYears { covered: false, .. }));
        assert!(matches!(lookup("2101555", Some(2020)), Lookup::Unknown { covered: true }));
        assert!(matches!(lookup("2101555", Some(2017)), Lookup::Unknown { covered: false }));
        assert!(matches!(lookup("21398", Some(2020)), Lookup::Unknown { covered: false }));
        assert!(matches!(lookup("218", Some(2020)), Lookup::Unknown { covered: true }));
        assert!(matches!(lookup("611001", Some(2020)), Lookup::Unknown { covered: false }));
    }

    #[test]
    fn every_entry_is_well_formed() {
        for (scheme, text) in FILES {
            for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let f: Vec<&str> = line.split('\t').collect();
                assert!(f.len() == 3 || f.len() == 4, "{line:?}");
                if f[0] == "@complete" {
                    continue;
                }
                assert_eq!(Scheme::of(f[0]), Some(*scheme), "{line:?}");
                let from: u32 = f[2].parse().unwrap();
                assert!((2016..=2026).contains(&from), "{line:?}");
                if let Some(to) = f.get(3) {
                    assert!(to.parse::<u32>().unwrap() >= from, "{line:?}");
                }
                // A 款 or 项 has its parent listed for some of its years.
                let p = parent(f[0]);
                if !p.is_empty() {
                    assert!(reference().entries.contains_key(&(*scheme, p.to_owned())), "parent of {line:?}");
                }
            }
        }
    }

    #[test]
    fn classes_by_name() {
        let old: Vec<&str> = classes_named("医疗卫生与计划生育支出").iter().map(|e| e.code).collect();
        assert_eq!(old, vec!["210"]);
        assert_eq!(classes_named("九、卫生健康支出").len(), 1);
        assert!(classes_named("行政运行").is_empty());
    }

    #[test]
    fn printed_names() {
        assert!(names_agree("行政运行（项）", "行政运行"));
        assert!(names_agree("维修(护)费", "维修（护）费"));
        assert!(names_agree("衛生健康支出", "卫生健康支出"));
        assert!(names_agree("职业年金", "职业年金缴费"));
        assert!(names_agree("1.一般公共服务支出", "一般公共服务支出"));
        assert!(!names_agree("医疗卫生与计划生育支出", "卫生健康支出"));
        assert!(!names_agree("文化体育与传媒支出", "文化旅游体育与传媒支出"));
        assert!(!names_agree("支", "卫生健康支出"));
    }
}
