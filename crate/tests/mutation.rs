//! Mutation tests: take a clean real document, change one printed figure in a table, and
//! the checker must notice. Sample 003 (鄂州, 2022 决算) has no error in its financial tables as
//! published (its errors are in the narrative: 授予小微企业 100 万元 under 授予中小企业 55.34 万元;
//! and in a 绩效 form: a score of 14 where 20 × 24.62 % gives 4.92).

mod common;
use common::*;

/// Body lines of the coded tables 02, 03 and 05 in sample 003 (function classification rows).
fn coded_rows(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(i, l)| {
            (163..=295).contains(i)
                && l.split('\t').next().is_some_and(|c| c.len() == 7 && c.chars().all(|d| d.is_ascii_digit()))
        })
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn changing_any_figure_of_a_coded_row_is_noticed() {
    let text = String::from_utf8(read("samples/003_b3d5e7f0c80101b4.txt")).unwrap();
    let table_errors = |r: &budgetlint::report::Report| {
        r.findings
            .iter()
            .filter(|f| {
                f.severity == budgetlint::report::Severity::Error
                    && !f.rule.starts_with("narrative.")
                    && !f.rule.starts_with("performance.")
            })
            .count()
    };
    assert_eq!(table_errors(&check_text(&text)), 0);
    let lines: Vec<&str> = text.lines().collect();
    let rows = coded_rows(&text);
    assert!(rows.len() >= 25, "found {} rows", rows.len());
    let mut mutated = 0;
    for &i in &rows {
        let cells: Vec<&str> = lines[i].split('\t').collect();
        for (c, cell) in cells.iter().enumerate().skip(2) {
            let Some((v, false)) = budgetlint::text::number::parse_number(cell) else { continue };
            if v.value.is_zero() {
                continue;
            }
            let mut new_cells = cells.clone();
            let changed = format!("{:.2}", v.value + rust_decimal::Decimal::new(100, 2));
            new_cells[c] = &changed;
            let mut new_lines = lines.clone();
            let new_line = new_cells.join("\t");
            new_lines[i] = &new_line;
            let r = check_text(&new_lines.join("\n"));
            assert!(
                r.findings.iter().any(|f| f.severity == budgetlint::report::Severity::Error
                    && f.locations.iter().any(|l| l.line as usize == i + 1 || f.message.contains(&changed))),
                "changing {cell} → {changed} on line {} went unnoticed",
                i + 1
            );
            mutated += 1;
        }
    }
    assert!(mutated >= 40, "only {mutated} mutations tried");
}
