//! Legacy Excel workbooks (BIFF8 `.xls`): a compound-file (OLE2) reader for the `Workbook`
//! stream and the handful of BIFF records that carry cell values, shared strings and number
//! formats. Every read is bounds-checked and every sector chain is bounded by the number of
//! sectors, so a damaged or hostile file ends in a message, never a panic or a loop.
//!
//! Numbers: BIFF stores a figure as an IEEE double (NUMBER, FORMULA) or an RK value (a 30-bit
//! integer or a truncated double, optionally ×1/100). An integer RK is exact: 124627 with the
//! ×1/100 flag is exactly 1246.27. A double has no exact decimal text in the file, so we take
//! the *shortest* decimal that round-trips to it (Rust's `Display` for `f64`: the double nearest
//! to 1246.27 prints as `1246.27`), then print it with the decimals of the cell's number format
//! (`0.1` in a `#,##0.00` cell prints `0.10`, as on screen) — never a lossy `{:.2}` of a float.

use super::archive::{too_large, unreadable};
use super::rendered::Rendering;
use super::sheet::{self, display_number, NumFmt, SheetCells};
use crate::document::{Document, ReadIssue};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Largest stream read from the compound file.
const MAX_STREAM: usize = 64 << 20;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

// ------------------------------------------------------------------ compound file

struct Cfb<'a> {
    data: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn open(data: &'a [u8]) -> Option<Cfb<'a>> {
        let shift = u16_at(data, 0x1E)?;
        if !(7..=16).contains(&shift) {
            return None;
        }
        let sector = 1usize << shift;
        let mut cfb = Cfb { data, sector, fat: Vec::new() };
        // FAT sectors: 109 listed in the header, more in the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(data, 0x4C + 4 * i)).collect();
        let mut difat = u32_at(data, 0x44)?;
        let per = sector / 4 - 1;
        for _ in 0..cfb.sector_count() {
            if difat >= END_OF_CHAIN {
                break;
            }
            let s = cfb.sector_data(difat)?;
            fat_sectors.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
            difat = u32_at(s, 4 * per)?;
        }
        let mut fat = Vec::new();
        for fs in fat_sectors.into_iter().filter(|s| *s < END_OF_CHAIN - 1) {
            if let Some(s) = cfb.sector_data(fs) {
                fat.extend((0..sector / 4).filter_map(|i| u32_at(s, 4 * i)));
            }
        }
        cfb.fat = fat;
        Some(cfb)
    }

    fn sector_count(&self) -> usize {
        self.data.len() / self.sector
    }

    fn sector_data(&self, s: u32) -> Option<&'a [u8]> {
        let start = (s as usize).checked_add(1)?.checked_mul(self.sector)?;
        self.data.get(start..start.checked_add(self.sector)?)
    }

    /// A chain of regular sectors, at most `size` bytes; bounded by the sector count.
    fn chain(&self, start: u32, size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut s = start;
        for _ in 0..=self.fat.len() {
            if s >= END_OF_CHAIN - 1 || out.len() >= size {
                break;
            }
            let Some(d) = self.sector_data(s) else { break };
            out.extend_from_slice(d);
            s = self.fat.get(s as usize).copied().unwrap_or(END_OF_CHAIN);
        }
        out.truncate(size);
        out
    }

    /// The named stream's bytes (regular or mini stream).
    fn stream(&self, names: &[&str]) -> Option<Vec<u8>> {
        let dir = self.chain(u32_at(self.data, 0x30)?, MAX_STREAM);
        let cutoff = u32_at(self.data, 0x38).unwrap_or(4096) as usize;
        let mut root: Option<(u32, usize)> = None;
        for e in dir.chunks_exact(128) {
            let len = (u16_at(e, 0x40)? as usize).min(64);
            let units: Vec<u16> = e[..len].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let name = String::from_utf16_lossy(&units).trim_end_matches('\0').to_owned();
            let (start, size) = (u32_at(e, 0x74)?, (u32_at(e, 0x78)? as usize).min(MAX_STREAM));
            match e.get(0x42) {
                Some(5) => root = Some((start, size)),
                Some(2) if names.contains(&name.as_str()) => {
                    if size >= cutoff {
                        return Some(self.chain(start, size));
                    }
                    // Small streams live in the mini stream (64-byte sectors, own FAT).
                    let (rs, rsize) = root?;
                    let mini = self.chain(rs, rsize);
                    let minifat: Vec<u32> = self
                        .chain(u32_at(self.data, 0x3C)?, MAX_STREAM)
                        .chunks_exact(4)
                        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        .collect();
                    let mut out = Vec::new();
                    let mut s = start;
                    for _ in 0..=minifat.len() {
                        if s >= END_OF_CHAIN - 1 || out.len() >= size {
                            break;
                        }
                        let Some(d) = (s as usize).checked_mul(64).and_then(|at| mini.get(at..at.checked_add(64)?))
                        else {
                            break;
                        };
                        out.extend_from_slice(d);
                        s = minifat.get(s as usize).copied().unwrap_or(END_OF_CHAIN);
                    }
                    out.truncate(size);
                    return Some(out);
                }
                _ => {}
            }
        }
        None
    }

    fn has_stream(&self, name: &str) -> bool {
        self.stream(&[name]).is_some()
    }
}

// ------------------------------------------------------------------ BIFF records

struct Record<'a> {
    kind: u16,
    data: &'a [u8],
    /// Offset of the record in the stream.
    at: usize,
}

fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Record<'_>> {
    let mut pos = from;
    std::iter::from_fn(move || {
        let kind = u16_at(stream, pos)?;
        let len = u16_at(stream, pos.checked_add(2)?)? as usize;
        let start = pos.checked_add(4)?;
        let data = stream.get(start..start.checked_add(len)?)?;
        let at = pos;
        pos = start + len;
        Some(Record { kind, data, at })
    })
}

/// Reads BIFF8 unicode strings across CONTINUE records: each continuation of a string's
/// characters starts with a fresh option byte (compressed or UTF-16).
struct Pieces<'a> {
    segs: Vec<&'a [u8]>,
    seg: usize,
    pos: usize,
}

impl<'a> Pieces<'a> {
    fn byte(&mut self) -> Option<u8> {
        loop {
            let s = self.segs.get(self.seg)?;
            if let Some(b) = s.get(self.pos) {
                self.pos += 1;
                return Some(*b);
            }
            self.seg += 1;
            self.pos = 0;
        }
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]))
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        for _ in 0..n {
            self.byte()?;
        }
        Some(())
    }

    /// An XLUnicodeRichExtendedString (cch, flags, [runs], [ext], chars, run data, ext data).
    fn rich_string(&mut self) -> Option<String> {
        let cch = self.u16()? as usize;
        let flags = self.byte()?;
        let runs = if flags & 0x8 != 0 { self.u16()? as usize } else { 0 };
        let ext = if flags & 0x4 != 0 { self.u32()? as usize } else { 0 };
        let s = self.chars(cch, flags & 1 != 0)?;
        self.skip(runs * 4)?;
        self.skip(ext)?;
        Some(s)
    }

    fn chars(&mut self, cch: usize, mut wide: bool) -> Option<String> {
        let mut units: Vec<u16> = Vec::with_capacity(cch.min(1 << 16));
        while units.len() < cch {
            let s = self.segs.get(self.seg)?;
            if self.pos >= s.len() {
                // Characters continue in the next record, after a new option byte.
                self.seg += 1;
                self.pos = 0;
                wide = self.segs.get(self.seg)?.first()? & 1 != 0;
                self.pos = 1;
                continue;
            }
            if wide {
                let lo = *s.get(self.pos)?;
                let hi = *s.get(self.pos + 1)?;
                self.pos += 2;
                units.push(u16::from_le_bytes([lo, hi]));
            } else {
                units.push(u16::from(s[self.pos]));
                self.pos += 1;
            }
        }
        Some(String::from_utf16_lossy(&units))
    }
}

/// An XLUnicodeString within one record (cch u16, flags, chars) starting at `at`.
fn short_string(data: &[u8], at: usize, cch_u8: bool) -> Option<String> {
    let (cch, at) = if cch_u8 { (*data.get(at)? as usize, at + 1) } else { (u16_at(data, at)? as usize, at + 2) };
    let wide = data.get(at)? & 1 != 0;
    let mut p = Pieces { segs: vec![data.get(at + 1..)?], seg: 0, pos: 0 };
    // A string cut short by a damaged record keeps what is there.
    let cch = if wide { cch.min(p.segs[0].len() / 2) } else { cch.min(p.segs[0].len()) };
    p.chars(cch, wide)
}

/// RK value: a 30-bit integer or the high 30 bits of a double, ×1/100 when flagged. Integers
/// become exact decimals; doubles their shortest round-trip text.
fn rk_text(rk: u32) -> String {
    let hundredths = rk & 1 != 0;
    if rk & 2 != 0 {
        let n = i64::from((rk as i32) >> 2);
        return if hundredths { Decimal::new(n, 2).to_string() } else { n.to_string() };
    }
    let f = f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32);
    let text = f.to_string();
    if !hundredths {
        return text;
    }
    match text.parse::<Decimal>() {
        Ok(d) => (d / Decimal::ONE_HUNDRED).normalize().to_string(),
        Err(_) => (f / 100.0).to_string(),
    }
}

fn f64_text(b: &[u8], at: usize) -> Option<String> {
    let bits = u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?);
    let f = f64::from_bits(bits);
    f.is_finite().then(|| f.to_string())
}

struct Globals {
    sheets: Vec<(String, usize)>,
    strings: Vec<String>,
    /// Number format of each XF (cell style) index.
    xf_formats: Vec<NumFmt>,
}

fn globals(stream: &[u8]) -> Result<Globals, ReadIssue> {
    let mut sheets = Vec::new();
    let mut formats: HashMap<u16, NumFmt> = HashMap::new();
    let mut xf_ids: Vec<u16> = Vec::new();
    let mut sst: Vec<&[u8]> = Vec::new();
    let mut in_sst = false;
    let mut first = true;
    for r in records(stream, 0) {
        if first {
            first = false;
            let version = u16_at(r.data, 0).unwrap_or(0);
            if r.kind != 0x0809 || version != 0x0600 {
                return Err(unreadable(
                    "这是 Excel 95 或更早版本的 XLS（不是 BIFF8 格式），无法读取。请在 Excel 或 WPS 中另存为 .xlsx 后再检查".into(),
                    "this XLS is from Excel 95 or earlier (not BIFF8) and cannot be read; save it as .xlsx".into(),
                ));
            }
            continue;
        }
        if r.kind == 0x003C && in_sst {
            sst.push(r.data);
            continue;
        }
        in_sst = false;
        match r.kind {
            0x002F => {
                return Err(unreadable(
                    "XLS 工作簿有密码保护（已加密），无法读取。请取消密码后再检查".into(),
                    "the XLS workbook is password-protected (encrypted) and cannot be read; remove the password first"
                        .into(),
                ))
            }
            0x0085 => {
                let offset = u32_at(r.data, 0).unwrap_or(0) as usize;
                let kind = r.data.get(5).copied().unwrap_or(0);
                if let (0, Some(name)) = (kind, short_string(r.data, 6, true)) {
                    sheets.push((name, offset));
                }
            }
            0x041E => {
                if let (Some(id), Some(code)) = (u16_at(r.data, 0), short_string(r.data, 2, false)) {
                    formats.insert(id, NumFmt::parse(&code));
                }
            }
            0x00E0 => xf_ids.push(u16_at(r.data, 2).unwrap_or(0)),
            0x00FC => {
                sst = vec![r.data];
                in_sst = true;
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut strings = Vec::new();
    if let Some(first) = sst.first() {
        let unique = u32_at(first, 4).unwrap_or(0) as usize;
        let mut p = Pieces { segs: sst.clone(), seg: 0, pos: 8 };
        for _ in 0..unique.min(2_000_000) {
            match p.rich_string() {
                Some(s) => strings.push(s),
                None => break,
            }
        }
    }
    let xf_formats =
        xf_ids.iter().map(|id| formats.get(id).copied().unwrap_or_else(|| NumFmt::builtin(u32::from(*id)))).collect();
    Ok(Globals { sheets, strings, xf_formats })
}

fn read_sheet(stream: &[u8], g: &Globals, offset: usize, cells: &mut SheetCells) {
    let fmt = |xf: Option<u16>| xf.and_then(|x| g.xf_formats.get(x as usize)).copied().unwrap_or_default();
    let mut pending_string: Option<(u32, u32)> = None;
    for r in records(stream, offset) {
        if r.at == offset && r.kind != 0x0809 {
            return; // the sheet's offset does not point at its BOF: damaged
        }
        let (row, col, xf) = (u16_at(r.data, 0), u16_at(r.data, 2), u16_at(r.data, 4));
        let pos = row.zip(col).map(|(r, c)| (u32::from(r) + 1, u32::from(c) + 1));
        let put = |cells: &mut SheetCells, text: String| match pos {
            Some((r, c)) => cells.put(r, c, text),
            None => true,
        };
        let go = match r.kind {
            0x00FD => {
                let s = u32_at(r.data, 6).and_then(|i| g.strings.get(i as usize)).cloned().unwrap_or_default();
                put(cells, s)
            }
            0x0203 => match f64_text(r.data, 6) {
                Some(t) => put(cells, display_number(&t, fmt(xf))),
                None => true,
            },
            0x027E => match u32_at(r.data, 6) {
                Some(rk) => put(cells, display_number(&rk_text(rk), fmt(xf))),
                None => true,
            },
            0x00BD => {
                // MULRK: row, first column, (xf, rk)*, last column.
                let n = r.data.len().saturating_sub(6) / 6;
                let mut ok = true;
                for i in 0..n {
                    let at = 4 + 6 * i;
                    if let (Some((row, c0)), Some(x), Some(rk)) =
                        (row.zip(col), u16_at(r.data, at), u32_at(r.data, at + 2))
                    {
                        let text = display_number(&rk_text(rk), fmt(Some(x)));
                        ok &= cells.put(u32::from(row) + 1, u32::from(c0) + 1 + i as u32, text);
                    }
                }
                ok
            }
            0x0006 => {
                // FORMULA: the cached result. 0xFFFF in the top bytes marks a non-number.
                if u16_at(r.data, 12) == Some(0xFFFF) {
                    match r.data.get(6) {
                        Some(0) => {
                            pending_string = pos;
                            true
                        }
                        Some(1) => put(cells, if r.data.get(8) == Some(&1) { "TRUE" } else { "FALSE" }.into()),
                        _ => true,
                    }
                } else {
                    match f64_text(r.data, 6) {
                        Some(t) => put(cells, display_number(&t, fmt(xf))),
                        None => true,
                    }
                }
            }
            0x0207 => match (pending_string.take(), short_string(r.data, 0, false)) {
                (Some((row, col)), Some(s)) => cells.put(row, col, s),
                _ => true,
            },
            0x0204 => put(cells, short_string(r.data, 6, false).unwrap_or_default()),
            0x0205 => match (r.data.get(6), r.data.get(7)) {
                (Some(v), Some(0)) => put(cells, if *v == 1 { "TRUE" } else { "FALSE" }.into()),
                _ => true,
            },
            0x000A => break,
            _ => true,
        };
        if !go {
            break;
        }
    }
}

/// `WordDocument` stream: a legacy Word file.
pub fn legacy_word_issue() -> ReadIssue {
    unreadable(
        "这是旧版 Word 文档（.doc），暂不支持直接读取。请在 Word 或 WPS 中“另存为” .docx 后再检查".into(),
        "this is a legacy Word document (.doc), which cannot be read; save it as .docx in Word or WPS and check that"
            .into(),
    )
}

pub fn read(bytes: &[u8]) -> Document {
    let mut out = Rendering::new("XLS");
    let Some(cfb) = Cfb::open(bytes) else {
        out.issues.push(unreadable(
            "文件是 OLE2 复合文档，但结构已损坏，无法读取。请重新保存为 .xlsx 后再检查".into(),
            "the file is a damaged OLE2 compound document; save it again as .xlsx".into(),
        ));
        return out.into_document();
    };
    let Some(stream) = cfb.stream(&["Workbook", "Book"]) else {
        out.issues.push(if cfb.has_stream("WordDocument") {
            legacy_word_issue()
        } else {
            unreadable(
                "文件是 OLE2 复合文档，但不是 Excel 工作簿（可能是旧版 PowerPoint 等），无法检查".into(),
                "the file is an OLE2 compound document but not an Excel workbook".into(),
            )
        });
        return out.into_document();
    };
    let g = match globals(&stream) {
        Ok(g) => g,
        Err(issue) => {
            out.issues.push(issue);
            return out.into_document();
        }
    };
    if g.sheets.len() > sheet::MAX_SHEETS {
        out.issues.push(too_large(
            format!("工作簿有 {} 个工作表，只读取了前 {} 个", g.sheets.len(), sheet::MAX_SHEETS),
            format!("the workbook has {} sheets; only the first {} were read", g.sheets.len(), sheet::MAX_SHEETS),
        ));
    }
    for (name, offset) in g.sheets.iter().take(sheet::MAX_SHEETS) {
        let mut cells = SheetCells { name: name.clone(), ..Default::default() };
        read_sheet(&stream, &g, *offset, &mut cells);
        out.sheets.push(cells.name.clone());
        let grid = out.sheets.len() as u16;
        sheet::render(&mut out, grid, &cells);
    }
    out.into_document()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_values_are_exact() {
        // 124627 × 1/100, integer form: exactly 1246.27.
        assert_eq!(rk_text(((124_627u32) << 2) | 3), "1246.27");
        assert_eq!(rk_text((7u32 << 2) | 2), "7");
        assert_eq!(rk_text(((-5i32 as u32) << 2) | 2), "-5");
        // 1.5 as a truncated double.
        assert_eq!(rk_text((1.5f64.to_bits() >> 32) as u32), "1.5");
        assert_eq!(rk_text(((10.0f64.to_bits() >> 32) as u32) | 1), "0.1");
    }

    #[test]
    fn records_far_out_of_range_end_cleanly() {
        let stream = [0x09, 0x08, 0x02, 0x00, 0x00, 0x06];
        assert_eq!(records(&stream, usize::MAX - 1).count(), 0);
        assert_eq!(records(&stream, 0).count(), 1);
    }

    #[test]
    fn garbage_is_a_message() {
        for b in [&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], &[0xD0; 600][..], &[0u8; 4096][..]] {
            let d = read(b);
            assert_eq!(d.issues.len(), 1, "{:?}", d.issues);
        }
    }
}
