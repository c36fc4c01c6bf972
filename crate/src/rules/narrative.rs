//! The narrative's own arithmetic (domain.md §5): a change equals current − previous, a
//! percent change equals change ÷ previous, the direction words match the sign, a share
//! equals part ÷ whole, an enumeration's parts add up to its whole and its shares to 100 %, a
//! completion rate equals actual ÷ budget, `决算数大于预算数` agrees with the figures, and no
//! percent is stated on a zero base. Every figure is an interval (its printed precision), so
//! a difference rounding can explain is never reported; one only truncation explains is info.

use super::arithmetic::{check_sum, format_decimal, format_percent, Term};
use super::{excerpt, finding, Context, RuleInfo};
use crate::facts::claims::{self, Base, Claims, Dir, Mention, Role};
use crate::facts::table_facts::{Key, Period, TableFact};
use crate::finding::{Finding, Location, Severity};
use crate::interval::{Interval, Rounding};
use crate::text::figures::FigureUnit;
use crate::text::number::CellValue;
use rust_decimal::Decimal;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "narrative.change-amount",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "增减额与本年数、上年数不符",
        title_en: "Change amount differs from current − previous",
        doc_zh: "文中同时给出本年数、上年数和增减额时，增减额应等于本年数减上年数（按各数的印刷精度用区间判断，尾差不报错）。例：本年收入 812.40 万元，上年 1015.50 万元，应减少 203.10 万元。",
        doc_en: "When the text states the current figure, last year's figure and the change, the change must equal current − previous (judged on the printed precision; rounding never errors).",
    },
    RuleInfo {
        id: "narrative.change-percent",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "增减比例计算错误",
        title_en: "Percent change is wrong",
        doc_zh: "增长（下降）比例 = 增减额 ÷ 上年数；上年数未写出时由本年数与增减额推出。例：收入总计 812.40 万元，减少 203.10 万元，则上年为 1015.50 万元，下降 20.00%，写成 35.1% 即错。常见错误是以本年数为基数计算。",
        doc_en: "Percent change = change ÷ last year's figure (derived from current and change when not stated). A common mistake is dividing by the current figure.",
    },
    RuleInfo {
        id: "narrative.direction",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "增减方向用词与数字不符",
        title_en: "Direction word contradicts the figures",
        doc_zh: "“增加/增长”须对应本年数大于上年数，“减少/下降”对应小于，“持平/无增减/一致”对应相等（尾差以内）；同一句中增减额与增减比例的方向词也须一致。",
        doc_en: "增加/增长 needs current > previous, 减少/下降 current < previous, 持平 equal within rounding; the words for the amount and the percent of one change must agree.",
    },
    RuleInfo {
        id: "narrative.zero-base",
        family: "narrative",
        severity: Severity::Warning,
        title_zh: "对零基数给出了比例",
        title_en: "A percent on a zero base",
        doc_zh: "上年数为零时增长比例无意义（应写“上年基数为零，不可比”）；年初预算为零时完成预算的比例无意义（应说明为追加预算）；总数为零时占比无意义。",
        doc_en: "A percent change on a zero previous figure, a completion rate against a zero budget or a share of a zero whole is undefined.",
    },
    RuleInfo {
        id: "narrative.share",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "占比计算错误",
        title_en: "Share is wrong",
        doc_zh: "“占…的P%”应等于部分 ÷ 总数。总数取文中写明的（如“占本年支出合计的”），未写明时取所列举的总数。总数只能从报表取得时，因所指可能不同，只作警告。",
        doc_en: "A share must equal part ÷ whole: the whole the words name, or the total being enumerated. When the whole can only be taken from a table the finding is a warning.",
    },
    RuleInfo {
        id: "narrative.enumeration-sum",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "列举各项之和与总数不符",
        title_en: "Enumerated parts do not add up to the whole",
        doc_zh: "“其中：A x万元、B y万元…”所列各项之和不能大于总数（错误）；完整列举（非“主要包括”）之和小于总数时提示可能漏列（警告）。",
        doc_en: "The parts listed after 其中/包括 cannot exceed the whole (error); a complete list (not 主要包括) that falls short is a warning.",
    },
    RuleInfo {
        id: "narrative.shares-total",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "各项占比之和不等于 100%",
        title_en: "Shares do not add up to 100 %",
        doc_zh: "同一总数下所列各项的占比之和超过 100%（错误）；完整列举的占比之和不足 100%（警告）。",
        doc_en: "The shares of the parts of one whole exceed 100 % (error), or a complete list falls short of 100 % (warning).",
    },
    RuleInfo {
        id: "narrative.rate",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "完成预算比例计算错误",
        title_en: "Completion rate is wrong",
        doc_zh: "“完成（年初）预算的P%”= 决算数 ÷ 预算数。未说明是年初预算还是调整预算、文中又给出了两者时，与任一相符即可。",
        doc_en: "完成预算的P% = actual ÷ budget; when the words do not say which budget and both are given, either may fit.",
    },
    RuleInfo {
        id: "narrative.verdict",
        family: "narrative",
        severity: Severity::Error,
        title_zh: "“决算数大于/小于/等于预算数”与数字不符",
        title_en: "Actual-versus-budget words contradict the figures",
        doc_zh: "“决算数大于预算数”“决算数小于预算数”“决算数等于预算数”须与同一句（或前一句）给出的决算数、预算数一致。",
        doc_en: "决算数大于/小于/等于预算数 must agree with the actual and budget figures given in the sentence (or the one before).",
    },
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let (c, facts) = (ctx.claims(), ctx.table_facts());
    let n = Narrative { ctx, c, facts };
    for ch in &c.changes {
        n.change(ch, out);
    }
    for s in &c.shares {
        n.share(s, out);
    }
    for r in &c.rates {
        n.rate(r, out);
    }
    for (i, e) in c.enumerations.iter().enumerate() {
        n.enumeration(e, out);
        n.shares_total(i, e, out);
    }
    for v in &c.verdicts {
        n.verdict(v, out);
    }
}

struct Narrative<'a> {
    ctx: &'a Context<'a>,
    c: &'a Claims,
    facts: &'a [TableFact],
}

/// How sure a mismatch is: `None` when rounding explains it, `Info` when only truncation
/// does (nothing when the user accepts truncation), `Error` otherwise.
pub fn judge(ctx: &Context, consistent: impl Fn(Rounding) -> bool) -> Option<Severity> {
    if consistent(Rounding::Round) {
        return None;
    }
    if consistent(Rounding::RoundOrTruncate) {
        return (ctx.rounding == Rounding::Round).then_some(Severity::Info);
    }
    Some(Severity::Error)
}

/// As [`judge`] for a printed percent, where a figure one unit of its last place outside the
/// computed range is only info: authors adjust a last digit so that shares add up to 100 %.
/// Returns the severity and the note to add.
fn judge_percent(
    ctx: &Context,
    pct: &Mention,
    fits: impl Fn(Rounding, Interval) -> bool,
) -> Option<(Severity, &'static str, &'static str)> {
    let widen = |r: Rounding, slack: Decimal| {
        let i = pct.interval(r);
        Interval { lo: i.lo - slack, hi: i.hi + slack }
    };
    match judge(ctx, |r| fits(r, widen(r, Decimal::ZERO)))? {
        Severity::Error
            if fits(Rounding::Round, widen(Rounding::Round, crate::interval::ulp(pct.figure.value.decimals))) =>
        {
            Some((
                Severity::Info,
                "（仅差末位一个单位，可能为凑整调整）",
                " (one unit in the last place: possibly adjusted to add up)",
            ))
        }
        sev => Some((sev, "", "")),
    }
}

/// The location of a narrative figure: its line, with the line's text.
pub fn mention_location(ctx: &Context, m: &Mention) -> Location {
    line_location(ctx, m.line)
}

/// A narrative line, with its text as the excerpt.
pub fn line_location(ctx: &Context, line: u32) -> Location {
    Location {
        line,
        end_line: line,
        excerpt: ctx.disclosure.doc.line_text(line).map(|s| excerpt(s, 120)),
        ..Default::default()
    }
}

/// What a figure is about, for messages: `财政拨款支出`, `2101501`, or nothing.
pub fn subject(m: &Mention) -> String {
    match (&m.item, m.concepts.is_empty()) {
        (Some(Key::Function(c) | Key::Economic(c)), _) => format!("科目{c}"),
        (_, false) => m.concept_names(),
        _ => String::new(),
    }
}

/// `x ÷ (c − s·x) × 100` with `x`, `c` independent (the previous figure derived from the
/// current one and the change): monotonic in each, so the corners bound it exactly.
fn percent_of_derived(x: Interval, c: Interval, up: bool) -> Option<Interval> {
    let denom = if up { c - x } else { c + x };
    if denom.lo <= Decimal::ZERO {
        return None;
    }
    let mut vals = Vec::new();
    for xv in [x.lo, x.hi] {
        for cv in [c.lo, c.hi] {
            let d = if up { cv - xv } else { cv + xv };
            vals.push(xv.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(d)?);
        }
    }
    Some(Interval { lo: vals.iter().copied().min()?, hi: vals.iter().copied().max()? })
}

/// A printed figure in the unit it was printed in.
fn point(m: &Mention) -> Decimal {
    m.figure.value.value
}

fn same_unit(ms: &[&Mention]) -> bool {
    ms.windows(2).all(|w| w[0].figure.unit == w[1].figure.unit)
}

fn decimals(ms: &[&Mention]) -> u32 {
    ms.iter().map(|m| m.figure.value.decimals).max().unwrap_or(2).max(2)
}

impl<'a> Narrative<'a> {
    fn m(&self, i: usize) -> &'a Mention {
        &self.c.mentions[i]
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        rule: &'static str,
        sev: Severity,
        zh: String,
        en: String,
        at: &[&Mention],
        exp: String,
        act: String,
    ) -> Finding {
        let mut f = finding(rule, sev, zh, en);
        let mut lines = Vec::new();
        for m in at {
            if !lines.contains(&m.line) {
                lines.push(m.line);
                f.locations.push(mention_location(self.ctx, m));
            }
        }
        f.expected = Some(exp);
        f.actual = Some(act);
        f
    }

    fn change(&self, ch: &claims::Change, out: &mut Vec<Finding>) {
        let amount = ch.amount.map(|i| self.m(i));
        let percent = ch.percent.map(|i| self.m(i));
        let current = ch.current.map(|i| self.m(i));
        let previous = ch.previous.map(|i| self.m(i));
        let dir_of = |m: Option<&Mention>| match m.map(|m| m.role) {
            Some(Role::Change(d) | Role::ChangePct(d)) => Some(d),
            _ => None,
        };
        let (amount_dir, pct_dir) = (dir_of(amount), dir_of(percent));
        let anchor = amount.or(percent).or(current);
        let Some(anchor) = anchor else { return };
        let who = current.map(subject).filter(|s| !s.is_empty()).unwrap_or_else(|| subject(anchor));
        let base_zh = if ch.base == Base::Budget { "预算数" } else { "上年数" };
        let base_en = if ch.base == Base::Budget { "the budget" } else { "last year's figure" };

        // Words for the amount and the percent of one change must agree.
        if let (Some(a), Some(p), Some(ad), Some(pd)) = (amount, percent, amount_dir, pct_dir) {
            let opposite = matches!((ad, pd), (Dir::Up, Dir::Down) | (Dir::Down, Dir::Up));
            if opposite && !a.figure.value.is_zero() && !p.figure.value.is_zero() {
                out.push(self.emit(
                    "narrative.direction",
                    Severity::Error,
                    format!("{who}的增减额与增减比例方向相反：{}，{}", dir_word(ad, a), dir_word(pd, p)),
                    format!(
                        "{who}: the change amount and percent point in opposite directions ({} / {})",
                        a.printed, p.printed
                    ),
                    &[a, p],
                    dir_word(ad, a),
                    dir_word(pd, p),
                ));
                return;
            }
        }
        let up = match amount_dir.or(pct_dir) {
            Some(Dir::Up) => Some(true),
            Some(Dir::Down) => Some(false),
            _ => None,
        };

        // Current and previous both stated: the change and the words follow from them.
        if let (Some(c), Some(p)) = (current, previous) {
            let diff = |r: Rounding| c.interval(r) - p.interval(r);
            if ch.flat {
                if let Some(sev) = judge(self.ctx, |r| diff(r).contains(Decimal::ZERO)) {
                    out.push(self.emit(
                        "narrative.direction",
                        sev,
                        format!("{who}文中称持平，但本年数 {} 与{base_zh} {} 不等", c.printed, p.printed),
                        format!(
                            "{who}: the text says unchanged, but {} differs from {base_en} {}",
                            c.printed, p.printed
                        ),
                        &[c, p],
                        p.printed.clone(),
                        c.printed.clone(),
                    ));
                }
                return;
            }
            if let Some(u) = up {
                let wrong_sign = |r: Rounding| {
                    let d = diff(r);
                    if u {
                        d.hi <= Decimal::ZERO
                    } else {
                        d.lo >= Decimal::ZERO
                    }
                };
                if wrong_sign(Rounding::RoundOrTruncate) {
                    let word = if u { "增加" } else { "减少" };
                    let w = amount.or(percent).unwrap_or(c);
                    out.push(self.emit(
                        "narrative.direction",
                        Severity::Error,
                        format!("{who}文中称{word}，但本年数 {} 与{base_zh} {} 的关系相反", c.printed, p.printed),
                        format!(
                            "{who}: the text says {}, but {} against {base_en} {} says otherwise",
                            if u { "up" } else { "down" },
                            c.printed,
                            p.printed
                        ),
                        &[w, c, p],
                        if u { "减少".to_owned() } else { "增加".to_owned() },
                        word.to_owned(),
                    ));
                    return;
                }
            }
            if let (Some(a), Some(u)) = (amount, up) {
                let signed = |r: Rounding| if u { a.interval(r) } else { -a.interval(r) };
                if same_unit(&[a, c, p]) {
                    if let Some(sev) = judge(self.ctx, |r| signed(r).overlaps(&diff(r))) {
                        let d = decimals(&[a, c, p]);
                        let exp = format_decimal((point(c) - point(p)).abs(), d);
                        let unit = unit_label(a);
                        out.push(self.emit(
                            "narrative.change-amount",
                            sev,
                            format!(
                                "{who}增减额应为 {exp}{unit}（{} − {}），文中为 {}",
                                strip_unit(&c.printed),
                                strip_unit(&p.printed),
                                a.printed
                            ),
                            format!(
                                "{who}: the change should be {exp}{unit} ({} − {}); the text says {}",
                                strip_unit(&c.printed),
                                strip_unit(&p.printed),
                                a.printed
                            ),
                            &[a, c, p],
                            format!("{exp}{unit}"),
                            a.printed.clone(),
                        ));
                        return;
                    }
                }
            }
        }

        // The percent: change ÷ previous.
        let (Some(p), Some(u)) = (percent, up) else { return };
        let expected = |r: Rounding| -> Option<Interval> {
            match (amount, previous, current) {
                (Some(a), Some(prev), _) => a.interval(r).percent_of(prev.interval(r)),
                (Some(a), None, Some(c)) => percent_of_derived(a.interval(r), c.interval(r), u),
                (None, Some(prev), Some(c)) => {
                    let d = c.interval(r) - prev.interval(r);
                    (if u { d } else { -d }).percent_of(prev.interval(r))
                }
                _ => None,
            }
        };
        let Some(_) = expected(Rounding::Round) else {
            // A zero (or unknown) base: the percent is undefined when the base is zero.
            self.zero_base_change(ch, amount, current, previous, p, u, &who, out);
            return;
        };
        let consistent = |r: Rounding, printed: Interval| expected(r).is_some_and(|e| e.overlaps(&printed));
        let Some((sev, slack_zh, slack_en)) = judge_percent(self.ctx, p, consistent) else { return };
        // Show the computation with the printed figures.
        let (num, den) = match (amount, previous, current) {
            (Some(a), Some(prev), _) => (point(a), point(prev)),
            (Some(a), None, Some(c)) => (point(a), if u { point(c) - point(a) } else { point(c) + point(a) }),
            (None, Some(prev), Some(c)) => ((point(c) - point(prev)).abs(), point(prev)),
            _ => return,
        };
        let figs: Vec<&Mention> = [amount, previous, current].into_iter().flatten().collect();
        if !same_unit(&figs) || den.is_zero() {
            return;
        }
        let d = decimals(&figs);
        let exp = num * Decimal::ONE_HUNDRED / den;
        let kd = p.figure.value.decimals.max(2);
        let word = if u { "增长" } else { "下降" };
        let mut note_zh = slack_zh.to_owned();
        let mut note_en = slack_en.to_owned();
        // The usual slip: dividing by this year's figure instead of last year's.
        if let (Some(a), Some(c)) = (amount, current) {
            if a.interval(Rounding::Round)
                .percent_of(c.interval(Rounding::Round))
                .is_some_and(|e| e.overlaps(&p.interval(Rounding::Round)))
            {
                note_zh.push_str("；文中比例系以本年数为基数计算");
                note_en.push_str("; the text divided by the current figure");
            }
        }
        let mut at: Vec<&Mention> = vec![p];
        at.extend(figs.iter().copied());
        out.push(self.emit(
            "narrative.change-percent",
            sev,
            format!(
                "{who}{word}比例应为 {}（{} ÷ {}），文中为 {}{note_zh}",
                format_percent(exp, kd),
                format_decimal(num, d),
                format_decimal(den, d),
                p.printed
            ),
            format!(
                "{who}: the {} should be {} ({} ÷ {}); the text says {}{note_en}",
                if u { "increase" } else { "decrease" },
                format_percent(exp, kd),
                format_decimal(num, d),
                format_decimal(den, d),
                p.printed
            ),
            &at,
            format_percent(exp, kd),
            p.printed.clone(),
        ));
    }

    #[allow(clippy::too_many_arguments)]
    fn zero_base_change(
        &self,
        ch: &claims::Change,
        amount: Option<&Mention>,
        current: Option<&Mention>,
        previous: Option<&Mention>,
        p: &Mention,
        up: bool,
        who: &str,
        out: &mut Vec<Finding>,
    ) {
        let base = match (previous, amount, current) {
            (Some(prev), _, _) => Some(prev.interval(Rounding::Round)),
            (None, Some(a), Some(c)) => Some(if up {
                c.interval(Rounding::Round) - a.interval(Rounding::Round)
            } else {
                c.interval(Rounding::Round) + a.interval(Rounding::Round)
            }),
            _ => None,
        };
        let Some(base) = base else { return };
        if !base.contains(Decimal::ZERO) || p.figure.value.is_zero() || ch.base != Base::PriorYear {
            return;
        }
        let at: Vec<&Mention> = [Some(p), amount, current, previous].into_iter().flatten().collect();
        out.push(self.emit(
            "narrative.zero-base",
            Severity::Warning,
            format!("{who}上年数为零（或接近零），增减比例 {} 无意义，应写明“上年基数为零，不可比”", p.printed),
            format!("{who}: last year's figure is zero, so the percent change {} is undefined", p.printed),
            &at,
            "不可比".to_owned(),
            p.printed.clone(),
        ));
    }

    /// Values a share's whole may take, in 元, with whether each came from the narrative.
    fn whole_candidates(&self, s: &claims::Share) -> Vec<(Interval, Interval, String, Option<&'a Mention>)> {
        let mut v = Vec::new();
        for w in &s.wholes {
            let m = self.m(*w);
            v.push((m.interval(Rounding::Round), m.interval(Rounding::RoundOrTruncate), m.printed.clone(), Some(m)));
        }
        if v.is_empty() {
            for c in &s.whole_concepts {
                let Some(concept) = claims::vocab::concept(*c) else { continue };
                for f in self.facts.iter().filter(|f| f.key == Key::Total && f.period == Period::Own) {
                    if !concept.facts.iter().any(|(sc, me)| *sc == f.scope && *me == f.measure) {
                        continue;
                    }
                    if let (CellValue::Number(p), Some(u)) = (f.value, f.unit) {
                        let t = &self.ctx.disclosure.tables[f.table];
                        let text = format!("{}{}", t.cell_text(f.row, f.col).trim(), u.label());
                        v.push((
                            p.interval(Rounding::Round).scale(u.in_yuan()),
                            p.interval(Rounding::RoundOrTruncate).scale(u.in_yuan()),
                            text,
                            None,
                        ));
                    }
                }
            }
        }
        v
    }

    fn share(&self, s: &claims::Share, out: &mut Vec<Finding>) {
        let pct = self.m(s.percent);
        let Some(part) = s.part.map(|i| self.m(i)) else { return };
        let wholes = self.whole_candidates(s);
        // A whole taken from a table is only compared for a part that names its subject.
        let named = !part.concepts.is_empty() || part.item.is_some();
        if wholes.is_empty() || (!named && wholes.iter().all(|w| w.3.is_none())) {
            return;
        }
        let from_text = wholes.iter().any(|w| w.3.is_some());
        // A zero whole: the share is undefined.
        if wholes.iter().all(|w| w.0.contains(Decimal::ZERO)) {
            if !pct.figure.value.is_zero() || !part.figure.value.is_zero() {
                out.push(self.emit(
                    "narrative.zero-base",
                    Severity::Warning,
                    format!("总数为零，{}的占比 {} 无意义", subject_or(part, "该项"), pct.printed),
                    format!("the whole is zero, so the share {} is undefined", pct.printed),
                    &[pct],
                    "无意义".to_owned(),
                    pct.printed.clone(),
                ));
            }
            return;
        }
        let fits = |r: Rounding, printed: Interval| {
            wholes.iter().any(|w| {
                let whole = if r == Rounding::Round { w.0 } else { w.1 };
                part.interval(r).percent_of(whole).is_some_and(|e| e.overlaps(&printed))
            })
        };
        let Some((mut sev, slack_zh, slack_en)) = judge_percent(self.ctx, pct, fits) else { return };
        if sev == Severity::Error && !from_text {
            sev = Severity::Warning;
        }
        let Some(w) = wholes.first() else { return };
        let whole_point = w.0.midpoint();
        if whole_point.is_zero() {
            return;
        }
        let part_yuan = part.interval(Rounding::Round).midpoint();
        let exp = part_yuan * Decimal::ONE_HUNDRED / whole_point;
        let kd = pct.figure.value.decimals.max(2);
        let mut at = vec![pct, part];
        if let Some(m) = w.3 {
            at.push(m);
        }
        let note_zh = format!("{slack_zh}{}", if from_text { "" } else { "（总数取自报表）" });
        let note_en = format!("{slack_en}{}", if from_text { "" } else { " (whole from the table)" });
        out.push(self.emit(
            "narrative.share",
            sev,
            format!(
                "{}占比应为 {}（{} ÷ {}），文中为 {}{note_zh}",
                subject_or(part, ""),
                format_percent(exp, kd),
                part.printed,
                w.2,
                pct.printed
            ),
            format!(
                "share should be {} ({} ÷ {}); the text says {}{note_en}",
                format_percent(exp, kd),
                part.printed,
                w.2,
                pct.printed
            ),
            &at,
            format_percent(exp, kd),
            pct.printed.clone(),
        ));
    }

    fn rate(&self, r: &claims::Rate, out: &mut Vec<Finding>) {
        let pct = self.m(r.percent);
        let Some(actual) = r.actual.map(|i| self.m(i)) else { return };
        let budgets: Vec<&Mention> = r.budgets.iter().map(|i| self.m(*i)).collect();
        let Some(first) = budgets.first() else { return };
        if budgets.iter().all(|b| b.figure.value.is_zero()) {
            if !pct.figure.value.is_zero() || !actual.figure.value.is_zero() {
                out.push(self.emit(
                    "narrative.zero-base",
                    Severity::Warning,
                    format!(
                        "预算数为 {}，完成预算的比例 {} 无意义（应说明为追加或无预算）",
                        first.printed, pct.printed
                    ),
                    format!("the budget is {}, so the completion rate {} is undefined", first.printed, pct.printed),
                    &[pct, first],
                    "无意义".to_owned(),
                    pct.printed.clone(),
                ));
            }
            return;
        }
        let fits = |ro: Rounding, printed: Interval| {
            budgets.iter().any(|b| actual.interval(ro).percent_of(b.interval(ro)).is_some_and(|e| e.overlaps(&printed)))
        };
        let Some((sev, slack_zh, slack_en)) = judge_percent(self.ctx, pct, fits) else { return };
        let b = budgets.iter().find(|b| !b.figure.value.is_zero()).unwrap_or(first);
        let den = b.interval(Rounding::Round).midpoint();
        if den.is_zero() {
            return;
        }
        let exp = actual.interval(Rounding::Round).midpoint() * Decimal::ONE_HUNDRED / den;
        let kd = pct.figure.value.decimals.max(2);
        let who = subject(actual);
        out.push(self.emit(
            "narrative.rate",
            sev,
            format!(
                "{who}完成预算比例应为 {}（{} ÷ {}），文中为 {}{slack_zh}",
                format_percent(exp, kd),
                strip_unit(&actual.printed),
                strip_unit(&b.printed),
                pct.printed
            ),
            format!(
                "{who}: the completion rate should be {} ({} ÷ {}); the text says {}{slack_en}",
                format_percent(exp, kd),
                strip_unit(&actual.printed),
                strip_unit(&b.printed),
                pct.printed
            ),
            &[pct, actual, b],
            format_percent(exp, kd),
            pct.printed.clone(),
        ));
    }

    fn enumeration(&self, e: &claims::Enumeration, out: &mut Vec<Finding>) {
        let whole = self.m(e.whole);
        let parts: Vec<&Mention> = e.parts.iter().map(|i| self.m(*i)).collect();
        if parts.is_empty() {
            return;
        }
        let mut all: Vec<&Mention> = parts.clone();
        all.push(whole);
        if !same_unit(&all) {
            return;
        }
        let term = |m: &'a Mention| Term { value: CellValue::Number(m.figure.value), text: strip_unit(&m.printed) };
        let terms: Vec<Term> = parts.iter().map(|m| term(m)).collect();
        let Some(mm) = check_sum(self.ctx.rounding, term(whole), &terms) else { return };
        let sum: Decimal = parts.iter().map(|m| point(m)).sum();
        let over = sum > point(whole);
        let mut sev = mm.severity;
        if !over {
            // Lists are often partial: falling short is at most a warning, and only for a
            // complete list of several named parts under a named whole.
            if e.partial || parts.len() < 2 || whole.concepts.is_empty() && whole.item.is_none() {
                return;
            }
            sev = sev.max(Severity::Warning);
        } else if e.spans_blocks && parts.iter().any(|p| p.concepts.is_empty() && p.item.is_none()) {
            sev = sev.max(Severity::Warning);
        }
        let unit = unit_label(whole);
        let who = subject_or(whole, "总数");
        let (tail_zh, tail_en) = if over {
            ("大于总数", "more than the whole")
        } else {
            ("小于总数，可能漏列", "less than the whole: something may be missing")
        };
        let zh =
            format!("{who} {} 之下所列各项合计 {}{unit}（{}），{tail_zh}", whole.printed, mm.expected, mm.expression);
        let en = format!(
            "the parts listed under {} add up to {}{unit} ({}), {tail_en}",
            whole.printed, mm.expected, mm.expression
        );
        let mut at = vec![whole];
        at.extend(parts.iter().copied());
        out.push(self.emit(
            "narrative.enumeration-sum",
            sev,
            zh,
            en,
            &at,
            format!("{}{unit}", mm.expected),
            whole.printed.clone(),
        ));
    }

    fn shares_total(&self, i: usize, e: &claims::Enumeration, out: &mut Vec<Finding>) {
        let shares: Vec<&claims::Share> =
            self.c.shares.iter().filter(|s| s.part.is_some_and(|p| self.m(p).enumeration == Some(i))).collect();
        if shares.len() < 2 || shares.len() != e.parts.len() {
            return;
        }
        let pcts: Vec<&Mention> = shares.iter().map(|s| self.m(s.percent)).collect();
        let total = |r: Rounding| Interval::sum(pcts.iter().map(|p| p.interval(r)));
        let h = Interval::exact(Decimal::ONE_HUNDRED);
        let Some(mut sev) = judge(self.ctx, |r| total(r).overlaps(&h)) else { return };
        let sum: Decimal = pcts.iter().map(|p| point(p)).sum();
        if sum < Decimal::ONE_HUNDRED {
            if e.partial {
                return;
            }
            sev = sev.max(Severity::Warning);
        }
        let shown: Vec<&str> = pcts.iter().map(|p| p.printed.as_str()).collect();
        let d = pcts.iter().map(|p| p.figure.value.decimals).max().unwrap_or(0);
        out.push(self.emit(
            "narrative.shares-total",
            sev,
            format!("各项占比合计 {}（{}），不等于 100%", format_percent(sum, d), shown.join(" + ")),
            format!("the shares add up to {} ({}), not 100%", format_percent(sum, d), shown.join(" + ")),
            &pcts,
            "100%".to_owned(),
            format_percent(sum, d),
        ));
    }

    fn verdict(&self, v: &claims::Verdict, out: &mut Vec<Finding>) {
        use std::cmp::Ordering::*;
        let (a, b) = (self.m(v.actual), self.m(v.budget));
        let holds = |r: Rounding| {
            let d = a.interval(r) - b.interval(r);
            match v.relation {
                Greater => d.hi > Decimal::ZERO,
                Less => d.lo < Decimal::ZERO,
                Equal => d.contains(Decimal::ZERO),
            }
        };
        let Some(sev) = judge(self.ctx, holds) else { return };
        out.push(self.emit(
            "narrative.verdict",
            sev,
            format!("文中称“{}”，但决算数为 {}，预算数为 {}", v.words, a.printed, b.printed),
            format!("the text says “{}”, but the actual is {} and the budget {}", v.words, a.printed, b.printed),
            &[a, b],
            relation_zh(a, b).to_owned(),
            v.words.clone(),
        ));
    }
}

fn relation_zh(a: &Mention, b: &Mention) -> &'static str {
    match point(a).cmp(&point(b)) {
        std::cmp::Ordering::Greater => "决算数大于预算数",
        std::cmp::Ordering::Less => "决算数小于预算数",
        std::cmp::Ordering::Equal => "决算数等于预算数",
    }
}

fn subject_or(m: &Mention, default: &str) -> String {
    let s = subject(m);
    if s.is_empty() {
        default.to_owned()
    } else {
        s
    }
}

fn dir_word(d: Dir, m: &Mention) -> String {
    let w = match (d, m.figure.unit) {
        (Dir::Up, FigureUnit::Percent) => "增长",
        (Dir::Down, FigureUnit::Percent) => "下降",
        (Dir::Up, _) => "增加",
        (Dir::Down, _) => "减少",
        _ => "",
    };
    format!("{w}{}", m.printed)
}

fn unit_label(m: &Mention) -> &'static str {
    match m.figure.unit {
        FigureUnit::Money(u) => u.label(),
        FigureUnit::Percent => "%",
    }
}

/// `8.77 万元` → `8.77` (for sums shown in the figure's own unit).
fn strip_unit(s: &str) -> &str {
    s.trim_end_matches(['元', '万', '亿', '千', '%', '％', ' '])
}
