//! Template residue (domain.md §6): what the author of a disclosure was meant to replace
//! or delete before publishing — both choices of an alternative (`增加（减少）`),
//! placeholders (`XX`, `××`, `x,xxx`, `指标1:`, `……`), notes addressed to the author
//! (`（注：数据来源于财决01表）`, `（罗列全部…）`, `请根据…`), a `%` or `万元` with no figure
//! before it, and sentences cut off after their lead-in (`主要原因是。`). The phrase lists
//! are in `data/residue.txt`. Identical findings are grouped by the report layer, so a
//! template with fifty `XX` gives one finding with fifty locations.

use super::scan::{self, fold, line_location, Piece, Place};
use super::{finding, Context, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::structure::Disclosure;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "residue.alternative",
        family: "residue",
        severity: Severity::Warning,
        title_zh: "模板备选措辞未选定",
        title_en: "Template alternative left unresolved",
        doc_zh: "模板中的“增加（减少）”“增长/下降”等备选措辞应按实际情况保留其一。",
        doc_en: "Template alternatives such as 增加（减少） must be resolved to the one that applies.",
    },
    RuleInfo {
        id: "residue.placeholder",
        family: "residue",
        severity: Severity::Warning,
        title_zh: "模板占位符未替换",
        title_en: "Template placeholder not replaced",
        doc_zh: "“XX”“××”“x,xxx”“指标1:”“……”等占位符应替换为实际内容。",
        doc_en: "Placeholders such as XX, ××, x,xxx, 指标1: or …… must be replaced by the actual content.",
    },
    RuleInfo {
        id: "residue.instruction",
        family: "residue",
        severity: Severity::Warning,
        title_zh: "模板填写说明未删除",
        title_en: "Template instruction left in",
        doc_zh: "“（注：数据来源于财决01表）”“（罗列全部…）”“请根据…”等写给编制人员的说明应在公开前删除。",
        doc_en: "Notes addressed to the preparer (data sources, 罗列…, 请根据…) must be deleted before publication.",
    },
    RuleInfo {
        id: "residue.empty-value",
        family: "residue",
        severity: Severity::Warning,
        title_zh: "应填数字处为空",
        title_en: "A figure is missing",
        doc_zh: "“占%”“为万元”等处缺少数字。",
        doc_en: "A % sign or 万元 with no figure in front of it.",
    },
    RuleInfo {
        id: "residue.cut-off",
        family: "residue",
        severity: Severity::Warning,
        title_zh: "句子未写完",
        title_en: "Sentence cut off",
        doc_zh: "“主要原因是。”“主要用于。”等引出语后没有内容。",
        doc_en: "A lead-in such as 主要原因是 is followed directly by the end of the sentence.",
    },
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Alternative,
    Instruction,
    CutOff,
}

/// `data/residue.txt`: (kind, folded phrase, phrase as written).
fn phrases() -> Vec<(Kind, Vec<char>, &'static str)> {
    include_str!("../../data/residue.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (kind, phrase) = l.split_once('\t')?;
            let kind = match kind.trim() {
                "alternative" => Kind::Alternative,
                "instruction" => Kind::Instruction,
                "cut-off" => Kind::CutOff,
                _ => return None,
            };
            Some((kind, fold(phrase), phrase.trim()))
        })
        .collect()
}

/// A phrase for display: the document's full-width brackets.
fn display(phrase: &str) -> String {
    phrase.replace('(', "（").replace(')', "）").replace(':', "：")
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let d = ctx.disclosure;
    let phrases = phrases();
    // Phrases by first char: one pass over the text instead of one per phrase.
    let mut by_first: std::collections::HashMap<char, Vec<usize>> = std::collections::HashMap::new();
    for (k, (_, pattern, _)) in phrases.iter().enumerate() {
        if let Some(c) = pattern.first() {
            by_first.entry(*c).or_default().push(k);
        }
    }
    for p in scan::pieces(d) {
        let mut instruction_reported = false;
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for (i, c) in p.folded.iter().enumerate() {
            for &k in by_first.get(c).into_iter().flatten() {
                if scan::at_chars(&p.folded, i, &phrases[k].1) {
                    hits.push((i, k));
                }
            }
        }
        // Report in data-file order, as before: alternatives, then instructions, then cut-offs.
        hits.sort_by_key(|&(i, k)| (k, i));
        for (i, k) in hits {
            let (kind, pattern, written) = &phrases[k];
            match kind {
                Kind::Alternative => out.push(at(
                    d,
                    &p,
                    i,
                    "residue.alternative",
                    format!("模板备选措辞“{}”未按实际情况选定其一", display(written)),
                    format!("template alternative \"{}\" left unresolved: keep the one that applies", written),
                )),
                // One note often holds several instruction phrases: report it once.
                Kind::Instruction if !instruction_reported => {
                    instruction_reported = true;
                    out.push(at(
                        d,
                        &p,
                        i,
                        "residue.instruction",
                        "模板中写给编制人员的填写说明未删除".into(),
                        "a template note addressed to the preparer was left in".into(),
                    ));
                }
                Kind::Instruction => {}
                Kind::CutOff => {
                    let next = p.folded.get(i + pattern.len());
                    if matches!(next, Some('。' | ';' | '.')) && p.place != Place::Cell {
                        out.push(at(
                            d,
                            &p,
                            i,
                            "residue.cut-off",
                            format!("“{}”后没有内容，句子未写完", display(written)),
                            format!("nothing follows \"{written}\": the sentence is cut off"),
                        ));
                    }
                }
            }
        }
        placeholders(d, &p, out);
        if p.place == Place::Paragraph {
            empty_values(d, &p, out);
        }
    }
}

fn at(d: &Disclosure, p: &Piece, i: usize, rule: &'static str, zh: String, en: String) -> Finding {
    let mut f = finding(rule, Severity::Warning, zh, en);
    f.locations.push(line_location(d, p.line_of(i)));
    f
}

fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | '×')
}

fn placeholders(d: &Disclosure, p: &Piece, out: &mut Vec<Finding>) {
    let c = &p.folded;
    let mut i = 0;
    while i < c.len() {
        if !is_x(c[i]) {
            i += 1;
            continue;
        }
        // A run of X / × (with the `,` `.` of an `x,xxx.xx` figure inside it).
        let mut j = i;
        let mut xs = 0;
        while j < c.len() && (is_x(c[j]) || (matches!(c[j], ',' | '.') && c.get(j + 1).is_some_and(|n| is_x(*n)))) {
            xs += usize::from(is_x(c[j]));
            j += 1;
        }
        let letter = |k: Option<&char>| k.is_some_and(|ch| ch.is_ascii_alphabetic());
        let prev = i.checked_sub(1).and_then(|k| c.get(k));
        // One × is a multiplication sign; `XXL` or `Excel` are words.
        if xs >= 2 && !letter(prev) && !letter(c.get(j)) {
            let canonical = if c[i] == '×' { "××" } else { "XX" };
            out.push(at(
                d,
                p,
                i,
                "residue.placeholder",
                format!("模板占位符“{canonical}”未替换为实际内容"),
                format!("template placeholder \"{canonical}\" not replaced by the actual content"),
            ));
        }
        i = j.max(i + 1);
    }
    // `指标1:` / `目标1:` with nothing after it (or only the next empty one): an indicator or
    // target of a 绩效 form never filled in.
    for word in ["指标", "目标"] {
        let w = fold(word);
        for k in p.find(&w) {
            let mut e = k + w.len();
            while c.get(e).is_some_and(char::is_ascii_digit) {
                e += 1;
            }
            let empty_after = e + 1 == c.len() || (e + 1 < c.len() && scan::at(c, e + 1, word));
            if e > k + w.len() && c.get(e) == Some(&':') && empty_after {
                out.push(at(
                    d,
                    p,
                    k,
                    "residue.placeholder",
                    format!("模板占位符“{word}1:”未替换为实际内容"),
                    format!("template placeholder \"{word}1:\" not replaced by the actual content"),
                ));
            }
        }
    }
    // `……` standing for content: after a lead-in (`主要原因是……。`, `主要用于……`), before a
    // colon (`（九）……：指……`). After `、` it ends an enumeration and is fine.
    let mut k = 0;
    while k < c.len() {
        if c[k] != '…' {
            k += 1;
            continue;
        }
        let start = k;
        while k < c.len() && c[k] == '…' {
            k += 1;
        }
        let before = start.checked_sub(1).and_then(|b| c.get(b));
        let lead_in = before.is_some_and(|b| matches!(b, '是' | '于' | '为' | ':' | '指'));
        let whole = c.iter().all(|ch| matches!(ch, '…' | '.' | '。' | '·'));
        if k - start >= 2 && !whole && (lead_in || c.get(k) == Some(&':')) {
            out.push(at(
                d,
                p,
                start,
                "residue.placeholder",
                "模板占位符“……”未替换为实际内容".into(),
                "template placeholder \"……\" not replaced by the actual content".into(),
            ));
        }
    }
    // A cell or line of nothing but ellipses and dots.
    if c.contains(&'…') && c.iter().all(|ch| matches!(ch, '…' | '.' | '。' | '·')) {
        out.push(at(
            d,
            p,
            0,
            "residue.placeholder",
            "模板占位符“……”未替换为实际内容".into(),
            "template placeholder \"……\" not replaced by the actual content".into(),
        ));
    }
}

/// Chars after which `%` or `万元` needs a figure: `占%`, `为万元`, `增长%`.
fn needs_figure(c: char) -> bool {
    matches!(c, '为' | '计' | '共' | '占' | '达' | '至' | '少' | '加' | '长' | '降' | '是' | '比' | '余')
}

fn empty_values(d: &Disclosure, p: &Piece, out: &mut Vec<Finding>) {
    let c = &p.folded;
    let wan = fold("万元");
    let mut hits: Vec<usize> = c.iter().enumerate().filter(|(_, ch)| **ch == '%').map(|(i, _)| i).collect();
    hits.extend(p.find(&wan));
    hits.sort_unstable();
    for i in hits {
        let Some(prev) = i.checked_sub(1).and_then(|k| c.get(k)) else { continue };
        // `转换为万元`, `单位为万元`, `折合为万元` name the unit, they do not state a figure.
        let prev2 = i.checked_sub(2).and_then(|k| c.get(k));
        let names_unit = *prev == '为' && prev2.is_some_and(|p| matches!(p, '换' | '算' | '合' | '位' | '均' | '成'));
        if needs_figure(*prev) && !names_unit {
            let what = if c[i] == '%' { "%" } else { "万元" };
            out.push(at(
                d,
                p,
                i,
                "residue.empty-value",
                format!("“{prev}{what}”：此处应填写数字"),
                format!("\"{prev}{what}\": a figure is missing here"),
            ));
        }
    }
}
