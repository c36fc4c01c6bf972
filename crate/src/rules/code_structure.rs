//! Classification code structure: a 5-digit (款) code starts with the 3-digit (类) code
//! above it and a 7-digit (项) code with its 款; one code names one item.

use super::column_sums::parents;
use super::{finding, Context, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::structure::Line;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "code.prefix",
        family: "code",
        severity: Severity::Error,
        title_zh: "科目编码与上级科目不衔接",
        title_en: "Code does not start with its parent's code",
        doc_zh: "政府收支分类科目中，款级编码（5位）以所属类级编码（3位）开头，项级编码（7位）以所属款级编码开头；经济分类同理。列在某上级科目之下却不以其编码开头的科目，编码或位置有误。",
        doc_en: "In the government classification, a 5-digit 款 code starts with its 3-digit 类 code and a 7-digit 项 code with its 款 code (economic codes likewise). A row listed under a parent whose code it does not start with has a wrong code or position.",
    },
    RuleInfo {
        id: "code.duplicate",
        family: "code",
        severity: Severity::Error,
        title_zh: "同一编码出现两次",
        title_en: "One code printed twice",
        doc_zh: "同一张表中一个科目编码只应出现一次。编码相同而名称不同，说明其中一个编码有误（错误）；编码与名称都相同，则是重复列示（警告）。",
        doc_en: "Within one table a code appears once. The same code with different names means one of the codes is wrong (error); the same code and name twice is a duplicated row (warning).",
    },
];

/// Function (3/5/7) and economic (3/5) code lengths; other codes (unit codes) are not checked.
fn is_classification(len: usize) -> bool {
    matches!(len, 3 | 5 | 7)
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for t in &ctx.disclosure.tables {
        for panel in &t.panels {
            let coded: Vec<&Line> =
                panel.lines.iter().filter(|l| l.code.as_ref().is_some_and(|c| is_classification(c.len()))).collect();
            if coded.len() < 2 {
                continue;
            }
            let label_col = panel.label_cols.first().copied().unwrap_or(0);
            for (i, p) in parents(&coded).into_iter().enumerate() {
                let (Some(p), Some(code)) = (p, coded[i].code.as_ref()) else {
                    continue;
                };
                let parent = coded[p].code.as_deref().unwrap_or_default();
                if !code.starts_with(parent) {
                    let l = coded[i];
                    let mut f = finding(
                        "code.prefix",
                        Severity::Error,
                        format!(
                            "{}：科目 {} 列在 {} 之下，但编码不以 {} 开头（应为 {}xx 形式）",
                            t.display_name(),
                            l.display(),
                            coded[p].display(),
                            parent,
                            parent
                        ),
                        format!(
                            "{}: {} is listed under {} but its code does not start with {}",
                            t.display_name(),
                            l.display(),
                            coded[p].display(),
                            parent
                        ),
                    );
                    f.locations.push(ctx.cell_location(t, l.row, label_col, &l.display()));
                    f.expected = Some(format!("{parent}…"));
                    f.actual = Some(code.clone());
                    out.push(f);
                }
            }
            for (i, a) in coded.iter().enumerate() {
                let Some(b) = coded[..i].iter().find(|b| b.code == a.code && b.code2 == a.code2) else {
                    continue;
                };
                let same_name = a.name_key == b.name_key;
                let (severity, zh, en) = if same_name {
                    (Severity::Warning, "重复列示", "is listed twice")
                } else {
                    (Severity::Error, "对应了两个不同的科目", "names two different items")
                };
                let code = a.code.clone().unwrap_or_default();
                let mut f = finding(
                    "code.duplicate",
                    severity,
                    format!("{}：编码 {} {}（“{}”与“{}”）", t.display_name(), code, zh, b.name, a.name),
                    format!("{}: code {} {} (\"{}\" and \"{}\")", t.display_name(), code, en, b.name, a.name),
                );
                f.locations.push(ctx.cell_location(t, a.row, label_col, &a.display()));
                f.locations.push(ctx.cell_location(t, b.row, label_col, &b.display()));
                f.actual = Some(code);
                out.push(f);
            }
        }
    }
}
