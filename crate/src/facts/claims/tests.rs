//! Extraction tests: sentences in the phrasings real documents use (samples and corpus:
//! Shaanxi, Sichuan, Hubei, Jiangsu, Shanghai), each with what must be read from it.
use super::*;
use crate::ingest::read_str;
use crate::structure::analyse;

fn money(m: &Mention) -> String {
    m.printed.replace(' ', "")
}

fn ids(m: &Mention) -> String {
    let mut v: Vec<&str> = m.concepts.iter().filter_map(|c| vocab::concept(*c)).map(|c| c.id).collect();
    if let Some(k) = &m.item {
        v.push(match k {
            Key::Function(_) => "function",
            Key::Economic(_) => "economic",
            Key::Total => "total",
        });
    }
    v.join("|")
}

/// Every claim read from `text`, one line each.
fn describe(text: &str) -> Vec<String> {
    let doc = read_str(text);
    let d = analyse(&doc);
    let c = collect(&d);
    let m = |i: usize| &c.mentions[i];
    let opt = |i: Option<usize>| i.map_or("-".to_owned(), |i| money(m(i)));
    let mut out = Vec::new();
    for x in &c.mentions {
        let role = match x.role {
            Role::Current => "current".to_owned(),
            Role::Previous => "previous".to_owned(),
            Role::Budget(k) => format!("budget-{k:?}").to_lowercase(),
            Role::Actual => "actual".to_owned(),
            Role::Change(d) => format!("change-{d:?}").to_lowercase(),
            Role::ChangePct(d) => format!("change%-{d:?}").to_lowercase(),
            Role::Share => "share".to_owned(),
            Role::Rate(k) => format!("rate-{k:?}").to_lowercase(),
            Role::OtherPct => "other%".to_owned(),
        };
        let code = match &x.item {
            Some(Key::Function(c) | Key::Economic(c)) => format!(" {c}"),
            _ => String::new(),
        };
        out.push(format!("{} {role} {}{code}", money(x), ids(x)).trim_end().to_owned());
    }
    for ch in &c.changes {
        out.push(format!(
            "change {:?} cur={} prev={} amt={} pct={}{}",
            ch.base,
            opt(ch.current),
            opt(ch.previous),
            opt(ch.amount),
            opt(ch.percent),
            if ch.flat { " flat" } else { "" }
        ));
    }
    for s in &c.shares {
        let wholes: Vec<String> = s.wholes.iter().map(|w| money(m(*w))).collect();
        out.push(format!("share {} part={} whole={}", money(m(s.percent)), opt(s.part), wholes.join("/")));
    }
    for r in &c.rates {
        let b: Vec<String> = r.budgets.iter().map(|w| money(m(*w))).collect();
        out.push(format!("rate {} actual={} budget={}", money(m(r.percent)), opt(r.actual), b.join("/")));
    }
    for e in &c.enumerations {
        let p: Vec<String> = e.parts.iter().map(|w| money(m(*w))).collect();
        out.push(format!(
            "enum {} = {}{}",
            money(m(e.whole)),
            p.join(" + "),
            if e.partial { " (partial)" } else { "" }
        ));
    }
    for v in &c.verdicts {
        out.push(format!("verdict {:?} {} vs {}", v.relation, money(m(v.actual)), money(m(v.budget))));
    }
    for x in c.mentions.iter().filter(|x| x.role == Role::OtherPct) {
        if let Some(p) = &x.project {
            out.push(format!("indicator {} {p}", money(x)));
        }
    }
    for n in &c.counts {
        out.push(format!("count {} {}", n.id(), n.printed.replace(' ', "")));
    }
    out
}

/// (text, claims that must be read from it).
const CASES: &[(&str, &[&str])] = &[
    // Year-on-year: current, change amount and percent (domain.md §5).
    (
        "2021年度收入总计812.40万元。与2020年相比，减少203.10万元，下降35.1%。",
        &[
            "812.40万元 current grand-income",
            "203.10万元 change-down",
            "35.1% change%-down",
            "change PriorYear cur=812.40万元 prev=- amt=203.10万元 pct=35.1%",
        ],
    ),
    (
        "2018年度财政拨款收入569.38万元，与2017年相比，财政拨款收入减少2233.37万元，下降79.68%，主要变动原因是整合。",
        &["change PriorYear cur=569.38万元 prev=- amt=2233.37万元 pct=79.68%", "2233.37万元 change-down fiscal-income"],
    ),
    (
        "(6) 行政运行（2101501）230.97万元，较上年减少18.43万元，下降7.39%，下降的主要原因是：口径调整；",
        &["230.97万元 current function 2101501", "change PriorYear cur=230.97万元 prev=- amt=18.43万元 pct=7.39%"],
    ),
    (
        "2020 年度总收入为 1147.09 万元，上年收入 920.14 万元。",
        &["1147.09万元 current grand-income|income", "920.14万元 previous income"],
    ),
    (
        "2022 年度收、支总计均为 1067.01 万元。与 2021 年度相比，收、支总计各增加 139.08 万元，增长 14.99%。",
        &["change PriorYear cur=1067.01万元 prev=- amt=139.08万元 pct=14.99%"],
    ),
    (
        "本单位 2022 年度机关运行经费支出 193.97 万元，比上年决算数增加 75.08 万元，增长 63%。",
        &["193.97万元 current office-running", "change PriorYear cur=193.97万元 prev=- amt=75.08万元 pct=63%"],
    ),
    (
        "2017 年度部门支出预算安排与 2016 年度相比（2016 年度部门支出预算安排为 8,648.07 万元），增加 498.72 万元，增长 5.77%。",
        &["change PriorYear cur=- prev=8,648.07万元 amt=498.72万元 pct=5.77%"],
    ),
    // Actual against budget, not last year.
    (
        "2020 年度机关运行经费预算为 49.53 万元，支出决算为 29.30 万元，完成预算的 59.16%。决算数较预算数减少 20.23 万元。",
        &[
            "change Budget cur=29.30万元 prev=49.53万元 amt=20.23万元 pct=-",
            "rate 59.16% actual=29.30万元 budget=49.53万元",
        ],
    ),
    // 持平 of a stated pair.
    ("2023年度培训费支出6.00万元，上年支出6.00万元，与上年持平。", &["change PriorYear cur=6.00万元 prev=6.00万元 amt=- pct=- flat"]),
    // Template residue has no direction.
    ("因公出国（境）支出决算比2018年增加/减少0万元，增长/下降0%。", &["0万元 change-unknown abroad", "0% change%-unknown"]),
    // A reason that mentions another change is not this change's percent.
    (
        "会议费预算支出1469.73万元，比上年预算增加164.48万元，主要原因按规定运转类专项经费统一压减10%，根据实际开支专项经费增加200万元。",
        &["1469.73万元 current meeting", "change PriorYear cur=1469.73万元 prev=- amt=164.48万元 pct=-", "200万元 current"],
    ),
    // Shares: explicit whole, implicit (the list's whole), zero whole named by `…中，`.
    (
        "2020 年度总支出 1147.09 万元，其中：基本支出 690.67 万元，占总支出的 60.21%，项目支出 456.42 万元，占总支出的 39.79%。",
        &[
            "enum 1147.09万元 = 690.67万元 + 456.42万元",
            "share 60.21% part=690.67万元 whole=1147.09万元",
            "share 39.79% part=456.42万元 whole=1147.09万元",
        ],
    ),
    (
        "2018年本年收入合计569.38万元，其中：一般公共预算财政拨款收入569.38万元，占100%。",
        &["share 100% part=569.38万元 whole=569.38万元", "569.38万元 current gpb-income"],
    ),
    (
        "2022 年度收入合计 1067.01 万元。其中：财政拨款收入 1064.5 万元，占本年收入 99.76%；其他收入 2.51 万元，占本年收入 0.24%。",
        &["share 99.76% part=1064.5万元 whole=1067.01万元", "enum 1067.01万元 = 1064.5万元 + 2.51万元"],
    ),
    (
        "2020 年度“三公”经费财政拨款支出预算为 0 万元，支出决算为 0 万元。2020 年度“三公”经费财政拨款支出决算中，公务接待费支出决算 0.00 万元，占 0.00%。",
        &["0万元 budget-any three-public", "0万元 actual three-public", "share 0.00% part=0.00万元 whole=0万元"],
    ),
    (
        "授予中小企业合同金额 55.34 万元，占政府采购支出总额的 100%，其中：授予小微企业合同金额 100 万元，占授予中小企业合同金额的 100%。",
        &["enum 55.34万元 = 100万元", "share 100% part=100万元 whole=55.34万元", "100万元 current small-micro"],
    ),
    // Rates: 年初, unspecified with two budgets, the rate in the next sentence.
    (
        "2020 年度财政拨款支出年初预算为 1094.42 万元，支出决算为 990.23 万元，完成年初预算的 94.36%。",
        &["1094.42万元 budget-initial fiscal-expense", "990.23万元 actual fiscal-expense", "rate 94.36% actual=990.23万元 budget=1094.42万元"],
    ),
    (
        "医保信息化建设：项目全年预算数为 247.96 万元，调整预算数 177.96 万元，执行数为 102.17 万元，完成预算 57.41 %。",
        &["rate 57.41% actual=102.17万元 budget=177.96万元/247.96万元"],
    ),
    (
        "年初预算 150 万元（区级资金），预算调整数为 210.66 万元，全年支出 210.66 万元。完成预算的 100%。",
        &["rate 100% actual=210.66万元 budget=210.66万元/150万元"],
    ),
    (
        "项目全年预算数28万元，执行数27.78万元，完成预算的99.21%。",
        &["28万元 budget-any", "27.78万元 actual", "rate 99.21% actual=27.78万元 budget=28万元"],
    ),
    // Verdicts.
    (
        "年初预算为 0 万元，支出决算为 6.39 万元。决算数大于预算数的主要原因是此项为追加项目。",
        &["verdict Greater 6.39万元 vs 0万元"],
    ),
    // Enumerations: 包括 … 和 …; 主要包括 is partial; a list continued on the next lines.
    (
        "2020 年度一般公共预算财政拨款基本支出 690.67 万元，包括：人员经费支出 649.56 万元和公用经费支出 41.11 万元。",
        &["enum 690.67万元 = 649.56万元 + 41.11万元", "649.56万元 current personnel", "41.11万元 current public"],
    ),
    (
        "人员经费 649.56 万元，主要包括工资福利支出中基本工资 251.06 万元、津贴补贴 114.13 万元。",
        &["enum 649.56万元 = 251.06万元 + 114.13万元 (partial)"],
    ),
    (
        "2022 年度一般公共预算财政拨款基本支出 813.91 万元，其中：\n人员经费 619.94 万元，主要包括：基本工资、津贴补贴。\n公用经费 193.97 万元，主要包括：办公费、印刷费。\n",
        &["enum 813.91万元 = 619.94万元 + 193.97万元"],
    ),
    (
        "2024年，本部门当年一般公共预算支出1,126.43万元，其中：\n\n(1) 行政单位离退休（2080501）1.33万元，较上年增加0.03万元，增长2.31%；\n\n(2) 住房公积金（2210201）58.96万元，较上年不可比，上年基数为零。\n",
        &["enum 1,126.43万元 = 1.33万元 + 58.96万元", "58.96万元 current function 2210201"],
    ),
    (
        "2. 公务用车购置及运行费预算支出183.6万元。其中：\n（1）公务用车购置预算支出0万元。\n（2）公务用车运行维护费预算支出183.6万元。\n3．公务接待费预算支出384.75万元。\n",
        &["enum 183.6万元 = 0万元 + 183.6万元"],
    ),
    // A list item named only by its 类 name, a code with 类/款/项 markers, an economic code.
    (
        "1.社会保障和就业（208类）行政事业单位养老（20805款）机关事业单位基本养老保险缴费（2080505项）: 支出决算为27.59万元，完成预算100%。",
        &["27.59万元 actual function 2080505"],
    ),
    ("工资福利支出（301）893.21万元，较上年增加19.60万元，增长2.24%；", &["893.21万元 current economic 301"]),
    // Subjects that are not the concept: a fund-qualified part, a budget line of another
    // concept, a threshold.
    ("涉及资金 15 万元，占政府性基金项目支出总额的 100%。", &["share 100% part=15万元 whole="]),
    ("本年度一般公共预算“三公”经费预算支出3.89万元，较上年无增减。", &["3.89万元 current three-public"]),
    ("2.财政专户管理资金收入预算总计 0 万元，与上年数一致。", &["0万元 current special-account-income"]),
    ("3.其他资金收入预算总计 80 万元，与上年数一致。", &["80万元 current other-funds-income"]),
    ("2018年本部门国有资本经营预算收入为0万元，与上年数一致。", &["0万元 current soe-income"]),
    ("2022 年度国有资本经营预算财政拨款本年支出 0 万元。", &["0万元 current soe-expense"]),
    (
        "2018 年本部门共 5 个项目实行绩效目标管理，涉及财政性资金合计 5,086 万元。",
        &["5,086万元 current performance-funds", "count performance-projects 5个项目"],
    ),
    // Shanghai's dash-joined item path (resolved to a code when the tables print the names).
    (
        "1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。",
        &["1,202.95万元 current"],
    ),
    // Indicator percents (绩效, coverage, reimbursement).
    (
        "参保群众满意度达 98%；各类医保政策知晓率超 90%。",
        &["indicator 98% 参保群众满意度", "indicator 90% 各类医保政策知晓率"],
    ),
    ("计划实现的具体绩效目标达到100%，项目实施进度计划达到100%。", &["indicator 100% 计划实现的具体绩效目标"]),
    ("政策内住院费用报销比按95%报销，有效提高了医疗待遇。", &["indicator 95% 政策内住院费用报销比"]),
    // Counts of the 三公 detail and the assets section.
    (
        "全年支出涉及出国（境）团组 0 个，累计 0 人次。国内公务接待15批次，138人次（不包括陪同人员），共计支出1.5万元。",
        &[
            "count abroad-groups 0个",
            "count abroad-people 0人次",
            "count domestic-reception-batches 15批次",
            "count domestic-reception-people 138人次",
        ],
    ),
    (
        "2024年部门预算安排购置车辆1辆，其中：其他用车1辆；截至2023年8月31日，本部门共有车辆7辆。",
        &["count vehicles-purchased 1辆", "count vehicles-held 7辆"],
    ),
    ("单价 50 万元以上的通用设备 0 台（套）。", &[]),
    // A slipped unit keeps its unit.
    ("2020 年度财政拨款收入为 1147.09 元，上年财政拨款收入 887.20 万元。", &["1147.09元 current fiscal-income", "887.20万元 previous fiscal-income"]),
];

#[test]
fn phrasings_are_read() {
    for (text, want) in CASES {
        let got = describe(text);
        for w in *want {
            assert!(got.iter().any(|g| g == w), "{text}\n  missing: {w}\n  got: {got:#?}");
        }
    }
}

#[test]
fn nothing_is_read_from_thresholds() {
    assert!(describe("单价 50 万元以上的通用设备 0 台（套），按每人4000元标准发放。").is_empty());
}

#[test]
fn section_heading_widens_fiscal_words() {
    let text =
        "五、一般公共预算财政拨款支出决算情况说明\n\n2020 年度财政拨款支出 990.23 万元，占本年支出合计的 86.33%。\n";
    assert!(describe(text).contains(&"990.23万元 current fiscal-expense|gpb-expense".to_owned()));
}

#[test]
fn coverage_counts_sentences_with_figures() {
    // A percent naming its indicator is a claim; an amount with no subject is not.
    let doc = read_str("2021年度收入总计812.40万元。支付医疗费用778万元。参保率98%。没有数字。");
    let d = analyse(&doc);
    assert_eq!(collect(&d).coverage(), (2, 3));
}
