//! Fonts as far as text extraction needs them: how a shown string splits into character
//! codes, each code's Unicode text (ToUnicode CMap, predefined CJK CMaps, simple encodings)
//! and its advance width (`/W`, `/Widths`, Type3 `/FontMatrix`).

use super::file::PdfFile;
use super::syntax::{Dict, Item, Lexer, Obj};
use std::collections::HashMap;

/// Cap on code → text entries taken from one CMap (a `bfrange` can span 65,536 codes).
const MAX_CMAP_ENTRIES: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Codes {
    /// Simple fonts: one byte per code.
    OneByte,
    /// Identity-H/V and UCS-2/UTF-16 CMaps: two bytes per code.
    TwoByte,
    /// Byte lengths from a CMap's `codespacerange` (or the GBK lead-byte rule).
    Ranges,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Builtin {
    None,
    /// Code is the UTF-16 code unit (UniGB-UCS2-H, UniGB-UTF16-H …).
    Ucs2,
    /// Code is a GBK/GB2312 byte sequence (GBK-EUC-H, GB-EUC-H …).
    Gbk,
}

#[derive(Debug)]
pub struct Font {
    codes: Codes,
    /// (byte length, low, high) code space ranges.
    space: Vec<(usize, u32, u32)>,
    builtin: Builtin,
    to_unicode: HashMap<u32, String>,
    /// Code → CID from an embedded encoding CMap (widths are by CID).
    cids: HashMap<u32, u32>,
    /// Simple fonts: code → text from the encoding.
    simple: Option<Box<[Option<char>; 256]>>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space scale, times 1000 (1 except for Type3).
    width_scale: f64,
    pub vertical: bool,
}

impl Font {
    pub fn load(f: &PdfFile, d: &Dict) -> Font {
        let subtype = f.get(d, b"Subtype").as_name().unwrap_or(b"");
        let mut font = Font {
            codes: Codes::OneByte,
            space: Vec::new(),
            builtin: Builtin::None,
            to_unicode: HashMap::new(),
            cids: HashMap::new(),
            simple: None,
            widths: HashMap::new(),
            default_width: 500.0,
            width_scale: 1.0,
            vertical: false,
        };
        if subtype == b"Type0" {
            font.load_type0(f, d);
        } else {
            font.load_simple(f, d, subtype == b"Type3");
        }
        if let Some(cmap) = f.stream_data(d.get(b"ToUnicode")) {
            // Simple fonts stay one byte per code whatever the CMap's code space claims.
            font.to_unicode = CMap::parse(&cmap).bf;
        }
        font
    }

    fn load_type0(&mut self, f: &PdfFile, d: &Dict) {
        self.default_width = 1000.0;
        match f.get(d, b"Encoding") {
            Obj::Name(n) => {
                let n = n.as_slice();
                self.vertical = n.ends_with(b"-V");
                if n.starts_with(b"Identity") {
                    self.codes = Codes::TwoByte;
                } else if contains(n, b"UCS2") || contains(n, b"UTF16") {
                    self.codes = Codes::TwoByte;
                    self.builtin = Builtin::Ucs2;
                } else if contains(n, b"GB") && (contains(n, b"EUC") || contains(n, b"GBK")) {
                    self.codes = Codes::Ranges;
                    self.builtin = Builtin::Gbk;
                    self.space = vec![(1, 0, 0x80), (2, 0x8140, 0xfefe)];
                } else {
                    self.codes = Codes::TwoByte;
                }
            }
            o @ Obj::Stream(..) => {
                let cmap = f.stream_data(o).map(|b| CMap::parse(&b)).unwrap_or_default();
                self.codes = if cmap.space.is_empty() { Codes::TwoByte } else { Codes::Ranges };
                self.space = cmap.space;
                self.cids = cmap.cid;
            }
            _ => self.codes = Codes::TwoByte,
        }
        let desc = f.get(d, b"DescendantFonts");
        let cid_font = desc.as_array().and_then(|a| a.first()).map(|o| f.resolve(o)).and_then(Obj::as_dict);
        if let Some(cf) = cid_font {
            if let Some(dw) = f.get(cf, b"DW").as_num() {
                self.default_width = dw;
            }
            if let Some(w) = f.get(cf, b"W").as_array() {
                let mut i = 0;
                while i < w.len() && self.widths.len() < MAX_CMAP_ENTRIES {
                    let first = f.resolve(&w[i]).as_num().unwrap_or(0.0).max(0.0) as u32;
                    match w.get(i + 1).map(|o| f.resolve(o)) {
                        Some(Obj::Array(ws)) => {
                            for (k, v) in ws.iter().enumerate() {
                                if let Some(v) = f.resolve(v).as_num() {
                                    self.widths.insert(first.saturating_add(k as u32), v);
                                }
                            }
                            i += 2;
                        }
                        Some(o) => {
                            let last = o.as_num().unwrap_or(0.0).max(0.0) as u32;
                            let v = w.get(i + 2).and_then(|o| f.resolve(o).as_num()).unwrap_or(self.default_width);
                            for c in first..=last.min(first.saturating_add(65_535)) {
                                self.widths.insert(c, v);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    }

    fn load_simple(&mut self, f: &PdfFile, d: &Dict, type3: bool) {
        if type3 {
            if let Some(m) = f.get(d, b"FontMatrix").as_array() {
                if let Some(a) = m.first().and_then(|o| f.resolve(o).as_num()) {
                    self.width_scale = a * 1000.0;
                }
            }
        }
        let first = f.get(d, b"FirstChar").as_num().unwrap_or(0.0).max(0.0) as u32;
        if let Some(ws) = f.get(d, b"Widths").as_array() {
            for (k, v) in ws.iter().enumerate().take(256) {
                if let Some(v) = f.resolve(v).as_num() {
                    self.widths.insert(first.saturating_add(k as u32), v);
                }
            }
        }
        if let Some(fd) = f.dict(d, b"FontDescriptor") {
            if let Some(mw) = f.get(fd, b"MissingWidth").as_num().filter(|w| *w > 0.0) {
                self.default_width = mw;
            }
        }
        let base = f.get(d, b"BaseFont").as_name().unwrap_or(b"");
        if contains(base, b"Courier") {
            self.default_width = 600.0;
        }
        let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
        let (base_enc, diffs) = match f.get(d, b"Encoding") {
            Obj::Name(n) => (n.clone(), None),
            Obj::Dict(e) => {
                (f.get(e, b"BaseEncoding").as_name().unwrap_or(b"").to_vec(), f.get(e, b"Differences").as_array())
            }
            _ => (Vec::new(), None),
        };
        for (i, slot) in table.iter_mut().enumerate() {
            *slot = standard_char(i as u8, &base_enc);
        }
        if let Some(diffs) = diffs {
            let mut code = 0usize;
            for o in diffs {
                match f.resolve(o) {
                    Obj::Num(n) => code = n.max(0.0) as usize,
                    Obj::Name(name) => {
                        if let Some(slot) = table.get_mut(code) {
                            *slot = glyph_name_char(name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        self.simple = Some(table);
    }

    /// Splits shown bytes into codes (with their byte length: 1-byte code 32 gets word spacing).
    pub fn codes(&self, s: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            let n = match self.codes {
                Codes::OneByte => 1,
                Codes::TwoByte => 2,
                Codes::Ranges => self.code_len(&s[i..]),
            };
            let n = n.min(s.len() - i).max(1);
            let code = s[i..i + n].iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
            out.push((code, n));
            i += n;
        }
        out
    }

    fn code_len(&self, s: &[u8]) -> usize {
        for n in 1..=4usize {
            if s.len() < n {
                break;
            }
            let code = s[..n].iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
            if self.space.iter().any(|&(len, lo, hi)| len == n && (lo..=hi).contains(&code)) {
                return n;
            }
        }
        if self.builtin == Builtin::Gbk && s.first().is_some_and(|&b| b >= 0x81) {
            2
        } else {
            1
        }
    }

    fn cid(&self, code: u32) -> u32 {
        if let Some(c) = self.cids.get(&code) {
            return *c;
        }
        // Adobe-GB1 puts printable ASCII at CIDs 1–95; UCS-2 fonts map code → CID that way.
        if self.builtin == Builtin::Ucs2 && (0x20..0x7f).contains(&code) {
            return code - 0x1f;
        }
        code
    }

    /// Advance width in thousandths of text space units.
    pub fn width(&self, code: u32) -> f64 {
        let key = if self.simple.is_some() { code } else { self.cid(code) };
        let w = self.widths.get(&key).copied().unwrap_or(self.default_width);
        w * self.width_scale
    }

    /// The text of a code (empty when the font gives no way to know it).
    pub fn text(&self, code: u32, len: usize) -> String {
        if let Some(t) = self.to_unicode.get(&code) {
            return t.clone();
        }
        match self.builtin {
            Builtin::Ucs2 => return char::from_u32(code).map(String::from).unwrap_or_default(),
            Builtin::Gbk => {
                let bytes = if len == 1 { vec![code as u8] } else { vec![(code >> 8) as u8, code as u8] };
                let (s, _, bad) = encoding_rs::GBK.decode(&bytes);
                return if bad { String::new() } else { s.into_owned() };
            }
            Builtin::None => {}
        }
        if let Some(t) = &self.simple {
            return t.get(code as usize).copied().flatten().map(String::from).unwrap_or_default();
        }
        String::new()
    }
}

fn contains(h: &[u8], n: &[u8]) -> bool {
    h.windows(n.len()).any(|w| w == n)
}

/// Standard/WinAnsi/MacRoman encodings agree on printable ASCII; above it WinAnsi is
/// Latin-1 with a few typographic marks in 0x80–0x9F.
fn standard_char(b: u8, base: &[u8]) -> Option<char> {
    match b {
        0x20..=0x7e => Some(if base == b"StandardEncoding" && b == 0x27 { '’' } else { b as char }),
        0x80..=0x9f if base != b"MacRomanEncoding" => {
            const HIGH: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
            HIGH.chars().nth(usize::from(b - 0x80)).filter(|c| !c.is_control())
        }
        0xa0..=0xff if base != b"MacRomanEncoding" => Some(char::from(b)),
        _ => None,
    }
}

/// Glyph names met in `/Differences`: `uniXXXX`, `uXXXX[XX]`, single letters and the
/// punctuation and digit names of the standard Latin set.
fn glyph_name_char(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    if let Some(h) = n.strip_prefix("uni").or_else(|| n.strip_prefix('u')) {
        if (4..=6).contains(&h.len()) {
            if let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32) {
                return Some(c);
            }
        }
    }
    if n.len() == 1 {
        return n.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("slash", '/'),
        ("plus", '+'),
        ("equal", '='),
        ("underscore", '_'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("asterisk", '*'),
        ("ampersand", '&'),
        ("numbersign", '#'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("bullet", '•'),
        ("periodcentered", '·'),
        ("yen", '¥'),
    ];
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, c)| *c)
}

/// The parts of a CMap that matter here.
#[derive(Debug, Default)]
pub struct CMap {
    pub space: Vec<(usize, u32, u32)>,
    pub bf: HashMap<u32, String>,
    pub cid: HashMap<u32, u32>,
}

fn code_of(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | u32::from(x))
}

/// The codes of a `bfrange`/`cidrange` entry, or `None` for a reversed range or one wider
/// than a two-byte code space (a hostile CMap must not make us fill millions of entries).
fn code_range(lo: &[u8], hi: &[u8]) -> Option<std::ops::RangeInclusive<u32>> {
    let (lo, hi) = (code_of(lo), code_of(hi));
    (lo <= hi && hi - lo <= 65_535).then_some(lo..=hi)
}

fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b.chunks(2).map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0))).collect();
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect()
}

/// UTF-16BE `base` with `off` added to its last code unit (how `bfrange` runs increment).
fn utf16_plus(base: &[u8], off: u32) -> String {
    let mut units: Vec<u16> =
        base.chunks(2).map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0))).collect();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(off as u16);
    }
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect()
}

impl CMap {
    pub fn parse(b: &[u8]) -> CMap {
        let mut cm = CMap::default();
        let mut lx = Lexer::new(b, 0);
        let mut operands: Vec<Obj> = Vec::new();
        let full = |cm: &CMap| cm.bf.len() + cm.cid.len() >= MAX_CMAP_ENTRIES;
        loop {
            match lx.item(0) {
                Item::Eof => break,
                Item::Obj(o) => {
                    if operands.len() < 300_000 {
                        operands.push(o);
                    }
                }
                Item::Keyword(k) => {
                    match k {
                        b"endcodespacerange" => {
                            for p in operands.chunks(2) {
                                if let [Obj::Str(lo), Obj::Str(hi)] = p {
                                    cm.space.push((lo.len(), code_of(lo), code_of(hi)));
                                }
                            }
                        }
                        b"endbfchar" => {
                            for p in operands.chunks(2) {
                                if let [Obj::Str(src), dst] = p {
                                    let t = match dst {
                                        Obj::Str(d) => utf16(d),
                                        Obj::Name(n) => glyph_name_char(n).map(String::from).unwrap_or_default(),
                                        _ => continue,
                                    };
                                    if !full(&cm) {
                                        cm.bf.insert(code_of(src), t);
                                    }
                                }
                            }
                        }
                        b"endbfrange" => {
                            for p in operands.chunks(3) {
                                let [Obj::Str(lo), Obj::Str(hi), dst] = p else { continue };
                                let Some(codes) = code_range(lo, hi) else { continue };
                                for (k, code) in codes.enumerate() {
                                    if full(&cm) {
                                        break;
                                    }
                                    let t = match dst {
                                        Obj::Str(d) => utf16_plus(d, k as u32),
                                        Obj::Array(a) => match a.get(k) {
                                            Some(Obj::Str(d)) => utf16(d),
                                            _ => break,
                                        },
                                        _ => break,
                                    };
                                    cm.bf.insert(code, t);
                                }
                            }
                        }
                        b"endcidchar" => {
                            for p in operands.chunks(2) {
                                if let [Obj::Str(src), Obj::Num(c)] = p {
                                    cm.cid.insert(code_of(src), c.max(0.0) as u32);
                                }
                            }
                        }
                        b"endcidrange" => {
                            for p in operands.chunks(3) {
                                let [Obj::Str(lo), Obj::Str(hi), Obj::Num(c)] = p else { continue };
                                let Some(codes) = code_range(lo, hi) else { continue };
                                for (k, code) in codes.enumerate() {
                                    if full(&cm) {
                                        break;
                                    }
                                    cm.cid.insert(code, (c.max(0.0) as u32).saturating_add(k as u32));
                                }
                            }
                        }
                        _ => {}
                    }
                    operands.clear();
                }
                Item::ArrayEnd | Item::DictEnd => {}
            }
        }
        cm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_ranges_and_arrays() {
        let src = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <4E00> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<2F00> <D835DC00>] endbfrange";
        let cm = CMap::parse(src);
        assert_eq!(cm.space, vec![(2, 0, 0xffff)]);
        assert_eq!(cm.bf[&3], " ");
        assert_eq!(cm.bf[&0x10], "一");
        assert_eq!(cm.bf[&0x22], "C");
        assert_eq!(cm.bf[&0x30], "⼀");
        assert_eq!(cm.bf[&0x31], "\u{1d400}");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_char(b"uni4E00"), Some('一'));
        assert_eq!(glyph_name_char(b"seven"), Some('7'));
        assert_eq!(glyph_name_char(b"A"), Some('A'));
        assert_eq!(glyph_name_char(b"g123"), None);
    }
}
