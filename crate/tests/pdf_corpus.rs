//! The real disclosure PDFs of `tests/fixtures/corpus` (public documents; see INDEX.md):
//! page counts, the standard tables found with their body row counts, and cells checked
//! against the printed pages (`pdftotext -layout`).

mod common;
use budgetlint::ingest::{pdf, read_bytes};
use budgetlint::structure::{analyse, table::Table};
use budgetlint::text::norm::key;
use common::read;

/// (file, pages, [(catalogue kind, body rows)] in document order). Documents with no
/// tables are narratives whose tables were published as a separate file.
/// (catalogue kind, body rows).
type Kinds = &'static [(&'static str, usize)];

const EXPECTED: &[(&str, usize, Kinds)] = &[
    (
        "1769321433314-826553525.pdf",
        16,
        &[
            ("budget.summary", 8),
            ("budget.income", 15),
            ("budget.expense", 15),
            ("budget.fiscal-summary", 5),
            ("budget.gpb-expense", 15),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 27),
            ("budget.three-public", 1),
        ],
    ),
    (
        "1770007475548-818404804.pdf",
        35,
        &[
            ("budget.summary", 9),
            ("budget.income", 67),
            ("budget.expense", 67),
            ("budget.fiscal-summary", 9),
            ("budget.gpb-expense", 67),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 31),
            ("budget.three-public", 1),
            ("budget.performance", 14),
            ("budget.performance", 13),
            ("budget.performance", 13),
            ("budget.performance", 51),
            ("budget.performance", 18),
        ],
    ),
    (
        "2017年度部门预算公开表.pdf",
        13,
        &[
            ("budget.summary", 23),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 15),
            ("budget.fiscal-basic", 27),
            ("budget.gov-fund", 0),
            ("budget.gpb-expense", 15),
            ("budget.gpb-basic", 27),
            ("budget.office-running", 15),
            ("budget.three-public", 1),
            ("budget.procurement", 40),
        ],
    ),
    (
        "2017年省检察院部门预算.pdf",
        25,
        &[
            ("budget.summary", 23),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 16),
            ("budget.fiscal-basic", 28),
            ("budget.gov-fund", 0),
            ("budget.gpb-expense", 16),
            ("budget.gpb-basic", 28),
            ("budget.office-running", 16),
            ("budget.three-public", 1),
            ("budget.procurement", 46),
        ],
    ),
    (
        "2018年省检察院部门预算公开.pdf",
        31,
        &[
            // (`十七、国土海洋气象等支` / `出` is one row split by the page break.)
            ("budget.summary", 23),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 15),
            ("budget.fiscal-basic", 30),
            ("budget.gpb-expense", 15),
            ("budget.gpb-basic", 30),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 16),
            ("budget.procurement", 52),
        ],
    ),
    (
        "2019年度部门预算公开.pdf",
        33,
        &[
            ("budget.summary", 24),
            ("budget.income", 14),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 17),
            ("budget.fiscal-basic", 31),
            ("budget.gpb-expense", 17),
            ("budget.gpb-basic", 31),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 17),
            ("budget.procurement", 41),
        ],
    ),
    (
        "上海市普陀区人民政府万里街道办事处24年预算.pdf",
        33,
        &[
            ("budget.summary", 10),
            // (With the 合计 row that opens the next page under merged code cells.)
            ("budget.income", 67),
            ("budget.expense", 67),
            ("budget.fiscal-summary", 10),
            ("budget.gpb-expense", 67),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 32),
            ("budget.three-public", 1),
        ],
    ),
    (
        "上海市普陀区人民政府万里街道办事处25年预算.pdf",
        31,
        &[
            ("budget.summary", 10),
            ("budget.income", 67),
            ("budget.expense", 67),
            ("budget.fiscal-summary", 10),
            ("budget.gpb-expense", 67),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 32),
            ("budget.three-public", 1),
        ],
    ),
    (
        "上海市普陀区人民政府办公室25年预算.pdf",
        22,
        &[
            ("budget.summary", 8),
            ("budget.income", 21),
            ("budget.expense", 21),
            ("budget.fiscal-summary", 5),
            ("budget.gpb-expense", 21),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 30),
            ("budget.three-public", 1),
        ],
    ),
    (
        "上海市普陀区人民政府办公室单位25年预算.pdf",
        21,
        &[
            ("budget.summary", 8),
            ("budget.income", 21),
            ("budget.expense", 21),
            ("budget.fiscal-summary", 5),
            ("budget.gpb-expense", 21),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 30),
            ("budget.three-public", 1),
        ],
    ),
    (
        "上海市普陀区商务委员会25年预算.pdf",
        26,
        &[
            ("budget.summary", 8),
            ("budget.income", 31),
            ("budget.expense", 31),
            ("budget.fiscal-summary", 8),
            ("budget.gpb-expense", 31),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 31),
            ("budget.three-public", 1),
        ],
    ),
    (
        "上海市普陀区商务委员会单位25年预算.pdf",
        22,
        &[
            ("budget.summary", 8),
            ("budget.income", 31),
            ("budget.expense", 31),
            ("budget.fiscal-summary", 8),
            ("budget.gpb-expense", 31),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 31),
            ("budget.three-public", 1),
        ],
    ),
    (
        "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",
        30,
        &[
            ("any.unit-list", 5),
            ("final.summary", 28),
            ("final.income", 25),
            ("final.expense", 25),
            ("final.fiscal-summary", 30),
            ("final.gpb-expense", 25),
            ("final.gpb-basic", 39),
            ("final.three-public", 1),
            ("final.gov-fund", 1),
            ("final.soe", 1),
        ],
    ),
    (
        "上海市普陀区财政局部门25年预算.pdf",
        24,
        &[
            ("budget.summary", 8),
            ("budget.income", 20),
            ("budget.expense", 20),
            ("budget.fiscal-summary", 5),
            ("budget.gpb-expense", 20),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 30),
            ("budget.three-public", 1),
        ],
    ),
    (
        "上海市财政局25年预算.pdf",
        21,
        &[
            ("budget.summary", 8),
            ("budget.income", 24),
            ("budget.expense", 24),
            ("budget.fiscal-summary", 5),
            ("budget.gpb-expense", 24),
            ("budget.gov-fund", 1),
            ("budget.soe", 1),
            ("budget.gpb-basic", 35),
            ("budget.three-public", 1),
        ],
    ),
    (
        "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
        24,
        &[
            ("any.unit-list", 2),
            ("final.summary", 30),
            ("final.income", 18),
            ("final.expense", 18),
            ("final.fiscal-summary", 32),
            ("final.gpb-expense", 18),
            ("final.gpb-basic", 39),
            ("final.three-public", 1),
            ("final.gov-fund", 1),
            ("final.soe", 1),
        ],
    ),
    (
        "江苏省人大办公厅2017年度预算公开.pdf",
        31,
        &[
            // (小计, 上年结转资金, 收入合计: merged-cell rows on the next page.)
            ("budget.summary", 25),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-expense", 19),
            ("budget.gov-fund", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-basic", 24),
            ("budget.gov-fund", 0),
            ("budget.gpb-expense", 19),
            ("budget.gpb-basic", 24),
            ("budget.office-running", 16),
            ("budget.three-public", 2),
            ("budget.procurement", 26),
        ],
    ),
    ("江苏省人大常委会2019年度部门预算公开.pdf", 19, &[]),
    (
        "江苏省人大常委会办公厅2019年部门预算公开表.pdf",
        13,
        &[
            ("budget.summary", 24),
            ("budget.income", 14),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 21),
            ("budget.fiscal-basic", 25),
            ("budget.gpb-expense", 21),
            ("budget.gpb-basic", 25),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 12),
            ("budget.procurement", 26),
        ],
    ),
    ("江苏省委办公厅2017年部门预算.pdf", 13, &[]),
    (
        "江苏省委办公厅2017年预算公开表格.pdf",
        14,
        &[
            ("budget.summary", 23),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 12),
            ("budget.fiscal-basic", 31),
            ("budget.gov-fund", 0),
            ("budget.gpb-expense", 12),
            ("budget.gpb-basic", 31),
            ("budget.office-running", 18),
            ("budget.three-public", 1),
            ("budget.procurement", 47),
        ],
    ),
    ("江苏省委办公厅2018年度部门预算公开文件.pdf", 13, &[]),
    (
        "江苏省委办公厅2018年度部门预算公开表.pdf",
        15,
        &[
            ("budget.summary", 23),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 14),
            ("budget.fiscal-basic", 31),
            ("budget.gpb-expense", 14),
            ("budget.gpb-basic", 31),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 16),
            ("budget.procurement", 39),
        ],
    ),
    ("江苏省委办公厅2019年度部门预算公开文件.pdf", 14, &[]),
    (
        "江苏省委办公厅2019年度部门预算公开表格.pdf",
        12,
        &[
            ("budget.summary", 24),
            ("budget.income", 14),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 14),
            ("budget.fiscal-basic", 32),
            ("budget.gpb-expense", 14),
            ("budget.gpb-basic", 32),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 17),
            ("budget.procurement", 39),
        ],
    ),
    ("江苏省政协办公厅2017年度部门预算.pdf", 20, &[]),
    ("江苏省政协办公厅2018年度部门预算.pdf", 17, &[]),
    (
        "江苏省政协办公厅2018度部门预算公开表.pdf",
        12,
        &[
            ("budget.summary", 23),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 17),
            ("budget.fiscal-basic", 28),
            ("budget.gpb-expense", 17),
            ("budget.gpb-basic", 28),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 15),
            ("budget.procurement", 29),
        ],
    ),
    ("江苏省政协办公厅2019年度部门预算.pdf", 18, &[]),
    (
        "江苏省政协办公厅2019年预算公开表.pdf",
        12,
        &[
            ("budget.summary", 23),
            ("budget.income", 12),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 17),
            ("budget.fiscal-basic", 26),
            ("budget.gpb-expense", 17),
            ("budget.gpb-basic", 26),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 12),
            ("budget.procurement", 20),
        ],
    ),
    (
        "省人大办公厅2018预算公开.pdf",
        31,
        &[
            ("budget.summary", 23),
            ("budget.income", 15),
            ("budget.expense", 1),
            ("budget.fiscal-summary", 4),
            ("budget.fiscal-expense", 21),
            ("budget.fiscal-basic", 24),
            ("budget.gpb-expense", 21),
            ("budget.gpb-basic", 24),
            ("budget.three-public", 1),
            ("budget.gov-fund", 0),
            ("budget.office-running", 11),
            ("budget.procurement", 24),
        ],
    ),
    (
        "附件2：部门决算模板.pdf",
        23,
        &[
            ("any.unit-list", 8),
            ("final.summary", 28),
            ("final.income", 7),
            ("final.expense", 7),
            ("final.fiscal-summary", 30),
            ("final.gpb-expense", 7),
            ("final.gpb-basic", 39),
            ("final.three-public", 1),
            ("final.gov-fund", 1),
            ("final.soe", 1),
        ],
    ),
];

fn tables(file: &str) -> Vec<Table> {
    analyse(&read_bytes(&read(&format!("corpus/{file}")))).tables
}

#[test]
fn every_corpus_pdf_is_read() {
    let mut failures = Vec::new();
    for (file, pages, kinds) in EXPECTED {
        let bytes = read(&format!("corpus/{file}"));
        assert_eq!(pdf::page_count(&bytes), *pages, "{file}: pages");
        let doc = read_bytes(&bytes);
        assert_eq!(doc.encoding, "PDF");
        assert!(doc.issues.is_empty(), "{file}: {:?}", doc.issues);
        let found: Vec<(&str, usize)> =
            analyse(&doc).tables.iter().filter_map(|t| t.kind.map(|k| (k.id, t.body.len()))).collect();
        if found != *kinds {
            failures.push(format!("{file}:\n  expected {kinds:?}\n  found    {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The printed text of the cell in the row whose code or label is `row` and the column
/// whose header path contains `col`, in the first table of kind `kind`.
fn cell(tables: &[Table], kind: &str, row: &str, col: &str) -> String {
    let t = tables.iter().find(|t| t.kind.is_some_and(|k| k.id == kind)).unwrap_or_else(|| panic!("no {kind}"));
    let ci = t
        .columns
        .iter()
        .position(|c| key(&c.name()).contains(&key(col)))
        .unwrap_or_else(|| panic!("{kind}: no column {col}"));
    let line = t
        .panels
        .iter()
        .flat_map(|p| p.lines.iter().filter(move |_| p.value_cols.contains(&ci) || p.label_cols.contains(&ci)))
        .find(|l| l.code.as_deref() == Some(row) || l.name_key == key(row) || l.name == row)
        .unwrap_or_else(|| panic!("{kind}: no row {row}"));
    t.cell_text(line.row, ci).to_owned()
}

#[test]
fn cells_match_the_printed_pages() {
    // 201 | 13 | 01 | 行政运行 printed in 类/款/项 columns: one code.
    let t = tables("上海市普陀区商务委员会25年预算.pdf");
    assert_eq!(cell(&t, "budget.income", "2011301", "合计"), "9,389,913.00");
    assert_eq!(cell(&t, "budget.summary", "收入总计", "预算数"), "371,514,655.00");
    assert_eq!(cell(&t, "budget.expense", "2080505", "合计"), "1,410,886.00");
    // A row whose code the document printed without its leading zero (`301 | 2`).
    let t = tables("上海市普陀区人民政府万里街道办事处24年预算.pdf");
    assert_eq!(cell(&t, "budget.gpb-basic", "30102", "合计"), "16,623,810");
    // Word-produced tables, rows ruled only in some columns.
    let t = tables("2019年度部门预算公开.pdf");
    assert_eq!(cell(&t, "budget.gpb-expense", "2080504", "金额"), "400.02");
    assert_eq!(cell(&t, "budget.gpb-expense", "208", "金额"), "1,890.27");
    // A code column without its ruling on one page (`301 工资福利支出` in one cell), with
    // the ruling on the next: split, and the two pieces joined.
    let t = tables("2017年省检察院部门预算.pdf");
    assert_eq!(cell(&t, "budget.gpb-basic", "30101", "金额"), "2,010.25");
    assert_eq!(cell(&t, "budget.gpb-basic", "30104", "金额"), "75.64");
    // Acrobat Distiller.
    let t = tables("江苏省委办公厅2018年度部门预算公开表.pdf");
    assert_eq!(cell(&t, "budget.gpb-basic", "30101", "金额"), "1,475.07");
    // Final accounts (Word 2010, object streams).
    let t = tables("上海市普陀区规划和自然资源局 2024 年度部门决算.pdf");
    assert_eq!(cell(&t, "final.summary", "一般公共预算财政拨款收入", "决算数"), "9746.50");
    assert_eq!(cell(&t, "final.gpb-expense", "2120101", "合计"), "1092.80");
}

#[test]
fn pages_are_on_the_spans() {
    let doc = read_bytes(&read("corpus/上海市普陀区商务委员会25年预算.pdf"));
    let t = analyse(&doc).tables.into_iter().find(|t| t.kind.is_some_and(|k| k.id == "budget.income")).unwrap();
    // The income table runs over a page break and is joined into one table.
    let first = t.body.first().unwrap().span.page.unwrap();
    let last = t.body.last().unwrap().span.page.unwrap();
    assert_eq!(last, first + 1, "{first}..{last}");
    let bytes = read("corpus/附件2：部门决算模板.pdf");
    let r = budgetlint::check(budgetlint::Input::Bytes(&bytes), &Default::default());
    let l = r.findings.iter().flat_map(|f| &f.locations).find(|l| l.page.is_some()).expect("a finding with a page");
    assert!((1..=23).contains(&l.page.unwrap()));
}

#[test]
fn a_sentence_cut_by_a_page_break_is_one_paragraph() {
    // `…各增加3205.79万元，增长` ends page 3 (page number `4` below it), `13.11%。其中：`
    // opens page 4: one sentence, so that the change it states can be checked.
    let doc = read_bytes(&read("corpus/江苏省委办公厅2019年度部门预算公开文件.pdf"));
    assert!(doc.lines.iter().any(|l| l.contains("增加3205.79万元，增长13.11%。其中")), "not joined");
}
