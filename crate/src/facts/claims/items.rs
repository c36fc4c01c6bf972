//! Classification items named in the narrative: by code (`行政运行（2101501）`,
//! `社会保障和就业（208类）`, `工资福利支出（301）`) or by the names the document's own tables
//! print (`卫生健康支出（类）医疗保障管理事务（款）行政运行（项）`, `住房保障支出`).

use crate::facts::table_facts::Key;
use crate::structure::Disclosure;
use crate::text::norm::bare_label;
use std::collections::HashMap;

/// Function items (功能分类) the tables print: code → name key without a trailing 支出.
pub struct FunctionNames {
    by_code: HashMap<String, String>,
}

fn stem(name: &str) -> &str {
    name.strip_suffix("支出").unwrap_or(name)
}

impl FunctionNames {
    pub fn new(d: &Disclosure) -> Self {
        let mut by_code = HashMap::new();
        for t in &d.tables {
            if t.kind.is_none_or(|k| k.keys != "function") {
                continue;
            }
            for p in &t.panels {
                for l in &p.lines {
                    if let Some(c) = l.code.as_ref().filter(|c| matches!(c.len(), 3 | 5 | 7)) {
                        by_code.entry(c.clone()).or_insert_with(|| stem(&l.name_key).to_owned());
                    }
                }
            }
        }
        FunctionNames { by_code }
    }

    /// The item a normalised subject names, if any.
    pub fn item(&self, subject: &str) -> Option<Key> {
        last_code(subject)
            .or_else(|| self.by_path(subject))
            .or_else(|| self.by_dash_path(subject))
            .or_else(|| self.by_class_name(subject))
    }

    /// The unique item of `width` digits under `prefix` whose name is `name`.
    fn find(&self, prefix: &str, width: usize, name: &str) -> Option<String> {
        let mut found =
            self.by_code.iter().filter(|(c, n)| c.len() == width && c.starts_with(prefix) && n.as_str() == stem(name));
        let first = found.next().map(|(c, _)| c.clone());
        found.next().is_none().then_some(first).flatten()
    }

    /// Shanghai's `“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目`: the
    /// class, 款 and 项 names joined by dashes, before `科目`.
    fn by_dash_path(&self, subject: &str) -> Option<Key> {
        let names: Vec<&str> = dash_path(subject)?.split('-').collect();
        let mut code = String::new();
        for (name, width) in names.iter().zip([3, 5, 7]) {
            code = self.find(&code, width, &bare_label(name))?;
        }
        Some(Key::Function(code))
    }

    /// `A（类）B（款）C（项）`: each level resolved under the one before.
    fn by_path(&self, subject: &str) -> Option<Key> {
        let mut rest = subject;
        let mut code: Option<String> = None;
        let mut any = false;
        while let Some((pos, len, width)) = [("(类)", 3), ("(款)", 5), ("(项)", 7)]
            .iter()
            .filter_map(|(m, w)| rest.find(m).map(|p| (p, m.len(), *w)))
            .min()
        {
            let name = bare_label(rest.get(..pos).unwrap_or(""));
            let name = name.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ':' | ' '));
            let prefix = code.clone().unwrap_or_default();
            code = Some(self.find(&prefix, width, name)?);
            any = true;
            rest = rest.get(pos + len..).unwrap_or("");
        }
        (any).then_some(()).and(code).map(Key::Function)
    }

    /// A bare class name ending the subject: `社会保障和就业支出`, `其中：住房保障支出`.
    fn by_class_name(&self, subject: &str) -> Option<Key> {
        let s = super::vocab::strip_fillers(subject);
        let s = s.rsplit([':', '、', ';', ',']).next().unwrap_or(s);
        let s = bare_label(s);
        let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ' '));
        let s = s.strip_prefix("其中").unwrap_or(s);
        let found: Vec<&String> = self
            .by_code
            .iter()
            .filter(|(c, n)| c.len() == 3 && !n.is_empty() && n.as_str() == stem(s))
            .map(|(c, _)| c)
            .collect();
        (found.len() == 1).then(|| Key::Function(found[0].clone()))
    }
}

/// `“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”`: the item's path of names
/// as written, for an item the tables do not resolve (or when there are no tables).
pub fn path_name(subject: &str) -> Option<String> {
    if let Some(p) = dash_path(subject) {
        return Some(p.to_owned());
    }
    let end = ["(项)", "(款)", "(类)"].iter().filter_map(|m| subject.rfind(m).map(|p| p + m.len())).max()?;
    let start =
        subject[..end].find(|c: char| !c.is_ascii_digit() && !matches!(c, '.' | '、' | '(' | ')' | ' ')).unwrap_or(0);
    subject.get(start..end).map(str::to_owned)
}

/// `1.一般公共服务支出-…-行政运行科目` (normalised): the dash-joined names of two or three
/// levels before `科目`.
fn dash_path(subject: &str) -> Option<&str> {
    let s = super::vocab::strip_fillers(subject).strip_suffix("科目")?;
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ' '));
    (2..=3).contains(&s.split('-').count()).then_some(s)
}

/// The last classification code in the subject: a 3/5/7-digit run in brackets or followed
/// by 类/款/项. Function codes start with 2, economic ones with 3 or 5.
fn last_code(subject: &str) -> Option<Key> {
    let chars: Vec<(usize, char)> = subject.char_indices().collect();
    let mut found = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].1.is_ascii_digit() {
            i += 1;
        }
        let len = i - start;
        let opened = start > 0 && chars[start - 1].1 == '(';
        let closed = chars.get(i).is_some_and(|(_, c)| matches!(c, ')' | '类' | '款' | '项'));
        if matches!(len, 3 | 5 | 7) && (opened || closed) {
            let code: String = chars[start..i].iter().map(|(_, c)| *c).collect();
            found = match code.chars().next() {
                Some('2') => Some(Key::Function(code)),
                Some('3' | '5') => Some(Key::Economic(code)),
                _ => found,
            };
        }
    }
    found
}

/// Whether a code stands after byte `at` of the subject (the code names a finer subject
/// than the concept words before it).
pub fn code_after(subject: &str, at: usize) -> bool {
    subject.get(at..).is_some_and(|r| last_code(r).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::norm::key;

    #[test]
    fn codes() {
        assert_eq!(last_code(&key("(1) 行政单位离退休（2080501）")), Some(Key::Function("2080501".into())));
        assert_eq!(
            last_code(&key("1.社会保障和就业（208类）行政事业单位养老（20805款）机关事业单位基本养老保险缴费（2080505项）:支出决算为")),
            Some(Key::Function("2080505".into()))
        );
        assert_eq!(last_code(&key("工资福利支出（301）")), Some(Key::Economic("301".into())));
        assert_eq!(last_code(&key("2020年（2020）")), None);
        assert_eq!(last_code(&key("人员经费")), None);
    }
}
