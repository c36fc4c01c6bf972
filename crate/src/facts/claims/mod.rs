//! Claims: what the narrative (情况说明) asserts, read sentence by sentence (domain.md §5).
//!
//! Every money or percent figure of a paragraph becomes a [`Mention`] with its role (this
//! year's figure, last year's, the budget, the actual, a change, a share, a rate), the
//! concept its subject names (`data/concepts.txt`) and the classification item it belongs
//! to. Mentions are then tied together into year-on-year [`Change`]s, [`Share`]s,
//! completion [`Rate`]s, [`Enumeration`]s (`其中：A x、B y`) and budget [`Verdict`]s
//! (`决算数大于预算数`). The rules only compare what is recorded here.

pub mod counts;
mod items;
pub mod vocab;

use crate::document::{Block, Paragraph};
use crate::facts::table_facts::Key;
use crate::interval::{Interval, Rounding};
use crate::structure::Disclosure;
use crate::text::figures::{figures, Figure, FigureUnit};
use crate::text::norm::key;
use crate::text::numbering::{self, NumberingStyle};
pub use vocab::{BudgetKind, Concept, Dir};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "role", content = "kind")]
pub enum Role {
    /// This year's figure (`本年收入合计812.40万元`).
    Current,
    /// Last year's figure (`上年收入 920.14 万元`).
    Previous,
    /// A budget figure (`年初预算为180.00万元`).
    Budget(BudgetKind),
    /// The actual (`支出决算为171.45万元`, `执行数`).
    Actual,
    /// A change amount (`减少203.10万元`).
    Change(Dir),
    /// A change percent (`下降35.1%`).
    ChangePct(Dir),
    /// `占…的P%`.
    Share,
    /// `完成年初预算的P%`.
    Rate(BudgetKind),
    /// Another percent (`参保率98%`).
    OtherPct,
}

/// A sentence of a paragraph: byte range of the block's text.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Mention {
    pub figure: Figure,
    /// The figure and its unit as printed.
    pub printed: String,
    pub block: usize,
    pub line: u32,
    pub sentence: usize,
    pub role: Role,
    /// Concepts the subject names (several when the words are ambiguous).
    pub concepts: Vec<usize>,
    /// The function or economic classification item the figure belongs to.
    pub item: Option<Key>,
    /// Whether concept/item came from an earlier figure of the sentence.
    pub inherited: bool,
    /// A project, fund or classification item named as the subject but not resolved to a
    /// concept or code (`党建工作经费`, `医疗救助项目`, `…（款）行政运行（项）`).
    pub project: Option<String>,
    /// The normalised words of the clause before the figure.
    pub clause: String,
    /// For shares: the words naming the whole (`本年支出合计`), empty for a bare `占P%`.
    pub whole_words: String,
    /// The enumeration this figure is a part of.
    pub enumeration: Option<usize>,
}

impl Mention {
    pub fn is_money(&self) -> bool {
        matches!(self.figure.unit, FigureUnit::Money(_))
    }

    /// The printed figure as an interval, money in 元. Narrative amounts and percents are
    /// magnitudes (the direction is in the words), so `0` stands for [0, 0.5], not [−0.5, 0.5].
    pub fn interval(&self, rounding: Rounding) -> Interval {
        let mut i = self.figure.value.interval(rounding);
        i.lo = i.lo.max(rust_decimal::Decimal::ZERO);
        match self.figure.unit {
            FigureUnit::Money(u) => i.scale(u.in_yuan()),
            FigureUnit::Percent => i,
        }
    }

    /// The figure names this year's amount (in a budget, the budget is this year's amount).
    pub fn is_current_like(&self, budget_doc: bool) -> bool {
        self.is_money()
            && match self.role {
                Role::Current | Role::Actual => true,
                Role::Budget(_) => budget_doc,
                _ => false,
            }
    }

    pub fn concept_names(&self) -> String {
        self.concepts.iter().filter_map(|c| vocab::concept(*c)).map(|c| c.name).collect::<Vec<_>>().join("/")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Base {
    PriorYear,
    Budget,
}

/// A comparison: current against previous (or actual against budget), with the change as
/// an amount and/or a percent, and the words used.
#[derive(Debug, Clone)]
pub struct Change {
    pub base: Base,
    pub current: Option<usize>,
    pub previous: Option<usize>,
    pub amount: Option<usize>,
    pub percent: Option<usize>,
    /// `持平`, `无增减`, `一致` said of the figures.
    pub flat: bool,
    pub sentence: usize,
}

#[derive(Debug, Clone)]
pub struct Share {
    pub percent: usize,
    pub part: Option<usize>,
    /// Narrative figures the whole may be (error only when none fits).
    pub wholes: Vec<usize>,
    /// Concepts the whole's words name (for table look-ups).
    pub whole_concepts: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Rate {
    pub percent: usize,
    pub actual: Option<usize>,
    /// Budgets the rate may be against (年初 and 调整 when the words do not say which).
    pub budgets: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Enumeration {
    pub whole: usize,
    pub parts: Vec<usize>,
    /// `主要包括`, `主要用于`: the list need not be complete.
    pub partial: bool,
    /// Parts were gathered from the following paragraphs.
    pub spans_blocks: bool,
}

/// `决算数大于预算数`: what the words say of actual against budget.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub relation: std::cmp::Ordering,
    pub words: String,
    pub actual: usize,
    pub budget: usize,
    pub sentence: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Claims {
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub changes: Vec<Change>,
    pub shares: Vec<Share>,
    pub rates: Vec<Rate>,
    pub enumerations: Vec<Enumeration>,
    pub verdicts: Vec<Verdict>,
    /// Counts (团组, 人次, 批次, 辆) for the 三公 detail and the assets section.
    pub counts: Vec<counts::Count>,
    pub budget_doc: bool,
}

impl Claims {
    /// (sentences with a 万元/元/% figure, of which a claim was read): the coverage measure.
    pub fn coverage(&self) -> (usize, usize) {
        let (claimed, missed) = self.sentence_claims();
        (claimed.len(), claimed.len() + missed.len())
    }

    /// Sentences with a figure, split into those a claim was read from and the rest.
    pub fn sentence_claims(&self) -> (Vec<usize>, Vec<usize>) {
        let mut used = vec![false; self.mentions.len()];
        let mut mark = |i: Option<usize>| {
            if let Some(u) = i.and_then(|i| used.get_mut(i)) {
                *u = true;
            }
        };
        for c in &self.changes {
            [c.current, c.previous, c.amount, c.percent].into_iter().for_each(&mut mark);
        }
        for s in &self.shares {
            mark(Some(s.percent));
            mark(s.part);
        }
        for r in &self.rates {
            mark(Some(r.percent));
            mark(r.actual);
        }
        for e in &self.enumerations {
            mark(Some(e.whole));
            e.parts.iter().for_each(|p| mark(Some(*p)));
        }
        for v in &self.verdicts {
            mark(Some(v.actual));
        }
        let counted: Vec<usize> = self.counts.iter().map(|n| n.sentence).collect();
        let mut with_figure = vec![false; self.sentences.len()];
        let mut claimed = vec![false; self.sentences.len()];
        for (i, m) in self.mentions.iter().enumerate() {
            with_figure[m.sentence] = true;
            let role_claim = !matches!(m.role, Role::Current | Role::OtherPct);
            let named = !m.concepts.is_empty() || m.item.is_some() || m.project.is_some();
            if used[i] || role_claim || named || counted.contains(&m.sentence) {
                claimed[m.sentence] = true;
            }
        }
        let with: Vec<usize> = (0..self.sentences.len()).filter(|s| with_figure[*s]).collect();
        with.into_iter().partition(|s| claimed[*s])
    }

    /// The sentence's text.
    pub fn sentence_text<'a>(&self, d: &'a Disclosure, s: usize) -> &'a str {
        let Some(s) = self.sentences.get(s) else { return "" };
        match d.doc.blocks.get(s.block) {
            Some(Block::Paragraph(p)) => p.text.get(s.start..s.end).unwrap_or(""),
            _ => "",
        }
    }
}

/// Figures followed by these words are thresholds or unit prices, not amounts.
const NOT_AMOUNT_AFTER: &[&str] =
    &["以上", "以下", "以内", "及以上", "(含)以上", "(含)以下", "/人", "/年", "/月", "每人", "标准"];

/// How far back (in figures) a change looks for its current and previous figures: bounded
/// work on a pathological paragraph.
const LOOKBACK: usize = 200;

/// Figures read from one document at most (a disclosure has a few hundred).
const MAX_MENTIONS: usize = 20_000;

/// Candidate wholes kept for one share.
const MAX_WHOLES: usize = 50;

const MARKERS: &[(&str, bool)] = &[
    ("主要用于以下方面", false),
    ("主要包括", true),
    ("主要用于", true),
    ("具体包括", false),
    ("包括", false),
    ("其中", false),
    ("分别为", false),
];

/// Read every claim of the narrative.
pub fn collect(d: &Disclosure) -> Claims {
    let names = items::FunctionNames::new(d);
    let mut r = Reader {
        d,
        c: Claims { budget_doc: d.profile.kind == Some("预算"), ..Default::default() },
        year: d.profile.year,
        names,
        pending: None,
        section: String::new(),
        part_heading: String::new(),
        item_heading: None,
    };
    for (bi, b) in d.doc.blocks.iter().enumerate() {
        match b {
            Block::Paragraph(p) => r.paragraph(bi, p),
            Block::Heading(h) => {
                let outer = matches!(
                    h.style,
                    NumberingStyle::Part
                        | NumberingStyle::ChineseComma
                        | NumberingStyle::ChineseParen
                        | NumberingStyle::None
                );
                if outer {
                    r.pending = None;
                    r.item_heading = None;
                    // The section is the part heading plus the sub-heading under it.
                    if h.style == NumberingStyle::ChineseParen {
                        r.section = format!("{}{}", r.part_heading, key(&h.text));
                    } else {
                        r.part_heading = key(&h.text);
                        r.section = r.part_heading.clone();
                    }
                } else {
                    if r.pending.as_ref().is_some_and(|p| p.items > 0 && p.style.is_some_and(|s| s != h.style)) {
                        r.pending = None;
                    }
                    r.item_heading = Some((h.text.clone(), h.style));
                }
            }
            Block::Table(_) => {
                r.pending = None;
                r.item_heading = None;
            }
        }
    }
    r.resolve_shares();
    r.c
}

struct Pending {
    enumeration: usize,
    /// Numbering style of the items (None: unnumbered continuation lines).
    style: Option<NumberingStyle>,
    paragraphs: usize,
    items: usize,
}

struct Reader<'a> {
    d: &'a Disclosure<'a>,
    c: Claims,
    year: Option<u32>,
    names: items::FunctionNames,
    pending: Option<Pending>,
    /// The normalised text of the last section heading.
    section: String,
    part_heading: String,
    /// A numbered heading naming a classification item (`2. 卫生健康支出（类）…（项）`) whose
    /// figures follow in the next paragraph.
    item_heading: Option<(String, NumberingStyle)>,
}

/// Sentence boundaries: after `。！？!?` (and the paragraph end).
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if matches!(ch, '。' | '！' | '？' | '!' | '?') {
            let end = i + ch.len_utf8();
            if !text[start..end].trim().is_empty() {
                out.push((start, end));
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// `1. 党建工作经费`, `医疗救助项目绩效自评综述:年初预算`: the project or fund a figure is about.
fn project_name(clause: &str) -> Option<String> {
    let c = vocab::strip_fillers(clause);
    let c = c.trim_start_matches(|ch: char| ch.is_ascii_digit() || matches!(ch, '.' | '、' | '(' | ')' | ' '));
    let end = ["项目", "工作经费", "经费", "专项资金", "专项", "资金", "补助", "费"]
        .iter()
        .filter_map(|w| c.rfind(w).map(|p| p + w.len()))
        .filter(|e| vocab::trailing_ok(&c[*e..]))
        .max()?;
    let name = &c[..end];
    (name.chars().count() >= 4 && !name.contains("其中")).then(|| name.to_owned())
}

/// `参保群众满意度达`, `各类医保政策知晓率超`, `政策内住院费用报销比按`: the indicator a
/// percent is the value of (绩效 indicators, coverage and reimbursement rates).
fn indicator_name(clause: &str) -> Option<String> {
    const VERBS: &[&str] = &[
        "达到",
        "达",
        "超过",
        "超",
        "为",
        "是",
        "按",
        "不低于",
        "不少于",
        "高于",
        "低于",
        "约",
        "保持在",
        "控制在",
        ":",
    ];
    const ENDS: &[&str] = &["率", "度", "比", "比例", "目标", "进度", "计划", "占比"];
    let mut c = clause.trim();
    for _ in 0..4 {
        match VERBS.iter().find(|v| c.ends_with(*v)) {
            Some(v) => c = &c[..c.len() - v.len()],
            None => break,
        }
    }
    let c = c.rsplit([',', ';', ':', '、', '(']).next().unwrap_or(c);
    (ENDS.iter().any(|e| c.ends_with(e)) && c.chars().count() >= 2).then(|| c.to_owned())
}

fn is_clause_delimiter(c: char) -> bool {
    matches!(c, '，' | '；' | '：' | ',' | ';' | ':' | '、' | '。')
}

fn starts_new_statement(text: &str) -> bool {
    let t = key(text);
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    let head: String = t.chars().take(8).collect();
    t.starts_with("截至") || t.starts_with("截止") || vocab::years(&head).next().is_some()
}

impl<'a> Reader<'a> {
    fn paragraph(&mut self, bi: usize, p: &Paragraph) {
        let text = p.text.as_str();
        let first_mention = self.c.mentions.len();
        let first_sentence = self.c.sentences.len();
        let heading = self.item_heading.take();
        let style = numbering::parse(text).map(|n| n.style).or(heading.as_ref().map(|h| h.1));
        for (si, (s, e)) in sentence_spans(text).into_iter().enumerate() {
            let sentence = self.c.sentences.len();
            self.c.sentences.push(Sentence { block: bi, start: s, end: e, line: p.line_at(s) });
            let ctx = if si == 0 { heading.as_ref().map(|h| h.0.as_str()) } else { None };
            self.sentence_mentions(bi, p, sentence, s, e, ctx);
            for (kind, value, start, end) in counts::scan(text.get(s..e).unwrap_or(""), s) {
                if self.c.counts.len() < MAX_MENTIONS {
                    let printed = text.get(start..end).unwrap_or("").to_owned();
                    let line = p.line_at(start);
                    self.c.counts.push(counts::Count { kind, value, printed, block: bi, line, sentence, start, end });
                }
            }
        }
        let mentions = first_mention..self.c.mentions.len();
        // A paragraph continuing an enumeration announced before it (`其中：` at the end).
        if let Some(pend) = self.pending.take() {
            self.continue_enumeration(pend, text, style, mentions.clone());
        }
        self.changes(text, mentions.clone());
        self.rates(mentions.clone(), first_sentence);
        self.verdicts(text, mentions.clone(), first_sentence);
        self.enumerations(text, mentions, first_sentence);
    }

    fn sentence_mentions(&mut self, bi: usize, p: &Paragraph, sentence: usize, s: usize, e: usize, ctx: Option<&str>) {
        let text = p.text.as_str();
        let Some(body) = text.get(s..e) else { return };
        let mut prev_end = s;
        let mut first = true;
        for mut f in figures(body) {
            if self.c.mentions.len() >= MAX_MENTIONS {
                return;
            }
            f.start += s;
            f.end += s;
            let after: String = key(text.get(f.end..e).unwrap_or("")).chars().take(6).collect();
            if matches!(f.unit, FigureUnit::Money(_)) && NOT_AMOUNT_AFTER.iter().any(|w| after.starts_with(w)) {
                prev_end = f.end;
                continue;
            }
            let Some(before) = text.get(prev_end..f.start) else { continue };
            let clause_start = before
                .rfind(is_clause_delimiter)
                .map_or(prev_end, |i| prev_end + i + before[i..].chars().next().map_or(1, char::len_utf8));
            let clause = key(text.get(clause_start..f.start).unwrap_or(""));
            let since = key(before);
            let so_far = key(text.get(s..f.start).unwrap_or(""));
            let cue = vocab::strip_fillers(&clause);
            let money = matches!(f.unit, FigureUnit::Money(_));
            let mut whole_words = String::new();
            let role = if !money {
                if let Some(pos) = since.rfind('占') {
                    let w = since[pos + '占'.len_utf8()..].trim_end_matches(['的', ':', '为', '达', '约']);
                    whole_words = w.trim_end_matches("比例").trim_end_matches("比重").to_owned();
                    if matches!(whole_words.as_str(), "比" | "比例" | "比重") {
                        whole_words.clear();
                    }
                    Role::Share
                } else if let Some(d) = vocab::direction_suffix(cue) {
                    Role::ChangePct(d)
                } else if let Some(k) = vocab::rate_cue(&clause) {
                    Role::Rate(k)
                } else {
                    Role::OtherPct
                }
            } else if let Some(d) = vocab::direction_suffix(cue).filter(|_| {
                // The comparison is in this clause (`较上年增加`), or the sentence opened with
                // it and this clause names its subject (`与上年相比，…；公务接待费减少`).
                vocab::compares(&since) || vocab::compares(&so_far) && vocab::resolve(&clause).is_some()
            }) {
                Role::Change(d)
            } else if let Some(d) = vocab::direction_prefix(&clause).filter(|_| vocab::compares(&so_far)) {
                // `与上年相比…，增加基本支出 844.15 万元`
                Role::Change(d)
            } else if vocab::previous_year(&clause, self.year)
                || clause
                    .rsplit('(')
                    .next()
                    .is_some_and(|t| t.len() < clause.len() && vocab::previous_year(t, self.year))
            {
                // `与2016年度相比（2016年度支出为 8,648.07 万元）`: the bracket states last year's.
                Role::Previous
            } else if vocab::actual_suffix(cue) {
                Role::Actual
            } else if let Some(k) = vocab::budget_suffix(cue) {
                Role::Budget(k)
            } else {
                Role::Current
            };
            let (mut concepts, mut item) = (Vec::new(), None);
            if money {
                // The subject may stand in a numbered heading just above the paragraph.
                let subject = match (first, ctx) {
                    (true, Some(h)) => format!("{}{}", key(h), clause),
                    _ => clause.clone(),
                };
                item = self.names.item(&subject);
                // `1.社会保障和就业（208类）…（2080505项）: 支出决算为27.59万元`: the item opens
                // the sentence, before the clause of its first figure.
                if item.is_none() && first && vocab::bare_role(&clause) {
                    item = self.names.item(&so_far);
                }
                if let Some((ids, at)) = vocab::resolve(&subject) {
                    // An item code after the concept words names a finer subject.
                    concepts = ids;
                    if item.is_some() && items::code_after(&subject, at) {
                        concepts.clear();
                    }
                }
                if item.is_some() && !concepts.is_empty() {
                    item = None;
                }
                // `上年收入 920.14 万元`: last year's 本年收入.
                if concepts.is_empty() && role == Role::Previous {
                    let rest = ["上年度", "上年", "去年", "上一年度", "上一年"]
                        .iter()
                        .find_map(|w| subject.rfind(w).map(|p| &subject[p + w.len()..]))
                        .unwrap_or("");
                    if let Some((ids, _)) = vocab::resolve(&format!("本年{rest}")) {
                        concepts = ids;
                    }
                }
                vocab::widen_for_section(&mut concepts, &self.section);
            }
            let mut inherited = false;
            let inherits = matches!(
                role,
                Role::Previous | Role::Budget(_) | Role::Actual | Role::Change(_) | Role::ChangePct(_) | Role::Rate(_)
            );
            // `上年预算为`, `上年决算数为`: last year's figure of the sentence's subject.
            let role_words = match role {
                Role::Previous => ["上年度", "上一年度", "上年", "去年"]
                    .iter()
                    .find_map(|w| clause.strip_prefix(w))
                    .unwrap_or(&clause),
                _ => &clause,
            };
            if inherits && concepts.is_empty() && item.is_none() && vocab::bare_role(role_words) {
                if let Some(prev) =
                    self.c.mentions.iter().rev().take_while(|m| m.sentence == sentence).find(|m| m.is_money())
                {
                    concepts = prev.concepts.clone();
                    item = prev.item.clone();
                    inherited = true;
                }
            }
            let printed = text.get(f.start..f.end).unwrap_or("").trim().to_owned();
            let project = if money && concepts.is_empty() && item.is_none() {
                items::path_name(&clause).or_else(|| project_name(&clause))
            } else if role == Role::OtherPct {
                indicator_name(&clause)
            } else {
                None
            };
            self.c.mentions.push(Mention {
                line: p.line_at(f.start),
                figure: f.clone(),
                printed,
                block: bi,
                sentence,
                role,
                concepts,
                item,
                inherited,
                whole_words,
                enumeration: None,
                project,
                clause: clause.clone(),
            });
            prev_end = f.end;
            first = false;
        }
    }

    /// The mentions of sentence `s` within `ms` (mentions are in sentence order).
    fn sentence_range(&self, ms: &std::ops::Range<usize>, s: usize) -> std::ops::Range<usize> {
        let slice = self.c.mentions.get(ms.clone()).unwrap_or(&[]);
        ms.start + slice.partition_point(|m| m.sentence < s)..ms.start + slice.partition_point(|m| m.sentence <= s)
    }

    fn is_current_like(&self, i: usize) -> bool {
        self.c.mentions.get(i).is_some_and(|m| m.is_current_like(self.c.budget_doc))
    }

    fn same_subject(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.c.mentions.get(a), self.c.mentions.get(b)) else { return false };
        match (&x.item, &y.item) {
            (Some(i), Some(j)) => i == j,
            _ => x.concepts.iter().any(|c| y.concepts.contains(c)),
        }
    }

    /// Year-on-year (or actual-against-budget) comparisons.
    fn changes(&mut self, text: &str, ms: std::ops::Range<usize>) {
        let mut i = ms.start;
        while i < ms.end {
            let m = &self.c.mentions[i];
            let (amount, percent) = match m.role {
                Role::Change(_) => {
                    // The percent of this change follows it directly (`减少203.10万元，下降20%`).
                    let next = self.c.mentions.get(i + 1).filter(|n| {
                        i + 1 < ms.end
                            && n.sentence == m.sentence
                            && matches!(n.role, Role::ChangePct(_))
                            && text.get(m.figure.end..n.figure.start).is_some_and(|b| key(b).chars().count() <= 6)
                    });
                    (Some(i), next.map(|_| i + 1))
                }
                Role::ChangePct(_) => (None, Some(i)),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let sentence = m.sentence;
            let sent = &self.c.sentences[sentence];
            let before = key(text.get(sent.start..m.figure.start).unwrap_or(""));
            let base = if vocab::against_budget(&before) { Base::Budget } else { Base::PriorYear };
            let has_subject = !m.concepts.is_empty() || m.item.is_some();
            let (mut current, mut previous) = (None, None);
            for j in (i.saturating_sub(LOOKBACK).max(ms.start)..i).rev() {
                let n = &self.c.mentions[j];
                let near = n.sentence + 1 >= sentence;
                let fits = if has_subject && !m.inherited { self.same_subject(i, j) } else { near };
                match (base, n.role) {
                    (Base::Budget, Role::Actual) if current.is_none() => current = Some(j),
                    (Base::Budget, Role::Budget(_)) if previous.is_none() => previous = Some(j),
                    (Base::PriorYear, Role::Previous) if previous.is_none() && current.is_none() && fits => {
                        previous = Some(j)
                    }
                    (Base::PriorYear, _) if current.is_none() && fits && self.is_current_like(j) => current = Some(j),
                    _ => {}
                }
                if current.is_some() && (previous.is_some() || base == Base::PriorYear) {
                    break;
                }
            }
            self.c.changes.push(Change { base, current, previous, amount, percent, flat: false, sentence });
            i = percent.map_or(i, |p| p.max(i)) + 1;
        }
        // `与上年持平` said of a pair of figures.
        let sentences: Vec<usize> = {
            let mut v: Vec<usize> = self.c.mentions[ms.clone()].iter().map(|m| m.sentence).collect();
            v.dedup();
            v
        };
        for s in sentences {
            let st = &self.c.sentences[s];
            let words = key(text.get(st.start..st.end).unwrap_or(""));
            if !vocab::FLAT.iter().any(|w| words.contains(w)) || words.contains("基本持平") {
                continue;
            }
            let in_s: Vec<usize> = ms.clone().filter(|j| self.c.mentions[*j].sentence == s).collect();
            if in_s.iter().any(|j| matches!(self.c.mentions[*j].role, Role::Change(_) | Role::ChangePct(_))) {
                continue;
            }
            let current = in_s.iter().copied().find(|j| self.is_current_like(*j));
            let previous = in_s.iter().copied().find(|j| self.c.mentions[*j].role == Role::Previous);
            if let (Some(c), Some(p)) = (current, previous) {
                self.c.changes.push(Change {
                    base: Base::PriorYear,
                    current: Some(c),
                    previous: Some(p),
                    amount: None,
                    percent: None,
                    flat: true,
                    sentence: s,
                });
            }
        }
    }

    /// Completion rates: the actual and budget from the sentence, or the one before it.
    fn rates(&mut self, ms: std::ops::Range<usize>, first_sentence: usize) {
        for i in ms.clone() {
            let Role::Rate(kind) = self.c.mentions[i].role else { continue };
            let s = self.c.mentions[i].sentence;
            let pick = |lo: usize| -> (Option<usize>, Vec<(usize, BudgetKind)>) {
                let mut actual = None;
                let mut budgets = Vec::new();
                for j in (ms.start..i).rev() {
                    let n = &self.c.mentions[j];
                    if n.sentence < lo {
                        break;
                    }
                    match n.role {
                        Role::Actual if actual.is_none() => actual = Some(j),
                        Role::Budget(k) => budgets.push((j, k)),
                        _ => {}
                    }
                }
                (actual, budgets)
            };
            let (mut actual, mut budgets) = pick(s);
            if (actual.is_none() || budgets.is_empty()) && s > first_sentence {
                (actual, budgets) = pick(s - 1);
            }
            let budgets: Vec<usize> = match kind {
                BudgetKind::Any => budgets.iter().map(|b| b.0).collect(),
                k => {
                    let exact: Vec<usize> = budgets.iter().filter(|b| b.1 == k).map(|b| b.0).collect();
                    if exact.is_empty() {
                        budgets.iter().filter(|b| b.1 == BudgetKind::Any).map(|b| b.0).collect()
                    } else {
                        exact
                    }
                }
            };
            self.c.rates.push(Rate { percent: i, actual, budgets });
        }
    }

    /// `决算数大于预算数`, `决算数等于预算数`: the actual and budget of this sentence or the
    /// one before it.
    fn verdicts(&mut self, text: &str, ms: std::ops::Range<usize>, first_sentence: usize) {
        for s in first_sentence..self.c.sentences.len() {
            let st = &self.c.sentences[s];
            let words = key(text.get(st.start..st.end).unwrap_or(""));
            let Some((relation, w)) = verdict_words(&words) else { continue };
            let near = self.sentence_range(&ms, s.saturating_sub(1)).start..self.sentence_range(&ms, s).end;
            let latest = |want: fn(&Role) -> bool| near.clone().rev().find(|j| want(&self.c.mentions[*j].role));
            let actual = latest(|r| *r == Role::Actual);
            let budget = latest(|r| matches!(r, Role::Budget(_)));
            if let (Some(actual), Some(budget)) = (actual, budget) {
                self.c.verdicts.push(Verdict { relation, words: w, actual, budget, sentence: s });
            }
        }
    }

    /// Enumerations announced in this paragraph.
    fn enumerations(&mut self, text: &str, ms: std::ops::Range<usize>, first_sentence: usize) {
        for s in first_sentence..self.c.sentences.len() {
            let st = self.c.sentences[s].clone();
            let Some(body) = text.get(st.start..st.end) else { continue };
            let mut markers: Vec<(usize, bool, usize)> = Vec::new();
            for (w, partial) in MARKERS {
                for (p, _) in body.match_indices(w) {
                    let p = st.start + p;
                    if !markers.iter().any(|(q, _, l)| p >= *q && p < q + l) {
                        markers.push((p, *partial, w.len()));
                    }
                }
            }
            markers.sort();
            for (k, (pos, partial, len)) in markers.iter().copied().enumerate() {
                let next_marker = markers.get(k + 1).map_or(usize::MAX, |m| m.0);
                let in_range = |j: &usize| {
                    let m = &self.c.mentions[*j];
                    m.sentence == s && m.figure.start >= pos + len && m.figure.start < next_marker
                };
                let here = self.sentence_range(&ms, s);
                let near = self.sentence_range(&ms, s.saturating_sub(1)).start..here.end;
                let whole = near
                    .clone()
                    .rev()
                    .filter(|j| {
                        let m = &self.c.mentions[*j];
                        m.figure.start < pos && (m.sentence == s || m.sentence + 1 == s)
                    })
                    .find(|j| {
                        self.is_current_like(*j) && vocab::direction_prefix(&self.c.mentions[*j].clause).is_none()
                    });
                let Some(whole) = whole else { continue };
                // The list ends where a comparison of the whole begins (`较上年增加…`).
                let stop = here
                    .clone()
                    .filter(in_range)
                    .find(|j| matches!(self.c.mentions[*j].role, Role::Change(_) | Role::ChangePct(_) | Role::Previous))
                    .map_or(usize::MAX, |j| self.c.mentions[j].figure.start);
                let parts: Vec<usize> = here
                    .clone()
                    .filter(in_range)
                    .filter(|j| self.c.mentions[*j].figure.start < stop && self.is_current_like(*j))
                    .collect();
                // `其中：` / `主要用于以下方面：` closing the paragraph announces the lines below.
                let rest = key(text.get(pos + len..st.end).unwrap_or(""));
                let rest = rest.trim_matches(|c: char| matches!(c, ':' | '。' | ',' | '，' | '：'));
                let at_end = st.end == text.len()
                    && parts.is_empty()
                    && ["", "如下", "以下方面", "以下几个方面", "下列方面", "以下"].contains(&rest);
                if parts.is_empty() && !at_end {
                    continue;
                }
                let e = self.c.enumerations.len();
                for p in &parts {
                    self.c.mentions[*p].enumeration = Some(e);
                }
                self.c.enumerations.push(Enumeration { whole, parts, partial, spans_blocks: at_end });
                if at_end {
                    self.pending = Some(Pending { enumeration: e, style: None, paragraphs: 0, items: 0 });
                }
            }
        }
    }

    /// Parts of a pending enumeration from a following paragraph: one part per numbered
    /// item (items keep one numbering style: a different style is another level), or the
    /// first sentence's this-year figures of an unnumbered continuation, up to any marker.
    fn continue_enumeration(
        &mut self,
        mut pend: Pending,
        text: &str,
        style: Option<NumberingStyle>,
        ms: std::ops::Range<usize>,
    ) {
        if ms.is_empty() {
            // A fragment without figures (a wrapped reason, a note) does not end the list.
            if pend.paragraphs < 40 {
                pend.paragraphs += 1;
                self.pending = Some(pend);
            }
            return;
        }
        if pend.items == 0 {
            pend.style = style;
        } else if starts_new_statement(text) {
            return;
        } else {
            match (pend.style, style) {
                (Some(a), Some(b)) if a != b => return,
                (Some(_), None) if !self.item_run(text) => return,
                (None, Some(_)) => return,
                _ => {}
            }
        }
        let first = (ms.start..ms.end).find(|j| self.is_current_like(*j));
        let Some(first) = first else { return };
        // A fragment starting with a bare figure (a line broken by a page break) ends the list.
        let lead = text.get(..self.c.mentions[first].figure.start).map(key).unwrap_or_default();
        if lead.trim_matches(|c: char| !c.is_alphanumeric()).is_empty() {
            return;
        }
        let s = self.c.mentions[first].sentence;
        let marker_at =
            MARKERS.iter().filter_map(|(w, _)| text.find(w)).filter(|p| *p > self.c.sentences[s].start).min();
        let parts: Vec<usize> = if pend.style.is_some() || self.c.mentions[first].item.is_some() {
            vec![first]
        } else {
            (ms.start..ms.end)
                .filter(|j| {
                    let m = &self.c.mentions[*j];
                    m.sentence == s && marker_at.is_none_or(|p| m.figure.start < p) && self.is_current_like(*j)
                })
                .collect()
        };
        let e = pend.enumeration;
        for p in &parts {
            self.c.mentions[*p].enumeration = Some(e);
        }
        if let Some(en) = self.c.enumerations.get_mut(e) {
            en.parts.extend(parts);
        }
        pend.paragraphs += 1;
        pend.items += 1;
        if pend.paragraphs < 40 {
            self.pending = Some(pend);
        }
    }

    /// An unnumbered line naming a classification item continues a numbered list
    /// (`行政事业单位医疗（21011款）行政单位医疗（2101101项）:支出决算为…`).
    fn item_run(&self, text: &str) -> bool {
        let head: String = text.chars().take(60).collect();
        self.names.item(&key(&head)).is_some()
    }

    /// Shares: the part just before `占`, the whole from its words or the enumeration.
    fn resolve_shares(&mut self) {
        let budget_doc = self.c.budget_doc;
        // This year's figures by concept, in document order.
        let mut by_concept: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
        for (j, n) in self.c.mentions.iter().enumerate() {
            if n.is_current_like(budget_doc) {
                for c in &n.concepts {
                    by_concept.entry(*c).or_default().push(j);
                }
            }
        }
        let named = |ids: &[usize]| -> Vec<usize> {
            let mut v: Vec<usize> = ids.iter().filter_map(|c| by_concept.get(c)).flatten().copied().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for i in 0..self.c.mentions.len() {
            if self.c.mentions[i].role != Role::Share {
                continue;
            }
            let m = &self.c.mentions[i];
            let part = i.checked_sub(1).filter(|j| {
                let n = &self.c.mentions[*j];
                n.sentence == m.sentence && n.is_money() && m.figure.start >= n.figure.end && {
                    let between = self.between(n, m);
                    let b = between.trim_start_matches(['，', ',', '、', '(', ' ']);
                    b.starts_with('占') && between.chars().count() <= b.chars().count() + 2
                }
            });
            let mut whole_concepts = Vec::new();
            let mut wholes = Vec::new();
            if !m.whole_words.is_empty() {
                if let Some((ids, _)) = vocab::resolve(&m.whole_words) {
                    whole_concepts = ids;
                }
                wholes = named(&whole_concepts)
                    .into_iter()
                    .filter(|j| Some(*j) != part && *j != i)
                    .filter(|j| self.c.mentions[*j].item.is_none() && !self.c.mentions[*j].inherited)
                    .take(MAX_WHOLES)
                    .collect();
            } else if let Some(e) = part.and_then(|p| self.c.mentions[p].enumeration) {
                wholes = self.c.enumerations.get(e).map(|e| vec![e.whole]).unwrap_or_default();
            } else if let Some(ids) = self.lead_subject(m.sentence) {
                // `"三公"经费财政拨款支出决算中，因公出国（境）费…占…`
                wholes = named(&ids).into_iter().filter(|j| *j < i).take(MAX_WHOLES).collect();
                whole_concepts = ids;
            }
            self.c.shares.push(Share { percent: i, part, wholes, whole_concepts });
        }
    }

    fn between(&self, a: &Mention, b: &Mention) -> String {
        self.text_of(a.block).get(a.figure.end..b.figure.start).map(key).unwrap_or_default()
    }

    fn text_of(&self, block: usize) -> &'a str {
        match self.d.doc.blocks.get(block) {
            Some(Block::Paragraph(p)) => &p.text,
            _ => "",
        }
    }

    /// The concept a sentence opens with when it says `…中，` (`“三公”经费支出决算中，`).
    fn lead_subject(&self, s: usize) -> Option<Vec<usize>> {
        let st = self.c.sentences.get(s)?;
        let body = self.text_of(st.block).get(st.start..st.end)?;
        let first = key(body.split(['，', ',', '：', ':']).next()?);
        let head = first.strip_suffix('中')?;
        vocab::resolve(head).map(|(ids, _)| ids)
    }
}

/// The relation `决算数大于预算数` states, and the words.
fn verdict_words(words: &str) -> Option<(std::cmp::Ordering, String)> {
    use std::cmp::Ordering::*;
    const RELATIONS: &[(&str, std::cmp::Ordering)] = &[
        ("大于", Greater),
        ("高于", Greater),
        ("超过", Greater),
        ("多于", Greater),
        ("小于", Less),
        ("低于", Less),
        ("少于", Less),
        ("等于", Equal),
    ];
    for (w, rel) in RELATIONS {
        for (p, _) in words.match_indices(w) {
            let before = &words[..p];
            let after = &words[p + w.len()..];
            let after = after.strip_prefix("年初").or_else(|| after.strip_prefix("调整")).unwrap_or(after);
            if (before.ends_with("决算数") || before.ends_with("决算")) && after.starts_with("预算") {
                let start =
                    before.rfind("决算").map_or(p, |q| before[..q].rfind("支出").filter(|r| r + 6 == q).unwrap_or(q));
                let end = p + w.len() + words[p + w.len()..].find("预算").map_or(0, |q| q + "预算".len());
                let end = if words[end..].starts_with("数") { end + "数".len() } else { end };
                return Some((*rel, words.get(start..end).unwrap_or(w).to_owned()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
