//! Legacy Excel workbooks (XLS, BIFF8 in an OLE2 compound file) through calamine, which reads
//! the compound file, the shared strings and the cell records.
//!
//! Numbers: BIFF stores a cell's value as an IEEE double (or an RK-packed double), so no exact
//! decimal text exists in the file. We print the *shortest* decimal that round-trips to the
//! same double (Rust's `Display` for `f64`): a figure typed as 1246.27 is stored as the double
//! nearest to 1246.27 and prints back as `1246.27`, not as `1246.2699999999999818…`. Results
//! of formulas can carry binary noise (`0.30000000000000004`); Excel shows 15 significant
//! digits, and so do we (`sheet::display_number` with the General format). calamine does not
//! expose each cell's number format, so trailing zeros the format would print (`0.10`) are
//! not restored: such a figure is read as `0.1`, which the interval arithmetic treats as
//! printed to one decimal — a wider tolerance, so it can never turn rounding into an error.

use super::archive;
use super::rendered::Rendering;
#[cfg(feature = "xls")]
use super::sheet::{self, display_number, NumFmt, SheetCells};
use crate::document::Document;
#[cfg(feature = "xls")]
use calamine::{Data, Reader, Xls, XlsError};
#[cfg(feature = "xls")]
use std::io::Cursor;

/// `WordDocument` as it appears in an OLE2 directory (UTF-16LE): a legacy Word file.
fn is_legacy_word(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "WordDocument".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(name.len()).take(4 << 20).any(|w| w == name.as_slice())
}

#[cfg(not(feature = "xls"))]
pub fn read(bytes: &[u8]) -> Document {
    let mut out = Rendering::new("XLS");
    out.issues.push(if is_legacy_word(bytes) {
        legacy_word()
    } else {
        archive::unreadable(
            "此版本未包含旧版 Excel（.xls）读取，请在 Excel 或 WPS 中另存为 .xlsx 后再检查".into(),
            "this build cannot read legacy Excel (.xls); save the workbook as .xlsx and check that".into(),
        )
    });
    out.into_document()
}

fn legacy_word() -> crate::document::ReadIssue {
    archive::unreadable(
        "这是旧版 Word 文档（.doc），暂不支持直接读取。请在 Word 或 WPS 中“另存为” .docx 后再检查".into(),
        "this is a legacy Word document (.doc), which cannot be read; save it as .docx in Word or WPS and check that"
            .into(),
    )
}

#[cfg(feature = "xls")]
pub fn read(bytes: &[u8]) -> Document {
    let mut out = Rendering::new("XLS");
    let opened = std::panic::catch_unwind(|| Xls::new(Cursor::new(bytes)));
    let mut wb = match opened {
        Ok(Ok(wb)) => wb,
        Ok(Err(e)) => {
            out.issues.push(open_error(bytes, &e));
            return out.into_document();
        }
        Err(_) => {
            out.issues.push(archive::unreadable(
                "XLS 文件结构异常，无法读取。请用 Excel 或 WPS 打开后另存为 XLSX 再检查".into(),
                "the XLS file is malformed and cannot be read; open it in Excel or WPS and save it as XLSX".into(),
            ));
            return out.into_document();
        }
    };
    let names = wb.sheet_names();
    if names.len() > sheet::MAX_SHEETS {
        out.issues.push(archive::too_large(
            format!("工作簿有 {} 个工作表，只读取了前 {} 个", names.len(), sheet::MAX_SHEETS),
            format!("the workbook has {} sheets; only the first {} were read", names.len(), sheet::MAX_SHEETS),
        ));
    }
    for name in names.into_iter().take(sheet::MAX_SHEETS) {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                out.issues.push(archive::unreadable(
                    format!("工作表“{name}”无法读取（{e}），已跳过"),
                    format!("sheet “{name}” cannot be read ({e}); skipped"),
                ));
                continue;
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = SheetCells { name, ..Default::default() };
        for (r, c, v) in range.used_cells() {
            let text = match v {
                Data::Float(f) => display_number(&f.to_string(), NumFmt::default()),
                Data::Int(i) => i.to_string(),
                Data::DateTime(d) => {
                    display_number(&d.as_f64().to_string(), NumFmt { date: true, ..NumFmt::default() })
                }
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
                Data::Error(e) => e.to_string(),
                Data::Empty => String::new(),
            };
            if !cells.put(r0 + r as u32 + 1, c0 + c as u32 + 1, text) {
                break;
            }
        }
        out.sheets.push(cells.name.clone());
        let grid = out.sheets.len() as u16;
        sheet::render(&mut out, grid, &cells);
    }
    out.into_document()
}

#[cfg(feature = "xls")]
fn open_error(bytes: &[u8], e: &XlsError) -> crate::document::ReadIssue {
    if is_legacy_word(bytes) {
        return legacy_word();
    }
    if matches!(e, XlsError::Password) {
        return archive::unreadable(
            "XLS 工作簿有密码保护（已加密），无法读取。请取消密码后再检查".into(),
            "the XLS workbook is password-protected (encrypted) and cannot be read; remove the password first".into(),
        );
    }
    archive::unreadable(
        format!("文件是 OLE2 复合文档，但不是可读取的 Excel 工作簿（{e}）。请另存为 XLSX 后再检查"),
        format!("the file is an OLE2 compound document but not a readable Excel workbook ({e}); save it as XLSX"),
    )
}
