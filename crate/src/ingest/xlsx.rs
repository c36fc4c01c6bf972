//! Excel workbooks (XLSX), read directly from the package: the workbook's sheet list, shared
//! strings, the number formats of `styles.xml` and each worksheet's cells. A number is taken
//! from the cell's XML text (the exact decimal Excel wrote) and printed with the cell's
//! format's decimals — never parsed into a float. Merged areas need nothing special: Excel
//! keeps the value in the top-left cell and leaves the covered cells empty, which is the
//! layout the table assembly expects.

use super::archive::{self, attr, local, Archive, Ev};
use super::rendered::Rendering;
use super::sheet::{self, display_number, NumFmt, SheetCells};
use crate::document::{Document, ReadIssue};
use std::collections::HashMap;

/// Shared strings kept (each distinct text of the workbook once).
const MAX_SHARED_STRINGS: usize = 1_000_000;

pub fn read(bytes: &[u8]) -> Document {
    let mut out = Rendering::new("XLSX");
    let mut ar = match Archive::open(bytes, "Excel (XLSX)") {
        Ok(a) => a,
        Err(issue) => {
            out.issues.push(issue);
            return out.into_document();
        }
    };
    let mut issues = Vec::new();
    let Some(workbook) = ar.part("xl/workbook.xml") else {
        out.issues.push(archive::unreadable(
            "文件中没有 xl/workbook.xml，不是完整的 Excel 工作簿，无法读取".into(),
            "the package has no xl/workbook.xml; it is not a complete Excel workbook".into(),
        ));
        out.issues.extend(ar.issues);
        return out.into_document();
    };
    let sheets = sheet_list(&workbook, &mut issues);
    let rels = ar.part("xl/_rels/workbook.xml.rels").map(|x| relationships(&x, &mut issues)).unwrap_or_default();
    let strings = ar.part("xl/sharedStrings.xml").map(|x| shared_strings(&x, &mut issues)).unwrap_or_default();
    let formats = ar.part("xl/styles.xml").map(|x| cell_formats(&x, &mut issues)).unwrap_or_default();
    if sheets.len() > sheet::MAX_SHEETS {
        issues.push(archive::too_large(
            format!("工作簿有 {} 个工作表，只读取了前 {} 个", sheets.len(), sheet::MAX_SHEETS),
            format!("the workbook has {} sheets; only the first {} were read", sheets.len(), sheet::MAX_SHEETS),
        ));
    }
    for (name, rid) in sheets.into_iter().take(sheet::MAX_SHEETS) {
        let Some(target) = rels.get(&rid) else { continue };
        if !target.contains("worksheets/") {
            continue; // chart sheets and dialog sheets hold no cells
        }
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_owned(),
            None => format!("xl/{}", target.trim_start_matches("./")),
        };
        let Some(xml) = ar.part(&path) else { continue };
        let mut cells = SheetCells { name, ..Default::default() };
        read_sheet(&xml, &path, &strings, &formats, &mut cells, &mut issues);
        out.sheets.push(cells.name.clone());
        let grid = out.sheets.len() as u16;
        sheet::render(&mut out, grid, &cells);
    }
    out.issues.extend(ar.issues);
    out.issues.extend(issues);
    out.into_document()
}

/// (sheet name, relationship id) in workbook order.
fn sheet_list(xml: &str, issues: &mut Vec<ReadIssue>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    archive::walk(xml, "xl/workbook.xml", issues, |ev| {
        if let Ev::Start(e) = ev {
            if local(e.name().as_ref()) == b"sheet" {
                if let (Some(name), Some(id)) = (attr(e, b"name"), attr(e, b"id")) {
                    out.push((name, id));
                }
            }
        }
        true
    });
    out
}

fn relationships(xml: &str, issues: &mut Vec<ReadIssue>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    archive::walk(xml, "xl/_rels/workbook.xml.rels", issues, |ev| {
        if let Ev::Start(e) = ev {
            if local(e.name().as_ref()) == b"Relationship" {
                if let (Some(id), Some(t)) = (attr(e, b"Id"), attr(e, b"Target")) {
                    out.insert(id, t);
                }
            }
        }
        true
    });
    out
}

/// Each `<si>`'s text; phonetic runs (`<rPh>`) are reading aids, not content.
fn shared_strings(xml: &str, issues: &mut Vec<ReadIssue>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_t, mut in_rph) = (false, false);
    archive::walk(xml, "xl/sharedStrings.xml", issues, |ev| {
        match ev {
            Ev::Start(e) => match local(e.name().as_ref()) {
                b"si" => cur.clear(),
                b"t" => in_t = true,
                b"rPh" => in_rph = true,
                _ => {}
            },
            Ev::End(b"t") => in_t = false,
            Ev::End(b"rPh") => in_rph = false,
            Ev::End(b"si") => out.push(std::mem::take(&mut cur)),
            Ev::Text(s) if in_t && !in_rph => cur.push_str(s),
            _ => {}
        }
        out.len() < MAX_SHARED_STRINGS
    });
    out
}

/// The number format of each cell style (`cellXfs` index → format).
fn cell_formats(xml: &str, issues: &mut Vec<ReadIssue>) -> Vec<NumFmt> {
    let mut custom: HashMap<u32, NumFmt> = HashMap::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    archive::walk(xml, "xl/styles.xml", issues, |ev| {
        match ev {
            Ev::Start(e) => match local(e.name().as_ref()) {
                b"numFmt" => {
                    if let (Some(id), Some(code)) =
                        (attr(e, b"numFmtId").and_then(|v| v.parse().ok()), attr(e, b"formatCode"))
                    {
                        custom.insert(id, NumFmt::parse(&code));
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => ids.push(attr(e, b"numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0)),
                _ => {}
            },
            Ev::End(b"cellXfs") => in_cell_xfs = false,
            _ => {}
        }
        true
    });
    ids.into_iter().map(|id| custom.get(&id).copied().unwrap_or_else(|| NumFmt::builtin(id))).collect()
}

/// `B12` → (12, 2).
fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    let row: u32 = r[letters..].parse().ok()?;
    (row > 0).then_some((row, col))
}

fn read_sheet(
    xml: &str,
    part: &str,
    strings: &[String],
    formats: &[NumFmt],
    cells: &mut SheetCells,
    issues: &mut Vec<ReadIssue>,
) {
    let mut row = 0u32;
    let mut next_col = 1u32;
    // The cell being read: position, type, style, value text.
    let mut cell: Option<(u32, u32, String, usize)> = None;
    let mut value = String::new();
    let mut in_value = false;
    archive::walk(xml, part, issues, |ev| {
        match ev {
            Ev::Start(e) => match local(e.name().as_ref()) {
                b"row" => {
                    row = attr(e, b"r").and_then(|v| v.parse().ok()).unwrap_or(row.saturating_add(1));
                    next_col = 1;
                }
                b"c" => {
                    let (r, c) = attr(e, b"r").and_then(|v| parse_ref(&v)).unwrap_or((row.max(1), next_col));
                    next_col = c.saturating_add(1);
                    let kind = attr(e, b"t").unwrap_or_default();
                    let style = attr(e, b"s").and_then(|v| v.parse().ok()).unwrap_or(0);
                    cell = Some((r, c, kind, style));
                    value.clear();
                }
                b"v" | b"t" if cell.is_some() => in_value = true,
                b"rPh" => in_value = false,
                _ => {}
            },
            Ev::End(b"v" | b"t") => in_value = false,
            Ev::Text(s) if in_value => value.push_str(s),
            Ev::End(b"c") => {
                if let Some((r, c, kind, style)) = cell.take() {
                    let text = match kind.as_str() {
                        "s" => {
                            value.trim().parse::<usize>().ok().and_then(|i| strings.get(i)).cloned().unwrap_or_default()
                        }
                        "str" | "inlineStr" | "e" => value.clone(),
                        "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_owned(),
                        _ if value.trim().is_empty() => String::new(),
                        _ => display_number(&value, formats.get(style).copied().unwrap_or_default()),
                    };
                    return cells.put(r, c, text);
                }
            }
            _ => {}
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(parse_ref("A1"), Some((1, 1)));
        assert_eq!(parse_ref("AB12"), Some((12, 28)));
        assert_eq!(parse_ref("1A"), None);
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("ZZZZ1"), None);
    }
}
