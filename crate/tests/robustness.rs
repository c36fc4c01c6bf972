//! The core must never panic (a panic in wasm kills the page): every sample and fixture,
//! mutated many ways (lines dropped, duplicated, swapped, characters replaced, cut anywhere,
//! including inside a UTF-8 sequence), is checked without a panic.

mod common;
use common::*;

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
}

fn inputs() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in ["samples", "rules"] {
        let mut paths: Vec<_> = std::fs::read_dir(fixture(dir)).unwrap().flatten().map(|e| e.path()).collect();
        paths.sort();
        out.extend(paths.iter().map(|p| std::fs::read(p).unwrap()));
    }
    out
}

#[test]
fn mutated_inputs_never_panic() {
    let mut rng = Lcg(0x5eed);
    let pieces = [
        "\t",
        "合计",
        "小计",
        "1,0",
        ".",
        "-",
        "（",
        "）",
        "其中：",
        "一、",
        "208",
        "2080505",
        "万元",
        "%",
        "\n",
        "<table>",
        "|",
        "注：",
        "公开01表",
        "总计",
    ];
    for input in inputs() {
        for _ in 0..12 {
            let mut bytes = input.clone();
            match rng.below(5) {
                0 => bytes.truncate(rng.below(bytes.len())),
                1 => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let mut lines: Vec<&str> = text.lines().collect();
                    for _ in 0..5 {
                        let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                        if !lines.is_empty() {
                            lines.swap(i, j);
                            if rng.below(2) == 0 {
                                lines.remove(i.min(lines.len() - 1));
                            } else {
                                lines.insert(j, lines[i.min(lines.len() - 1)]);
                            }
                        }
                    }
                    bytes = lines.join("\n").into_bytes();
                }
                2 => {
                    for _ in 0..20 {
                        let i = rng.below(bytes.len());
                        if let Some(b) = bytes.get_mut(i) {
                            *b = rng.next() as u8;
                        }
                    }
                }
                _ => {
                    let mut text = String::from_utf8_lossy(&bytes).into_owned();
                    for _ in 0..30 {
                        let mut at = rng.below(text.len());
                        while !text.is_char_boundary(at) {
                            at -= 1;
                        }
                        text.insert_str(at, pieces[rng.below(pieces.len())]);
                    }
                    bytes = text.into_bytes();
                }
            }
            let _ = budgetlint::check(budgetlint::Input::Bytes(&bytes), &Default::default());
        }
    }
}

/// Absurdly long figures next to units that scale them (亿元 → 元 is ×10⁸) once overflowed
/// rust_decimal inside the narrative rate rule; they must be ignored or checked, never panic.
#[test]
fn huge_figures_never_panic() {
    let nines = "9".repeat(26);
    let tiny = format!("0.{}1", "0".repeat(21));
    let text = format!(
        "一、收入支出预算总体情况\n本年收入合计{nines}亿元，比上年增加{tiny}万元，增长{nines}%。\n\
         项目全年预算数{nines}亿元，执行数{tiny}万元，完成预算的{nines}%。\n\
         其中：基本支出9999999999999999亿元，占99.99%；项目支出0.000000000001万元。\n\
         表1\t收支总表\n项目\t本年预算数\n本年收入合计\t{nines}\n合计\t9999999999999999\n"
    );
    let report = check_text(&text);
    // The 16-digit figure is still read; the 26-digit ones are not figures.
    assert!(report.findings.iter().all(|f| !f.message.contains(&nines)), "{:?}", digest(&report));
}
