//! Counts the narrative states (`因公出国（境）团组2个，累计4人次`, `国内公务接待50批次、450人次`,
//! `公务用车保有量12辆`, `购置车辆1辆`): what is counted (`data/counts.txt`), the number and
//! where it stands. Whole numbers only: a count is never rounded.

use crate::text::norm::key;
use std::sync::OnceLock;

const COUNTS: &str = include_str!("../../../data/counts.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Topic,
    Clause,
    After,
}

#[derive(Debug)]
pub struct CountKind {
    pub id: &'static str,
    pub name: &'static str,
    units: Vec<String>,
    place: Place,
    /// Alternatives, each a list of words that must all be present.
    words: Vec<Vec<String>>,
    /// How a table heads a column printing this count (same form as `words`).
    header: Vec<Vec<String>>,
}

pub fn kinds() -> &'static [CountKind] {
    static K: OnceLock<Vec<CountKind>> = OnceLock::new();
    K.get_or_init(|| {
        COUNTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let [id, units, place, words, name, header] = f[..] else { return None };
                Some(CountKind {
                    id,
                    name,
                    units: units.split('|').map(key).collect(),
                    place: match place {
                        "clause" => Place::Clause,
                        "after" => Place::After,
                        _ => Place::Topic,
                    },
                    words: alternatives(words),
                    header: if header == "-" { Vec::new() } else { alternatives(header) },
                })
            })
            .collect()
    })
}

fn alternatives(s: &str) -> Vec<Vec<String>> {
    s.split('|').map(|w| w.split('+').map(key).collect()).collect()
}

/// The count a table column prints, from its header path (normalised and joined): the
/// kind whose header words match, the most specific (most words) when several do.
pub fn kind_of_header(path: &str) -> Option<&'static str> {
    kinds()
        .iter()
        .filter_map(|k| {
            let n = k.header.iter().filter(|alt| alt.iter().all(|w| path.contains(w.as_str()))).map(Vec::len).max()?;
            Some((n, k.id))
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, id)| id)
}

pub fn kind(id: &str) -> Option<&'static CountKind> {
    kinds().iter().find(|k| k.id == id)
}

#[derive(Debug, Clone)]
pub struct Count {
    /// Index into [`kinds`].
    pub kind: usize,
    pub value: u64,
    /// Number and unit as printed.
    pub printed: String,
    pub block: usize,
    pub line: u32,
    pub sentence: usize,
    /// Byte range in the block's text.
    pub start: usize,
    pub end: usize,
}

impl Count {
    pub fn name(&self) -> &'static str {
        kinds().get(self.kind).map_or("", |k| k.name)
    }

    pub fn id(&self) -> &'static str {
        kinds().get(self.kind).map_or("", |k| k.id)
    }
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The end of the latest occurrence in `text` of any alternative of `k` (all its words
/// present; the position of the last of them).
fn latest(k: &CountKind, text: &str) -> Option<usize> {
    k.words
        .iter()
        .filter_map(|alt| {
            alt.iter()
                .map(|w| text.rfind(w.as_str()).map(|p| p + w.len()))
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .max()
        })
        .max()
}

/// Whole numbers followed by a count unit in `sentence` (byte offset `base` in the block),
/// with their kinds.
pub fn scan(sentence: &str, base: usize) -> Vec<(usize, u64, usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        if digit_value(c).is_none() || prev.is_some_and(|p| digit_value(p).is_some() || matches!(p, '.' | '．')) {
            i += 1;
            continue;
        }
        let mut value: u64 = 0;
        let mut j = i;
        while let Some(d) = chars.get(j).and_then(|(_, c)| digit_value(*c)) {
            value = value.saturating_mul(10).saturating_add(u64::from(d));
            j += 1;
        }
        // A decimal or a grouped number is an amount, not a count.
        if chars.get(j).is_some_and(|(_, c)| matches!(c, '.' | '．' | ',' | '%' | '％')) {
            i = j + 1;
            continue;
        }
        let num_end = chars.get(j).map_or(sentence.len(), |(p, _)| *p);
        let rest = &sentence[num_end..];
        let rest_key: String = key(&rest.chars().take(6).collect::<String>());
        let before = key(&sentence[..start]);
        let after = key(rest.split(['，', '；', '。', ',', ';']).next().unwrap_or(""));
        let clause = before.rsplit([',', ';', ':', '、', '。', '，', '；', '：']).next().unwrap_or("");
        let mut best: Option<(usize, usize, usize)> = None; // (position, kind, unit length)
        for (ki, k) in kinds().iter().enumerate() {
            let Some(unit) = k.units.iter().filter(|u| rest_key.starts_with(u.as_str())).max_by_key(|u| u.len()) else {
                continue;
            };
            let words = match k.place {
                Place::Clause => clause,
                Place::Topic => before.as_str(),
                Place::After => after.as_str(),
            };
            let Some(pos) = latest(k, words) else { continue };
            if best.is_none_or(|b| (pos, unit.len()) > (b.0, b.2)) {
                best = Some((pos, ki, unit.len()));
            }
        }
        if let Some((_, ki, ulen)) = best {
            // The unit as printed: as many characters of `rest` as its key needs.
            let mut end = num_end;
            for (p, ch) in rest.char_indices() {
                if key(&rest[..p]).len() >= ulen {
                    break;
                }
                end = num_end + p + ch.len_utf8();
            }
            out.push((ki, value, base + start, base + end));
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(&'static str, u64, String)> {
        scan(s, 0).into_iter().map(|(k, v, a, b)| (kinds()[k].id, v, s[a..b].to_owned())).collect()
    }

    #[test]
    fn real_phrasings() {
        assert_eq!(
            read("全年支出涉及出国（境）团组 0 个，累计 0 人次。"),
            vec![("abroad-groups", 0, "0 个".into()), ("abroad-people", 0, "0 人次".into())]
        );
        assert_eq!(
            read("全年安排因公出国（境）团组2次，出国（境）4人。"),
            vec![("abroad-groups", 2, "2次".into()), ("abroad-people", 4, "4人".into())]
        );
        assert_eq!(
            read("国内公务接待15批次，138人次（不包括陪同人员），共计支出1.5万元"),
            vec![
                ("domestic-reception-batches", 15, "15批次".into()),
                ("domestic-reception-people", 138, "138人次".into())
            ]
        );
        assert_eq!(
            read("外事接待支出0万元，外事接待0批次，0人，共计支出0万元。"),
            vec![("foreign-reception-batches", 0, "0批次".into()), ("foreign-reception-people", 0, "0人".into())]
        );
        assert_eq!(
            read("2020 年度公务接待 50 批次，450 人次，预算为 0 万元"),
            vec![("reception-batches", 50, "50 批次".into()), ("reception-people", 450, "450 人次".into())]
        );
        assert_eq!(
            read("2022 年共接待国内来访团组 3 个，20 人次（不包括陪同人员）。"),
            vec![("domestic-reception-batches", 3, "3 个".into()), ("domestic-reception-people", 20, "20 人次".into())]
        );
        assert_eq!(read("本年度购置(更新)公务用车 1 辆。"), vec![("official-cars-purchased", 1, "1 辆".into())]);
        assert_eq!(
            read("全年按规定更新购置公务用车0辆，其中：轿车0辆、金额0万元"),
            vec![("official-cars-purchased", 0, "0辆".into())]
        );
        assert_eq!(
            read("截至 2022 年 12 月 31 日，开支财政拨款的公务用车保有量为 12 辆。"),
            vec![("official-cars-held", 12, "12 辆".into())]
        );
        assert_eq!(
            read("截至2018年12月31日，本局共有车辆1辆，其中：部级领导干部用车0辆、一般公务用车1辆。"),
            vec![("vehicles-held", 1, "1辆".into())]
        );
        assert_eq!(
            read("2020年当年购置车辆 0 辆；购置单价 50 万元以上的通用设备 0 台（套）。"),
            vec![("vehicles-purchased", 0, "0 辆".into())]
        );
        assert_eq!(
            read("2018 年本部门共 5 个项目实行绩效目标管理，涉及财政性资金合计 5,086 万元。"),
            vec![("performance-projects", 5, "5 个项目".into())]
        );
        // Amounts and unrelated counts are not read.
        assert_eq!(read("受理职工零星报销330人次，支付医疗费用262万元。"), vec![]);
        assert_eq!(read("公务用车运行维护费1.5万元"), vec![]);
    }
}
