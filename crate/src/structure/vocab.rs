//! The column vocabulary of `data/columns.txt`, loaded once.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Label,
    Total,
    Part,
    Measure,
    Period,
}

#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub kind: Kind,
    pub role: &'static str,
}

struct Vocab {
    leaf: HashMap<&'static str, Entry>,
    period: HashMap<&'static str, Entry>,
}

const DATA: &str = include_str!("../../data/columns.txt");

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let mut leaf = HashMap::new();
        let mut period = HashMap::new();
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(kind), Some(role), Some(words)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let kind = match kind {
                "label" => Kind::Label,
                "total" => Kind::Total,
                "part" => Kind::Part,
                "measure" => Kind::Measure,
                "period" => Kind::Period,
                _ => continue,
            };
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                let e = Entry { kind, role };
                if kind == Kind::Period {
                    period.insert(w, e);
                } else {
                    leaf.entry(w).or_insert(e);
                }
            }
        }
        Vocab { leaf, period }
    })
}

/// Look up a header text key (already normalised with `text::norm::bare_label`).
/// `is_group`: the header spans sub-columns, where period words take precedence.
pub fn lookup(key: &str, is_group: bool) -> Option<Entry> {
    let v = vocab();
    if is_group {
        if let Some(e) = v.period.get(key) {
            return Some(*e);
        }
    }
    if let Some(e) = v.leaf.get(key) {
        return Some(*e);
    }
    if !is_group {
        v.period.get(key).map(|e| Entry { kind: Kind::Part, role: e.role })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(lookup("基本支出", false).unwrap().role, "basic");
        assert_eq!(lookup("决算数", true).unwrap().kind, Kind::Period);
        assert_eq!(lookup("决算数", false).unwrap().kind, Kind::Part);
        assert_eq!(lookup("本年支出合计", false).unwrap().kind, Kind::Total);
        assert_eq!(lookup("行次", false).unwrap().kind, Kind::Label);
        assert!(lookup("某种未知列", false).is_none());
    }
}
